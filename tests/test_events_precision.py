"""Sentences that look like events and are not, or are another kind of event, on made-up sentences
run through the real pipeline: emergency calls and appeals for tips, reported questions, naming
("called it a tragedy"), reporting verbs, acts only demanded, idioms, steps in a criminal case,
deaths in accidents, and police shows of force.
"""

from __future__ import annotations

import pytest

from coded_sentences import kinds, types

from polemos.eval.events import SentenceCoder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


@pytest.mark.parametrize(
    "text",
    [
        "Anyone with information about the robbery is asked to call the county sheriff at 555-0100.",
        "Whoever has information on the missing truck is urged to contact the tip line.",
        "The girl ran to a house nearby and called for help.",
        "Her brother called 911 from the kitchen.",
        "A neighbour called the police around midnight.",
        "Police are still seeking more information and ask you to call 253-288-7403 if you can help.",
        "Officers were called to the intersection of 54th Street and Florence Avenue around 7 p.m.",
    ],
)
def test_emergency_calls_and_appeals_for_tips_are_no_events(coder, text):
    assert types(coder, text) == set(), kinds(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        '"Who fired first?" the lawyer asked.',
        "The mayor called the verdict a disgrace for the city.",
        "The envoy recalled that the talks had collapsed in 2019.",
        "The minister admitted that the police had failed to act.",
        "The spokesman declined to comment on the arrests.",
        "Talking to reporters on Sunday, the commissioner said the city was calm.",
        "The gang committed three robberies in January.",
        "The suspect fled the scene in a silver car before officers arrived.",
        "Two deputies backed up the officer at the traffic stop.",
        "The man walked out of the store with two bottles of whisky.",
        "Officers were called to the scene at about 9 p.m.",
        "The ministry gave legal sanction to the procession on Friday.",
        "The parties submitted a memorandum to the governor on Monday.",
        "The ministers visited the relief camps in Ahmedabad on Sunday.",
        "The ruling alliance would not like to be seen surrendering the speaker's post to the opposition.",
        "Apprehending trouble, most shopkeepers downed their shutters on Monday.",
        "The governor said the minister was not fit to occupy the post.",
        "The leave of senior police officials has been cancelled.",
        "The prayer was accepted by the magistrate on Monday.",
        "The reforms included withdrawing some privileges of government staff.",
        '"He should have visited the affected areas," Raval said.',
        "Talking to mediapersons on Saturday, the leader said the people's patience had run out.",
        "The truckers' union called a strike from March 10.",
        "On Saturday, the residents were cut off from the world.",
        "He regretted that the organisations of the minority were being ignored.",
        "The county sheriff fired the deputy on Monday for gross negligence.",
        "He remains in the county jail; bail has been denied.",
        "The victim survived and has since been released from the hospital.",
        "The officer responded in support of the city police.",
    ],
)
def test_questions_naming_and_reporting_verbs_are_no_events(coder, text):
    assert types(coder, text) == set(), kinds(coder, text)


def test_talking_to_friends_is_no_consultation_but_the_killing_is_an_event(coder):
    found = types(coder, "Police said she was talking to friends when she was killed.")
    assert "CONSULT" not in found and "ASSAULT" in found


def test_a_reporters_question_is_no_request(coder):
    found = types(coder, "Asked whether the army would be deployed, the minister said no decision had been taken.")
    assert "REQUEST" not in found


def test_an_appeal_for_help_keeps_the_shooting_it_names(coder):
    found = types(
        coder,
        "Dallas police are asking for the public's help after a 19-year-old man was fatally shot "
        "in northeast Dallas early Sunday morning.",
    )
    assert "ASSAULT" in found and "REQUEST" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Police fired tear gas at the crowd on Monday.",
        "Soldiers fired on protesters in the square on Friday.",
        "Police fired at the car as it sped away on Monday.",
    ],
)
def test_firing_weapons_is_still_an_assault(coder, text):
    assert "ASSAULT" in types(coder, text), kinds(coder, text)


def test_recalling_an_ambassador_is_still_a_sanction(coder):
    assert "SANCTION" in types(coder, "The government recalled its ambassador from Lisbon on Tuesday.")


def test_defusing_tension_is_no_interdiction_but_defusing_a_bomb_is(coder):
    assert "COERCE" not in types(coder, "Local officials immediately defused the matter on Monday.")
    assert "COERCE" in types(coder, "Army engineers defused a bomb near the bridge on Monday.")


