"""Events as the CLI, the API and exports show them: the extraction with its latest review applied.

A page of events is read in one indexed query (filter, order, limit), then completed with a
few lookups for that page only: actor names and kinds, the review details of reviewed events,
and the places a correction moved an event to.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional

from polemos.record import place_precision
from polemos.store.dialect import SQLITE
from polemos.store.event_filter import EVENT_SORTS, SCAN_IN_ORDER_ABOVE, EventFilter, event_conditions, order_by
from polemos.store.events import CORRECTABLE
from polemos.store.views import EventView

EVENT_COLUMNS = (
    "SELECT e.*, d.title AS doc_title, d.url AS doc_url, d.published AS doc_published"
    " FROM events e JOIN documents d ON d.id = e.doc_id"
)
_BATCH = 500  # parameters per IN (...) list


def query_events(
    connection, filter: EventFilter, limit: int = 50, offset: int = 0, dialect=SQLITE, sort: Optional[str] = None
) -> tuple[list[EventView], int]:
    """Events matching ``filter`` in ``sort`` order (newest first by default), and how many match in all."""
    where, params = event_conditions(filter, dialect)
    order = order_by(sort, EVENT_SORTS, "e.id", dialect)
    total = connection.execute(f"SELECT COUNT(*) FROM events e WHERE {where}", params).fetchone()[0]
    if total > SCAN_IN_ORDER_ABOVE:
        where, params = event_conditions(filter, dialect, scan_in_order=True)
    rows = connection.execute(
        f"{EVENT_COLUMNS} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    return event_views(connection, rows), total


def get_event(connection, event_id: str) -> Optional[EventView]:
    """One event with its review applied, rejected or not; None when there is no such event."""
    rows = connection.execute(f"{EVENT_COLUMNS} WHERE e.id = ?", (event_id,)).fetchall()
    views = event_views(connection, rows)
    return views[0] if views else None


def document_events(connection, doc_id: str, include_rejected: bool = False) -> list[EventView]:
    """Every event of one document, in text order of the extraction."""
    rejected = "" if include_rejected else " AND (e.review_status IS NULL OR e.review_status <> 'rejected')"
    rows = connection.execute(f"{EVENT_COLUMNS} WHERE e.doc_id = ?{rejected} ORDER BY e.id", (doc_id,)).fetchall()
    return event_views(connection, rows)


def event_views(connection, rows: list) -> list[EventView]:
    reviews = _latest_reviews(connection, [row["id"] for row in rows if row["review_status"] is not None])
    views = [_event_view(row, reviews.get(row["id"])) for row in rows]
    _apply_corrected_places(connection, views)
    actors = actor_details(connection, {a for view in views for a in (*view["actor"], *view["recipient"])})
    for view in views:
        view["actor_names"] = [actors.get(a, {}).get("name", a) for a in view["actor"]]
        view["recipient_names"] = [actors.get(a, {}).get("name", a) for a in view["recipient"]]
    return [EventView.from_dict(view) for view in views]


def actor_details(connection, actor_ids: Iterable[str]) -> dict[str, dict]:
    """``{id: {"name", "kind"}}`` of the stored actors among ``actor_ids``."""
    found: dict[str, dict] = {}
    for chunk in _chunks(sorted(actor_ids)):
        marks = ",".join("?" * len(chunk))
        for row in connection.execute(f"SELECT id, name, kind FROM actors WHERE id IN ({marks})", chunk):
            found[row["id"]] = {"name": row["name"], "kind": row["kind"]}
    return found


def _latest_reviews(connection, event_ids: list[str]) -> dict[str, dict]:
    latest: dict[str, dict] = {}
    for chunk in _chunks(event_ids):
        marks = ",".join("?" * len(chunk))
        rows = connection.execute(
            "SELECT event_id, status, changes_json, note, reviewer, reviewed_at FROM reviews"
            f" WHERE event_id IN ({marks}) ORDER BY id",
            chunk,
        )
        for row in rows:
            latest[row["event_id"]] = {  # in id order: the last one read is the latest
                "status": row["status"],
                "changes": json.loads(row["changes_json"] or "{}"),
                "note": row["note"],
                "reviewer": row["reviewer"],
                "reviewed_at": row["reviewed_at"],
            }
    return latest


def _event_view(row, review: Optional[dict]) -> dict:
    event = json.loads(row["event_json"])
    changes = review["changes"] if review else {}
    event.update({key: value for key, value in changes.items() if key in CORRECTABLE})
    event["actor"], event["recipient"] = list(event.get("actor") or []), list(event.get("recipient") or [])
    event.update(
        doc_id=row["doc_id"],
        doc_title=row["doc_title"],
        doc_url=row["doc_url"],
        doc_published=row["doc_published"],
        place_name=row["place_name"],
        place_feature=row["place_feature"],
        place_geonameid=row["place_geonameid"],
        place_precision=place_precision(row["place_feature"]),
        lat=row["lat"],
        lon=row["lon"],
        country=row["country"],
        review=review,
    )
    return event


def _apply_corrected_places(connection, views: list[dict]) -> None:
    """A correction names another place of the document (by index), or a place of the
    gazetteer itself (``{name, geonameid, lat, lon, country, feature, admin1}``): show that place."""
    for view in views:
        if "place" not in ((view["review"] or {}).get("changes") or {}):
            continue
        if isinstance(view["place"], dict):
            _show_place(view, view["place"])
            continue
        place = connection.execute(
            "SELECT name, text, geonameid, lat, lon, country, feature FROM places WHERE doc_id = ? AND idx = ?",
            (view["doc_id"], view["place"]),
        ).fetchone()
        view.update(
            place_name=(place["name"] or place["text"]) if place else None,
            place_geonameid=place["geonameid"] if place else None,
            lat=place["lat"] if place else None,
            lon=place["lon"] if place else None,
            country=place["country"] if place else None,
            place_feature=place["feature"] if place else None,
            place_precision=place_precision(place["feature"]) if place else None,
        )


def _show_place(view: dict, place: dict) -> None:
    view.update(
        place_name=place.get("name"),
        place_geonameid=place.get("geonameid"),
        lat=place.get("lat"),
        lon=place.get("lon"),
        country=place.get("country"),
        place_feature=place.get("feature"),
        place_precision=place_precision(place.get("feature")),
    )


def _chunks(items: list[str]):
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]
