"""Label counts of the event annotations, per file and per class, as Markdown tables.

    python scripts/annotation_stats.py [--dir annotations/events] [--datasheet annotations/events/DATASHEET.md]

Counts every label file of the folder (``written-*``, ``real-*``, ``overlap-*.jsonl``): rows, events and non-events, and the rows of each
PLOVER type, ACLED sub-event type, modality and non-event reason. The per-annotator overlap
files (``overlap-*.jsonl``) are counted apart, since their sentences reach training once,
through the adjudicated ``real-overlap.jsonl``; so are the blind relabellings of written
sentences (``overlap-<second>-on-<first>.jsonl``). Rows whose labels leave the scheme or contradict
each other (an event without a type, an ACLED code on a non-event, a real sentence stored with
its text) are reported as warnings first. With ``--datasheet`` the tables also replace the part
of the datasheet between the ``<!-- counts:begin -->`` and ``<!-- counts:end -->`` markers.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("plover", "acled", "modality", "negative")
PLOVER = set(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)
ACLED = set(
    "ARMED_CLASH GOV_REGAINS_TERIT NON_STATE_ACTOR_OVERTAKES_TER CHEM_WEAP AIR_STRIKE SUIC_BOMB "
    "ART_MISS_ATTACK REM_EXPLOS GRENADE SEX_VIOL ATTACK ABDUCT_DISSAP PEACE_PROTEST PROTEST_WITH_INTER "
    "FORCE_AGAINST_PROTEST VIOL_DEMONSTR MOB_VIOL AGREEMENT ARREST CHANGE_TO_GROUP_ACT DISR_WEAP "
    "HQ_ESTABLISHED NON_VIOL_TERRIT_TRANSFER PROPERTY_DISTRUCT OTHER".split()
)
LABEL_FILES = {"written", "real", "overlap"}  # written-*.jsonl, real-*.jsonl, overlap-*.jsonl
MODALITIES = {"asserted", "future", "negated", "hypothetical"}
NEGATIVES = {
    "opinion",
    "analysis",
    "request",
    "negation",
    "hypothetical",
    "idiom",
    "heading",
    "background",
    "statement",
    "other",
}


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_written_overlap(path: Path) -> bool:
    """``overlap-<second>-on-<first>.jsonl``: a second annotator's blind labels of sentences
    written by another, stored as ids and labels (the text stays in ``written-<first>.jsonl``)."""
    return path.stem.startswith("overlap-") and "-on-" in path.stem


def counts_of(rows: list[dict]) -> Counter:
    counts: Counter = Counter()
    counts["rows"] = len(rows)
    counts["event: true"] = sum(1 for r in rows if r.get("event"))
    counts["event: false"] = sum(1 for r in rows if not r.get("event"))
    for field in FIELDS:
        for row in rows:
            counts[f"{field}: {row.get(field)}"] += 1
    return counts


def problems_of(row: dict) -> list[str]:
    """Labels outside the scheme, or that contradict each other."""
    problems = []
    if row.get("plover") is not None and row["plover"] not in PLOVER:
        problems.append(f"unknown PLOVER type {row['plover']}")
    if row.get("acled") is not None and row["acled"] not in ACLED:
        problems.append(f"unknown ACLED code {row['acled']}")
    if row.get("modality") not in MODALITIES:
        problems.append(f"unknown modality {row.get('modality')}")
    if row.get("event"):
        if row.get("plover") is None:
            problems.append("an event without a PLOVER type")
        if row.get("negative") is not None:
            problems.append("an event with a non-event reason")
    else:
        if row.get("negative") not in NEGATIVES:
            problems.append(f"a non-event without a known reason ({row.get('negative')})")
        if row.get("acled") is not None:
            problems.append("an ACLED code on a non-event")
    if "text" in row and not str(row.get("id", "")).startswith("w-"):
        problems.append("a real sentence stored with its text")
    return problems


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


BEGIN, END = "<!-- counts:begin -->", "<!-- counts:end -->"


def update_datasheet(path: Path, tables: str) -> None:
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{path} has no {BEGIN} ... {END} block to fill")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
    command = f"python scripts/annotation_stats.py --datasheet {shown}"
    path.write_text(f"{head}{BEGIN}\n<!-- written by `{command}` -->\n\n{tables}\n{END}{tail}", encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "annotations" / "events")
    parser.add_argument("--datasheet", type=Path, help="also write the tables into this datasheet")
    args = parser.parse_args(argv)

    files = sorted(p for p in args.dir.glob("*.jsonl") if p.stem.split("-")[0] in LABEL_FILES)
    training = {p.stem: counts_of(read_rows(p)) for p in files if not p.stem.startswith("overlap-")}
    overlap = {
        p.stem: counts_of(read_rows(p)) for p in files if p.stem.startswith("overlap-") and not is_written_overlap(p)
    }
    written_overlap = {p.stem: counts_of(read_rows(p)) for p in files if is_written_overlap(p)}
    for path in files:
        for row in read_rows(path):
            for problem in problems_of(row):
                print(f"warning: {path.name} {row.get('id')}: {problem}")
    lines = table(training, "Training files")
    if overlap:
        lines += table(overlap, "Overlap batch, per annotator (agreement only)")
    if written_overlap:
        lines += table(written_overlap, "Written sentences relabelled blind by a second annotator (agreement only)")
    print("\n".join(lines))
    if args.datasheet:
        update_datasheet(args.datasheet, "\n".join(lines))


if __name__ == "__main__":
    main()
