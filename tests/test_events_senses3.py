"""False readings found in fresh random draws of events on real text, on made-up sentences run
through the real pipeline: verb senses (information released, a suspect fleeing a house,
standards not met, a strike called, a threat that is only a danger, pressing ahead, backing
out, a verbal attack, a letter to an official, confinement in a hospital, private visits and
talk, a home occupied, a private rejection, pupils dismissed, a claim insisted on, calls traded,
an argument supported by a judgement, an office taken over, support staff, credit cards charged,
a crash that kills) and modality (an act prevented, lacking the means, only possible, judged as a
remedy, a step before what is agreed, said to be a lie, the object of a reward; "went about").
Each false reading is gone while a true reading of the same word stays.
"""

from __future__ import annotations

import pytest

from coded_sentences import assert_only_the_true_reading, kinds, types

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        # Information published is no release of captives.
        (
            "Detectives released the name of the victim on Friday.",
            "The rebels released twelve captured soldiers on Friday.",
            "RETREAT",
        ),
        (
            "The names of the two men were released by the police on Friday.",
            "The rebels released twelve captured soldiers on Friday.",
            "RETREAT",
        ),
        # A suspect running out of a house is no displacement.
        (
            "The suspect fled the house before officers arrived.",
            "Thousands of villagers fled the fighting in the district.",
            "SANCTION",
        ),
        # Standards and outcomes are not met as parties are.
        (
            "The new building does not meet the city's safety standards.",
            "The governor met with the rebel leaders on Monday.",
            "CONSULT",
        ),
        (
            "Attempts to reach the town met with silence.",
            "The governor met with the rebel leaders on Monday.",
            "CONSULT",
        ),
        # An emergency call and a strike called are no consultation or request.
        (
            "The calls to 911 came in around 8:30 on Friday.",
            "The opposition made a call for talks on Friday.",
            "REQUEST",
        ),
        (
            "Schools stayed open despite a strike called by the union.",
            "The minister called the president on Friday to discuss the crisis.",
            "CONSULT",
        ),
        (
            "The police had to be called after a crowd gathered outside the office.",
            "The minister called the president on Friday to discuss the crisis.",
            "CONSULT",
        ),
        # Passes and consignments cancelled reduce no relations.
        (
            "The railway administration cancelled all passes issued to drivers.",
            "The government cancelled the visit of the foreign minister.",
            "REJECT",
        ),
        # A danger is no threat made.
        (
            "There is no immediate threat to the coalition, he said.",
            "The rebels issued a threat to attack the capital.",
            "THREATEN",
        ),
        # Going on, and backing out, are no demand and no support.
        (
            "The rebels decided to press ahead with their plan to march on the capital.",
            "The opposition pressed the government for early elections on Monday.",
            "REQUEST",
        ),
        (
            "The government cannot back out of the peace deal now, the leader said.",
            "The opposition backed the government's plan on Monday.",
            "SUPPORT",
        ),
        # Blamed for a stand: a verbal attack.
        (
            "The cleric attacked the prime minister for giving up the demand for autonomy.",
            "Rebels attacked the army post for two hours on Monday.",
            "ASSAULT",
        ),
        # Confined in a hospital, no commitment to a party.
        (
            "A judge ordered him committed to a hospital as a danger to himself.",
            "Both sides committed to a ceasefire on Monday.",
            "AGREE",
        ),
        # Private visits and talk are no consultation between parties.
        ("In May he visited a gun shop to buy a rifle.", "The prime minister visited Moscow on Monday.", "CONSULT"),
        (
            "More than a dozen people were hanging out, talking and drinking.",
            "The envoy talked with the rebel leaders on Monday.",
            "CONSULT",
        ),
        # A home lived in is not seized.
        (
            "A small apartment occupied by three students was searched on Friday.",
            "Troops occupied the rooms of the college on Monday, driving the students out.",
            "COERCE",
        ),
        # A private rejection, pupils sent home, a claim insisted on.
        (
            "He posted a video about the women who had rejected him.",
            "The rebels rejected the government's offer of talks on Monday.",
            "REJECT",
        ),
        (
            "Students were dismissed early after the lockdown was lifted.",
            "The court dismissed the government's demand on Monday.",
            "REJECT",
        ),
        (
            "He kept interrupting the judge to insist he did not shoot anybody.",
            "The union insisted that the minister resign on Monday.",
            "REQUEST",
        ),
        (
            "The leader insisted that all decisions would be made by the council.",
            "The union insisted on Monday that the ban on marches be lifted.",
            "REQUEST",
        ),
        # Calls traded and an argument backed by a judgement.
        (
            "He had been trading phone calls with landlords all morning.",
            "The two countries agreed on Monday to trade oil for grain.",
            "AGREE",
        ),
        (
            "His argument, supported by a court judgement, was that the land belonged to the trust.",
            "The opposition supported the government's bill on Monday.",
            "SUPPORT",
        ),
    ],
)
def test_false_sense_is_gone_and_true_sense_stays(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        # Kept from happening.
        (
            "Reporters who rushed to the camp were prevented from meeting the leader by his guards.",
            "The leader met the families of the victims on Monday.",
            "CONSULT",
        ),
        # Lacking the means to act.
        (
            "He does not have the courage to meet the families, a resident said.",
            "The leader met the families of the victims on Monday.",
            "CONSULT",
        ),
        # Only possible.
        (
            "Officials sealed the depot after intelligence reports of a possible rebel attack on it.",
            "Rebels attacked the depot on Monday.",
            "ASSAULT",
        ),
        # Judged as a remedy, not taken.
        (
            "A ban on the militia was not enough, the senator said.",
            "The government imposed a ban on the militia on Monday.",
            "COERCE",
        ),
    ],
)
def test_act_not_done_is_not_asserted_and_act_done_stays(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, (event, "asserted"))


