"""Sentences that look like events and are not, or are another kind of event, on made-up sentences
run through the real pipeline: emergency calls and appeals for tips, reported questions, naming
("called it a tragedy"), reporting verbs, acts only demanded, idioms, steps in a criminal case,
deaths in accidents, and police shows of force.
"""

from __future__ import annotations

import pytest

from polemos.eval.events import SentenceCoder

pytestmark = pytest.mark.slow

PUBLISHED = "2024-05-01"


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def kinds(coder: SentenceCoder, text: str) -> list[tuple[str, str]]:
    record, _doc = coder.code_one(text, PUBLISHED)
    return [(e.type, e.modality) for e in record.events]


def types(coder: SentenceCoder, text: str) -> set[str]:
    return {t for t, _ in kinds(coder, text)}


@pytest.mark.parametrize("text", [
    "Anyone with information about the robbery is asked to call the county sheriff at 555-0100.",
    "Whoever has information on the missing truck is urged to contact the tip line.",
    "The girl ran to a house nearby and called for help.",
    "Her brother called 911 from the kitchen.",
    "A neighbour called the police around midnight.",
])
def test_emergency_calls_and_appeals_for_tips_are_no_events(coder, text):
    assert types(coder, text) == set(), kinds(coder, text)


@pytest.mark.parametrize("text", [
    '"Who fired first?" the lawyer asked.',
    "The mayor called the verdict a disgrace for the city.",
    "The envoy recalled that the talks had collapsed in 2019.",
    "The minister admitted that the police had failed to act.",
    "The spokesman declined to comment on the arrests.",
    "Talking to reporters on Sunday, the commissioner said the city was calm.",
    "The gang committed three robberies in January.",
])
def test_questions_naming_and_reporting_verbs_are_no_events(coder, text):
    assert types(coder, text) == set(), kinds(coder, text)


def test_a_reporters_question_is_no_request(coder):
    found = types(coder, "Asked whether the army would be deployed, the minister said no decision had been taken.")
    assert "REQUEST" not in found


def test_recalling_an_ambassador_is_still_a_sanction(coder):
    assert "SANCTION" in types(coder, "The government recalled its ambassador from Lisbon on Tuesday.")


def test_calling_on_a_government_to_act_is_still_a_request(coder):
    assert "REQUEST" in types(coder, "The opposition called on the government to release the detained editors.")


@pytest.mark.parametrize("text, undone", [
    ("The party demanded the arrest of the officers on Monday.", "COERCE"),
    ("Protesters demanded the resignation of the police chief on Monday.", "RETREAT"),
    ("The state government sought the deployment of the army in Faizabad.", "MOBILIZE"),
])
def test_an_act_only_demanded_is_not_coded_as_done(coder, text, undone):
    found = kinds(coder, text)
    assert (undone, "asserted") not in found, found


def test_the_demand_itself_stays_a_request(coder):
    assert "REQUEST" in types(coder, "Protesters demanded the resignation of the police chief on Monday.")


@pytest.mark.parametrize("text", [
    "The former mayor is fighting an election in the northern district.",
    "The candidates are locked in a bitter battle for votes.",
    "Her uncle has been battling cancer for two years.",
    "Firefighters fought the blaze for six hours on Sunday.",
])
def test_idioms_of_fighting_are_no_assaults(coder, text):
    assert "ASSAULT" not in types(coder, text), kinds(coder, text)


@pytest.mark.parametrize("text, wrong", [
    ("The teacher pleaded guilty to manslaughter on Friday.", "REQUEST"),
    ("The judge granted bail to the accused on Thursday.", "ACCUSE"),
    ("The judge granted bail to the accused on Thursday.", "CONCEDE"),
    ("The suspect was released on bail on Friday.", "RETREAT"),
])
def test_steps_in_a_criminal_case_are_not_mistyped(coder, text, wrong):
    assert wrong not in types(coder, text), kinds(coder, text)


def test_a_criminal_charge_is_an_accusation(coder):
    found = types(coder, "Prosecutors charged a 19-year-old man with murder on Thursday.")
    assert "ACCUSE" in found and "COERCE" not in found


def test_deaths_in_a_road_accident_are_no_assault(coder):
    text = "Two people were killed in a road accident near the bridge on Monday."
    assert "ASSAULT" not in types(coder, text), kinds(coder, text)


def test_a_flag_march_is_a_show_of_force(coder):
    found = types(coder, "The army staged a flag march in the riot-hit areas of Vadodara on Sunday.")
    assert "MOBILIZE" in found and "PROTEST" not in found


def test_calling_out_the_army_mobilizes_it(coder):
    assert "MOBILIZE" in types(coder, "The governor called out the army after rioters burned shops in Surat.")


def test_an_exhortation_of_oneself_is_no_demand(coder):
    assert "REQUEST" not in types(coder, '"We should all be outraged by this," the senator said.')
