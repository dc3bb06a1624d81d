"""The alerting tables: watchlists, their alerts, and each alert's deliveries per channel.

``polemos.alerts`` decides what matches, what an alert says and when it is sent; the rows it
reads and writes are kept here. Functions that write run inside the caller's
``store.transaction()`` where several writes must land together.
"""

from __future__ import annotations

from typing import Iterable, Optional

from polemos.store.canonical import canonical_conditions, canonical_view
from polemos.store.views import CanonicalView
from polemos.store.event_filter import EventFilter

IN_CHUNK = 500  # document ids per IN (…) list


# -- what a watchlist matches ------------------------------------------------------------------


def _watch_conditions(store, event_filter: EventFilter, min_dead: Optional[float]) -> tuple[str, list]:
    where, params = canonical_conditions(event_filter, store.dialect)
    if min_dead is not None:
        where += " AND c.dead_value >= ?"
        params.append(min_dead)
    return where, params


def matching_canonical_views(
    store, event_filter: EventFilter, min_dead: Optional[float], doc_ids: Optional[list[str]] = None
) -> list[CanonicalView]:
    """Canonical events matching the filter and toll (only those fed by ``doc_ids`` when given)."""
    where, params = _watch_conditions(store, event_filter, min_dead)
    if doc_ids is None:
        return _views(store, where, params)
    found: dict[str, CanonicalView] = {}
    for start in range(0, len(doc_ids), IN_CHUNK):
        chunk = doc_ids[start : start + IN_CHUNK]
        fed = f" AND c.id IN (SELECT m.canonical_id FROM canonical_members m WHERE m.doc_id IN ({','.join('?' * len(chunk))}))"
        for view in _views(store, where + fed, [*params, *chunk]):
            found[view.id] = view
    return list(found.values())


def _views(store, where: str, params: list) -> list[CanonicalView]:
    rows = store.connection.execute(
        f"SELECT c.view_json FROM canonical_events c WHERE {where} ORDER BY c.date_begin, c.id", params
    ).fetchall()
    return [canonical_view(row["view_json"]) for row in rows]


def matching_days(store, event_filter: EventFilter, min_dead: Optional[float], first: str, last: str) -> list[str]:
    """The day (``YYYY-MM-DD``, as stored) each matching canonical event began, from ``first`` to ``last`` inclusive."""
    where, params = _watch_conditions(store, event_filter, min_dead)
    rows = store.connection.execute(
        f"SELECT substr(c.date_begin, 1, 10) AS day FROM canonical_events c WHERE {where}"
        " AND c.date_begin >= ? AND c.date_begin <= ?",
        [*params, first, last + "~"],
    ).fetchall()
    return [row["day"] for row in rows]


# -- alerts -------------------------------------------------------------------------------------


def known_alert(store, ident: str) -> Optional[dict]:
    """The death toll an alert was last raised with, and whether it is a baseline one."""
    row = store.connection.execute("SELECT dead_value, baseline FROM alerts WHERE id = ?", (ident,)).fetchone()
    return dict(row) if row else None


def insert_event_alert(
    store,
    ident: str,
    watchlist: str,
    canonical_id: str,
    dead: Optional[float],
    title: str,
    summary_json: str,
    baseline: bool,
    at: str,
) -> None:
    store.connection.execute(
        "INSERT INTO alerts (id, watchlist, kind, canonical_id, dead_value, title, summary_json, baseline,"
        " created_at, updated_at) VALUES (?, ?, 'event', ?, ?, ?, ?, ?, ?, ?)",
        (ident, watchlist, canonical_id, dead, title, summary_json, int(baseline), at, at),
    )


def raise_alert(store, ident: str, dead: Optional[float], title: str, summary_json: str, at: str) -> None:
    """A higher death toll: the alert is updated and no longer a baseline one."""
    store.connection.execute(
        "UPDATE alerts SET dead_value = ?, title = ?, summary_json = ?, baseline = 0, updated_at = ? WHERE id = ?",
        (dead, title, summary_json, at, ident),
    )


def update_alert_summary(store, ident: str, summary_json: str) -> None:
    store.connection.execute("UPDATE alerts SET summary_json = ? WHERE id = ?", (summary_json, ident))


def insert_trend_alert(store, ident: str, watchlist: str, title: str, summary_json: str, at: str) -> bool:
    """False when that week's trend alert was recorded already."""
    cursor = store.connection.execute(
        "INSERT INTO alerts (id, watchlist, kind, canonical_id, dead_value, title, summary_json, baseline, created_at,"
        " updated_at) VALUES (?, ?, 'trend', NULL, NULL, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING",
        (ident, watchlist, title, summary_json, at, at),
    )
    return cursor.rowcount == 1


