"""The ``time`` stage: find time expressions and normalise them to TIMEX3 values."""

from __future__ import annotations

import re
from datetime import date
from typing import Callable, Optional

from spacy.tokens import Doc

from polemos.lang import LanguageData
from polemos.record import ExtractionRecord, Timex
from polemos.time import dates, spans
from polemos.time.anchors import DocumentEvents, EventNouns, WellKnownDates, event_nouns
from polemos.time.context import Context, Resolution
from polemos.time.filters import plausible
from polemos.time.holidays import Holidays
from polemos.time.grammar import Candidate, Grammar
from polemos.time.lexicon import TimeWords
from polemos.time.tense import tense_from_doc, tense_from_text
from polemos.time.values import covered_days, narrow, valid_value

Resolver = Callable[[dict, Context], Optional[Resolution]]

RESOLVERS: dict[str, Resolver] = {
    "iso": dates.explicit_day,
    "numeric": dates.explicit_day,
    "month_day": dates.explicit_day,
    "day_month": dates.explicit_day,
    "month_year": dates.month_year,
    "month": dates.month_only,
    "year_range": dates.year_range,
    "decade": dates.decade,
    "century": dates.century,
    "season": dates.season,
    "quarter": dates.quarter,
    "quarter_code": dates.quarter_code,
    "year": dates.year,
    "year_words": dates.year_words,
    "year_end": dates.year_end,
    "year_ago": dates.year_ago,
    "clock_words": spans.clock_words,
    "weekday": dates.weekday,
    "deictic": dates.deictic,
    "part_of_day": dates.part_of_day,
    "relative_unit": dates.relative_unit,
    "duration": spans.duration,
    "bare_units": spans.bare_units,
    "clock": spans.clock,
    "clock24": spans.clock,
    "noon": spans.noon,
    "set": spans.frequency,
    "reference": spans.reference,
}
# Kinds whose value never depends on the document date when they carry a year.
SELF_CONTAINED = {"iso", "numeric", "month_year", "year", "year_range", "decade", "quarter_code"}
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'(]?[A-Z0-9])|\n+")


class TemporalTagger:
    """Tags DATE, TIME, DURATION and SET expressions and resolves them against an anchor date.

    Build it once with its data (``TemporalTagger.default(language)`` reads the language's time
    words and tables) and call ``tag`` per text or ``annotate`` per record.
    """

    def __init__(
        self,
        words: TimeWords,
        well_known_dates: WellKnownDates,
        event_nouns: frozenset[str],
        holidays: Optional[Holidays] = None,
    ):
        self.words = words
        self.grammar = Grammar(words)
        self.well_known_dates = well_known_dates
        self.event_nouns = event_nouns
        self._event_patterns = EventNouns(event_nouns, words.patterns)
        self.holidays = holidays or Holidays([], words)

    @classmethod
    def default(cls, language: Optional[LanguageData] = None, words: Optional[TimeWords] = None) -> "TemporalTagger":
        """The tagger with the words and tables of ``language`` (English when none is given)."""
        language = language or LanguageData.load()
        words = words if words is not None else TimeWords(language)
        return cls(
            words,
            WellKnownDates.from_rows(language.rows("well_known_dates"), words.patterns.event_lead),
            event_nouns(language.rows("time_event_nouns")),
            Holidays.from_rows(language.rows("time_holidays"), words),
        )

    def annotate(self, record: ExtractionRecord, doc: Optional[Doc] = None) -> None:
        """Fill ``record.timexes``, anchored on the publication date when there is one."""
        published = record.document.published
        anchor = date.fromisoformat(published[:10]) if published else None
        record.timexes = self.tag(record.text, anchor, doc)
        for timex in record.timexes:
            timex.sentence = record.sentence_at(timex.start)

    def tag(
        self, text: str, anchor: Optional[date], doc: Optional[Doc] = None, anchor_label: str = "publication"
    ) -> list[Timex]:
        """Time expressions in ``text``, in order, resolved against ``anchor``."""
        candidates = self.grammar.find_candidates(
            text,
            lambda candidate: plausible(candidate, text, self.words) and self._resolvable(candidate, text, anchor),
            self.holidays.candidates(text),
        )
        events = DocumentEvents(self._event_patterns)
        sentences = _sentence_bounds(text, doc)
        timexes: list[Timex] = []
        reference: Optional[date] = None
        reference_year: Optional[int] = None
        reference_quarter: Optional[str] = None
        covered_until = 0
        for candidate in candidates:
            if candidate.start < covered_until:
                continue  # swallowed by an event phrase of the previous expression
            context = Context(
                self.words,
                text,
                anchor,
                anchor_label,
                _tense(text, doc, candidate, self.words),
                reference,
                reference_year,
                reference_quarter,
                lambda offset: self.well_known_dates.match(text, offset) or events.match(text, offset),
            )
            timex = self._resolve(candidate, context)
            if timex is None:
                continue
            timexes.append(timex)
            covered_until = timex.end
            if (
                candidate.kind in {"quarter", "quarter_code"}
                and _QUARTER_VALUE.match(timex.value)
                and (anchor is None or int(timex.value[:4]) <= anchor.year)
            ):
                reference_quarter = timex.value  # the period under discussion, not a forecast
            if candidate.kind in SELF_CONTAINED and timex.value[:4].isdigit():
                reference_year = int(timex.value[:4])
            if _sets_reference_day(candidate, timex):
                reference = date.fromisoformat(timex.value[:10])
                sentence = _sentence_containing(sentences, timex.start)
                events.remember(text[sentence[0] : sentence[1]], reference, timex.text)
        return _merge_clock_and_day(text, timexes, self.words.patterns.clock_day_gap)

    def _resolvable(self, candidate: Candidate, text: str, anchor: Optional[date]) -> bool:
        """Whether the candidate resolves at all, so that a longer look-alike that does not
        ("the last half" without a year) leaves room for the shorter expressions inside it."""
        context = Context(
            self.words, text, anchor, None, find_event=lambda offset: self.well_known_dates.match(text, offset)
        )
        return self._resolve(candidate, context) is not None

    def _resolve(self, candidate: Candidate, context: Context) -> Optional[Timex]:
        if candidate.kind == "offset":
            resolution = spans.offset(candidate.groups, context, candidate.start, candidate.end)
        elif candidate.kind == "holiday":
            resolution = self._holiday(candidate.groups, context)
        else:
            resolution = RESOLVERS[candidate.kind](candidate.groups, context)
        if resolution is None or not valid_value(resolution.value, resolution.type):
            return None  # an impossible value ("2023-02-30", "T25:00") is no time at all
        start = resolution.start if resolution.start is not None else candidate.start
        end = resolution.end if resolution.end is not None else candidate.end
        if resolution.type == "DURATION":
            start += _adjectival_article_length(context.text[start:end], self.words.patterns.adjectival_article)
        begin, last = (None, None)
        if resolution.type in {"DATE", "TIME"}:
            begin, last = narrow(*covered_days(resolution.value), resolution.mod)
        return Timex(
            text=context.text[start:end],
            start=start,
            end=end,
            type=resolution.type,
            value=resolution.value,
            begin=begin,
            end_date=last,
            anchor=resolution.anchor or _anchor_label(candidate, resolution, context),
        )

    def _holiday(self, groups: dict, context: Context) -> Optional[Resolution]:
        holiday = self.holidays.by_name[groups["holiday"]]
        if groups.get("year"):
            return Resolution("DATE", holiday.on(int(groups["year"])).isoformat())
        day = dates.nearest_occurrence(context, holiday.on, dates.normal(groups.get("rel")))
        return Resolution("DATE", day.isoformat()) if day else None


