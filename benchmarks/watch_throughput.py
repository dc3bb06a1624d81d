"""`polemos watch run` on a local feed of N entries beside plain `polemos ingest` of the same
pages from disk, in the same run, with the same workers.

    .venv/bin/python benchmarks/watch_throughput.py [--entries 500] [--workers 2] [--repeats 3]

The pages are made-up articles served on 127.0.0.1 (tests/watch_site.py), each different, so
every one goes through the whole pipeline. Each repeat makes two fresh stores: one filled by
`polemos ingest DIR` from the pages written to disk, the other by `polemos watch add FEED` and
`polemos watch run --once` (poll, fetch every page, ingest). Runs alternate and medians are
reported, since the machine is shared and noisy. Wall time of the whole command, start-up included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from watch_site import Site  # noqa: E402


def cli(*args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("POLEMOS_DB", None)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "polemos", *args], capture_output=True, env=env)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"polemos {' '.join(args)} failed:\n{result.stderr.decode()[-2000:]}")
    return seconds


def stored(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()

    site = Site(articles=options.entries).start()
    try:
        rates = {"ingest": [], "watch": []}
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            pages = folder / "pages"
            pages.mkdir()
            for path in site.article_paths():
                (pages / Path(path).name).write_bytes(site.pages[path][1])
            for repeat in range(options.repeats):
                db = folder / f"ingest-{repeat}.db"
                seconds = cli("ingest", str(pages), "--db", str(db), "--workers", str(options.workers), "--quiet")
                assert stored(db) == options.entries
                rates["ingest"].append(options.entries / seconds)

                db = folder / f"watch-{repeat}.db"
                cli("watch", "add", f"{site.base}/rss.xml", "--db", str(db))
                seconds = cli(
                    "watch", "run", "--once", "--host-interval", "0", "--workers", str(options.workers), "--db", str(db)
                )
                assert stored(db) == options.entries
                rates["watch"].append(options.entries / seconds)
                print(
                    f"repeat {repeat + 1}: ingest {rates['ingest'][-1]:.2f}, watch {rates['watch'][-1]:.2f} articles/s",
                    file=sys.stderr,
                )
    finally:
        site.stop()
    ingest, watch = statistics.median(rates["ingest"]), statistics.median(rates["watch"])
    print(
        f"{options.entries} pages, {options.workers} workers, median of {options.repeats}:"
        f" polemos ingest {ingest:.2f} articles/s, polemos watch run {watch:.2f} articles/s"
        f" ({watch / ingest:.0%} of ingest)"
    )


if __name__ == "__main__":
    main()
