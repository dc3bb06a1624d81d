"""Several writers at once: two ``polemos ingest`` processes racing over the same input into one
store (a PostgreSQL database, or one SQLite file) store each distinct text exactly once, with no
errors, the same as a single ingest; and threads adding one text all get the same answer."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from made_up_records import karabakh_record
from polemos.store import open_store

DISTINCT = 300
REPEATED = 40  # of those, written twice more further down the file
PLACES = ["Kharkiv", "Goma", "Khartoum", "Mosul", "Aleppo", "Bamako", "Marawi", "Sittwe", "Mekelle", "Idlib"]
ACTS = ["shelled", "raided", "blockaded", "evacuated", "negotiated over", "patrolled"]
GROUPS = ["government forces", "a militia", "rebel fighters", "police units", "a peacekeeping convoy"]


def made_up_jsonl(path: Path, reverse: bool = False) -> Path:
    """Short, distinct made-up reports; some repeated with another id (the same text, stored once)."""
    lines = []
    for n in range(DISTINCT):
        text = (
            f"Report {n}: {GROUPS[n % len(GROUPS)].capitalize()} {ACTS[n % len(ACTS)]} the outskirts of"
            f" {PLACES[n % len(PLACES)]} on day {n}, residents said. Officials counted {n % 17 + 2} damaged houses."
        )
        lines.append({"id": f"doc-{n}", "title": f"Report {n}", "text": text, "published": "2024-03-01"})
    lines += [dict(line, id=f"copy-{line['id']}") for line in lines[:REPEATED]]
    lines += [dict(line, id=f"again-{line['id']}") for line in lines[:REPEATED]]
    if reverse:
        lines.reverse()
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _ingest(input_path: Path, location: str) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if key != "POLEMOS_DB"}
    return subprocess.Popen(
        [sys.executable, "-m", "polemos", "ingest", "--stages", "clean", "--quiet", "--db", location, str(input_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def _finish(process: subprocess.Popen) -> tuple[int, str]:
    _out, err = process.communicate(timeout=600)
    return process.returncode, err.decode(errors="replace")


def _ingest_at_once(inputs: list[Path], location: str, folder: Path) -> list[tuple[int, str]]:
    """One ingest process per input, all reading their input at the same moment.

    Each process reads a named pipe; the inputs are written only once every process has
    opened its pipe, so start-up time (imports, loading) cannot put one process ahead."""
    pipes = []
    for index, _source in enumerate(inputs):
        pipe = folder / f"feed-{index}.jsonl"
        os.mkfifo(pipe)
        pipes.append(pipe)
    processes = [_ingest(pipe, location) for pipe in pipes]
    writers = [_open_when_read(pipe, processes) for pipe in pipes]  # a barrier: every reader is there
    feeders = [threading.Thread(target=_copy, args=(source, writer)) for source, writer in zip(inputs, writers)]
    for feeder in feeders:
        feeder.start()
    results = [_finish(process) for process in processes]
    for feeder in feeders:
        feeder.join(timeout=60)
    return results


def _open_when_read(pipe: Path, processes: list[subprocess.Popen], seconds: float = 120) -> int:
    deadline = time.monotonic() + seconds
    while True:
        try:
            descriptor = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)  # fails until a reader has it open
        except OSError as error:
            if error.errno != errno.ENXIO:
                raise
            if time.monotonic() > deadline or any(process.poll() is not None for process in processes):
                raise AssertionError(f"no ingest process opened {pipe}: {[_finish(p) for p in processes]}") from None
            time.sleep(0.05)
            continue
        os.set_blocking(descriptor, True)
        return descriptor


def _copy(source: Path, descriptor: int) -> None:
    with os.fdopen(descriptor, "wb") as pipe:
        pipe.write(source.read_bytes())


@pytest.fixture(params=["sqlite", "postgres"])
def location(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "shared.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="module")
def single_ingest_count(tmp_path_factory) -> int:
    """How many documents one ingest of the input stores: the distinct texts."""
    folder = tmp_path_factory.mktemp("single")
    code, err = _finish(_ingest(made_up_jsonl(folder / "reports.jsonl"), str(folder / "single.db")))
    assert code == 0 and f"{DISTINCT} added, {2 * REPEATED} already present, 0 failed" in err, err
    with open_store(str(folder / "single.db")) as store:
        return store.count("documents")


@pytest.mark.parametrize("order", ["same order", "opposite order"])
def test_two_ingests_at_once_store_each_text_once(location, order, single_ingest_count, tmp_path):
    """In the same order both processes race on every text; in opposite orders they meet
    head-on in the middle, where each has cleaned a text the other is about to store."""
    input_path = made_up_jsonl(tmp_path / "reports.jsonl")
    other_path = made_up_jsonl(tmp_path / "reversed.jsonl", reverse=True) if order == "opposite order" else input_path
    results = _ingest_at_once([input_path, other_path], location, tmp_path)
    for code, err in results:
        assert code == 0, err
        assert "error" not in err.lower() and "Traceback" not in err, err
        assert "0 failed" in err, err
    added = [int(err.split(" added")[0].split()[-1]) for _code, err in results]
    assert sum(added) == DISTINCT  # every text added by exactly one of the two
    if order == "opposite order":
        assert min(added) > 0, results  # both really wrote: the race happened

    with open_store(location) as store:
        store_count = store.count("documents")
        titles = {row["title"] for row in store.connection.execute("SELECT title FROM documents")}
        assert titles == {f"Report {n}" for n in range(DISTINCT)}  # none lost
        assert store.connection.execute("SELECT COUNT(*) FROM documents WHERE record_zlib IS NULL").fetchone()[0] == 0

    assert store_count == single_ingest_count


def test_a_writer_racing_on_an_uncommitted_document_reports_it_present(location):
    """Another connection stores the same text while the first has not committed yet: the second
    waits for the first, then reports the stored document as present and writes nothing."""
    with open_store(location) as first:
        record = karabakh_record()
        answers: list = []

        def add_from_another_connection() -> None:
            try:
                with open_store(location) as second:
                    answers.append(second.add(karabakh_record()))
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                answers.append(error)

        with first.transaction():
            first._insert_document("kar", record, None, None)
            first._write_extraction(record)
            racer = threading.Thread(target=add_from_another_connection)
            racer.start()
            racer.join(timeout=1.0)
            assert racer.is_alive()  # blocked on the first writer's uncommitted document
        racer.join(timeout=60)
        assert answers == [("present", "kar")]
        assert first.count("documents") == 1 and first.count("events") == 2 and first.count("evidence") == 2
