"""When an event happened, as a reader of the event data sees it, on made-up news sentences.

Each text goes through the whole real pipeline (spaCy, time, places, actors, events) with a
publication date, and the test reads the date on the coded event: its value, the days it
covers, and the ``basis`` that says where the date came from.
"""

from __future__ import annotations

import pytest

from polemos.eval.events import SentenceCoder
from polemos.events.coder import BACKGROUND_CONFIDENCE
from polemos.time.tagger import TemporalTagger
from polemos.time.values import valid_value

pytestmark = pytest.mark.slow

WEDNESDAY = "2024-05-01"
SUNDAY = "2024-05-05"


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def assaults(coder: SentenceCoder, text: str, published: str = WEDNESDAY):
    record, _doc = coder.code_one(text, published)
    found = [e for e in record.events if e.type == "ASSAULT"]
    assert found, [(e.type, e.trigger) for e in record.events]
    return found


def day_of(event) -> str:
    assert event.date is not None, event.trigger
    return event.date["value"][:10]


@pytest.mark.parametrize(
    "sentence",
    [
        "On 30 April 2020, militants attacked an army post near the border, killing 10 soldiers.",
        "On 30 April 2020, militants targeted a convoy in the north, and a roadside bomb killed 10 soldiers.",
    ],
)
def test_a_sentence_initial_date_dates_every_event_of_the_sentence(coder, sentence):
    events = assaults(coder, sentence)
    assert {day_of(e) for e in events} == {"2020-04-30"}


@pytest.mark.parametrize(
    "sentence, day",
    [
        ("Gunmen shot two men outside a bar on Tuesday.", "2024-04-30"),
        ("Gunmen wounded two people in a shooting Tuesday night.", "2024-04-30"),
        ("A gunman shot a man early Sunday on the city's east side.", "2024-04-28"),
        ("Two robbers stabbed a guard last night near the station.", "2024-04-30"),
        ("A gunman shot a teenager yesterday outside his school.", "2024-04-30"),
        ("Police said a man shot a woman this morning in her car.", "2024-05-01"),
    ],
)
def test_news_days_resolve_against_the_publication_date(coder, sentence, day):
    (event,) = assaults(coder, sentence)
    assert day_of(event) == day
    assert event.date["begin"] == event.date["end"] == day


def test_a_weekday_in_a_story_published_that_day_is_that_day(coder):
    (event,) = assaults(coder, "A gunman killed a shopkeeper early Sunday in a robbery.", SUNDAY)
    assert day_of(event) == SUNDAY


def test_the_event_date_is_a_calendar_day_not_a_part_of_day_code(coder):
    (event,) = assaults(coder, "Gunmen wounded two people in a shooting Tuesday night.")
    assert event.date["value"] == "2024-04-30"
    assert event.date["text"] == "Tuesday night"
    assert event.date["precision"] == "day"


def test_the_ledes_date_carries_to_later_sentences_about_the_incident(coder):
    text = (
        "A gunman shot and killed a man in a parking lot on Saturday night, police said.\n\n"
        "Witnesses said the attacker also wounded a woman who tried to help.\n\n"
        "The woman was taken to a hospital."
    )
    events = assaults(coder, text)
    assert {day_of(e) for e in events} == {"2024-04-27"}


def test_a_date_later_in_the_article_dates_an_undated_lede(coder):
    text = (
        "Police are searching for a gunman.\n\n"
        "A man in a hooded jacket shot the victim in the chest.\n\n"
        "Officers were called to the scene around 2 a.m. Sunday."
    )
    (event,) = assaults(coder, text)
    assert day_of(event) == "2024-04-28"
    assert event.date["basis"] in {"incident", "article"}


def test_a_news_report_that_never_dates_its_incident_falls_back_on_publication(coder):
    (event,) = assaults(coder, "A gunman shot two men outside a convenience store, police said.")
    assert event.date["basis"] == "publication"
    assert (event.date["begin"], event.date["end"]) == ("2024-04-30", WEDNESDAY)
    assert event.date["precision"] == "day"


def test_a_shooting_before_another_days_event_is_not_dated_by_it(coder):
    text = "The sheriff said a baby girl died on Thursday afternoon after her father shot her on Monday."
    events = assaults(coder, text)
    assert {day_of(e) for e in events} == {"2024-04-29"}


def test_house_numbers_and_clock_times_are_not_years(coder):
    (event,) = assaults(coder, "Gunmen opened fire on a crowd in the 1800 block of Main Street at 12.30 on Friday.")
    assert event.date["value"] == "2024-04-26T12:30"
    assert event.date["begin"] == "2024-04-26"


