"""Trend alerts: the count of a watchlist's events in the last seven days against the seven-day
counts of the eight weeks before it.

The rule, stated in every trend alert: alert when this week's count is at least
``MIN_COUNT`` and above the baseline mean by more than ``DEVIATIONS`` standard deviations
(the deviation taken as at least 1, so a flat baseline of zeros needs a real rise).
Events are counted by the date they happened (their canonical date's beginning).
"""

from __future__ import annotations

import json
import statistics
from datetime import date, timedelta
from typing import Optional

from polemos.alerts.matching import alert_id, queue_deliveries
from polemos.alerts.watchlists import Watchlist
from polemos.store import alerts as alert_rows
from polemos.store.watch import now

WEEKS = 8
DEVIATIONS = 2.0
MIN_COUNT = 3
RULE = (
    f"this week's count of matching events is at least {MIN_COUNT} and more than {DEVIATIONS:g} standard"
    f" deviations (at least 1) above the mean of the {WEEKS} weeks before"
)


def weekly_counts(store, watchlist: Watchlist, today: date) -> list[int]:
    """Counts of matching canonical events per seven-day window, oldest first, the last ending ``today``."""
    first = today - timedelta(days=7 * (WEEKS + 1) - 1)
    days = alert_rows.matching_days(store, watchlist.filter, watchlist.min_dead, first.isoformat(), today.isoformat())
    counts = [0] * (WEEKS + 1)
    for text in days:
        try:
            day = date.fromisoformat(text)
        except (TypeError, ValueError):
            continue
        counts[min(WEEKS, (day - first).days // 7)] += 1
    return counts


def trend_alert(store, watchlist: Watchlist, today: Optional[date] = None) -> Optional[str]:
    """Record (once per week) and return the id of a trend alert when the rule holds, else None."""
    today = today or date.today()
    counts = weekly_counts(store, watchlist, today)
    baseline, current = counts[:-1], counts[-1]
    mean = statistics.fmean(baseline)
    deviation = max(1.0, statistics.pstdev(baseline))
    if current < MIN_COUNT or current <= mean + DEVIATIONS * deviation:
        return None
    week = (today - timedelta(days=6)).isoformat()
    ident = alert_id(watchlist.name, f"trend:{week}")
    summary = {
        "kind": "trend",
        "week_from": week,
        "week_to": today.isoformat(),
        "count": current,
        "baseline_counts": baseline,
        "baseline_mean": round(mean, 2),
        "baseline_deviation": round(deviation, 2),
        "rule": RULE,
    }
    title = (
        f"Rising: {current} matching events in the 7 days to {today.isoformat()}, against a mean of {mean:.1f}"
        f" (deviation {deviation:.1f}) over the {WEEKS} weeks before"
    )
    with store.transaction():
        if not alert_rows.insert_trend_alert(store, ident, watchlist.name, title, json.dumps(summary), now()):
            return None
        queue_deliveries(store, watchlist, ident)
    return ident
