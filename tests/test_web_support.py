"""Shared set-up for the web tests: a store filled by the real pipeline, a real server process.

The store holds the bundled demo articles plus a made-up article whose title and text carry
HTML and a <script>, so every view is exercised on hostile input. It is built once per test
session (the pipeline is the slow part) and copied for each server, so one module's reviews do
not change what another sees.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from conftest import DEMO, run_cli

HOSTILE_ID = "made-up-hostile"
HOSTILE_TITLE = "<img src=x onerror=alert(2)> Shelling near Goris"
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_ARTICLE = {
    "id": HOSTILE_ID,
    "title": HOSTILE_TITLE,
    "published": "2024-03-05",
    "url": "javascript:alert(3)",
    "text": (
        "Azerbaijani forces shelled the Armenian town of Goris on 3 March 2024, killing four civilians, "
        "local officials said.\n\n"
        f"A message posted on the town council's page read {HOSTILE_SCRIPT} before it was taken down.\n\n"
        "Armenian soldiers attacked an Azerbaijani checkpoint near Lachin on 4 March 2024, "
        "the defence ministry in Baku said."
    ),
}


def demo_store(tmp_path_factory) -> Path:
    """The demo articles and the hostile one, ingested by ``polemos ingest`` (built once a session)."""
    folder = tmp_path_factory.getbasetemp() / "web-demo-store"
    database, ready = folder / "demo.db", folder / "ready"
    if ready.exists():
        return database
    folder.mkdir(exist_ok=True)
    inputs = folder / "inputs"
    shutil.copytree(DEMO, inputs)
    (inputs / "made-up.jsonl").write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    result = run_cli("ingest", str(inputs), "--db", str(database), "--quiet")
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    ready.touch()
    return database


def copy_store(source: Path, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "store.db"
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)  # a consistent copy, including what is still in the WAL file
    return str(target)


def two_outlets_client(tmp_path_factory, name: str) -> Iterator[httpx.Client]:
    """A client of a real server over a new store holding the Karabakh record and a second
    outlet's report of it (two reports fused into canonical events); the server must stop
    without a traceback."""
    from made_up_records import karabakh_record
    from polemos.store import open_store
    from test_store_fusion import second_outlet

    db = str(tmp_path_factory.mktemp(name) / "p.db")
    with open_store(db) as store:
        store.add(karabakh_record())
        store.add(second_outlet())
    server = Server(db)
    with httpx.Client(base_url=server.base, timeout=30) as client:
        yield client
    assert "Traceback" not in server.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``polemos serve`` in a subprocess, stopped by ``stop``."""

    def __init__(self, db: str, host: str = "127.0.0.1", extra: tuple[str, ...] = (), env: dict | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        full_env = {key: value for key, value in os.environ.items() if key not in ("POLEMOS_DB", "POLEMOS_TOKEN")}
        full_env.update(env or {})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "polemos.web", "--db", db, "--host", host, "--port", str(self.port), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=full_env,
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stderr.read().decode()[-3000:]}")
            try:
                httpx.get(self.base + "/static/css/app.css", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not answer within 60 s")

    def stop(self) -> str:
        self.process.terminate()
        try:
            _, errors = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, errors = self.process.communicate()
        return errors.decode()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A server on a fresh copy of the demo store; yields (base URL, store path)."""
    db = copy_store(demo_store(tmp_path_factory), tmp_path_factory.mktemp("served"))
    server = Server(db)
    yield server.base, db
    errors = server.stop()
    assert "Traceback" not in errors, errors[-3000:]


def test_the_shared_store_holds_the_demo_and_the_hostile_article(tmp_path_factory):
    from polemos.store import open_store

    with open_store(str(demo_store(tmp_path_factory))) as store:
        assert store.count("documents") == 6
        assert store.count("events") > 0
        assert HOSTILE_SCRIPT in store.get_record(HOSTILE_ID).text
