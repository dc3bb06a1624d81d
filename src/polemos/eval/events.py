"""Scoring the events stage on PLOVER-coded sentences (``PLOVER_GSR_CAMEO.json``).

Each gold record is one sentence with one event type and source/target actors coded as
ISO3 (or ``IGO``/``NGO``). PLOVER 0.5 types are mapped to the 16 current ones
(DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT). Every
sentence runs through the whole pipeline (clean, spaCy, time, geo, actors, figures when
present, events); the sentence's *main* event is the one whose trigger stands highest in
the parse (closest to the root; asserted events first), as a human coder codes the main clause.

Figures:

* per-type precision, recall and F1 of the main event's type, with macro and
  support-weighted averages, and accuracy (a sentence with no event counts as wrong);
* ``any_type_recall``: the gold type is among any of the sentence's events;
* actor accuracy: the main event's actor countries include a gold source code;
* recipient accuracy: the main event's recipient (or, for two-sided events, actor)
  countries include a gold target code. Both are over sentences whose gold has codes.

``evaluate_acled(path)`` scores ACLED typing on JSON Lines snippets in the style of ACLED
notes (``{"text", "event_type", "sub_event_type", "published"}``): the snippet's ACLED
category is that of its main event among those the stage gave an ACLED category; weighted
and macro F1 are reported for the event type and the sub-event type.

``evaluate_case(path)`` scores the CASE 2021 task 2 snippets (a ``.tsv`` with ``id``,
``EventSnippet`` and ``SubType``, an ACLED sub-type code): a snippet's label is the ACLED
sub-type of its most confident event, ``OTHER`` when none has one; weighted and macro F1
over the 25 standard classes (the 24 sub-types and ``OTHER``; rows of the five classes added
later are left out), and of the ACLED event type, for the rules alone, the learned model alone
and both combined, in the same run.

Run: ``python -m polemos.eval.events ../shared/eval/events/PLOVER_GSR_CAMEO.json`` (a ``.jsonl``
path is scored as ACLED-style snippets, a ``.tsv`` path as CASE 2021 task 2 snippets).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional

from polemos.codes import EVENT_TYPES
from polemos.events.lexicon import PLOVER_TYPES
from polemos.record import Actor, Event, ExtractionRecord

if TYPE_CHECKING:
    from polemos.events import EventCoder

OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# The gold set still uses a few CAMEO country codes that differ from ISO 3166 alpha-3.
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "IMG": "IGO"}
COLLECTIVE_SECTORS = {"IGO", "NGO"}
NO_EVENT = "NONE"


@dataclass
class GoldSentence:
    id: str
    text: str
    date: Optional[str]
    type: str
    sources: list[str]
    targets: list[str]


@dataclass
class Prediction:
    type: str
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    all_types: set[str] = field(default_factory=set)


def load_gold(path: Path) -> list[GoldSentence]:
    gold = []
    for item in json.loads(Path(path).read_text(encoding="utf-8")):
        event_type = OLD_TYPES.get(item.get("event"), item.get("event"))
        if event_type not in PLOVER_TYPES or not item.get("text"):
            continue
        gold.append(
            GoldSentence(
                id=item["id"],
                text=item["text"],
                date=item.get("date"),
                type=event_type,
                sources=_codes(item.get("source")),
                targets=_codes(item.get("target")),
            )
        )
    return gold


def _codes(value: Any) -> list[str]:
    items = value if isinstance(value, list) else []
    codes: list[str] = []
    for item in items:
        code = item.get("code") if isinstance(item, dict) else None
        if code and len(code) == 3 and code.isupper():
            codes.append(LEGACY_CODES.get(code) or code)
    return codes


class SentenceCoder:
    """The whole pipeline on single sentences."""

    def __init__(self, pipeline=None) -> None:
        from polemos.pipeline import Pipeline

        self.pipeline = pipeline or Pipeline.load(eager=True)

    def code_one(self, text: str, published: Optional[str] = None):
        """(record, doc) for one text run through the whole pipeline."""
        return next(self.code([(text, published)]))

    def code(self, texts: Iterable[tuple[str, Optional[str]]]):
        """(record, doc) for each (sentence, publication date) pair."""
        from polemos.ingest.raw import RawDocument

        records = [
            self.pipeline.clean(RawDocument(source=f"sentence-{i}", content=text, format="text", published=published))
            for i, (text, published) in enumerate(texts)
        ]
        for record, doc in zip(records, self.pipeline.nlp.pipe(r.text for r in records)):
            yield self.pipeline.annotate(record, doc), doc


def main_event(record: ExtractionRecord, doc) -> Optional[Event]:
    """The asserted event whose trigger is closest to the root of its sentence's parse."""
    if not record.events:
        return None
    return min(record.events, key=lambda e: (e.modality != "asserted", _trigger_depth(e, doc), -e.confidence))


