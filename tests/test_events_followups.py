"""The day and the toll of a shooting as local news tells it, follow-up stories included, on
made-up articles run through the whole pipeline: what a reader of the main event would see."""

from __future__ import annotations

from datetime import date

from polemos.figures import FigureExtractor
from polemos.ingest.raw import RawDocument
from polemos.time.tagger import TemporalTagger

PUBLISHED = "2016-05-20"  # a Friday


def main_assault(pipeline, text: str, title: str | None = None, published: str = PUBLISHED):
    record = pipeline.extract(
        RawDocument(source="made-up", content=text, format="text", title=title, published=published)
    )
    assaults = [e for e in record.events if e.type == "ASSAULT" and e.modality == "asserted"]
    assert assaults, [(e.type, e.trigger) for e in record.events]
    return min(assaults, key=lambda e: (-e.confidence, e.evidence[0].start))


def sizes(event) -> dict:
    return {category: (figure["min"], figure["max"]) for category, figure in event.size.items()}


def test_numbers_spelled_with_a_hyphen_are_one_number():
    amounts = FigureExtractor().amounts.find("Twenty-five people were killed and forty-one were hurt; 20-25 fled.")
    assert [(a.min, a.max) for a in amounts] == [(25, 25), (41, 41), (20, 25)]


def test_channel_numbers_calibres_and_gun_models_are_no_tolls():
    extractor = FigureExtractor()
    for text in (
        "Officers said he was shot with an AK-47 and killed.",
        "Eyewitness News 8 learned the man was killed on Sunday.",
        "A .380-caliber pistol was used to kill him.",
        "He killed the deer with a 12-gauge shotgun.",
    ):
        assert not [q for q in extractor.extract(text) if q.category in {"dead", "injured"}], text
    found = extractor.extract("Channel 4 reported that two people were killed.")
    assert [(q.min, q.category) for q in found] == [(2, "dead")]


def test_victims_told_in_other_phrasings(nlp_pipeline):
    event = main_assault(
        nlp_pipeline,
        "Two cousins who stopped to ask for directions ended up getting shot on Thursday night in Elmwood.",
    )
    assert sizes(event) == {"injured": (2, 2)}
    event = main_assault(nlp_pipeline, "Gunfire outside a corner store on Thursday left a girl injured, police said.")
    assert sizes(event) == {"injured": (1, 1)}
    event = main_assault(
        nlp_pipeline,
        "Gunmen opened fire on a porch in Elmwood on Thursday. Tara Quinlan suffered a gunshot wound to the arm.",
    )
    assert sizes(event) == {"injured": (1, 1)}


def test_named_victims_are_counted_together_when_no_total_is_given(nlp_pipeline):
    text = (
        "Gunmen opened fire on a car in Elmwood on Thursday night.\n\n"
        "Police said Marcus Reel was killed at the scene. Dorian Pike died later at a hospital. "
        "Reel was 24."
    )
    assert sizes(main_assault(nlp_pipeline, text))["dead"] == (2, 2)


def test_one_who_took_their_own_life_after_killing_others_is_counted(nlp_pipeline):
    text = (
        "A man shot and killed his former girlfriend outside her workplace in Elmwood on Thursday.\n\n"
        "Hours later, as officers closed in, he took his own life."
    )
    assert sizes(main_assault(nlp_pipeline, text)) == {"dead": (2, 2)}
    text = "A woman shot her two brothers at their home on Thursday and then took her own life, deputies said."
    assert sizes(main_assault(nlp_pipeline, text)) == {"dead": (1, 1), "injured": (2, 2)}
    text = "A woman shot and killed her husband on Thursday and then tried to take her own life, deputies said."
    assert sizes(main_assault(nlp_pipeline, text)) == {"dead": (1, 1)}


