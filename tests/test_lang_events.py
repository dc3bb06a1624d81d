"""The events stage reads its regular expressions from the language folder it is given.

English ships them in ``lang/en/patterns/events.toml``. A second language here is the small
German folder of ``test_lang``, once without a patterns file and once with its own pattern of a
page's stamp ("Veröffentlicht am 10.03.2023"): the date the events stage gives an incident
changes with it. The texts are our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.events import EventCoder
from polemos.ingest.raw import RawDocument
from polemos.lang import LanguageData
from polemos.pipeline import Pipeline, PipelineConfig
from test_lang import write_german

# Dated Tuesday 14 March 2023, the page says when it was posted (Friday) before the text tells of Sunday.
PUBLISHED = "2023-03-14"
TEXT = "Veröffentlicht am 10.03.2023. Nachbarn kamen am Sonntag im Dorf zusammen. Die Polizei ermittelt."
TITLE = "Schießerei in einem Dorf"
# German's page stamp: the word, "am", then the digits and dots of the date ({stamp_filler})
GERMAN_STAMP = (
    "page_stamp = '''\\b(?:veröffentlicht|aktualisiert)\\b\\s*(?:am)?\\s*:?\\s*{stamp_filler}$'''\n"
    "stamp_filler = '''[\\d\\s.:]*'''\n"
)


def test_the_packaged_english_has_every_pattern_the_events_stage_reads():
    english = LanguageData.load("en")
    coder = EventCoder.default(language=english)
    assert not [name for name in english.missing if name.startswith("patterns/events")]
    # the patterns are compiled into the stage's words when it is built
    assert coder.words.page_stamp.search("Posted: Saturday, April 5, 2014 10:24 AM EDT")
    assert coder.words.person_name.fullmatch("John Doe Jr.") and not coder.words.person_name.fullmatch("john doe")


# The German folder of test_lang dates only four forms; this text also needs its weekdays ("am Sonntag").
GERMAN_WEEKDAY = r"""
[[grammar]]
kind = "weekday"
pattern = '''\b(?P<weekday>{weekday_full})\b'''
cues = ["{weekday}"]
reach = 0
"""


def incident_date(folder: Path) -> tuple[str, set[str]]:
    """The day the events stage gives the headline's incident with the language in ``folder``, and the
    events patterns that language lacks."""
    pipeline = Pipeline.load(PipelineConfig(language_data=folder, languages=("de",)))
    record = pipeline.extract(
        RawDocument(source="made-up.txt", content=TEXT, format="text", title=TITLE, published=PUBLISHED)
    )
    assert [(event.type, event.trigger) for event in record.events] == [("ASSAULT", "Schießerei")]
    lacking = {name for name in pipeline.language.missing if name.startswith("patterns/events")}
    return record.events[0].date["value"], lacking


@pytest.fixture(scope="module")
def languages(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("languages")
    plain, stamped = write_german(base / "de"), write_german(base / "de-stamp")
    for folder in (plain, stamped):
        with (folder / "patterns" / "time.toml").open("a", encoding="utf-8") as dates:
            dates.write(GERMAN_WEEKDAY)
    (stamped / "patterns").mkdir(exist_ok=True)  # the German folder may hold its time patterns already
    (stamped / "patterns" / "events.toml").write_text(GERMAN_STAMP, encoding="utf-8")
    return plain, stamped


def test_a_language_s_own_pattern_of_a_page_stamp_changes_the_date_of_an_incident(languages):
    plain, stamped = languages
    # without the pattern the stage still runs, and the posting date reads as the earliest day told
    day, lacking = incident_date(plain)
    assert day == "2023-03-10" and "patterns/events.page_stamp" in lacking
    # with it, the stamp is no event's date: the incident is dated by the Sunday the text names
    day, lacking = incident_date(stamped)
    assert day == "2023-03-12" and "patterns/events.page_stamp" not in lacking
