"""A review's changes in words an analyst reads: actor names, not ids; a place's name, not its
index; what a split or a merge of canonical events did. Shared by the CLI and the workspace."""

from __future__ import annotations

from typing import Any, Callable, Optional

from polemos.numbers import format_figure


def describe_changes(
    changes: dict[str, Any],
    actor_name: Callable[[str], str],
    place_name: Callable[[int], Optional[str]] = lambda index: None,
    report_label: Callable[[str], str] = lambda report_id: report_id,
) -> list[str]:
    """``{"actor": ["congress-party"], "size": {"dead": {"min": 3, "max": 5}}}`` →
    ``["actor: Indian National Congress", "dead: 3–5"]``."""
    lines = []
    for field, value in changes.items():
        if field in ("actor", "recipient"):
            lines.append(f"{field}: {', '.join(actor_name(actor_id) for actor_id in value) or 'none'}")
        elif field == "place" and isinstance(value, dict):  # a canonical event's: the place itself
            # With its division when it came from the gazetteer: Springfield (Massachusetts, USA).
            where = ", ".join(part for part in (value.get("admin1"), value.get("country")) if part)
            lines.append(f"place: {value.get('name') or 'unnamed'}{f' ({where})' if where else ''}")
        elif field == "place":
            lines.append(f"place: {place_name(value) or f'place {value}'}")
        elif field == "split_out":
            lines.append(f"split out: {report_label(value)}")
        elif field == "merged":
            lines.append(f"merged: {' + '.join(value)}")
        elif field == "date":
            begin, end = (value or {}).get("begin"), (value or {}).get("end")
            lines.append(f"date: {begin if begin == end or not end else f'{begin} – {end}'}")
        elif field == "size":
            for category, figure in (value or {}).items():
                lines.append(f"{category}: {format_figure(figure.get('min'), figure.get('max'), figure.get('text'))}")
        else:
            lines.append(f"{field}: {value}")
    return lines
