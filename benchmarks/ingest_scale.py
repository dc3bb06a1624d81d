"""Whole-corpus ingest with 1 and 2 worker processes, side by side, plus duplicate-safety checks.

    .venv/bin/python benchmarks/ingest_scale.py [--docs N] [--skip-concurrent]

Runs ``polemos ingest`` on the India corpus (../shared/corpora/india-police-events/docs.jsonl,
or its first N documents) into fresh SQLite stores: once with ``--workers 1`` and once with
``--workers 2``, and reports documents/s, words/s, the speed-up and the peak resident memory
of each worker process (sampled with psutil every 0.2 s). Then it ingests the same corpus a
second time into the 2-worker store, and runs two ingest processes at once into a third store,
and checks that the document and event counts equal a single ingest's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
INDIA = ROOT.parent / "shared" / "corpora" / "india-police-events" / "docs.jsonl"


def corpus_slice(docs: int | None, folder: Path) -> tuple[Path, int]:
    if docs is None:
        words = sum(len(json.loads(line)["doc_text"].split()) for line in INDIA.open())
        return INDIA, words
    path = folder / f"india-{docs}.jsonl"
    words = 0
    with INDIA.open() as source, path.open("w") as target:
        for line in itertools.islice(source, docs):
            target.write(line)
            words += len(json.loads(line)["doc_text"].split())
    return path, words


def run_ingest(corpus: Path, db: Path, workers: int) -> dict:
    command = [sys.executable, "-m", "polemos", "ingest", "-q", "--workers", str(workers), "--db", str(db), str(corpus)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            for proc in [watched, *watched.children(recursive=True)]:
                peaks[proc.pid] = max(peaks.get(proc.pid, 0), proc.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read()
    summary = next((line for line in stderr.splitlines() if " added, " in line), stderr.strip()[-300:])
    worker_peaks = sorted((rss for pid, rss in peaks.items() if pid != process.pid), reverse=True)[:workers]
    return {
        "seconds": round(seconds, 1),
        "summary": summary,
        "main_peak_mb": round(peaks.get(process.pid, 0) / 2**20),
        "worker_peak_mb": [round(rss / 2**20) for rss in worker_peaks],
    }


def counts(db: Path) -> dict:
    connection = sqlite3.connect(db)
    return {
        table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in ("documents", "events")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="only the first N documents")
    parser.add_argument("--skip-concurrent", action="store_true")
    args = parser.parse_args()
    if not INDIA.exists():
        sys.exit(f"benchmark needs {INDIA}")
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        corpus, words = corpus_slice(args.docs, folder)
        documents = sum(1 for _ in corpus.open())
        report: dict = {"documents": documents, "words": words}
        for workers in (1, 2):
            run = run_ingest(corpus, folder / f"w{workers}.db", workers)
            run.update(docs_per_s=round(documents / run["seconds"], 2), words_per_s=round(words / run["seconds"]))
            report[f"workers_{workers}"] = run
        report["speedup_2_vs_1"] = round(report["workers_1"]["seconds"] / report["workers_2"]["seconds"], 2)
        single = counts(folder / "w1.db")
        report["single_ingest_counts"] = single
        report["reingest"] = run_ingest(corpus, folder / "w2.db", 2)["summary"]
        report["after_reingest_counts"] = counts(folder / "w2.db")
        if not args.skip_concurrent:
            db = folder / "concurrent.db"
            processes = [
                subprocess.Popen(
                    [sys.executable, "-m", "polemos", "ingest", "-q", "--workers", "1", "--db", str(db), str(corpus)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(2)
            ]
            report["concurrent_summaries"] = [p.communicate()[1].strip().splitlines()[-1] for p in processes]
            report["concurrent_counts"] = counts(db)
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
