"""The learned event classifier: the shipped model, its part in the events stage, and training it.

Sentences are our own writing (``tests/fixtures/events/classifier_cases.jsonl``): idioms,
negations, headings, analysis and hypotheticals that only look like events, and events in
wordings the lexicon may miss. Everything runs through the real spaCy pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from conftest import SHARED, needs_shared, run_cli
from polemos.events import EventCoder
from polemos.events.classifier import EventClassifier
from polemos.events.words import EventWords
from polemos.lang import LanguageData
from polemos.training.events import load_examples
from polemos.eval.events import SentenceCoder, main_event

FIXTURES = Path(__file__).parent / "fixtures" / "events"
CASES = [json.loads(line) for line in (FIXTURES / "classifier_cases.jsonl").read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def _reading(record, doc) -> tuple[bool, str | None]:
    """What a user of the events table sees: is there an asserted event, and of which type."""
    asserted = [e for e in record.events if e.modality == "asserted"]
    if not asserted:
        return False, None
    return True, main_event(record.__class__(**{**vars(record), "events": asserted}), doc).type


def _right(case: dict, reading: tuple[bool, str | None]) -> bool:
    happened, event_type = reading
    return happened == case["event"] and (not happened or event_type == case["plover"])


def test_the_shipped_model_loads_with_three_calibrated_heads():
    model = EventClassifier.load()
    assert set(model.labels) == {"event", "plover", "acled"}
    assert "true" in model.labels["event"] and "ASSAULT" in model.labels["plover"]
    assert all(t > 0 for t in model.temperatures.values())


@pytest.mark.slow
def test_combined_events_beat_the_rules_on_our_own_hard_cases(coder):
    combined = dict(coder.pipeline.stages)["events"]
    assert combined.classifier is not None, "the pipeline loads the shipped event model"
    rules = EventCoder(combined.lexicon, combined.acled_rules, combined.resolver, combined.incidents, combined.figures)
    right = {"rules": 0, "combined": 0}
    for case, (record, doc) in zip(CASES, coder.code((c["text"], "2024-05-01") for c in CASES)):
        right["combined"] += _right(case, _reading(record, doc))
        assert all(e.coder in {"rules", "model", "both"} for e in record.events)
        rules.annotate(record, doc)
        right["rules"] += _right(case, _reading(record, doc))
        assert all(e.coder == "rules" for e in record.events)
    # The model recovers an attack the lexicon has no trigger for ("stormed a wedding party") and
    # vetoes what the rules take literally (a footballer who "killed it", a film about a coup).
    assert right["combined"] > right["rules"], right


@pytest.mark.slow
def test_an_idiom_is_no_sanction_and_a_shooting_is_an_assault_the_model_agrees_with(coder):
    record, doc = coder.code_one(
        "The provincial council had sanctioned the money for the new bridge months before the floods."
    )
    assert not [e for e in record.events if e.type == "SANCTION"]
    record, doc = coder.code_one("Gunmen shot dead two farmers near the village of Tudun Wada on Sunday.", "2024-05-01")
    event = main_event(record, doc)
    assert event.type == "ASSAULT" and event.coder in {"both", "model"}
    assert 0.5 < event.confidence <= 1.0
    assert event.acled["event_type"] == "Violence against civilians"


@pytest.mark.slow
def test_the_coder_field_survives_the_store(tmp_path, coder):
    from polemos.store import open_store

    record, _doc = coder.code_one(
        "Gunmen shot dead two farmers near the village of Tudun Wada on Sunday.", "2024-05-01"
    )
    with open_store(str(tmp_path / "events.db")) as store:
        store.add(record)
        stored, _total = store.events()
        reread = store.get_record(record.document.id)
    assert stored and all(e.to_dict()["coder"] in {"rules", "model", "both"} for e in stored)
    assert [e.coder for e in reread.events] == [e.coder for e in record.events]


def _coder_with(coder: SentenceCoder, model: EventClassifier) -> EventCoder:
    """The pipeline's events stage with another (real) model in it."""
    stage = dict(coder.pipeline.stages)["events"]
    return EventCoder(stage.lexicon, stage.acled_rules, stage.resolver, stage.incidents, stage.figures, model)


@pytest.mark.slow
def test_a_veto_drops_a_shooting_but_never_an_accident_the_rules_recognised(coder):
    vetoing = EventClassifier.load()
    vetoing.thresholds = {**vetoing.thresholds, "veto_below": 1.01}  # a model that doubts every sentence
    strict = _coder_with(coder, vetoing)
    record, doc = coder.code_one(
        "A 6-year-old boy accidentally shot his brother with a pistol he found in a closet on Sunday.", "2024-05-01"
    )
    strict.annotate(record, doc)
    assert [(e.type, "accidental" in e.context) for e in record.events] == [("ACCIDENT", True)]
    record, doc = coder.code_one("Gunmen shot dead two farmers near the village of Tudun Wada on Sunday.", "2024-05-01")
    strict.annotate(record, doc)
    assert record.events == []


@pytest.mark.slow
def test_a_demonstration_keeps_a_protest_sub_type_whatever_the_model_says(coder):
    attacking = EventClassifier.load()
    attacking.thresholds = {**attacking.thresholds, "acled_over_rules_above": 0.0}
    attack = attacking.slices["acled"].start + attacking.labels["acled"].index("ATTACK")
    attacking.bias = attacking.bias.copy()
    attacking.bias[attack] += 100.0  # a model sure that every event is an attack
    typed = _coder_with(coder, attacking)
    record, doc = coder.code_one(
        "Riot police detained 40 demonstrators during a rally against fuel prices in Lagos on Friday.", "2024-05-01"
    )
    typed.annotate(record, doc)
    assert record.events and {e.acled["event_type"] for e in record.events if e.acled} == {"Protests"}
    record, doc = coder.code_one("Troops clashed with rebels outside Goma on Monday.", "2024-05-01")
    typed.annotate(record, doc)
    assert main_event(record, doc).acled["sub_event_type"] == "Attack"  # elsewhere the model's sub-type holds