def _trigger_depth(event: Event, doc) -> int:
    evidence = event.evidence[0] if event.evidence else None
    words = set((event.trigger or "").split())
    depths = [
        len(list(t.ancestors))
        for t in doc
        if t.text in words and (evidence is None or evidence.start <= t.idx < evidence.end)
    ]
    return min(depths) if depths else 99


def predict(record: ExtractionRecord, doc) -> Prediction:
    actors = {a.id: a for a in record.actors}
    event = main_event(record, doc)
    if event is None:
        return Prediction(NO_EVENT)
    return Prediction(
        type=event.type,
        actors=_countries(event.actor, actors),
        recipients=_countries(event.recipient, actors),
        all_types={e.type for e in record.events},
    )


def _countries(actor_ids: list[str], actors: dict[str, Actor]) -> set[str]:
    codes = set()
    for actor_id in actor_ids:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        if actor.country:
            codes.add(actor.country)
        if actor.sector and actor.sector in COLLECTIVE_SECTORS:
            codes.add(actor.sector)
        elif actor.kind == "organisation" and not actor.country:
            codes.add("IGO")
    return codes


def evaluate(path: Path | str, limit: Optional[int] = None, coder: Optional[SentenceCoder] = None) -> dict:
    """Score the pipeline on the gold file at ``path``; returns the figures as a dict.

    A ``.jsonl`` file holds ACLED-style snippets and is scored by ``evaluate_acled``, a ``.tsv``
    file CASE 2021 task 2 snippets, scored by ``evaluate_case``."""
    if Path(path).suffix == ".jsonl":
        return evaluate_acled(path, limit=limit, coder=coder)
    if Path(path).suffix == ".tsv":
        return evaluate_case(path, limit=limit, coder=coder)
    gold = load_gold(Path(path))[:limit]
    coder = coder or SentenceCoder()
    started = time.perf_counter()
    predictions = [predict(record, doc) for record, doc in coder.code((g.text, g.date) for g in gold)]
    elapsed = time.perf_counter() - started
    report = score(gold, predictions)
    report.update({"file": str(path), "sentences": len(gold), "seconds": round(elapsed, 1)})
    return report


def score(gold: list[GoldSentence], predictions: list[Prediction]) -> dict:
    per_type = {}
    support = Counter(g.type for g in gold)
    predicted = Counter(p.type for p in predictions)
    correct = Counter(g.type for g, p in zip(gold, predictions) if g.type == p.type)
    for event_type in EVENT_TYPES:  # polemos's ACCIDENT too: a gold ASSAULT read as one is a miss, shown
        tp, n_gold, n_pred = correct[event_type], support[event_type], predicted[event_type]
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if n_gold or n_pred:
            per_type[event_type] = {
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "support": n_gold,
                "predicted": n_pred,
            }
    scored = [t for t in per_type.values() if t["support"]]
    total = sum(t["support"] for t in scored)
    return {
        "per_type": per_type,
        "macro_f1": sum(t["f1"] for t in scored) / len(scored) if scored else 0.0,
        "weighted_f1": sum(t["f1"] * t["support"] for t in scored) / total if total else 0.0,
        "accuracy": sum(correct.values()) / len(gold) if gold else 0.0,
        "no_event": predicted[NO_EVENT],
        "any_type_recall": sum(g.type in p.all_types for g, p in zip(gold, predictions)) / len(gold) if gold else 0.0,
        "actor_accuracy": _role_accuracy(gold, predictions, "sources"),
        "recipient_accuracy": _role_accuracy(gold, predictions, "targets"),
    }


def _role_accuracy(gold: list[GoldSentence], predictions: list[Prediction], role: str) -> dict:
    hits, count = 0, 0
    for g, p in zip(gold, predictions):
        codes = set(getattr(g, role))
        if not codes:
            continue
        count += 1
        found = p.actors if role == "sources" else (p.recipients or p.actors - set(g.sources))
        hits += bool(codes & found)
    return {"accuracy": hits / count if count else 0.0, "count": count}


