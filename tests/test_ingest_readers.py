"""Reading the inputs people actually have: files, directories, JSON Lines, gzip, stdin."""

from __future__ import annotations

import gzip
import io
import json

from polemos.ingest import InputError, RawDocument, ReadOptions, iter_inputs
from polemos.ingest.readers import _read_stream


def _write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


def test_reads_each_format_in_a_directory_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "a.html", b"<html><body><p>Shelling hit the town.</p></body></html>")
    _write(tmp_path / "sub" / "b.txt", b"Troops withdrew from the village.")
    _write(tmp_path / "sub" / "c.md", b"# Report\n\nPolice detained ten people.")
    _write(tmp_path / "d.html.gz", gzip.compress(b"<html><body><p>Gzipped page.</p></body></html>"))
    _write(tmp_path / "e.jsonl", b'{"id": "x1", "text": "One."}\n{"id": "x2", "html": "<p>Two.</p>"}\n')
    _write(tmp_path / "ignored.png", b"\x89PNG\r\n\x1a\n\x00\x00")

    items = list(iter_inputs([str(tmp_path)]))

    assert all(isinstance(item, RawDocument) for item in items)
    by_source = {item.source.replace(str(tmp_path) + "/", ""): item for item in items}
    assert set(by_source) == {"a.html", "d.html.gz", "e.jsonl:1", "e.jsonl:2", "sub/b.txt", "sub/c.md"}
    assert by_source["a.html"].format == "html"
    assert by_source["d.html.gz"].content.startswith("<html>")
    assert by_source["sub/b.txt"].format == "text"
    assert by_source["e.jsonl:1"].id == "x1" and by_source["e.jsonl:1"].format == "text"
    assert by_source["e.jsonl:2"].format == "html"


def test_recognises_the_india_corpus_keys_and_maps_custom_keys(tmp_path):
    path = _write(
        tmp_path / "docs.jsonl", json.dumps({"doc_id": 17, "doc_text": "police opened fire"}).encode() + b"\n"
    )
    (item,) = iter_inputs([path])
    assert item.id == "17" and item.content == "police opened fire"

    custom = _write(tmp_path / "custom.jsonl", b'{"key": "k9", "story": "Rebels seized the town."}\n')
    (item,) = iter_inputs([custom], ReadOptions(key_map={"id": "key", "text": "story"}))
    assert item.id == "k9" and item.content == "Rebels seized the town."


def test_bad_inputs_become_one_line_errors_and_the_batch_goes_on(tmp_path):
    empty = _write(tmp_path / "empty.txt", b"   \n")
    binary = _write(tmp_path / "binary.txt", b"\x00\x01\x02\x03" * 100)
    huge = _write(tmp_path / "huge.txt", b"word " * 1000)
    lines = _write(
        tmp_path / "lines.jsonl", b'{"text": "fine"}\n{not json\n{"title": "no text"}\n[1, 2]\n{"text": "also fine"}\n'
    )
    good = _write(tmp_path / "good.txt", b"Soldiers crossed the border.")

    items = list(iter_inputs([empty, binary, str(tmp_path / "missing.txt"), lines, good]))
    items += list(iter_inputs([huge], ReadOptions(max_bytes=100)))

    errors = [str(item) for item in items if isinstance(item, InputError)]
    docs = [item for item in items if isinstance(item, RawDocument)]
    assert [doc.content for doc in docs] == ["fine", "also fine", "Soldiers crossed the border."]
    assert errors == [
        f"{empty}: empty",
        f"{binary}: binary file, not text",
        f"{tmp_path / 'missing.txt'}: no such file",
        f"{lines}:2: unparseable JSON (JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
        f"{lines}:3: no text or html field (keys: title; map one with --text-key)",
        f"{lines}:4: JSON line is not an object",
        f"{huge}: too large (over 100 bytes; raise --max-bytes to accept it)",
    ]
    assert all("\n" not in error for error in errors)


def test_windows_1252_text_is_decoded_not_refused(tmp_path):
    path = _write(
        tmp_path / "legacy.txt",
        "Troops entered Şuşa’s outskirts".encode("utf-8").replace(b"\xe2\x80\x99", b"'") + " caf\xe9".encode("cp1252"),
    )
    (item,) = iter_inputs([path])
    assert isinstance(item, RawDocument) and item.content.endswith("café")


def test_standard_input_as_text_or_json_lines():
    (item,) = _read_stream(
        io.BufferedReader(io.BytesIO(b"Plain text on stdin.")), "<stdin>", ReadOptions(published="2024-01-02")
    )
    assert item.source == "<stdin>" and item.format == "text" and item.published == "2024-01-02"
    items = list(
        _read_stream(io.BufferedReader(io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n')), "<stdin>", ReadOptions())
    )
    assert [item.source for item in items] == ["<stdin>:1", "<stdin>:2"]
