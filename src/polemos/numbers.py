"""Numbers written in words or digits: "forty-four", "one hundred thousand", "12,000", "1.5 million".

Shared by the ``time`` stage ("forty-four-day war", "within twenty-four hours") and the
``figures`` stage ("over one hundred thousand Armenians"), which are siblings in the
pipeline, so the parser lives here rather than in either of them.

``NUMBER_PATTERN`` is a regular expression (to be compiled with ``re.IGNORECASE``)
matching one number expression; ``parse_number`` turns its text into a value.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple, Optional

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Words that stand for a number on their own ("a dozen", "a couple of").
COUNT_NOUNS = {"dozen": 12, "couple": 2, "pair": 2, "score": 20}
ARTICLES = {"a": 1, "an": 1}
FRACTIONS = {"half": 0.5, "quarter": 0.25}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = "|".join(SCALES)
_WORD_NUMBER = (
    rf"(?:{_WORD}|{_SCALE})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}|{_SCALE})\b)*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DIGIT_NUMBER = rf"(?:{_DIGITS})(?:\s*(?:{_SCALE}|m\b|bn\b|k\b))?"
_ARTICLE_SCALE = rf"an?\s+(?:{_SCALE}|dozen)"

#: One number expression, in digits, words, or both ("1.5 million", "a hundred").
NUMBER_PATTERN = rf"\b(?:{_DIGIT_NUMBER}|{_ARTICLE_SCALE}|{_WORD_NUMBER})\b"
_NUMBER_RE = re.compile(NUMBER_PATTERN, re.IGNORECASE)
_SUFFIX_SCALES = {"m": 1_000_000, "bn": 1_000_000_000, "k": 1_000}


class NumberMatch(NamedTuple):
    start: int
    end: int
    value: float


# Larger values are digit strings (serial numbers, hashes, noise), never a count or a
# quantity in prose; rejecting them keeps every value storable as a 64-bit integer.
LARGEST_NUMBER = 1e15


def parse_number(text: str) -> Optional[float]:
    """The value of a number phrase, or None when it is not one.

    >>> parse_number("forty-four"), parse_number("12,000"), parse_number("1.5 million")
    (44, 12000, 1500000.0)
    """
    words = re.findall(r"[a-z]+|\d[\d,]*(?:\.\d+)?", text.lower())
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word == "and":
            continue
        if word[0].isdigit():
            current += float(word.replace(",", ""))
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ARTICLES or word in COUNT_NOUNS:
            current = max(current, 1) * COUNT_NOUNS.get(word, 1) if word in COUNT_NOUNS else 1
        elif word in SCALES or word in _SUFFIX_SCALES:
            scale = SCALES.get(word) or _SUFFIX_SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    if not value <= LARGEST_NUMBER:  # also catches inf and nan
        return None
    return int(value) if value == int(value) else value


def find_numbers(text: str) -> Iterator[NumberMatch]:
    """Every number expression in ``text`` with its character span and value."""
    for match in _NUMBER_RE.finditer(text):
        value = parse_number(match.group(0))
        if value is not None:
            yield NumberMatch(match.start(), match.end(), value)


_AT_LEAST = re.compile(r"\b(?:at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of)\b", re.IGNORECASE)


def format_figure(low: Optional[float], high: Optional[float], text: Optional[str] = None) -> str:
    """A count as a reader expects it: "12", "243–271", "> 100,000" ("more than 100,000",
    an open upper bound) or "≥ 30" when the source said "at least 30"; "" when unknown.

    >>> format_figure(100000, None), format_figure(243, 271), format_figure(30, None, "at least 30")
    ('> 100,000', '243–271', '≥ 30')
    """
    if low is None:
        return "" if high is None else f"≤ {_grouped(high)}"
    if high is None:
        sign = "≥" if text and _AT_LEAST.search(text) else ">"
        return f"{sign} {_grouped(low)}"
    return _grouped(low) if high == low else f"{_grouped(low)}–{_grouped(high)}"


def _grouped(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"
