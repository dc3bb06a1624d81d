"""Exports of stored events in the formats of the field.

- ``plover-jsonl``: PLOVER JSON records (manual, chapter 6), one per line;
- ``acled-csv``: ACLED's column layout, so the rows join ACLED-based workflows;
- ``geojson``: a FeatureCollection of the events that have a place;
- ``parquet``: one flat row per event, for DuckDB, pandas or Spark.

Every row keeps the evidence (sentence text and offsets) and the analyst's review, and its
``modality``: only ``asserted`` events happened; ``future``, ``hypothetical`` and ``negated``
ones are kept, marked, with no fatalities and no ACLED type, so no count takes them for
events that happened (``--modality asserted`` leaves them out).
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, TextIO

PAGE = 500


@dataclass(frozen=True)
class Format:
    """One export format: the name the CLI, the API and the pages all use, and how it is written."""

    name: str
    label: str  # as a link or menu shows it
    media_type: str
    suffix: str
    binary: bool = False  # written to a file path, never to standard output


EXPORT_FORMATS = {
    fmt.name: fmt for fmt in (
        Format("plover-jsonl", "PLOVER JSON Lines", "application/x-ndjson", "jsonl"),
        Format("acled-csv", "ACLED CSV", "text/csv; charset=utf-8", "csv"),
        Format("geojson", "GeoJSON", "application/geo+json", "geojson"),
        Format("parquet", "Parquet", "application/vnd.apache.parquet", "parquet", binary=True),
    )
}
FORMATS = tuple(EXPORT_FORMATS)
# Short names the web workspace's links used before the names were one everywhere.
FORMAT_ALIASES = {"plover": "plover-jsonl", "acled": "acled-csv"}


def export_format(name: str) -> Format:
    """The format called ``name`` (or one of its older short names); ValueError listing the choices."""
    fmt = EXPORT_FORMATS.get(FORMAT_ALIASES.get(name, name))
    if fmt is None:
        raise ValueError(f"format: unknown export format {name[:40]!r}; choose one of {', '.join(FORMATS)}")
    return fmt

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "location", "latitude",
    "longitude", "geo_precision", "source", "source_url", "notes", "fatalities", "plover_type",
    "plover_mode", "modality", "review_status", "timestamp",
)
_TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "season": 3, "year": 3}
_GEO_PRECISION = {"village": 1, "city": 1, "admin2": 2, "region": 2, "admin1": 2, "route": 2, "country": 3}


def iter_events(store, event_filter) -> Iterator[dict]:
    """Every event matching the filter, a page at a time (never one unbounded query)."""
    offset = 0
    while True:
        items, total = store.events(event_filter, limit=PAGE, offset=offset)
        yield from items
        offset += len(items)
        if not items or offset >= total:
            return


def actor_table(store) -> dict[str, dict]:
    rows = store.connection.execute("SELECT id, name, kind, sector, country, wikidata FROM actors")
    return {row["id"]: dict(row) for row in rows}


def plover_record(event: dict, actors: dict[str, dict]) -> dict[str, Any]:
    date = event.get("date") or {}
    review = event.get("review") or {}
    record = {
        "id": event["id"],
        "has_event": True,
        "date": date.get("begin") or date.get("value"),
        "enddate": date.get("end") if date.get("end") != date.get("begin") else None,
        "actor": [_entity(actor_id, actors) for actor_id in event.get("actor", [])],
        "recipient": [_entity(actor_id, actors) for actor_id in event.get("recipient", [])],
        "event": [event["type"]],
        "mode": [event["mode"]] if event.get("mode") else [],
        "context": event.get("context", []),
        "event_loc": _location(event),
        "event_text": [span["text"] for span in event.get("evidence", [])],
        "size": {key: value for key, value in (event.get("size") or {}).items() if value},
        "text_info": [{"start": span["start"], "end": span["end"]} for span in event.get("evidence", [])],
        "cite_info": {"corpus": "polemos", "citation": event.get("doc_id"), "title": event.get("doc_title")},
        "modality": event.get("modality") or "asserted",
        "attributed_to": event.get("attributed_to"),
        "coder": f"polemos; reviewed {review['status']} by {review.get('reviewer') or 'unknown'}" if review else "polemos",
        "comment": review.get("note") if review else None,
    }
    return record


def _entity(actor_id: str, actors: dict[str, dict]) -> dict[str, Any]:
    actor = actors.get(actor_id, {})
    entity = {"code": actor.get("country"), "sector": actor.get("sector"), "entity_text": actor.get("name", actor_id),
              "identifier_id": actor.get("wikidata") or actor_id, "identifier_text": actor.get("name")}
    return {key: value for key, value in entity.items() if value is not None}


def _location(event: dict) -> dict[str, Any] | None:
    if event.get("lat") is None:
        return None
    return {"name": event.get("place_name"), "lat": event["lat"], "lon": event["lon"], "country": event.get("country")}


def acled_row(event: dict) -> dict[str, Any]:
    date = event.get("date") or {}
    modality = event.get("modality") or "asserted"
    acled = (event.get("acled") or {}) if modality == "asserted" else {}  # ACLED codes only what happened
    dead = ((event.get("size") or {}).get("dead") or {})
    actors, recipients = event.get("actor_names", []), event.get("recipient_names", [])
    return {
        "event_id_cnty": event["id"],
        "event_date": date.get("begin") or date.get("value"),
        "year": (date.get("begin") or date.get("value") or "")[:4] or None,
        "time_precision": _TIME_PRECISION.get(date.get("precision"), 3) if date else None,
        "event_type": acled.get("event_type"),
        "sub_event_type": acled.get("sub_event_type"),
        "actor1": actors[0] if actors else None,
        "assoc_actor_1": "; ".join(actors[1:]) or None,
        "actor2": recipients[0] if recipients else None,
        "assoc_actor_2": "; ".join(recipients[1:]) or None,
        "country": event.get("country"),
        "location": event.get("place_name"),
        "latitude": event.get("lat"),
        "longitude": event.get("lon"),
        "geo_precision": _GEO_PRECISION.get(event.get("place_feature"), 2) if event.get("lat") is not None else None,
        "source": event.get("doc_title") or event.get("doc_id"),
        "source_url": event.get("doc_url"),
        "notes": " … ".join(span["text"] for span in event.get("evidence", [])),
        # ACLED's rule: the most conservative reported figure, 0 when none is reported; an
        # event that did not happen (announced, possible, denied) killed no one.
        "fatalities": int(dead["min"]) if dead.get("min") is not None and modality == "asserted" else 0,
        "plover_type": event["type"],
        "plover_mode": event.get("mode"),
        "modality": modality,
        "review_status": (event.get("review") or {}).get("status"),
        "timestamp": (event.get("review") or {}).get("reviewed_at"),
    }


def write_plover(events: Iterable[dict], actors: dict[str, dict], stream: TextIO) -> int:
    count = 0
    for event in events:
        stream.write(json.dumps(plover_record(event, actors), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_acled_csv(events: Iterable[dict], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(acled_row(event))
        count += 1
    return count


def geojson_feature(event: dict) -> dict[str, Any]:
    row = acled_row(event)
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]},
        "properties": {**row, "actors": event.get("actor_names", []), "recipients": event.get("recipient_names", [])},
    }


def write_geojson(events: Iterable[dict], stream: TextIO) -> int:
    """Stream a FeatureCollection without holding every feature in memory."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for event in events:
        if event.get("lat") is None or event.get("lon") is None:
            continue
        stream.write((",\n" if count else "") + json.dumps(geojson_feature(event), ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def write_parquet(events: Iterable[dict], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, pa.float64() if name in ("latitude", "longitude") else
                         pa.int64() if name in ("fatalities", "time_precision", "geo_precision") else pa.string())
                        for name in ACLED_COLUMNS] + [("evidence_json", pa.string())])
    writer = pq.ParquetWriter(path, schema)
    count, batch = 0, []
    try:
        for event in events:
            row = acled_row(event)
            row["evidence_json"] = json.dumps(event.get("evidence", []), ensure_ascii=False)
            batch.append(row)
            if len(batch) >= PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    finally:
        writer.close()
    return count


def export_events(store, event_filter, fmt: str, out_path: str, canonical: bool = False) -> int:
    """Write every event matching ``event_filter`` to ``out_path`` ("-" for stdout); returns the count.

    One row per document's event report, or with ``canonical`` one row per canonical event
    (each real event once, fused across documents).
    """
    from polemos.export.canonical import canonical_rows

    chosen = export_format(fmt)
    if chosen.binary and out_path == "-":
        raise ValueError(f"{chosen.label} is binary: give a file name, not -")
    rows = canonical_rows(store, event_filter) if canonical else iter_events(store, event_filter)
    if chosen.binary:
        return WRITERS[chosen.name](rows, out_path)
    stream = sys.stdout if out_path == "-" else open(out_path, "w", encoding="utf-8", newline="")
    try:
        if chosen.name == "plover-jsonl":
            return write_plover(rows, actor_table(store), stream)
        return WRITERS[chosen.name](rows, stream)
    finally:
        if stream is not sys.stdout:
            stream.close()


# How each format is written (PLOVER JSON Lines also needs the store's actor table).
WRITERS: dict[str, Callable[..., int]] = {
    "acled-csv": write_acled_csv, "geojson": write_geojson, "parquet": write_parquet,
}