def test_welcoming_a_decision_is_support(coder):
    found = types(coder, "The league president welcomed the supreme court's decision on Wednesday.")
    assert "SUPPORT" in found and "CONSULT" not in found


def test_a_discussion_parliament_is_poised_to_hold_is_not_reported_as_held(coder):
    found = kinds(coder, "Parliament is poised to discuss the situation in the state next week.")
    assert ("CONSULT", "asserted") not in found, found


def test_fighting_militants_is_still_an_assault(coder):
    assert "ASSAULT" in types(coder, "The army has been fighting militants in the district since Monday.")


def test_should_not_allow_is_a_demand_not_a_refusal(coder):
    found = kinds(coder, "The leader said the government should not allow construction of a temple at the site.")
    assert "REQUEST" in {t for t, _ in found} and ("REJECT", "asserted") not in found, found


def test_people_fleeing_fighting_and_workers_walking_out_are_still_events(coder):
    assert "SANCTION" in types(coder, "Thousands of villagers fled the fighting in the north on Monday.")
    assert "PROTEST" in types(coder, "Workers walked out on Monday to protest the wage cuts.")


def test_calling_on_a_government_to_act_is_still_a_request(coder):
    assert "REQUEST" in types(coder, "The opposition called on the government to release the detained editors.")


@pytest.mark.parametrize(
    "text, undone",
    [
        ("The party demanded the arrest of the officers on Monday.", "COERCE"),
        ("Protesters demanded the resignation of the police chief on Monday.", "RETREAT"),
        ("The state government sought the deployment of the army in Faizabad.", "MOBILIZE"),
    ],
)
def test_an_act_only_demanded_is_not_coded_as_done(coder, text, undone):
    found = kinds(coder, text)
    assert (undone, "asserted") not in found, found


def test_the_demand_itself_stays_a_request(coder):
    assert "REQUEST" in types(coder, "Protesters demanded the resignation of the police chief on Monday.")


@pytest.mark.parametrize(
    "text",
    [
        "The former mayor is fighting an election in the northern district.",
        "The candidates are locked in a bitter battle for votes.",
        "Her uncle has been battling cancer for two years.",
        "Firefighters fought the blaze for six hours on Sunday.",
        "He said the government had acted under the garb of fighting terrorism.",
        "They would go to the people's court to fight for construction of the temple.",
    ],
)
def test_idioms_of_fighting_are_no_assaults(coder, text):
    assert "ASSAULT" not in types(coder, text), kinds(coder, text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("The teacher pleaded guilty to manslaughter on Friday.", "REQUEST"),
        ("The judge granted bail to the accused on Thursday.", "ACCUSE"),
        ("The judge granted bail to the accused on Thursday.", "CONCEDE"),
        ("The suspect was released on bail on Friday.", "RETREAT"),
    ],
)
def test_steps_in_a_criminal_case_are_not_mistyped(coder, text, wrong):
    assert wrong not in types(coder, text), kinds(coder, text)


def test_a_criminal_charge_is_an_accusation(coder):
    found = types(coder, "Prosecutors charged a 19-year-old man with murder on Thursday.")
    assert "ACCUSE" in found and "COERCE" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Two people were killed in a road accident near the bridge on Monday.",
        "Two persons were killed when a taxi carrying them overturned near the village on Sunday.",
    ],
)
def test_deaths_in_a_road_accident_are_no_assault(coder, text):
    assert "ASSAULT" not in types(coder, text), kinds(coder, text)


def test_a_car_bomb_still_kills_in_an_assault(coder):
    assert "ASSAULT" in types(coder, "Three soldiers were killed when a car bomb exploded near the base on Sunday.")


def test_agreeing_with_an_opinion_is_no_agreement(coder):
    text = "The minister agreed that the death toll was higher than in any earlier riot."
    assert "AGREE" not in types(coder, text), kinds(coder, text)
    assert "AGREE" in types(coder, "The rebels agreed on a ceasefire in Geneva on Friday.")


def test_an_act_one_had_to_do_is_not_reported_as_done(coder):
    found = kinds(coder, "The commissioner said the police have to arrest the rioters in Surat.")
    assert ("COERCE", "asserted") not in found, found


def test_instead_of_meeting_is_no_meeting(coder):
    found = kinds(coder, "The party, instead of meeting the governor, went to Delhi on Monday.")
    assert ("CONSULT", "asserted") not in found, found
