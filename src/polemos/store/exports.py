"""What the exports read beyond the event views: the actor table, each document's extraction
time, and per report its ACLED coding, document and latest review (for canonical rows).

The exports in ``polemos.export`` shape rows; the SQL they need lives here.
"""

from __future__ import annotations

PAGE = 500


def actor_table(store) -> dict[str, dict]:
    """Every actor by id: name, kind, sector, country and Wikidata id."""
    rows = store.connection.execute("SELECT id, name, kind, sector, country, wikidata FROM actors")
    return {row["id"]: dict(row) for row in rows}


def extraction_times(store, doc_ids: set[str]) -> dict[str, str]:
    """When each document was last extracted: part of an exported row's ``timestamp``."""
    ids = sorted(doc_ids)
    marks = ",".join("?" * len(ids))
    rows = store.connection.execute(f"SELECT id, extracted_at FROM documents WHERE id IN ({marks})", ids) if ids else []
    return {row["id"]: row["extracted_at"] for row in rows}


def report_details(store, report_ids: list[str]) -> dict[str, dict]:
    """ACLED coding, document URL and extraction time, and latest review of each report, a page at a time."""
    found: dict[str, dict] = {}
    for start in range(0, len(report_ids), PAGE):
        chunk = report_ids[start : start + PAGE]
        marks = ",".join("?" * len(chunk))
        rows = store.connection.execute(
            "SELECT e.id, e.acled_event_type, e.acled_sub_event_type, d.url, d.extracted_at FROM events e"
            f" JOIN documents d ON d.id = e.doc_id WHERE e.id IN ({marks})",
            chunk,
        )
        for row in rows:
            acled = (row["acled_event_type"], row["acled_sub_event_type"]) if row["acled_event_type"] else None
            found[row["id"]] = {"acled": acled, "url": row["url"], "extracted_at": row["extracted_at"], "review": None}
        reviews = store.connection.execute(
            "SELECT event_id, status, note, reviewer, reviewed_at FROM reviews"
            f" WHERE event_id IN ({marks}) ORDER BY id",
            chunk,
        )
        for row in reviews:  # in id order: the last one read is the latest
            found.setdefault(row["event_id"], {})["review"] = {
                "report_id": row["event_id"],
                "status": row["status"],
                "note": row["note"],
                "reviewer": row["reviewer"],
                "reviewed_at": row["reviewed_at"],
            }
    return found
