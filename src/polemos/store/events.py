"""Events in the store: writing a document's events, and analyst reviews.

Event ids are stable: the same event type at the same evidence span of the same document
gets the same id on every extraction, which is what lets a review survive re-extraction.
The latest review's verdict (status, corrected type) is copied onto the events row, so
lists, counts, the map and the timeline filter on it without reading the review history.

``connection`` is either backend's connection: both take ``?`` placeholders and give rows
addressable by column name.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Optional

from polemos.distance import great_circle_km
from polemos.record import Event, ExtractionRecord, event_place, plain, size_figure
from polemos.store.report_links import refresh_links, write_machine_links
from polemos.store.report_places import refresh_report_places

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
        place = event_place(record, event)
        date = event.date or {}
        dead = size_figure(event.size, "dead")
        connection.execute(
            "INSERT INTO events (id, doc_id, type, mode, context_json, date_value, date_begin, date_end, date_text,"
            " date_precision, place_idx, place_name, place_geonameid, lat, lon, country, place_feature, modality,"
            " attributed_to, confidence, acled_event_type, acled_sub_event_type, trigger, dead_min, dead_max,"
            " size_json, event_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                doc_id,
                event.type,
                event.mode,
                json.dumps(event.context),
                date.get("value"),
                date.get("begin"),
                date.get("end"),
                date.get("text"),
                date.get("precision"),
                event.place,
                place.name if place else None,
                place.geonameid if place else None,
                place.lat if place else None,
                place.lon if place else None,
                place.country if place else None,
                place.feature if place else None,
                event.modality,
                event.attributed_to,
                event.confidence,
                (event.acled or {}).get("event_type"),
                (event.acled or {}).get("sub_event_type"),
                event.trigger,
                dead.get("min"),
                dead.get("max"),
                json.dumps(event.size or {}),
                json.dumps(plain(event)),
            ),
        )
        roles = [(a, "actor") for a in event.actor] + [(a, "recipient") for a in event.recipient]
        connection.executemany(
            "INSERT INTO event_actors (event_id, actor_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(event.id, actor_id, role) for actor_id, role in roles if actor_id in known_actors],
        )
        write_machine_links(
            connection,
            event.id,
            event.type,
            date.get("begin"),
            date.get("end"),
            [a for a in event.actor if a in known_actors],
            [a for a in event.recipient if a in known_actors],
        )
        connection.executemany(
            'INSERT INTO evidence (event_id, doc_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            [(event.id, doc_id, span.start, span.end, span.text) for span in event.evidence],
        )
    for relation in record.relations:
        connection.execute(
            'INSERT INTO relations (doc_id, type, name, actors_json, begin, "end", relation_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
            (
                doc_id,
                relation.type,
                relation.name,
                json.dumps(relation.actors),
                relation.begin,
                relation.end,
                json.dumps(plain(relation)),
            ),
        )
    _restore_reviews(connection, doc_id)


def _restore_reviews(connection, doc_id: str) -> None:
    """Put the latest review of each re-extracted event back on its new row (ids are stable)."""
    rows = connection.execute(
        "SELECT r.event_id, r.status, r.changes_json FROM reviews r WHERE r.doc_id = ?"
        " AND r.id IN (SELECT MAX(id) FROM reviews WHERE doc_id = ? GROUP BY event_id)",
        (doc_id, doc_id),
    ).fetchall()
    connection.executemany(
        "UPDATE events SET review_status = ?, review_type = ? WHERE id = ?",
        [(row["status"], _corrected_type(row["changes_json"]), row["event_id"]) for row in rows],
    )
    refresh_links(connection, [row["event_id"] for row in rows])
    refresh_report_places(connection, [row["event_id"] for row in rows])


def delete_events(connection, doc_id: str) -> None:
    """Remove a document's machine events; reviews stay (they are keyed by the stable event id)."""
    connection.execute("DELETE FROM evidence WHERE doc_id = ?", (doc_id,))
    connection.execute("DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)", (doc_id,))
    connection.execute("DELETE FROM report_links WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)", (doc_id,))
    connection.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
    connection.execute("DELETE FROM relations WHERE doc_id = ?", (doc_id,))


def add_review(
    connection,
    event_id: str,
    status: str,
    changes: dict | None = None,
    note: str | None = None,
    reviewer: str | None = None,
) -> dict:
    """Record a review and make it the event's current verdict; the caller owns the transaction."""
    if status not in REVIEW_STATUSES:
        raise ValueError(f"review status must be one of {', '.join(REVIEW_STATUSES)}, not {status!r}")
    changes = dict(changes or {})
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"cannot correct {', '.join(sorted(unknown))}; correctable: {', '.join(CORRECTABLE)}")
    if changes.get("type"):
        changes["type"] = str(changes["type"]).strip().upper()  # types are stored and filtered upper-case
    row = connection.execute("SELECT doc_id FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise KeyError(event_id)
    reviewed_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    changes_json = json.dumps(changes)
    connection.execute(
        "INSERT INTO reviews (event_id, doc_id, status, changes_json, note, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (event_id, row["doc_id"], status, changes_json, note, reviewer, reviewed_at),
    )
    connection.execute(
        "UPDATE events SET review_status = ?, review_type = ? WHERE id = ?",
        (status, _corrected_type(changes_json), event_id),
    )
    refresh_links(connection, [event_id])
    refresh_report_places(connection, [event_id])
    return {
        "event_id": event_id,
        "status": status,
        "changes": changes,
        "note": note,
        "reviewer": reviewer,
        "reviewed_at": reviewed_at,
    }


def document_place_index(places, text: str) -> Optional[int]:
    """The index of the first of a document's places named ``text`` (its resolved name or its
    words in the text, any case), the place a report's correction moves it to; None if none is."""
    wanted = text.strip().lower()
    return next(
        (
            index
            for index, place in enumerate(places)
            if (place.name or place.text).lower() == wanted or place.text.lower() == wanted
        ),
        None,
    )


def review_history(connection, event_id: str) -> list[dict]:
    """Every review of an event, newest first: the history behind its current state."""
    rows = connection.execute(
        "SELECT status, changes_json, note, reviewer, reviewed_at FROM reviews WHERE event_id = ? ORDER BY id DESC LIMIT 200",
        (event_id,),
    ).fetchall()
    return [
        {
            "status": row["status"],
            "changes": json.loads(row["changes_json"] or "{}"),
            "note": row["note"],
            "reviewer": row["reviewer"],
            "reviewed_at": row["reviewed_at"],
        }
        for row in rows
    ]


def _corrected_type(changes_json: Optional[str]) -> Optional[str]:
    corrected = json.loads(changes_json or "{}").get("type")
    return str(corrected).upper() if corrected else None


def haversine_km(lat1, lon1, lat2, lon2) -> Optional[float]:
    if None in (lat1, lon1, lat2, lon2):
        return None
    return great_circle_km(lat1, lon1, lat2, lon2)
