"""Cross-validated figures of the event classifier on our annotations (``annotations/events/``).

    PYTHONPATH=src .venv/bin/python benchmarks/event_cv.py [ANNOTATIONS...] [--shared ../shared]
        [--folds 5] [--seed 0]

Splits the annotation texts into seeded folds (all rows of one text in the same fold), fits the
three heads as ``polemos train events`` does on all folds but one, predicts the one left out,
and reports, over every row, each head's accuracy, weighted and macro F1, and the sub-type
accuracy of the rules alone and of rules and model combined as the events stage does, for
several thresholds of ``acled_over_rules_above`` (on confidences before temperature scaling).

It also reports what the events stage's two other thresholds would do, on probabilities scaled
by the temperatures of the model in ``--model`` (the shipped one by default), as the stage
sees them: ``veto_below`` (rows where the rules code an event: how many the veto drops, how
many of those report no event, and the event-or-not accuracy of those rows after it) and
``recover_above`` (rows where the rules code none: how many events the model adds with
P(type) >= ``type_above``, how many of them are events, and of the right PLOVER type).
Never reads an evaluation set.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from polemos.events.classifier import MODEL_DIR, EventClassifier
from polemos.training.events import (
    DEFAULT_ANNOTATIONS,
    DEFAULT_SHARED,
    HEADS,
    NO_ACLED,
    featurize,
    fit,
    head_logits,
    label_of,
    load_examples,
    per_class,
)

OVER_RULES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
VETO_BELOW = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
RECOVER_ABOVE = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def folds_of(examples, folds: int, seed: int) -> np.ndarray:
    texts = sorted({e.text for e in examples})
    order = np.random.default_rng(seed).permutation(len(texts))
    fold = {texts[j]: k % folds for k, j in enumerate(order)}
    return np.array([fold[e.text] for e in examples])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", nargs="*", type=Path, default=[DEFAULT_ANNOTATIONS])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--model",
        type=Path,
        default=MODEL_DIR,
        help="model whose temperatures and type_above scale the veto and recovery tables",
    )
    args = parser.parse_args()
    shipped = EventClassifier.load(args.model)

    examples = load_examples(args.annotations, args.shared, print)
    items = featurize(examples)
    fold = folds_of(examples, args.folds, args.seed)
    guesses = {head: {} for head in HEADS}  # head -> row -> (label, confidence)
    scaled = {}  # row -> (P(event), PLOVER type, P(type)) with the shipped temperatures
    for k in range(args.folds):
        training = [i for i in range(len(examples)) if fold[i] != k]
        model = fit([examples[i] for i in training], [items[i] for i in training], args.seed)
        for head in HEADS:
            rows = [i for i in range(len(examples)) if fold[i] == k and label_of(examples[i], head) is not None]
            if not rows:
                continue
            logits = head_logits(model, [items[i] for i in rows], head)
            shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
            probabilities = shifted / shifted.sum(axis=1, keepdims=True)
            for i, p in zip(rows, probabilities):
                guesses[head][i] = (model.labels[head][int(p.argmax())], float(p.max()))
        for i in (i for i in range(len(examples)) if fold[i] == k):
            scaled[i] = stage_view(model, shipped.temperatures, items[i])
    report = {"rows": len(examples), "folds": args.folds, "seed": args.seed}
    for head in HEADS:
        rows = sorted(guesses[head])
        scores = per_class([label_of(examples[i], head) for i in rows], [guesses[head][i][0] for i in rows])
        report[head] = {key: scores[key] for key in ("accuracy", "weighted_f1", "macro_f1")} | {"rows": len(rows)}
    rows = sorted(guesses["acled"])
    truth = [label_of(examples[i], "acled") for i in rows]
    rules = [items[i].rules_acled for i in rows]
    report["acled_rules_alone"] = round(float(np.mean([r == t for r, t in zip(rules, truth)])), 3)
    report["acled_combined_by_over_rules"] = {
        str(over): round(
            float(
                np.mean(
                    [
                        (guesses["acled"][i][0] if r == NO_ACLED or guesses["acled"][i][1] >= over else r) == t
                        for i, r, t in zip(rows, rules, truth)
                    ]
                )
            ),
            3,
        )
        for over in OVER_RULES
    }
    report["veto_below"] = veto_table(examples, items, scaled)
    report["recover_above"] = recovery_table(examples, items, scaled, shipped.thresholds["type_above"])
    print(json.dumps(report, indent=2))


def stage_view(model, temperatures: dict, item) -> tuple[float, str, float, str, float]:
    """P(event), the PLOVER type and its probability, the ACLED sub-type and its probability,
    scaled as the events stage scales them."""
    logits = model.logits(item.features, item.vector)
    event = softmax(logits[model.slices["event"]] / temperatures["event"])
    plover = softmax(logits[model.slices["plover"]] / temperatures["plover"])
    acled = softmax(logits[model.slices["acled"]] / temperatures["acled"])
    labels = model.labels["event"]
    return (
        float(event[labels.index("true")]) if "true" in labels else 0.0,
        model.labels["plover"][int(plover.argmax())],
        float(plover.max()),
        model.labels["acled"][int(acled.argmax())],
        float(acled.max()),
    )


def veto_table(examples, items, scaled: dict) -> dict:
    ruled = [i for i in sorted(scaled) if "rule:none" not in items[i].features]
    table = {"rows_with_rule_events": len(ruled), "non_events_among_them": sum(not examples[i].event for i in ruled)}
    for below in VETO_BELOW:
        vetoed = [i for i in ruled if scaled[i][0] < below]
        kept_right = sum(examples[i].event == (scaled[i][0] >= below) for i in ruled)
        table[str(below)] = {
            "vetoed": len(vetoed),
            "non_events": sum(not examples[i].event for i in vetoed),
            "accuracy": round(kept_right / max(len(ruled), 1), 4),
        }
    return table


def recovery_table(examples, items, scaled: dict, type_above: float) -> dict:
    """What recovery adds with the PLOVER head sure of its type (as the stage did before), and with
    either typing head sure of its reading (P(type) or P(ACLED sub-type) >= ``type_above``)."""
    silent = [i for i in sorted(scaled) if "rule:none" in items[i].features]
    table: dict = {
        "rows_without_rule_events": len(silent),
        "events_among_them": sum(examples[i].event for i in silent),
        "type_above": type_above,
    }
    typed_by = {
        "plover_sure": lambda view: view[2] >= type_above,
        "either_head_sure": lambda view: view[2] >= type_above or (view[3] != NO_ACLED and view[4] >= type_above),
    }
    for gate, sure in typed_by.items():
        table[gate] = {}
        for above in RECOVER_ABOVE:
            added = [i for i in silent if scaled[i][0] >= above and sure(scaled[i])]
            events = [i for i in added if examples[i].event]
            acled_known = [i for i in events if label_of(examples[i], "acled") is not None]
            table[gate][str(above)] = {
                "added": len(added),
                "events": len(events),
                "right_type": sum(examples[i].plover == scaled[i][1] for i in events),
                "right_acled": f"{sum(label_of(examples[i], 'acled') == scaled[i][3] for i in acled_known)}"
                f" of {len(acled_known)}",
            }
    return table


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max())
    return shifted / shifted.sum()


if __name__ == "__main__":
    main()