def test_a_named_victim_who_died_is_not_also_injured(nlp_pipeline):
    text = (
        "Gunmen opened fire on a porch in Elmwood on Thursday. Tara Quinlan suffered a gunshot wound "
        "to the chest.\n\nQuinlan died at the hospital early Friday, police said."
    )
    assert sizes(main_assault(nlp_pipeline, text)) == {"dead": (1, 1)}


def test_a_follow_up_gives_the_incident_its_own_day(nlp_pipeline):
    text = (
        "Elmwood police arrested a 19-year-old man on Wednesday in the death of a grocery clerk.\n\n"
        "The clerk was shot several times behind the counter and died at the scene. "
        "The shooting happened on April 28 during a robbery."
    )
    event = main_assault(nlp_pipeline, text)
    assert event.date["value"][:10] == "2016-04-28"


def test_a_follow_up_that_gives_only_the_month_keeps_the_month(nlp_pipeline):
    text = (
        "Police arrested a man on Wednesday in connection with the shooting that happened last month.\n\n"
        "Investigators say he opened fire on a crowd outside a nightclub, wounding four people."
    )
    event = main_assault(nlp_pipeline, text)
    assert event.date["value"] == "2016-04" and event.date["precision"] == "month"


def test_an_undated_follow_up_keeps_the_month_of_publication_not_a_wrong_day(nlp_pipeline):
    text = (
        "A man was arrested on Wednesday and charged with murder.\n\n"
        "Investigators say he shot and killed his neighbor after an argument over a fence."
    )
    event = main_assault(nlp_pipeline, text)
    assert event.date["precision"] == "month" and event.date["value"] == "2016-05"
    assert (event.date["begin"], event.date["end"]) == ("2016-05-01", "2016-05-31")


def test_a_page_stamp_never_dates_the_incident(nlp_pipeline):
    text = (
        "Four people were wounded in a shooting outside a nightclub in Elmwood.\n\n"
        "Posted: Friday, May 20, 2016 10:24 AM EDT Updated: Friday, May 20, 2016 11:02 AM EDT\n\n"
        "Police said the gunfire broke out shortly before 2 a.m. Sunday after a fight."
    )
    event = main_assault(nlp_pipeline, text)
    assert event.date["value"][:10] == "2016-05-15"


def test_holidays_of_us_news():
    tagger = TemporalTagger.default()
    found = {
        t.text: t.value
        for t in tagger.tag("He was shot New Year's morning. The MLK Day rally went on.", date(2017, 1, 20))
    }
    assert found["New Year's morning"] == "2017-01-01"
    assert found["MLK Day"] == "2017-01-16"
    found = {t.text: t.value for t in tagger.tag("A man was shot on Mother's Day.", date(2016, 5, 12))}
    assert found["Mother's Day"] == "2016-05-08"


def test_the_day_named_beside_a_bare_part_of_the_day_dates_the_shooting(nlp_pipeline):
    text = "Devon Marsh, 19, was shot and killed in the early morning hours of New Year's Day at a party in Elmwood."
    event = main_assault(nlp_pipeline, text, published="2017-01-04")
    assert event.date["value"][:10] == "2017-01-01"


def test_a_life_saved_is_no_death(nlp_pipeline):
    text = (
        "A stray bullet came through a bedroom window in Elmwood on Thursday and struck a 10-year-old girl. "
        "Her father believes the window slowed the bullet and saved Kiara's life."
    )
    assert "dead" not in sizes(main_assault(nlp_pipeline, text))


def test_one_who_wounded_others_and_took_their_own_life_is_dead(nlp_pipeline):
    text = (
        "A gunman wounded three people at a bar in Elmwood on Thursday night.\n\n"
        "He later took his own life in a nearby parking lot, police said."
    )
    assert sizes(main_assault(nlp_pipeline, text)) == {"dead": (1, 1), "injured": (3, 3)}


def test_an_incident_is_nobody(nlp_pipeline):
    text = "Seven people were wounded at a block party in Elmwood on Saturday in what police called a mass-casualty incident."
    assert sizes(main_assault(nlp_pipeline, text)) == {"injured": (7, 7)}
