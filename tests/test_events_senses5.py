"""False readings found in the seed-1100 draws of events on real text (and earlier draws), on
made-up sentences run through the real pipeline. Each false reading is gone while a true reading
of the same word stays.
"""

from __future__ import annotations

import pytest

from coded_sentences import assert_only_the_true_reading, kinds, types

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        # "Fought back tears" holds back weeping; fighting back against a party is a fight.
        (
            "The mourner fought back tears while talking about her brother.",
            "Rebels fought back against the army near the border on Monday.",
            "ASSAULT",
        ),
        # Preventing a happening names a measure's purpose; preventing a party restricts it.
        (
            "The district government should act to prevent a recurrence of these clashes, he said.",
            "Police prevented the marchers from entering the town on Monday.",
            "COERCE",
        ),
        # A building or a vehicle in the way blocks nothing as a party's act.
        (
            "The petitioners said that the old wall blocked the lane leading to the market.",
            "The petitioners said that the police blocked the lane leading to the market.",
            "COERCE",
        ),
        (
            "She honked at a man who was in a van blocking her way.",
            "She honked at a policeman who was blocking her way.",
            "COERCE",
        ),
        (
            "She honked at a man who was in a van blocking her way.",
            "The lane to the market was blocked by police vans on Monday.",
            "COERCE",
        ),
        (
            "The lawyer for the residents argued that the small shrine blocked the road leading out of the village.",
            "The lawyer for the residents argued that the villagers blocked the road leading out of the village.",
            "PROTEST",
        ),
        # Dismissing fears or reports is a statement; dismissing a demand rejects it.
        (
            "In a warning to the government, the party leader dismissed fears of tension being stoked, saying that "
            "order is the state's duty.",
            "The minister dismissed the demand for his resignation on Monday.",
            "REJECT",
        ),
        (
            "The party leader dismissed reports that the wounded were neglected in the camps.",
            "The minister dismissed the demand for his resignation on Monday.",
            "REJECT",
        ),
        # What someone "should weigh" or "must understand" is a retort, no demand to act.
        (
            "Smith said critics of the arrest's location should weigh the possible impact of police not acting there.",
            "The minister said that the police should arrest the rioters at once.",
            "REQUEST",
        ),
        (
            "Those who doubt the arrests must understand that the suspects were a danger to the town, the chief said.",
            "The minister said that the police must arrest the rioters at once.",
            "REQUEST",
        ),
        # Backing out of a commitment withdraws from it; backing a party supports it.
        (
            "The party has backed out of its commitment to the mediator.",
            "The party backed the government's bill in parliament on Monday.",
            "SUPPORT",
        ),
        # Police meeting a victim's family, and a couple who met, make no consultation between parties.
        (
            "Police found the boy's father and met him at the hospital.",
            "The prime minister flew to Delhi and met the president on Monday.",
            "CONSULT",
        ),
        (
            "School officials said the couple met while teaching at the college.",
            "Officials said the two ministers met in Delhi on Monday.",
            "CONSULT",
        ),
    ],
)
def test_a_false_reading_is_gone_and_a_true_one_stays(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Police dispersed the mob that had gathered outside the station on Monday.", True),
        ("Officers moved in to disperse the crowd that had gathered outside the station on Monday.", True),
        # With a crowd-control weapon named, PLOVER codes ASSAULT crowd-control, not a restriction.
        ("Police fired tear gas to disperse the protesters on Monday.", False),
        ("The crowd dispersed peacefully after the speech on Monday.", False),
        ("She broke up with her boyfriend last year.", False),
    ],
)
def test_police_dispersing_a_crowd_restrict_it(coder, sentence, expected):
    assert ("COERCE" in types(coder, sentence)) is expected


def test_a_light_verb_carries_an_event_through_a_noun_that_counts_it(coder):
    assert ("CONSULT", "asserted") in kinds(coder, "India and Pakistan held a round of talks in Delhi on Monday.")


def test_a_charge_in_the_sentence_keeps_the_model_from_retyping_the_act_charged(coder):
    found = kinds(
        coder,
        "Three men accused of killing a 2-year-old girl in June have now been indicted on six "
        "charges including murder.",
    )
    assert ("ACCUSE", "asserted") in found
    assert all(event != "COERCE" for event, _ in found)
