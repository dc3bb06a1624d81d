"""Events in the store: writing a document's events, filtering them, and analyst reviews.

Event ids are stable: the same event type at the same evidence span of the same document
gets the same id on every extraction, which is what lets a review survive re-extraction.

``connection`` is either backend's connection: both take ``?`` placeholders and give rows
addressable by column name. The SQL that differs between them comes from ``dialect``.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any, Optional

from polemos.record import Event, ExtractionRecord
from polemos.store.dialect import SQLITE

REVIEW_STATUSES = ("confirmed", "rejected", "corrected")
CORRECTABLE = ("type", "mode", "actor", "recipient", "date", "place", "size")


def stable_event_id(doc_id: str, event: Event) -> str:
    first = event.evidence[0] if event.evidence else None
    key = f"{event.type}|{first.start if first else ''}|{first.end if first else ''}|{event.trigger or ''}"
    return f"{doc_id}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def assign_stable_ids(record: ExtractionRecord) -> None:
    seen: set[str] = set()
    for event in record.events:
        event_id = stable_event_id(record.document.id, event)
        while event_id in seen:
            event_id += "x"
        seen.add(event_id)
        event.id = event_id


def write_events(connection, record: ExtractionRecord) -> None:
    doc_id = record.document.id
    known_actors = {actor.id for actor in record.actors}
    for event in record.events:
        place = record.places[event.place] if event.place is not None and 0 <= event.place < len(record.places) else None
        date = event.date or {}
        dead = (event.size or {}).get("dead") or {}
        connection.execute(
            "INSERT INTO events (id, doc_id, type, mode, context_json, date_value, date_begin, date_end, date_text,"
            " date_precision, place_idx, place_name, lat, lon, country, place_feature, modality, attributed_to, confidence,"
            " acled_event_type, acled_sub_event_type, trigger, dead_min, dead_max, size_json, event_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id, doc_id, event.type, event.mode, json.dumps(event.context),
                date.get("value"), date.get("begin"), date.get("end"), date.get("text"), date.get("precision"),
                event.place, place.name if place else None, place.lat if place else None,
                place.lon if place else None, place.country if place else None, place.feature if place else None,
                event.modality, event.attributed_to, event.confidence,
                (event.acled or {}).get("event_type"), (event.acled or {}).get("sub_event_type"), event.trigger,
                dead.get("min"), dead.get("max"), json.dumps(event.size or {}), json.dumps(asdict(event)),
            ),
        )
        roles = [(a, "actor") for a in event.actor] + [(a, "recipient") for a in event.recipient]
        connection.executemany(
            "INSERT INTO event_actors (event_id, actor_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(event.id, actor_id, role) for actor_id, role in roles if actor_id in known_actors],
        )
        connection.executemany(
            'INSERT INTO evidence (event_id, doc_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            [(event.id, doc_id, span.start, span.end, span.text) for span in event.evidence],
        )
    for relation in record.relations:
        connection.execute(
            'INSERT INTO relations (doc_id, type, name, actors_json, begin, "end", relation_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
            (doc_id, relation.type, relation.name, json.dumps(relation.actors), relation.begin, relation.end,
             json.dumps(asdict(relation))),
        )


def delete_events(connection, doc_id: str) -> None:
    """Remove a document's machine events; reviews stay (they are keyed by the stable event id)."""
    connection.execute("DELETE FROM evidence WHERE doc_id = ?", (doc_id,))
    connection.execute("DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)", (doc_id,))
    connection.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
    connection.execute("DELETE FROM relations WHERE doc_id = ?", (doc_id,))


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


def event_conditions(filter: EventFilter, dialect=SQLITE) -> tuple[str, list[Any]]:
    """The SQL condition (over ``events e`` joined with the latest review ``r``) and its parameters."""
    clauses, params = ["1=1"], []
    if filter.type:
        types = [t.strip().upper() for t in filter.type.split(",") if t.strip()]
        clauses.append(f"COALESCE({dialect.json_text('r.changes_json', 'type')}, e.type) IN ({','.join('?' * len(types))})")
        params += types
    if filter.actor:
        clauses.append(
            "e.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors a ON a.id = ea.actor_id"
            f" WHERE a.id = ? OR a.name {dialect.like} ? OR a.id IN"
            f" (SELECT actor_id FROM actor_mentions WHERE text {dialect.like} ?))"
        )
        params += [filter.actor, f"%{filter.actor}%", filter.actor]
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
        lat, lon, km = filter.near
        dlat = km / 111.0
        dlon = km / max(1e-6, 111.0 * math.cos(math.radians(lat)))
        clauses.append("e.lat BETWEEN ? AND ? AND haversine_km(e.lat, e.lon, ?, ?) <= ?")
        params += [lat - dlat, lat + dlat, lat, lon, km]
        if dlon < 180:
            clauses.append("e.lon BETWEEN ? AND ?")
            params += [lon - dlon, lon + dlon]
    if filter.q:
        clauses.append(f"e.id IN (SELECT ev.event_id FROM evidence ev WHERE {dialect.evidence_search('ev')})")
        params.append(dialect.search_parameter(filter.q))
    if not filter.include_rejected:
        clauses.append("COALESCE(r.status, '') != 'rejected'")
    return " AND ".join(clauses), params


