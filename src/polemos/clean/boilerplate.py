"""Removal of site furniture from the body: newsletter and cookie prompts, comment forms,
share/follow lines, "Original post" markers and the like.

Patterns live in a language's ``tables/clean_boilerplate.csv`` (``polemos/lang/en/`` for
English; pattern, reason, source) and only ever
match short blocks, so an article paragraph that happens to mention "subscribe" survives.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from polemos.clean.blocks import HEADING, Block, Extraction
from polemos.clean.words import CleanWords
from polemos.lang import LanguageData

_ORIGINAL_POST_REASON = "original post marker"
_URL = re.compile(r"https?://[^\s)\]>\"']+")


@dataclass(frozen=True)
class BoilerplatePattern:
    regex: re.Pattern
    reason: str
    source: str


def load_boilerplate_patterns(
    path: Optional[Path], language: LanguageData, table: str = "clean_boilerplate"
) -> list[BoilerplatePattern]:
    """Read a pattern table: the file at ``path``, else the language's ``table``."""
    if path is None:
        rows = language.rows(table)
    else:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    return [
        BoilerplatePattern(re.compile(row["pattern"], re.IGNORECASE), row["reason"], row["source"])
        for row in rows
        if row.get("pattern")
    ]


def _has_emoji(text: str) -> bool:
    return any(unicodedata.category(ch) == "So" and ord(ch) >= 0x2600 for ch in text)


class BoilerplateFilter:
    """Whole short blocks matching ``patterns`` go; so does the run of short blocks after the
    article's last paragraph once boilerplate starts there; and a link list glued to the end of
    the last paragraph (``trailers`` mark where it starts) is cut off. A short line with an emoji
    is a prompt when it holds one of the language's calls to action (``words``)."""

    def __init__(
        self,
        patterns: list[BoilerplatePattern],
        words: CleanWords,
        trailers: Optional[list[BoilerplatePattern]] = None,
        max_words: int = 60,
        substantial_words: int = 20,
        max_trailer_words: int = 80,
    ):
        self.patterns = patterns
        self.words = words
        self.trailers = trailers or []
        self.max_words = max_words
        self.substantial_words = substantial_words
        self.max_trailer_words = max_trailer_words

    def reason_for(self, text: str) -> Optional[str]:
        """Why a block is boilerplate, or None when it is article text."""
        words = len(text.split())
        if words == 0 or words > self.max_words:
            return None
        plain = text.strip(" *_#>-|")
        for pattern in self.patterns:
            if pattern.regex.search(plain):
                return pattern.reason
        # An emoji on a short line is a prompt only with a call to action (emoji also serve as bullets).
        if words <= 15 and _has_emoji(text) and self.words.call_to_action.search(text):
            return "emoji prompt"
        return None

    def apply(self, extraction: Extraction) -> None:
        """Move boilerplate blocks from ``extraction.blocks`` to ``extraction.removed``."""
        reasons = [self.reason_for(block.text) for block in extraction.blocks]
        tail_start = self._tail_start(extraction.blocks, reasons)
        kept: list[Block] = []
        for index, (block, reason) in enumerate(zip(extraction.blocks, reasons)):
            if reason is None and index >= tail_start:
                reason = "short text in the boilerplate tail after the article"
            if reason is None:
                kept.append(block)
                continue
            if reason == _ORIGINAL_POST_REASON and extraction.url is None:
                extraction.url = _first_url(block)
            extraction.remove("boilerplate", block.text, reason)
        extraction.blocks = kept
        self._cut_trailer(extraction)

    def _cut_trailer(self, extraction: Extraction) -> None:
        body = [block for block in extraction.blocks if block.kind != HEADING]
        if not body or not self.trailers:
            return
        last = body[-1]
        starts = [(m.start(), p.reason) for p in self.trailers for m in [p.regex.search(last.text)] if m]
        if not starts:
            return
        start, reason = min(starts)
        head, tail = last.text[:start].rstrip(" (-|:;,"), last.text[start:]
        if len(head.split()) >= 10 and len(tail.split()) <= self.max_trailer_words:
            last.text = head
            extraction.remove("boilerplate", tail, reason)

    def _tail_start(self, blocks: list[Block], reasons: list[Optional[str]]) -> int:
        """Index of the first boilerplate block after the last substantial paragraph: short
        blocks from there on (sign-up headings, button labels) belong to the page, not the
        article."""
        last_substantial = -1
        for index, (block, reason) in enumerate(zip(blocks, reasons)):
            if reason is None and block.kind != HEADING and len(block.text.split()) >= self.substantial_words:
                last_substantial = index
        for index in range(last_substantial + 1, len(blocks)):
            if reasons[index] is not None:
                return index
        return len(blocks)


def _first_url(block: Block) -> Optional[str]:
    for link in block.links:
        if link.startswith(("http://", "https://")):
            return link
    match = _URL.search(block.text)
    return match.group(0).rstrip(".,;") if match else None
