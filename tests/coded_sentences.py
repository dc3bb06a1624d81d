"""Made-up sentences coded by the real pipeline, read as (type, modality) pairs: shared by the
tests of false readings (verb senses, modality, precision rules)."""

from __future__ import annotations

from polemos.eval.events import SentenceCoder

PUBLISHED = "2024-05-01"  # a Wednesday


def kinds(coder: SentenceCoder, text: str) -> list[tuple[str, str]]:
    record, _doc = coder.code_one(text, PUBLISHED)
    return [(e.type, e.modality) for e in record.events]


def types(coder: SentenceCoder, text: str) -> set[str]:
    return {t for t, _ in kinds(coder, text)}
