"""Where a local story happened when its page names its outlet, on made-up pages run through the
whole real pipeline: a station's city in the title ("... - Live 5 News | Charleston, SC") or in
a dateline with its call letters ("TUCSON (KXYZ) —") says where the newsroom is, not where the
shooting was; the city of an outlet the title names ("Youngstown news, ...") settles namesakes;
and a headline's "Atlanta suburbs" is not Atlanta."""

from __future__ import annotations

import pytest

from polemos.ingest.raw import RawDocument
from polemos.record import event_place

pytestmark = pytest.mark.slow

PUBLISHED = "2016-05-20"


def places_of_events(pipeline, text: str, title: str | None = None) -> list[tuple]:
    record = pipeline.extract(
        RawDocument(source="made-up", content=text, format="text", title=title, published=PUBLISHED)
    )
    events = [e for e in record.events if e.type == "ASSAULT" and e.modality == "asserted"]
    assert events, [(e.type, e.trigger) for e in record.events]
    return [(place.name, place.admin1) if place else None for place in (event_place(record, e) for e in events)]


def test_the_station_s_city_in_the_title_is_not_where_a_county_s_shooting_happened(nlp_pipeline):
    text = (
        "Doctors in Charleston are treating two teenagers after a weekend of violence.\n\n"
        "Four men were wounded when gunfire broke out at a party early Sunday.\n\n"
        "One of them was shot again at a house in Colleton County as he fled, the sheriff's office said."
    )
    title = "Three surrender in party shooting - Live 7 News | Charleston, SC | News, Weather"
    assert ("Charleston", "US.SC") not in places_of_events(nlp_pipeline, text, title)


def test_the_station_s_city_in_the_title_still_places_a_story_naming_no_other(nlp_pipeline):
    text = (
        "Two men were shot outside a corner store late Sunday.\n\n"
        "Memphis police are looking for a gray car seen leaving the store."
    )
    title = "2 wounded outside store - Channel 9 News - Memphis, Tennessee"
    assert set(places_of_events(nlp_pipeline, text, title)) == {("Memphis", "US.TN")}


def test_a_station_s_dateline_gives_way_to_the_town_the_story_is_about(nlp_pipeline):
    text = (
        "TUCSON (KXYZ) — One student was killed and two were wounded in a shooting outside a dormitory "
        "on Friday morning.\n\n"
        "The university in Flagstaff cancelled classes for the day.\n\n"
        "Flagstaff police arrested a freshman an hour later."
    )
    assert set(places_of_events(nlp_pipeline, text)) == {("Flagstaff", "US.AZ")}


def test_a_station_s_dateline_far_away_gives_way_to_the_title_s_town(nlp_pipeline):
    text = (
        "A soldier came home from overseas to a surprise party.\n\n"
        "WILMINGTON, NC (WXYZ) - A new playground opened near the airport on Tuesday.\n\n"
        "A 13-year-old boy was shot and killed inside his home in Lexington on Wednesday, "
        "the Lexington Police Department said. Deputies from Richland County helped at the scene."
    )
    title = "Boy, 13, shot dead at Lexington home - wxyz.com - Columbia, South Carolina"
    assert {name for name, _ in places_of_events(nlp_pipeline, text, title)} == {"Lexington"}


def test_a_city_dateline_without_call_letters_stays_the_story_s_place(nlp_pipeline):
    text = (
        "TUCSON — Two men were shot outside a bar early Saturday.\n\n"
        "One of them had driven in from Flagstaff, and a friend from Flagstaff was with him."
    )
    assert set(places_of_events(nlp_pipeline, text)) == {("Tucson", "US.AZ")}


def test_the_outlet_s_city_in_the_title_settles_a_namesake(nlp_pipeline):
    text = "Police named the four people shot inside a home on Seventh Street on Saturday afternoon."
    title = "Youngstown news, Campbell police name four shot in family shooting"
    assert places_of_events(nlp_pipeline, text, title)[0] == ("Campbell", "US.OH")


def test_a_region_the_outlet_covers_is_not_its_home(nlp_pipeline):
    text = (
        "A 4-year-old girl died after being shot in the chest at a home on Mechanicsville Turnpike "
        "on Sunday, Virginia State Police said."
    )
    title = "Girl, 4, fatally shot in Richmond - WXYZ.com, South Georgia News, Weather"
    assert places_of_events(nlp_pipeline, text, title)[0] == ("Richmond", "US.VA")


def test_a_headline_s_suburbs_of_a_city_do_not_place_a_story_filed_from_a_suburb(nlp_pipeline):
    text = (
        "SNELLVILLE — Police are searching for a gunman after finding three bodies in Atlanta's "
        "eastern suburbs.\n\n"
        "Officers went to a home in Snellville after a neighbor called 911.\n\n"
        "A man was seen chasing a woman outside while shooting at her, police said."
    )
    title = "3 people shot to death at home in Atlanta suburbs"
    assert set(places_of_events(nlp_pipeline, text, title)) == {("Snellville", "US.GA")}


def test_a_state_written_after_the_outlet_s_city_settles_a_county_namesake(nlp_pipeline):
    # Gilmer County lies in Georgia and in West Virginia; the station's city and state say which
    text = (
        "A 10-year-old boy was shot to death in the Troy area of Gilmer County on Wednesday, "
        "the sheriff's department said."
    )
    title = "Boy, 10, shot dead while playing with rifle - WXYZ 13 Charleston, Huntington WV News, Weather"
    assert places_of_events(nlp_pipeline, text, title)[0] == ("Gilmer County", "US.WV")


def test_two_namesakes_of_one_other_state_do_not_hold_each_other_against_the_outlet_s(nlp_pipeline):
    text = (
        "Five people were shot inside a home early Friday, the police chief said.\n\n"
        "Two of the wounded children are in a hospital in Jackson."
    )
    url = "https://www.example.com/news/central-mississippi/five-shot-inside-home-early-friday/1"
    record = nlp_pipeline.extract(
        RawDocument(
            source="made-up",
            content=text,
            format="text",
            url=url,
            title="2 dead, 3 hurt in Brookhaven shooting",
            published=PUBLISHED,
        )
    )
    assert [(p.name, p.admin1) for p in record.title_places] == [("Brookhaven", "US.MS")]


def test_a_far_larger_namesake_beside_the_outlet_s_state_stays_the_city_meant(nlp_pipeline):
    text = (
        "A 15-year-old boy was killed and three men were wounded when shots were fired after a street "
        "festival in Newark on Sunday, Essex County prosecutors said."
    )
    url = "https://www.nbcnewyork.com/news/local/teen-killed-after-street-festival/2"
    record = nlp_pipeline.extract(
        RawDocument(source="made-up", content=text, format="text", url=url, published=PUBLISHED)
    )
    assert {(p.name, p.admin1) for p in record.places if p.text == "Newark"} == {("Newark", "US.NJ")}
