"""The learned event detector and typer: does a sentence report a real event, of which type?

The lexicon finds trigger words; whether the sentence around them reports something that
happened (and not an opinion, a negation, an idiom such as "sanctioned" = approved, a
heading) is a judgement a hand-written rule makes badly. This module makes that judgement
with three multinomial logistic-regression heads over one feature vector per sentence:

* ``event``: does the sentence report an event that happened, is happening or is announced;
* ``plover``: the PLOVER type of its main event (16 types);
* ``acled``: the ACLED sub-event type code of that event (24 codes and ``OTHER``), or
  ``NONE`` when the event has no ACLED category (talks, accusations).

Features come from the spaCy Doc the pipeline already has: the sentence's mean word vector,
the mean vector of its main verb and the words that depend on it (who did what to whom, with
what), hashed sparse features (lower-cased lemmas, lemma bigrams, the root verb, a few cues of
negation, modality, questions and headings, the types the rules coded in the sentence and
the ACLED cue words of ``lang/en/tables/events_acled_cues.csv``) and hashed character 3- to 5-grams of
the words, which let "airstrikes", "air-strike" and "strike" share evidence. Each group of
sparse features is scaled to about unit length on its own. Prediction is numpy only; the weights
and the model card ship in ``data/models/`` and are trained by ``polemos train events``
(``polemos.training.events``). Probabilities are calibrated by a temperature per head.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
from spacy.tokens import Span

from polemos.codes import acled_codes
from polemos.events.encoder import MissingEncoder, SentenceEncoder, load_encoder
from polemos.events.words import EventWords

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
MODEL_STEM = "events"  # events.npz (weights) and events.json (model card)
E5_STEM = "events-e5"  # a model that also reads the e5 sentence embedding (measured, not shipped)
HEADS = ("event", "plover", "acled")
NO_ACLED = "NONE"
HASH_BITS = 20
FEATURE_VERSION = 2
CHAR_PREFIX = "c:"  # character n-gram features, hashed apart from the others
CHAR_SIZES = (3, 4, 5)
# Decision thresholds on calibrated probabilities (a model card may override them):
# veto_below: rule events of a sentence the model finds reports no event are dropped;
# type_above: the model retypes the main event; recover_above: it adds an event the rules missed;
# acled_above: the model's ACLED sub-type fills in one the rules did not give (the training report
# compares the model with the rules on held-back rows); acled_over_rules_above: it replaces one
# the rules gave, whose codebook priorities (weapon words, arrests at protests) it only partly learns
# (chosen by cross-validation on our annotations, never on evaluation sets: see the model card).
ACLED_OVER_RULES = 0.5
DEFAULT_THRESHOLDS = {
    "veto_below": 0.1,
    "type_above": 0.9,
    "recover_above": 0.6,
    "acled_above": 0.0,
    "acled_over_rules_above": ACLED_OVER_RULES,
}


@dataclass(frozen=True)
class RuleHint:
    """What the rules coded in a sentence, one per candidate event."""

    type: str
    mode: str | None = None
    acled: str | None = None  # ACLED sub-type code
    modality: str = "asserted"


@dataclass(frozen=True)
class Judgement:
    """The model's calibrated reading of one sentence."""

    event: float  # probability that the sentence reports a particular event
    plover: str
    plover_p: float
    acled: str  # an ACLED sub-type code, or NO_ACLED
    acled_p: float


def load_acled_codes() -> dict[str, dict[str, str]]:
    """ACLED sub-type code -> ``{"event_type", "sub_event_type"}`` as ACLED names them."""
    return {
        code: {"event_type": event_type, "sub_event_type": sub_event_type}
        for code, event_type, sub_event_type in acled_codes()
    }


def code_of(acled: dict | None, codes: dict[str, dict[str, str]]) -> str | None:
    """The code of an ACLED ``{"event_type", "sub_event_type"}`` pair."""
    if not acled:
        return None
    for code, names in codes.items():
        if names["sub_event_type"] == acled.get("sub_event_type"):
            return code
    return None


def sentence_features(
    span: Span, hints: Iterable[RuleHint] = (), cues: Iterable[str] = (), *, event_words: EventWords
) -> list[str]:
    """The sparse feature names of a sentence (or a short snippet): words, pairs, cues, rule output;
    ``event_words`` gives the modal and first-person words the cues read."""
    words = [_word(t) for t in span if not (t.is_punct or t.is_space)]
    features = {f"w:{w}" for w in words}
    features |= {f"b:{a} {b}" for a, b in zip(words, words[1:])}
    features |= _cue_features(span, event_words)
    hints = list(hints)
    for hint in hints:
        features |= {
            f"rule:{hint.type}",
            f"rule:{hint.type}/{hint.mode or '-'}",
            f"rule_acled:{hint.acled or '-'}",
            f"rule_modality:{hint.modality}",
        }
    if not hints:
        features.add("rule:none")
    features |= {f"cue:{c}" for c in cues}
    features.add(f"len:{min(len(words) // 8, 6)}")
    features |= char_features(span)
    return sorted(features)


