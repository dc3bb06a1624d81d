"""Finding toponyms end to end: the geo stage on made-up articles run through the real spaCy
model and the real gazetteer index, including text without capital letters, and a town the NER cut
from its fire department ("Milford fire department") in a state the text names."""

from __future__ import annotations

import pytest

from polemos.geo import Geocoder
from polemos.geo.caseless import is_caseless
from polemos.record import DocumentInfo, ExtractionRecord, Sentence

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return Geocoder(gazetteer)


@pytest.fixture(scope="module")
def nlp(gazetteer):
    from polemos.nlp import load_pipeline

    return load_pipeline(patterns=gazetteer.ruler_patterns())


def places_of(geocoder, nlp, text: str) -> list:
    doc = nlp(text)
    record = ExtractionRecord(
        DocumentInfo(id="made-up"), text, sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents]
    )
    geocoder.annotate(record, doc)
    for place in record.places:
        assert record.text[place.start : place.end] == place.text
        assert place.sentence is not None
    return record.places


def test_lower_cased_report_gets_its_places(geocoder, nlp):
    text = (
        "ahmedabad: curfew was clamped on parts of vadodara after a mob set fire to shops, police said. "
        "the violence that began at godhra spread to other towns of gujarat on thursday, and para-military "
        "forces were moved in from new delhi. the issue may be raised in the lok sabha on monday, "
        "officials said, as the march by the protesters was called off."
    )
    places = places_of(geocoder, nlp, text)
    by_text = {p.text: p for p in places}
    assert {"ahmedabad", "vadodara", "godhra", "gujarat", "new delhi"} <= set(by_text)
    assert all(by_text[name].country == "IND" for name in ("ahmedabad", "vadodara", "godhra", "gujarat"))
    for word in ("police", "said", "may", "para", "sabha", "march", "lok"):
        assert word not in by_text, word


def test_caseless_text_is_told_from_ordinary_text(nlp):
    assert is_caseless(
        nlp(
            "a mob attacked shops in the old city of vadodara on friday night and police "
            "fired tear gas to disperse the crowd, officials said."
        )
    )
    assert not is_caseless(
        nlp(
            "A mob attacked shops in the old city of Vadodara on Friday night and Police "
            "fired tear gas to disperse the crowd, officials in Gujarat said."
        )
    )


def test_personal_names_need_a_place_cue_in_caseless_text(geocoder, nlp):
    text = (
        "jackson said the talks with the union had failed and the strike would go on. "
        "later the union met workers in jackson, mississippi, where the plant is, and in memphis."
    )
    places = places_of(geocoder, nlp, text)
    jacksons = [p.start for p in places if p.text == "jackson"]
    assert jacksons == [text.index("in jackson") + 3]


def test_places_the_ner_calls_organisations_or_people_are_found(geocoder, nlp):
    text = (
        "An Alexandria man was charged on Monday after a stabbing, according to the Alexandria Police "
        "Department. The suspect was held at the Rapides Parish jail in Alexandria, La., officers said.\n\n"
        "TORRINGTON — A fire destroyed the roof of a Main Street building on Sunday, the Torrington "
        "Fire Department said."
    )
    places = places_of(geocoder, nlp, text)
    found = [p.text for p in places]
    assert found.count("Alexandria") == 3
    assert "TORRINGTON" in found or "Torrington" in found
    alexandria = next(p for p in places if p.text == "Alexandria")
    assert alexandria.country == "USA" and 30 < alexandria.lat < 33


def test_nationality_words_are_not_places(geocoder, nlp):
    text = "Russian troops shelled the town while Ukrainian officials in Kyiv asked for help from Poland."
    found = {p.text for p in places_of(geocoder, nlp, text)}
    assert {"Kyiv", "Poland"} <= found
    assert not {"Russian", "Ukrainian"} & found


def test_an_alternate_name_far_from_the_story_stays_unresolved(geocoder):
    text = (
        "Al-Shabaab fighters attacked a police post in the Boni forest near Lamu, close to the border "
        "with Somalia. Kenyan troops pursued them towards Kismayo."
    )
    spans = [(text.index(name), text.index(name) + len(name)) for name in ("Boni", "Lamu", "Somalia", "Kismayo")]
    boni, lamu, _somalia, kismayo = geocoder.resolve(text, spans)
    assert boni is None  # not Bonn, Germany
    assert lamu.country == "KEN" and kismayo.country == "SOM"


def test_a_town_police_force_places_a_story_that_names_no_other_town(geocoder, nlp):
    text = (
        "Natchez Police are investigating a shooting that wounded two teenagers outside a gas station "
        "late Friday. Officers said the gunman fled on foot."
    )
    natchez = [p for p in places_of(geocoder, nlp, text) if p.text == "Natchez"]
    assert natchez and natchez[0].country == "USA" and natchez[0].admin1 == "US.MS"


def test_a_town_cut_from_its_fire_department_is_found_in_the_state_the_text_names(geocoder, nlp):
    text = (
        "A man is in critical condition after shooting himself in a parking lot at the Connecticut Post "
        "Mall Saturday night, police said.\n\nOfficers and Milford fire department EMS started "
        "lifesaving efforts."
    )
    milford = [p for p in places_of(geocoder, nlp, text) if p.text == "Milford"]
    assert milford and milford[0].admin1 == "US.CT"
