"""Which events a listing shows, and in what order: ``EventFilter`` and the SQL it becomes.

``event_conditions`` is the one WHERE clause (over ``events e``) behind every view of a
filter, the store's event list as well as the web workspace's counts, map and timeline, so an
event counts in every view exactly when it appears in the list. It reads the review verdict
kept on the events row (``review_status``, ``review_type``), never the review history.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from typing import Any, Optional

from polemos.codes import EVENT_TYPES, acled_category, acled_event_types
from polemos.store.dialect import SQLITE
from polemos.store.division_filter import checked_division, report_division_condition
from polemos.store.documents import like_pattern
from polemos.store.events import REVIEW_STATUSES

REVIEW_FILTERS = ("unreviewed", *REVIEW_STATUSES)
# Whether an event happened: only ``asserted`` events did; the others were announced or
# planned (future), possible or conditional (hypothetical), or denied (negated).
MODALITIES = ("asserted", "future", "hypothetical", "negated")
EFFECTIVE_MODALITY = "COALESCE(e.modality, 'asserted')"  # rows stored before modality was kept
EFFECTIVE_TYPE = "COALESCE(e.review_type, e.type)"  # a corrected type wins

# What ``sort`` may name, and the column it sorts on; "-date" sorts newest first.
EVENT_SORTS = {
    "date": "e.date_begin",
    "type": EFFECTIVE_TYPE,
    "place": "e.place_name",
    "country": "e.country",
    "dead": "e.dead_min",
    "confidence": "e.confidence",
    "document": "e.doc_id",
    "review": "e.review_status",
    # How many documents report the real event this report belongs to: a review queue starts
    # with the events most cited.
    "sources": "(SELECT c.source_count FROM canonical_members m JOIN canonical_events c ON c.id = m.canonical_id"
    " WHERE m.report_id = e.id)",
}
DEFAULT_SORT = "-date"


@dataclass
class EventFilter:
    actor: Optional[str] = None  # actor id, or a name / alias as it appears in the text
    type: Optional[str] = None  # PLOVER type (comma-separated for several)
    since: Optional[str] = None  # YYYY[-MM[-DD]]: events ending on or after its first day
    until: Optional[str] = None  # YYYY[-MM[-DD]]: events beginning on or before its last day
    near: Optional[tuple[float, float, float]] = None  # lat, lon, km
    country: Optional[str] = None  # ISO 3166 alpha-3 code of the event's place
    place: Optional[str] = None  # words of the event's place name ("Kharkiv", "Cook County")
    doc: Optional[str] = None
    q: Optional[str] = None  # full-text search over evidence
    acled: Optional[str] = None  # ACLED event type or sub-event type
    include_rejected: bool = False
    review: Optional[str] = None  # unreviewed | confirmed | rejected | corrected (the review queue)
    modality: Optional[str] = None  # asserted | future | hypothetical | negated (comma-separated for several)
    admin1: Optional[str] = None  # the map's first-level division, "CODE|Name" or CODE (division_filter)

    def __post_init__(self) -> None:
        """Check every value and spell it as the store does, so a mistake is an error naming
        the choices, never a silently empty list."""
        if self.review is not None and self.review not in REVIEW_FILTERS:
            raise ValueError(f"review must be one of {', '.join(REVIEW_FILTERS)}, not {self.review!r}")
        split_modalities(self.modality)  # refuses an unknown one
        if self.type is not None:
            self.type = ",".join(checked_types(self.type)) or None
        if self.acled is not None:
            self.acled = checked_acled(self.acled)
        if self.country is not None:
            self.country = checked_country(self.country)
        if self.place is not None:
            self.place = " ".join(self.place.split()) or None
        self.admin1 = checked_division(self.admin1)
        self.since = date_bound(self.since, "since", first=True)
        self.until = date_bound(self.until, "until", first=False)

    @property
    def modalities(self) -> list[str]:
        return split_modalities(self.modality)

    @classmethod
    def parse_near(cls, text: str) -> tuple[float, float, float]:
        """``LAT,LON,KM`` → a tuple, or ValueError with a message a user can act on."""
        parts = text.split(",")
        try:
            lat, lon, km = (float(part) for part in parts)
        except ValueError:
            raise ValueError(f"{text!r}: expected LAT,LON,KM, e.g. 39.8,46.75,50") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
            raise ValueError(f"{text!r}: latitude, longitude or distance out of range")
        return lat, lon, km


# Above this many matches, a page of an actor's (or a search's) events is read in date order,
# testing each event (a page of a frequent actor is found after a few hundred rows) rather than
# by gathering every match and sorting them all.
SCAN_IN_ORDER_ABOVE = 1000


def event_conditions(filter: EventFilter, dialect=SQLITE, scan_in_order: bool = False) -> tuple[str, list[Any]]:
    """The SQL condition over ``events e`` and its parameters. ``scan_in_order`` words the actor
    and search tests so that they are checked event by event, for a page read along the date index."""
    clauses, params = ["1=1"], []
    if filter.type:
        types = split_types(filter.type)
        clauses.append(f"{EFFECTIVE_TYPE} IN ({','.join('?' * len(types))})")
        params += types
    if filter.actor:
        if scan_in_order:
            clauses.append(
                f"EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND {actor_match('ea', dialect)})"
            )
        else:
            clauses.append(f"e.id IN (SELECT ea.event_id FROM event_actors ea WHERE {actor_match('ea', dialect)})")
        params += actor_parameters(filter.actor)
    if filter.since:
        clauses.append("COALESCE(e.date_end, e.date_begin) >= ?")
        params.append(filter.since)
    if filter.until:
        clauses.append("e.date_begin <= ?")
        params.append(filter.until)
    if filter.doc:
        clauses.append("e.doc_id = ?")
        params.append(filter.doc)
    if filter.acled:
        clauses.append(ACLED_MATCH.format(alias="e"))
        params += [filter.acled, filter.acled]
    place_clauses, place_params = place_conditions("e", filter, dialect)
    clauses += place_clauses
    params += place_params
    if filter.admin1:
        division_clause, division_params = report_division_condition(filter.admin1, dialect)
        clauses.append(division_clause)
        params += division_params
    if filter.near:
        near_clause, near_params = near_condition("e", filter.near)
        clauses.append(near_clause)
        params += near_params
    if filter.q:
        matched = dialect.unindexed("e.id") if scan_in_order else "e.id"  # the search's id list, tested row by row
        clauses.append(f"{matched} IN (SELECT ev.event_id FROM evidence ev WHERE {dialect.evidence_search('ev')})")
        params.append(dialect.search_parameter(filter.q))
    if filter.review == "unreviewed":
        clauses.append("e.review_status IS NULL")
    elif filter.review:
        clauses.append("e.review_status = ?")
        params.append(filter.review)
    if filter.modalities:
        clauses.append(f"{EFFECTIVE_MODALITY} IN ({','.join('?' * len(filter.modalities))})")
        params += filter.modalities
    if not filter.include_rejected and filter.review != "rejected":
        clauses.append("(e.review_status IS NULL OR e.review_status <> 'rejected')")
    return " AND ".join(clauses), params


def split_modalities(text: Optional[str]) -> list[str]:
    """``"asserted, future"`` → ``["asserted", "future"]``; ValueError naming the choices for an unknown one."""
    chosen = [part.strip().lower() for part in (text or "").split(",") if part.strip()]
    unknown = [part for part in chosen if part not in MODALITIES]
    if unknown:
        raise ValueError(f"modality must be among {', '.join(MODALITIES)}, not {', '.join(map(repr, unknown))}")
    return list(dict.fromkeys(chosen))


def split_types(text: str) -> list[str]:
    return [t.strip().upper() for t in text.split(",") if t.strip()]


def checked_types(text: str) -> list[str]:
    """``"assault, coerce"`` → ``["ASSAULT", "COERCE"]``; ValueError naming the event types for an unknown one."""
    chosen = split_types(text)
    unknown = [name for name in chosen if name not in EVENT_TYPES]
    if unknown:
        raise ValueError(
            f"type: {', '.join(map(repr, unknown))} is not a PLOVER type or a polemos extension; choose among {', '.join(EVENT_TYPES)}"
        )
    return list(dict.fromkeys(chosen))


def checked_country(text: str) -> Optional[str]:
    code = text.strip().upper()
    if not code:
        return None
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"country: {text[:40]!r} is not an ISO 3166 alpha-3 code such as SDN or UKR")
    return code


def place_conditions(alias: str, filter: "EventFilter", dialect) -> tuple[list[str], list[Any]]:
    """The country and place-name tests over the events (``e``) or canonical events (``c``) table."""
    clauses, params = [], []
    if filter.country:
        clauses.append(f"{alias}.country = ?")
        params.append(filter.country)
    if filter.place:
        clauses.append(f"{alias}.place_name {dialect.like} ? ESCAPE '\\'")
        params.append(like_pattern(filter.place))
    return clauses, params


# An ACLED filter names an event type ("Riots") or a sub-event type ("Mob violence").
ACLED_MATCH = "({alias}.acled_event_type = ? OR {alias}.acled_sub_event_type = ?)"


def checked_acled(text: str) -> Optional[str]:
    if not text.strip():
        return None
    category = acled_category(text)
    if category is None:
        raise ValueError(
            f"acled: {text[:60]!r} is not an ACLED event type or sub-event type; event types are"
            f" {', '.join(acled_event_types())} (or a sub-event type such as 'Armed clash')"
        )
    return category


PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bound(value: Optional[str], name: str, first: bool) -> Optional[str]:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD, widened to its first day (``first``) or its
    last: ``since=2023`` means from 2023-01-01, ``until=2002-03`` up to 2002-03-31."""
    value = (value or "").strip()
    if not value:
        return None
    match = PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"{name}: {value[:40]!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(match[1]), match[2], match[3]
    month_number = int(month) if month else (1 if first else 12)
    if not 1 <= month_number <= 12:
        raise ValueError(f"{name}: {value!r} is not a calendar date")
    last = calendar.monthrange(year, month_number)[1] if year >= 1 else 31
    day_number = int(day) if day else (1 if first else last)
    if not 1 <= day_number <= last:
        raise ValueError(f"{name}: {value!r} is not a calendar date")
    return f"{year:04d}-{month_number:02d}-{day_number:02d}"


