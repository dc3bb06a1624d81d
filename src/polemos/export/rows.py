"""Events as flat rows of plain values: the one flattener every table of events reads.

``flat_row`` turns a document's event report (an ``EventView``, or a canonical event's export
row shaped like one) or a canonical event (a ``CanonicalView``) into plain values under named
columns. The CSV and tables of ``polemos events`` show a choice of its columns
(``EVENT_COLUMNS``, ``CANONICAL_COLUMNS``); the ACLED rows of the exports (CSV, GeoJSON,
Parquet) take its values under ACLED's names (``polemos.export.acled.FROM_FLAT_ROW``), so a
value reads the same in the command's CSV and in an export.
"""

from __future__ import annotations

from typing import Any, Optional

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


def flat_row(event: EventView | CanonicalView) -> dict[str, Any]:
    """Every column an event gives: ``EVENT_COLUMNS`` for a report, ``CANONICAL_COLUMNS`` for a
    canonical event, and the review's and place's details the exports add."""
    date, dead, where, review = event.date, event.figure("dead"), event.location, event.review
    row = {
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
        "place_feature": where.feature,
        "place_geonameid": where.geonameid,
        "lat": where.lat,
        "lon": where.lon,
        "country": where.country,
        "dead_min": dead.min if dead else None,
        "dead_max": dead.max if dead else None,
        "review": event.review_status,
        "reviewer": review.reviewer if review else None,
        "review_note": review.note if review else None,
        "reviewed_at": review.reviewed_at if review else None,
    }
    row.update(_canonical_columns(event) if isinstance(event, CanonicalView) else _report_columns(event))
    return row


def _report_columns(event: EventView) -> dict[str, Any]:
    """A report's ACLED type, evidence (its text, and each span as ``doc:start-end``) and documents."""
    doc_of = [span.doc_id or event.doc_id or "" for span in event.evidence]
    return {
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "evidence": " … ".join(span.text for span in event.evidence),
        "evidence_offsets": "; ".join(f"{doc}:{span.start}-{span.end}" for doc, span in zip(doc_of, event.evidence))
        or None,
        "doc_id": event.doc_id,
        "doc_ids": "; ".join(dict.fromkeys(doc_of)) or event.doc_id,
        "source_url": "; ".join(filter(None, document_urls(event))) or None,
        "extracted_at": event.doc_extracted_at,
        "sources": event.source_count,
        "reports": event.report_count,
    }


def _canonical_columns(event: CanonicalView) -> dict[str, Any]:
    """A canonical event's figure by its rule, its sources and its earliest report."""
    dead, earliest = event.figure("dead"), event.earliest_report
    return {
        "dead": dead.value if dead else None,
        "sources": event.source_count,
        "reports": event.report_count,
        "earliest_doc_id": earliest.doc_id if earliest else None,
        "earliest_published": earliest.published if earliest else None,
        "doc_ids": "; ".join(event.doc_ids),
    }


def document_urls(event: EventView) -> list[Optional[str]]:
    """The URLs of an export row's documents (a canonical row's all), else its document's."""
    return list(event.doc_urls) or [event.doc_url]
