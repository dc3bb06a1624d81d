"""Listing and searching stored documents, each with a title a person can recognise.

Inputs without a title (a JSON Lines line with only a text, a bare text file) are shown by
their URL or, failing that, by the opening words of their text, never as "(untitled)".
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

OPENING_CHARS = 300  # enough of the text to find its first line
TITLE_WIDTH = 90
FIRST_SENTENCE = re.compile(r"^(.{12,}?[.!?])\s")


def like_pattern(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere, its own % and _ taken literally (ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_documents(connection, dialect, q: Optional[str], limit: int, offset: int) -> tuple[list[dict], int]:
    """Documents whose title, id, URL or text contains ``q`` (all when None), newest first, and how many."""
    if q:
        where = " OR ".join(f"d.{column} {dialect.like} ? ESCAPE '\\'" for column in ("title", "id", "url", "text"))
        params: list = [like_pattern(q)] * 4
    else:
        where, params = "1=1", []
    total = connection.execute(f"SELECT COUNT(*) FROM documents d WHERE {where}", params).fetchone()[0]
    rows = connection.execute(
        "SELECT d.id, d.title, d.url, d.published, d.language, d.source, length(d.text) AS chars,"
        f" substr(d.text, 1, {OPENING_CHARS}) AS opening,"
        " (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events"
        f" FROM documents d WHERE {where} ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = []
    for row in rows:
        item = dict(row)
        item["display_title"] = display_title(item["title"], item["url"], item.pop("opening"))
        items.append(item)
    return items, total


def display_title(title: Optional[str], url: Optional[str], opening: Optional[str]) -> str:
    """The title; else the URL; else the first line of the text (its first sentence when the
    line is long), cut at a word."""
    if title and title.strip():
        return title.strip()
    if url and url.strip():
        return url.strip()
    first_line = next((line.strip() for line in (opening or "").splitlines() if line.strip()), "")
    if len(first_line) <= TITLE_WIDTH:
        return first_line or "(empty document)"
    sentence = FIRST_SENTENCE.match(first_line)
    if sentence and len(sentence[1]) <= TITLE_WIDTH:
        return sentence[1]
    return first_line[:TITLE_WIDTH].rsplit(" ", 1)[0] + "…"


def untitled_display_titles(connection, doc_ids: Iterable[str]) -> dict[str, str]:
    """``{doc_id: display title}`` of the documents among ``doc_ids`` that have no title of
    their own: the URL or first line the document lists show for them."""
    ids = sorted(set(doc_ids))
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = connection.execute(
            f"SELECT id, title, url, substr(text, 1, {OPENING_CHARS}) AS opening FROM documents"
            f" WHERE id IN ({','.join('?' * len(chunk))}) AND (title IS NULL OR trim(title) = '')",
            chunk,
        )
        found.update({row["id"]: display_title(row["title"], row["url"], row["opening"]) for row in rows})
    return found
