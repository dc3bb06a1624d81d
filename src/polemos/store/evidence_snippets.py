"""The evidence sentence a list shows beside each canonical event: the first sentence of the
report the row links to (its earliest report), so the analyst reads why the event was coded
before opening it. One read for a page of events, never one per row."""

from __future__ import annotations

from typing import Iterable, Optional


def first_evidence(store, report_ids: Iterable[Optional[str]]) -> dict[str, str]:
    """``{report id: its first evidence sentence}`` for the reports among ``report_ids`` that have one."""
    ids = sorted({report_id for report_id in report_ids if report_id})
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = store.connection.execute(
            f"SELECT event_id, text FROM evidence WHERE event_id IN ({','.join('?' * len(chunk))}) ORDER BY event_id, start",
            chunk,
        )
        for report_id, text in rows:
            found.setdefault(report_id, text)
    return found
