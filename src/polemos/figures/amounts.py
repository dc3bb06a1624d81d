"""Number phrases and the range of values they stand for.

Conventions (``min``/``max`` of a ``Quantity``; ``None`` means unbounded):

* an exact number ("12,000", "forty-four") -> min = max = the number;
* "at least N", "no fewer than N", "more than N", "over N", "upwards of N",
  "in excess of N" -> min N, max None (a lower bound, shown "≥ N" or "> N");
* "up to N", "at most N", "no more than N" -> min None, max N; "fewer/less than N",
  "under N" -> max N - 1;
* "about/around/approximately/roughly/some/an estimated N" -> N - 10 % .. N + 10 %;
  "nearly/almost/close to N" -> N - 10 % .. N;
* "between N and M", "N to M", "N-M" -> N .. M;
* vague counts: "a few" 2..5, "several" 3..9, "a dozen" 12, "dozens" 24..99,
  "scores" 40..99, "hundreds" 200..999, "thousands" 2,000..9,999,
  "tens of thousands" 20,000..99,999, "hundreds of thousands" 200,000..999,999,
  "millions" 2,000,000..9,999,999.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from polemos.figures.words import FigureWords
from polemos.lang import alternation


@dataclass
class Amount:
    start: int
    end: int
    min: Optional[float]
    max: Optional[float]
    number_start: int  # where the number itself begins (after any qualifier)


class AmountReader:
    """Finds number phrases and the range of values they stand for, in one language."""

    def __init__(self, words: FigureWords):
        self.words = words
        number = words.numbers.pattern
        range_ = words.patterns.range  # "between 30 and 40", "30 to 40", "30-40"
        # "twenty-five" is one number, not the range twenty to five
        digits = alternation(word for word, value in words.numbers.ones.items() if 1 <= value <= 9)
        self._compound = re.compile(rf"{alternation(words.numbers.tens)}\s*-\s*{digits}", re.IGNORECASE)
        self._amount = re.compile(
            rf"(?:\b(?P<qualifier>{words.qualifier})\s+)?(?:(?P<range>{range_})|\b(?P<vague>{words.vague})\b"
            rf"|(?P<number>{number}))",
            re.IGNORECASE,
        )

    def find(self, text: str) -> list[Amount]:
        """Every number phrase in ``text`` with the value range it stands for."""
        amounts = []
        for match in self._amount.finditer(text):
            bounds = self._bounds(match)
            if bounds is None:
                continue
            number_start = (
                match.start("range")
                if match.group("range")
                else match.start("vague")
                if match.group("vague")
                else match.start("number")
            )
            amounts.append(Amount(match.start(), match.end(), *bounds, number_start))
        return amounts

    def _bounds(self, match: re.Match) -> Optional[tuple[Optional[float], Optional[float]]]:
        parse = self.words.numbers.parse
        if match.group("range") and self._compound.fullmatch(match.group("range")):
            value = parse(match.group("range"))
            return None if value is None else self._qualified(match.group("qualifier"), value, value)
        if match.group("range"):
            low = parse(match.group("low") or match.group("low2"))
            high = parse(match.group("high") or match.group("high2"))
            if low is None or high is None or high <= low:
                return None
            return low, high
        if match.group("vague"):
            low, high = self.words.vague_ranges[" ".join(match.group("vague").lower().split())]
        else:
            value = parse(match.group("number"))
            if value is None:
                return None
            low = high = value
        return self._qualified(match.group("qualifier"), low, high)

    def _qualified(self, qualifier: Optional[str], low: float, high: float) -> tuple[Optional[float], Optional[float]]:
        if not qualifier:
            return low, high
        word = " ".join(qualifier.lower().split())
        if word in self.words.at_least:
            return low, None
        if word in self.words.more_than:
            return low, None  # the bound as written: "more than 100,000" is shown "> 100,000"
        if word in self.words.at_most:
            return None, high
        if word in self.words.less_than:
            return None, high - 1
        if word in self.words.nearly:
            return round(low * 0.9), high
        return round(low * 0.9), round(high * 1.1)
