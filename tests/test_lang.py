"""A language is a folder of word lists: the stages read the words of the folder they are given.

The second language here is a small German one, written into a temporary folder: its month
and weekday names, a few number words and relation words, the patterns of four forms of its
dates, and the words of a headline that report an incident and the words before a place name,
nothing else. The pipeline runs every stage on a German text with it, and
the dates and the headline's incident it finds are the ones its words name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from polemos.actors.kb_files import read_person_titles, read_sector_nouns
from polemos.actors.words import ActorWords
from polemos.clean.boilerplate import load_boilerplate_patterns
from polemos.clean.dates import PublicationDates
from polemos.events.incidents import IncidentReader
from polemos.events.lexicon import Lexicon
from polemos.events.relations import load_relation_cues
from polemos.events.words import EventWords
from polemos.figures import FigureExtractor
from polemos.figures.words import FigureWords
from polemos.geo.words import GeoWords
from polemos.ingest.raw import RawDocument
from polemos.lang import LanguageData, alternation
from polemos.pipeline import STAGE_ORDER, Pipeline, PipelineConfig
from polemos.time import TemporalTagger
from polemos.time.lexicon import TimeWords

MONTHS = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
]
WEEKDAYS = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"]
NUMBERS = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"]


# Four forms of a German date, in German word order: "Montag, 13. März 2023", "März 2023",
# "nächsten Mai", "2023". The time stage's other kinds are English patterns only, so it finds
# no more than these (and the forms of digits alone, "2023-03-13").
GERMAN_DATES = r"""
[[grammar]]
kind = "day_month"
pattern = '''\b(?:(?P<weekday>{weekday}),?\s+)?(?P<day>[12]\d|3[01]|0?[1-9])\.?\s+(?P<month>{month})(?:,?\s+(?P<year>{year})\b)?'''
cues = ["{month}"]
reach = 6

[[grammar]]
kind = "month_year"
pattern = '''\b(?P<month>{month}),?\s+(?P<year>{year})\b'''
cues = ["{month}"]
reach = 0

[[grammar]]
kind = "month"
pattern = '''(?:\b(?P<rel>{relative})\s+)?\b(?P<month>{month_full})\b'''
cues = ["{month}"]
reach = 2

