"""The thresholds of event fusion and the event-family map, loaded once and passed in.

Defaults follow how conflict datasets code one event: ACLED keeps a single event per
location and day, so two towns attacked the same day are two events; a report precise to
the month or the province can still join a report precise to the day and the town.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from polemos.codes import event_types


def _default_radii() -> dict[str, float]:
    # Half the typical width of each kind of place, so that a report naming the wider unit
    # agrees with any report naming a point inside it.
    return {
        "city": 25.0,
        "town": 25.0,
        "village": 25.0,
        "admin2": 75.0,
        "route": 50.0,
        "region": 150.0,
        "water": 150.0,
        "admin1": 200.0,
    }


@dataclass(frozen=True)
class FusionRules:
    radius_km: Mapping[str, float] = field(default_factory=_default_radii)
    default_radius_km: float = 25.0  # a point-like feature the table does not list (a camp, a building)
    fine_limit_km: float = 75.0  # places up to this radius are blocked by grid cell, wider ones by country
    same_place_km: float = 2.0  # two gazetteer points this close are one place
    adjacent_towns_km: float = 5.0  # settlements this close may be named for one incident (a town and its neighbour)
    # Day-precise reports up to two days apart may be one event: overnight, time zones, and
    # news-relative days ("on Saturday") resolved against a publication date a day off.
    day_tolerance: int = 2
    week_tolerance: int = 1
    # A report naming the same private person as an event may be a follow-up (an arrest, a
    # funeral, a first hearing) dated up to this many days after or before it.
    follow_up_days: int = 30
    # Naming two of the same private persons (a victim and the accused), up to this many: a trial.
    trial_follow_up_days: int = 400
    # Two reports of one document naming the same persons, up to this many days apart: one
    # incident whose weekday was resolved to the week before (see ``compat._name_window``).
    same_document_days: int = 7
    max_span_days: int = 92  # reports vaguer than a quarter only fuse with the very same span
    publication_window_days: int = 14  # an undated report's event happened within this before publication
    ambiguity_margin: float = 0.25  # a report fitting two canonical events within this score stays apart
    bucket_days: int = 7  # width of a date bucket of the blocking index
    cell_degrees: float = 1.0  # width of a grid cell of the blocking index

    def tolerance(self, precision: str) -> int:
        if precision == "day":
            return self.day_tolerance
        if precision == "week":
            return self.week_tolerance
        return 0

    @property
    def max_tolerance(self) -> int:
        return max(self.day_tolerance, self.week_tolerance)


class EventFamilies:
    """PLOVER event types grouped into families whose reports may describe the same event."""

    def __init__(self, family_by_type: Mapping[str, str]):
        self.family_by_type = {key.upper(): value for key, value in family_by_type.items()}

    @classmethod
    def load(cls, path: Optional[Path] = None) -> "EventFamilies":
        """The families of ``data/events/types.csv``, or of a CSV with ``type`` and ``family`` columns."""
        if path is None:
            return cls({name: kind.family for name, kind in event_types().items()})
        with path.open(encoding="utf-8", newline="") as handle:
            return cls({row["type"]: row["family"] for row in csv.DictReader(handle)})

    def family_of(self, event_type: str) -> str:
        """The type's family; a type the map does not know is a family of its own."""
        event_type = (event_type or "").upper()
        return self.family_by_type.get(event_type, event_type.lower())
