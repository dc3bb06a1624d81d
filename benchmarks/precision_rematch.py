"""Re-match judged events in a rebuilt store: which judged-false events a change removed or
retyped, and which judged-right ones it lost.

    .venv/bin/python benchmarks/precision_rematch.py BASE.db NEW.db POINTERS.jsonl JUDGEMENTS.jsonl [-v]

Event ids are stable (the same event in the same document keeps its id), so a judged event is
found again by id. It counts as ``same`` when the new store holds it with the type and modality
it was judged with, ``gone`` when the id is absent, ``changed`` when its type or modality differ.
``BASE.db`` is a store built before the change: a judged event it no longer holds as judged (an
older draw, changed since) is ``not-in-base`` and says nothing about the change.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections import Counter


def stored_readings(path: str) -> dict[str, tuple[str, str]]:
    """Each event's (type, modality) in a store, by id (read-only)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            event_id: (kind, modality)
            for event_id, kind, modality in connection.execute("SELECT id, type, modality FROM events")
        }
    finally:
        connection.close()


def rematch(base: dict, new: dict, pointers: dict, judgements: list[dict]) -> list[tuple[str, str, dict]]:
    """(verdict, state, judgement) of each judged event: verdict "right" or "false"."""
    matched = []
    for judgement in judgements:
        pointer = pointers[judgement["event"]]
        judged = (pointer["type"], pointer["modality"])
        verdict = "right" if judgement["type_right"] and judgement["happened"] else "false"
        now = new.get(judgement["event"])
        if base.get(judgement["event"]) != judged:
            state = "not-in-base"
        elif now is None:
            state = "gone"
        else:
            state = "same" if now == judged else "changed"
        matched.append((verdict, state, judgement))
    return matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("pointers")
    parser.add_argument("judgements")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the events gone or changed")
    args = parser.parse_args()
    with open(args.pointers, encoding="utf-8") as handle:
        pointers = {row["event"]: row for row in map(json.loads, handle)}
    with open(args.judgements, encoding="utf-8") as handle:
        judgements = [json.loads(line) for line in handle if line.strip()]
    new = stored_readings(args.new)
    matched = rematch(stored_readings(args.base), new, pointers, judgements)
    for (verdict, state), count in sorted(Counter((v, s) for v, s, _ in matched).items()):
        print(f"{verdict:5} {state:11} {count}")
    if args.verbose:
        for verdict, state, judgement in matched:
            if state in {"gone", "changed"}:
                print(
                    f"  {verdict} {state}: {judgement['event']} -> {new.get(judgement['event'])} | {judgement['note']}"
                )


if __name__ == "__main__":
    main()