def actor_match(alias: str, dialect) -> str:
    """A condition on an ``event_actors`` row ``alias``: its actor is the one a user named. An
    actor's id names that actor alone (an actor page's events are its own, not those of every
    actor whose name holds the id: "IND" is in "Vishwa Hindu Parishad"); any other text is a
    name, matched by its words or by the very text of a mention."""
    return (
        f"({alias}.actor_id = ? OR (NOT EXISTS (SELECT 1 FROM actors named WHERE named.id = ?)"
        f" AND ({alias}.actor_id IN (SELECT a.id FROM actors a WHERE a.name {dialect.like} ?)"
        f" OR {alias}.actor_id IN (SELECT m.actor_id FROM actor_mentions m WHERE lower(m.text) = lower(?)))))"
    )


def actor_parameters(actor: str) -> list[str]:
    return [actor, actor, f"%{actor}%", actor]


def near_condition(alias: str, near: tuple[float, float, float]) -> tuple[str, list[Any]]:
    """Within ``km`` of a point: a bounding box the lat index can use, then the exact distance."""
    lat, lon, km = near
    dlat = km / 111.0
    dlon = km / max(1e-6, 111.0 * math.cos(math.radians(lat)))
    clause = f"{alias}.lat BETWEEN ? AND ? AND haversine_km({alias}.lat, {alias}.lon, ?, ?) <= ?"
    params: list[Any] = [lat - dlat, lat + dlat, lat, lon, km]
    if dlon < 180:
        clause += f" AND {alias}.lon BETWEEN ? AND ?"
        params += [lon - dlon, lon + dlon]
    return clause, params


def order_by(sort: Optional[str], columns: dict[str, str], id_column: str, dialect=SQLITE) -> str:
    """ORDER BY for a whitelisted ``sort`` ("date", "-date", …), ties broken by id in the same direction."""
    sort = sort or DEFAULT_SORT
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name not in columns:
        raise ValueError(
            f"cannot sort by {name!r}; choose one of {', '.join(sorted(columns))} (prefix - for descending)"
        )
    return f"{dialect.order(columns[name], descending)}, {id_column} {'DESC' if descending else 'ASC'}"
