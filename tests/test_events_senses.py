"""Verbs that name an event only in one of their senses, and clauses whose event did not happen,
on made-up sentences run through the real pipeline: each false reading is gone while a true
reading of the same verb stays.
"""

from __future__ import annotations

import pytest

from coded_sentences import kinds, types

from polemos.eval.events import SentenceCoder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def modality_of(coder: SentenceCoder, text: str, event_type: str) -> set[str]:
    return {m for t, m in kinds(coder, text) if t == event_type}


@pytest.mark.parametrize(
    "text, event_type",
    [
        ("The lawyer continued to offer the government's view on the planned ceremony.", "AGREE"),
        ('"Nobody has stopped me from offering donations," the priest said.', "AGREE"),
        ("The minister met the governor and handed over a letter to him on Thursday.", "AID"),
        ("The delegation handed over a memorandum to the collector on Monday.", "AID"),
        ("To show their resolve, the soldiers demonstrated their strength in the town on Thursday.", "PROTEST"),
        ("The vote demonstrated that the party had lost its base.", "PROTEST"),
        ('"Gujarat is burning while the prime minister sleeps," the opposition leader said.', "ASSAULT"),
        ("Laloo said the VHP was ignoring the judiciary which had ordered maintenance of the status quo.", "ACCUSE"),
        ("Laloo said the VHP was ignoring the judiciary which had ordered maintenance of the status quo.", "REQUEST"),
        ("He received a call on the verdict from Mamata Banerjee.", "REQUEST"),
        ("He demanded that the president should dismiss the government and arrest all its members.", "REJECT"),
        (
            "He criticised the state government for not inviting opposition legislators to the swearing in of the "
            "chief minister.",
            "REQUEST",
        ),
        ("The cadre mobilisation has already begun and about 10,000 volunteers arrive daily in Ayodhya.", "MOBILIZE"),
    ],
)
def test_other_senses_of_event_verbs_are_no_events(coder, text, event_type):
    assert event_type not in types(coder, text), kinds(coder, text)


@pytest.mark.parametrize(
    "text, event_type",
    [
        ("The rebels offered talks to the government on Monday.", "AGREE"),
        ("The army offered a truce to the rebels on Friday.", "AGREE"),
        ("Norway offered to mediate between the government and the rebels on Monday.", "AGREE"),
        (
            "The army handed over the captured town to the police on Friday.",
            "RETREAT",
        ),  # CAMEO 084/087: yielding what was taken
        ("The charity handed over food and blankets to the refugees on Tuesday.", "AID"),
        ("Thousands of students demonstrated in the capital on Monday.", "PROTEST"),
        ("Rioters burned shops in the market on Sunday.", "ASSAULT"),
        ("The governor ordered the police to arrest the leaders on Monday.", "REQUEST"),
        ("A judge ordered the former minister to appear in court on Monday.", "REQUEST"),
        ("The prime minister dismissed the allegations of the opposition on Monday.", "REJECT"),
        ("The government invited the rebels to talks in Delhi on Monday.", "REQUEST"),
        ("The opposition made a call for a general strike on Monday.", "REQUEST"),
        ("The army mobilised two divisions along the border on Monday.", "MOBILIZE"),
    ],
)
def test_the_event_sense_of_the_same_verbs_stays(coder, text, event_type):
    assert "asserted" in modality_of(coder, text, event_type), kinds(coder, text)


@pytest.mark.parametrize(
    "text, event_type, modality",
    [
        ("The state government was opposed to the deployment of the army in Ayodhya.", "MOBILIZE", "negated"),
        (
            "The order meant that the government could not either permit the ceremony or hand over the land to "
            "the trust.",
            "AID",
            None,
        ),
        (
            "The Congress party will take a decision whether or not to support the Samajwadi Party within three days.",
            "SUPPORT",
            "hypothetical",
        ),
        ("An agreement between India and Pakistan would only solve the problem, he said.", "AGREE", "hypothetical"),
    ],
)
def test_opposed_undecided_and_wished_for_acts_did_not_happen(coder, text, event_type, modality):
    found = modality_of(coder, text, event_type)
    assert "asserted" not in found and (modality is None or found <= {modality}), kinds(coder, text)


def test_a_refusal_and_a_past_deployment_stay_asserted(coder):
    text = "The curfew in Ahmedabad would not stop the protests, the leaders said on Monday."
    assert "hypothetical" not in {m for _, m in kinds(coder, text)}, kinds(coder, text)
    assert modality_of(coder, "The army was deployed in Ayodhya on Friday.", "MOBILIZE") == {"asserted"}
    assert "REJECT" in types(coder, "The Congress party refused to support the Samajwadi Party on Monday.")
    assert modality_of(coder, "India and Pakistan signed an agreement in Delhi on Monday.", "AGREE") <= {"asserted"}


def test_a_meeting_in_the_present_progressive_with_a_day_to_come_is_future(coder):
    planned = kinds(
        coder, "The Vishwa Hindu Parishad is holding an emergency meeting in Delhi on Sunday to discuss the dispute."
    )
    assert planned and all(m == "future" for _, m in planned), planned
    held = kinds(
        coder, "The Vishwa Hindu Parishad held an emergency meeting in Delhi on Sunday to discuss the dispute."
    )
    assert ("CONSULT", "asserted") in held, held


@pytest.mark.parametrize(
    "text",
    [
        "Congress leaders feel that the government should nominate Sonia Gandhi to the Rajya Sabha.",
        "The BJP and the RSS should be kept out of the talks if there is to be some result, the imam told PTI.",
    ],
)
def test_opinions_on_what_should_happen_are_no_requests(coder, text):
    assert "REQUEST" not in types(coder, text), kinds(coder, text)


def test_a_demand_that_a_named_actor_should_act_stays_a_request(coder):
    text = "The Congress demanded that the government should nominate Sonia Gandhi to the Rajya Sabha."
    assert "REQUEST" in types(coder, text), kinds(coder, text)