def test_a_discussion_before_an_agreement_is_no_announced_agreement(coder):
    found = kinds(
        coder, "The council, after discussing the envoy's report, agreed to back the plan, the minister said."
    )
    assert ("AGREE", "future") not in found
    assert ("CONSULT", "asserted") in found


def test_welcoming_an_effort_is_support_not_hosting(coder):
    found = types(coder, "The party welcomed the effort of the mediators on Monday.")
    assert "SUPPORT" in found and "CONSULT" not in found


def test_a_verb_pattern_does_not_take_a_particle_from_another_verb(coder):
    assert "RETREAT" not in types(
        coder, "I saw the white van pull up and a bunch of guys jumped out and started yelling."
    )
    assert ("RETREAT", "asserted") in kinds(coder, "The army pulled out of the town on Monday.")


@pytest.mark.parametrize(
    "text",
    [
        "The party leaders called upon the ministers to resign from the government.",
        "When called upon by the governor to make its stand clear, the party gave no answer.",
    ],
)
def test_called_upon_to_act_is_a_request_not_a_phone_call(coder, text):
    found = types(coder, text)
    assert "REQUEST" in found and "CONSULT" not in found


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        # An office assumed, a kind of staff, spending, and an accident.
        (
            "Judge Patel has taken over as acting chief justice of the high court.",
            "Rebels took over the town on Monday.",
            "COERCE",
        ),
        (
            "Firefighters and support personnel from the police responded to the scene.",
            "Iran announced its support for the rebels on Monday.",
            "SUPPORT",
        ),
        (
            "He was just charging up his credit cards and not paying the bills.",
            "Police charged him with murder on Friday.",
            "ACCUSE",
        ),
        (
            "In 1982 a plane crashed into the river, killing 78 people.",
            "Gunmen opened fire on the crowd, killing 12 people.",
            "ASSAULT",
        ),
    ],
)
def test_more_false_senses_are_gone_and_true_senses_stay(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)


def test_going_about_an_act_is_doing_it_and_going_to_is_announcing_it(coder):
    assert ("ASSAULT", "asserted") in kinds(coder, "Mobs went about setting fire to shops across the city on Tuesday.")
    assert ("THREATEN", "future") in kinds(coder, "The rebels are going to attack the town, the commander said.")


def test_what_a_speaker_is_said_to_have_lied_about_did_not_happen(coder):
    assert ("RETREAT", "negated") in kinds(coder, "The opposition lied that the army had withdrawn from the town.")
    assert ("RETREAT", "asserted") in kinds(coder, "The army withdrew from the town on Monday.")


def test_an_arrest_a_reward_is_offered_for_is_not_made(coder):
    offered = "Police are offering a reward of 1,000 dollars for information leading to an arrest in the shooting."
    assert ("COERCE", "asserted") not in kinds(coder, offered)
    assert ("COERCE", "asserted") in kinds(coder, "Police made an arrest in the shooting on Friday.")


def test_what_someone_denies_happened_is_negated(coder):
    assert ("ASSAULT", "negated") in kinds(coder, "The minister denied that the army had attacked the village.")
    assert ("ASSAULT", "asserted") in kinds(coder, "Witnesses said fights broke out before the club closed.")


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        (
            "Police released a lookout for a second shooter on Monday.",
            "The rebels released twelve captured soldiers on Friday.",
            "RETREAT",
        ),
        (
            "Two people took their lives in a parking lot over the weekend.",
            "Rebels took over the town on Monday.",
            "COERCE",
        ),
        (
            "An officer asked if the girl wanted to press charges.",
            "The opposition pressed the government for early elections on Monday.",
            "REQUEST",
        ),
    ],
)
def test_lookouts_times_and_charges_are_no_events(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)
