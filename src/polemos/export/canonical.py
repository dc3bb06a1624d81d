"""Canonical events as export rows (``polemos export --canonical``, the workspace's export links).

Each canonical event becomes one row shaped like an event view, so the writers of
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

PAGE = 500


def canonical_rows(store, event_filter) -> Iterator[dict]:
    """Every canonical event matching the filter as an export row, a page at a time."""
    offset = 0
    while True:
        views, total = store.canonical_events(event_filter, limit=PAGE, offset=offset)
        details = report_details(store, [s["report_id"] for view in views for s in view["sources"]])
        yield from (canonical_as_event(view, details) for view in views)
        offset += len(views)
        if not views or offset >= total:
            return


def canonical_as_event(view: dict, details: dict[str, dict]) -> dict[str, Any]:
    sources = view["sources"]
    acled: Counter[Any] = Counter((details.get(s["report_id"]) or {}).get("acled") for s in sources)
    acled.pop(None, None)
    event_type, sub_event_type = acled.most_common(1)[0][0] if acled else (None, None)
    titles = list(dict.fromkeys(s["doc_title"] or s["doc_id"] for s in sources))
    earliest = view.get("earliest_report") or {}
    reviews = [details[s["report_id"]]["review"] for s in sources if (details.get(s["report_id"]) or {}).get("review")]
    urls = [(details.get(s["report_id"]) or {}).get("url") for s in sources]
    extracted = [(details.get(s["report_id"]) or {}).get("extracted_at") for s in sources]
    return {
        "id": view["id"], "type": view["type"], "mode": view.get("mode"), "context": [],
        "date": view.get("date"), "actor": view["actor"], "recipient": view["recipient"],
        "actor_names": view["actor_names"], "recipient_names": view["recipient_names"],
        "modality": view.get("modality"), "attributed_to": None,
        "place_name": view.get("place_name"), "lat": view.get("lat"), "lon": view.get("lon"),
        "place_geonameid": (view.get("place") or {}).get("geonameid"),
        "country": view.get("country"), "place_feature": view.get("place_feature"),
        "size": {category: {"min": figure["value"], "max": figure["max"], "range_min": figure["min"],
                            "rule": figure["rule"], "sources": len(figure["by_source"])}
                 for category, figure in (view.get("size") or {}).items()},
        "evidence": [dict(span, doc_id=s["doc_id"]) for s in sources for span in s["evidence"]],
        "doc_id": earliest.get("doc_id"), "doc_title": "; ".join(titles),
        "doc_url": (details.get(earliest.get("report_id") or "") or {}).get("url"),
        "doc_urls": list(dict.fromkeys(filter(None, urls))), "doc_extracted_at": max(filter(None, extracted), default=None),
        "acled": {"event_type": event_type, "sub_event_type": sub_event_type} if event_type else None,
        # An analyst's verdict on the canonical event itself comes first; else its reports' latest.
        "review": view.get("review") or (max(reviews, key=lambda r: r["reviewed_at"] or "") if reviews else None),
        "reviews": reviews,
        "source_count": view["source_count"], "report_count": view["report_count"],
    }
