"""How well a store's main events tell unintended shootings apart, against the gun-violence set's
own categories.

    .venv/bin/python benchmarks/accident_check.py STORE.db [--incidents ../shared/eval/incidents/gva-dev]

``STORE.db`` is the store ``polemos eval incidents DIR --keep-store STORE.db`` keeps. An article's
main event is its most confident asserted ASSAULT or ACCIDENT (as ``polemos eval incidents``
picks it); its incident is accidental when ``incidents.jsonl`` files it under a category naming an
accident (``accidental_deaths_children``, ...). Prints how many articles on an accidental shooting
have an ACCIDENT main event, and how many of the others do.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INCIDENTS = ROOT.parent / "shared" / "eval" / "incidents" / "gva-dev"


def accidental_documents(folder: Path) -> dict[str, bool]:
    """Each document id of the set, and whether its incident is filed as accidental."""
    accidental = {}
    with (folder / "incidents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            accidental[row["incident"]] = any("accident" in category for category in row["categories"])
    with (folder / "docs.jsonl").open(encoding="utf-8") as lines:
        return {row["id"]: accidental.get(row["incident"], False) for row in map(json.loads, lines)}


def main_types(store: Path) -> dict[str, str]:
    """Each document's main violent event type: the most confident asserted ASSAULT or ACCIDENT."""
    connection = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    rows = connection.execute(
        "SELECT doc_id, type FROM events WHERE type IN ('ASSAULT', 'ACCIDENT') AND modality = 'asserted' "
        "ORDER BY doc_id, confidence DESC, id"
    )
    main: dict[str, str] = {}
    for doc_id, kind in rows:
        main.setdefault(doc_id, kind)
    connection.close()
    return main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--incidents", type=Path, default=DEFAULT_INCIDENTS)
    args = parser.parse_args()
    if not (args.incidents / "incidents.jsonl").exists():
        raise SystemExit(f"no incidents.jsonl in {args.incidents}: pass --incidents DIR")
    accidental = accidental_documents(args.incidents)
    main_events = main_types(args.store)
    on_accidents = [kind for doc, kind in main_events.items() if accidental.get(doc)]
    on_others = [kind for doc, kind in main_events.items() if not accidental.get(doc)]
    print(
        f"articles with a main violent event: {len(main_events)}\n"
        f"  on an accidental shooting: {len(on_accidents)}, main event ACCIDENT {on_accidents.count('ACCIDENT')}\n"
        f"  on another shooting: {len(on_others)}, main event ACCIDENT {on_others.count('ACCIDENT')}"
    )


if __name__ == "__main__":
    main()
