"""False readings found in the seed-1300 precision draw, each against a true reading of the same
word: a car model, an appeal to the public, a memorial, a house debate, a gift, an order's content
(sentences of our own writing)."""

from __future__ import annotations

import pytest

from coded_sentences import assert_only_the_true_reading, kinds, types


@pytest.mark.parametrize(
    ("false_reading", "true_reading", "event"),
    [
        # A car model's name is no agreement; an accord two sides reach is.
        (
            "The gunman stepped out of a silver Honda Accord and fired at the crowd on Monday.",
            "The rebels and the government reached an accord on Monday.",
            "AGREE",
        ),
        # Wanting to talk to anyone who saw something is an appeal to the public, no talks promised.
        (
            "Police want to talk to anyone who saw the crash on Monday.",
            "The president talked to the Taliban leaders on Monday.",
            "CONSULT",
        ),
        (
            "Police want to talk to anyone who saw the crash on Monday.",
            "The rebels vowed to release the hostages.",
            "AGREE",
        ),
        # A prayer vigil for a victim mourns; a vigil held to demand something protests.
        (
            "The Citizens Against Violence group held a prayer vigil for Smith Friday night.",
            "Students held a vigil outside parliament on Sunday to demand the release of the detained activists.",
            "PROTEST",
        ),
        # Vowing to wait out a suspect is a plan of one's own; vowing to release hostages promises a party.
        (
            "Officers vowed to wait out the suspect overnight.",
            "The rebels vowed to release the hostages.",
            "AGREE",
        ),
        # Shoppers allowed to retrieve their cars after a cordon get no concession; aid convoys let in do.
        (
            "Shoppers who left their cars at the mall on Friday are now allowed to retrieve them.",
            "The government allowed aid convoys into the city on Monday.",
            "CONCEDE",
        ),
        # Whether a man was visiting an apartment is a private visit; a governor visiting the prime minister consults.
        (
            "Police were investigating whether the man was visiting the apartment on the night of the shooting.",
            "The governor visited the prime minister on Monday.",
            "CONSULT",
        ),
        # An alliance whose possibility is denied is not made; one formed is.
        (
            "on friday, the party president denied any possibility of a congress-bsp alliance before the polls.",
            "The BJP and the BSP formed an alliance on Thursday.",
            ("SUPPORT", "asserted"),
        ),
        # A name police have not released is information withheld; prisoners not released are a refusal.
        (
            "The child, whose name police have not released, was last known to be in an intensive-care unit, "
            "police said.",
            "The army has not released the prisoners, officials said on Monday.",
            "REJECT",
        ),
        # Being met by a stranger at the door is an encounter, no meeting between parties.
        (
            "When he opened the door on Monday he was met by a stranger holding a knife.",
            "The minister met the rebel commander on Monday.",
            "CONSULT",
        ),
        # Accepting a donation is no agreement; accepting a ceasefire proposal is.
        (
            "The party accepted the donation from the businessman on Monday.",
            "The rebels accepted the ceasefire proposal on Monday.",
            "AGREE",
        ),
        # "Sanctioned Rs 5 crore" grants money; sanctioning banks punishes a party.
        (
            "The state government sanctioned Rs 5 crore for the flood victims on Monday.",
            "The European Union sanctioned three Russian banks on Monday.",
            "SANCTION",
        ),
        # An order not to allow a puja bans it: the allowing is only what the order says, no refusal.
        (
            "the supreme court on wednesday directed not to allow any puja at the disputed site.",
            "The government did not allow the rally on Monday.",
            "REJECT",
        ),
        # A legislature debating is no consultation between parties; a minister's talks with leaders are.
        (
            "pressure on the minister is likely to grow next week with parliament poised to discuss the situation "
            "in the state.",
            "The home minister is poised to discuss the riots with opposition leaders next week.",
            "AGREE",
        ),
        (
            "Speaking during a discussion on the riots in the Lok Sabha on Monday, the minister said the police "
            "had acted.",
            "The minister held a discussion on the riots with opposition leaders on Monday.",
            "CONSULT",
        ),
    ],
)
def test_a_false_reading_is_gone_and_a_true_one_stays(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)


def test_an_appeal_to_call_crime_stoppers_keeps_its_shooting_and_requests_nothing(coder):
    sentence = (
        "If anyone has information about this shooting at Club 9, they are urged to contact Crime Stoppers "
        "at 1-800-458-TIPS."
    )
    assert "REQUEST" not in types(coder, sentence)
    assert ("REQUEST", "asserted") in kinds(coder, "The mayor urged the governor to send troops on Monday.")


def test_a_memorandum_that_says_something_is_a_petition_and_one_of_understanding_an_agreement(coder):
    petition = types(
        coder,
        "the memorandum, signed by state congress chief ramesh patel and others at the dharna, "
        "said the town was burning.",
    )
    assert not petition & {"AGREE", "SUPPORT"}
    assert "SUPPORT" in types(coder, "The two governments signed a memorandum of understanding on trade on Monday.")


@pytest.mark.parametrize(
    ("false_reading", "true_reading", "event"),
    [
        # What talks are about is discussed, not agreed or done: the talks are the event.
        (
            "Russia and Ukraine held talks on a ceasefire in Istanbul on Monday.",
            "Russia and Ukraine agreed on a ceasefire on Monday.",
            "AGREE",
        ),
        (
            "Russia and Ukraine met in Istanbul on Monday for talks about a withdrawal of troops.",
            "Russian troops withdrew from the town on Monday.",
            "RETREAT",
        ),
    ],
)
def test_the_topic_of_talks_is_no_event_of_its_own(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)
    assert "CONSULT" in types(coder, false_reading)
