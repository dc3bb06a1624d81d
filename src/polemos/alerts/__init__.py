"""Watchlists and alerts: saved filters, the alerts new events make, and their delivery
(Atom feed in the workspace, signed webhook, e-mail digest)."""

from __future__ import annotations

from datetime import date
from typing import Optional

from polemos.alerts.deliver import DeliveryConfig, deliver_pending, sign
from polemos.alerts.matching import alerts_of, matching_events, record_alerts
from polemos.alerts.trends import trend_alert
from polemos.alerts.watchlists import Watchlist, Watchlists


def check_and_deliver(
    store, doc_ids: list[str], config: DeliveryConfig | None = None, today: Optional[date] = None, areas=None
) -> list[str]:
    """After an ingest: record the alerts the new documents make on every watchlist, then send
    what is due. Returns lines for the user; a watchlist failing is reported, and the rest go on.
    ``areas`` (``Admin1Areas``, read when none is given) places the new events in their
    first-level divisions when a watchlist is limited to one."""
    lines = []
    watchlists = Watchlists(store).all()
    if doc_ids and any(watchlist.filter.admin1 for watchlist in watchlists):
        lines += place_in_divisions(store, areas)
    for watchlist in watchlists:
        try:
            raised = record_alerts(store, watchlist, doc_ids) if doc_ids else []
            if watchlist.trend and doc_ids and trend_alert(store, watchlist, today):
                raised.append("trend")
        except Exception as error:  # noqa: BLE001 - one broken watchlist must not stop the others
            lines.append(f"alerts: {watchlist.name}: not checked ({type(error).__name__}: {error})")
            continue
        if raised:
            lines.append(f"alerts: {watchlist.name}: {len(raised)} new alert(s)")
    lines += deliver_pending(store, config)
    return lines


def place_in_divisions(store, areas=None) -> list[str]:
    """Give the canonical events stored since the map last looked their division, as a filter
    by division needs (the map's precision rule: only precise places get one)."""
    from polemos.geo.admin1_areas import Admin1Areas
    from polemos.store.map_areas import place_new_points

    try:
        place_new_points(store, areas if areas is not None else Admin1Areas())
    except Exception as error:  # noqa: BLE001 - the other watchlists still need checking
        return [f"alerts: divisions of the new events not found ({type(error).__name__}: {error})"]
    return []


__all__ = [
    "DeliveryConfig",
    "Watchlist",
    "Watchlists",
    "alerts_of",
    "check_and_deliver",
    "deliver_pending",
    "matching_events",
    "record_alerts",
    "sign",
    "trend_alert",
]
