"""A stored document's raw input, read back as the ``RawDocument`` it was ingested from, to clean again.

The store keeps the input exactly as read: a whole file (HTML or text), or one line of a
JSON Lines file whose text or HTML field holds the article. The document keeps its stored
id, title and URL, and its publication date when that was given with the input rather than
found by the cleaner (which will find it again).
"""

from __future__ import annotations

import json
import re

from polemos.ingest.raw import InputError, RawDocument
from polemos.ingest.readers import KEY_ALIASES, decode, sniff_format

_JSON_LINE_SOURCE = re.compile(r":\d+$")  # "path.jsonl:12"


def stored_raw_document(store, doc_id: str) -> RawDocument:
    """The raw input of a stored document (``store.document_input``); InputError when there is
    none or it cannot be read."""
    row = store.document_input(doc_id)
    doc_id, data, raw_format = row["id"], row["raw"], row["raw_format"]
    source = row["source"] or doc_id
    if data is None:
        raise InputError(source, "stored without its raw input; ingest it again to re-clean it")
    try:
        text = decode(data)
    except ValueError as error:
        raise InputError(source, f"stored raw input unreadable ({error})") from None
    content, kind = text, raw_format or "text"
    if _JSON_LINE_SOURCE.search(source) and text.lstrip().startswith("{"):
        content, kind = _json_line_content(text, source)
    return RawDocument(
        source=source,
        content=content,
        format=kind,
        id=doc_id,
        title=row["title"],
        url=row["url"],
        published=row["published"] if row["published_source"] == "given" else None,
        raw_bytes=data,
    )


def _json_line_content(line: str, source: str) -> tuple[str, str]:
    """The HTML or text field of a JSON Lines record (under the names ``polemos ingest`` accepts)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(source, f"stored JSON line unparseable ({error})") from None
    for kind in ("html", "text"):
        for key in KEY_ALIASES[kind]:
            value = record.get(key) if isinstance(record, dict) else None
            if isinstance(value, str) and value.strip():
                return value, "html" if kind == "text" and sniff_format(value) == "html" else kind
    raise InputError(source, "stored JSON line has no text or html field under a known name")
