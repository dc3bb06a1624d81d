"""Turn paths, directories, JSON Lines files and standard input into ``RawDocument``s.

Readers never raise for a bad input: they yield an ``InputError`` in its place so that
one unreadable file cannot abort a batch. JSON Lines files are streamed line by line,
so a file larger than memory is fine.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Union

from polemos.ingest.raw import InputError, RawDocument

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Field names that other corpora use for the same thing, tried in order.
KEY_ALIASES = {
    "id": ("id", "doc_id", "docid", "document_id", "article_id", "uid", "guid"),
    "text": ("text", "doc_text", "body", "content", "article", "maintext", "full_text"),
    "html": ("html", "raw_html", "page", "source_html"),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "source_url", "uri"),
    "published": ("published", "date", "publish_date", "published_at", "pubdate", "date_publish"),
}

ReadResult = Union[RawDocument, InputError]


@dataclass
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    key_map: dict[str, str] = field(default_factory=dict)  # our field -> the input's key
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None


def iter_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Yield a RawDocument (or an InputError) per document found under ``paths``, in order."""
    options = options or ReadOptions()
    for path in paths:
        if path == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", options)
        elif os.path.isdir(path):
            for file_path in _walk(Path(path)):
                yield from _read_file(file_path, options)
        else:
            yield from _read_file(Path(path), options)


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _kind_of(Path(name)) is not None:
                yield Path(root) / name


def _kind_of(path: Path) -> Optional[str]:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in HTML_SUFFIXES:
        return "html"
    if last in TEXT_SUFFIXES:
        return "text"
    if last in JSONL_SUFFIXES:
        return "jsonl"
    return None


def _read_file(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    source = str(path)
    kind = _kind_of(path) or "text"
    try:
        handle: BinaryIO = open(path, "rb")
    except FileNotFoundError:
        yield InputError(source, "no such file")
        return
    except IsADirectoryError:
        yield InputError(source, "is a directory")
        return
    except OSError as error:
        yield InputError(source, f"unreadable ({error.strerror or error})")
        return
    with handle:
        if path.suffix.lower() == ".gz":
            handle = gzip.GzipFile(fileobj=handle)  # type: ignore[assignment]
        if kind == "jsonl":
            yield from _read_jsonl(handle, source, options)
        else:
            yield _read_whole(handle, source, kind, options)


def _read_stream(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    if buffered.peek(4096)[:4096].lstrip().startswith(b"{"):
        yield from _read_jsonl(buffered, source, options)
    else:
        yield _read_whole(buffered, source, None, options)


def _read_whole(handle: BinaryIO, source: str, kind: Optional[str], options: ReadOptions) -> ReadResult:
    try:
        data = handle.read(options.max_bytes + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        return InputError(source, f"unreadable ({error})")
    if len(data) > options.max_bytes:
        return InputError(source, f"too large (over {options.max_bytes:,} bytes; raise --max-bytes to accept it)")
    try:
        text = decode(data)
    except ValueError as error:
        return InputError(source, str(error))
    kind = kind or sniff_format(text)
    return RawDocument(
        source=source, content=text, format=kind, title=options.title, url=options.url,
        published=options.published, raw_bytes=data,
    )


def decode(data: bytes) -> str:
    """Decode input bytes, refusing binary files and empty ones."""
    if not data.strip():
        raise ValueError("empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary file, not text")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(8, len(text) // 100):
        raise ValueError("undecodable (not UTF-8 or Windows-1252 text)")
    if _control_ratio(text) > 0.05:
        raise ValueError("binary file, not text")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls / max(1, len(sample))


def sniff_format(text: str) -> str:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in head):
        return "html"
    return "text"


def _read_jsonl(handle: BinaryIO, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    line_number = 0
    try:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            yield _parse_json_line(line, f"{source}:{line_number}", options)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        yield InputError(f"{source}:{line_number + 1}", f"unreadable ({error})")


def _parse_json_line(line: bytes, source: str, options: ReadOptions) -> ReadResult:
    if len(line) > options.max_bytes:
        return InputError(source, f"too large (over {options.max_bytes:,} bytes; raise --max-bytes to accept it)")
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return InputError(source, f"unparseable JSON ({error.__class__.__name__}: {error})")
    if not isinstance(record, dict):
        return InputError(source, "JSON line is not an object")
    fields = {name: _field(record, name, options.key_map) for name in KEY_ALIASES}
    content, kind = (fields["html"], "html") if fields["html"] else (fields["text"], "text")
    if not isinstance(content, str) or not content.strip():
        keys = ", ".join(sorted(record)[:8])
        return InputError(source, f"no text or html field (keys: {keys}; map one with --text-key)")
    if kind == "text" and sniff_format(content) == "html":
        kind = "html"
    return RawDocument(
        source=source,
        content=content,
        format=kind,
        id=_as_text(fields["id"]),
        title=_as_text(fields["title"]) or options.title,
        url=_as_text(fields["url"]) or options.url,
        published=_as_text(fields["published"]) or options.published,
        raw_bytes=line,
    )


def _field(record: dict, name: str, key_map: dict[str, str]):
    if name in key_map:
        return record.get(key_map[name])
    for key in KEY_ALIASES[name]:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _as_text(value) -> Optional[str]:
    if value is None or value == "":
        return None
    return str(value)
