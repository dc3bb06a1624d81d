"""``polemos events``: stored events as a table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from rich.console import Console
from rich.table import Table

CSV_COLUMNS = (
    "id", "date", "date_begin", "date_end", "type", "mode", "modality", "actors", "recipients",
    "place", "lat", "lon", "country", "dead_min", "dead_max", "acled_event_type", "acled_sub_event_type",
    "review", "evidence", "doc_id",
)


def flat_event(event: dict) -> dict:
    date = event.get("date") or {}
    dead = (event.get("size") or {}).get("dead") or {}
    return {
        "id": event["id"], "date": date.get("value"), "date_begin": date.get("begin"), "date_end": date.get("end"),
        "type": event["type"], "mode": event.get("mode"), "modality": event.get("modality"),
        "actors": "; ".join(event.get("actor_names", [])), "recipients": "; ".join(event.get("recipient_names", [])),
        "place": event.get("place_name"), "lat": event.get("lat"), "lon": event.get("lon"), "country": event.get("country"),
        "dead_min": dead.get("min"), "dead_max": dead.get("max"),
        "acled_event_type": (event.get("acled") or {}).get("event_type"),
        "acled_sub_event_type": (event.get("acled") or {}).get("sub_event_type"),
        "review": (event.get("review") or {}).get("status"),
        "evidence": " … ".join(span["text"] for span in event.get("evidence", [])),
        "doc_id": event.get("doc_id"),
    }


def write_events(events: list[dict], total: int, fmt: str, stream: TextIO, console: Console) -> None:
    if fmt == "json":
        for event in events:
            stream.write(json.dumps(event, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(flat_event(event) for event in events)
    else:
        _table(events, total, console)


def _table(events: list[dict], total: int, console: Console) -> None:
    table = Table(show_lines=False)
    for name in ("date", "type", "actor", "recipient", "place", "dead", "evidence"):
        table.add_column(name, no_wrap=name in ("date", "type"), ratio=3 if name == "evidence" else None)
    for event in events:
        row = flat_event(event)
        dead = "" if row["dead_min"] is None else f"{row['dead_min']:g}" + ("" if row["dead_max"] in (None, row["dead_min"]) else f"–{row['dead_max']:g}")
        kind = row["type"] + (f"/{row['mode']}" if row["mode"] else "") + ("" if row["modality"] in (None, "asserted") else f" ({row['modality']})")
        table.add_row(row["date"] or "", kind, row["actors"], row["recipients"], row["place"] or "", dead, _short(row["evidence"]))
    console.print(table, markup=False)
    console.print(f"{len(events)} of {total} events", markup=False)


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
