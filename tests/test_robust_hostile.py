"""Hostile inputs a batch meets in the wild: compressed files that inflate without end, HTML
nested thousands of elements deep, text in encodings other than the one it claims. Each is
read within its bounds or fails alone with one line; the documents around it are stored."""

from __future__ import annotations

import gzip
import json
import sqlite3

from conftest import run_cli

from polemos.ingest import InputError, RawDocument, iter_inputs

GOOD = (
    "Shelling killed 12 civilians in the river town of Marlow on Monday, officials said. "
    "The army said its units had returned fire at positions north of the town."
)
INFLATED = 64 * 1024 * 1024  # what each bomb inflates to: 64 MB from about 64 KB


def _stored_ids(db) -> list[str]:
    return sorted(row[0] for row in sqlite3.connect(db).execute("SELECT id FROM documents"))


def test_compressed_files_that_inflate_past_the_size_limit_fail_alone(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"A" * INFLATED, compresslevel=9))
    line_bomb = b'{"id": "bomb", "text": "' + b"A" * INFLATED + b'"}\n'
    good_line = json.dumps({"id": "after-the-bomb", "text": GOOD}).encode() + b"\n"
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(line_bomb + good_line, compresslevel=9))
    (tmp_path / "story.txt").write_text(GOOD + " Aid agencies counted the damage.")
    db = str(tmp_path / "p.db")

    result = run_cli("ingest", "--db", db, "--stages", "clean", "-q", "--max-bytes", "1000000", str(tmp_path))

    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert f"polemos: error: {tmp_path / 'bomb.txt.gz'}: too large (over 1,000,000 bytes" in stderr
    assert f"polemos: error: {tmp_path / 'feed.jsonl.gz'}:1: too large (over 1,000,000 bytes" in stderr
    assert "2 added" in stderr
    assert "after-the-bomb" in _stored_ids(db)


def test_html_nested_ten_thousand_elements_deep_is_read_to_its_story(tmp_path):
    story = "Artillery fire struck the market town of Velmar on Tuesday, killing at least 14 civilians."
    page = tmp_path / "nested.html"
    page.write_text(
        "<html><head><title>Nested</title></head><body>"
        + '<div class="wrap">' * 10_000
        + f"<p>{story}</p>"
        + "</div>" * 10_000
        + "</body></html>"
    )

    result = run_cli("extract", "--published", "2023-09-21", str(page))

    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert story in record["text"]
    assert [(q["category"], q["min"]) for q in record["quantities"]] == [("dead", 14)]


def test_text_in_utf16_or_in_windows_1252_under_a_utf8_label_is_read_not_refused(tmp_path):
    (tmp_path / "a-utf16.txt").write_bytes("Troops entered Şuşa on Monday.".encode("utf-16"))
    mislabelled = (
        '<html><head><meta charset="utf-8"><title>Report</title></head><body>'
        "<p>Soldiers fired on the caf\xe9 in the old town on Monday, witnesses said.</p></body></html>"
    )
    (tmp_path / "b-mislabelled.html").write_bytes(mislabelled.encode("cp1252"))

    items = list(iter_inputs([str(tmp_path)]))

    assert not [str(item) for item in items if isinstance(item, InputError)]
    utf16, page = items
    assert isinstance(utf16, RawDocument) and utf16.content == "Troops entered Şuşa on Monday."
    assert isinstance(page, RawDocument) and "fired on the café in the old town" in page.content
