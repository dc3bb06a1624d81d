"""Canonical events as export rows (``polemos export --canonical``, the workspace's export links).

Each canonical event becomes one row as an ``EventView``, so the writers of
``polemos.export.formats`` take it unchanged: its consensus type, date, place and actors;
per figure the canonical value (the most conservative rule) with the range of the sources;
the evidence of every source; the documents of all sources (earliest first) as the source;
the ACLED type most of its reports were coded with; and the reviews of its reports, the latest
as its review (a rejected report has left it, so these say what was confirmed or corrected).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterator

from polemos.store.exports import report_details
from polemos.store.views import CanonicalView, EventView

PAGE = 500


def canonical_rows(store, event_filter) -> Iterator[EventView]:
    """Every canonical event matching the filter as an export row, a page at a time."""
    offset = 0
    while True:
        views, total = store.canonical_events(event_filter, limit=PAGE, offset=offset)
        details = report_details(store, [source.report_id for view in views for source in view.sources])
        yield from (canonical_as_event(view, details) for view in views)
        offset += len(views)
        if not views or offset >= total:
            return


def canonical_as_event(view: CanonicalView, details: dict[str, dict]) -> EventView:
    sources = view.sources
    acled: Counter[Any] = Counter((details.get(s.report_id) or {}).get("acled") for s in sources)
    acled.pop(None, None)
    event_type, sub_event_type = acled.most_common(1)[0][0] if acled else (None, None)
    titles = list(dict.fromkeys(s.doc_title or s.doc_id for s in sources))
    earliest = view.earliest_report
    reviews = [details[s.report_id]["review"] for s in sources if (details.get(s.report_id) or {}).get("review")]
    urls = [(details.get(s.report_id) or {}).get("url") for s in sources]
    extracted = [(details.get(s.report_id) or {}).get("extracted_at") for s in sources]
    published = view.to_dict()  # the JSON forms a row keeps as they are: date, actors, the analyst's review
    where = view.location
    return EventView.from_dict(
        {
            "id": view.id,
            "type": view.type,
            "mode": view.mode,
            "context": [],
            "date": published.get("date"),
            "actor": view.actor_ids,
            "recipient": view.recipient_ids,
            "actor_names": view.actor_names,
            "recipient_names": view.recipient_names,
            "modality": published.get("modality"),
            "attributed_to": None,
            "place_name": where.name,
            "lat": where.lat,
            "lon": where.lon,
            "place_geonameid": where.geonameid,
            "country": where.country,
            "place_feature": where.feature,
            "size": {
                category: {
                    "min": figure.value,
                    "max": figure.max,
                    "range_min": figure.min,
                    "rule": figure.rule,
                    "sources": len(figure.by_source),
                }
                for category, figure in view.size.items()
            },
            "evidence": [dict(span, doc_id=s["doc_id"]) for s in published["sources"] for span in s["evidence"]],
            "doc_id": earliest.doc_id if earliest else None,
            "doc_title": "; ".join(titles),
            "doc_url": (details.get(earliest.report_id if earliest else "") or {}).get("url"),
            "doc_urls": list(dict.fromkeys(filter(None, urls))),
            "doc_extracted_at": max(filter(None, extracted), default=None),
            "acled": {"event_type": event_type, "sub_event_type": sub_event_type} if event_type else None,
            # An analyst's verdict on the canonical event itself comes first; else its reports' latest.
            "review": published.get("review")
            or (max(reviews, key=lambda r: r["reviewed_at"] or "") if reviews else None),
            "reviews": reviews,
            "source_count": view.source_count,
            "report_count": view.report_count,
        }
    )
