"""False events found in fresh random draws on real text, on made-up stories run through the real
pipeline: sentences that only tell an attack's aftermath (a death, a hospital, victims found or
named) are no new attack; acts only planned, demanded or set for a day to come are not asserted."""

from __future__ import annotations

import pytest

from coded_sentences import PUBLISHED, kinds

from polemos.eval.events import SentenceCoder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def attacks(coder: SentenceCoder, text: str):
    record, _doc = coder.code_one(text, PUBLISHED)
    return [e for e in record.events if e.type == "ASSAULT"]


SHOOTING = "A gunman shot a 24-year-old man outside a bar on Elm Street in Dayton on Saturday night, police said."


@pytest.mark.parametrize(
    "aftermath",
    [
        "The man was pronounced dead at the hospital a short time later.",
        "He died of his injuries at Miami Valley Hospital on Sunday.",
        "The victim was rushed to Miami Valley Hospital, where he died two days later.",
        "Officers found the victim lying on the sidewalk when they arrived.",
    ],
)
def test_an_aftermath_sentence_joins_the_attack_it_follows(coder, aftermath):
    story = f"{SHOOTING}\n\nWitnesses said the shooter ran toward a waiting car.\n\n{aftermath}"
    found = attacks(coder, story)
    assert len(found) == 1, [(e.trigger, e.evidence[0].text) for e in found]
    assert found[0].trigger == "shot"


@pytest.mark.parametrize(
    "death_only",
    [
        "The woman died of her wounds on Saturday.",
        "Two people were found dead inside the home on Tuesday.",
        "The 17-year-old was pronounced dead at the hospital at 1:35 a.m., police said.",
    ],
)
def test_a_death_alone_is_no_attack(coder, death_only):
    assert attacks(coder, death_only) == []


def test_an_attack_the_sentence_tells_stays(coder):
    assert [e.trigger for e in attacks(coder, "Gunmen killed three villagers on Sunday.")] == ["killed"]


@pytest.mark.parametrize(
    "sentence, event, modality",
    [
        ("The Congress party announced plans for a rally in Lucknow next week.", "PROTEST", "future"),
        ("The BJP has plans to hold a strike in Mumbai on Monday.", "PROTEST", "future"),
        ("Deployment of the army is one of the main demands of the Congress party.", "MOBILIZE", "hypothetical"),
        ("A meeting of the Congress leaders has been summoned for Tuesday in Delhi.", "CONSULT", "future"),
        ("The Congress has organised a protest march in Delhi for tomorrow.", "PROTEST", "future"),
    ],
)
def test_a_planned_or_demanded_act_is_not_asserted(coder, sentence, event, modality):
    assert (event, modality) in kinds(coder, sentence)
    assert (event, "asserted") not in kinds(coder, sentence)


@pytest.mark.parametrize(
    "sentence, event",
    [
        ("The BJP held a rally in Lucknow on Monday.", "PROTEST"),
        ("The army was deployed in Ahmedabad on Monday after the riots.", "MOBILIZE"),
        ("Congress leaders met in Delhi on Tuesday.", "CONSULT"),
    ],
)
def test_an_act_that_happened_stays_asserted(coder, sentence, event):
    assert (event, "asserted") in kinds(coder, sentence)


def test_people_hit_by_a_bullet_were_shot_and_a_ball_is_no_attack(coder):
    assert [e.trigger for e in attacks(coder, "A girl was hit by a stray bullet in her bedroom on Friday.")] == [
        "hit bullet"
    ]
    assert attacks(coder, "The player was hit by a ball during the game on Friday.") == []


@pytest.mark.parametrize(
    "procedure, political, event",
    [
        # Steps in a criminal case are no requests, refusals, agreements or releases between parties.
        (
            "Prosecutors requested a $500,000 cash bond for each defendant.",
            "The opposition requested talks with the government on Monday.",
            "REQUEST",
        ),
        (
            "Prosecutors have asked for bail to be set at $50,000.",
            "The opposition asked for talks with the government on Monday.",
            "REQUEST",
        ),
        (
            "The charges were dismissed against the two men.",
            "The government dismissed the rebels' demands on Monday.",
            "REJECT",
        ),
        (
            "The victims and officers agreed to the disposition of the case.",
            "The rebels agreed to a ceasefire on Monday.",
            "AGREE",
        ),
        # Published information is no release of captives; a party hosted is no consultation.
        (
            "Police released a 911 call in which a woman reported the shooting.",
            "The rebels released twelve captured soldiers on Friday.",
            "RETREAT",
        ),
        (
            "Four people were shot early Saturday after an event hosted by a local rapper.",
            "The president hosted the foreign minister in Kiev on Monday.",
            "CONSULT",
        ),
    ],
)
def test_procedure_and_private_events_are_no_political_acts(coder, procedure, political, event):
    assert event not in {t for t, _ in kinds(coder, procedure)}
    assert event in {t for t, _ in kinds(coder, political)}


@pytest.mark.parametrize(
    "false_reading, true_reading, event",
    [
        # Bodies pulled out of debris, forces pressed into service, a release that claims: other senses.
        (
            "Police pulled out eight more bodies from the debris on Monday.",
            "The army pulled out of the town on Monday.",
            "RETREAT",
        ),
        (
            "The military was pressed into service when police failed to contain the violence.",
            "The opposition pressed the government for early elections on Monday.",
            "REQUEST",
        ),
        (
            "The release claimed that the efforts resulted in smooth functioning of the stations.",
            "The rebels released twelve captured soldiers on Friday.",
            "RETREAT",
        ),
    ],
)
def test_other_senses_are_no_events(coder, false_reading, true_reading, event):
    assert event not in {t for t, _ in kinds(coder, false_reading)}
    assert event in {t for t, _ in kinds(coder, true_reading)}


def test_a_deployment_only_sought_is_not_asserted(coder):
    sentence = "The petition will be heard along with another seeking deployment of army at the site."
    assert ("MOBILIZE", "asserted") not in kinds(coder, sentence)


def test_police_talking_to_a_witness_is_no_consultation(coder):
    assert "CONSULT" not in {
        t for t, _ in kinds(coder, "He said police talked to him and took his store's surveillance tape.")
    }
    assert "CONSULT" in {t for t, _ in kinds(coder, "The minister talked to the rebel leaders on Monday.")}


def test_a_victim_trying_to_flee_is_no_displacement(coder):
    shot_fleeing = "Four people were shot in the office and a fifth was shot trying to flee, police said."
    assert "SANCTION" not in {t for t, _ in kinds(coder, shot_fleeing)}
    assert "SANCTION" in {
        t for t, _ in kinds(coder, "Thousands of villagers fled the fighting in the district on Monday.")
    }