TINY = [
    {
        "id": "t1",
        "text": "Soldiers shelled the rebel positions outside the town on Monday.",
        "event": True,
        "plover": "ASSAULT",
        "acled": "ART_MISS_ATTACK",
    },
    {
        "id": "t2",
        "text": "Militiamen shot dead a shopkeeper at the market on Sunday.",
        "event": True,
        "plover": "ASSAULT",
        "acled": "ATTACK",
    },
    {
        "id": "t3",
        "text": "Thousands of teachers marched peacefully to parliament demanding higher pay.",
        "event": True,
        "plover": "PROTEST",
        "acled": "PEACE_PROTEST",
    },
    {
        "id": "t4",
        "text": "Nurses staged a sit-in outside the health ministry on Thursday.",
        "event": True,
        "plover": "PROTEST",
        "acled": "PEACE_PROTEST",
    },
    {
        "id": "t5",
        "text": "Police arrested six opposition organisers in a dawn raid.",
        "event": True,
        "plover": "COERCE",
        "acled": "ARREST",
    },
    {
        "id": "t6",
        "text": "The two parties signed a ceasefire agreement in the capital.",
        "event": True,
        "plover": "AGREE",
        "acled": "AGREEMENT",
    },
    {
        "id": "t7",
        "text": "The budget committee sanctioned the purchase of new ambulances.",
        "event": False,
        "plover": None,
        "acled": None,
    },
    {
        "id": "t8",
        "text": "Analysts say the war has no military solution.",
        "event": False,
        "plover": None,
        "acled": None,
    },
    {
        "id": "t9",
        "text": "Police did not fire on the marchers, officials insisted.",
        "event": False,
        "plover": "ASSAULT",
        "acled": None,
    },
    {"id": "t10", "text": "Latest news from the region", "event": False, "plover": None, "acled": None},
    {
        "id": "t11",
        "text": "Gunmen abducted a priest from his parish on the outskirts of the city.",
        "event": True,
        "plover": "ASSAULT",
        "acled": "ABDUCT_DISSAP",
    },
    {
        "id": "t12",
        "text": "If the deal fails, the army may resume its offensive.",
        "event": False,
        "plover": None,
        "acled": None,
    },
]


@pytest.mark.slow
def test_training_on_a_tiny_file_gives_a_model_that_loads_and_predicts_the_same_each_time(tmp_path, coder):
    annotations = tmp_path / "tiny.jsonl"
    annotations.write_text("".join(json.dumps(row) + "\n" for row in TINY), encoding="utf-8")
    for name in ("first", "second"):
        result = run_cli("train", "events", str(annotations), "--out", str(tmp_path / name), "--seed", "7")
        assert result.returncode == 0, result.stderr.decode()
    assert b"trained on 12 rows" in result.stdout
    first, second = EventClassifier.load(tmp_path / "first"), EventClassifier.load(tmp_path / "second")
    assert np.array_equal(first.sparse, second.sparse) and np.array_equal(first.dense, second.dense)
    report = (tmp_path / "first" / "training-report.md").read_text(encoding="utf-8")
    assert "Head `acled`" in report and "Reliability" in report
    doc = coder.pipeline.nlp("Militiamen shot dead a farmer near the river on Friday.")
    english = EventWords(LanguageData.load("en"))
    assert first.judge(doc[:], event_words=english) == second.judge(doc[:], event_words=english)


def test_pointer_rows_read_the_shared_text_and_skip_what_does_not_match(tmp_path):
    corpus = tmp_path / "shared" / "corpora" / "india-police-events"
    corpus.mkdir(parents=True)
    text = "Headline here. A mob set fire to two shops in the old quarter on Tuesday. More later."
    (corpus / "docs.jsonl").write_text(json.dumps({"doc_id": "d1", "doc_text": text}) + "\n", encoding="utf-8")
    start, end = 15, 72
    import hashlib

    good = hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()[:12]
    rows = [
        {
            "id": "p1",
            "corpus": "india-police-events",
            "doc": "d1",
            "start": start,
            "end": end,
            "sha1": good,
            "event": True,
            "plover": "ASSAULT",
            "acled": "MOB_VIOL",
        },
        {
            "id": "p2",
            "corpus": "india-police-events",
            "doc": "d1",
            "start": 0,
            "end": 14,
            "sha1": "000000000000",
            "event": False,
            "plover": None,
            "acled": None,
        },
    ]
    path = tmp_path / "real.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    warnings: list[str] = []
    examples = load_examples([path], tmp_path / "shared", warnings.append)
    assert [e.text for e in examples] == [text[start:end]]
    assert len(warnings) == 1 and "p2" in warnings[0]
    warnings.clear()
    assert load_examples([path], tmp_path / "absent", warnings.append) == []
    assert len(warnings) == 1 and "absent" in warnings[0]


@pytest.mark.slow
@needs_shared
def test_case_snippets_are_scored_for_rules_model_and_both_side_by_side():
    path = SHARED / "eval" / "events" / "case2021-task2-dev.tsv"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    result = run_cli("eval", "events", str(path), "--limit", "15")
    assert result.returncode == 0, result.stderr.decode()
    output = result.stdout.decode()
    assert "rules" in output and "model" in output and "combined" in output
    assert "left out of the standard score" in output