def char_features(span: Span) -> set[str]:
    """Character 3- to 5-grams of the lower-cased words, with word boundaries marked."""
    grams: set[str] = set()
    for token in span:
        if token.is_punct or token.is_space:
            continue
        word = f"<{token.lower_}>"
        for size in CHAR_SIZES:
            grams.update(CHAR_PREFIX + word[i : i + size] for i in range(len(word) - size + 1))
    return grams


def _word(token) -> str:
    if token.like_num:
        return "#num"
    return token.lemma_.lower() or token.lower_


def _cue_features(span: Span, event_words: EventWords) -> set[str]:
    """General marks of what is not a report: negation, modals, questions, first person, no verb."""
    found = set()
    roots = [t for t in span if t.dep_ == "ROOT"]
    for root in roots:
        found |= {f"root:{_word(root)}", f"root_tag:{root.tag_}"}
    if any(t.dep_ == "neg" for t in span):
        found.add("mark:negation")
    found |= {f"mark:modal:{t.lower_}" for t in span if t.tag_ == "MD" and t.lower_ in event_words.classifier_modals}
    if any(t.text == "?" for t in span):
        found.add("mark:question")
    if any(t.lower_ in event_words.classifier_first_person for t in span):
        found.add("mark:first_person")
    if not any(t.pos_ in {"VERB", "AUX"} for t in span):
        found.add("mark:verbless")
    if not any(t.is_lower for t in span if t.is_alpha):
        found.add("mark:no_lower_case")
    found |= {f"ent:{t.ent_type_}" for t in span if t.ent_type_ and t.ent_iob_ == "B"}
    return found


def bucket(feature: str) -> int:
    """A stable hash of a feature name (Python's own ``hash`` changes between processes);
    character n-grams hash into a range of their own."""
    hashed = zlib.crc32(feature.encode("utf-8")) & ((1 << HASH_BITS) - 1)
    return hashed | (1 << HASH_BITS) if feature.startswith(CHAR_PREFIX) else hashed


def buckets_of(features: list[str]) -> np.ndarray:
    return np.unique(np.fromiter((bucket(f) for f in features), dtype=np.int64, count=len(features)))


