"""False readings found in the seed-1400 precision draw, each against a true reading of the same
word: a car or a house abandoned, a telephone exchange, tensions refusing to calm, a mug shot, a
suggestion welcomed, a gun recognised, a fact conceded, a possibility denied, a hospital on alert, a proposal unlikely to
be accepted, a meeting yet to begin (sentences of our own writing)."""

from __future__ import annotations

import pytest

from coded_sentences import assert_only_the_true_reading, types


@pytest.mark.parametrize(
    ("false_reading", "true_reading", "event"),
    [
        # A car or a house left behind is no retreat; forces leaving their positions retreat.
        (
            "Officers later found a stolen car abandoned near the park, police said.",
            "The rebels abandoned their positions in the town on Monday.",
            "RETREAT",
        ),
        (
            "The gunman abandoned his car on the highway and fled on foot.",
            "The rebels abandoned their positions in the town on Monday.",
            "RETREAT",
        ),
        # A telephone exchange is a building; an exchange of prisoners releases people.
        (
            "A mob tried to storm the telephone exchange in the old city on Monday.",
            "The two sides completed an exchange of prisoners on Monday.",
            "RETREAT",
        ),
        (
            "A watchman died defending the exchange when the mob set it on fire on Monday.",
            "The exchange of hostages took place at the border crossing on Monday.",
            "RETREAT",
        ),
        (
            "A watchman died defending the exchange when the mob set it on fire on Monday.",
            "A soldier supervises the exchange process of prisoners of war near the front line on Monday.",
            "RETREAT",
        ),
        # Tensions "refusing to calm down" is an idiom; rebels refusing to disarm reject a demand.
        (
            "Tensions in the city are refusing to calm down, officials said on Monday.",
            "The rebels refused to lay down their arms on Monday.",
            "REJECT",
        ),
        # A mug shot not released is a photograph withheld; prisoners not released are a refusal.
        (
            "Police have not released Smith's mug shot due to the ongoing investigation into the shooting.",
            "The army has not released the prisoners, officials said on Monday.",
            "REJECT",
        ),
        # Welcoming a suggestion backs it; it hosts no visit.
        (
            "The minister welcomed the suggestion of the peace committee that steps should be taken against rioters.",
            "The prime minister welcomed the Afghan president in Delhi on Monday.",
            "CONSULT",
        ),
        # Recognising a gun identifies it; recognising a government supports it.
        (
            "Police said they recognized the gun as the one pictured on his social media page.",
            "Three countries recognized the new government on Monday.",
            "SUPPORT",
        ),
        # Conceding that a party lost votes admits a fact; conceding a demand yields to a party.
        (
            "Conceding that his party had lost votes in the election, the leader said discipline mattered.",
            "The government conceded the strikers' demands on Monday.",
            "CONCEDE",
        ),
        # A hospital put on alert readies its wards; troops put on alert are mobilised.
        (
            "st john hospital in lucknow has been put on alert to make available more beds for emergency cases in "
            "case of a possible clash between police and protesters.",
            "The army has been put on alert along the border.",
            "MOBILIZE",
        ),
        # Denying a possibility is a statement about what happened; denying a party's request rejects it.
        (
            "After first suspecting a foreign hand in the fire, senior officers are now denying this possibility "
            "and say nothing can be confirmed.",
            "The government denied the rebels' request for talks on Monday.",
            "REJECT",
        ),
        # A meeting that "will begin" is yet to be held; one that began was held.
        (
            "The meeting will begin at 7 p.m. Thursday at City Hall.",
            "The meeting began at 7 p.m. on Thursday at City Hall.",
            ("CONSULT", "asserted"),
        ),
        # Proposals "unlikely to be accepted" are not accepted; a proposal accepted is.
        (
            "Party sources said the proposals were unlikely to be accepted by the rebels.",
            "The rebels accepted the ceasefire proposal on Monday.",
            ("AGREE", "asserted"),
        ),
    ],
)
def test_a_false_reading_is_gone_and_a_true_one_stays(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)


def test_an_exchange_of_fire_stays_a_fight_and_releases_no_one(coder):
    assert types(coder, "Police and gunmen were involved in an exchange of fire on Monday.") == {"ASSAULT"}


def test_a_call_on_the_community_for_tips_requests_nothing_but_a_call_to_keep_the_peace_does(coder):
    tips = (
        "The police chief urged the community to help by giving police any information they have through the tip line."
    )
    assert "REQUEST" not in types(coder, tips)
    assert "REQUEST" in types(coder, "The police chief urged residents to stay calm and keep the peace.")
