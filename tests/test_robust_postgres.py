"""A PostgreSQL server lost in the middle of an ingest: waited for, then reported in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from pg import postgres_server, postgres_url  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


def _corpus(path, count: int):
    with path.open("w") as handle:
        for i in range(count):
            text = (
                f"Police detained {i + 3} protesters in the northern city of Varno on {i % 27 + 1} May 2023,"
                f" the interior ministry said in statement number {i}."
            )
            handle.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    return path


def _count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as connection:
            return connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except psycopg.Error:
        return 0


def _ingest(url: str, corpus, reconnect_seconds: str) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if key != "POLEMOS_DB"}
    env["POLEMOS_PG_RECONNECT_SECONDS"] = reconnect_seconds
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "polemos",
            "ingest",
            "-q",
            "--stages",
            "time",
            "--workers",
            "1",
            "--db",
            url,
            str(corpus),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _when_some_stored(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while _count(url) == 0:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "nothing stored within 300 s"
        time.sleep(0.1)


def test_a_server_that_comes_back_is_waited_for_and_the_ingest_completes(postgres_server, postgres_url, tmp_path):
    process = _ingest(postgres_url, _corpus(tmp_path / "feed.jsonl", 400), reconnect_seconds="60")
    try:
        _when_some_stored(postgres_url, process)
        postgres_server.crash()
        time.sleep(2)
        postgres_server.restart()
        _stdout, stderr = process.communicate(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert " 0 failed" in stderr.decode()
    assert _count(postgres_url) == 400


def test_a_server_that_stays_away_is_one_error_line_and_the_summary(postgres_server, postgres_url, tmp_path):
    process = _ingest(postgres_url, _corpus(tmp_path / "feed.jsonl", 4000), reconnect_seconds="3")
    try:
        _when_some_stored(postgres_url, process)
        postgres_server.crash()
        _stdout, stderr = process.communicate(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
        postgres_server.restart()
    text = stderr.decode()
    assert process.returncode == 1, text
    assert "Traceback" not in text
    errors = [line for line in text.splitlines() if line.startswith("polemos: error:")]
    assert len(errors) == 1 and "lost the connection to the server and could not reconnect within 3 s" in errors[0]
    stored = _count(postgres_url)
    assert 0 < stored < 4000
    assert f"{stored} added, 0 already present, 0 failed" in text
    assert "stopped: the store failed" in text