def acled_of(record: ExtractionRecord, doc) -> tuple[str, str]:
    """(event type, sub-event type) of the record's main event among those with an ACLED category."""
    typed = [e for e in record.events if e.acled]
    if not typed:
        return NO_EVENT, NO_EVENT
    main = main_event(dataclasses.replace(record, events=typed), doc)
    if main is None or not main.acled:
        return NO_EVENT, NO_EVENT
    return main.acled["event_type"] or NO_EVENT, main.acled["sub_event_type"] or NO_EVENT


def evaluate_acled(path: Path | str, limit: Optional[int] = None, coder: Optional[SentenceCoder] = None) -> dict:
    """Weighted and macro F1 of ACLED event type and sub-event type on the snippets at ``path``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in lines if line.strip()][:limit]
    coder = coder or SentenceCoder()
    started = time.perf_counter()
    predicted = [acled_of(record, doc) for record, doc in coder.code((g["text"], g.get("published")) for g in gold)]
    report = {
        "kind": "acled",
        "file": str(path),
        "sentences": len(gold),
        "seconds": round(time.perf_counter() - started, 1),
    }
    for level, index in (("event_type", 0), ("sub_event_type", 1)):
        report[level] = label_f1([g[level] for g in gold], [p[index] for p in predicted])
    report["errors"] = [
        {"text": g["text"], "gold": g["sub_event_type"], "predicted": p[1]}
        for g, p in zip(gold, predicted)
        if g["sub_event_type"] != p[1]
    ]
    return report


def label_f1(gold: list[str], predicted: list[str]) -> dict:
    """Per-label P/R/F1 with support-weighted and macro averages over the gold labels."""
    support, guessed = Counter(gold), Counter(predicted)
    correct = Counter(g for g, p in zip(gold, predicted) if g == p)
    per_label = {}
    for label in sorted(support):
        precision = correct[label] / guessed[label] if guessed[label] else 0.0
        recall = correct[label] / support[label]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": support[label],
            "predicted": guessed[label],
        }
    total = sum(support.values())
    return {
        "per_label": per_label,
        "weighted_f1": sum(f["f1"] * f["support"] for f in per_label.values()) / total if total else 0.0,
        "macro_f1": sum(f["f1"] for f in per_label.values()) / len(per_label) if per_label else 0.0,
        "accuracy": sum(correct.values()) / total if total else 0.0,
    }


def format_acled_report(report: dict) -> str:
    lines = [f"ACLED typing on {report['file']} ({report['sentences']} snippets, {report['seconds']} s)"]
    for level in ("event_type", "sub_event_type"):
        figures = report[level]
        lines.append(
            f"{level:<15} weighted F1 {figures['weighted_f1']:.3f}   macro F1 {figures['macro_f1']:.3f}"
            f"   accuracy {figures['accuracy']:.3f}"
        )
    lines.append(f"{'sub-event type':<36} {'P':>5} {'R':>5} {'F1':>5} {'gold':>4} {'pred':>4}")
    for label, f in report["sub_event_type"]["per_label"].items():
        lines.append(
            f"{label[:36]:<36} {f['precision']:>5.2f} {f['recall']:>5.2f} {f['f1']:>5.2f} "
            f"{f['support']:>4} {f['predicted']:>4}"
        )
    return "\n".join(lines)


CASE_LEFT_OUT = ("DIPLO", "MAN_MADE_DISASTER", "NATURAL_DISASTER", "ATTRIB", "ORG_CRIME")
CASE_CODERS = ("rules", "model", "combined")


def load_case(path: Path | str) -> list[dict[str, str]]:
    """CASE 2021 task 2 rows: ``{"id", "text", "code"}``."""
    import csv

    with Path(path).open(newline="", encoding="utf-8") as handle:
        return [
            {"id": row["id"], "text": row["EventSnippet"], "code": row["SubType"].strip()}
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def case_coders(coder: SentenceCoder) -> dict[str, EventCoder]:
    """The events stage three ways over the same resources: rules alone, model alone, combined."""
    from polemos.events import EventCoder

    combined = dict(coder.pipeline.stages)["events"]
    if not isinstance(combined, EventCoder):
        raise RuntimeError("the pipeline's events stage is not the event coder")
    if combined.classifier is None:
        raise RuntimeError("no event model is installed: train one with `polemos train events`")
    shared = (combined.lexicon, combined.acled_rules, combined.resolver, combined.incidents, combined.figures)
    return {
        "rules": EventCoder(*shared),
        "model": EventCoder(*shared, classifier=combined.classifier, policy="model"),
        "combined": combined,
    }


def most_confident_code(record: ExtractionRecord, doc, codes: dict) -> str:
    """The ACLED sub-type code of the record's most confident event with one; OTHER when none."""
    from polemos.events.classifier import code_of

    typed = [e for e in record.events if code_of(e.acled, codes)]
    if not typed:
        return "OTHER"
    best = min(typed, key=lambda e: (-e.confidence, e.modality != "asserted", _trigger_depth(e, doc)))
    return code_of(best.acled, codes) or "OTHER"


