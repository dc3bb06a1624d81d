"""Agreement between annotators on the overlap batch, and the adjudicated overlap file.

    python scripts/annotation_agreement.py [--dir annotations/events] [--annotators a1,a2,a3]
                                           [--adjudicate annotations/events/real-overlap.jsonl]
                                           [--decisions annotations/events/adjudication/overlap-decisions.jsonl]
                                           [--datasheet annotations/events/DATASHEET.md]
    python scripts/annotation_agreement.py --written annotations/events/overlap-a4-on-a2.jsonl
                                           [--datasheet annotations/events/DATASHEET.md]

Reads ``overlap-<annotator>.jsonl`` for each annotator (pointer rows with labels), keeps the
sentences every annotator labelled, and prints for ``event``, ``plover``, ``acled`` (and, for
information, ``modality``): raw agreement (pairwise and all three alike), Cohen's kappa for
each pair and Fleiss' kappa over all annotators. A missing label (``null``) is a category of
its own: "no PLOVER type" is an answer annotators can disagree on.

With ``--written overlap-<second>-on-<first>.jsonl`` it compares instead a second annotator's
blind labels of some written sentences with those of their author, kept in
``written-<first>.jsonl`` (the overlap file holds ids and labels only, the text stays in the
written file): the same table for the two of them, plus ``negative``. With ``--datasheet`` it
fills that pair's own block, ``<!-- written-agreement:<second>-on-<first>:begin -->`` to
``... :end -->``, so that each relabelling keeps its figures.

With ``--adjudicate`` it also writes one row per overlap sentence with the majority label of
each field (``annotator`` = ``adjudicated``). A field with no majority is a tie: the
adjudicator's decision in ``--decisions`` (rows ``{"id", <field>: value, ..., "note"}``)
settles it, else the first annotator's label is kept; every tie is named in the row's
``note``. The rows are then made coherent: an event has no ``negative`` reason, and a non-event
gets the reason most of those who said "no event" gave.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- agreement:begin -->", "<!-- agreement:end -->"
FIELDS = ("event", "plover", "acled", "modality")
ADJUDICATED_FIELDS = ("event", "plover", "acled", "modality", "negative")
POINTER_KEYS = ("id", "corpus", "doc", "start", "end", "sha1")


def read_labels(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return {row["id"]: row for row in rows}


def category(value) -> str:
    return json.dumps(value)  # null, true and "ASSAULT" stay distinct categories


def cohen_kappa(first: list[str], second: list[str]) -> float:
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second)) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[c] * counts_b[c] for c in counts_a) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def fleiss_kappa(items: list[list[str]]) -> float:
    """Fleiss' kappa for items each rated by the same number of raters."""
    raters = len(items[0])
    totals: Counter = Counter()
    agreement = 0.0
    for ratings in items:
        counts = Counter(ratings)
        totals.update(counts)
        agreement += (sum(c * c for c in counts.values()) - raters) / (raters * (raters - 1))
    observed = agreement / len(items)
    n_ratings = len(items) * raters
    expected = sum((count / n_ratings) ** 2 for count in totals.values())
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement_report(labels: dict[str, dict[str, dict]], ids: list[str], fields=FIELDS) -> list[str]:
    annotators = list(labels)
    lines = [f"{len(ids)} sentences labelled by all of {', '.join(annotators)}", ""]
    header = (
        ["field", "raw (pairs)", "all alike"]
        + [f"kappa {a}-{b}" for a, b in itertools.combinations(annotators, 2)]
        + ["Fleiss kappa"]
    )
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for field in fields:
        items = [[category(labels[a][i].get(field)) for a in annotators] for i in ids]
        pairs = list(itertools.combinations(range(len(annotators)), 2))
        raw = sum(item[x] == item[y] for item in items for x, y in pairs) / (len(items) * len(pairs))
        alike = sum(len(set(item)) == 1 for item in items) / len(items)
        kappas = [cohen_kappa([it[x] for it in items], [it[y] for it in items]) for x, y in pairs]
        cells = [field, f"{raw:.3f}", f"{alike:.3f}"] + [f"{k:.3f}" for k in kappas] + [f"{fleiss_kappa(items):.3f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def majority(values: list):
    """The value more than half the annotators gave, or None-with-flag when there is none."""
    counts = Counter(category(v) for v in values)
    best, count = counts.most_common(1)[0]
    if count * 2 > len(values):
        return json.loads(best), True
    return None, False


def adjudicate(labels: dict[str, dict[str, dict]], ids: list[str], decisions: dict[str, dict]) -> list[dict]:
    annotators = list(labels)
    rows = []
    for item in ids:
        rows_of = [labels[a][item] for a in annotators]
        row = {key: rows_of[0][key] for key in POINTER_KEYS}
        ties = []
        for field in ADJUDICATED_FIELDS:
            value, settled = majority([r.get(field) for r in rows_of])
            if not settled:
                decided = decisions.get(item, {})
                value = decided[field] if field in decided else rows_of[0].get(field)
                given = " / ".join(f"{a} {r.get(field)}" for a, r in zip(annotators, rows_of))
                ties.append(f"tie on {field} ({given}) -> {value}")
            row[field] = value
        make_coherent(row, rows_of)
        row["annotator"] = "adjudicated"
        notes = ties + ([decisions[item]["note"]] if decisions.get(item, {}).get("note") else [])
        if notes:
            row["note"] = "; ".join(notes)
        rows.append(row)
    return rows


def make_coherent(row: dict, rows_of: list[dict]) -> None:
    if row["event"]:
        row["negative"] = None
    elif row["negative"] is None:
        reasons = Counter(r.get("negative") for r in rows_of if not r.get("event") and r.get("negative"))
        row["negative"] = reasons.most_common(1)[0][0] if reasons else "other"


def written_overlap_labels(path: Path) -> tuple[dict[str, dict[str, dict]], list[str]]:
    """The author's and the second annotator's labels of the sentences in an
    ``overlap-<second>-on-<first>.jsonl`` file, and the ids both labelled."""
    second, first = path.stem.removeprefix("overlap-").split("-on-")
    authored = read_labels(path.parent / f"written-{first}.jsonl")
    relabelled = read_labels(path)
    missing = sorted(set(relabelled) - set(authored))
    if missing:
        raise SystemExit(f"{path.name}: {len(missing)} ids are not in written-{first}.jsonl, e.g. {missing[0]}")
    ids = sorted(relabelled, key=lambda i: int(i.rsplit("-", 1)[1]) if i.rsplit("-", 1)[1].isdigit() else 0)
    return {first: authored, second: relabelled}, ids


def written_markers(overlap: Path) -> tuple[str, str]:
    """The datasheet block of one relabelling (``a4-on-a2``), so that each keeps its own figures."""
    pair = overlap.stem.removeprefix("overlap-")
    return f"<!-- written-agreement:{pair}:begin -->", f"<!-- written-agreement:{pair}:end -->"


def update_datasheet(path: Path, report: list[str], command: str, markers=(BEGIN, END)) -> None:
    """Replace the datasheet's agreement block with this run's figures."""
    begin, end = markers
    text = path.read_text(encoding="utf-8")
    if begin not in text or end not in text:
        raise SystemExit(f"{path} has no {begin} ... {end} block to fill")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    block = "\n".join([f"<!-- written by `{command}` -->", "", *report, ""])
    path.write_text(f"{head}{begin}\n{block}\n{end}{tail}", encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "annotations" / "events")
    parser.add_argument("--annotators", default="a1,a2,a3")
    parser.add_argument("--adjudicate", type=Path, help="write the adjudicated overlap rows here")
    parser.add_argument("--decisions", type=Path, help="the adjudicator's decisions on ties")
    parser.add_argument("--datasheet", type=Path, help="also write the agreement table into this datasheet")
    parser.add_argument(
        "--written", type=Path, help="an overlap-<second>-on-<first>.jsonl file: compare it with written-<first>.jsonl"
    )
    args = parser.parse_args(argv)

    if args.written:
        labels, ids = written_overlap_labels(args.written)
        report = agreement_report(labels, ids, FIELDS + ("negative",))
        print("\n".join(report))
        if args.datasheet:
            shown = (
                args.written.resolve().relative_to(ROOT)
                if args.written.resolve().is_relative_to(ROOT)
                else args.written
            )
            update_datasheet(
                args.datasheet,
                report,
                f"python scripts/annotation_agreement.py --written {shown}",
                written_markers(args.written),
            )
        return

    annotators = args.annotators.split(",")
    labels = {a: read_labels(args.dir / f"overlap-{a}.jsonl") for a in annotators}
    ids = sorted(set.intersection(*(set(rows) for rows in labels.values())))
    for a in annotators:
        if len(labels[a]) != len(ids):
            print(f"note: {a} labelled {len(labels[a])} overlap sentences, {len(ids)} are common to all")
    report = agreement_report(labels, ids)
    print("\n".join(report))
    if args.datasheet:
        update_datasheet(args.datasheet, report, "python scripts/annotation_agreement.py")

    if args.adjudicate:
        decisions = read_labels(args.decisions) if args.decisions else {}
        rows = adjudicate(labels, ids, decisions)
        with open(args.adjudicate, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        ties = sum(1 for r in rows if "tie on" in r.get("note", ""))
        print(f"\n{len(rows)} adjudicated rows written to {args.adjudicate} ({ties} with a tie)")


if __name__ == "__main__":
    main()
