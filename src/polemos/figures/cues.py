"""The cue lexicon (``lang/<code>/tables/figures_cues.csv``): words that say what a count of people counts.

Each row has a ``word`` (a lemma), an optional ``category`` (dead, injured, displaced,
arrested, troops) and an optional ``unit`` (people, soldiers, civilians, refugees, ...).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from polemos.figures.words import FigureWords


@dataclass(frozen=True)
class Cue:
    category: Optional[str]
    unit: Optional[str]


class CueLexicon:
    def __init__(self, cues: dict[str, Cue], words: FigureWords):
        self.cues = cues
        self.irregular = words.irregular
        self.suffixes = words.suffixes

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]], words: FigureWords) -> "CueLexicon":
        return cls({row["word"].lower(): Cue(row["category"] or None, row["unit"] or None) for row in rows}, words)

    @classmethod
    def from_csv(cls, path: Path | str, words: FigureWords) -> "CueLexicon":
        with open(path, newline="", encoding="utf-8") as handle:
            return cls.from_rows(csv.DictReader(handle), words)

    @classmethod
    def of_language(cls, words: FigureWords) -> "CueLexicon":
        """The lexicon of the language ``words`` were read from."""
        return cls.from_rows(words.cue_rows, words)

    def lookup(self, word: str, lemma: Optional[str] = None) -> Optional[Cue]:
        """The cue for a word, by its lemma when known, else by stripping common endings."""
        for form in ([lemma.lower()] if lemma else []) + lemma_guesses(word, self.irregular, self.suffixes):
            if form in self.cues:
                return self.cues[form]
        return None


def lemma_guesses(word: str, irregular: dict[str, str], suffixes: tuple[str, ...]) -> list[str]:
    """Candidate lemmas of a word without a parser ("killed" -> kill, "refugees" -> refugee): the
    ``irregular`` forms' lemmas, and the word without each of its ``suffixes``."""
    word = word.lower()
    guesses = [word, irregular.get(word, word)]
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            guesses += [stem, stem + "e", stem + "y"]
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "kidnapped" -> "kidnap"
                guesses.append(stem[:-1])
    return guesses
