"""Training the event classifier (``polemos train events``) from annotation files.

Annotation rows (``annotations/events/*.jsonl``, described in that directory's datasheet)
either hold text we wrote (``text``) or point into a development corpus by character offsets
(``corpus``, ``doc``, ``start``, ``end``, ``sha1``); pointed-to text is read from the shared
development material and checked against its sha1, and skipped with a warning when the
material is absent or the text differs. Rows in the style of ACLED notes
(``text``, ``event_type``, ``sub_event_type``) count as events of that sub-type.

Every text runs once through the whole pipeline with the rules alone, which gives the
features the events stage will compute (``polemos.events.classifier``). A seeded fifth is
held back: the heads are fitted on the rest, scored on it (per-class precision, recall, F1)
and calibrated on it (one temperature per head, chosen by log-loss; expected calibration
error before and after). The shipped weights are then refitted on every row with the same
settings and the held-back temperatures.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import numpy as np

from polemos.events.classifier import (
    DEFAULT_THRESHOLDS,
    E5_STEM,
    FEATURE_VERSION,
    HASH_BITS,
    HEADS,
    MODEL_STEM,
    NO_ACLED,
    EventClassifier,
    RuleHint,
    buckets_of,
    code_of,
    load_acled_codes,
    sentence_features,
    sentence_vector,
    weighted_buckets,
)

DEFAULT_ANNOTATIONS = Path("annotations") / "events"
DEFAULT_SHARED = Path("..") / "shared"
CORPORA = {  # corpus name -> (path under shared/, id field, text field)
    "india-police-events": (Path("corpora") / "india-police-events" / "docs.jsonl", "doc_id", "doc_text"),
    "gva-dev": (Path("eval") / "incidents" / "gva-dev" / "docs.jsonl", "id", "text"),
}
HELD_BACK = 0.2
REGULARISATION = 64.0  # inverse L2 strength of every head (scikit-learn's C)
# Rare sub-types weigh as much as common ones in the type heads (inverse class frequency): with
# about 25 rows of most sub-types beside hundreds of attacks, an unweighted head learns to say
# "attack"; on held-back rows of the annotations the weighting adds 2-4 points of sub-type
# accuracy (model card).
CLASS_WEIGHT = {"event": None, "plover": "balanced", "acled": "balanced"}
DENSE_WIDTH = 600  # the sentence vector and the main verb's context vector
TEMPERATURES = np.exp(np.linspace(np.log(0.2), np.log(5.0), 81))
RELIABILITY_BINS = 10


@dataclass
class Example:
    id: str
    text: str
    event: bool
    plover: Optional[str]
    acled: Optional[str]  # an ACLED code, NO_ACLED, or None when unlabelled


@dataclass
class Featurized:
    features: list[str]
    vector: np.ndarray
    # the ACLED code the rules alone give the text's most confident event (None: a sub-type without a code)
    rules_acled: Optional[str] = NO_ACLED


def label_of(example: Example, head: str) -> Optional[str]:
    """The example's class for ``head``, or None when it does not train that head."""
    if head == "event":
        return "true" if example.event else "false"
    if head == "plover":
        return example.plover
    return (example.acled or NO_ACLED) if example.event else None


def labelled(examples: list[Example], head: str) -> tuple[list[int], list[str]]:
    """The positions of the examples that train ``head``, and their classes."""
    pairs = [(i, label) for i, e in enumerate(examples) if (label := label_of(e, head)) is not None]
    return [i for i, _ in pairs], [label for _, label in pairs]


# --- reading annotations -------------------------------------------------------------------

AGREEMENT_FILES = "overlap-*.jsonl"  # each annotator's copy of the overlap batch, adjudicated in real-overlap


