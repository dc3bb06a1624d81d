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
import select
import stat
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Union, cast

from polemos.ingest.raw import InputError, RawDocument, one_line

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_PIPE_WAIT = 30.0

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

# What reading a (possibly compressed) file can raise besides a clean end of file.
_READ_ERRORS = (OSError, EOFError, gzip.BadGzipFile, zlib.error)
# What a hostile JSON line can make the parser raise: malformed or undecodable text
# (ValueError), nesting deeper than the interpreter's stack (RecursionError), numbers
# too large for a float or an int conversion (OverflowError, ValueError).
_JSON_ERRORS = (ValueError, RecursionError, OverflowError, MemoryError)
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    key_map: dict[str, str] = field(default_factory=dict)  # our field -> the input's key
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    pipe_wait: float = DEFAULT_PIPE_WAIT  # seconds a named pipe given by name may stay silent at first


def iter_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Yield a RawDocument (or an InputError) per document found under ``paths``, in order."""
    options = options or ReadOptions()
    for path in paths:
        if path == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", options)
        elif os.path.isdir(path):
            for file_path in walk_directory(Path(path)):
                yield from _read_file(file_path, options)
        else:
            yield from _read_file(Path(path), options, named=True)


def walk_directory(directory: Path) -> Iterator[Path]:
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


def _read_file(path: Path, options: ReadOptions, named: bool = False) -> Iterator[ReadResult]:
    """Read one file. A named pipe is read only when given by name (``<(zcat feed.gz)``),
    and only once something is written to it; in a directory it is skipped, like sockets
    and devices, so that nothing found by walking a folder can stall the batch."""
    source = str(path)
    kind = _kind_of(path) or "text"
    try:
        handle: BinaryIO = _open_regular(path, options.pipe_wait if named else None)
    except _NotRegular as error:
        yield InputError(source, f"skipped: {error}")
        return
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


class _NotRegular(Exception):
    pass


def _open_regular(path: Path, pipe_wait: Optional[float]) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file, or a named pipe when ``pipe_wait``
    is given and a writer sends something within that many seconds. Opening without
    blocking and checking the open descriptor means no pipe or device can stall the batch."""
    _check_readable(os.stat(path).st_mode, pipe_wait is not None)  # a socket cannot even be opened: say what it is
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        _check_readable(mode, pipe_wait is not None)  # it may have changed in between
        if stat.S_ISFIFO(mode) and not _wait_for_writer(descriptor, pipe_wait or 0.0):
            raise _NotRegular(f"a named pipe nothing was written to within {pipe_wait:g} s")
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _check_readable(mode: int, pipe_allowed: bool) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError()
    if stat.S_ISFIFO(mode) and pipe_allowed:
        return
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _NOT_REGULAR if test(mode)), "a special file")
        raise _NotRegular(f"{kind}, not a regular file")


def _wait_for_writer(descriptor: int, seconds: float) -> bool:
    """Whether data (or the end of a writer's stream) arrives on the pipe within ``seconds``."""
    if not hasattr(select, "poll"):
        return True
    poller = select.poll()
    poller.register(descriptor, select.POLLIN)
    return bool(poller.poll(max(0, int(seconds * 1000))))


