"""Hostile or unlucky inputs fail alone, with one line each, and never stop or stall a batch."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import run_cli

GOOD = (
    "Shelling killed 12 civilians in the river town of Marlow on Monday, officials said. "
    "The army said its units had returned fire at positions north of the town."
)


def _stored_ids(db) -> list[str]:
    return sorted(row[0] for row in sqlite3.connect(db).execute("SELECT id FROM documents"))


def test_deeply_nested_or_huge_json_lines_fail_alone_and_good_lines_are_stored(tmp_path):
    feed = tmp_path / "feed.jsonl"
    nested = '{"id": "deep", "text": ' + "[" * 5000 + "]" * 5000 + "}"
    huge_int = '{"id": "bigint", "text": "x", "n": ' + "9" * 5000 + "}"
    lines = [
        json.dumps({"id": "first", "text": GOOD}),
        nested,
        huge_int,
        '{"id": "inf", "text": "words", "n": 1e99999}',
        '{"id": ["a", ' * 3000 + '"b"' + "]" * 3000 + ', "text": "A list where an id belongs."}',
        json.dumps({"id": "last", "text": GOOD + " Aid agencies counted the damage."}),
    ]
    feed.write_text("\n".join(lines) + "\n")
    db = str(tmp_path / "p.db")

    result = run_cli("ingest", "--db", db, "--stages", "clean", "-q", str(feed))

    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert f"polemos: error: {feed}:2: unparseable JSON (RecursionError" in stderr
    assert f"polemos: error: {feed}:3: unparseable JSON (ValueError" in stderr
    assert "2 added" in stderr
    assert _stored_ids(db) == ["first", "last"]


def test_a_400_digit_number_does_not_drop_its_document(tmp_path):
    page = tmp_path / "serial.txt"
    page.write_text(
        "Troops killed 14 people near the border post on Sunday. The report's reference was "
        + "7" * 400
        + " according to the ministry.\n"
    )
    result = run_cli("extract", str(page))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert [q["min"] for q in record["quantities"]] == [14]


def test_named_pipes_sockets_and_devices_are_skipped_with_a_reason_never_waited_on(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "story.txt").write_text(GOOD)
    os.mkfifo(inputs / "feed.jsonl")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(inputs / "live.txt"))
    direct_pipe = tmp_path / "direct.txt"
    os.mkfifo(direct_pipe)
    db = str(tmp_path / "p.db")
    try:
        result = run_cli(
            "ingest",
            "--db",
            db,
            "--stages",
            "clean",
            "-q",
            "--pipe-wait",
            "2",
            str(inputs),
            str(direct_pipe),
            "/dev/zero",
            timeout=120,
        )
    finally:
        listener.close()
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert f"{inputs / 'feed.jsonl'}: skipped: a named pipe, not a regular file" in stderr
    assert f"{inputs / 'live.txt'}: skipped: a socket, not a regular file" in stderr
    assert f"{direct_pipe}: skipped: a named pipe nothing was written to within 2 s" in stderr
    assert "/dev/zero: skipped: a character device, not a regular file" in stderr
    assert "1 added, 0 already present, 4 failed" in stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_fails_alone(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    locked = tmp_path / "b.txt"
    locked.write_text(GOOD + " More.")
    locked.chmod(0)
    result = run_cli("ingest", "--db", str(tmp_path / "p.db"), "--stages", "clean", "-q", str(tmp_path))
    assert f"{locked}: unreadable (Permission denied)" in result.stderr.decode()
    assert "1 added" in result.stderr.decode()


def test_an_over_long_json_line_is_skipped_without_reading_it_whole(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w") as handle:
        handle.write(json.dumps({"id": "long", "text": "word " * 400_000}) + "\n")
        handle.write(json.dumps({"id": "short", "text": GOOD}) + "\n")
    result = run_cli(
        "ingest", "--db", str(tmp_path / "p.db"), "--stages", "clean", "-q", "--max-bytes", "100000", str(feed)
    )
    stderr = result.stderr.decode()
    assert f"{feed}:1: too large (over 100,000 bytes" in stderr
    assert "1 added" in stderr


def test_a_corrupt_gzip_file_fails_alone(tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD)
    (tmp_path / "broken.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(2000))
    result = run_cli("ingest", "--db", str(tmp_path / "p.db"), "--stages", "clean", "-q", str(tmp_path))
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert f"{tmp_path / 'broken.jsonl.gz'}:1: unreadable" in stderr
    assert "1 added" in stderr


def test_a_named_pipe_given_by_name_is_read_once_its_writer_sends(tmp_path):
    pipe = tmp_path / "feed.jsonl"
    os.mkfifo(pipe)
    db = str(tmp_path / "p.db")
    env = {key: value for key, value in os.environ.items() if key != "POLEMOS_DB"}
    process = subprocess.Popen(
        [sys.executable, "-m", "polemos", "ingest", "--db", db, "--stages", "clean", "-q", str(pipe)],
        stderr=subprocess.PIPE,
        env=env,
    )
    time.sleep(1)
    with open(pipe, "w") as writer:  # blocks until the ingest has the pipe open
        writer.write(json.dumps({"id": "piped", "text": GOOD}) + "\n")
    _out, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    assert _stored_ids(db) == ["piped"]


def test_an_error_naming_odd_json_keys_stays_on_one_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"first\nsecond": 1, "x": [1, 2]}) + "\n" + json.dumps({"id": "ok", "text": GOOD}) + "\n"
    )
    result = run_cli("ingest", "--db", str(tmp_path / "p.db"), "--stages", "clean", "-q", str(feed))
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("polemos: error:")]
    assert errors == [
        f"polemos: error: {feed}:1: no text or html field (keys: first second, x; map one with --text-key)"
    ]
