"""False readings found in the seed-1000 draws of events on real text, on made-up sentences run
through the real pipeline: a reporter's question or a question about something read as a request,
a retort or an opinion read as a demand, a witness cooperating with police, an unnamed caller or
inspectors called in read as phone diplomacy, support given to police at a scene, a vigil for the
dead read as a protest, trains cancelled "or diverted" read as a sanction, an allegation retyped
by the model as the act alleged; and modality: an act done "rather than" another, an act someone
is "not going to" do, the content of a list of demands, and a shooting a question asks "why" of.
Each false reading is gone while a true reading of the same word stays.
"""

from __future__ import annotations

import pytest

from coded_sentences import PUBLISHED, assert_only_the_true_reading, kinds, types

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        # A reporter's question, or a question about something, asks nobody to act.
        (
            "When asked to comment on the clashes, a district official said the march had been peaceful.",
            "The opposition asked the minister to resign.",
            "REQUEST",
        ),
        (
            "The governor asked each party leader about his party's stand on the bill.",
            "The opposition asked the minister to resign.",
            "REQUEST",
        ),
        # What someone "should not forget" is a retort; a "stand that X should" an opinion.
        (
            "The minister said that the opposition leaders should not forget that the army was called late in 1990.",
            "The minister said that the police should arrest the rioters at once.",
            "REQUEST",
        ),
        (
            "The chief minister was taking the right stand that the dispute should be settled through talks.",
            "The minister said that the police should arrest the rioters at once.",
            "REQUEST",
        ),
        # People helping an investigation are no cooperating parties.
        (
            "The boy's parents are cooperating with investigators, police said.",
            "The Indian and Nepalese armies cooperated closely in the rescue operation on Monday.",
            "COOPERATE",
        ),
        # An unnamed caller and inspectors called in are no phone diplomacy.
        (
            "Someone called and said the party had been shot up.",
            "Nawaz Sharif called Vajpayee on Monday to discuss the border.",
            "CONSULT",
        ),
        (
            "The city hired an outside firm and called in fire inspectors, who found faulty wiring.",
            "Nawaz Sharif called Vajpayee on Monday to discuss the border.",
            "CONSULT",
        ),
        # Help to the police at a scene is no political support.
        (
            "The college continues to support the city police at the scene.",
            "The Congress party supported the bill in parliament on Tuesday.",
            "SUPPORT",
        ),
        # A vigil for a victim mourns; a vigil held to protest is a protest.
        (
            "A reporter speaks from a vigil in Woodbridge, Virginia, for Police Officer Ann Smith.",
            "Activists held a vigil outside parliament to protest the new law.",
            "PROTEST",
        ),
        # A private warning or request, or a job accepted, is no act between parties.
        (
            "Santiago warned his elder son that the revolver was to be handled only by adults, prosecutors said.",
            "The army warned the rebels that it would strike their camps.",
            "THREATEN",
        ),
        (
            "He has asked his landlord to get him out of his lease.",
            "The minister asked the army to restore order.",
            "REQUEST",
        ),
        (
            "Strong resigned as coach to accept the job at Texas.",
            "The rebels accepted the government's offer of talks on Monday.",
            "AGREE",
        ),
    ],
)
def test_a_false_reading_is_gone_and_a_true_one_stays(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)


def test_trains_cancelled_or_diverted_are_no_sanction(coder):
    assert "SANCTION" not in types(
        coder, "The railways have cancelled or diverted several trains to Faizabad till March 15."
    )
    assert "SANCTION" in types(coder, "Pakistan has cancelled its talks with India.")


def test_an_allegation_keeps_its_type_when_the_model_reads_the_act_alleged(coder):
    found = kinds(
        coder,
        "An FBI agent alleged in a criminal complaint that although Smith was subject to a "
        "protection order, he purchased five guns from a store.",
    )
    assert ("ACCUSE", "asserted") in found
    assert all(t != "COERCE" for t, _ in found)


