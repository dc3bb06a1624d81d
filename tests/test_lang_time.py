"""The time stage's regular expressions that spell words are its language's (``patterns/time.toml``).

English ships with every one of them. A second language, written here into a temporary folder,
brings its own: a German "vor drei Tagen" (three days ago) is found and dated by its pattern,
and a language with no patterns at all still runs and finds the dates written in digits alone.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from polemos.lang import LanguageData
from polemos.time import TemporalTagger

ANCHOR = date(2023, 10, 3)

# "vor drei Tagen": German puts the direction before the count, and "vor" (before) looks back.
GERMAN_AGO = r"""
[[grammar]]
kind = "offset"
pattern = '''\b(?P<direction>vor)\s+(?P<count>{count})\s+(?P<unit>{unit})\b'''
cues = ["{unit}"]
reach = 2
"""


def write_language(folder: Path, patterns: str | None) -> Path:
    """A language folder with a few German calendar and number words, and ``patterns`` as its
    ``patterns/time.toml`` (none when None)."""
    folder.mkdir()
    (folder / "calendar.csv").write_text(
        "list,word,value\nunit,tag,day\nunit,tagen,day\nunit,woche,week\nunit,wochen,week\n", encoding="utf-8"
    )
    (folder / "numbers.csv").write_text("list,word,value\nones,zwei,2\nones,drei,3\n", encoding="utf-8")
    (folder / "time.csv").write_text("list,word,value\nbackward,vor,\n", encoding="utf-8")
    if patterns is not None:
        (folder / "patterns").mkdir()
        (folder / "patterns" / "time.toml").write_text(patterns, encoding="utf-8")
    return folder


def test_the_packaged_english_has_every_pattern_the_time_stage_reads():
    english = LanguageData.load("en")
    tagger = TemporalTagger.default(english)
    assert not [name for name in english.missing if name.startswith("patterns/time")]
    found = tagger.tag("Two weeks ago, on Friday, 29 September, the talks failed.", ANCHOR)
    assert [(timex.text, timex.value) for timex in found] == [
        ("Two weeks ago", "2023-W38"),
        ("Friday, 29 September", "2023-09-29"),
    ]


def test_a_second_language_s_own_pattern_finds_and_dates_its_expression(tmp_path):
    german = LanguageData.load(write_language(tmp_path / "de", GERMAN_AGO))
    tagger = TemporalTagger.default(german)
    found = tagger.tag("Die Gespräche scheiterten vor drei Tagen in der Hauptstadt.", ANCHOR)
    assert [(timex.text, timex.type, timex.value) for timex in found] == [("vor drei Tagen", "DATE", "2023-09-30")]
    assert found[0].anchor == "2023-10-03 (publication)"
    # the English form is no German pattern
    assert TemporalTagger.default(german).tag("The talks failed three days ago.", ANCHOR) == []


def test_a_language_without_patterns_runs_and_finds_only_dates_written_in_digits(tmp_path):
    bare = LanguageData.load(write_language(tmp_path / "xx", None))
    tagger = TemporalTagger.default(bare)
    found = tagger.tag("Die Gespräche vom 2023-09-30 scheiterten vor drei Tagen.", ANCHOR)
    assert [(timex.text, timex.value) for timex in found] == [("2023-09-30", "2023-09-30")]
    assert {"patterns/time", "patterns/time.grammar", "patterns/time.future_cues"} <= bare.missing
