"""Scoring events against incident records: one real incident, several news articles.

The directory holds ``docs.jsonl`` (``id``, ``incident``, ``title``, ``text``, ``published``,
``url``) and ``incidents.jsonl`` (``incident``, ``date``, ``lat``, ``lon``, ``killed``,
``injured``, ...), laid out like ``../shared/eval/incidents/gva-dev/``. The documents are
ingested into a temporary store (the whole pipeline, fusion included), then:

* each document's **main event** is its most confident asserted violent event (ASSAULT, or
  ACCIDENT for an unintended shooting; ties go to the earliest in the text). Its date is right
  when it is known to the day (a span of at most two days) and lies within one day of the
  incident's; its place when it is within 25 km; its killed (injured) count when the
  incident's figure lies within ``size.dead`` (``size.injured``) min..max, no figure counting
  as 0. Every rate is over all documents: a document without a main event, or a main event
  without a date, is wrong.
* **fusion** is scored on the main events: pairwise recall (same-incident document pairs
  whose main events share a canonical event), pairwise precision (of the main-event pairs
  sharing a canonical event, the share from the same incident), and B-cubed precision,
  recall and F1 against the incidents, beside the B-cubed F1 of leaving every report alone;
  and the pairwise recall over the pairs whose main events both carry a day-precise date and
  a settlement (city, town, village): what fusion makes of the reports it can place and date.

Run: ``polemos eval incidents ../shared/eval/incidents/gva-dev``. To work on fusion, keep the
store once (``--keep-store F``), then score new fusion rules on it without extracting again
(``--refuse F``).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Optional

from polemos.distance import great_circle_km
from polemos.record import size_figure

VIOLENT_TYPES = ("ASSAULT", "ACCIDENT")  # a gun-violence incident may be an unintended shooting
SETTLEMENTS = ("city", "town", "village")
PLACE_KM = 25.0
DATE_TOLERANCE = timedelta(days=1)
DAY_PRECISION_SPAN = timedelta(days=2)


@dataclass
class MainEvent:
    doc: str
    incident: str
    found: bool
    date_right: bool = False
    place_right: bool = False
    killed_right: bool = False
    injured_right: bool = False
    canonical: Optional[str] = None
    dated: bool = False
    placed: bool = False
    day_and_settlement: bool = False  # its date is precise to the day and its place a settlement


def load_incidents(directory: Path) -> tuple[list[dict], dict[str, dict]]:
    docs = _read_jsonl(Path(directory) / "docs.jsonl")
    incidents = {item["incident"]: item for item in _read_jsonl(Path(directory) / "incidents.jsonl")}
    return docs, incidents


def evaluate(
    directory: Path,
    limit: Optional[int] = None,
    workers: Optional[int] = None,
    store_path: Optional[Path] = None,
    refuse_store: Optional[Path] = None,
) -> dict:
    """Ingest the documents (of the first ``limit`` incidents) and score their main events.
    ``store_path`` keeps the store for inspection; by default it is temporary. ``refuse_store``
    names a store such a run kept: its documents are not extracted again, only fused again
    with the current fusion rules, which is how fusion is tuned without re-running the pipeline."""
    docs, incidents = load_incidents(directory)
    if limit is not None:
        chosen = set(list(dict.fromkeys(doc["incident"] for doc in docs))[:limit])
        docs = [doc for doc in docs if doc["incident"] in chosen]
    if refuse_store is not None:
        rows = _refuse_and_read(Path(refuse_store))
    else:
        with tempfile.TemporaryDirectory(prefix="polemos-incidents-") as folder:
            location = Path(store_path) if store_path else Path(folder) / "incidents.db"
            inputs = Path(folder) / "docs.jsonl"
            inputs.write_text("".join(json.dumps(doc) + "\n" for doc in docs), encoding="utf-8")
            rows = _ingest_and_read(inputs, location, workers)
    mains = [_score_main(doc, incidents[doc["incident"]], rows.get(doc["id"], [])) for doc in docs]
    return {
        "directory": str(directory),
        "documents": len(docs),
        "incidents": len({doc["incident"] for doc in docs}),
        "main_event": _rates(mains),
        "fusion": _fusion_scores(mains),
    }


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _ingest_and_read(inputs: Path, location: Path, workers: Optional[int]) -> dict[str, list[dict]]:
    """Ingest through the same path as ``polemos ingest`` and read back each document's
    violent event reports with their canonical event."""
    from polemos.engines.ingesting import ingest_inputs
    from polemos.ingest.readers import ReadOptions
    from polemos.pipeline import PipelineConfig
    from polemos.store import open_store

    store = open_store(str(location))
    try:
        ingest_inputs([str(inputs)], store, ReadOptions(), PipelineConfig(), workers=workers)
        return _violent_reports(store)
    finally:
        store.close()


def _refuse_and_read(location: Path) -> dict[str, list[dict]]:
    """Fuse a kept store's events again and read them back as ``_ingest_and_read`` does."""
    from polemos.store import open_store

    if not location.exists():
        raise FileNotFoundError(f"no store at {location}")
    store = open_store(str(location))
    try:
        store.rebuild_canonical_events()
        return _violent_reports(store)
    finally:
        store.close()


