"""The cue lexicon (``data/figures_cues.csv``): words that say what a count of people counts.

Each row has a ``word`` (a lemma), an optional ``category`` (dead, injured, displaced,
arrested, troops) and an optional ``unit`` (people, soldiers, civilians, refugees, ...).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

_SUFFIXES = ("ies", "es", "s", "ed", "d", "ing")


@dataclass(frozen=True)
class Cue:
    category: Optional[str]
    unit: Optional[str]


class CueLexicon:
    def __init__(self, cues: dict[str, Cue]):
        self.cues = cues

    @classmethod
    def from_csv(cls, path: Path | str) -> "CueLexicon":
        with open(path, newline="", encoding="utf-8") as handle:
            return cls({
                row["word"].lower(): Cue(row["category"] or None, row["unit"] or None)
                for row in csv.DictReader(handle)
            })

    @classmethod
    def packaged(cls) -> "CueLexicon":
        with resources.as_file(resources.files("polemos") / "data" / "figures_cues.csv") as path:
            return cls.from_csv(path)

    def lookup(self, word: str, lemma: Optional[str] = None) -> Optional[Cue]:
        """The cue for a word, by its lemma when known, else by stripping common endings."""
        for form in ([lemma.lower()] if lemma else []) + lemma_guesses(word):
            if form in self.cues:
                return self.cues[form]
        return None


IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "people", "lives": "life",
             "fled": "flee", "held": "hold", "died": "die", "dying": "die", "sent": "send",
             "policemen": "policeman", "gunmen": "gunman", "militiamen": "militiaman", "bodies": "body",
             "casualties": "casualty", "fatalities": "fatality", "injuries": "injury", "shot": "shoot",
             "slain": "slay"}


def lemma_guesses(word: str) -> list[str]:
    """Candidate lemmas of an English word without a parser ("killed" -> kill, "refugees" -> refugee)."""
    word = word.lower()
    guesses = [word, IRREGULAR.get(word, word)]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            guesses += [stem, stem + "e", stem + "y"]
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "kidnapped" -> "kidnap"
                guesses.append(stem[:-1])
    return guesses
