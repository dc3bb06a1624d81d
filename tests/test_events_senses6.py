"""False readings found in the seed-1200 draws of events on real text, on made-up sentences run
through the real pipeline. Each false reading is gone while a true reading of the same word (or
the same act, told as done) stays.
"""

from __future__ import annotations

import pytest

from coded_sentences import assert_only_the_true_reading, kinds

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        # An act someone is "likely to" do is expected, not done.
        (
            "Modi is likely to meet Biden in Delhi soon, officials said.",
            "Modi met Biden in Delhi on Monday, officials said.",
            ("CONSULT", "asserted"),
        ),
        # "Not life-threatening" rates an injury; threatening customers is a threat.
        (
            "A man was shot in the head, but the injury was not life-threatening.",
            "The gunman was threatening customers with a knife on Monday.",
            "THREATEN",
        ),
        # An affidavit signed by an officer is a step in a case; signing a petition backs it.
        (
            "He boasted that he could have shot them all, according to an affidavit signed by a detective.",
            "The leaders signed a petition for the release of the prisoners.",
            "SUPPORT",
        ),
        # Officers calling for support at a scene summon help; a party calling for support asks allies.
        (
            "Officers called for support from anyone in the area as a precaution.",
            "The opposition called for support from the allies on Monday.",
            "REQUEST",
        ),
        # Buses kept "to meet the situation" cope with it; ministers meeting consult.
        (
            "the authorities had kept about 250 government-owned buses ready to meet the situation of mass arrests "
            "and temporary camps had been set up for the purpose, they said.",
            "The minister met the ambassador on Monday.",
            "CONSULT",
        ),
        # Welcoming reforms approves of them; welcoming a delegation hosts it.
        (
            "The governor welcomed the reforms on Monday.",
            "The governor welcomed the visiting delegation on Monday.",
            "CONSULT",
        ),
        # Vowing to go ahead with one's own plan agrees to nothing; vowing to respect a truce does.
        (
            "The leaders have vowed to go ahead with moving the stones to the site.",
            "The two leaders vowed to respect the ceasefire.",
            "AGREE",
        ),
        # What a request to a court asks it to allow is not allowed yet; a court allowing it concedes.
        (
            "he said the government had only made a request to the court to allow a symbolic prayer.",
            "The court allowed a symbolic prayer at the site on Monday.",
            ("CONCEDE", "asserted"),
        ),
        # An authority denying entry restricts people; denying a demand rejects it.
        (
            "with the administration denying entry to fresh batches of volunteers, the group alerted its units.",
            "The government denied the opposition's demand for an inquiry on Monday.",
            "REJECT",
        ),
        # A customer asking for a drink makes a private request; a governor asking for troops does not.
        (
            "His friend said he would walk into the bar, slap a dollar on the counter and ask for an orange juice.",
            "The governor asked for federal troops on Monday.",
            "REQUEST",
        ),
        # A visit a demand asks a delegation to make is not made; a delegation that visited consulted.
        (
            "new delhi: the imam on friday called for a joint delegation to visit the prime minister.",
            "A joint delegation visited the prime minister on Friday to discuss the riots.",
            ("CONSULT", "asserted"),
        ),
    ],
)
def test_a_false_reading_is_gone_and_a_true_one_stays(coder, false_reading, true_reading, event):
    assert_only_the_true_reading(coder, false_reading, true_reading, event)


def test_welcoming_reforms_is_support(coder):
    assert ("SUPPORT", "asserted") in kinds(coder, "The governor welcomed the reforms on Monday.")


def test_buses_kept_to_meet_the_situation_meet_no_one(coder):
    assert (
        kinds(
            coder,
            "the authorities had kept about 250 government-owned buses ready to meet the situation of "
            "mass arrests and temporary camps had been set up for the purpose, they said.",
        )
        == []
    )


def test_entry_denied_is_a_restriction(coder):
    assert ("COERCE", "asserted") in kinds(
        coder, "with the administration denying entry to fresh batches of volunteers, the group alerted its units."
    )
