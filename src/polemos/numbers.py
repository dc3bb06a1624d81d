"""Numbers written in words or digits: "forty-four", "one hundred thousand", "12,000", "1.5 million".

Shared by the ``time`` stage ("forty-four-day war", "within twenty-four hours") and the
``figures`` stage ("over one hundred thousand Armenians"), which are siblings in the
pipeline, so the parser lives here rather than in either of them.

``NumberWords(language)`` reads a language's number words (``lang/<code>/numbers.csv``): its
``pattern`` matches one number expression and ``parse`` turns its text into a value.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple, Optional

from polemos.lang import NOTHING, LanguageData, alternation

#: Digits with thousands separators and decimals: "12,000", "1.5".
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Larger values are digit strings (serial numbers, hashes, noise), never a count or a
# quantity in prose; rejecting them keeps every value storable as a 64-bit integer.
LARGEST_NUMBER = 1e15


_TOKEN = re.compile(r"[^\W\d_]+|\d[\d,]*(?:\.\d+)?")


def _words(text: str) -> list[str]:
    """The words and digit groups of ``text``: a word is a run of letters of any alphabet
    ("zwölf"); other characters a word token may hold ("²", "½") part words, as any
    non-letter does."""
    words = []
    for token in _TOKEN.findall(text):
        if token[0].isdecimal():
            words.append(token)  # "12,000", "1.5"
        else:
            words.extend("".join(char if char.isalpha() else " " for char in token).split())
    return words


class NumberMatch(NamedTuple):
    start: int
    end: int
    value: float


class NumberWords:
    """The number words of a language (``numbers.csv`` of its folder), and the parser built on them.

    ``pattern`` is a regular expression (to be compiled with ``re.IGNORECASE``) matching one
    number expression; ``parse`` turns its text into a value.
    """

    def __init__(self, language: LanguageData):
        self.ones = language.numbers("numbers.ones")  # "zero" … "nineteen"
        self.tens = language.numbers("numbers.tens")
        self.scales = language.numbers("numbers.scale")
        # Words that stand for a number on their own ("a dozen", "a couple of").
        self.count_nouns = language.numbers("numbers.count_noun")
        self.articles = language.numbers("numbers.article")
        self.suffix_scales = language.numbers("numbers.suffix_scale")  # "1.5m", "2bn", "10k"
        self.joiners = language.words("numbers.joiner")  # "one hundred and twenty"
        word = alternation([*self.ones, *self.tens])
        scale = alternation(self.scales)
        joiner = alternation(self.joiners)
        word_number = rf"(?:{word}|{scale})(?:(?:[\s-]+|\s+{joiner}\s+)(?:{word}|{scale})\b)*"
        suffix = "|".join(rf"{re.escape(suffix)}\b" for suffix in self.suffix_scales) or NOTHING
        digit_number = rf"(?:{_DIGITS})(?:\s*(?:{scale}|{suffix}))?"
        article_scale = (
            rf"{alternation(self.articles)}\s+"
            rf"(?:{scale}|{alternation(language.words('numbers.article_count'))})"
        )
        #: One number expression, in digits, words, or both ("1.5 million", "a hundred").
        self.pattern = rf"\b(?:{digit_number}|{article_scale}|{word_number})\b"
        self._regex = re.compile(self.pattern, re.IGNORECASE)

    def parse(self, text: str) -> Optional[float]:
        """The value of a number phrase, or None when it is not one.

        >>> english = NumberWords(LanguageData.load("en"))
        >>> english.parse("forty-four"), english.parse("12,000"), english.parse("1.5 million")
        (44, 12000, 1500000.0)
        """
        words = _words(text.lower())
        if not words:
            return None
        total, current, seen = 0.0, 0.0, False
        for word in words:
            if word in self.joiners:
                continue
            if word[0].isdigit():
                current += float(word.replace(",", ""))
            elif word in self.ones:
                current += self.ones[word]
            elif word in self.tens:
                current += self.tens[word]
            elif word in self.articles or word in self.count_nouns:
                current = max(current, 1) * self.count_nouns.get(word, 1) if word in self.count_nouns else 1
            elif word in self.scales or word in self.suffix_scales:
                scale = self.scales.get(word) or self.suffix_scales[word]
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

    def find(self, text: str) -> Iterator[NumberMatch]:
        """Every number expression in ``text`` with its character span and value."""
        for match in self._regex.finditer(text):
            value = self.parse(match.group(0))
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
