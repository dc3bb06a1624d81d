"""When a report says its event happened, as a span of calendar days with a precision.

Days are proleptic ordinals (``date.toordinal()``) so that gaps and overlaps are integer
arithmetic. A date the events stage took from the publication date (``basis: publication``)
only tells that the event happened shortly before the article appeared, so it becomes the
window of ``publication_window_days`` before publication rather than the whole month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from polemos.record import EventDate
from polemos.time.values import value_span

# Finer precisions first: the rank orders which report's date a canonical event keeps.
PRECISION_RANK = {
    "day": 0,
    "week": 1,
    "publication": 2,
    "month": 3,
    "season": 4,
    "quarter": 4,
    "half": 5,
    "year": 6,
    "decade": 7,
    "century": 8,
    "unknown": 9,
}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class DateSpan:
    begin: int  # first day covered (ordinal)
    end: int  # last day covered (ordinal)
    precision: str

    @property
    def days(self) -> int:
        return self.end - self.begin + 1

    @property
    def rank(self) -> int:
        return PRECISION_RANK.get(self.precision, PRECISION_RANK["unknown"])

    def gap(self, other: "DateSpan") -> int:
        """Days between the two spans; 0 when they overlap or touch."""
        return max(0, other.begin - self.end, self.begin - other.end)

    def overlap_ratio(self, other: "DateSpan") -> float:
        """Shared days over the days either covers (1.0 for the same span)."""
        shared = min(self.end, other.end) - max(self.begin, other.begin) + 1
        if shared <= 0:
            return 0.0
        return shared / (max(self.end, other.end) - min(self.begin, other.begin) + 1)

    def iso(self) -> tuple[str, str]:
        return date.fromordinal(self.begin).isoformat(), date.fromordinal(self.end).isoformat()

    def to_list(self) -> list:
        return [self.begin, self.end, self.precision]

    @classmethod
    def from_list(cls, data: Optional[list]) -> Optional["DateSpan"]:
        return cls(int(data[0]), int(data[1]), str(data[2])) if data else None


def parse_iso_day(text: Optional[str]) -> Optional[date]:
    match = _DAY.match(text or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def span_of(
    event_date: Optional[EventDate], published: Optional[str], publication_window_days: int
) -> Optional[DateSpan]:
    """The event's day span from its date, or None when the report gives no usable date."""
    event_date = event_date or EventDate()
    published_day = parse_iso_day(published)
    if published_day is not None and (event_date.basis == "publication" or not event_date.value):
        start = published_day - timedelta(days=publication_window_days)
        return DateSpan(start.toordinal(), published_day.toordinal(), "publication")
    if not event_date.value:
        return None
    value = str(event_date.value)
    bounds = value_span(value)
    precision = event_date.precision or (bounds[2] if bounds else "unknown")
    begin, end = parse_iso_day(event_date.begin), parse_iso_day(event_date.end)
    if not (begin and end and begin <= end):
        if bounds is None:
            return None
        begin, end = bounds[0], bounds[1]
    if published_day is not None and begin <= published_day < end:
        end = published_day  # a report cannot tell of days after it was published
    return DateSpan(begin.toordinal(), end.toordinal(), precision)
