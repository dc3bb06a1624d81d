"""Events that a careful reader would not count, on made-up sentences run through the real
pipeline: acts only asked for, planned, recommended or habitual, acts inside a denied report,
a figurative object, a noun pattern read across a date, and a refusal to make a statement.
Each false reading is gone while a true reading of the same word stays.
"""

from __future__ import annotations

import pytest

from coded_sentences import assert_only_the_true_reading, kinds

from polemos.eval.events import SentenceCoder
from polemos.events.lexicon import Lexicon
from polemos.events.triggers import find_triggers
from polemos.events.words import EventWords
from polemos.lang import LanguageData

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        # Asked for or directed, not done.
        (
            "The lawyer has sought a direction to prevent the marchers from reaching the town.",
            "Police prevented the marchers from reaching the town.",
            ("COERCE", "asserted"),
        ),
        (
            "The centre directed the state government to prevent the influx of protesters.",
            "Police prevented the marchers from reaching the town.",
            ("COERCE", "asserted"),
        ),
        # Denied.
        (
            "He refuted reports that the army had deployed troops in the town.",
            "The army deployed troops in the town on Monday.",
            ("MOBILIZE", "asserted"),
        ),
        # An opinion of how it should be done.
        (
            "The attack was best investigated by the police, the minister said.",
            "The police investigated the attack.",
            ("ACCUSE", "asserted"),
        ),
        # A refusal to make a statement is no rejection between parties.
        (
            "The minister refused to make a statement on the riots.",
            "The rebels refused to sign the ceasefire.",
            ("REJECT", "asserted"),
        ),
        # Land merged with a road is no cooperation.
        (
            "The disputed plot was merged with the adjoining road.",
            "The two rebel groups merged with each other to fight the army.",
            ("COOPERATE", "asserted"),
        ),
    ],
)
def test_false_reading_is_gone_and_true_reading_stays(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)


def test_refused_act_is_still_negated_beside_a_refusal(coder):
    found = kinds(coder, "The rebels refused to sign the ceasefire.")
    assert ("REJECT", "asserted") in found and ("SUPPORT", "negated") in found


def test_denied_deployment_is_negated(coder):
    assert ("MOBILIZE", "negated") in kinds(coder, "He refuted reports that the army had deployed troops in the town.")


def test_figurative_hijacking_is_no_abduction(coder):
    figurative = "The party accused the opposition of spreading lies by hijacking a section of the media."
    assert not {t for t, _ in kinds(coder, figurative)} & {"ASSAULT"}
    assert ("ASSAULT", "asserted") in kinds(coder, "Gunmen hijacked a bus carrying forty passengers.")


@pytest.mark.parametrize(
    "text",
    [
        "A series of meetings were slated with the party leadership to discuss the situation.",
        "The opposition leader sought to move a motion to discuss the riots.",
    ],
)
def test_planned_or_moved_discussion_is_not_asserted(coder, text):
    assert ("CONSULT", "asserted") not in kinds(coder, text)


def test_held_meeting_stays_asserted(coder):
    assert ("CONSULT", "asserted") in kinds(
        coder, "Meetings were held with the party leadership to discuss the situation."
    )


def _patterns(coder: SentenceCoder, text: str) -> set[str]:
    doc = coder.pipeline.nlp(text)
    lexicon = Lexicon.load()
    return {
        m.entry.text
        for sentence in doc.sents
        for m in find_triggers(sentence, lexicon, EventWords(LanguageData.load()), set())
    }


def test_noun_pattern_does_not_span_a_preposition_and_a_date(coder):
    assert "route march" not in _patterns(
        coder, "The railway diverted four trains from their normal route from March 15."
    )
    assert "route march" in _patterns(coder, "Hundreds of policemen took part in the route march.")


def test_act_left_up_to_someone_is_not_asserted(coder):
    assert ("COERCE", "asserted") not in kinds(coder, "It was up to the police to arrest the gunmen.")
    assert ("COERCE", "asserted") in kinds(coder, "Police arrested the marchers on Monday.")


def test_measures_directed_to_prevent_are_not_asserted(coder):
    directed = (
        "The Centre directed the state government to check the influx of protesters into the town "
        "and to take strict measures to prevent the same."
    )
    assert ("COERCE", "asserted") not in kinds(coder, directed)
    assert ("COERCE", "asserted") in kinds(
        coder, "The state government took strict measures to prevent the influx of protesters."
    )
