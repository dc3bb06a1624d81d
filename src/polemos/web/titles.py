"""Events name their document by the title the document lists show: an untitled document (a
bare text file, a JSON Lines line with only a text) by its URL or first line, not by its id."""

from __future__ import annotations

from typing import Iterable


def with_document_titles(store, items: Iterable[dict]) -> None:
    """Fill ``doc_title`` where it is empty, in each event report and in each canonical event's
    sources and earliest report."""
    named = [
        entry
        for item in items
        for entry in _document_mentions(item)
        if entry.get("doc_id") and not entry.get("doc_title")
    ]
    if not named:
        return
    titles = store.document_display_titles({entry["doc_id"] for entry in named})
    for entry in named:
        entry["doc_title"] = titles.get(entry["doc_id"]) or entry.get("doc_title")


def _document_mentions(item: dict) -> list[dict]:
    return [
        item,
        *(item.get("sources") or []),
        *([item["earliest_report"]] if isinstance(item.get("earliest_report"), dict) else []),
    ]