@pytest.mark.parametrize(
    "sentence, event, modality",
    [
        ("A guard chose death rather than allowing the mob to enter the station.", "CONCEDE", "negated"),
        ("He said the government was not going to accept the demand for the minister's removal.", "AGREE", "negated"),
        ("Their demands include that the district be handed over to the army.", "AID", "hypothetical"),
        ("The detective asked him why he fired at the boy.", "ASSAULT", "asserted"),
        ("The detective asked him whether he fired at the boy.", "ASSAULT", "hypothetical"),
        ("The government is going to accept the demand, he said.", "AGREE", "future"),
    ],
)
def test_modality_of_acts_refused_demanded_or_asked_about(coder, sentence, event, modality):
    assert (event, modality) in kinds(coder, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "A teen was struck by celebratory gunfire just after midnight on Friday, police said.",
        "Police say the boy had been playing with a handgun he found in his mother's purse when he shot himself on Thursday.",
    ],
)
def test_a_shooting_nobody_meant_is_an_accident_and_gets_no_acled_type(coder, sentence):
    record, _doc = coder.code_one(sentence, PUBLISHED)
    shootings = [e for e in record.events if e.type in ("ASSAULT", "ACCIDENT")]
    assert shootings and all(e.type == "ACCIDENT" for e in shootings)
    assert all("accidental" in e.context and e.acled is None for e in shootings)


def test_a_deliberate_shooting_is_not_marked_accidental(coder):
    record, _doc = coder.code_one("A gunman shot a man outside a bar in Dayton on Saturday, police said.", PUBLISHED)
    assert [e.context for e in record.events if e.type == "ASSAULT"] == [[]]


def test_verbs_told_in_turn_keep_their_own_objects(coder):
    # "fired and struck a man": the man is what was struck, not an employee who was fired.
    assert "ASSAULT" in types(coder, "The gunman fired and struck a man standing outside the store.")


def test_support_named_inside_a_condition_is_hypothetical(coder):
    found = kinds(
        coder,
        "She may be invited to form the government if she shows the governor that she has the support of the BJP.",
    )
    assert ("SUPPORT", "hypothetical") in found
    assert ("SUPPORT", "asserted") in kinds(coder, "The BJP extended its support to the government on Monday.")


def test_defending_ones_own_decision_is_no_support(coder):
    assert "SUPPORT" not in types(
        coder, "The governor took pains to defend his decision of recommending president's rule in the state."
    )
    assert "SUPPORT" in types(coder, "The BJP defended the government's decision to ban the march.")


def test_asking_if_something_holds_is_a_question(coder):
    assert "REQUEST" not in types(
        coder, "The judges asked the Centre if it stood by the undertaking given to the court earlier."
    )
    assert "REQUEST" in types(coder, "The opposition asked the minister to resign if he could not control the riots.")


@pytest.mark.parametrize(
    "sentence, event",
    [
        (
            "If the Mumbai police has done some introspection after the 1992 riots, the credit goes to the people.",
            "PROTEST",
        ),
        (
            '"If the killings in Godhra were to be condemned, the killing of innocent people after it was even more '
            'condemnable," the minister said.',
            "ASSAULT",
        ),
    ],
)
def test_an_act_a_condition_only_names_stays_asserted(coder, sentence, event):
    assert (event, "asserted") in kinds(coder, sentence)


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        # A phone call between parties names who was called; private calls do not.
        (
            '"She called me and said she got shot," her friend said.',
            "The prime minister called his Pakistani counterpart on Monday.",
            "CONSULT",
        ),
        (
            "A woman called shortly before 11:30 p.m. to report that someone was bleeding.",
            "Nawaz Sharif called Vajpayee on Monday to discuss the border.",
            "CONSULT",
        ),
        # Patients and pictures released are no captives released.
        (
            "The victim was treated and released from the hospital on Thursday.",
            "The rebels released twelve captured soldiers on Friday.",
            "RETREAT",
        ),
        (
            "Police released a mugshot of the suspect on Wednesday.",
            "The rebels released twelve captured soldiers on Friday.",
            "RETREAT",
        ),
        # Becoming acquainted is no meeting between parties.
        (
            "He said he first met the suspect when he was eight.",
            "The governor met the rebel leaders on Monday.",
            "CONSULT",
        ),
    ],
)
def test_private_calls_releases_and_acquaintances(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)


def test_a_condition_before_a_request_is_no_question(coder):
    assert "REQUEST" in types(
        coder, "If the violence continues, the opposition asks that the army be deployed at once."
    )