[[grammar]]
kind = "year"
pattern = '''(?<![\d,.])\b(?P<year>{year})\b(?![\d,.]\d|-\d)'''
cues = ["<number>"]
reach = 0
"""


def write_german(folder: Path) -> Path:
    """A minimal language folder: calendar, number and relation words, four patterns of dates,
    a headline's incident words and the prepositions that put a name in place-like context,
    nothing more."""
    folder.mkdir()
    calendar = ["list,word,value"]
    calendar += [f"month,{name},{number}" for number, name in enumerate(MONTHS, start=1)]
    calendar += [f"weekday,{name},{number}" for number, name in enumerate(WEEKDAYS)]
    calendar += ["unit,tag,day", "unit,tage,day", "unit,woche,week", "unit,wochen,week"]
    (folder / "calendar.csv").write_text("\n".join(calendar) + "\n", encoding="utf-8")
    numbers = ["list,word,value"] + [f"ones,{word},{value}" for value, word in enumerate(NUMBERS)]
    numbers += ["tens,zwanzig,20", "scale,hundert,100", "scale,tausend,1000", "joiner,und,"]
    (folder / "numbers.csv").write_text("\n".join(numbers) + "\n", encoding="utf-8")
    (folder / "time.csv").write_text(
        "list,word,value\npast,letzten,\nnext,nächsten,\nrelative,letzten,\nrelative,nächsten,\nbackward,zuvor,\n",
        encoding="utf-8",
    )
    (folder / "events.csv").write_text(
        "list,word,value\nheadline_incident_word,schießerei,\n"
        "headline_incident_word,erschossen,\naccident_word,unfall,\n",
        encoding="utf-8",
    )
    (folder / "patterns").mkdir()
    (folder / "patterns" / "time.toml").write_text(GERMAN_DATES, encoding="utf-8")
    (folder / "tables").mkdir()
    (folder / "tables" / "geo_place_cues.csv").write_text(
        "word,position,source\nbei,before,made up for this test\nnahe,before,made up for this test\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> Path:
    return write_german(tmp_path_factory.mktemp("languages") / "de")


def test_the_date_tagger_reads_the_month_names_of_the_language_it_is_given(german):
    tagger = TemporalTagger.default(LanguageData.load(german))
    timexes = tagger.tag("Im März 2023 begannen die Gespräche; in March 2023 nothing happened.", date(2023, 6, 1))
    assert [(timex.text, timex.value) for timex in timexes if timex.type == "DATE"] == [
        ("März 2023", "2023-03"),
        ("2023", "2023"),
    ]
    english = TemporalTagger.default(LanguageData.load("en"))
    assert [timex.text for timex in english.tag("in March 2023", date(2023, 6, 1))] == ["March 2023"]


def test_every_stage_runs_on_a_text_in_a_second_language_with_that_language_s_words(german):
    pipeline = Pipeline.load(PipelineConfig(language_data=german, languages=("de",)))
    text = (
        "Am Montag, 13 März 2023, griffen Bewaffnete ein Dorf an. Zwei Männer wurden verletzt. "
        "Die Polizei hatte am 2 Februar 2023 gewarnt; im nächsten Mai soll ein Prozess beginnen."
    )
    record = pipeline.extract(RawDocument(source="made-up.txt", content=text, format="text"))
    assert pipeline.language.code == "de"
    assert [name for name, _stage in pipeline.stages] == list(STAGE_ORDER)
    assert not [limit for limit in record.document.limits if "failed" in limit]
    # the words more than one stage reads are built once, from the pipeline's language, and shared
    stages = dict(pipeline.stages)
    assert stages["events"].geo_words is stages["geo"].words and "märz" in stages["geo"].words.time_words
    # the cleaner dates the article by its latest German date, the time stage resolves them
    assert (record.document.published, record.document.published_source) == ("2023-03-13", "inferred")
    dates = {timex.value: timex.text for timex in record.timexes}
    assert dates["2023-03-13"].endswith("13 März 2023")
    assert dates["2023-02-02"] == "2 Februar 2023"
    assert dates["2023-05"] == "nächsten Mai"
    # the shipped event model was trained on English sentences: a German pipeline codes by its rules
    assert stages["events"].classifier is None
    assert dict(Pipeline.load(PipelineConfig()).stages)["events"].classifier.language == "en"


def test_the_events_stage_reads_a_headline_s_incident_in_the_words_of_its_language(german):
    pipeline = Pipeline.load(PipelineConfig(language_data=german, languages=("de",)))
    text = "Am Montag, 13 März 2023, kamen Nachbarn im Dorf zusammen. Die Polizei ermittelt."
    record = pipeline.extract(
        RawDocument(source="made-up.txt", content=text, format="text", title="Schießerei in einem Dorf")
    )
    assert [(event.type, event.trigger) for event in record.events] == [("ASSAULT", "Schießerei")]
    assert record.events[0].context == []  # no accident word in the headline
    english = EventWords(LanguageData.load("en"))
    assert english.headline_incident.search("Schießerei in einem Dorf") is None
    assert english.headline_incident.search("Shooting in a village") is not None


def test_the_geo_stage_reads_the_place_words_of_its_language(german):
    words = GeoWords(LanguageData.load(german))
    assert words.place_cues["before"] == {"bei", "nahe"}
    # a capitalised word the NER reads as a time names a town unless it is a time word of the language
    assert "märz" in words.time_words and "march" not in words.time_words
    english = GeoWords(LanguageData.load("en"))
    assert "near" in english.place_cues["before"] and "bei" not in english.place_cues["before"]


def test_a_new_language_starts_small_and_says_which_lists_it_lacks(german):
    language = LanguageData.load(german)
    words = FigureWords(language)
    assert words.numbers.parse("zwölf") == 12 and words.numbers.parse("zwanzig und zwei") == 22
    assert words.modals == frozenset() and "figures.modal" in language.missing
    events = EventWords(language)
    assert events.failure_verbs == frozenset() and "events.failure_verb" in language.missing
    assert events.others.search("two others") is None  # an empty list matches nothing
    assert FigureExtractor(language=language).cues.cues == {} and "tables/figures_cues" in language.missing
    assert "calendar.month" not in language.missing


def test_the_packaged_english_has_every_list_and_table_the_stages_read():
    english = LanguageData.load("en")
    TemporalTagger.default(english), FigureExtractor(language=english), ActorWords(english), PublicationDates(english)
    events = EventWords(english)
    GeoWords(english), IncidentReader.load(events, english), read_sector_nouns(english), read_person_titles(english)
    lexicon = Lexicon.load(english)
    relations = load_relation_cues(english)
    boilerplate = (
        load_boilerplate_patterns(None, english),
        load_boilerplate_patterns(None, english, "clean_boilerplate_trailers"),
    )
    assert english.missing == set()
    assert len(lexicon.triggers) > 500 and relations and all(boilerplate)  # the tables of lang/en/tables/
    assert len(FigureExtractor(language=english).cues.cues) > 100  # the cue lexicon, from lang/en/tables/


def test_the_cleaner_and_the_date_tagger_share_one_list_of_months():
    english = LanguageData.load("en")
    months = TimeWords(english).months
    assert PublicationDates(english).months == months
    assert months["sept"] == months["september"] == 9


def test_a_language_folder_that_is_no_folder_of_lists_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no language folder"):
        LanguageData.load("xx-not-shipped")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "time.csv").write_text("word,value\nnext,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        LanguageData.load(tmp_path / "broken")


def test_an_empty_list_matches_nothing():
    assert alternation([]) == r"(?!)"
    assert alternation(["a few", "a"]) == r"(?:a\s+few|a)"


def test_a_language_s_regular_expressions_are_read_verbatim_and_their_placeholders_filled(tmp_path):
    folder = tmp_path / "xx"
    (folder / "patterns").mkdir(parents=True)
    # a TOML literal string keeps every backslash; {0,2} is a quantifier, {unit} a placeholder
    (folder / "patterns" / "figures.toml").write_text(
        "count = '''\\b(\\d+)\\s+(?:\\w+\\s+){0,2}{unit}\\b'''\n", encoding="utf-8"
    )
    language = LanguageData.load(folder)
    count = language.pattern("figures.count", unit=alternation(["leute", "personen"]))
    assert count == r"\b(\d+)\s+(?:\w+\s+){0,2}(?:personen|leute)\b"
    assert language.pattern("figures.toll") == r"(?!)" and "patterns/figures.toll" in language.missing
    assert language.patterns("time") == {} and "patterns/time" in language.missing
    with pytest.raises(ValueError, match="figures.count: no value for the placeholder {unit}"):
        language.pattern("figures.count")


def test_a_patterns_file_that_is_no_toml_is_refused_with_its_name(tmp_path):
    folder = tmp_path / "xx"
    (folder / "patterns").mkdir(parents=True)
    (folder / "patterns" / "time.toml").write_text("month = '''unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"patterns/time.toml: not valid TOML"):
        LanguageData.load(folder)
