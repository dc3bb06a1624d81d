"""What an actor's page shows beyond its names: its events month by month and the actors it
meets most often in events (as actor or recipient), rejected events left out."""

from __future__ import annotations

NOT_REJECTED = "(e.review_status IS NULL OR e.review_status <> 'rejected')"


def events_by_month(connection, actor_id: str, limit: int = 120) -> list[dict]:
    """``[{"month": "2023-09", "events": 4}, …]``, oldest first, months without events included
    (a gap shows as one); the latest ``limit`` months."""
    rows = connection.execute(
        "SELECT substr(e.date_begin, 1, 7) AS month, COUNT(DISTINCT e.id) AS events"
        " FROM event_actors ea JOIN events e ON e.id = ea.event_id"
        f" WHERE ea.actor_id = ? AND e.date_begin IS NOT NULL AND {NOT_REJECTED}"
        " GROUP BY substr(e.date_begin, 1, 7) ORDER BY month DESC LIMIT ?",
        (actor_id, limit),
    ).fetchall()
    counts = {row[0]: row[1] for row in rows if _is_month(row[0])}
    if not counts:
        return []
    months = _months(min(counts), max(counts))[-limit:]
    return [{"month": month, "events": counts.get(month, 0)} for month in months]


def _is_month(text: str) -> bool:
    return len(text or "") == 7 and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def top_counterparts(connection, actor_id: str, limit: int = 10) -> list[dict]:
    """The actors sharing most events with this one, with how many and in which role they were."""
    rows = connection.execute(
        "SELECT other.actor_id, a.name, a.kind, a.country, COUNT(DISTINCT other.event_id) AS events,"
        " SUM(CASE WHEN other.role = 'recipient' THEN 1 ELSE 0 END) AS as_recipient"
        " FROM event_actors ea JOIN event_actors other ON other.event_id = ea.event_id AND other.actor_id <> ea.actor_id"
        " JOIN events e ON e.id = ea.event_id JOIN actors a ON a.id = other.actor_id"
        f" WHERE ea.actor_id = ? AND {NOT_REJECTED}"
        " GROUP BY other.actor_id, a.name, a.kind, a.country ORDER BY events DESC, a.name LIMIT ?",
        (actor_id, limit),
    ).fetchall()
    return [
        {"id": row[0], "name": row[1], "kind": row[2], "country": row[3], "events": row[4], "as_recipient": row[5]}
        for row in rows
    ]