def _violent_reports(store) -> dict[str, list[dict]]:
    from polemos.store import queries

    found: dict[str, list[dict]] = defaultdict(list)
    for row in queries.reports_of_types(store, VIOLENT_TYPES):
        event = json.loads(row["event_json"])
        evidence = event.get("evidence") or [{}]
        found[row["doc_id"]].append(
            {
                "modality": row["modality"],
                "confidence": row["confidence"] or 0.0,
                "begin": row["date_begin"],
                "end": row["date_end"],
                "lat": row["lat"],
                "lon": row["lon"],
                "precision": row["date_precision"],
                "feature": row["place_feature"],
                "size": json.loads(row["size_json"] or "{}"),
                "canonical": row["canonical_id"],
                "start": evidence[0].get("start", 0),
            }
        )
    return found


def main_event(reports: list[dict]) -> Optional[dict]:
    """The most confident asserted report; the earliest in the text among equals."""
    asserted = [r for r in reports if r["modality"] == "asserted"]
    if not asserted:
        return None
    return min(asserted, key=lambda r: (-r["confidence"], r["start"]))


def _score_main(doc: dict, incident: dict, reports: list[dict]) -> MainEvent:
    chosen = main_event(reports)
    if chosen is None:
        return MainEvent(doc["id"], doc["incident"], found=False)
    return MainEvent(
        doc["id"],
        doc["incident"],
        found=True,
        date_right=date_right(chosen["begin"], chosen["end"], incident.get("date")),
        place_right=place_right(chosen["lat"], chosen["lon"], incident.get("lat"), incident.get("lon")),
        killed_right=count_right(size_figure(chosen["size"], "dead"), incident.get("killed")),
        injured_right=count_right(size_figure(chosen["size"], "injured"), incident.get("injured")),
        canonical=chosen["canonical"],
        dated=chosen["begin"] is not None,
        placed=chosen["lat"] is not None,
        day_and_settlement=chosen.get("precision") == "day" and chosen.get("feature") in SETTLEMENTS,
    )


def date_right(begin: Optional[str], end: Optional[str], gold: Optional[str]) -> bool:
    if not (begin and gold):
        return False
    first, last, truth = _day(begin), _day(end or begin), _day(gold)
    if first is None or last is None or truth is None or last - first > DAY_PRECISION_SPAN:
        return False
    return first - DATE_TOLERANCE <= truth <= last + DATE_TOLERANCE


def place_right(lat, lon, gold_lat, gold_lon) -> bool:
    if lat is None or lon is None or gold_lat is None or gold_lon is None:
        return False
    return great_circle_km(lat, lon, gold_lat, gold_lon) <= PLACE_KM


def count_right(figure: Optional[dict], gold: Optional[int]) -> bool:
    """``figure`` is ``{min, max}`` (max null: open-ended, "more than N"); none reported means 0."""
    if gold is None:
        return False
    if not figure or figure.get("min") is None:
        return gold == 0
    low, high = figure["min"], figure.get("max")
    return low <= gold and (high is None or gold <= high)


