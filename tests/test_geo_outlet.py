"""Where a local story happened, on made-up pages run through the whole real pipeline: the
outlet's web address names its home state, which settles namesakes in several states; the
incident a page reports only in its headline, or in a sentence the model reads, is placed
where the story is set; a neighbourhood written as part of a city is not a state far away;
and a title's outlet part ("- KXYZ 7 Springfield News") is not where the story happened; a
city's name the NER cut short ("San Pedro" + "Sula") is read whole, and a town's name it read
as a time ("in Roundup") is a town."""

from __future__ import annotations

import pytest

from polemos.geo.outlet import host_labels, names_in_label, page_address, section_name, site_part
from polemos.geo.words import GeoWords
from polemos.ingest.raw import RawDocument
from polemos.lang import LanguageData
from polemos.record import event_place

WORDS = GeoWords(LanguageData.load())

PUBLISHED = "2016-05-20"


def places_of_events(pipeline, text: str, title: str | None = None, url: str | None = None):
    record = pipeline.extract(
        RawDocument(source="made-up", content=text, format="text", title=title, url=url, published=PUBLISHED)
    )
    events = [e for e in record.events if e.type in ("ASSAULT", "ACCIDENT") and e.modality == "asserted"]
    assert events, [(e.type, e.trigger) for e in record.events]
    return [(place.name, place.admin1) if place else None for place in (event_place(record, e) for e in events)]


def test_an_archived_page_is_read_by_its_own_address():
    host, sections = page_address("http://web.archive.org/web/20150101000000/http://www.example.com:80/a/b-c/x.html")
    assert host == "www.example.com" and sections == ["a", "b-c", "x.html"]
    assert host_labels("stlouis.cbslocal.com") == ["stlouis", "cbslocal"]


def test_a_host_names_a_place_written_without_spaces():
    keys = {"losangeles", "angeles", "kansascity", "kansas", "denver"}
    assert names_in_label("nbclosangeles", keys) == ["losangeles"]
    assert names_in_label("kansascity", keys) == ["kansascity"]
    assert names_in_label("denverpost", keys) == ["denver"]
    assert names_in_label("dailynews", keys) == []


def test_a_short_section_names_a_place_and_a_headline_slug_does_not():
    assert section_name("central-mississippi", WORDS) == "mississippi"
    assert section_name("chicago", WORDS) == "chicago"
    assert section_name("new-york", WORDS) == "new york"
    assert section_name("three-hurt-in-shooting-near-elm-street", WORDS) is None
    assert section_name("2016", WORDS) is None


@pytest.mark.parametrize(
    "title, outlet",
    [
        ("Man hurt in shooting - KXYZ 7 Springfield News", "KXYZ 7 Springfield News"),
        ("Two shot at party - Example10.com | Dover, DE | News, Weather", "Example10.com | Dover, DE | News, Weather"),
        ("Elmwood news, police name victims of Friday shooting", "Elmwood news"),
        ("Two shot at party on Elm Street", ""),
        ("Teen hurt - War of words goes on", ""),
    ],
)
def test_a_title_s_outlet_part(title, outlet):
    start, end = site_part(title, WORDS)
    assert title[start:end] == outlet


@pytest.mark.slow
def test_a_californian_outlet_s_pasadena_is_the_californian_city(nlp_pipeline):
    text = "Two men were shot outside a taco stand in Pasadena late on Friday, police said."
    assert places_of_events(nlp_pipeline, text)[0] == ("Pasadena", "US.TX")  # the larger namesake
    url = "https://www.nbclosangeles.com/news/local/two-men-shot-outside-taco-stand/1234/"
    assert places_of_events(nlp_pipeline, text, url=url)[0] == ("Pasadena", "US.CA")


@pytest.mark.slow
def test_an_archived_colorado_paper_s_yuma_is_the_colorado_town(nlp_pipeline):
    text = "A 15-year-old boy was killed when a hunting rifle went off in a pickup in Yuma on Monday, police said."
    url = "http://web.archive.org/web/20150101000000/http://www.denverpost.com/news/ci_123/boy-killed"
    assert places_of_events(nlp_pipeline, text, url=url)[0] == ("Yuma", "US.CO")


@pytest.mark.slow
def test_a_section_naming_a_state_settles_a_namesake(nlp_pipeline):
    text = "A woman was shot and wounded at her home in Brookhaven late Friday, police said."
    url = "https://www.example.com/news/central-mississippi/woman-wounded-at-her-home-late-friday/99"
    assert places_of_events(nlp_pipeline, text, url=url)[0] == ("Brookhaven", "US.MS")


@pytest.mark.slow
def test_a_headline_incident_is_placed_where_the_page_s_police_force_works(nlp_pipeline):
    text = "Get alerts from Jane Roe every day!\n\nThe Elmwood Park Police Department asks anyone who saw it to call."
    assert places_of_events(nlp_pipeline, text, title="Two wounded in drive-by shooting") == [("Elmwood Park", "US.IL")]


@pytest.mark.slow
def test_a_witness_s_words_the_model_reads_as_the_shooting_are_placed_in_the_story_s_town(nlp_pipeline):
    text = (
        "Four people were hurt after a shooting on Sunday night in Elmwood Park.\n\n"
        "Officers were called to Grand Avenue around 9 p.m.\n\n"
        "One witness, who would not give his name, said \"I ducked, that is all I can say. "
        "I heard the shots and I ducked behind a car.\""
    )
    assert set(places_of_events(nlp_pipeline, text)) == {("Elmwood Park", "US.IL")}


@pytest.mark.slow
def test_a_neighbourhood_written_as_part_of_a_city_is_no_state_far_away(nlp_pipeline):
    text = (
        "Three men were shot on Tuesday night in the Vermont-Manchester neighborhood of South Los Angeles, police said."
    )
    assert places_of_events(nlp_pipeline, text) == [("Los Angeles", "US.CA")]


@pytest.mark.slow
def test_a_city_name_the_ner_cuts_short_is_read_whole(nlp_pipeline):
    record = nlp_pipeline.extract(
        RawDocument(
            source="made-up",
            format="text",
            published=PUBLISHED,
            content="On 4 March 2023, gunmen killed three bus drivers at a terminal in San Pedro Sula (Cortés).",
        )
    )
    assert [(p.text, p.country) for p in record.places if p.text.startswith("San")] == [("San Pedro Sula", "HND")]


@pytest.mark.slow
def test_a_town_the_ner_reads_as_a_time_is_a_town_after_in(nlp_pipeline):
    text = (
        "GREAT FALLS, Mont. — Two ranch hands were wounded in a shooting in Roundup on Sunday night, the sheriff said."
    )
    assert places_of_events(nlp_pipeline, text) == [("Roundup", "US.MT")]
    record = nlp_pipeline.extract(
        RawDocument(
            source="made-up",
            format="text",
            published=PUBLISHED,
            content="Two men were shot in May near a park in Springfield, Ill.",
        )
    )
    assert "May" not in [p.text for p in record.places]


@pytest.mark.slow
def test_a_state_naming_a_plate_s_registration_is_not_where_the_shooting_was(nlp_pipeline):
    text = (
        "MEMPHIS, Tenn. — Three friends were riding in a sedan with a Mississippi license plate when a gunman "
        "opened fire from a passing car on Friday night."
    )
    assert places_of_events(nlp_pipeline, text) == [("Memphis", "US.TN")]
