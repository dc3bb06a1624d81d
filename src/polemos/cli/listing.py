"""``polemos events``: canonical events (or each document's reports) as a table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from polemos.cli.terminal import printable
from polemos.fusion import FIGURE_RULE
from polemos.numbers import format_figure
from polemos.record import size_figure

CSV_COLUMNS = (
    "id", "date", "date_begin", "date_end", "type", "mode", "modality", "actors", "recipients",
    "place", "lat", "lon", "country", "dead_min", "dead_max", "acled_event_type", "acled_sub_event_type",
    "review", "evidence", "doc_id",
)
CANONICAL_CSV_COLUMNS = (
    "id", "date", "date_begin", "date_end", "date_precision", "type", "mode", "modality", "actors", "recipients",
    "place", "lat", "lon", "country", "dead", "dead_min", "dead_max", "sources", "reports",
    "earliest_doc_id", "earliest_published", "doc_ids", "review",
)


def flat_event(event: dict) -> dict:
    date = event.get("date") or {}
    dead = size_figure(event.get("size"), "dead")
    return {
        "id": event["id"], "date": date.get("value"), "date_begin": date.get("begin"), "date_end": date.get("end"),
        "type": event["type"], "mode": event.get("mode"), "modality": event.get("modality") or "asserted",
        "actors": "; ".join(event.get("actor_names", [])), "recipients": "; ".join(event.get("recipient_names", [])),
        "place": event.get("place_name"), "lat": event.get("lat"), "lon": event.get("lon"), "country": event.get("country"),
        "dead_min": dead.get("min"), "dead_max": dead.get("max"),
        "acled_event_type": (event.get("acled") or {}).get("event_type"),
        "acled_sub_event_type": (event.get("acled") or {}).get("sub_event_type"),
        "review": (event.get("review") or {}).get("status"),
        "evidence": " … ".join(span["text"] for span in event.get("evidence", [])),
        "doc_id": event.get("doc_id"),
    }


def flat_canonical(event: dict) -> dict:
    date = event.get("date") or {}
    dead = size_figure(event.get("size"), "dead")
    earliest = event.get("earliest_report") or {}
    return {
        "id": event["id"], "date": date.get("value"), "date_begin": date.get("begin"), "date_end": date.get("end"),
        "date_precision": date.get("precision"), "type": event["type"], "mode": event.get("mode"),
        "modality": event.get("modality") or "asserted",
        "actors": "; ".join(event.get("actor_names", [])), "recipients": "; ".join(event.get("recipient_names", [])),
        "place": event.get("place_name"), "lat": event.get("lat"), "lon": event.get("lon"), "country": event.get("country"),
        "dead": dead.get("value"), "dead_min": dead.get("min"), "dead_max": dead.get("max"),
        "sources": event.get("source_count"), "reports": event.get("report_count"),
        "earliest_doc_id": earliest.get("doc_id"), "earliest_published": earliest.get("published"),
        "doc_ids": "; ".join(dict.fromkeys(source["doc_id"] for source in event.get("sources", []))),
        "review": (event.get("review") or {}).get("status"),
    }


def write_events(events: list[dict], total: int, fmt: str, stream: TextIO, console: Console) -> None:
    """Each document's event reports."""
    if fmt == "json":
        _json_lines(events, stream)
    elif fmt == "csv":
        _csv(events, CSV_COLUMNS, flat_event, stream)
    else:
        _report_table(events, total, console)


def write_canonical_events(events: list[dict], total: int, fmt: str, stream: TextIO, console: Console) -> None:
    """Canonical events, each with its sources."""
    if fmt == "json":
        _json_lines(events, stream)
    elif fmt == "csv":
        _csv(events, CANONICAL_CSV_COLUMNS, flat_canonical, stream)
    else:
        _canonical_table(events, total, console)


def _json_lines(events: list[dict], stream: TextIO) -> None:
    for event in events:
        stream.write(json.dumps(event, ensure_ascii=False) + "\n")


