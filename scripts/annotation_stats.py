"""Label counts of the event annotations, per file and per class, as Markdown tables.

    python scripts/annotation_stats.py [--dir annotations/events]

Counts every ``*.jsonl`` file of the folder: rows, events and non-events, and the rows of each
PLOVER type, ACLED sub-event type, modality and non-event reason. The per-annotator overlap
files (``overlap-*.jsonl``) are counted apart, since their sentences reach training once,
through the adjudicated ``real-overlap.jsonl``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("plover", "acled", "modality", "negative")


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def counts_of(rows: list[dict]) -> Counter:
    counts: Counter = Counter()
    counts["rows"] = len(rows)
    counts["event: true"] = sum(1 for r in rows if r.get("event"))
    counts["event: false"] = sum(1 for r in rows if not r.get("event"))
    for field in FIELDS:
        for row in rows:
            counts[f"{field}: {row.get(field)}"] += 1
    return counts


def table(columns: dict[str, Counter], title: str) -> list[str]:
    """Rows = labels, columns = files and their total."""
    total = sum(columns.values(), Counter())
    names = list(columns) + ["total"]
    columns = {**columns, "total": total}
    keys = ["rows", "event: true", "event: false"]
    for field in FIELDS:
        keys += sorted((k for k in total if k.startswith(f"{field}: ")), key=lambda k: (k.endswith("None"), k))
    lines = [f"### {title}", "", "| label | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for key in keys:
        lines.append(f"| {key.replace('None', 'null')} | " + " | ".join(str(columns[n][key]) for n in names) + " |")
    return lines + [""]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "annotations" / "events")
    args = parser.parse_args(argv)

    files = sorted(args.dir.glob("*.jsonl"))
    training = {p.stem: counts_of(read_rows(p)) for p in files if not p.stem.startswith("overlap-")}
    overlap = {p.stem: counts_of(read_rows(p)) for p in files if p.stem.startswith("overlap-")}
    print("\n".join(table(training, "Training files")))
    if overlap:
        print("\n".join(table(overlap, "Overlap batch, per annotator (agreement only)")))


if __name__ == "__main__":
    main()
