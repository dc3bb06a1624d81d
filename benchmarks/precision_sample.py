"""Precision of stored events on real text: draw a seeded sample to judge, then score the judgements.

    .venv/bin/python benchmarks/precision_sample.py STORE.db [--n 100] [--seed 100] [--out SHEET.jsonl]
                                                   [--pointers POINTERS.jsonl] [--modality asserted,future]
                                                   [--exclude-annotated annotations/events]
    .venv/bin/python benchmarks/precision_sample.py --score JUDGEMENTS.jsonl [--sheet POINTERS.jsonl]

Drawing: picks N events at random (seeded, from the events ordered by id, so the same store
gives the same sample) from a SQLite store built by ``polemos ingest``, and writes a judging
sheet, one JSON object per event: event id, document id and source, PLOVER type and mode,
ACLED type and sub-type, modality, date, place name, size, trigger, the evidence offsets, and
the evidence text for the judge to read. The sheet holds third-party text, so by default it
goes outside the repository (``../precision-sheets/``). ``--pointers`` also writes a copy
without any text (offsets and a SHA-1 of each evidence passage instead), fit to keep in the
repository beside the judgements so the figure can be checked and re-run.
``--exclude-annotated`` leaves out the documents that have a labelled real sentence in the
annotation folder (pointer rows of ``real-*.jsonl``), so that a classifier trained on those
labels is not judged on the articles it learnt from.

Scoring: a judgements file holds one ``{"event": id, "type_right": bool, "happened": bool,
"note": str}`` per judged event. An event is correct when its type is right AND it reports
something that happened (or, for a future/negated/hypothetical event, when that modality is the
right reading). Prints the precision with its 95% Wilson interval, and the share right on each
criterion alone. With ``--sheet``, also checks that every sampled event was judged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHEETS = ROOT.parent / "precision-sheets"
Z_95 = 1.959963984540054

EVENT_COLUMNS = (
    "e.id, e.doc_id, d.source, d.title, d.url, e.type, e.mode, e.acled_event_type, e.acled_sub_event_type, "
    "e.modality, e.date_value, e.date_text, e.place_name, e.country, e.size_json, e.trigger, e.confidence, e.event_json"
)


def open_store(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise SystemExit(f"no store at {path}: build one with `polemos ingest --db {path} ...`")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    return connection


def annotated_documents(folder: Path) -> set[str]:
    """Ids of the documents that have a labelled sentence in the annotation files."""
    docs = set()
    for path in sorted(folder.glob("real-*.jsonl")):
        docs.update(str(row["doc"]) for row in read_jsonl(path) if "doc" in row)
    return docs


def sample_event_ids(
    connection: sqlite3.Connection,
    n: int,
    seed: int,
    modalities: list[str] | None,
    excluded_docs: set[str] = frozenset(),
) -> list[str]:
    """N event ids drawn without replacement, the same for the same store, N, seed and exclusions."""
    query, params = "SELECT id, doc_id FROM events", []
    if modalities:
        query += f" WHERE modality IN ({', '.join('?' for _ in modalities)})"
        params = modalities
    ids = [
        row["id"] for row in connection.execute(query + " ORDER BY id", params) if row["doc_id"] not in excluded_docs
    ]
    if n >= len(ids):
        return ids
    return sorted(random.Random(seed).sample(ids, n))


def evidence_of(connection: sqlite3.Connection, event_id: str) -> list[dict]:
    rows = connection.execute(
        'SELECT doc_id, start, "end", text FROM evidence WHERE event_id = ? ORDER BY id', (event_id,)
    )
    return [{"doc": row["doc_id"], "start": row["start"], "end": row["end"], "text": row["text"]} for row in rows]


def sheet_row(connection: sqlite3.Connection, event_id: str) -> dict:
    """What a judge needs to decide whether the event's type is right and whether it happened."""
    row = connection.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.id = ?", (event_id,)
    ).fetchone()
    recorded = json.loads(row["event_json"] or "{}")
    return {
        "event": row["id"],
        "doc": row["doc_id"],
        "source": row["source"],
        "title": row["title"],
        "url": row["url"],
        "type": row["type"],
        "mode": row["mode"],
        "acled": {"event_type": row["acled_event_type"], "sub_event_type": row["acled_sub_event_type"]},
        "modality": row["modality"],
        "coder": recorded.get("coder"),
        "confidence": row["confidence"],
        "trigger": row["trigger"],
        "date": row["date_value"],
        "date_text": row["date_text"],
        "place": row["place_name"],
        "country": row["country"],
        "size": json.loads(row["size_json"] or "{}"),
        "evidence": evidence_of(connection, event_id),
    }