def _read_stream(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(cast(io.RawIOBase, stream))
    if buffered.peek(4096)[:4096].lstrip().startswith(b"{"):
        yield from _read_jsonl(buffered, source, options)
    else:
        yield _read_whole(buffered, source, None, options)


def _read_whole(handle: BinaryIO, source: str, kind: Optional[str], options: ReadOptions) -> ReadResult:
    try:
        data = handle.read(options.max_bytes + 1)
    except _READ_ERRORS as error:
        return InputError(source, f"unreadable ({error})")
    if len(data) > options.max_bytes:
        return InputError(source, f"too large (over {options.max_bytes:,} bytes; raise --max-bytes to accept it)")
    try:
        text = decode(data)
    except ValueError as error:
        return InputError(source, str(error))
    kind = kind or sniff_format(text)
    return RawDocument(
        source=source,
        content=text,
        format=kind,
        title=options.title,
        url=options.url,
        published=options.published,
        raw_bytes=data,
    )


def decode(data: bytes) -> str:
    """Decode input bytes, refusing binary files and empty ones."""
    if not data.strip():
        raise ValueError("empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary file, not text")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text.strip():  # a byte-order mark and nothing else
            raise ValueError("empty")
        return text
    text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise ValueError("empty")
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
        for line_number, line in enumerate(_bounded_lines(handle, options.max_bytes), start=1):
            if line is None:
                yield InputError(f"{source}:{line_number}", _too_large(options))
            elif line.strip():
                yield _parse_json_line(line, f"{source}:{line_number}", options)
    except _READ_ERRORS as error:
        yield InputError(f"{source}:{line_number + 1}", f"unreadable ({error})")


def jsonl_line_starts(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[int, int]]:
    """(line number, byte offset) of each complete, non-blank line of an uncompressed JSON Lines
    file, for a watched folder: a last line with no newline yet is still being written and is
    left for a later look. A line over ``max_bytes`` is listed too; reading it says it is too large."""
    with _open_regular(path, None) as handle:
        number = 0
        while True:
            start = handle.tell()
            line = handle.readline(max_bytes + 1)
            while line and not line.endswith(b"\n") and len(line) > max_bytes:  # skip the rest of a huge line
                line = handle.readline(1 << 20) or b""
                if line.endswith(b"\n"):
                    break
            if not line.endswith(b"\n"):
                return
            number += 1
            if line.strip():
                yield number, start


def read_jsonl_line(path: Path, number: int, start: int, options: ReadOptions | None = None) -> ReadResult:
    """The document on line ``number`` of a JSON Lines file, which begins at byte ``start``."""
    options = options or ReadOptions()
    source = f"{path}:{number}"
    try:
        with _open_regular(path, None) as handle:
            handle.seek(start)
            line = next(_bounded_lines(handle, options.max_bytes), b"")
    except _NotRegular as error:
        return InputError(source, f"skipped: {error}")
    except OSError as error:
        return InputError(source, f"unreadable ({error.strerror or error})")
    if line is None:
        return InputError(source, _too_large(options))
    if not line.strip():
        return InputError(source, "no JSON line there any more (the file was rewritten)")
    return _parse_json_line(line, source, options)


def _bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[Optional[bytes]]:
    """The file's lines, with None for a line over ``max_bytes``: such a line is skipped in
    chunks instead of being read whole into memory."""
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield None
        else:
            yield line


def _too_large(options: ReadOptions) -> str:
    return f"too large (over {options.max_bytes:,} bytes; raise --max-bytes to accept it)"


def _parse_json_line(line: bytes, source: str, options: ReadOptions) -> ReadResult:
    if len(line) > options.max_bytes:
        return InputError(source, _too_large(options))
    try:
        record = json.loads(line)
    except _JSON_ERRORS as error:
        return InputError(source, f"unparseable JSON ({one_line(error)})")
    if not isinstance(record, dict):
        return InputError(source, "JSON line is not an object")
    try:
        return _document_from_record(record, line, source, options)
    except _JSON_ERRORS as error:
        return InputError(source, f"unusable JSON record ({one_line(error)})")


def _document_from_record(record: dict, line: bytes, source: str, options: ReadOptions) -> ReadResult:
    fields = {name: _field(record, name, options.key_map) for name in KEY_ALIASES}
    content, kind = (fields["html"], "html") if fields["html"] else (fields["text"], "text")
    if not isinstance(content, str) or not content.strip():
        keys = " ".join(", ".join(sorted(record)[:8]).split())[:200]  # one line, whatever the keys hold
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
    """A scalar field as text; lists and objects where one value belongs are ignored."""
    if value is None or value == "" or not isinstance(value, (str, int, float, bool)):
        return None
    return str(value)
