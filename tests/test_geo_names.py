"""Words the geo stage must not take for towns, on made-up articles run through the whole real
pipeline: a person's name the text writes in full elsewhere (unless a cue, a state or a city of
100,000 people backs the word), a common word with nothing to back it as a place ("what Metro
says"; not "MOBILE, AL —"), a generic part of a city written before it ("Downtown
Minneapolis") or alone ("the Central Business District"), and "No." before a number."""

from __future__ import annotations

import pytest

from polemos.ingest.raw import RawDocument
from polemos.record import event_place

pytestmark = pytest.mark.slow

PUBLISHED = "2017-03-01"


def extract(pipeline, text: str):
    return pipeline.extract(RawDocument(source="made-up", content=text, format="text", published=PUBLISHED))


def event_places(record) -> set:
    places = (
        event_place(record, e) for e in record.events if e.type in ("ASSAULT", "ACCIDENT") and e.modality == "asserted"
    )
    return {(p.name, p.admin1) if p else None for p in places}


def test_a_victim_s_surname_alone_is_the_victim_not_a_town(nlp_pipeline):
    record = extract(
        nlp_pipeline,
        "A man shot and killed both Nicholas Lindsay and Lorenzo Duncan outside a tavern "
        "in Auburn, Washington, in March.\n\n"
        "Prosecutors charged him on Monday in the deaths of Lindsay, 24, and Duncan, 22.",
    )
    assert not [p for p in record.places if p.text == "Lindsay" and p.lat is not None]


def test_a_person_s_name_after_in_is_still_a_town(nlp_pipeline):
    record = extract(
        nlp_pipeline, "Sheriff Dana Sumner said a man shot his neighbour at a farmhouse in Sumner, Iowa, on Friday."
    )
    assert [p.admin1 for p in record.places if p.text == "Sumner"] == ["US.IA"]


def test_a_large_city_that_is_also_a_word_of_a_person_s_name_is_still_the_city(nlp_pipeline):
    record = extract(
        nlp_pipeline,
        "Coach Dallas Brown said the team was stunned. The boy was shot on Friday night "
        "after a game against Dallas, police said.",
    )
    assert [p.admin1 for p in record.places if p.text == "Dallas"] == ["US.TX"]


def test_a_common_word_the_ner_takes_for_a_place_is_no_town_without_a_cue(nlp_pipeline):
    record = extract(
        nlp_pipeline,
        "A woman was shot inside a car early on Sunday in what Metro says was an accident.\n\n"
        "The shooting happened near East Flamingo Road, according to Metro. Metro's "
        "homicide section is investigating, the Clark County coroner said.",
    )
    assert not [p for p in record.places if p.text == "Metro" and p.lat is not None]
    assert event_places(record) == {("Clark County", "US.NV")}


def test_a_common_word_opening_a_dateline_is_still_the_town(nlp_pipeline):
    record = extract(
        nlp_pipeline, "MOBILE, AL (WXYZ) — A teenager was shot and killed at a parade on Tuesday night, police said."
    )
    assert [p.admin1 for p in record.places if p.text == "MOBILE"] == ["US.AL"]


def test_downtown_before_a_city_is_part_of_that_city(nlp_pipeline):
    record = extract(
        nlp_pipeline, "Two men were charged on Monday with shooting at officers in Downtown Minneapolis early Saturday."
    )
    assert not [p for p in record.places if p.text == "Downtown" and p.lat is not None]
    assert event_places(record) == {("Minneapolis", "US.MN")}


def test_no_before_a_number_is_no_place(nlp_pipeline):
    geocoder = dict(nlp_pipeline.stages)["geo"]
    text = "He was shot in 1200 Birch Court, No. 4, in Manhattan, Kansas."
    start = text.index("No.")
    assert geocoder.resolve(text, [(start, start + 2)]) == [None]


def test_a_city_s_business_district_is_no_hamlet_of_that_name_abroad(nlp_pipeline):
    record = extract(
        nlp_pipeline,
        "Four people were shot early Monday in the Central Business District, "
        "a few blocks from the Superdome, New Orleans police said.",
    )
    assert not [p for p in record.places if "Business District" in p.text and p.lat is not None]
    assert event_places(record) == {("New Orleans", "US.LA")}
