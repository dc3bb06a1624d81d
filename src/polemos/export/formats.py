"""Exports of stored events in the formats of the field.

- ``plover-jsonl``: PLOVER JSON records (manual, chapter 6), one per line;
- ``acled-csv``: ACLED's column layout, so the rows join ACLED-based workflows;
- ``geojson``: a FeatureCollection of the events that have a place;
- ``parquet``: the ACLED row of every event with typed columns (dates, nullable integers,
  doubles) and its evidence as a nested list, for DuckDB, pandas or Spark.

The ACLED CSV holds only events ACLED would code (asserted, dated, with an ACLED type) unless
asked for every type; the other formats hold every event.

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
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Optional, TextIO

from polemos.export.acled import COLUMNS, CountryCodes, acled_row, first_day
from polemos.store.exports import actor_table, extraction_times
from polemos.store.views import EventView

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
    fmt.name: fmt
    for fmt in (
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


def iter_events(store, event_filter) -> Iterator[EventView]:
    """Every event matching the filter, a page at a time (never one unbounded query)."""
    offset = 0
    while True:
        items, total = store.events(event_filter, limit=PAGE, offset=offset)
        extracted = extraction_times(store, {item.doc_id for item in items if item.doc_id})
        yield from (item.with_extraction_time(extracted.get(item.doc_id or "")) for item in items)
        offset += len(items)
        if not items or offset >= total:
            return


def plover_record(event: EventView, actors: dict[str, dict]) -> dict[str, Any]:
    date, review = event.date, event.review
    # The sizes as stored (a canonical row's with its rule and the sources' range): PLOVER's
    # ``size`` is free-form, and the export keeps every part of each figure.
    size = event.to_dict().get("size") or {}
    record = {
        "id": event.id,
        "has_event": True,
        "date": (date.begin or date.value) if date else None,
        "enddate": date.end if date and date.end != date.begin else None,
        "actor": [_entity(actor_id, actors) for actor_id in event.actor_ids],
        "recipient": [_entity(actor_id, actors) for actor_id in event.recipient_ids],
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "event_loc": _location(event),
        "event_text": [span.text for span in event.evidence],
        "size": {key: value for key, value in size.items() if value},
        "text_info": [{"start": span.start, "end": span.end} for span in event.evidence],
        "cite_info": {"corpus": "polemos", "citation": event.doc_id, "title": event.doc_title},
        "modality": event.modality,
        "attributed_to": event.attributed_to,
        "coder": f"polemos; reviewed {review.status} by {review.reviewer or 'unknown'}" if review else "polemos",
        "comment": review.note if review else None,
    }
    return record


def _entity(actor_id: str, actors: dict[str, dict]) -> dict[str, Any]:
    actor = actors.get(actor_id, {})
    entity = {
        "code": actor.get("country"),
        "sector": actor.get("sector"),
        "entity_text": actor.get("name", actor_id),
        "identifier_id": actor.get("wikidata") or actor_id,
        "identifier_text": actor.get("name"),
    }
    return {key: value for key, value in entity.items() if value is not None}


def _location(event: EventView) -> dict[str, Any] | None:
    where = event.location
    if where.lat is None:
        return None
    return {"name": where.name, "lat": where.lat, "lon": where.lon, "country": where.country}


def write_plover(events: Iterable[EventView], actors: dict[str, dict], stream: TextIO) -> int:
    count = 0
    for event in events:
        stream.write(json.dumps(plover_record(event, actors), ensure_ascii=False) + "\n")
        count += 1
    return count


class AcledCoder:
    """Turns events into ACLED rows with the store's actors, the country codes and, when a
    gazetteer is at hand, the names of the divisions each place lies in."""

    def __init__(self, actors: dict[str, dict], codes: CountryCodes, admin_areas=None):
        self.actors, self.codes, self.admin_areas = actors, codes, admin_areas

    def row(self, event: EventView) -> dict[str, Any]:
        return acled_row(event, self.actors, self.codes, self.admin_areas)


def acled_would_code(event: EventView) -> bool:
    """Whether ACLED would code this event: it happened, on a known date, and fits one of
    ACLED's event types (ACLED has no undated events)."""
    date = event.date
    return (
        event.modality == "asserted"
        and bool(event.acled and event.acled.event_type)
        and date is not None
        and first_day(date.begin or date.value) is not None
    )


