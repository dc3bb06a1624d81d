"""Watchlists and alerts: saved filters, the alerts new events make, and their delivery
(Atom feed in the workspace, signed webhook, e-mail digest)."""

from __future__ import annotations

from datetime import date
from typing import Optional

from polemos.alerts.deliver import DeliveryConfig, deliver_pending, sign
from polemos.alerts.matching import alerts_of, matching_events, record_alerts
from polemos.alerts.trends import trend_alert
from polemos.alerts.watchlists import Watchlist, Watchlists


def check_and_deliver(store, doc_ids: list[str], config: DeliveryConfig | None = None,
                      today: Optional[date] = None) -> list[str]:
    """After an ingest: record the alerts the new documents make on every watchlist, then send
    what is due. Returns lines for the user; a watchlist failing is reported, and the rest go on."""
    lines = []
    for watchlist in Watchlists(store).all():
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


__all__ = [
    "DeliveryConfig", "Watchlist", "Watchlists", "alerts_of", "check_and_deliver", "deliver_pending",
    "matching_events", "record_alerts", "sign", "trend_alert",
]