def pointer_row(row: dict) -> dict:
    """The sheet row without third-party text: evidence as offsets and a SHA-1 prefix only."""
    pointer = {key: value for key, value in row.items() if key not in ("title", "trigger", "evidence", "date_text")}
    pointer["size"] = {
        kind: {k: v for k, v in figure.items() if k != "text"} if isinstance(figure, dict) else figure
        for kind, figure in (row.get("size") or {}).items()
    }  # the figures' words are quotes
    pointer["evidence"] = [
        {
            "doc": e["doc"],
            "start": e["start"],
            "end": e["end"],
            "sha1": hashlib.sha1(e["text"].encode("utf-8")).hexdigest()[:12],
        }
        for e in row["evidence"]
    ]
    return pointer


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def wilson_interval(successes: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion (sound near 0 and 1, unlike the normal one)."""
    if total == 0:
        return 0.0, 0.0
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def score(judgements: list[dict]) -> dict:
    total = len(judgements)
    correct = sum(1 for j in judgements if j["type_right"] and j["happened"])
    low, high = wilson_interval(correct, total)
    return {
        "judged": total,
        "correct": correct,
        "precision": correct / total if total else 0.0,
        "wilson_95": [low, high],
        "type_right": sum(1 for j in judgements if j["type_right"]) / total if total else 0.0,
        "happened": sum(1 for j in judgements if j["happened"]) / total if total else 0.0,
    }


def check_coverage(judgements: list[dict], sheet: list[dict]) -> list[str]:
    """Problems between a sheet and its judgements: unjudged, unknown or doubly judged events."""
    sampled = [row["event"] for row in sheet]
    judged = [j["event"] for j in judgements]
    problems = [f"not judged: {event}" for event in sampled if event not in set(judged)]
    problems += [f"judged but not in the sheet: {event}" for event in judged if event not in set(sampled)]
    problems += [f"judged twice: {event}" for event in sorted(set(judged)) if judged.count(event) > 1]
    return problems


def run_score(args) -> int:
    judgements = read_jsonl(args.score)
    if args.sheet:
        problems = check_coverage(judgements, read_jsonl(args.sheet))
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            return 1
    result = score(judgements)
    low, high = result["wilson_95"]
    print(
        f"{args.score}: precision {result['precision']:.3f} ({result['correct']}/{result['judged']}), "
        f"95% Wilson interval [{low:.3f}, {high:.3f}]; "
        f"type right {result['type_right']:.3f}, happened {result['happened']:.3f}"
    )
    return 0


def run_draw(args) -> int:
    connection = open_store(args.store)
    modalities = [m.strip() for m in args.modality.split(",")] if args.modality else None
    excluded = annotated_documents(args.exclude_annotated) if args.exclude_annotated else set()
    ids = sample_event_ids(connection, args.n, args.seed, modalities, excluded)
    rows = [sheet_row(connection, event_id) for event_id in ids]
    out = args.out or DEFAULT_SHEETS / f"{args.store.stem}-n{args.n}-seed{args.seed}.jsonl"
    write_jsonl(out, rows)
    left_out = f", documents with labelled sentences left out ({len(excluded)})" if excluded else ""
    print(f"{len(rows)} events drawn from {args.store} (seed {args.seed}{left_out}): judging sheet {out}")
    if args.pointers:
        write_jsonl(args.pointers, [pointer_row(row) for row in rows])
        print(f"pointers without text: {args.pointers}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, nargs="?", help="SQLite store built by `polemos ingest`")
    parser.add_argument("--n", type=int, default=100, help="events to draw (default 100)")
    parser.add_argument("--seed", type=int, default=100, help="random seed (default 100)")
    parser.add_argument("--modality", help="draw only events of these modalities, comma-separated")
    parser.add_argument(
        "--exclude-annotated",
        type=Path,
        metavar="FOLDER",
        help="leave out documents with a labelled sentence in FOLDER/real-*.jsonl",
    )
    parser.add_argument("--out", type=Path, help=f"judging sheet with evidence text (default under {DEFAULT_SHEETS})")
    parser.add_argument("--pointers", type=Path, help="also write the sheet without text, e.g. into benchmarks/")
    parser.add_argument("--score", type=Path, metavar="JUDGEMENTS", help="score a judgements file instead of drawing")
    parser.add_argument("--sheet", type=Path, help="with --score: the sheet whose events must all be judged")
    args = parser.parse_args(argv)
    if args.score:
        return run_score(args)
    if not args.store:
        parser.error("give a STORE to draw from, or --score JUDGEMENTS")
    return run_draw(args)


if __name__ == "__main__":
    sys.exit(main())