def watchlist_alerts(store, name: str, limit: int, include_baseline: bool) -> list[dict]:
    """A watchlist's alert rows, most recently raised first."""
    rows = store.connection.execute(
        "SELECT * FROM alerts WHERE watchlist = ?"
        + ("" if include_baseline else " AND baseline = 0")
        + " ORDER BY updated_at DESC, id LIMIT ?",
        (name, limit),
    ).fetchall()
    return [dict(row) for row in rows]


def alert_count(store, name: str, baseline: bool) -> int:
    """How many alerts a watchlist has (``baseline``: those recorded as already matching when it was made)."""
    return store.connection.execute(
        "SELECT COUNT(*) FROM alerts WHERE watchlist = ? AND baseline = ?", (name, int(baseline))
    ).fetchone()[0]


# -- deliveries ---------------------------------------------------------------------------------


def queue_deliveries(store, ident: str, channels: Iterable[str]) -> None:
    """(Re)queue the alert on each channel."""
    for channel in channels:
        store.connection.execute("DELETE FROM alert_deliveries WHERE alert_id = ? AND channel = ?", (ident, channel))
        store.connection.execute(
            "INSERT INTO alert_deliveries (alert_id, channel, status, attempts) VALUES (?, ?, 'pending', 0)",
            (ident, channel),
        )


def deliveries_of(store, ident: str) -> list[dict]:
    rows = store.connection.execute(
        "SELECT channel, status, attempts, last_error, sent_at FROM alert_deliveries WHERE alert_id = ? ORDER BY channel",
        (ident,),
    ).fetchall()
    return [dict(row) for row in rows]


def due_deliveries(store, moment: str) -> list[dict]:
    """Pending deliveries due at ``moment``, each with its alert's row, by watchlist and age."""
    rows = store.connection.execute(
        "SELECT d.alert_id, d.channel, d.attempts, a.* FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"
        " WHERE d.status = 'pending' AND (d.next_attempt IS NULL OR d.next_attempt <= ?)"
        " ORDER BY a.watchlist, a.updated_at, a.id",
        (moment,),
    ).fetchall()
    return [dict(row) for row in rows]


def delivery_sent(store, ident: str, channel: str, at: str) -> None:
    store.connection.execute(
        "UPDATE alert_deliveries SET status = 'sent', attempts = attempts + 1, last_error = NULL, sent_at = ?"
        " WHERE alert_id = ? AND channel = ?",
        (at, ident, channel),
    )


def delivery_failed(store, ident: str, channel: str, status: str, attempts: int, error: str, next_attempt: str) -> None:
    store.connection.execute(
        "UPDATE alert_deliveries SET status = ?, attempts = ?, last_error = ?, next_attempt = ?"
        " WHERE alert_id = ? AND channel = ?",
        (status, attempts, error, next_attempt, ident, channel),
    )


# -- watchlists ---------------------------------------------------------------------------------


def insert_watchlist(
    store,
    name: str,
    filter_json: str,
    trend: bool,
    webhook_url: Optional[str],
    webhook_secret: Optional[str],
    email_to: Optional[str],
    created_at: str,
    webhook_private_ok: bool,
) -> bool:
    """False when a watchlist of that name exists already."""
    cursor = store.connection.execute(
        "INSERT INTO watchlists (name, filter_json, trend, webhook_url, webhook_secret, email_to, created_at,"
        " webhook_private_ok) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (name, filter_json, int(trend), webhook_url, webhook_secret, email_to, created_at, int(webhook_private_ok)),
    )
    return cursor.rowcount == 1


def webhook_rows(store) -> list[dict]:
    """Name, webhook address and secret of every watchlist with a webhook."""
    rows = store.connection.execute(
        "SELECT name, webhook_url, webhook_secret FROM watchlists WHERE webhook_url IS NOT NULL"
    ).fetchall()
    return [dict(row) for row in rows]


def replace_webhook(store, name: str, old_url: str, url: str, secret: Optional[str]) -> None:
    """Store a watchlist's webhook address and secret anew, unless its address changed meanwhile."""
    store.connection.execute(
        "UPDATE watchlists SET webhook_url = ?, webhook_secret = ? WHERE name = ? AND webhook_url = ?",
        (url, secret, name, old_url),
    )


def watchlist_rows(store) -> list:
    return store.connection.execute("SELECT * FROM watchlists ORDER BY name").fetchall()


def watchlist_row(store, name: str):
    return store.connection.execute("SELECT * FROM watchlists WHERE name = ?", (name,)).fetchone()


def delete_watchlist(store, name: str) -> bool:
    """Delete a watchlist with its alerts and their deliveries; False when there was none of that name."""
    store.connection.execute(
        "DELETE FROM alert_deliveries WHERE alert_id IN (SELECT id FROM alerts WHERE watchlist = ?)", (name,)
    )
    store.connection.execute("DELETE FROM alerts WHERE watchlist = ?", (name,))
    cursor = store.connection.execute("DELETE FROM watchlists WHERE name = ?", (name,))
    return cursor.rowcount == 1