def evaluate_case(path: Path | str, limit: Optional[int] = None, coder: Optional[SentenceCoder] = None) -> dict:
    """Weighted and macro F1 of ACLED sub-type and event type on CASE 2021 task 2 snippets."""
    from polemos.events.classifier import load_acled_codes

    rows = load_case(path)[:limit]
    codes = load_acled_codes()
    scored = [r for r in rows if r["code"] in codes]
    coder = coder or SentenceCoder()
    coders = case_coders(coder)
    started = time.perf_counter()
    predicted: dict[str, list[str]] = {name: [] for name in CASE_CODERS}
    for record, doc in coder.code((r["text"], None) for r in scored):
        for name in CASE_CODERS:
            coders[name].annotate(record, doc)
            predicted[name].append(most_confident_code(record, doc, codes))
    gold = [r["code"] for r in scored]
    report = {
        "kind": "case",
        "file": str(path),
        "snippets": len(rows),
        "scored": len(scored),
        "left_out": dict(Counter(r["code"] for r in rows if r["code"] not in codes)),
        "seconds": round(time.perf_counter() - started, 1),
    }
    for name in CASE_CODERS:
        report[name] = {
            "sub_event_type": label_f1(gold, predicted[name]),
            "event_type": label_f1(
                [codes[g]["event_type"] for g in gold], [codes[p]["event_type"] for p in predicted[name]]
            ),
        }
    return report


def format_case_report(report: dict) -> str:
    left_out = ", ".join(f"{code} {n}" for code, n in sorted(report["left_out"].items()))
    lines = [
        f"CASE 2021 task 2 ACLED typing on {report['file']}: {report['snippets']} snippets, "
        f"{report['scored']} in the 25 standard classes scored ({report['seconds']} s)",
        f"left out of the standard score (classes added later): {left_out or 'none'}",
        f"{'':<28}" + "".join(f"{name:>10}" for name in CASE_CODERS),
    ]
    for level, label in (("sub_event_type", "sub-type"), ("event_type", "event type")):
        for figure in ("weighted_f1", "macro_f1", "accuracy"):
            lines.append(
                f"{label + ' ' + figure.replace('_', ' '):<28}"
                + "".join(f"{report[name][level][figure]:>10.3f}" for name in CASE_CODERS)
            )
    lines.append(f"{'sub-type F1 per class':<30} {'gold':>4}" + "".join(f"{name:>10}" for name in CASE_CODERS))
    for label, figures in report["combined"]["sub_event_type"]["per_label"].items():
        lines.append(
            f"{label[:30]:<30} {figures['support']:>4}"
            + "".join(f"{report[name]['sub_event_type']['per_label'][label]['f1']:>10.2f}" for name in CASE_CODERS)
        )
    return "\n".join(lines)


def format_report(report: dict) -> str:
    if report.get("kind") == "acled":
        return format_acled_report(report)
    if report.get("kind") == "case":
        return format_case_report(report)
    lines = [
        f"PLOVER event coding on {report.get('file', '?')} ({report.get('sentences', '?')} sentences,"
        f" {report.get('seconds', '?')} s)",
        f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}",
    ]
    for event_type, figures in report["per_type"].items():
        lines.append(
            f"{event_type:<10} {figures['precision']:>6.2f} {figures['recall']:>6.2f} "
            f"{figures['f1']:>6.2f} {figures['support']:>5} {figures['predicted']:>5}"
        )
    lines += [
        f"macro F1 {report['macro_f1']:.3f}   weighted F1 {report['weighted_f1']:.3f}   "
        f"accuracy {report['accuracy']:.3f}   sentences without event {report['no_event']}",
        f"gold type among any coded event: {report['any_type_recall']:.3f}",
        f"actor accuracy (ISO3) {report['actor_accuracy']['accuracy']:.3f} over {report['actor_accuracy']['count']}",
        f"recipient accuracy (ISO3) {report['recipient_accuracy']['accuracy']:.3f} over "
        f"{report['recipient_accuracy']['count']}",
    ]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    report = evaluate(args.path, limit=args.limit)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
