"""Which canonical events match a watchlist, and the alerts they make.

An alert is kept once per watchlist and canonical event. A later source of the same event
updates the alert's content without sending it again, unless the death toll rose: unless a
source now reports more dead than any source before it (the canonical figure itself stays the
most conservative one, so it never rises). Then the alert is sent again, saying so. Events that already matched when a watchlist was made are
recorded as its baseline and never sent.
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterable, Optional

from polemos.alerts.watchlists import Watchlist
from polemos.store import CanonicalView
from polemos.store import alerts as alert_rows
from polemos.store.watch import now

CHANNELS = ("webhook", "email")


def alert_id(watchlist: str, key: str) -> str:
    return "al-" + hashlib.sha1(f"{watchlist}\x00{key}".encode("utf-8")).hexdigest()[:16]


def matching_events(store, watchlist: Watchlist, doc_ids: Optional[list[str]] = None) -> list[CanonicalView]:
    """Canonical events matching the watchlist (only those fed by ``doc_ids`` when given)."""
    return alert_rows.matching_canonical_views(store, watchlist.filter, watchlist.min_dead, doc_ids)


def dead_of(view: CanonicalView) -> Optional[float]:
    """The canonical death toll (the most conservative figure of the sources)."""
    dead = view.figure("dead")
    return dead.value if dead else None


def highest_toll(view: CanonicalView) -> Optional[float]:
    """The highest death toll any source reports: what rises when a later report counts more dead."""
    dead = view.figure("dead")
    figures = [figure for figure in ((dead.value, dead.min, dead.max) if dead else ()) if figure is not None]
    return max(figures) if figures else None


def summary_of(view: CanonicalView) -> dict:
    """What a delivery shows of a canonical event: what, when, where, how many dead, who says so."""
    date, where = view.date, view.location
    sources = [
        {
            "doc_id": source.doc_id,
            "title": source.doc_title,
            "published": source.published,
            "evidence": [span.text for span in source.evidence][:3],
        }
        for source in view.sources
    ]
    return {
        "canonical_id": view.id,
        "type": view.type,
        "mode": view.mode,
        "modality": view.modality,
        "date": (date.value or date.begin) if date else None,
        "place": where.name,
        "country": where.country,
        "lat": where.lat,
        "lon": where.lon,
        "dead": dead_of(view),
        "dead_reported_max": highest_toll(view),
        "actors": view.actor_names,
        "recipients": view.recipient_names,
        "source_count": view.source_count,
        "sources": sources,
    }


def title_of(summary: dict, raised_from: Optional[float] = None) -> str:
    what = summary["type"].title() + (f" ({summary['mode']})" if summary.get("mode") else "")
    where = f" in {summary['place']}" if summary.get("place") else ""
    when = f" on {summary['date']}" if summary.get("date") else ""
    dead = f", {summary['dead']:g} dead" if summary.get("dead") is not None else ""
    raised = (
        f" (death toll rising: a source now reports {summary['dead_reported_max']:g}, up from {raised_from:g})"
        if raised_from is not None
        else ""
    )
    return f"{what}{where}{when}{dead}{raised}"


def record_alerts(store, watchlist: Watchlist, doc_ids: Iterable[str], baseline: bool = False) -> list[str]:
    """Record the alerts the events fed by ``doc_ids`` make (every current match when ``baseline``);
    returns the ids of the alerts to send (new, or whose death toll rose)."""
    views = matching_events(store, watchlist, None if baseline else list(doc_ids))
    to_send = []
    with store.transaction():
        for view in views:
            if _record_one(store, watchlist, view, baseline):
                to_send.append(alert_id(watchlist.name, view.id))
    return to_send


def _record_one(store, watchlist: Watchlist, view: CanonicalView, baseline: bool) -> bool:
    ident = alert_id(watchlist.name, view.id)
    summary = summary_of(view)
    dead = summary["dead_reported_max"]
    known = alert_rows.known_alert(store, ident)
    if known is None:
        alert_rows.insert_event_alert(
            store, ident, watchlist.name, view.id, dead, title_of(summary), json.dumps(summary), baseline, now()
        )
        if not baseline:
            queue_deliveries(store, watchlist, ident)
        return not baseline
    rose = dead is not None and (known["dead_value"] is None or dead > known["dead_value"])
    if rose:
        alert_rows.raise_alert(store, ident, dead, title_of(summary, known["dead_value"]), json.dumps(summary), now())
        queue_deliveries(store, watchlist, ident)
        return True
    alert_rows.update_alert_summary(store, ident, json.dumps(summary))
    return False


def queue_deliveries(store, watchlist: Watchlist, ident: str) -> None:
    """(Re)queue the alert on each channel the watchlist has."""
    alert_rows.queue_deliveries(
        store,
        ident,
        [channel for channel, wanted in (("webhook", watchlist.webhook_url), ("email", watchlist.email_to)) if wanted],
    )


def alerts_of(store, name: str, limit: int = 50, include_baseline: bool = False) -> list[dict]:
    """A watchlist's alerts, most recently raised first."""
    return [
        {**row, "summary": json.loads(row["summary_json"]), "deliveries": alert_rows.deliveries_of(store, row["id"])}
        for row in alert_rows.watchlist_alerts(store, name, limit, include_baseline)
    ]
