"""Named days of the year ("Thanksgiving", "Christmas", "Easter") from a language's ``tables/time_holidays.csv``,
each found by its language's ``holiday`` pattern (``patterns/time.toml``) around the holiday's own."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Optional

from polemos.time.grammar import Candidate
from polemos.time.lexicon import TimeWords

_PRIORITY = 5  # after explicit dates, before bare years and weekdays


@dataclass(frozen=True)
class Holiday:
    name: str
    pattern: str
    rule: str
    month: Optional[int]
    day: Optional[int]

    def on(self, year: int) -> date:
        """The holiday's date in ``year``."""
        kind, _, argument = self.rule.partition(":")
        if kind == "fixed":
            return date(year, self._month(), self._day())
        if kind == "nth_weekday":
            weekday, nth = map(int, argument.split(":"))
            return nth_weekday(year, self._month(), weekday, nth)
        if kind == "us_election":
            return nth_weekday(year, 11, 0, 1) + timedelta(days=1)
        if kind == "easter":
            return easter(year) + timedelta(days=int(argument or 0))
        raise ValueError(f"unknown holiday rule {self.rule!r}")

    def _month(self) -> int:
        if self.month is None:
            raise ValueError(f"holiday rule {self.rule!r} needs a month")
        return self.month

    def _day(self) -> int:
        if self.day is None:
            raise ValueError(f"holiday rule {self.rule!r} needs a day")
        return self.day


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` (1-based; -1 for the last) ``weekday`` (Monday = 0) of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


class Holidays:
    """Finds holiday names in text as candidates of kind ``holiday``."""

    def __init__(self, holidays: list[Holiday], words: TimeWords):
        self.by_name = {holiday.name: holiday for holiday in holidays}
        self._patterns = [
            (
                holiday.name,
                re.compile(
                    words.patterns.fill("holiday", words.patterns.holiday, holiday=holiday.pattern), re.IGNORECASE
                ),
            )
            for holiday in holidays
        ]
        # One pass that finds whether any holiday is named at all; most texts name none, and
        # trying every holiday's pattern at every character costs more than the rest of the stage.
        names = "|".join(f"(?:{holiday.pattern})" for holiday in holidays)
        self._any_named = re.compile(rf"\b(?:{names})\b", re.IGNORECASE) if holidays else None

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]], words: TimeWords) -> "Holidays":
        return cls(
            [
                Holiday(
                    row["name"],
                    row["pattern"],
                    row["rule"],
                    int(row["month"]) if row["month"] else None,
                    int(row["day"]) if row["day"] else None,
                )
                for row in rows
            ],
            words,
        )

    @classmethod
    def from_csv(cls, path: Path | str, words: TimeWords) -> "Holidays":
        with open(path, newline="", encoding="utf-8") as handle:
            return cls.from_rows(csv.DictReader(handle), words)

    def candidates(self, text: str) -> list[Candidate]:
        if self._any_named is None or self._any_named.search(text) is None:
            return []
        found = []
        for name, pattern in self._patterns:
            for match in pattern.finditer(text):
                groups = {k: v for k, v in match.groupdict().items() if v}
                groups["holiday"] = name
                found.append(Candidate("holiday", match.start(), match.end(), groups, _PRIORITY))
        return found
