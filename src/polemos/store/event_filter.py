"""Which events a listing shows, and in what order: ``EventFilter`` and the SQL it becomes.

``event_conditions`` is the one WHERE clause (over ``events e``) behind every view of a
filter, the store's event list as well as the web workspace's counts, map and timeline, so an
event counts in every view exactly when it appears in the list. It reads the review verdict
kept on the events row (``review_status``, ``review_type``), never the review history.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Optional

from polemos.store.dialect import SQLITE
from polemos.store.events import REVIEW_STATUSES

REVIEW_FILTERS = ("unreviewed", *REVIEW_STATUSES)
# Whether an event happened: only ``asserted`` events did; the others were announced or
# planned (future), possible or conditional (hypothetical), or denied (negated).
MODALITIES = ("asserted", "future", "hypothetical", "negated")
EFFECTIVE_MODALITY = "COALESCE(e.modality, 'asserted')"  # rows stored before modality was kept
EFFECTIVE_TYPE = "COALESCE(e.review_type, e.type)"  # a corrected type wins

# What ``sort`` may name, and the column it sorts on; "-date" sorts newest first.
EVENT_SORTS = {
    "date": "e.date_begin", "type": EFFECTIVE_TYPE, "place": "e.place_name", "country": "e.country",
    "dead": "e.dead_min", "confidence": "e.confidence", "document": "e.doc_id", "review": "e.review_status",
}
DEFAULT_SORT = "-date"


@dataclass
class EventFilter:
    actor: Optional[str] = None  # actor id, or a name / alias as it appears in the text
    type: Optional[str] = None  # PLOVER type (comma-separated for several)
    since: Optional[str] = None  # ISO date: events ending on or after it
    until: Optional[str] = None  # ISO date: events beginning on or before it
    near: Optional[tuple[float, float, float]] = None  # lat, lon, km
    doc: Optional[str] = None
    q: Optional[str] = None  # full-text search over evidence
    acled: Optional[str] = None  # ACLED event type
    include_rejected: bool = False
    review: Optional[str] = None  # unreviewed | confirmed | rejected | corrected (the review queue)
    modality: Optional[str] = None  # asserted | future | hypothetical | negated (comma-separated for several)

    def __post_init__(self) -> None:
        if self.review is not None and self.review not in REVIEW_FILTERS:
            raise ValueError(f"review must be one of {', '.join(REVIEW_FILTERS)}, not {self.review!r}")
        split_modalities(self.modality)  # refuses an unknown one

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
            clauses.append(f"EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND {actor_match('ea', dialect)})")
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
        clauses.append("e.acled_event_type = ?")
        params.append(filter.acled)
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


def actor_match(alias: str, dialect) -> str:
    """A condition on an ``event_actors`` row ``alias``: its actor is the one a user named."""
    return (f"({alias}.actor_id IN (SELECT a.id FROM actors a WHERE a.id = ? OR a.name {dialect.like} ?)"
            f" OR {alias}.actor_id IN (SELECT m.actor_id FROM actor_mentions m WHERE lower(m.text) = lower(?)))")


def actor_parameters(actor: str) -> list[str]:
    return [actor, f"%{actor}%", actor]


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
        raise ValueError(f"cannot sort by {name!r}; choose one of {', '.join(sorted(columns))} (prefix - for descending)")
    return f"{dialect.order(columns[name], descending)}, {id_column} {'DESC' if descending else 'ASC'}"