def annotation_files(paths: Iterable[Path]) -> list[Path]:
    """The JSON Lines files to train on: files as given, and those of a directory except each
    annotator's copy of the overlap batch, which reaches training once, adjudicated."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            agreement = set(path.glob(AGREEMENT_FILES))
            files.extend(f for f in sorted(path.glob("*.jsonl")) if f not in agreement)
        else:
            files.append(path)
    return files


def load_examples(paths: Iterable[Path], shared: Optional[Path], warn=print) -> list[Example]:
    codes = load_acled_codes()
    documents: dict[str, Optional[dict[str, str]]] = {}
    examples = []
    for path in annotation_files(paths):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            text = row.get("text")
            if text is None and "corpus" in row:
                text = _pointed_text(row, shared, documents, warn)
            if text is None:
                continue
            examples.append(_example(row, text, f"{path.name}:{number}", codes))
    return examples


def _example(row: dict, text: str, where: str, codes: dict) -> Example:
    if "event" not in row and "sub_event_type" in row:  # an ACLED-style note: an event of that sub-type
        acled = code_of({"sub_event_type": row["sub_event_type"]}, codes)
        return Example(row.get("id", where), text, True, row.get("plover"), acled)
    return Example(row.get("id", where), text, bool(row["event"]), row.get("plover"), row.get("acled"))


def _pointed_text(row: dict, shared: Optional[Path], documents: dict, warn) -> Optional[str]:
    corpus = row["corpus"]
    if corpus not in documents:
        documents[corpus] = _corpus_texts(corpus, shared, warn)
    texts = documents[corpus]
    if texts is None:
        return None
    document = texts.get(str(row["doc"]))
    text = document[row["start"] : row["end"]] if document is not None else None
    if text is None or hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] != row["sha1"]:
        warn(f"warning: skipped {row.get('id')}: its text is not in {corpus} as pointed to (sha1 differs)")
        return None
    return text


def _corpus_texts(corpus: str, shared: Optional[Path], warn) -> Optional[dict[str, str]]:
    if corpus not in CORPORA:
        warn(f"warning: skipped rows of unknown corpus {corpus!r}")
        return None
    relative, id_key, text_key = CORPORA[corpus]
    path = Path(shared) / relative if shared is not None else None
    if path is None or not path.exists():
        warn(f"warning: skipped rows pointing into {corpus}: {path or 'shared material'} is absent")
        return None
    with path.open(encoding="utf-8") as handle:
        return {str(doc[id_key]): doc[text_key] for doc in map(json.loads, handle) if doc.get(text_key)}


# --- features ------------------------------------------------------------------------------


def featurize(examples: list[Example], pipeline=None, encoder=None) -> list[Featurized]:
    """Run each text once through the pipeline with the rules alone and read its features; with a
    sentence ``encoder``, its embedding of the text follows the spaCy vectors in ``vector``."""
    from polemos.pipeline import Pipeline, PipelineConfig

    pipeline = pipeline or Pipeline.load(PipelineConfig(event_model=None), eager=True)
    coder = dict(pipeline.stages)["events"]
    codes = load_acled_codes()
    records = [_cleaned(pipeline, e) for e in examples]
    featurized = []
    for record, doc in zip(records, pipeline.nlp.pipe(r.text for r in records)):
        pipeline.annotate(record, doc)
        hints = [RuleHint(e.type, e.mode, code_of(e.acled, codes), e.modality) for e in record.events]
        span = doc[:]
        typed = sorted((e for e in record.events if e.acled), key=lambda e: -e.confidence)
        featurized.append(
            Featurized(
                sentence_features(span, hints, coder.incidents.sentence_cues(span), event_words=coder.words),
                sentence_vector(span),
                code_of(typed[0].acled, codes) if typed else NO_ACLED,
            )
        )
    if encoder is not None:
        add_embeddings(featurized, [r.text for r in records], encoder)
    return featurized


ENCODER_BATCH = 64


def add_embeddings(items: list[Featurized], texts: list[str], encoder) -> None:
    """Append the encoder's embedding of each text to its item's dense vector (in batches: the
    encoder spreads a batch over the cores)."""
    for start in range(0, len(items), ENCODER_BATCH):
        embedded = encoder.embed(texts[start : start + ENCODER_BATCH])
        for item, embedding in zip(items[start : start + ENCODER_BATCH], embedded):
            item.vector = np.concatenate([item.vector, embedding]).astype(np.float32)


def encoder_only(items: list[Featurized], spacy_width: int = DENSE_WIDTH) -> list[Featurized]:
    """The items as a model reading the encoder alone sees them: no sparse features, the embedding only."""
    return [Featurized([], item.vector[spacy_width:], item.rules_acled) for item in items]


def _cleaned(pipeline, example: Example):
    """The example as the pipeline cleans it; a line the cleaner finds no article in (a heading,
    a byline) is read as it is, since the model must learn to tell those apart too."""
    from polemos.ingest.raw import InputError, RawDocument
    from polemos.record import DocumentInfo, ExtractionRecord

    try:
        return pipeline.clean(RawDocument(source=example.id, content=example.text, format="text"))
    except InputError:
        return ExtractionRecord(DocumentInfo(id=example.id), example.text)


def design_matrix(items: list[Featurized], rows: np.ndarray):
    """Sparse features (one column per training bucket) beside the dense word vector."""
    from scipy import sparse

    column = {int(b): i for i, b in enumerate(rows)}
    data: list[float] = []
    indices: list[int] = []
    pointers = [0]
    for item in items:
        buckets, weights = weighted_buckets(item.features)
        known = sorted((column[int(b)], w) for b, w in zip(buckets, weights) if int(b) in column)
        indices.extend(c for c, _ in known)
        data.extend(w for _, w in known)
        pointers.append(len(indices))
    hashed = sparse.csr_matrix((data, indices, pointers), shape=(len(items), len(rows)), dtype=np.float64)
    dense = np.vstack([item.vector for item in items]).astype(np.float64) if items else np.zeros((0, DENSE_WIDTH))
    return sparse.hstack([hashed, sparse.csr_matrix(dense)], format="csr")


# --- fitting -------------------------------------------------------------------------------


def fit(
    examples: list[Example], items: list[Featurized], seed: int, temperatures: Optional[dict[str, float]] = None
) -> EventClassifier:
    """Fit the three heads on ``examples`` (features ``items``); returns a ready classifier."""
    from sklearn.linear_model import LogisticRegression

    rows = np.unique(np.concatenate([buckets_of(i.features) for i in items])) if items else np.zeros(0, np.int64)
    matrix = design_matrix(items, rows)
    width = len(items[0].vector) if items else DENSE_WIDTH
    columns, biases, heads = [], [], {}
    for head in HEADS:
        chosen, truth = labelled(examples, head)
        labels = sorted(set(truth)) or ["none"]
        weights = np.zeros((matrix.shape[1], len(labels)))
        bias = np.zeros(len(labels))
        if len(labels) > 1:
            model = LogisticRegression(
                C=REGULARISATION, max_iter=5000, random_state=seed, class_weight=CLASS_WEIGHT[head]
            )
            model.fit(matrix[chosen], truth)
            coef, intercept = model.coef_.T, model.intercept_
            if len(labels) == 2:  # a binary model scores the second class against the first
                coef, intercept = np.hstack([np.zeros_like(coef), coef]), np.array([0.0, intercept[0]])
            weights[:, :], bias[:] = coef, intercept
        columns.append(weights)
        biases.append(bias)
        heads[head] = {
            "labels": labels,
            "temperature": (temperatures or {}).get(head, 1.0),
            "trained_on": len(chosen),
            "label_counts": dict(Counter(label_of(examples[i], head) for i in chosen)),
        }
    stacked = np.hstack(columns)
    card = {
        "name": "polemos event classifier",
        "language": "en",  # the annotations are English sentences
        "feature_version": FEATURE_VERSION,
        "hash_bits": HASH_BITS,
        "seed": seed,
        "regularisation_C": REGULARISATION,
        "class_weight": {h: w or "none" for h, w in CLASS_WEIGHT.items()},
        "heads": heads,
        "thresholds": dict(DEFAULT_THRESHOLDS),
    }
    return EventClassifier(
        card,
        rows.astype(np.int64),
        stacked[: len(rows)].astype(np.float32),
        stacked[len(rows) : len(rows) + width].astype(np.float32),
        np.concatenate(biases).astype(np.float32),
    )


def split(examples: list[Example], seed: int) -> tuple[list[int], list[int]]:
    """Seeded held-back split: (training indices, held-back indices). Rows of the same text (one
    text labelled by two annotators) fall on the same side."""
    texts = sorted({e.text for e in examples})
    order = np.random.default_rng(seed).permutation(len(texts))
    held_count = int(round(len(texts) * HELD_BACK)) if len(texts) >= 10 else 0
    held_texts = {texts[i] for i in order[:held_count]}
    held = [i for i, e in enumerate(examples) if e.text in held_texts]
    return [i for i, e in enumerate(examples) if e.text not in held_texts], held


def head_logits(model: EventClassifier, items: list[Featurized], head: str) -> np.ndarray:
    return np.vstack([model.logits(i.features, i.vector)[model.slices[head]] for i in items])


def calibrate(model: EventClassifier, examples: list[Example], items: list[Featurized]) -> dict[str, float]:
    """One temperature per head minimising log-loss on the held-back rows."""
    found = {}
    for head in HEADS:
        labels = model.labels[head]
        chosen = [i for i, e in enumerate(examples) if label_of(e, head) in labels]
        if len(labels) < 2 or not chosen:
            found[head] = 1.0
            continue
        logits = head_logits(model, [items[i] for i in chosen], head)
        truth = np.array([labels.index(label_of(examples[i], head)) for i in chosen])
        losses = [_log_loss(logits / t, truth) for t in TEMPERATURES]
        found[head] = float(round(TEMPERATURES[int(np.argmin(losses))], 4))
    return found


def _log_loss(logits: np.ndarray, truth: np.ndarray) -> float:
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(truth)), truth].mean())


# --- scoring -------------------------------------------------------------------------------


def score_head(
    model: EventClassifier, examples: list[Example], items: list[Featurized], head: str, temperature: float
) -> dict:
    """Per-class P/R/F1, accuracy and calibration of one head on labelled rows."""
    labels = model.labels[head]
    chosen, truth = labelled(examples, head)
    if not chosen:
        return {"rows": 0}
    logits = head_logits(model, [items[i] for i in chosen], head)
    report: dict = {"rows": len(chosen)}
    for name, scale in (("uncalibrated", 1.0), ("calibrated", temperature)):
        probabilities = _softmax(logits / scale)
        report[name] = reliability(
            probabilities.max(axis=1), [labels[j] == t for j, t in zip(probabilities.argmax(axis=1), truth)]
        )
    guesses = [labels[j] for j in logits.argmax(axis=1)]
    report.update(per_class(truth, guesses))
    if head == "event" and "true" in labels:
        report["veto"] = _veto_table(
            _softmax(logits / temperature)[:, labels.index("true")],
            truth,
            ["rule:none" not in items[i].features for i in chosen],
        )
    if head == "acled":
        report["beside_rules"] = _beside_rules(
            _softmax(logits / temperature), labels, truth, [items[i].rules_acled for i in chosen]
        )
    return report


def recovery_table(
    model: EventClassifier, temperatures: dict[str, float], examples: list[Example], items: list[Featurized]
) -> dict:
    """Among held-back rows where the rules code no event: the events the model would add, by
    thresholds on P(event) and P(type), and how many of them are events of that type."""
    rows = [(e, i) for e, i in zip(examples, items) if "rule:none" in i.features]
    table: dict = {"rows_without_rule_events": len(rows), "events_among_them": sum(e.event for e, _ in rows)}
    if not rows or "true" not in model.labels["event"]:
        return table
    judged = []
    for example, item in rows:
        scores = model.logits(item.features, item.vector)
        event = _softmax((scores[model.slices["event"]] / temperatures["event"])[None])[0]
        plover = _softmax((scores[model.slices["plover"]] / temperatures["plover"])[None])[0]
        judged.append(
            (
                event[model.labels["event"].index("true")],
                model.labels["plover"][int(plover.argmax())],
                float(plover.max()),
                example,
            )
        )
    for event_above in (0.5, 0.8):
        for type_above in (0.0, 0.6, 0.9):
            added = [(t, e) for p, t, q, e in judged if p >= event_above and q >= type_above]
            table[f"event_{event_above}_type_{type_above}"] = {
                "added": len(added),
                "events": sum(e.event for _, e in added),
                "right_type": sum(e.event and e.plover == t for t, e in added),
            }
    return table


def _veto_table(probability: np.ndarray, truth: list[str], ruled: list[bool]) -> dict:
    """Among rows where the rules code an event: how many non-events the model's veto removes
    (recall) and how many of the removed are non-events (precision), by threshold."""
    table: dict = {
        "rows_with_rule_events": int(sum(ruled)),
        "non_events_among_them": int(sum(r and t == "false" for r, t in zip(ruled, truth))),
    }
    for threshold in (0.1, 0.2, 0.3, 0.5):
        vetoed = [r and p < threshold for r, p in zip(ruled, probability)]
        right = sum(v and t == "false" for v, t in zip(vetoed, truth))
        table[f"below_{threshold}"] = {"vetoed": int(sum(vetoed)), "non_events": int(right)}
    return table


def _beside_rules(probabilities: np.ndarray, labels: list[str], truth: list[str], rules: list[Optional[str]]) -> dict:
    """Sub-type accuracy of the rules alone, and of the model's sub-type taken over the rules'
    from a confidence threshold up (the threshold the events stage uses is chosen from this)."""
    best, confidence = probabilities.argmax(axis=1), probabilities.max(axis=1)
    figures = {"rules": round(float(np.mean([r == t for r, t in zip(rules, truth)])), 3)}
    for fill in (0.0, 0.3, 0.5):
        for override in (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9):
            chosen = [
                labels[b] if c >= (override if r != NO_ACLED else fill) else r
                for b, c, r in zip(best, confidence, rules)
            ]
            figures[f"fill_{fill}_over_{override}"] = round(float(np.mean([c == t for c, t in zip(chosen, truth)])), 3)
    return figures


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def reliability(confidence: np.ndarray, correct: list[bool]) -> dict:
    """Expected calibration error and the reliability table (equal-width confidence bins)."""
    correct_array = np.array(correct, dtype=float)
    table, ece = [], 0.0
    for low in np.linspace(0, 1, RELIABILITY_BINS, endpoint=False):
        high = low + 1 / RELIABILITY_BINS
        inside = (confidence > low) & (confidence <= high) if low else (confidence <= high)
        if not inside.any():
            continue
        mean_confidence, accuracy = float(confidence[inside].mean()), float(correct_array[inside].mean())
        ece += inside.sum() / len(confidence) * abs(mean_confidence - accuracy)
        table.append(
            {
                "bin": f"{low:.1f}-{high:.1f}",
                "rows": int(inside.sum()),
                "confidence": round(mean_confidence, 3),
                "accuracy": round(accuracy, 3),
            }
        )
    return {"ece": round(float(ece), 4), "table": table}


def per_class(truth: list[str], guesses: list[str]) -> dict:
    """Accuracy, weighted and macro F1 and per-class figures, rounded for the training report."""
    from polemos.eval.events import label_f1

    scores = label_f1(truth, guesses)
    classes = {
        label: {
            "precision": round(f["precision"], 3),
            "recall": round(f["recall"], 3),
            "f1": round(f["f1"], 3),
            "support": f["support"],
        }
        for label, f in scores["per_label"].items()
    }
    return {
        "accuracy": round(scores["accuracy"], 3),
        "weighted_f1": round(scores["weighted_f1"], 3),
        "macro_f1": round(scores["macro_f1"], 3),
        "per_class": classes,
    }


# --- the command ---------------------------------------------------------------------------


def train(
    paths: Iterable[Path],
    out: Path,
    seed: int = 0,
    shared: Optional[Path] = DEFAULT_SHARED,
    pipeline=None,
    warn=None,
    encoder=None,
) -> dict:
    """Train, score, calibrate and write the model to ``out``; returns the training report. With a
    sentence ``encoder`` the model also reads its embedding and is written under its own stem
    (``events-e5``), beside the default model."""
    shout = warn or (lambda message: print(message, file=sys.stderr))
    warnings: list[str] = []

    def keep_and_shout(message: str) -> None:
        warnings.append(message)
        shout(message)

    paths = list(paths)
    examples = load_examples(paths, shared, keep_and_shout)
    if not examples:
        raise ValueError("no annotation rows to train on")
    items = featurize(examples, pipeline, encoder)
    stem = MODEL_STEM if encoder is None else E5_STEM
    training, held = split(examples, seed)
    trial = fit([examples[i] for i in training], [items[i] for i in training], seed)
    held_examples, held_items = [examples[i] for i in held], [items[i] for i in held]
    temperatures = calibrate(trial, held_examples, held_items) if held else {h: 1.0 for h in HEADS}
    report: dict = {
        "annotations": [p.name for p in annotation_files(paths)],
        "rows": len(examples),
        "seed": seed,
        "skipped_warnings": len(warnings),
        "held_back": len(held),
        "temperatures": temperatures,
        "held_back_scores": {h: score_head(trial, held_examples, held_items, h, temperatures[h]) for h in HEADS},
    }
    report["recovery"] = recovery_table(trial, temperatures, held_examples, held_items)
    model = fit(examples, items, seed, temperatures)
    if encoder is not None:
        model.card |= {
            "name": f"polemos event classifier with the {encoder.name} sentence encoder",
            "encoder": encoder.name,
            "encoder_dimensions": encoder.dimensions,
        }
    model.card["training"] = {key: report[key] for key in ("rows", "seed", "held_back", "temperatures")}
    model.card["training"]["held_back_scores"] = {
        h: {k: v for k, v in s.items() if k in ("rows", "accuracy", "weighted_f1", "macro_f1")}
        | {"ece": s.get("calibrated", {}).get("ece")}
        for h, s in report["held_back_scores"].items()
    }
    model.save(out, stem)
    report["files"] = {"weights": str(Path(out) / f"{stem}.npz"), "card": str(Path(out) / f"{stem}.json")}
    report_stem = "training-report" if stem == MODEL_STEM else f"{stem}-training-report"
    (Path(out) / f"{report_stem}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (Path(out) / f"{report_stem}.md").write_text(format_report(report, model.card) + "\n", encoding="utf-8")
    return report


def format_report(report: dict, card: dict) -> str:
    lines = [
        f"# Event classifier: training report",
        "",
        f"Rows: {report['rows']} from {', '.join(report['annotations'])} "
        f"({report['skipped_warnings']} warnings of skipped rows); seed {report['seed']}; "
        f"held back: {report['held_back']} (scored and calibrated on them, then refitted on all rows).",
        "",
    ]
    recovery = report.get("recovery", {})
    if recovery.get("rows_without_rule_events"):
        lines += [
            f"Recovery: of {recovery['rows_without_rule_events']} held-back rows where the rules code no event, "
            f"{recovery['events_among_them']} report one; events the model would add by thresholds on "
            "P(event) and P(type) (added / of them events / of the right type): "
            + ", ".join(
                f"{k}: {v['added']}/{v['events']}/{v['right_type']}" for k, v in recovery.items() if isinstance(v, dict)
            ),
            "",
        ]
    for head in HEADS:
        scores = report["held_back_scores"][head]
        counts = card["heads"][head]["label_counts"]
        lines += [
            f"## Head `{head}` ({card['heads'][head]['trained_on']} training rows, "
            f"temperature {report['temperatures'][head]})",
            "",
        ]
        if not scores.get("rows") or "per_class" not in scores:
            lines += ["No held-back rows for this head.", ""]
            continue
        lines += [
            f"Held back: accuracy {scores['accuracy']}, weighted F1 {scores['weighted_f1']}, "
            f"macro F1 {scores['macro_f1']}; ECE {scores['uncalibrated']['ece']} uncalibrated, "
            f"{scores['calibrated']['ece']} calibrated.",
            "",
            "| class | P | R | F1 | held back | all rows |",
            "|---|---|---|---|---|---|",
        ]
        for label, c in scores["per_class"].items():
            lines.append(
                f"| {label} | {c['precision']} | {c['recall']} | {c['f1']} | {c['support']} | {counts.get(label, 0)} |"
            )
        if "veto" in scores:
            veto = scores["veto"]
            lines += [
                "",
                f"Veto of rule events: of {veto['rows_with_rule_events']} held-back rows where the rules "
                f"code an event, {veto['non_events_among_them']} report none; vetoed below a threshold "
                "(vetoed / of them non-events): "
                + ", ".join(
                    f"{k[6:]}: {v['vetoed']}/{v['non_events']}" for k, v in veto.items() if k.startswith("below_")
                ),
            ]
        if "beside_rules" in scores:
            lines += [
                "",
                "Sub-type accuracy on these rows, rules alone and the model's sub-type taken from a "
                "confidence threshold up, filling in where the rules give none and over the rules': "
                + ", ".join(f"{k} {v}" for k, v in scores["beside_rules"].items()),
            ]
        lines += ["", "Reliability (calibrated): confidence bin, rows, mean confidence, accuracy", ""]
        lines += [
            f"- {b['bin']}: {b['rows']} rows, confidence {b['confidence']}, accuracy {b['accuracy']}"
            for b in scores["calibrated"]["table"]
        ]
        lines.append("")
    return "\n".join(lines)