def write_acled_csv(events: Iterable[EventView], stream: TextIO, coder: AcledCoder) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(coder.row(event))
        count += 1
    return count


def geojson_feature(event: EventView, coder: AcledCoder) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [event.location.lon, event.location.lat]},
        "properties": {**coder.row(event), "actors": event.actor_names, "recipients": event.recipient_names},
    }


def write_geojson(events: Iterable[EventView], stream: TextIO, coder: AcledCoder) -> int:
    """Stream a FeatureCollection without holding every feature in memory."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for event in events:
        if not event.location.has_point:
            continue
        stream.write((",\n" if count else "") + json.dumps(geojson_feature(event, coder), ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


PARQUET_INTEGERS = (
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "geo_precision",
    "fatalities",
    "timestamp",
)


def parquet_schema():
    """Typed columns: the date as a date, codes and counts as (nullable) 64-bit integers,
    coordinates as doubles, and the evidence as a list of spans with their document."""
    import pyarrow as pa

    def column_type(name: str):
        if name == "event_date":
            return pa.date32()
        if name in PARQUET_INTEGERS:
            return pa.int64()
        return pa.float64() if name in ("latitude", "longitude") else pa.string()

    evidence = pa.list_(
        pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("doc_id", pa.string())])
    )
    return pa.schema([(name, column_type(name)) for name in COLUMNS] + [("evidence", evidence)])


def parquet_row(event: EventView, coder: AcledCoder) -> dict[str, Any]:
    row = coder.row(event)
    row["event_date"] = _calendar_date(row["event_date"])
    row["evidence"] = [
        {"text": span.text, "start": span.start, "end": span.end, "doc_id": span.doc_id or event.doc_id}
        for span in event.evidence
    ]
    return row


def _calendar_date(text: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def write_parquet(events: Iterable[EventView], path: str, coder: AcledCoder) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    writer = pq.ParquetWriter(path, schema)
    count, batch = 0, []
    try:
        for event in events:
            batch.append(parquet_row(event, coder))
            if len(batch) >= PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    finally:
        writer.close()
    return count


def export_events(
    store, event_filter, fmt: str, out_path: str, canonical: bool = False, all_types: bool = False, admin_areas=None
) -> int:
    """Write every event matching ``event_filter`` to ``out_path`` ("-" for stdout); returns the count.

    One row per document's event report, or with ``canonical`` one row per canonical event
    (each real event once, fused across documents). The ACLED CSV holds only the events ACLED
    would code unless ``all_types``. With ``admin_areas`` (``polemos.geo.admin.AdminAreas``), the
    rows name the divisions each place lies in.
    """
    from polemos.export.canonical import canonical_rows

    chosen = export_format(fmt)
    if chosen.binary and out_path == "-":
        raise ValueError(f"{chosen.label} is binary: give a file name, not -")
    rows = canonical_rows(store, event_filter) if canonical else iter_events(store, event_filter)
    if chosen.name == "acled-csv" and not all_types:
        rows = filter(acled_would_code, rows)
    actors = actor_table(store)
    coder = AcledCoder(actors, CountryCodes.load(), admin_areas)
    if chosen.binary:
        return WRITERS[chosen.name](rows, out_path, coder)
    stream = sys.stdout if out_path == "-" else open(out_path, "w", encoding="utf-8", newline="")
    try:
        if chosen.name == "plover-jsonl":
            return write_plover(rows, actors, stream)
        return WRITERS[chosen.name](rows, stream, coder)
    finally:
        if stream is not sys.stdout:
            stream.close()


# How each format is written (PLOVER JSON Lines needs only the store's actor table).
WRITERS: dict[str, Callable[..., int]] = {
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
    "parquet": write_parquet,
}
