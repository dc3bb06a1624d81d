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


def assert_only_the_true_reading(coder: SentenceCoder, false_reading: str, true_reading: str, event) -> None:
    """``event``, a type or a (type, modality) pair, is read in ``true_reading`` and not in
    ``false_reading``, where the same word means something else (or the act is not done)."""
    read = kinds if isinstance(event, tuple) else types
    in_false, in_true = read(coder, false_reading), read(coder, true_reading)
    assert event not in in_false, f"{event} read in {false_reading!r}: {in_false}"
    assert event in in_true, f"{event} not read in {true_reading!r}: {in_true}"
