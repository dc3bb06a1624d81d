"""The geo stage reads its words and patterns from the language folder it is given: the
packaged English has every one it asks for, and a second language's own words (a German
division word, a German headline's event noun) change what the stage finds. Made-up sentences,
the real gazetteer index and the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.events.places import most_specific, written_holders
from polemos.geo import Geocoder
from polemos.geo.words import GeoWords
from polemos.lang import LanguageData
from polemos.record import DocumentInfo, ExtractionRecord, Place, Sentence

pytestmark = pytest.mark.slow


def write_minimal_german(folder: Path) -> Path:
    """A language folder with only what this test reads: one division word and the patterns
    that use it, and a headline's event noun."""
    (folder / "patterns").mkdir(parents=True)
    (folder / "geo.csv").write_text("list,word,value\ndivision_word,bezirk,\n", encoding="utf-8")
    (folder / "patterns" / "geo.toml").write_text(
        "container_gap = '''\\s*(?:(?:{divisions})\\b\\s*)?\\)?\\s*[,(]\\s*'''\n"
        "division_between = '''\\b(?:{divisions})\\b'''\n"
        "headline_event_after = '''\\s+(?:schießerei|schüsse)\\b'''\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> LanguageData:
    return LanguageData.load(write_minimal_german(tmp_path_factory.mktemp("languages") / "de"))


@pytest.fixture(scope="module")
def nlp(gazetteer):
    from polemos.nlp import load_pipeline

    return load_pipeline(patterns=gazetteer.ruler_patterns())


def test_the_packaged_english_has_every_geo_word_and_pattern(gazetteer):
    english = LanguageData.load("en")
    Geocoder(gazetteer, language=english)
    assert not {name for name in english.missing if name.startswith(("geo", "patterns/geo"))}


def test_a_language_lacking_most_geo_patterns_still_places_its_text(gazetteer, tmp_path):
    bare = LanguageData.load(write_minimal_german(tmp_path / "de"))
    geocoder = Geocoder(gazetteer, language=bare)
    assert "patterns/geo.headline_place_before" in bare.missing and "geo.street_word" in bare.missing
    text = "Die Polizei meldete Schüsse in Kabul."
    start = text.index("Kabul")
    (place,) = geocoder.resolve(text, [(start, start + len("Kabul"))])
    assert place is not None and place.country == "AFG"


def _place(text: str, name: str, precision: str, admin1: str) -> Place:
    start = text.index(name)
    return Place(
        name, start, start + len(name), name=name, lat=36.7, lon=67.7, country="AFG", precision=precision, admin1=admin1
    )


def test_a_german_division_word_marks_the_district_an_event_happened_in(german):
    # an event tied to the province happened in the district written before it
    text = "Kämpfe sperrten die Straße in Khulm Bezirk, Balkh, zwei Tage lang."
    places = [_place(text, "Khulm", "admin2", "AF.30"), _place(text, "Balkh", "admin1", "AF.30")]
    held = written_holders(places, text, GeoWords(german))
    assert most_specific(1, [1], places, held) == 0
    english = written_holders(places, text, GeoWords(LanguageData.load("en")))
    assert most_specific(1, [1], places, english) == 1  # "Bezirk" is no English division word


def test_a_german_headline_names_the_town_its_story_happened_in(gazetteer, nlp, german):
    text = "Drei Menschen wurden am Abend verletzt."
    doc = nlp(text)
    title = "Tulsa Schießerei: drei Verletzte"

    def title_places(language: LanguageData) -> list[str]:
        record = ExtractionRecord(
            DocumentInfo(id="made-up", title=title),
            text,
            sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents],
        )
        Geocoder(gazetteer, language=language).annotate(record, doc)
        return [place.text for place in record.title_places]

    assert title_places(german) == ["Tulsa"]
    assert title_places(LanguageData.load("en")) == []  # no English event noun after the name
