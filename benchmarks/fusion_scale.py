"""How event fusion scales: blocked fusion against comparing every report with every canonical event.

    .venv/bin/python benchmarks/fusion_scale.py [--sizes 10000,20000,40000,80000]
        [--baseline-sizes 2500,5000,10000] [--sqlite-size 20000] [--store polemos.db]

On made-up corpora (``tests/synthetic_reports.py``: a fixed density of real events per day,
each reported by one to six documents that disagree on date precision, place, actors and
figures) of growing size it reports, per size: fusion time, compatibility tests run, time per
report, canonical events, and pairwise precision/recall against the known real events. The
all-pairs baseline (the same fusion with blocking off) runs on the smaller sizes and must
give the very same canonical events. It also times one more day of documents added to the
largest index (the incremental cost), the SQLite-backed state in daily transactions, and,
with ``--store``, fusion of the real events of a polemos store.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from polemos.fusion import EventFamilies, FusionIndex, report_from_event
from polemos.store.fusion_state import SQLFusionState, create_tables

# The made-up corpus generator is shared with the fusion tests, outside the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from synthetic_reports import make_corpus, pairwise_scores  # noqa: E402


def clusters(index: FusionIndex) -> list[list[str]]:
    return sorted(sorted(s["report_id"] for s in view["sources"]) for view in index.canonical_events())


def timed_fusion(families, reports, use_blocking=True):
    index = FusionIndex(families, use_blocking=use_blocking)
    start = time.perf_counter()
    index.add(reports)
    return index, time.perf_counter() - start


def scale_table(families, sizes, baseline_sizes, seed):
    print(
        f"{'reports':>8} {'events':>7} {'canon':>7} {'seconds':>8} {'µs/rep':>7} {'compar.':>10} {'cmp/rep':>7}"
        f" {'prec':>5} {'recall':>6} | {'all-pairs s':>11} {'all-pairs cmp':>13} {'same':>5}"
    )
    largest = None
    for size in sorted(set(sizes) | set(baseline_sizes)):
        corpus = make_corpus(size, seed=seed)
        index, seconds = timed_fusion(families, corpus.reports)
        precision, recall = pairwise_scores(clusters(index), corpus.truth)
        line = (
            f"{size:>8} {len(set(corpus.truth.values())):>7} {len(index.canonical_events()):>7} {seconds:>8.2f}"
            f" {1e6 * seconds / size:>7.0f} {index.stats.comparisons:>10} {index.stats.comparisons / size:>7.1f}"
            f" {precision:>5.3f} {recall:>6.3f} |"
        )
        if size in baseline_sizes:
            baseline, baseline_seconds = timed_fusion(families, corpus.reports, use_blocking=False)
            same = clusters(baseline) == clusters(index)
            line += f" {baseline_seconds:>11.2f} {baseline.stats.comparisons:>13} {str(same):>5}"
        print(line, flush=True)
        largest = (corpus, index)
    return largest


def incremental_day(families, corpus):
    """Fuse everything published before the last complete day, then time adding that day's documents."""
    last = sorted({r.published for r in corpus.reports})[-5]  # the last days are cut short by the size
    earlier = [r for r in corpus.reports if r.published < last]
    today = [r for r in corpus.reports if r.published == last]
    index = FusionIndex(families)
    index.add(earlier)
    before = index.stats.comparisons
    start = time.perf_counter()
    changes = index.add(today)
    seconds = time.perf_counter() - start
    print(
        f"incremental: {len(today)} reports of the last day into an index of {len(earlier)}: {seconds * 1000:.0f} ms,"
        f" {index.stats.comparisons - before} comparisons, {len(changes)} canonical events created or updated"
    )


def sqlite_state(families, size, seed):
    corpus = make_corpus(size, seed=seed)
    days = sorted({r.published for r in corpus.reports})
    by_day = {day: [] for day in days}
    for report in corpus.reports:
        by_day[report.published].append(report)
    with tempfile.TemporaryDirectory() as folder:
        connection = sqlite3.connect(Path(folder) / "fusion.db", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        create_tables(connection)
        index = FusionIndex(families, state=SQLFusionState(connection))
        start = time.perf_counter()
        for day in days:
            connection.execute("BEGIN")
            index.add(by_day[day])
            connection.execute("COMMIT")
        seconds = time.perf_counter() - start
        size_mb = (Path(folder) / "fusion.db").stat().st_size / 1e6
        count = connection.execute("SELECT COUNT(*) FROM canonical_events").fetchone()[0]
        connection.close()
    print(
        f"sqlite state: {size} reports in {len(days)} daily transactions: {seconds:.1f} s"
        f" ({1e6 * seconds / size:.0f} µs/report), {count} canonical events, database {size_mb:.0f} MB"
    )


def real_store(families, location):
    """Fuse a store's events from scratch in memory, and compare with the canonical events the store keeps."""
    from polemos.store import open_store
    from polemos.store.event_views import actor_details

    with open_store(location) as store:
        events, total = store.events(limit=10_000_000)
        kinds = {
            actor_id: found["kind"]
            for actor_id, found in actor_details(
                store.connection, {a for event in events for a in (*event["actor"], *event["recipient"])}
            ).items()
        }
        kept = store.count("canonical_events")
    reports = [report_from_event(event, kinds) for event in events]
    index, seconds = timed_fusion(families, reports)
    baseline, baseline_seconds = timed_fusion(families, reports, use_blocking=False)
    views = index.canonical_events()
    multi = [v for v in views if v["source_count"] > 1]
    print(
        f"store {location}: {total} events -> {len(views)} canonical events in {seconds:.2f} s"
        f" ({index.stats.comparisons:,} comparisons) against {baseline_seconds:.2f} s all-pairs"
        f" ({baseline.stats.comparisons:,} comparisons), same result: {clusters(index) == clusters(baseline)};"
        f" the store keeps {kept}, fused document by document as they were stored;"
        f" {len(multi)} with several documents, largest {max((v['report_count'] for v in views), default=0)} reports"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,20000,40000,80000")
    parser.add_argument("--baseline-sizes", default="2500,5000,10000")
    parser.add_argument("--sqlite-size", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", help="a polemos store whose real events to fuse as well")
    args = parser.parse_args(argv)
    families = EventFamilies.load()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    baseline_sizes = [int(s) for s in args.baseline_sizes.split(",") if s]
    corpus, _ = scale_table(families, sizes, baseline_sizes, args.seed)
    incremental_day(families, corpus)
    if args.sqlite_size:
        sqlite_state(families, args.sqlite_size, args.seed)
    if args.store:
        real_store(families, args.store)
    return 0


if __name__ == "__main__":
    sys.exit(main())