def _csv(events: list[dict], columns: tuple[str, ...], flatten, stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    writer.writerows(flatten(event) for event in events)


def _report_table(events: list[dict], total: int, console: Console) -> None:
    table = Table(show_lines=False)
    for name in ("date", "type", "actor", "recipient", "place", "dead", "evidence"):
        table.add_column(name, no_wrap=name in ("date", "type"), ratio=3 if name == "evidence" else None)
    for event in events:
        row = flat_event(event)
        table.add_row(*_cells(row["date"], _kind(row), row["actors"], row["recipients"], row["place"],
                              _range(row["dead_min"], row["dead_max"], size_figure(event.get("size"), "dead").get("text")),
                              _short(row["evidence"])))
    console.print(table, markup=False)
    console.print(f"{len(events)} of {total} event reports (each document's own; without --reports: canonical events)",
                  markup=False)
    _modality_note(events, console)


def _canonical_table(events: list[dict], total: int, console: Console) -> None:
    table = Table(show_lines=False)
    for name in ("date", "type", "actors", "place", "dead", "sources", "earliest report"):
        table.add_column(name, no_wrap=name in ("date", "type", "sources"), justify="right" if name == "sources" else "left")
    for event in events:
        row = flat_canonical(event)
        who = row["actors"] + (f" → {row['recipients']}" if row["recipients"] else "")
        earliest = event.get("earliest_report") or {}
        first = " ".join(filter(None, (earliest.get("published"), _short(earliest.get("doc_title") or earliest.get("doc_id") or "", 40))))
        table.add_row(*_cells(_date(event), _kind(row), who, row["place"], _dead(row), row["sources"], first))
    console.print(table, markup=False)
    console.print(f"{len(events)} of {total} canonical events (one per real event, fused across documents;"
                  f" --reports lists each document's events)", markup=False)
    if any(size_figure(event.get("size"), "dead") for event in events):
        console.print(f"dead: the canonical figure, {FIGURE_RULE}; in brackets the range the sources give", markup=False)
    _modality_note(events, console)


def _modality_note(events: list[dict], console: Console) -> None:
    """Say, under a table listing them, that marked events did not (or not yet) happen."""
    marked = Counter(event.get("modality") for event in events if not _asserted(event))
    if marked:
        counts = ", ".join(f"{count} {modality}" for modality, count in sorted(marked.items()))
        console.print(f"marked events are not said to have happened ({counts}): announced or planned (FUTURE),"
                      " possible (HYPOTHETICAL) or denied (NEGATED); --modality asserted lists only events that happened",
                      markup=False)


def _cells(*values) -> list[Text]:
    """Table cells printed as written: document text never reaches the terminal as markup or control codes."""
    return [Text(printable(value)) for value in values]


def _date(event: dict) -> str:
    date = event.get("date") or {}
    if not date:
        return ""
    shown = date.get("value") or date.get("begin") or ""
    return shown if date.get("precision") in (None, "day") else f"{shown} ({date['precision']})"


def _kind(row: dict) -> str:
    """The type and mode, marked when the text does not say the event happened: "ASSAULT/firearms [FUTURE]"."""
    kind = row["type"] + (f"/{row['mode']}" if row["mode"] else "")
    return kind if _asserted(row) else f"{kind} [{row['modality'].upper()}]"


def _asserted(event: dict) -> bool:
    return event.get("modality") in (None, "asserted")


def _dead(row: dict) -> str:
    if row["dead"] is None:
        return ""
    if row["dead_max"] is None and row["dead_min"] == row["dead"]:
        return format_figure(row["dead"], None)  # "more than 100,000": "> 100,000"
    spread = "" if row["dead_min"] == row["dead_max"] == row["dead"] else f" ({_range(row['dead_min'], row['dead_max'])})"
    return f"{format_figure(row['dead'], row['dead'])}{spread}"


def _range(low, high, text=None) -> str:
    return format_figure(low, high, text)


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
