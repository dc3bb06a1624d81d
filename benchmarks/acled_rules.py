"""Rules-alone ACLED sub-type accuracy on our annotations (``annotations/events/``), per class.

    PYTHONPATH=src .venv/bin/python benchmarks/acled_rules.py [ANNOTATIONS...] [--shared ../shared]

Runs every event row with an ACLED label through the pipeline with the rules alone, as
``polemos train events`` does, and compares the sub-type of the most confident rule event with
the label (``NONE`` when the rules code no event with an ACLED type). For changes to
``data/events/acled.csv`` and ``acled_cues.csv``, chosen on our own data; never reads an
evaluation set.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from polemos.training.events import DEFAULT_ANNOTATIONS, DEFAULT_SHARED, featurize, load_examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", nargs="*", type=Path, default=[DEFAULT_ANNOTATIONS])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args()
    started = time.perf_counter()
    examples = [e for e in load_examples(args.annotations, args.shared, print) if e.event and e.acled is not None]
    pairs = [(e.acled, item.rules_acled) for e, item in zip(examples, featurize(examples))]
    right = sum(gold == found for gold, found in pairs)
    print(
        f"{len(pairs)} event rows with an ACLED label: rules-alone sub-type accuracy "
        f"{right / max(len(pairs), 1):.3f} ({time.perf_counter() - started:.0f} s)"
    )
    found_for: dict[str, Counter] = defaultdict(Counter)
    for gold, found in pairs:
        found_for[gold][found] += 1
    for gold in sorted(found_for):
        counts = found_for[gold]
        total = sum(counts.values())
        confused = ", ".join(f"{code} {n}" for code, n in counts.most_common(4) if code != gold)
        print(f"{gold:30s} {total:4d} {counts[gold] / total:.2f}  {confused}")


if __name__ == "__main__":
    main()
