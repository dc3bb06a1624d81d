"""Cross-validated figures of the event classifier on our annotations (``annotations/events/``).

    PYTHONPATH=src .venv/bin/python benchmarks/event_cv.py [ANNOTATIONS...] [--shared ../shared]
        [--folds 5] [--seed 0]

Splits the annotation texts into seeded folds (all rows of one text in the same fold), fits the
three heads as ``polemos train events`` does on all folds but one, predicts the one left out,
and reports, over every row, each head's accuracy, weighted and macro F1, and the sub-type
accuracy of the rules alone and of rules and model combined as the events stage does, for
several thresholds of ``acled_over_rules_above`` (on confidences before temperature scaling).
Never reads an evaluation set.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from polemos.training.events import (
    DEFAULT_ANNOTATIONS, DEFAULT_SHARED, HEADS, NO_ACLED, featurize, fit, head_logits, label_of, load_examples,
    per_class,
)

OVER_RULES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


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
    args = parser.parse_args()

    examples = load_examples(args.annotations, args.shared, print)
    items = featurize(examples)
    fold = folds_of(examples, args.folds, args.seed)
    guesses = {head: {} for head in HEADS}  # head -> row -> (label, confidence)
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
        str(over): round(float(np.mean([
            (guesses["acled"][i][0] if r == NO_ACLED or guesses["acled"][i][1] >= over else r) == t
            for i, r, t in zip(rows, rules, truth)])), 3) for over in OVER_RULES}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
