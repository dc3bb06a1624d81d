"""Reads under load: 8 clients on the web workspace, idle and while an ingest writes to the store.

Fills a fresh store with synthetic events (as ``web_api.py`` does), starts ``polemos serve``
on it, and lets N client threads cycle through the API queries of the events list, map,
timeline and network for a fixed time: first with the store idle, then while ``polemos
ingest`` adds real-pipeline documents to the same store. Prints requests per second, median
and 95th-percentile latency and errors for both phases, side by side. Target: median under
100 ms during the ingest.

    .venv/bin/python benchmarks/web_load.py [--events 5000] [--clients 8] [--seconds 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_api import QUERIES, fill, free_port, start_server  # noqa: E402

from polemos.store import open_store  # noqa: E402

API_QUERIES = [path for name, path in QUERIES.items() if path.startswith("/api/")]
STORY = (
    "Government forces shelled the town of Qarabagh on {day} March 2024, killing {n} civilians, "
    "local officials said. Rebels answered with mortar fire on an army post near the river."
)


def write_corpus(path: Path, count: int) -> Path:
    with path.open("w") as handle:
        for number in range(count):
            handle.write(
                json.dumps({"id": f"load-{number}", "text": STORY.format(day=number % 27 + 1, n=number % 9 + 2)}) + "\n"
            )
    return path


def hammer(base: str, clients: int, seconds: float) -> dict[str, float]:
    """Every client cycles through the API queries until time is up; latencies of all clients."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client_loop(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            index = offset
            while time.monotonic() < stop_at:
                path = API_QUERIES[index % len(API_QUERIES)]
                index += 1
                began = time.perf_counter()
                try:
                    ok = client.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - began) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors[0] += 0 if ok else 1

    threads = [threading.Thread(target=client_loop, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "requests/s": len(latencies) / seconds,
        "p50 ms": statistics.median(latencies),
        "p95 ms": latencies[int(0.95 * (len(latencies) - 1))],
        "errors": errors[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--documents", type=int, default=2000, help="Documents the concurrent ingest adds.")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="polemos-load-"))
    db = str(workdir / "load.db")
    fill(db, args.events)
    corpus = write_corpus(workdir / "corpus.jsonl", args.documents)
    port = free_port()
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        idle = hammer(base, args.clients, args.seconds)
        env = {key: value for key, value in os.environ.items() if key != "POLEMOS_DB"}
        ingest = subprocess.Popen(
            [sys.executable, "-m", "polemos", "ingest", "-q", "--workers", "1", "--db", db, str(corpus)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(15)  # past the models' loading, so the clients meet the writes
        busy = hammer(base, args.clients, args.seconds)
        still_ingesting = ingest.poll() is None
        ingest.kill()
        ingest.wait()
    finally:
        server.terminate()
        server.wait(10)
    with open_store(db) as store:
        written = store.count("documents") - args.events // 10
    print(
        f"{args.clients} clients, {args.seconds:.0f} s per phase, store of {args.events} events; "
        f"the ingest added {written} documents{' and was still running' if still_ingesting else ''}"
    )
    print(f"{'':<16}{'idle':>10}{'during ingest':>16}")
    for key in idle:
        print(f"{key:<16}{idle[key]:>10.1f}{busy[key]:>16.1f}")


if __name__ == "__main__":
    main()
