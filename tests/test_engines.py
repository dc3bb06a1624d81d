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
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        engine = make_engine(config, None, engine="dask", scheduler=cluster.scheduler_address)
        try:
            batches = [list(iter_inputs([str(corpus)], ReadOptions()))[i:i + 8] for i in range(0, 32, 8)]
            outcomes = [outcome for batch in engine.run(batches) for outcome in batch]
            workers_used = engine.client.run(lambda dask_worker: hasattr(dask_worker, "polemos"))
        finally:
            engine.close()
    extracted = [o for o in outcomes if isinstance(o, Extracted)]
    assert [o.record.document.id for o in extracted] == [f"s{i}" for i in range(30)] + ["dup"]
    assert all(o.record.timexes for o in extracted)
    assert len(workers_used) == 2 and all(workers_used.values())