def _day(value: str) -> Optional[date]:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _rates(mains: list[MainEvent]) -> dict:
    total = len(mains) or 1
    counts: Counter[str] = Counter()
    for item in mains:
        for name in ("found", "dated", "placed", "date_right", "place_right", "killed_right", "injured_right"):
            counts[name] += bool(getattr(item, name))
    return {
        name: round(counts[name] / total, 3)
        for name in ("found", "dated", "placed", "date_right", "place_right", "killed_right", "injured_right")
    }


def _fusion_scores(mains: list[MainEvent]) -> dict:
    by_incident: dict[str, list[MainEvent]] = defaultdict(list)
    for item in mains:
        by_incident[item.incident].append(item)
    gold_pairs = [(a, b) for group in by_incident.values() for a, b in combinations(group, 2)]
    merged_gold = sum(1 for a, b in gold_pairs if a.canonical and a.canonical == b.canonical)
    located_pairs = [(a, b) for a, b in gold_pairs if a.day_and_settlement and b.day_and_settlement]
    merged_located = sum(1 for a, b in located_pairs if a.canonical and a.canonical == b.canonical)
    clustered = [m for m in mains if m.canonical]
    by_canonical: dict[str, list[MainEvent]] = defaultdict(list)
    for item in clustered:
        by_canonical[item.canonical or ""].append(item)
    predicted_pairs = [(a, b) for group in by_canonical.values() for a, b in combinations(group, 2)]
    right_pairs = sum(1 for a, b in predicted_pairs if a.incident == b.incident)
    bcubed = _bcubed(clustered, lambda m: m.canonical)
    alone = _bcubed(clustered, lambda m: m.doc)
    return {
        "gold_pairs": len(gold_pairs),
        "pairwise_recall": _ratio(merged_gold, len(gold_pairs)),
        "located_pairs": len(located_pairs),
        "located_pairwise_recall": _ratio(merged_located, len(located_pairs)),
        "predicted_pairs": len(predicted_pairs),
        "pairwise_precision": _ratio(right_pairs, len(predicted_pairs)),
        "bcubed": bcubed,
        "bcubed_no_fusion_f1": alone["f1"],
    }


def _bcubed(items: list[MainEvent], cluster_of) -> dict:
    if not items:
        return {"precision": None, "recall": None, "f1": None}
    predicted: dict[str, list[MainEvent]] = defaultdict(list)
    gold: dict[str, list[MainEvent]] = defaultdict(list)
    for item in items:
        predicted[cluster_of(item)].append(item)
        gold[item.incident].append(item)
    precision = recall = 0.0
    for item in items:
        same_cluster = predicted[cluster_of(item)]
        same_incident = gold[item.incident]
        both = sum(1 for other in same_cluster if other.incident == item.incident)
        precision += both / len(same_cluster)
        recall += both / len(same_incident)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _ratio(part: int, whole: int) -> Optional[float]:
    return round(part / whole, 3) if whole else None


def format_report(report: dict) -> str:
    main, fusion = report["main_event"], report["fusion"]
    bcubed = fusion["bcubed"]
    return "\n".join(
        [
            f"{report['directory']}: {report['documents']} documents, {report['incidents']} incidents",
            "main violent event of each document (rates over all documents):",
            f"  found {main['found']:.3f}   dated {main['dated']:.3f}   placed {main['placed']:.3f}",
            f"  date within 1 day {main['date_right']:.3f}   place within {PLACE_KM:.0f} km {main['place_right']:.3f}",
            f"  killed right {main['killed_right']:.3f}   injured right {main['injured_right']:.3f}",
            "fusion of the main events:",
            f"  pairwise recall {_show(fusion['pairwise_recall'])} ({fusion['gold_pairs']} same-incident pairs)"
            f"   pairwise precision {_show(fusion['pairwise_precision'])} ({fusion['predicted_pairs']} merged pairs)",
            f"  pairwise recall where both are dated to the day and placed at a settlement"
            f" {_show(fusion['located_pairwise_recall'])} ({fusion['located_pairs']} pairs)",
            f"  B-cubed P {_show(bcubed['precision'])} R {_show(bcubed['recall'])} F1 {_show(bcubed['f1'])}"
            f"   (no fusion: F1 {_show(fusion['bcubed_no_fusion_f1'])})",
        ]
    )


def _show(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.3f}"