def _sets_reference_day(candidate: Candidate, timex: Timex) -> bool:
    """A day later relative expressions count from: any day-level date, and a named day's part
    ("Wednesday night ... at about 10 p.m.", "last night ... around 11 p.m."), but not the vague
    "overnight", which straddles two days."""
    if not _DAY_VALUE.match(timex.value[:10]):
        return False
    if timex.type == "DATE":
        return len(timex.value) == 10
    day_part = candidate.kind == "weekday" or (
        candidate.kind == "deictic" and dates.normal(candidate.groups.get("word")) != "overnight"
    )
    return timex.type == "TIME" and day_part


_CLOCK_VALUE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|XXXX-XX-XX)(T\d{2}:\d{2})$")


def _merge_clock_and_day(text: str, timexes: list[Timex], day_gap: re.Pattern) -> list[Timex]:
    """ "9 a.m. Tuesday", "noon Saturday", "5 p.m. EST, Nov. 6": one TIME on that day, where only
    ``day_gap`` (the language's ``clock_day_gap``) stands between the two."""
    merged: list[Timex] = []
    for timex in timexes:
        previous = merged[-1] if merged else None
        clock = _CLOCK_VALUE.match(previous.value) if previous is not None else None
        if (
            previous is not None
            and clock
            and timex.type == "DATE"
            and _DAY_VALUE.match(timex.value)
            and day_gap.match(text[previous.end : timex.start])
        ):
            merged[-1] = Timex(
                text=text[previous.start : timex.end],
                start=previous.start,
                end=timex.end,
                type="TIME",
                value=timex.value + clock.group(1),
                begin=timex.begin,
                end_date=timex.end_date,
                anchor=timex.anchor,
            )
            continue
        merged.append(timex)
    return merged


def _adjectival_article_length(text: str, article: re.Pattern) -> int:
    """Length of "the " in "the forty-four-day war": the article belongs to the noun."""
    found = article.match(text)
    return found.end() if found else 0


def _anchor_label(candidate: Candidate, resolution: Resolution, context: Context) -> Optional[str]:
    """What a relative value was resolved against ("2023-10-03 (publication)")."""
    if resolution.type in {"DURATION", "SET"} or context.anchor is None:
        return None
    if resolution.value.endswith("_REF"):
        return None
    if (
        candidate.kind in SELF_CONTAINED
        or candidate.groups.get("year")
        or candidate.kind == "century"
        and candidate.groups.get("ordinal")
    ):
        return None
    return f"{context.anchor.isoformat()} ({context.anchor_label})"


def _tense(text: str, doc: Optional[Doc], candidate: Candidate, words: TimeWords) -> Optional[str]:
    if doc is not None:
        tense = tense_from_doc(doc, candidate.start, candidate.end, words)
        if tense is not None:
            return tense
    return tense_from_text(text, candidate.start, candidate.end, words.patterns)


def _sentence_bounds(text: str, doc: Optional[Doc]) -> list[tuple[int, int]]:
    if doc is not None and doc.has_annotation("SENT_START"):
        return [(sent.start_char, sent.end_char) for sent in doc.sents]
    bounds, start = [], 0
    for gap in _SENTENCE_END.finditer(text):
        bounds.append((start, gap.start()))
        start = gap.end()
    bounds.append((start, len(text)))
    return bounds


def _sentence_containing(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for start, end in bounds:
        if start <= offset < end:
            return start, end
    return 0, 0
