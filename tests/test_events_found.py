"""Every violent incident a news story reports yields its event, and talk about violence in
general does not: made-up news sentences run through the real pipeline."""

from __future__ import annotations

import pytest

from polemos.eval.events import SentenceCoder

pytestmark = pytest.mark.slow

PUBLISHED = "2024-05-08"


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def asserted_assaults(coder: SentenceCoder, text: str):
    record, _doc = coder.code_one(text, PUBLISHED)
    return [e for e in record.events if e.type == "ASSAULT" and e.modality == "asserted"]


def asserted_accidents(coder: SentenceCoder, text: str):
    record, _doc = coder.code_one(text, PUBLISHED)
    return [e for e in record.events if e.type == "ACCIDENT" and e.modality == "asserted"]


@pytest.mark.parametrize(
    "sentence",
    [
        # an indefinite event noun with its own place, date, victims or outcome
        "Officers are at the scene of a deadly shooting in the Maple Court Apartments.",
        "A quarrel which turned into a shooting in Dayton left one man dead.",
        "Detectives are looking into a stabbing outside a bar on Elm Street.",
        "The sheriff is investigating the shooting death of a 9-year-old girl at a farmhouse in Kearney.",
        "Police are investigating the shooting that occurred early Sunday on Pine Street.",
        # how a victim's side of the incident is told
        "The boy suffered a gunshot wound to the arm.",
        "Someone opened fire on a birthday party at a motel.",
        "The sheriff's office is investigating after four men were found shot behind a warehouse.",
        "Deputies found two people dead in an apparent murder-suicide.",
        "The coroner said the woman died from a single gunshot wound.",
        "Both brothers were dead from apparent gunshot wounds.",
    ],
)
def test_a_reported_incident_is_an_event(coder, sentence):
    assert asserted_assaults(coder, sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Deadly shootings in schools have become more common.",
        "A shooting can happen anywhere.",
        "Someone will open fire one day.",
        "Nobody was hurt at the shooting range in Anderson.",
        "Gun violence kills thousands of people every year.",
        "The man died of a self-inflicted gunshot wound in his garage.",
        "A mass shooting at a school is every parent's nightmare.",
        "The murder rate fell last year.",
        "There were no shootings in the district this weekend.",
    ],
)
def test_talk_about_violence_in_general_is_no_event(coder, sentence):
    assert not asserted_assaults(coder, sentence), sentence


def test_an_old_shooting_named_again_stays_background(coder):
    record, _doc = coder.code_one(
        "Police said the bar was also the scene of a 2009 shooting that killed two people.", PUBLISHED
    )
    old = [e for e in record.events if e.type == "ASSAULT"]
    assert old and all(e.confidence <= 0.3 for e in old)


@pytest.mark.parametrize(
    "sentence",
    [
        "The stabbing was Riverton's 14th homicide of 2019.",
        "It was the third fatal shooting in the county this year.",
    ],
)
def test_a_running_tally_of_incidents_is_background(coder, sentence):
    # the rank of an incident within a year situates the story's incident, it does not report one
    record, _doc = coder.code_one(sentence, PUBLISHED)
    assert all(e.confidence <= 0.3 for e in record.events if e.type == "ASSAULT"), sentence


def test_the_incident_outranks_its_place_in_the_tally(coder):
    record, _doc = coder.code_one(
        "A man was shot and killed on Oak Street on Tuesday. The shooting was the town's fifth homicide of the year.",
        PUBLISHED,
    )
    assaults = [e for e in record.events if e.type == "ASSAULT" and e.modality == "asserted"]
    main = min(assaults, key=lambda e: (-e.confidence, e.evidence[0].start))
    assert main.evidence[0].text.startswith("A man was shot")
    assert main.size["dead"]["min"] == 1
    assert main.date["value"] == "2024-05-07"  # Tuesday, not the year the tally counts in


def test_a_tally_ahead_of_the_incident_lends_it_no_year(coder):
    record, _doc = coder.code_one(
        "The killing was the town's fifth homicide of 2024. "
        "A man was shot and killed on Oak Street on Tuesday, police said.",
        PUBLISHED,
    )
    assaults = [e for e in record.events if e.type == "ASSAULT" and e.modality == "asserted"]
    assert assaults and all(e.date["value"] == "2024-05-07" for e in assaults)


def test_wounded_in_a_shooting_is_one_event(coder):
    events = asserted_assaults(coder, "Two teenagers were wounded late Friday in a shooting near a park, police said.")
    assert len(events) == 1


def test_an_accidental_shooting_is_an_accident_marked_accidental(coder):
    events = asserted_accidents(
        coder, "A 5-year-old boy accidentally shot himself in the hand at his grandparents' home on Saturday."
    )
    assert events and all("accidental" in e.context for e in events)
    assert all(e.acled is None for e in events)  # no political violence


def test_an_accident_is_as_sure_an_incident_as_the_rules_read_it(coder):
    # the event model doubts an accident (nobody meant harm); that doubt must not rank the
    # story's accident below other shootings the story mentions in passing
    events = asserted_accidents(
        coder,
        "A 7-year-old girl was accidentally shot in the leg while playing "
        "with her cousins at a home in Dayton on Sunday.",
    )
    assert events and all("accidental" in e.context for e in events)
    assert max(e.confidence for e in events) >= 0.5


def test_a_murder_suicide_is_no_suicide_attack(coder):
    events = asserted_assaults(coder, "Deputies found two people dead in an apparent murder-suicide.")
    assert events and all(e.mode != "suicide-attack" for e in events)
    assert all((e.acled or {}).get("sub_event_type") != "Suicide bomb" for e in events)


@pytest.mark.parametrize(
    "line, dead, injured",
    [
        ("Two Dead, Three Wounded in Drive-By Shooting", 2, 3),
        ("5 Shot, 3 Killed In West Akron Apartment Complex", 3, None),
    ],
)
def test_a_headline_line_that_counts_victims_is_an_event(coder, line, dead, injured):
    events = asserted_assaults(coder, line)
    assert events, line
    sizes = events[0].size
    assert sizes["dead"]["min"] == dead
    if injured is not None:
        assert sizes["injured"]["min"] == injured


def test_a_shooting_death_takes_the_day_its_noun_names(coder):
    record, _doc = coder.code_one(
        "Classmates remembered the teenager on Monday, days after his shooting death on Friday at a friend's house.",
        PUBLISHED,
    )
    deaths = [e for e in record.events if e.type == "ASSAULT"]
    assert deaths and {e.date["value"] for e in deaths} == {"2024-05-03"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Two border guards were killed when their jeep hit a landmine outside Kalopa on Friday.",
        "Five soldiers were injured when their truck ran over a roadside bomb near the river.",
    ],
)
def test_a_vehicle_struck_by_a_weapon_is_an_attack_not_a_road_accident(coder, sentence):
    assert asserted_assaults(coder, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Two men were killed when their car hit a tree outside Kalopa on Friday.",
        "Four people were killed when their bus overturned on the highway near the river.",
    ],
)
def test_a_road_accident_is_still_no_attack(coder, sentence):
    assert not asserted_assaults(coder, sentence)


def test_forces_engaging_an_armed_enemy_fight(coder):
    events = asserted_assaults(coder, "Government troops engaged rebel fighters in the hills above Tavor on Sunday.")
    assert [e.trigger for e in events] == ["engaged"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry engaged consultants to review the budget on Sunday.",
        "Both parties engaged in talks in Tavor on Sunday.",
    ],
)
def test_engaging_people_or_in_talks_is_no_fighting(coder, sentence):
    assert not asserted_assaults(coder, sentence)
