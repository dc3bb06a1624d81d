"""TIMEX3 values: building them from calendar arithmetic and reading back the days they cover."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift_value(anchor: date, unit: str, amount: int) -> str:
    """The value ``amount`` units away from ``anchor`` at that unit's granularity.

    ``unit`` is one of D, W, M, Q, Y, DE (decade), CE (century).
    """
    if unit == "D":
        return day_value(anchor + timedelta(days=amount))
    if unit == "W":
        return week_value(anchor + timedelta(weeks=amount))
    if unit == "M":
        shifted = add_months(anchor, amount)
        return month_value(shifted.year, shifted.month)
    if unit == "Q":
        index = anchor.year * 4 + quarter_of(anchor) - 1 + amount
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "Y":
        return f"{anchor.year + amount:04d}"
    if unit == "DE":
        return f"{anchor.year // 10 + amount:03d}"
    if unit == "CE":
        return f"{anchor.year // 100 + amount:02d}"
    raise ValueError(f"unknown unit {unit!r}")


def duration_value(amount: Optional[float], letter: str, is_time: bool) -> str:
    """``P3D``, ``PT24H``, ``P1.5Y``; ``PXY`` when the amount is unknown."""
    if amount is None:
        text = "X"
    elif amount == int(amount):
        text = str(int(amount))
    else:
        text = f"{amount:g}"
    return f"PT{text}{letter}" if is_time else f"P{text}{letter}"


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF_RE = re.compile(r"^(\d{4})-H([12])$")
_SEASON_RE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_DECADE_RE = re.compile(r"^(\d{3})X?$")
_CENTURY_RE = re.compile(r"^(\d{2})(?:XX)?$")


def covered_days(value: str) -> tuple[Optional[str], Optional[str]]:
    """First and last calendar day a DATE/TIME value covers (ISO), or (None, None)."""
    if "/" in value:
        first, _, last = value.partition("/")
        return covered_days(first)[0], covered_days(last)[1]
    span = value_span(value)
    if span is None:
        return None, None
    return span[0].isoformat(), span[1].isoformat()


def value_span(value: str) -> Optional[tuple[date, date, str]]:
    """First and last day a TIMEX3 calendar value covers, and its precision (``day``, ``week``,
    ``month``, ``season``, ``quarter``, ``half``, ``year``, ``decade``, ``century``); None for
    anything else, an impossible date such as 2023-02-30 included. The one reader of values:
    the time stage and fusion both use it."""
    try:
        return _span_unchecked(value)
    except ValueError:
        return None


def _span_unchecked(value: str) -> Optional[tuple[date, date, str]]:
    if match := _DAY_RE.match(value):
        day = date(*map(int, match.groups()))
        return day, day, "day"
    if match := _MONTH_RE.match(value):
        year, month = map(int, match.groups())
        return date(year, month, 1), _last_day(year, month), "month"
    if match := _YEAR_RE.match(value):
        year = int(match.group(1))
        return date(year, 1, 1), date(year, 12, 31), "year"
    if match := _QUARTER_RE.match(value):
        year, quarter = map(int, match.groups())
        return date(year, quarter * 3 - 2, 1), _last_day(year, quarter * 3), "quarter"
    if match := _HALF_RE.match(value):
        year, half = map(int, match.groups())
        return date(year, half * 6 - 5, 1), _last_day(year, half * 6), "half"
    if match := _SEASON_RE.match(value):
        year, season = int(match.group(1)), match.group(2)
        first, last = SEASON_MONTHS[season]
        last_year = year + 1 if last < first else year  # winter runs into the next year
        return date(year, first, 1), _last_day(last_year, last), "season"
    if match := _WEEK_RE.match(value):
        monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        week_start = monday + timedelta(days=5) if match.group(3) else monday  # -WE: the weekend
        return week_start, monday + timedelta(days=6), "week"
    if match := _DECADE_RE.match(value):
        decade = int(match.group(1)) * 10
        return date(max(decade, 1), 1, 1), date(decade + 9, 12, 31), "decade"
    if match := _CENTURY_RE.match(value):
        century = int(match.group(1)) * 100
        return date(max(century, 1), 1, 1), date(century + 99, 12, 31), "century"
    return None


def narrow(begin: Optional[str], end: Optional[str], part: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """The first, middle or last third of an interval ("early 2023", "the end of this year")."""
    if not begin or not end or part not in {"START", "MID", "END"}:
        return begin, end
    first, last = date.fromisoformat(begin), date.fromisoformat(end)
    third = (last - first).days // 3
    if third < 1:
        return begin, end
    if part == "START":
        return begin, (first + timedelta(days=third)).isoformat()
    if part == "END":
        return (last - timedelta(days=third)).isoformat(), end
    return (first + timedelta(days=third)).isoformat(), (last - timedelta(days=third)).isoformat()


_REFERENCES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_CALENDAR = re.compile(
    r"^(?:(?P<year>\d{2}[\dX]{2}|\d{3}X|XXXX)(?:-(?:(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?"
    r"|W(?P<week>\d{2}|XX)(?:-(?:WE|[1-7X]))?|(?:SP|SU|FA|WI)|Q[1-4X]|H[12X]))?|\d{3}|\d{2})$"
)
_CLOCK = re.compile(r"^(?:(?P<hour>[01]\d|2[0-4]):(?P<minute>[0-5]\d)(?::[0-5]\d)?|MO|AF|EV|NI|DT|MI)$")
_PERIOD = re.compile(r"^P(?=.)(?:[\dX.]+(?:Y|M|W|D|Q|DE|CE|C|E|L))*(?:T(?=.)(?:[\dX.]+[HMS])*)?$")


def valid_value(value: str, kind: str) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value of type ``kind`` that names a real
    calendar time: no month 13, no 30 February, no hour 25 (``2023-07-20TNI``, the night of
    20 July, is well formed)."""
    if kind in {"DURATION", "SET"} and _PERIOD.match(value):
        return True
    if kind == "DURATION":
        return False
    if value in _REFERENCES:
        return kind == "DATE"
    day_part, _, clock = value.partition("T")
    if kind == "TIME" and clock and not _CLOCK.match(clock):
        return False
    if kind == "DATE" and clock:
        return False
    return all(_valid_calendar(part) for part in day_part.split("/")) if kind == "DATE" else _valid_calendar(day_part)


def _valid_calendar(value: str) -> bool:
    found = _CALENDAR.match(value)
    if not found:
        return False
    month, day, week = found.group("month"), found.group("day"), found.group("week")
    if month and month != "XX" and not 1 <= int(month) <= 12:
        return False
    if week and week != "XX" and not 1 <= int(week) <= 53:
        return False
    if day and day != "XX":
        year = found.group("year")
        try:
            date(int(year) if year.isdigit() else 2000, int(month) if month.isdigit() else 1, int(day))
        except ValueError:
            return False
    return True
