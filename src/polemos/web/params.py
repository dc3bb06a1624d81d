"""Query parameters shared by the API and the pages: pagination and the event filter.

Every list is paginated (``limit`` at most ``MAX_LIMIT``); a malformed filter is a 422 with a
message naming the parameter, never a server error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from fastapi import HTTPException, Query, Request

from polemos.store import CANONICAL_SORTS, EVENT_SORTS, MODALITIES, REVIEW_FILTERS, EventFilter, split_modalities
from polemos.store.map_areas import place_new_points
from polemos.web.stores import ThreadStore

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # no filter needs them; NUL breaks full-text search

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


@dataclass
class Page:
    limit: int
    offset: int


def page(
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT} items per page."),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> Page:
    return Page(limit, offset)


def event_filter(
    actor: Optional[str] = Query(None, max_length=200, description="Actor id (e.g. AZE.MIL) or a name as written."),
    type: Optional[str] = Query(None, max_length=200, description="PLOVER event type(s), comma-separated."),
    since: Optional[str] = Query(
        None, max_length=40, description="Events ending on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
    until: Optional[str] = Query(
        None, max_length=40, description="Events beginning on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
    near: Optional[str] = Query(None, max_length=100, description="LAT,LON,KM: events within KM kilometres."),
    doc: Optional[str] = Query(None, max_length=300, description="Events of one document."),
    q: Optional[str] = Query(None, max_length=500, description="Full-text search over the evidence sentences."),
    acled: Optional[str] = Query(None, max_length=100, description="ACLED event type or sub-event type."),
    country: Optional[str] = Query(None, max_length=10, description="ISO 3166 alpha-3 code of the event's country."),
    place: Optional[str] = Query(None, max_length=200, description="Words of the event's place name."),
    admin1: Optional[str] = Query(
        None,
        max_length=200,
        description=(
            "First-level division (state, province) as the map names it: CODE|Name, or CODE; only events placed"
            " in it precisely enough (a point, a town, a district, the division) match."
        ),
    ),
    include_rejected: bool = Query(False, description="Also list events an analyst rejected."),
    review: Optional[str] = Query(None, max_length=20, description=f"Review state: {', '.join(REVIEW_FILTERS)}."),
    modality: Optional[str] = Query(
        None,
        max_length=100,
        description=(f"Modalities, comma-separated: {', '.join(MODALITIES)} (only asserted events happened)."),
    ),
    request: Request = None,  # type: ignore[assignment]  # None when called outside a request (watchlists)
) -> EventFilter:
    for name, value in (
        ("actor", actor),
        ("type", type),
        ("near", near),
        ("doc", doc),
        ("q", q),
        ("acled", acled),
        ("country", country),
        ("place", place),
        ("admin1", admin1),
    ):
        if value and _CONTROL.search(value):
            raise HTTPException(422, f"{name}: control characters are not allowed")
    review, modality = _blank_to_none(review), _blank_to_none(modality)
    if review is not None and review not in REVIEW_FILTERS:
        raise HTTPException(422, f"review: choose one of {', '.join(REVIEW_FILTERS)}")
    try:
        split_modalities(modality)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    try:
        filter = EventFilter(
            actor=_blank_to_none(actor),
            type=_blank_to_none(type),
            since=since,
            until=until,
            near=_near(near),
            doc=_blank_to_none(doc),
            q=_blank_to_none(q),
            acled=_blank_to_none(acled),
            country=_blank_to_none(country),
            place=_blank_to_none(place),
            include_rejected=include_rejected,
            review=review,
            modality=modality,
            admin1=_blank_to_none(admin1),
        )
    except ValueError as error:  # an unknown type or ACLED category, a date that is none
        raise HTTPException(422, str(error)) from None
    if filter.admin1 and request is not None:
        place_in_divisions(request)
    return filter


def place_in_divisions(request: Request) -> None:
    """Give the canonical events stored since the map last looked their division, so a filter
    by division finds them too (a no-op when every precise place already has one)."""
    place_new_points(ThreadStore(request.app.state.stores), request.app.state.admin1_areas)


def event_sort(
    sort: Optional[str] = Query(
        None,
        max_length=30,
        description=f"Order of events: {', '.join(sorted(EVENT_SORTS))}; prefix - for descending (default -date).",
    ),
) -> Optional[str]:
    return checked_sort(sort, EVENT_SORTS)


def canonical_sort(
    sort: Optional[str] = Query(
        None,
        max_length=30,
        description=f"Order: {', '.join(sorted(CANONICAL_SORTS))}; prefix - for descending (default -date).",
    ),
) -> Optional[str]:
    return checked_sort(sort, CANONICAL_SORTS)


def checked_sort(sort: Optional[str], columns: dict) -> Optional[str]:
    sort = _blank_to_none(sort)
    if sort is not None and sort.lstrip("-") not in columns:
        raise HTTPException(422, f"sort: choose one of {', '.join(sorted(columns))}, with - in front for descending")
    return sort


def filter_query(filter: EventFilter) -> dict[str, str]:
    """The filter as query parameters again (for links and exports of the current view)."""
    values = {
        "actor": filter.actor,
        "type": filter.type,
        "since": filter.since,
        "until": filter.until,
        "near": ",".join(f"{v:g}" for v in filter.near) if filter.near else None,
        "doc": filter.doc,
        "q": filter.q,
        "acled": filter.acled,
        "country": filter.country,
        "place": filter.place,
        "include_rejected": "true" if filter.include_rejected else None,
        "review": filter.review,
        "modality": filter.modality,
        "admin1": filter.admin1,
    }
    return {key: value for key, value in values.items() if value}


def _blank_to_none(value: Optional[str]) -> Optional[str]:
    return value.strip() or None if value is not None else None


def _near(value: Optional[str]) -> Optional[tuple[float, float, float]]:
    value = _blank_to_none(value)
    if value is None:
        return None
    try:
        return EventFilter.parse_near(value)
    except ValueError as error:
        raise HTTPException(422, f"near: {error}") from None


def bbox(value: Optional[str]) -> Optional[tuple[float, float, float, float]]:
    """``south,west,north,east`` in degrees, as Leaflet's ``getBounds().toBBoxString()`` reversed."""
    value = _blank_to_none(value)
    if value is None:
        return None
    try:
        south, west, north, east = (float(part) for part in value.split(","))
    except ValueError:
        raise HTTPException(422, f"bbox: {value[:60]!r}: expected SOUTH,WEST,NORTH,EAST in degrees") from None
    south, north = max(-90.0, south), min(90.0, north)
    west, east = max(-180.0, west), min(180.0, east)
    if south >= north or west >= east:
        raise HTTPException(422, "bbox: south must be below north and west left of east")
    return south, west, north, east
