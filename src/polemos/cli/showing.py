"""Rendering stored documents and summaries for the terminal."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from polemos.cli.terminal import printable

from polemos.record import ExtractionRecord
from polemos.store import EventFilter, EventView

DEMO_EVENTS = 6


def render_document(record: ExtractionRecord, console: Console) -> None:
    doc = record.document
    table = Table(show_header=False, box=None)
    for label, value in (
        ("id", doc.id),
        ("title", doc.title),
        ("url", doc.url),
        ("published", f"{doc.published} ({doc.published_source})" if doc.published else None),
        ("language", doc.language),
        ("source", doc.source),
        ("headings", " | ".join(h.text for h in doc.headings) or None),
        ("captions", len(doc.captions) or None),
        ("removed", len(doc.removed) or None),
        ("extracted", _counts(record)),
    ):
        if value is not None:
            table.add_row(Text(label, style="bold"), Text(printable(value)))
    console.print(table)
    console.print()
    console.print(Text(printable(record.text)), highlight=False, soft_wrap=True)


def _counts(record: ExtractionRecord) -> str:
    parts = [
        (len(record.actors), "actors"),
        (len(record.places), "places"),
        (len(record.timexes), "dates"),
        (len(record.quantities), "figures"),
        (len(record.events), "events"),
    ]
    return ", ".join(f"{n} {label}" for n, label in parts)


DOCUMENT_COLUMNS = ("id", "published", "language", "chars", "events", "title", "url")


def write_document_list(items: list[dict], total: int, fmt: str, stream: TextIO, console: Console) -> None:
    """Documents as a table, JSON Lines or CSV; untitled ones by their URL or first line."""
    rows = [
        {**{column: item.get(column) for column in DOCUMENT_COLUMNS}, "title": item["display_title"]} for item in items
    ]
    if fmt == "json":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=DOCUMENT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    else:
        _document_table(rows, console)
        console.print(f"{len(rows)} of {total} documents", markup=False)


def render_document_list(store, console: Console, limit: int, offset: int) -> None:
    items, _total = store.search_documents(None, limit, offset)
    _document_table([{**item, "title": item["display_title"]} for item in items], console)


def _document_table(rows: list[dict], console: Console) -> None:
    table = Table("id", "published", "language", "chars", "events", "title")
    for row in rows:
        table.add_row(
            *(Text(printable(row[column])) for column in ("id", "published", "language", "chars", "events", "title"))
        )
    console.print(table)


def render_demo_summary(store, console: Console) -> None:
    console.print(
        Text.assemble(("polemos demo", "bold"), f": {store.count('documents')} documents in {store.display_location}")
    )
    render_document_list(store, console, limit=20, offset=0)
    for row in store.documents(limit=20):
        record = store.get_record(row["id"])
        console.print(
            Text.assemble(
                "\n", (printable(record.document.title or record.document.id), "bold"), f" — {_counts(record)}"
            )
        )
        for heading in record.document.headings:
            console.print(Text(f"  § {printable(heading.text)}"))
        events, total = store.events(EventFilter(doc=record.document.id), limit=DEMO_EVENTS)
        for event in events:
            console.print(Text(f"  • {printable(_event_line(event))}"), highlight=False)
        if total > len(events):
            console.print(f"  … and {total - len(events)} more events")
    console.print("\nSee a document with: polemos show ID — events with: polemos events --doc ID")


def _event_line(event: EventView) -> str:
    date = (event.date.value if event.date else None) or "undated"
    who = ", ".join(event.actor_names) or "?"
    whom = ", ".join(event.recipient_names)
    where = f" in {event.location.name}" if event.location.name else ""
    modality = "" if event.modality == "asserted" else f" [{event.modality.upper()}]"
    return f"{date}  {event.type}{modality}: {who}{' → ' + whom if whom else ''}{where}"
