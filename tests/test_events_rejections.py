"""The events stage's rejection rules, each on its own: a made-up sentence whose trigger the rule
rejects, beside one whose trigger it lets through, read by the real pipeline and the coder's
``readings``."""

from __future__ import annotations

import pytest

from coded_sentences import PUBLISHED

from polemos.eval.events import SentenceCoder
from polemos.events.coder import (
    EventCoder,
    TriggerReading,
    act_judged,
    advice_to_you,
    asked_of_anyone,
    hyphened_quality,
    any_such_event,
    appeal_for_tips,
    asked_for_only,
    background_argument,
    bare_event_noun,
    general_claim,
    generic_without_parties,
    nothing_acts,
    nothing_particular,
    precedent_in_general,
    private_talk,
    speaks_of_an_incident,
    undated_commentary,
    unreal_without_parties,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def reading(coder: SentenceCoder, text: str, trigger: str) -> TriggerReading:
    """How the events stage reads the trigger word ``trigger`` of ``text``."""
    record, doc = coder.code_one(text, PUBLISHED)
    events: EventCoder = dict(coder.pipeline.stages)["events"]
    found = [r for r in events.readings(record, doc) if r.match.head.text == trigger]
    assert found, f"no trigger {trigger!r} in {text!r}"
    return found[0]


def event_triggers(coder: SentenceCoder, text: str) -> list[str]:
    record, _doc = coder.code_one(text, PUBLISHED)
    return [e.trigger or "" for e in record.events]


def test_an_arrest_only_demanded_is_no_arrest(coder):
    demanded = reading(coder, "Farmers in the valley demanded the arrest of the mill owner.", "arrest")
    made = reading(coder, "Police arrested the mill owner in the valley on Monday.", "arrested")
    assert asked_for_only(demanded.match, demanded.context)
    assert not asked_for_only(made.match, made.context)


def test_a_police_appeal_for_tips_is_no_request(coder):
    appeal = reading(
        coder, "Anyone with information about the burglary is asked to call the sheriff's office.", "asked"
    )
    request = reading(coder, "The governor asked the army for help.", "asked")
    assert appeal_for_tips(appeal.match, appeal.context)
    assert not appeal_for_tips(request.match, request.context)


def test_an_act_that_may_happen_with_no_one_named_is_no_event(coder):
    assert unreal_without_parties(reading(coder, "A ceasefire may be declared soon.", "declared"))
    assert not unreal_without_parties(reading(coder, "The rebels may declare a ceasefire soon.", "declare"))


def test_what_can_happen_is_no_event(coder):
    assert general_claim(reading(coder, "A long war can have no winner.", "war"))
    assert not general_claim(reading(coder, "The long war ended in 1995.", "war"))


def test_undated_analysis_about_it_is_no_event(coder):
    assert undated_commentary(reading(coder, "It allows the governors to raise taxes without a vote.", "allows"))
    assert not undated_commentary(
        reading(coder, "The council allows the governors to raise taxes without a vote.", "allows")
    )


def test_an_indefinite_event_noun_is_no_particular_event(coder):
    assert any_such_event(reading(coder, "There may be more attacks on the ferry line.", "attacks"))
    assert not any_such_event(reading(coder, "A car bomb exploded in the crowded market.", "bomb"))


def test_a_bare_event_noun_is_no_particular_event(coder):
    assert bare_event_noun(reading(coder, "The region lives in a perpetual state of war.", "war"))
    assert not bare_event_noun(reading(coder, "The war reshaped the valley.", "war"))


def test_an_act_without_parties_date_or_victims_is_no_event(coder):
    assert nothing_particular(reading(coder, "He was arrested after a long chase through the old town.", "arrested"))
    assert not nothing_particular(reading(coder, "Four people were shot.", "shot"))


def test_a_general_statement_in_a_dated_period_is_no_event(coder):
    assert generic_without_parties(reading(coder, "This month, rockets strike the town every night.", "strike"))
    assert not generic_without_parties(reading(coder, "In May, shells hit the village every morning.", "hit"))


def test_a_recalled_event_in_a_general_statement_is_no_report(coder):
    argued = reading(coder, "Farmers recall the 2001 treaty that bans landmines in the hills.", "bans")
    situating = reading(coder, "Since the war, prices rise every month.", "war")
    assert argued.background and background_argument(argued)
    assert situating.background and not background_argument(situating)


def test_one_party_speaking_of_an_incident_is_no_consultation(coder):
    assert speaks_of_an_incident(
        reading(coder, "Police Chief Mark Jones discusses the Friday shooting on Elm Street.", "discusses")
    )
    assert not speaks_of_an_incident(
        reading(coder, "The two leaders discussed the border dispute on Monday.", "discussed")
    )
    assert not speaks_of_an_incident(
        reading(coder, "The mayor discussed the shooting with the governor on Monday.", "discussed")
    )
    assert not speaks_of_an_incident(
        reading(
            coder,
            "The sheriff was discussing recent shootings at a meeting of county sheriffs on Monday.",
            "discussing",
        )
    )


def test_what_happened_in_cases_of_a_kind_is_no_particular_event(coder):
    assert precedent_in_general(
        reading(
            coder,
            "He said there were examples when the single largest party had been asked to form the government.",
            "asked",
        )
    )
    assert precedent_in_general(
        reading(coder, "In such cases the police arrest the organisers of the march, the lawyer said.", "arrest")
    )
    assert not precedent_in_general(
        reading(coder, "He said the single largest party had been asked to form the government on Monday.", "asked")
    )


def test_an_act_weighed_under_it_is_adjective_is_no_event(coder):
    assert act_judged(
        reading(coder, "Will it be fair to expect the district officials to arrest him in the town?", "arrest")
    )
    assert act_judged(reading(coder, "It is easy to blame the police chief, but his hands were tied.", "blame"))
    assert not act_judged(
        reading(coder, "It was clear that the police had arrested the killers on Monday.", "arrested")
    )


def test_nothing_that_prevented_an_act_is_no_restriction(coder):
    assert nothing_acts(
        reading(
            coder,
            "Experts said there was nothing in his known history that prevented him from "
            "making legal purchases of the rifles.",
            "prevented",
        )
    )
    assert not nothing_acts(
        reading(coder, "Police prevented the marchers from entering the town on Monday.", "prevented")
    )


def test_a_talk_between_private_persons_is_no_consultation(coder):
    assert private_talk(
        reading(
            coder,
            "A deputy arrived at the house and had a discussion with Mark Spirit, at which point Spirit shot himself.",
            "discussion",
        )
    )
    assert not private_talk(reading(coder, "Vajpayee met Musharraf in Agra on Monday.", "met"))
    assert not private_talk(reading(coder, "Sonia Gandhi met the governor on Monday to discuss the crisis.", "met"))


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Farmers in the valley demanded the arrest of the mill owner.", "arrest"),
        (
            "A deputy arrived at the house and had a discussion with Mark Spirit, at which point Spirit shot himself.",
            "discussion",
        ),
        (
            "Experts said there was nothing in his known history that prevented him from making legal purchases of the "
            "rifles.",
            "prevented",
        ),
        ("Will it be fair to expect the district officials to arrest him in the town?", "arrest"),
        ("He said there were examples when the single largest party had been asked to form the government.", "asked"),
        ("In such cases the police arrest the organisers of the march, the lawyer said.", "arrest"),
        ("Police Chief Mark Jones discusses the Friday shooting on Elm Street.", "discusses"),
        ("This month, rockets strike the town every night.", "strike"),
    ],
)
def test_a_rejected_trigger_codes_no_event(coder, text, trigger):
    assert not any(trigger in t.split() for t in event_triggers(coder, text))


def test_a_request_put_to_anyone_is_an_appeal(coder):
    appeal = reading(coder, "Anyone who knew his whereabouts was asked to call police immediately.", "asked")
    request = reading(coder, "The governor was asked to call the army by the mayor.", "asked")
    assert asked_of_anyone(appeal.match, appeal.context)
    assert not asked_of_anyone(request.match, request.context)


def test_a_participle_hyphened_to_a_noun_is_a_quality(coder):
    quality = reading(coder, "A man was shot in the head, but the injury was not life-threatening.", "threatening")
    act = reading(coder, "The gunman was threatening customers with a knife on Monday.", "threatening")
    assert hyphened_quality(quality.match, quality.context)
    assert not hyphened_quality(act.match, act.context)


def test_advice_addressed_to_you_is_no_demand(coder):
    advice = reading(
        coder, '"You should not let teenagers hold parties in your house," the police chief said.', "should"
    )
    demand = reading(coder, "The opposition said the minister should resign at once.", "should")
    assert advice_to_you(advice)
    assert not advice_to_you(demand)
