"""Events as flat rows of plain values: the CSV of ``polemos events`` and its tables.

One flattener per kind of view, read by every listing that shows an event as one line, so a
column means the same wherever it appears. (The ACLED exports have ACLED's own columns,
``polemos.export.acled.acled_row``, read from the same view attributes.)
"""

from __future__ import annotations

from typing import Any

from polemos.store.views import CanonicalView, EventView

EVENT_COLUMNS = (
    "id",
    "date",
    "date_begin",
    "date_end",
    "type",
    "mode",
    "modality",
    "actors",
    "recipients",
    "place",
    "lat",
    "lon",
    "country",
    "dead_min",
    "dead_max",
    "acled_event_type",
    "acled_sub_event_type",
    "review",
    "evidence",
    "doc_id",
)
CANONICAL_COLUMNS = (
    "id",
    "date",
    "date_begin",
    "date_end",
    "date_precision",
    "type",
    "mode",
    "modality",
    "actors",
    "recipients",
    "place",
    "lat",
    "lon",
    "country",
    "dead",
    "dead_min",
    "dead_max",
    "sources",
    "reports",
    "earliest_doc_id",
    "earliest_published",
    "doc_ids",
    "review",
)


def flat_event(event: EventView) -> dict[str, Any]:
    """One document's event report as a row of ``EVENT_COLUMNS``."""
    date, dead, where = event.date, event.figure("dead"), event.location
    return {
        "id": event.id,
        "date": date.value if date else None,
        "date_begin": date.begin if date else None,
        "date_end": date.end if date else None,
        "type": event.type,
        "mode": event.mode,
        "modality": event.modality,
        "actors": "; ".join(event.actor_names),
        "recipients": "; ".join(event.recipient_names),
        "place": where.name,
        "lat": where.lat,
        "lon": where.lon,
        "country": where.country,
        "dead_min": dead.min if dead else None,
        "dead_max": dead.max if dead else None,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "review": event.review_status,
        "evidence": " … ".join(span.text for span in event.evidence),
        "doc_id": event.doc_id,
    }


def flat_canonical(event: CanonicalView) -> dict[str, Any]:
    """One canonical event as a row of ``CANONICAL_COLUMNS``."""
    date, dead, where, earliest = event.date, event.figure("dead"), event.location, event.earliest_report
    return {
        "id": event.id,
        "date": date.value if date else None,
        "date_begin": date.begin if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
        "type": event.type,
        "mode": event.mode,
        "modality": event.modality,
        "actors": "; ".join(event.actor_names),
        "recipients": "; ".join(event.recipient_names),
        "place": where.name,
        "lat": where.lat,
        "lon": where.lon,
        "country": where.country,
        "dead": dead.value if dead else None,
        "dead_min": dead.min if dead else None,
        "dead_max": dead.max if dead else None,
        "sources": event.source_count,
        "reports": event.report_count,
        "earliest_doc_id": earliest.doc_id if earliest else None,
        "earliest_published": earliest.published if earliest else None,
        "doc_ids": "; ".join(event.doc_ids),
        "review": event.review_status,
    }
