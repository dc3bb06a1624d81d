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

from polemos.numbers import NUMBER_PATTERN, TENS, UNITS, parse_number

VAGUE_RANGES = {
    "a few": (2, 5), "a handful": (3, 9), "several": (3, 9), "dozens": (24, 99),
    "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}
_VAGUE = (
    r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands"
    r"|millions|several|a\s+few|a\s+handful)"
)
_LOWER_INCLUSIVE = r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of"
_LOWER_EXCLUSIVE = r"more\s+than|over|upwards\s+of|in\s+excess\s+of|well\s+over|just\s+over"
_UPPER_INCLUSIVE = r"up\s+to|at\s+most|no\s+more\s+than|a\s+maximum\s+of"
_UPPER_EXCLUSIVE = r"fewer\s+than|less\s+than|under|just\s+under"
_APPROXIMATE = r"about|around|approximately|roughly|some|an\s+estimated|estimated|nearly|almost|close\s+to|circa"
_QUALIFIER = rf"(?:{_LOWER_INCLUSIVE}|{_LOWER_EXCLUSIVE}|{_UPPER_INCLUSIVE}|{_UPPER_EXCLUSIVE}|{_APPROXIMATE})"
_RANGE = (
    rf"between\s+(?P<low>{NUMBER_PATTERN})\s+and\s+(?P<high>{NUMBER_PATTERN})"
    rf"|(?P<low2>{NUMBER_PATTERN})\s*(?:-|–|to)\s*(?P<high2>{NUMBER_PATTERN})"
)

# "twenty-five" is one number, not the range twenty to five
_COMPOUND = re.compile(
    rf"(?:{'|'.join(TENS)})\s*-\s*(?:{'|'.join(w for w, v in UNITS.items() if 1 <= v <= 9)})", re.IGNORECASE)

AMOUNT_RE = re.compile(
    rf"(?:\b(?P<qualifier>{_QUALIFIER})\s+)?(?:(?P<range>{_RANGE})|\b(?P<vague>{_VAGUE})\b|(?P<number>{NUMBER_PATTERN}))",
    re.IGNORECASE,
)


@dataclass
class Amount:
    start: int
    end: int
    min: Optional[float]
    max: Optional[float]
    number_start: int  # where the number itself begins (after any qualifier)


def find_amounts(text: str) -> list[Amount]:
    """Every number phrase in ``text`` with the value range it stands for."""
    amounts = []
    for match in AMOUNT_RE.finditer(text):
        bounds = _bounds(match)
        if bounds is None:
            continue
        number_start = match.start("range") if match.group("range") else \
            match.start("vague") if match.group("vague") else match.start("number")
        amounts.append(Amount(match.start(), match.end(), *bounds, number_start))
    return amounts


def _bounds(match: re.Match) -> Optional[tuple[Optional[float], Optional[float]]]:
    if match.group("range") and _COMPOUND.fullmatch(match.group("range")):
        value = parse_number(match.group("range"))
        return None if value is None else _qualified(match.group("qualifier"), value, value)
    if match.group("range"):
        low = parse_number(match.group("low") or match.group("low2"))
        high = parse_number(match.group("high") or match.group("high2"))
        if low is None or high is None or high <= low:
            return None
        return low, high
    if match.group("vague"):
        low, high = VAGUE_RANGES[" ".join(match.group("vague").lower().split())]
    else:
        value = parse_number(match.group("number"))
        if value is None:
            return None
        low = high = value
    return _qualified(match.group("qualifier"), low, high)


def _qualified(qualifier: Optional[str], low: float, high: float) -> tuple[Optional[float], Optional[float]]:
    if not qualifier:
        return low, high
    word = " ".join(qualifier.lower().split())
    if re.fullmatch(_LOWER_INCLUSIVE, word):
        return low, None
    if re.fullmatch(_LOWER_EXCLUSIVE, word):
        return low, None  # the bound as written: "more than 100,000" is shown "> 100,000"
    if re.fullmatch(_UPPER_INCLUSIVE, word):
        return None, high
    if re.fullmatch(_UPPER_EXCLUSIVE, word):
        return None, high - 1
    if word in {"nearly", "almost", "close to"}:
        return round(low * 0.9), high
    return round(low * 0.9), round(high * 1.1)
