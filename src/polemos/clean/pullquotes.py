"""Pull quotes and scraped duplicates: passages printed twice in one body.

Magazines lift a sentence out of the running text and print it again in large type; scrapers
keep both copies, and some pages repeat whole paragraphs. Either way the facts in the copy
would be counted twice. A short standalone paragraph whose words are mostly covered by word trigrams of
one longer paragraph is the lifted copy (pull quotes are often lightly edited, so the match is
by shared trigrams, not equality); an exact repeat of any paragraph is a duplicate, and
the first copy is kept.
"""

from __future__ import annotations

from collections import defaultdict

from polemos.clean.blocks import HEADING, PARAGRAPH, Block, Extraction
from polemos.clean.repair import normalise_for_matching

PULL_QUOTE_REASON = "pull quote repeating a passage of the running text"
DUPLICATE_REASON = "paragraph repeated in the body"


def _trigram_list(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + 3]) for i in range(len(words) - 2)]


class PullQuoteFilter:
    def __init__(
        self,
        min_words: int = 6,
        max_words: int = 60,
        containment: float = 0.7,
        min_duplicate_words: int = 10,
        original_ratio: float = 1.5,
    ):
        self.min_words = min_words
        self.max_words = max_words
        self.containment = containment
        self.min_duplicate_words = min_duplicate_words
        self.original_ratio = original_ratio

    def apply(self, extraction: Extraction) -> None:
        blocks = extraction.blocks
        words = [normalise_for_matching(block.text).split() for block in blocks]
        reasons = self._duplicates(blocks, words)
        reasons.update(self._pull_quotes(blocks, words, set(reasons)))
        kept: list[Block] = []
        for index, block in enumerate(blocks):
            if index in reasons:
                extraction.remove("pull_quote", block.text, reasons[index])
            else:
                kept.append(block)
        extraction.blocks = kept

    def _duplicates(self, blocks: list[Block], words: list[list[str]]) -> dict[int, str]:
        seen: set[str] = set()
        found: dict[int, str] = {}
        for index, (block, tokens) in enumerate(zip(blocks, words)):
            if block.kind != PARAGRAPH or len(tokens) < self.min_duplicate_words:
                continue
            key = " ".join(tokens)
            if key in seen:
                found[index] = DUPLICATE_REASON
            seen.add(key)
        return found

    def _pull_quotes(self, blocks: list[Block], words: list[list[str]], gone: set[int]) -> dict[int, str]:
        trigram_lists = [_trigram_list(tokens) for tokens in words]
        holders: dict[tuple, set[int]] = defaultdict(set)
        for index, (block, trigrams) in enumerate(zip(blocks, trigram_lists)):
            if block.kind != HEADING and index not in gone:
                for trigram in trigrams:
                    holders[trigram].add(index)
        found: dict[int, str] = {}
        for index, (block, tokens) in enumerate(zip(blocks, words)):
            if block.kind != PARAGRAPH or index in gone:
                continue
            if not self.min_words <= len(tokens) <= self.max_words:
                continue
            if (
                self._best_coverage(index, trigram_lists, holders, words, found, self._original_length(len(tokens)))
                >= self.containment
            ):
                found[index] = PULL_QUOTE_REASON
        return found

    def _original_length(self, quote_words: int) -> int:
        """Fewest words a paragraph needs to be the running text a quote was lifted from:
        clearly longer, so sibling sentences built on one template ("Here is a ... comparison")
        are not taken for each other's copies."""
        return max(quote_words + 8, int(quote_words * self.original_ratio))

    @staticmethod
    def _best_coverage(
        index: int,
        trigram_lists: list[list[tuple]],
        holders: dict[tuple, set[int]],
        words: list[list[str]],
        found: dict[int, str],
        min_original: int,
    ) -> float:
        """Largest share of the paragraph's words covered by trigrams it shares with one
        clearly longer paragraph that is still in the body."""
        positions: dict[int, set[int]] = defaultdict(set)
        for position, trigram in enumerate(trigram_lists[index]):
            for other in holders[trigram]:
                if other != index and other not in found and len(words[other]) >= min_original:
                    positions[other].update((position, position + 1, position + 2))
        if not positions:
            return 0.0
        return max(len(covered) for covered in positions.values()) / len(words[index])
