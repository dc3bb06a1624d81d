"""Parallel and distributed extraction give the same store as a single process."""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import run_cli
from polemos.engines import Extracted, make_engine
from polemos.ingest import ReadOptions, iter_inputs
from polemos.pipeline import PipelineConfig

STORIES = [
    "Government troops shelled the village of Dara on {day} March 2024, killing {n} civilians, residents said.",
    "Protesters marched through the capital on {day} May 2023 to demand the release of {n} detained students.",
    "The two sides signed a ceasefire agreement in the city of Harar on {day} June 2022 after {n} days of talks.",
]


def _corpus(path, count=60):
    with path.open("w") as handle:
        for i in range(count):
            text = STORIES[i % 3].format(day=i % 27 + 1, n=i + 2)
            handle.write(json.dumps({"id": f"s{i}", "text": text}) + "\n")
        handle.write(json.dumps({"id": "dup", "text": STORIES[0].format(day=1, n=2)}) + "\n")
        handle.write("{broken\n")
    return path


def _stored(db):
    connection = sqlite3.connect(db)
    documents = connection.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
    timexes = connection.execute("SELECT doc_id, text, value FROM timexes ORDER BY doc_id, start").fetchall()
    return documents, timexes


def test_two_worker_processes_store_what_one_process_stores(tmp_path):
    corpus = _corpus(tmp_path / "corpus.jsonl")
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    first = run_cli("ingest", "-q", "--stages", "time", "--workers", "1", "--db", one, str(corpus))
    second = run_cli("ingest", "-q", "--stages", "time", "--workers", "2", "--db", two, str(corpus))
    for result in (first, second):
        assert "60 added, 1 already present, 1 failed" in result.stderr.decode(), result.stderr.decode()
    assert _stored(one) == _stored(two)
    assert len(_stored(one)[1]) >= 60


def test_extract_with_workers_keeps_input_order(tmp_path):
    corpus = _corpus(tmp_path / "corpus.jsonl", count=20)
    result = run_cli("extract", "--stages", "time", "--workers", "2", str(corpus))
    ids = [json.loads(line)["document"]["id"] for line in result.stdout.decode().splitlines()]
    assert ids == [f"s{i}" for i in range(20)] + ["dup"]
    assert "corpus.jsonl:22: unparseable JSON" in result.stderr.decode()


def test_dask_local_cluster_with_two_worker_processes(tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = _corpus(tmp_path / "corpus.jsonl", count=30)
    config = PipelineConfig(stages=("time",))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        engine = make_engine(config, None, engine="dask", scheduler=cluster.scheduler_address)
        try:
            batches = [list(iter_inputs([str(corpus)], ReadOptions()))[i : i + 8] for i in range(0, 32, 8)]
            outcomes = [outcome for batch in engine.run(batches) for outcome in batch]
            workers_used = engine.client.run(lambda dask_worker: hasattr(dask_worker, "polemos"))
        finally:
            engine.close()
    extracted = [o for o in outcomes if isinstance(o, Extracted)]
    assert [o.record.document.id for o in extracted] == [f"s{i}" for i in range(30)] + ["dup"]
    assert all(o.record.timexes for o in extracted)
    assert len(workers_used) == 2 and all(workers_used.values())


def kills_its_worker(folder: str, deaths: int):
    """A Dask worker plugin of the test: the next ``deaths`` tasks to start executing, across
    the cluster, end their worker's process with SIGKILL, as the out-of-memory killer would."""
    from distributed import WorkerPlugin

    class KillsItsWorker(WorkerPlugin):
        name = "kills-its-worker"

        def transition(self, key, start, finish, **kwargs):
            import os
            import signal

            if finish != "executing":
                return
            for death in range(deaths):
                try:
                    os.close(os.open(os.path.join(folder, f"death-{death}"), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                except FileExistsError:
                    continue
                os.kill(os.getpid(), signal.SIGKILL)

    return KillsItsWorker()


def test_dask_a_dead_worker_loses_no_batch_and_a_document_lost_twice_is_reported(tmp_path):
    distributed = pytest.importorskip("distributed")
    import dask

    corpus = _corpus(tmp_path / "corpus.jsonl", count=3)
    (tmp_path / "deaths").mkdir()
    config = PipelineConfig(stages=("time",))
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
    ):
        engine = make_engine(config, None, engine="dask", scheduler=cluster.scheduler_address)
        try:
            engine.client.register_plugin(kills_its_worker(str(tmp_path / "deaths"), deaths=3))
            items = list(iter_inputs([str(corpus)], ReadOptions()))[:3]
            outcomes = [outcome for batch in engine.run([items]) for outcome in batch]
        finally:
            engine.close()
    # The batch died with its worker; tried one by one, a document's worker died again (taking
    # others along, perhaps), and died a third time when that document ran alone.
    assert len(outcomes) == 3
    lost = [outcome for outcome in outcomes if not isinstance(outcome, Extracted)]
    assert len(lost) == 1 and "lost with its Dask worker, twice" in lost[0].reason
    position = outcomes.index(lost[0])
    assert lost[0].source.endswith(f"corpus.jsonl:{position + 1}")  # in its place, naming its line
    assert [o.record.document.id for o in outcomes if isinstance(o, Extracted)] == [
        f"s{i}" for i in range(3) if i != position
    ]
