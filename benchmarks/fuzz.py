"""Fuzzing for longer than the test suite does: cases tried, crashes and the slowest case per target.

    .venv/bin/python benchmarks/fuzz.py [--examples 2000] [--pages 300] [--seed 0] [--only NAME]

Runs the property checks of ``tests/fuzz_targets.py`` (readers, cleaner, sentence splitter,
time normaliser, figure parser, number parser) on Hypothesis-generated inputs, and the whole
pipeline (``Pipeline.extract`` with its default budget) on generated news pages. A crash is
any exception or broken property; each is counted and the first of each kind is shown,
shortened. Inputs are not shrunk: this measures, the tests pin down.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzz_targets import TARGETS, english_prose, html_pages  # noqa: E402


def pipeline_target():
    from polemos.ingest import InputError, RawDocument
    from polemos.pipeline import Pipeline

    pipeline = Pipeline.load(eager=True)

    def check(page: str) -> None:
        try:
            record = pipeline.extract(RawDocument(source="fuzz", content=page, format="html"))
        except InputError:
            return
        for quantity in record.quantities:
            assert record.text[quantity.start : quantity.end] == quantity.text
        assert not any(limit.startswith("stage ") and " failed " in limit for limit in record.document.limits), (
            record.document.limits
        )

    return check, html_pages(english_prose)


def fuzz(name: str, check, strategy, examples: int, seed_value: int) -> dict:
    stats = {"target": name, "cases": 0, "crashes": 0, "slowest": 0.0, "slowest_input": "", "first_crashes": {}}

    @seed(seed_value)
    @settings(
        max_examples=examples, deadline=None, database=None, derandomize=False, suppress_health_check=list(HealthCheck)
    )
    @given(strategy)
    def run(value):
        stats["cases"] += 1
        started = time.perf_counter()
        try:
            check(value)
        except Exception as error:  # noqa: BLE001 - counted, not raised: the run goes on
            stats["crashes"] += 1
            kind = type(error).__name__
            if kind not in stats["first_crashes"]:
                where = traceback.extract_tb(error.__traceback__)[-1]
                stats["first_crashes"][kind] = f"{where.filename.rsplit('/', 1)[-1]}:{where.lineno} on {_short(value)}"
        elapsed = time.perf_counter() - started
        if elapsed > stats["slowest"]:
            stats["slowest"], stats["slowest_input"] = elapsed, _short(value)

    started = time.perf_counter()
    run()
    stats["seconds"] = time.perf_counter() - started
    return stats


def _short(value, width: int = 70) -> str:
    shown = repr(value)
    size = len(value) if isinstance(value, (str, bytes)) else None
    return (shown[:width] + "…" if len(shown) > width else shown) + (f" ({size:,} chars)" if size else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="Cases per component target.")
    parser.add_argument("--pages", type=int, default=300, help="Generated pages run through the whole pipeline.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", help="Run the targets whose name contains this text.")
    args = parser.parse_args()
    targets = {name: (check, strategy, args.examples) for name, (check, strategy) in TARGETS.items()}
    if args.pages:
        targets["pipeline-pages"] = (*pipeline_target(), args.pages)
    total_cases = total_crashes = 0
    for name, (check, strategy, examples) in targets.items():
        if args.only and args.only not in name:
            continue
        stats = fuzz(name, check, strategy, examples, args.seed)
        total_cases += stats["cases"]
        total_crashes += stats["crashes"]
        print(
            f"{name:<18} {stats['cases']:6d} cases  {stats['crashes']:4d} crashes  {stats['seconds']:7.1f} s"
            f"  slowest {stats['slowest']:.2f} s: {stats['slowest_input']}",
            flush=True,
        )
        for kind, where in stats["first_crashes"].items():
            print(f"    {kind} at {where}")
    print(f"total: {total_cases} cases, {total_crashes} crashes")


if __name__ == "__main__":
    main()
