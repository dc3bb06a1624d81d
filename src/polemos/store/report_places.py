"""Each report's place as an analyst last corrected it, else as extracted, on its events row
(``place_name``, ``lat``, ``lon``, ``country``, ``place_feature``, ``place_geonameid``): what the
map draws a report's point from, and what the place, country and near filters read. The event
views and the exports already show the corrected place; the row follows them (migration 0014).
The extracted place stays known by ``place_idx``, so a later review that leaves the place alone
gives it back.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional

COLUMNS = ("place_name", "place_geonameid", "lat", "lon", "country", "place_feature")


def refresh_report_places(connection, event_ids: Iterable[str]) -> None:
    """Write again the place columns of these reports from their latest review, else their extraction."""
    for event_id in dict.fromkeys(event_ids):
        row = connection.execute("SELECT doc_id, place_idx FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            continue
        corrected = _corrected_place(connection, event_id)
        if isinstance(corrected, dict):
            place = tuple(corrected.get(key) for key in ("name", "geonameid", "lat", "lon", "country", "feature"))
        elif isinstance(corrected, int):  # another place of its document, named as the event views name it
            place = _document_place(connection, row[0], corrected, text_for_name=True)
        else:  # as extracted (``write_events``)
            place = _document_place(connection, row[0], row[1], text_for_name=False)
        connection.execute(
            f"UPDATE events SET {', '.join(column + ' = ?' for column in COLUMNS)} WHERE id = ?", (*place, event_id)
        )


def _corrected_place(connection, event_id: str):
    row = connection.execute(
        "SELECT changes_json FROM reviews WHERE event_id = ? ORDER BY id DESC LIMIT 1", (event_id,)
    ).fetchone()
    return (json.loads(row[0] or "{}") if row else {}).get("place")


def _document_place(connection, doc_id: str, index: Optional[int], text_for_name: bool) -> tuple:
    found = (
        None
        if index is None
        else connection.execute(
            "SELECT name, text, geonameid, lat, lon, country, feature FROM places WHERE doc_id = ? AND idx = ?",
            (doc_id, index),
        ).fetchone()
    )
    if found is None:
        return (None,) * len(COLUMNS)
    return (found[0] or (found[1] if text_for_name else None), found[2], found[3], found[4], found[5], found[6])


def reports_with_corrected_places(connection) -> list[str]:
    """The reports some review moved to another place (a store upgraded to migration 0014 writes
    their place columns again)."""
    rows = connection.execute("SELECT DISTINCT event_id FROM reviews WHERE changes_json LIKE '%\"place\"%'").fetchall()
    return sorted(row[0] for row in rows)
