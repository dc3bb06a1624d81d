"""Worker processes never outlive the run that started them, and a stuck one is replaced."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find worker processes")

STORIES = [
    "Government troops shelled the village of Dara on {day} March 2024, killing {n} civilians, residents said.",
    "Protesters marched through the capital on {day} May 2023 to demand the release of {n} detained students.",
]


def _corpus(path: Path, count: int) -> Path:
    with path.open("w") as handle:
        for i in range(count):
            handle.write(json.dumps({"id": f"s{i}", "text": STORIES[i % 2].format(day=i % 27 + 1, n=i + 2)}) + "\n")
    return path


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _stored(db: str) -> int:
    try:
        return sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _start_ingest(tmp_path: Path, count: int, *extra: str) -> tuple[subprocess.Popen, str]:
    db = str(tmp_path / "p.db")
    env = {key: value for key, value in os.environ.items() if key != "POLEMOS_DB"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "polemos",
            "ingest",
            "-q",
            "--stages",
            "time",
            "--workers",
            "2",
            "--db",
            db,
            *extra,
            str(_corpus(tmp_path / "corpus.jsonl", count)),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    return process, db


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_kill_9_of_ingest_takes_its_workers_and_resource_tracker_with_it(tmp_path):
    process, db = _start_ingest(tmp_path, 3000)
    try:
        assert _wait_for(lambda: _stored(db) > 0, 300), process.stderr.read().decode() if process.poll() else ""
        helpers = _children(process.pid)
        assert len([pid for pid in helpers if "resource_tracker" not in _cmdline(pid)]) == 2
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert _wait_for(lambda: not any(_alive(pid) for pid in helpers), 20), [
        (pid, _cmdline(pid)) for pid in helpers if _alive(pid)
    ]


def test_a_stuck_worker_is_replaced_and_every_document_is_still_stored(tmp_path):
    process, db = _start_ingest(tmp_path, 120, "--time-budget", "1")
    try:
        assert _wait_for(lambda: _stored(db) > 0, 300)
        workers = [pid for pid in _children(process.pid) if "resource_tracker" not in _cmdline(pid)]
        os.kill(workers[0], signal.SIGSTOP)  # stuck for good, where no in-process budget reaches
        _stdout, stderr = process.communicate(timeout=400)
    finally:
        if process.poll() is None:
            process.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert process.returncode == 0, stderr.decode()
    assert "120 added, 0 already present, 0 failed" in stderr.decode()
    assert not _alive(workers[0])


ENGINE_THEN_STOP_A_WORKER = """
import os, signal, sys
from polemos.engines.local import ProcessEngine
from polemos.ingest import RawDocument
from polemos.pipeline import PipelineConfig

engine = ProcessEngine(PipelineConfig(stages=("time",)), None, 2)
batches = [[RawDocument(f"s{i}", "Troops shelled the village on 3 March 2024.", "text")] for i in range(6)]
print(sum(len(outcomes) for outcomes in engine.run(batches)), flush=True)
workers = [process.pid for process in engine.executor._processes.values()]
os.kill(workers[0], signal.SIGSTOP)  # idle, and frozen before it can read the pool's exit request
print(" ".join(map(str, workers)), flush=True)
engine.close()
"""


def test_a_run_ends_even_when_an_idle_worker_is_frozen(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-c", ENGINE_THEN_STOP_A_WORKER], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        stdout, stderr = process.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        pytest.fail("the run never ended: its exit waited on the frozen worker")
    lines = stdout.decode().split()
    assert process.returncode == 0, stderr.decode()
    assert lines[0] == "6"  # every document came back before the worker froze
    assert not any(_alive(int(pid)) for pid in lines[1:])
