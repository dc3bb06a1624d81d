"""The geocoder on written hierarchies, streets, abbreviations and common words: made-up
sentences, the real gazetteer index and the real spaCy model."""

from __future__ import annotations

import pytest

from polemos.geo import Geocoder
from polemos.record import DocumentInfo, ExtractionRecord, Sentence

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return Geocoder(gazetteer)


@pytest.fixture(scope="module")
def nlp(gazetteer):
    from polemos.nlp import load_pipeline

    return load_pipeline(patterns=gazetteer.ruler_patterns())


def resolve(geocoder, text: str, *names: str) -> dict:
    spans = sorted((text.index(name), text.index(name) + len(name)) for name in names)
    return {text[s:e]: place for (s, e), place in zip(spans, geocoder.resolve(text, spans))}


def places_of(geocoder, nlp, text: str) -> list:
    doc = nlp(text)
    record = ExtractionRecord(
        DocumentInfo(id="made-up"), text, sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents]
    )
    geocoder.annotate(record, doc)
    return record.places


def test_a_village_in_brackets_is_never_a_namesake_in_another_country(geocoder):
    text = "Herders fled the village of Kolo (Bankass, Mopti) after the raid."
    found = resolve(geocoder, text, "Kolo", "Bankass", "Mopti")
    assert found["Bankass"].country == "MLI" and found["Mopti"].country == "MLI"
    assert found["Kolo"] is None or found["Kolo"].country == "MLI"


def test_a_list_of_towns_is_not_read_as_a_hierarchy(geocoder):
    text = "Shelling was reported in Aleppo, Homs and Idlib overnight."
    found = resolve(geocoder, text, "Aleppo", "Homs", "Idlib")
    assert {place.country for place in found.values()} == {"SYR"}


def test_a_district_written_before_its_province(geocoder):
    text = "Fighting closed the road in Khulm district, Balkh province, for two days."
    found = resolve(geocoder, text, "Khulm", "Balkh")
    assert found["Khulm"].country == "AFG" and found["Balkh"].feature == "admin1"


def test_places_carry_their_division_and_precision(geocoder):
    text = "The convoy left Houston, Texas, for Mexico."
    found = resolve(geocoder, text, "Houston", "Texas", "Mexico")
    assert (found["Houston"].precision, found["Houston"].admin1) == ("city", "US.TX")
    assert found["Texas"].precision == "admin1" and found["Mexico"].precision == "country"


def test_streets_and_compass_abbreviations_name_no_town(geocoder):
    text = "Shots were fired near Park Avenue and on 1st Street, NW, in Washington."
    found = resolve(geocoder, text, "Park Avenue", "NW", "Washington")
    assert found["Park Avenue"] is None and found["NW"] is None


def test_a_state_code_after_a_town_picks_its_state(geocoder):
    text = "The bank robbery in Paris, TX, ended with two arrests."
    found = resolve(geocoder, text, "Paris", "TX")
    assert found["TX"].name == "Texas" and found["Paris"].country == "USA"


def test_a_city_beats_a_small_division_of_the_same_name(geocoder):
    text = "A man was shot outside a bar in Toledo late on Friday."
    assert resolve(geocoder, text, "Toledo")["Toledo"].country == "USA"


def test_a_side_of_a_city_is_in_that_city(geocoder):
    text = "Gunfire in east Kissimmee kept residents awake."
    assert resolve(geocoder, text, "east Kissimmee")["east Kissimmee"].name == "Kissimmee"


def test_inflected_verbs_in_lower_cased_text_are_not_towns(geocoder, nlp):
    text = (
        "the curfew had begun in the walled city of ahmedabad by evening and the police said the "
        "mob had dispersed from the station area before the army arrived in large numbers."
    )
    names = {place.text for place in places_of(geocoder, nlp, text)}
    assert "ahmedabad" in names and "begun" not in names


def test_generic_names_of_city_parts_name_no_town_elsewhere(geocoder):
    text = "Two men were shot on the South Side of Chicago and another in the Bay Area."
    found = resolve(geocoder, text, "South Side", "Chicago", "Bay Area")
    assert found["South Side"] is None and found["Bay Area"] is None
    assert found["Chicago"].country == "USA"


def test_a_lone_town_abroad_in_a_story_set_in_one_country_is_left_unresolved(geocoder):
    text = (
        "Beaufort County deputies said the shooting happened in a field near Pinetown, "
        "east of Greenville, and that the victims were taken to Washington."
    )
    found = resolve(geocoder, text, "Beaufort County", "Pinetown", "Greenville", "Washington")
    assert found["Greenville"].country == "USA"
    assert found["Pinetown"] is None or found["Pinetown"].country == "USA"
