"""How the rules and the event model combine in a sentence: which mention carries the model's
reading, and when the model adds an event the lexicon missed. The model is the shipped one with
its readings forced (a large bias on one class), so each test says what a sure model does."""

from __future__ import annotations

import pytest

from polemos.events import EventCoder
from polemos.events.classifier import EventClassifier, code_of
from polemos.eval.events import SentenceCoder


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


@pytest.mark.slow
def test_a_weapons_find_the_model_is_sure_of_is_kept_though_its_plover_type_is_split(coder):
    # the sub-type is clear, the PLOVER type is not: coercion and assault each get half
    model = _forced({"event": ["true"], "plover": ["COERCE", "ASSAULT"], "acled": ["DISR_WEAP"]})
    record, doc = coder.code_one("A stash of rifles and ammunition turned up in a drainage ditch near Kitale "
                                 "on Tuesday.", "2024-05-01")
    _stage(coder, model).annotate(record, doc)
    assert [code_of(e.acled, model.acled_codes) for e in record.events] == ["DISR_WEAP"]
    assert record.events[0].coder == "model"



@pytest.mark.slow
def test_the_mention_the_model_reads_the_sentence_as_is_as_sure_as_the_sentence(coder):
    # the model reads an attack (PLOVER) and a takeover (ACLED) but may not replace the rules' codes:
    # the takeover mention, whose rule code is the model's reading, is no less sure than the main event
    model = _forced({"event": ["true"], "plover": ["ASSAULT"], "acled": ["NON_STATE_ACTOR_OVERTAKES_TER"]},
                    acled_over_rules_above=1.01)
    record, doc = coder.code_one("Rebels seized the district headquarters in Kalehe on Saturday, while a roadside "
                                 "bomb killed five soldiers near Bukavu.", "2024-05-01")
    _stage(coder, model).annotate(record, doc)
    codes = {code_of(e.acled, model.acled_codes): e.confidence for e in record.events if e.acled}
    assert "NON_STATE_ACTOR_OVERTAKES_TER" in codes, codes
    assert codes["NON_STATE_ACTOR_OVERTAKES_TER"] == max(e.confidence for e in record.events)
