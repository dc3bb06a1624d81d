"""How the rules and the event model combine in a sentence: which mention carries the model's
reading and keeps it when mentions fold together. The model is the shipped one with its readings
forced (a large bias on one class), so each test says what a sure model does."""

from __future__ import annotations

import pytest

from polemos.events import EventCoder
from polemos.events.classifier import EventClassifier, code_of
from polemos.eval.events import SentenceCoder
from polemos.events.merge import Candidate, evidence_for, merge_mentions
from polemos.record import Event


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def _forced(readings: dict[str, list[str]], **thresholds: float) -> EventClassifier:
    """The shipped model made sure of ``readings`` (head -> the classes it favours equally)."""
    model = EventClassifier.load()
    model.thresholds = {**model.thresholds, **thresholds}
    model.bias = model.bias.copy()
    for head, labels in readings.items():
        for label in labels:
            model.bias[model.slices[head].start + model.labels[head].index(label)] += 100.0
    return model


def _stage(coder: SentenceCoder, model: EventClassifier) -> EventCoder:
    stage = dict(coder.pipeline.stages)["events"]
    return EventCoder(stage.lexicon, stage.acled_rules, stage.resolver, stage.incidents, stage.figures, model)


def test_folded_mentions_keep_the_category_of_the_sentences_main_event():
    # "killed" (a side word the rules typed alone) comes first in the text; "clashed", the sentence's
    # main event as the model read it, folds into it: the event is the clash the sentence reports
    text = "Troops clashed with the rebels and killed twelve of them."
    side = Event(
        id="",
        type="ASSAULT",
        actor=["COD.MIL"],
        acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"},
        evidence=[evidence_for(text, 0, len(text))],
        confidence=0.6,
    )
    main = Event(
        id="",
        type="ASSAULT",
        actor=["COD.MIL"],
        acled={"event_type": "Battles", "sub_event_type": "Armed clash"},
        evidence=[evidence_for(text, 0, len(text))],
        confidence=0.9,
        coder="both",
    )
    [event] = merge_mentions([Candidate(side, 0), Candidate(main, 0, sentence_main=True)])
    assert event.acled["sub_event_type"] == "Armed clash" and event.coder == "both"
    [event] = merge_mentions([Candidate(main, 0, sentence_main=True), Candidate(side, 0)])
    assert event.acled["sub_event_type"] == "Armed clash"


@pytest.mark.slow
def test_the_mention_the_model_reads_the_sentence_as_is_as_sure_as_the_sentence(coder):
    # the model reads an attack (PLOVER) and a takeover (ACLED) but may not replace the rules' codes:
    # the takeover mention, whose rule code is the model's reading, is no less sure than the main event
    model = _forced(
        {"event": ["true"], "plover": ["ASSAULT"], "acled": ["NON_STATE_ACTOR_OVERTAKES_TER"]},
        acled_over_rules_above=1.01,
    )
    record, doc = coder.code_one(
        "Rebels seized the district headquarters in Kalehe on Saturday, while a roadside "
        "bomb killed five soldiers near Bukavu.",
        "2024-05-01",
    )
    _stage(coder, model).annotate(record, doc)
    codes = {code_of(e.acled, model.acled_codes): e.confidence for e in record.events if e.acled}
    assert "NON_STATE_ACTOR_OVERTAKES_TER" in codes, codes
    assert codes["NON_STATE_ACTOR_OVERTAKES_TER"] == max(e.confidence for e in record.events)
