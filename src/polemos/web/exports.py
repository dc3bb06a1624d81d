"""Exports of the events matching a filter: PLOVER JSON Lines, ACLED-style CSV, GeoJSON.

Each export streams page by page through ``store.events``, so it holds one page in memory
whatever the number of events, and each carries the review an analyst gave (rejected events
are left out unless the filter asks for them).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Callable, Iterator

from polemos.store import EventFilter

PAGE = 500
MAX_EXPORT = 1_000_000

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "location", "latitude", "longitude", "source", "source_url",
    "notes", "fatalities", "plover_type", "review_status",
)
TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "season": 3, "year": 3}


def iter_events(store, filter: EventFilter) -> Iterator[dict]:
    offset = 0
    while offset < MAX_EXPORT:
        items, total = store.events(filter, limit=PAGE, offset=offset)
        yield from items
        offset += PAGE
        if offset >= total or not items:
            return


def plover(event: dict) -> dict:
    """One event in the PLOVER layout: who did what to whom, when, where, from which text."""
    date = event.get("date") or {}
    return {
        "id": event["id"],
        "event_date": date.get("value"),
        "date_begin": date.get("begin"),
        "date_end": date.get("end"),
        "event_type": event.get("type"),
        "mode": event.get("mode"),
        "context": event.get("context") or [],
        "actor": [{"id": a, "name": n} for a, n in zip(event.get("actor") or [], event.get("actor_names") or [])],
        "recipient": [{"id": a, "name": n} for a, n in zip(event.get("recipient") or [], event.get("recipient_names") or [])],
        "location": {"name": event.get("place_name"), "lat": event.get("lat"), "lon": event.get("lon"),
                     "country": event.get("country")},
        "size": event.get("size") or {},
        "modality": event.get("modality"),
        "attributed_to": event.get("attributed_to"),
        "confidence": event.get("confidence"),
        "source": {"doc_id": event.get("doc_id"), "title": event.get("doc_title"),
                   "evidence": [span.get("text") for span in event.get("evidence") or []]},
        "review": event.get("review"),
    }


def acled_row(event: dict) -> dict:
    date = event.get("date") or {}
    acled = event.get("acled") or {}
    dead = (event.get("size") or {}).get("dead") or {}
    evidence = " ".join(span.get("text", "") for span in event.get("evidence") or [])
    return {
        "event_id_cnty": event["id"],
        "event_date": date.get("begin") or date.get("value") or "",
        "year": (date.get("begin") or "")[:4],
        "time_precision": TIME_PRECISION.get(date.get("precision") or "", 3) if date else "",
        "event_type": acled.get("event_type") or "",
        "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": "; ".join(event.get("actor_names") or []),
        "actor2": "; ".join(event.get("recipient_names") or []),
        "country": event.get("country") or "",
        "location": event.get("place_name") or "",
        "latitude": "" if event.get("lat") is None else event["lat"],
        "longitude": "" if event.get("lon") is None else event["lon"],
        "source": event.get("doc_title") or event.get("doc_id") or "",
        "source_url": "",
        "notes": _csv_safe(evidence),
        "fatalities": "" if dead.get("min") is None else int(dead["min"]),
        "plover_type": event.get("type") or "",
        "review_status": (event.get("review") or {}).get("status") or "",
    }


def _csv_safe(text: str) -> str:
    """Article text opened in a spreadsheet must not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def geojson_feature(event: dict) -> dict | None:
    if event.get("lat") is None or event.get("lon") is None:
        return None
    properties = plover(event)
    properties.pop("location")
    properties.update(place=event.get("place_name"), country=event.get("country"))
    return {"type": "Feature", "id": event["id"],
            "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]}, "properties": properties}


def stream_plover(events: Iterator[dict]) -> Iterator[str]:
    for event in events:
        yield json.dumps(plover(event), ensure_ascii=False) + "\n"


def stream_acled(events: Iterator[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(acled_row(event))
        if buffer.tell() > 64_000:
            yield _drain(buffer)
    yield _drain(buffer)


def stream_geojson(events: Iterator[dict]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for event in events:
        feature = geojson_feature(event)
        if feature is None:
            continue
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


FORMATS: dict[str, tuple[Callable[[Iterator[dict]], Iterator[str]], str, str]] = {
    "plover": (stream_plover, "application/x-ndjson", "jsonl"),
    "acled": (stream_acled, "text/csv; charset=utf-8", "csv"),
    "geojson": (stream_geojson, "application/geo+json", "geojson"),
}