# Joins each event ``e`` to its latest review ``r`` (if any): the review that applies.
LATEST_REVIEW = (
    "LEFT JOIN (SELECT event_id, status, changes_json, note, reviewer, reviewed_at FROM reviews"
    " WHERE id IN (SELECT MAX(id) FROM reviews GROUP BY event_id)) r ON r.event_id = e.id"
)


_where = event_conditions  # the names the web workspace imported first
_LATEST_REVIEW = LATEST_REVIEW


def query_events(connection, filter: EventFilter, limit: int = 50, offset: int = 0,
                 dialect=SQLITE) -> tuple[list[dict], int]:
    """Events matching ``filter``, newest first, with the latest review applied; and the total count."""
    where, params = event_conditions(filter, dialect)
    total = connection.execute(f"SELECT COUNT(*) FROM events e {LATEST_REVIEW} WHERE {where}", params).fetchone()[0]
    rows = connection.execute(
        f"SELECT e.*, d.title AS doc_title, d.url AS doc_url, r.status AS review_status, r.changes_json AS review_changes,"
        f" r.note AS review_note, r.reviewer, r.reviewed_at FROM events e JOIN documents d ON d.id = e.doc_id"
        f" {LATEST_REVIEW} WHERE {where} ORDER BY e.date_begin IS NULL, e.date_begin DESC, e.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    actor_names = _actor_names(connection, [row["id"] for row in rows])
    return [_event_view(row, actor_names) for row in rows], total


def _actor_names(connection, event_ids: list[str]) -> dict[str, str]:
    if not event_ids:
        return {}
    marks = ",".join("?" * len(event_ids))
    rows = connection.execute(
        f"SELECT DISTINCT a.id, a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id IN ({marks})",
        event_ids,
    )
    return {row["id"]: row["name"] for row in rows}


def _event_view(row, actor_names: dict[str, str]) -> dict:
    """One event as the CLI, the API and exports show it: the extraction with its review applied."""
    event = json.loads(row["event_json"])
    changes = json.loads(row["review_changes"]) if row["review_changes"] else {}
    event.update({key: value for key, value in changes.items() if key in CORRECTABLE})
    event.update(
        doc_id=row["doc_id"], doc_title=row["doc_title"], doc_url=row["doc_url"],
        place_name=row["place_name"], place_feature=row["place_feature"],
        lat=row["lat"], lon=row["lon"], country=row["country"],
        actor_names=[actor_names.get(a, a) for a in event.get("actor", [])],
        recipient_names=[actor_names.get(a, a) for a in event.get("recipient", [])],
        review=None if row["review_status"] is None else {
            "status": row["review_status"], "changes": changes, "note": row["review_note"],
            "reviewer": row["reviewer"], "reviewed_at": row["reviewed_at"],
        },
    )
    return event


def add_review(connection, event_id: str, status: str, changes: dict | None = None,
               note: str | None = None, reviewer: str | None = None) -> dict:
    if status not in REVIEW_STATUSES:
        raise ValueError(f"review status must be one of {', '.join(REVIEW_STATUSES)}, not {status!r}")
    changes = changes or {}
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"cannot correct {', '.join(sorted(unknown))}; correctable: {', '.join(CORRECTABLE)}")
    row = connection.execute("SELECT doc_id FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise KeyError(event_id)
    reviewed_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    connection.execute(
        "INSERT INTO reviews (event_id, doc_id, status, changes_json, note, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (event_id, row["doc_id"], status, json.dumps(changes), note, reviewer, reviewed_at),
    )
    return {"event_id": event_id, "status": status, "changes": changes, "note": note, "reviewer": reviewer, "reviewed_at": reviewed_at}


def haversine_km(lat1, lon1, lat2, lon2) -> Optional[float]:
    if None in (lat1, lon1, lat2, lon2):
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))