def weighted_buckets(features: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The buckets of a sentence's features and the weight of each: every feature of a group
    (character n-grams, the others) weighs the same and each group has about unit length, so
    the many n-grams of a long word do not drown its lemma."""
    chars = [f for f in features if f.startswith(CHAR_PREFIX)]
    others = [f for f in features if not f.startswith(CHAR_PREFIX)]
    found = [(buckets_of(group), sparse_weight(group)) for group in (others, chars) if group]
    if not found:
        return np.zeros(0, np.int64), np.zeros(0)
    return (np.concatenate([b for b, _ in found]), np.concatenate([np.full(len(b), w) for b, w in found]))


def unit_vector(span: Span) -> np.ndarray:
    """The sentence's mean word vector, scaled to unit length (zeros without vectors)."""
    return _unit(np.asarray(span.vector, dtype=np.float32))


def root_context_vector(span: Span) -> np.ndarray:
    """The mean word vector of the sentence's main verb and the words that depend on it (its
    subject, object, the preposition's object are where the event's kind shows), unit length."""
    vectors = [
        np.asarray(t.vector)
        for root in span
        if root.dep_ == "ROOT"
        for t in (root, *root.children)
        if t.has_vector and not t.is_punct
    ]
    return (
        _unit(np.mean(vectors, axis=0).astype(np.float32))
        if vectors
        else np.zeros(span.vocab.vectors_length or 300, np.float32)
    )


def sentence_vector(span: Span) -> np.ndarray:
    """The dense features: the sentence's vector beside its main verb's context vector."""
    return np.concatenate([unit_vector(span), root_context_vector(span)])


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


class EventClassifier:
    """Three calibrated softmax heads over hashed sparse features and the mean word vector.

    ``rows`` are the sorted hash buckets seen in training; ``sparse`` holds their weights
    (one column per class of every head, heads side by side), ``dense`` the word-vector
    weights and ``bias`` the intercepts. ``card`` is the model card: labels of each head,
    temperatures, thresholds and the training figures."""

    def __init__(
        self,
        card: dict,
        rows: np.ndarray,
        sparse: np.ndarray,
        dense: np.ndarray,
        bias: np.ndarray,
        acled_codes: dict[str, dict[str, str]] | None = None,
        encoder: SentenceEncoder | None = None,
    ) -> None:
        self.card = card
        # The language of the sentences it was trained on (cards written before this field: English);
        # its lemmas, cues and vectors mean nothing in another language.
        self.language: str = card.get("language", "en")
        self.encoder = encoder
        self.encoder_name: str | None = card.get("encoder")
        self.spacy_features = bool(card.get("spacy_features", True))
        self.rows = rows
        self.sparse = sparse
        self.dense = dense
        self.bias = bias
        self.labels = {head: card["heads"][head]["labels"] for head in HEADS}
        self.temperatures = {head: float(card["heads"][head].get("temperature", 1.0)) for head in HEADS}
        self.thresholds = {**DEFAULT_THRESHOLDS, **card.get("thresholds", {})}
        self.acled_codes = acled_codes if acled_codes is not None else load_acled_codes()
        slices, start = {}, 0
        for head in HEADS:
            slices[head] = slice(start, start + len(self.labels[head]))
            start += len(self.labels[head])
        self.slices = slices

    @classmethod
    def load(
        cls, directory: Path | str = MODEL_DIR, stem: str = MODEL_STEM, encoder: SentenceEncoder | None = None
    ) -> "EventClassifier":
        """The model ``stem`` of ``directory``; a model that reads a sentence encoder gets ``encoder``,
        or loads the one its card names (an error naming the package when it is not installed)."""
        directory = Path(directory)
        card = json.loads((directory / f"{stem}.json").read_text(encoding="utf-8"))
        if card.get("feature_version") != FEATURE_VERSION:
            raise ValueError(
                f"{directory}: model built for feature version {card.get('feature_version')}, "
                f"this polemos computes version {FEATURE_VERSION}; retrain with `polemos train events`"
            )
        if card.get("encoder") and encoder is None:
            encoder = load_encoder(card["encoder"])
        with np.load(directory / f"{stem}.npz") as weights:
            return cls(
                card,
                weights["rows"],
                weights["sparse"].astype(np.float32),
                weights["dense"].astype(np.float32),
                weights["bias"].astype(np.float32),
                encoder=encoder,
            )

    @classmethod
    def load_optional(cls, directory: Path | str = "default") -> "EventClassifier | None":
        """The model in ``directory`` ("default": the shipped one), or None when none was trained there."""
        directory = MODEL_DIR if directory == "default" else Path(directory)
        return cls.load(directory) if (directory / f"{MODEL_STEM}.json").exists() else None

    def save(self, directory: Path | str, stem: str = MODEL_STEM) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / f"{stem}.npz",
            rows=self.rows,
            sparse=self.sparse.astype(np.float16),
            dense=self.dense.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )
        (directory / f"{stem}.json").write_text(json.dumps(self.card, indent=2) + "\n", encoding="utf-8")

    def dense_vector(self, span: Span) -> np.ndarray:
        """The dense features this model reads: spaCy's vectors, the encoder's embedding, or both."""
        parts = [sentence_vector(span)] if self.spacy_features else []
        if self.encoder_name:
            if self.encoder is None:
                raise MissingEncoder(
                    f"this event model reads the {self.encoder_name} sentence encoder, which was not loaded"
                )
            parts.append(self.encoder.embed([span.text])[0])
        return np.concatenate(parts)

    def judge(
        self, span: Span, hints: Iterable[RuleHint] = (), cues: Iterable[str] = (), *, event_words: EventWords
    ) -> Judgement:
        """The model's reading of a sentence; ``event_words`` gives the cue words its features read."""
        features = sentence_features(span, hints, cues, event_words=event_words) if self.spacy_features else []
        probabilities = self.probabilities(features, self.dense_vector(span))
        plover = int(np.argmax(probabilities["plover"]))
        acled = int(np.argmax(probabilities["acled"]))
        event_labels = self.labels["event"]
        return Judgement(
            event=float(probabilities["event"][event_labels.index("true")]) if "true" in event_labels else 0.0,
            plover=self.labels["plover"][plover],
            plover_p=float(probabilities["plover"][plover]),
            acled=self.labels["acled"][acled],
            acled_p=float(probabilities["acled"][acled]),
        )

    def logits(self, features: list[str], vector: np.ndarray) -> np.ndarray:
        """Raw scores of every class of every head, side by side (before temperature)."""
        # einsum, not BLAS's matrix product: for one sentence the threads BLAS starts cost
        # tens of times the arithmetic, more so on a busy machine
        scores = self.bias + np.einsum("i,ij->j", np.asarray(vector, dtype=np.float32), self.dense)
        buckets, weights = weighted_buckets(features)
        positions, seen = known_rows(self.rows, buckets)
        if len(positions):
            scores = scores + np.einsum("i,ij->j", weights[seen].astype(np.float32), self.sparse[positions])
        return scores

    def probabilities(self, features: list[str], vector: np.ndarray) -> dict[str, np.ndarray]:
        scores = self.logits(features, vector)
        return {head: softmax(scores[self.slices[head]] / self.temperatures[head]) for head in HEADS}

    def acled_names(self, code: str) -> dict[str, str | None] | None:
        """``{"event_type", "sub_event_type"}`` of a predicted code; None for NO_ACLED."""
        names = self.acled_codes.get(code)
        return dict(names) if names else None


def known_rows(rows: np.ndarray, hashed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions in the sorted ``rows`` of the buckets that training saw, and which of
    ``hashed`` they are (a boolean mask)."""
    if not len(rows):
        return hashed[:0], np.zeros(len(hashed), dtype=bool)
    positions = np.minimum(np.searchsorted(rows, hashed), len(rows) - 1)
    seen = rows[positions] == hashed
    return positions[seen], seen


def sparse_weight(features: list[str]) -> float:
    """Every feature of a sentence weighs the same, and the sparse part has about unit length."""
    return 1.0 / np.sqrt(max(len(features), 1))


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)