def test_the_tagger_never_gives_an_impossible_value():
    tagger = TemporalTagger.default()
    text = (
        "Call (555) 693-1481. They met at 12.30 in the 1900-block of Oak Avenue, "
        "at 2045 Prospect Ave., on 31.02.2023 and on 30 February 2023, then at 14.45 hrs on Thursday night."
    )
    timexes = tagger.tag(text, None)
    assert all(valid_value(t.value, t.type) for t in timexes)
    values = {t.text: t.value for t in timexes}
    assert values.get("12.30") == "XXXX-XX-XXT12:30"
    assert not any(t.value[:4] in {"1481", "1900", "2045", "1230"} for t in timexes)
    assert "30 February 2023" not in values and "31.02.2023" not in values


@pytest.mark.parametrize(
    "sentence, year",
    [
        ("Police said the bar was also the scene of a 2012 shooting that killed two people.", "2012"),
        ("Neighbours still remember the 1969 riots that destroyed the market.", "1969"),
    ],
)
def test_old_incidents_recalled_keep_their_date_and_are_background(coder, sentence, year):
    events = assaults(coder, sentence)
    assert {e.date["value"] for e in events} == {year}
    assert all(e.confidence == BACKGROUND_CONFIDENCE for e in events)


def test_an_earlier_incident_recalled_in_a_report_of_a_new_one_is_background(coder):
    text = (
        "A gunman killed a student on campus early Sunday, police said.\n\n"
        "The campus reopened in March after a gunman killed three people in the library last June."
    )
    events = assaults(coder, text, "2024-05-06")
    new = [e for e in events if day_of(e) == "2024-05-05"]
    old = [e for e in events if e.date["value"].startswith("2023-06")]
    assert new and old
    assert all(e.confidence > BACKGROUND_CONFIDENCE for e in new)
    assert all(e.confidence == BACKGROUND_CONFIDENCE for e in old)


def test_an_arrest_days_later_does_not_date_the_shooting(coder):
    text = (
        "A gunman shot and killed a man outside a bar on Saturday night.\n\n"
        "Police arrested a teenager Tuesday for the shooting."
    )
    events = assaults(coder, text, "2024-05-08")
    assert {day_of(e) for e in events} == {"2024-05-04"}


@pytest.mark.parametrize(
    "sentence",
    [
        "A funeral was held Monday for a student shot and killed by robbers who broke into his home.",
        "Two men were sentenced Monday for shooting a cashier during a robbery.",
    ],
)
def test_a_funeral_or_a_sentencing_does_not_date_the_killing(coder, sentence):
    events = assaults(coder, sentence, "2024-05-08")
    assert all(e.date is None or day_of(e) != "2024-05-06" for e in events)


def test_a_date_naming_the_shooting_in_a_charge_dates_it(coder):
    text = "A 30-year-old man is charged in connection with the May 3 shooting death of a clerk at a gas station."
    events = assaults(coder, text, "2024-05-08")
    assert {day_of(e) for e in events} == {"2024-05-03"}


def test_an_old_arrest_keeps_the_shooting_before_it_in_the_past(coder):
    text = (
        "A man was shot in the arm outside a store on Sunday, police said.\n\n"
        "The suspect was arrested in August 2019 after police said he shot two people at a party."
    )
    events = assaults(coder, text, "2024-05-08")
    old = [e for e in events if "August 2019" in e.evidence[0].text]
    assert old and all(e.confidence == BACKGROUND_CONFIDENCE for e in old)
    assert all(day_of(e) == "2024-05-05" for e in events if e not in old)


def test_a_trial_story_long_after_the_incident_dates_its_killing_by_the_incidents_day(coder):
    text = (
        "A man accused of killing two people at a nightclub pleaded not guilty.\n\n"
        "Prosecutors say two men were shot and killed in the parking lot on March 3, 2023."
    )
    events = assaults(coder, text, "2024-05-08")
    assert events and all(e.date is not None and day_of(e) == "2023-03-03" for e in events)


def test_a_date_before_a_verb_acting_on_a_vigil_dates_the_sentence(coder):
    """A vigil held on a day has that day; police breaking one up on a day act on that day, and
    so does what they did next in the same sentence."""
    record, _doc = coder.code_one(
        "On 9 May 2024, riot police dispersed a candlelight vigil in Orvena and detained six students.", WEDNESDAY
    )
    detained = [e for e in record.events if e.trigger == "detained"]
    assert detained and detained[0].date["value"] == "2024-05-09"
