"""The map's first-level division (state, province) as a filter of every view.

A canonical event keeps its division on its row (``admin1``, "CODE|Name", set by
``map_areas.place_new_points`` for places precise enough: a point, a town, a district, the
division itself), so filtering by a division is the map's precision rule again: events known
only to their country or to a wider region are in no division. A report (the ``reports``
view) is in the division of the real event it belongs to, so both counts agree.

The value is the kept "CODE|Name", or the code alone (Natural Earth now and then gives a city
and its province the same code; the code alone takes both).
"""

from __future__ import annotations

from typing import Any, Optional

from polemos.store.documents import like_pattern


def checked_division(text: Optional[str]) -> Optional[str]:
    value = " ".join((text or "").split())
    if not value:
        return None
    code = value.split("|", 1)[0].strip()
    if not code or len(value) > 200:
        raise ValueError(f"admin1: {value[:60]!r} is not a division; expected CODE or CODE|Name as the map links it")
    return value


def canonical_division_condition(division: str, dialect) -> tuple[str, list[Any]]:
    """The test over ``canonical_events c``."""
    if "|" in division:
        return "c.admin1 = ?", [division]
    # like_pattern matches anywhere ("%code%"); a division's key starts with its code
    return f"c.admin1 {dialect.like} ? ESCAPE '\\'", [like_pattern(division)[1:-1] + "|%"]


def report_division_condition(division: str, dialect) -> tuple[str, list[Any]]:
    """The test over ``events e``: the report's real event lies in the division."""
    clause, params = canonical_division_condition(division, dialect)
    return (
        "e.id IN (SELECT m.report_id FROM canonical_members m JOIN canonical_events c"
        f" ON c.id = m.canonical_id WHERE {clause})"
    ), params
