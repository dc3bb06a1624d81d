"""``polemos events``: canonical events (or each document's reports) as a table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections import Counter
from typing import Sequence, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from polemos.cli.terminal import printable
from polemos.fusion import FIGURE_RULE
from polemos.numbers import format_figure
from polemos.export.rows import CANONICAL_COLUMNS, EVENT_COLUMNS, flat_row
from polemos.store import CanonicalView, EventView


def write_events(events: list[EventView], total: int, fmt: str, stream: TextIO, console: Console) -> None:
    """Each document's event reports."""
    if fmt == "json":
        _json_lines(events, stream)
    elif fmt == "csv":
        _csv(events, EVENT_COLUMNS, stream)
    else:
        _report_table(events, total, console)


def write_canonical_events(events: list[CanonicalView], total: int, fmt: str, stream: TextIO, console: Console) -> None:
    """Canonical events, each with its sources."""
    if fmt == "json":
        _json_lines(events, stream)
    elif fmt == "csv":
        _csv(events, CANONICAL_COLUMNS, stream)
    else:
        _canonical_table(events, total, console)


def _json_lines(events: Sequence[EventView | CanonicalView], stream: TextIO) -> None:
    for event in events:
        stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


def _csv(events: Sequence[EventView | CanonicalView], columns: tuple[str, ...], stream: TextIO) -> None:
    """The chosen columns of each event's flat row: the values the exports' rows hold too."""
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(flat_row(event) for event in events)


def _report_table(events: list[EventView], total: int, console: Console) -> None:
    table = Table(show_lines=False)
    for name in ("date", "type", "actor", "recipient", "place", "dead", "evidence"):
        table.add_column(name, no_wrap=name in ("date", "type"), ratio=3 if name == "evidence" else None)
    for event in events:
        row, dead = flat_row(event), event.figure("dead")
        table.add_row(
            *_cells(
                row["date"],
                _kind(row),
                row["actors"],
                row["recipients"],
                row["place"],
                _range(row["dead_min"], row["dead_max"], dead.text if dead else None),
                _short(row["evidence"]),
            )
        )
    console.print(table, markup=False)
    console.print(
        f"{len(events)} of {total} event reports (each document's own; without --reports: canonical events)",
        markup=False,
    )
    _modality_note(events, console)


def _canonical_table(events: list[CanonicalView], total: int, console: Console) -> None:
    table = Table(show_lines=False)
    for name in ("date", "type", "actors", "place", "dead", "sources", "earliest report"):
        table.add_column(
            name, no_wrap=name in ("date", "type", "sources"), justify="right" if name == "sources" else "left"
        )
    for event in events:
        row = flat_row(event)
        who = row["actors"] + (f" → {row['recipients']}" if row["recipients"] else "")
        earliest = event.earliest_report
        first = (
            " ".join(filter(None, (earliest.published, _short(earliest.doc_title or earliest.doc_id or "", 40))))
            if earliest
            else ""
        )
        table.add_row(*_cells(_date(event), _kind(row), who, row["place"], _dead(row), row["sources"], first))
    console.print(table, markup=False)
    console.print(
        f"{len(events)} of {total} canonical events (one per real event, fused across documents;"
        f" --reports lists each document's events)",
        markup=False,
    )
    if any(event.figure("dead") for event in events):
        console.print(
            f"dead: the canonical figure, {FIGURE_RULE}; in brackets the range the sources give", markup=False
        )
    _modality_note(events, console)


def _modality_note(events: Sequence[EventView | CanonicalView], console: Console) -> None:
    """Say, under a table listing them, that marked events did not (or not yet) happen."""
    marked = Counter(event.modality for event in events if event.modality != "asserted")
    if marked:
        counts = ", ".join(f"{count} {modality}" for modality, count in sorted(marked.items()))
        console.print(
            f"marked events are not said to have happened ({counts}): announced or planned (FUTURE),"
            " possible (HYPOTHETICAL) or denied (NEGATED); --modality asserted lists only events that happened",
            markup=False,
        )


def _cells(*values) -> list[Text]:
    """Table cells printed as written: document text never reaches the terminal as markup or control codes."""
    return [Text(printable(value)) for value in values]


def _date(event: CanonicalView) -> str:
    date = event.date
    if not date:
        return ""
    shown = date.value or date.begin or ""
    return shown if date.precision in (None, "day") else f"{shown} ({date.precision})"


def _kind(row: dict) -> str:
    """The type and mode, marked when the text does not say the event happened: "ASSAULT/firearms [FUTURE]"."""
    kind = row["type"] + (f"/{row['mode']}" if row["mode"] else "")
    return kind if row["modality"] in (None, "asserted") else f"{kind} [{row['modality'].upper()}]"


def _dead(row: dict) -> str:
    if row["dead"] is None:
        return ""
    if row["dead_max"] is None and row["dead_min"] == row["dead"]:
        return format_figure(row["dead"], None)  # "more than 100,000": "> 100,000"
    spread = (
        "" if row["dead_min"] == row["dead_max"] == row["dead"] else f" ({_range(row['dead_min'], row['dead_max'])})"
    )
    return f"{format_figure(row['dead'], row['dead'])}{spread}"


def _range(low, high, text=None) -> str:
    return format_figure(low, high, text)


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
