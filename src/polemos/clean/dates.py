"""Inferring an article's publication date from its own words when no metadata gives one.

This is a focused scanner, not a temporal tagger (that is ``polemos.time``):

1. An explicit dateline ("This story is from March 10, 2002", "Published: 3 May 2021") wins.
2. Otherwise the anchor is the latest full date (day, month, year) the article mentions as
   past, in the body or a photo caption; dates announced as future ("next January 1", "by",
   "until", "will") are skipped, because an article can describe what is yet to come.
3. A relative cue ("just two weeks ago", "yesterday") with no date in its own sentence refers
   to the last day-precise date mentioned before it: that date moved forward by the cue's
   length is a lower bound for publication. It moves the anchor forward, by at most
   ``max_forward_days``, never back.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Optional

from polemos.lang import NOTHING, LanguageData

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_SENTENCE_END = re.compile(r"[.!?]\s")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: date
    has_year: bool
    future: bool
    dateline: bool


def _build_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift(day: date, count: int, unit: str) -> date:
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _resolve_year(mention: DateMention, anchor: date, slack_days: int) -> date:
    if mention.has_year:
        return mention.day
    candidate = _build_date(anchor.year, mention.day.month, mention.day.day) or mention.day
    if candidate > anchor + timedelta(days=slack_days):
        candidate = _build_date(anchor.year - 1, candidate.month, candidate.day) or candidate
    return candidate


def _sentence_has_date(text: str, position: int, mentions: list[DateMention]) -> bool:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, position)]
    sentence_start = starts[-1] if starts else 0
    following = _SENTENCE_END.search(text, position)
    sentence_end = following.start() if following else len(text)
    return any(sentence_start <= m.start < sentence_end for m in mentions)


class PublicationDates:
    """Finds the dates an article mentions and infers its publication date from them, in one
    language: its month names (``calendar.csv``), the counts and units of its relative cues
    (``clean.csv``: "two weeks ago") and the patterns of its datelines, future and relative cues
    and the words inside a date (``patterns/clean.toml``)."""

    def __init__(self, language: LanguageData):
        self.months = {**language.numbers("calendar.month"), **language.numbers("calendar.month_short")}
        self.number_words = language.numbers("clean.number_word")
        self.ago_units = language.table("clean.ago_unit")  # "days": "day"
        self.recent_days = {word: tuple(value.split()) for word, value in language.table("clean.recent_day").items()}
        self.date_forms = _date_forms(language, _literal(self.months))
        self.dateline = re.compile(language.pattern("clean.dateline"), re.IGNORECASE)
        self.future_cue = re.compile(language.pattern("clean.future_cue"), re.IGNORECASE)
        self.relative_cue = re.compile(
            language.pattern(
                "clean.relative_cue",
                count=_literal(self.number_words),
                units=_literal(self.ago_units),
                recent=_literal(self.recent_days),
            ),
            re.IGNORECASE,
        )

    def find_date_mentions(self, text: str, default_year: int = 2000) -> list[DateMention]:
        """Day-precise date mentions in ``text``; year-less ones get ``default_year`` for now."""
        mentions: dict[int, DateMention] = {}
        for form in self.date_forms:
            for match in form.finditer(text):
                parts = match.groupdict()
                month = int(parts["nmonth"]) if parts.get("nmonth") else self.months[parts["month"].lower().rstrip(".")]
                year = int(parts["year"]) if parts.get("year") else default_year
                day = _build_date(year, month, int(parts["day"]))
                if day is None or match.start() in mentions:
                    continue
                before = text[max(0, match.start() - 40) : match.start()]
                mentions[match.start()] = DateMention(
                    match.start(),
                    match.end(),
                    day,
                    bool(parts.get("year")),
                    future=bool(self.future_cue.search(before)),
                    dateline=bool(self.dateline.search(before)),
                )
        return [mentions[key] for key in sorted(mentions)]

    def _cue_length(self, match: re.Match) -> tuple[int, str]:
        word = (match.group("word") or "").lower()
        if word:
            count, unit = self.recent_days[word]
            return int(count), unit
        count = match.group("count").lower()
        return (int(count) if count.isdigit() else self.number_words[count]), self.ago_units[
            match.group("unit").lower()
        ]

    def infer_publication_date(
        self, body: str, extra_texts: Iterable[str] = (), max_forward_days: int = 62
    ) -> Optional[str]:
        """ISO date the article was most likely published, from its body and captions, or None."""
        body_mentions = self.find_date_mentions(body)
        extra_mentions = [m for text in extra_texts for m in self.find_date_mentions(text)]
        for mention in body_mentions + extra_mentions:
            if mention.dateline and mention.has_year:
                return mention.day.isoformat()
        full_past = [m.day for m in body_mentions + extra_mentions if m.has_year and not m.future]
        if not full_past:
            return None
        anchor = max(full_past)
        latest = anchor
        for cue in self.relative_cue.finditer(body):
            if _sentence_has_date(body, cue.start(), body_mentions):
                continue
            earlier = [m for m in body_mentions if m.end <= cue.start() and not m.future]
            if not earlier:
                continue
            referent = _resolve_year(earlier[-1], anchor, max_forward_days)
            moved = _shift(referent, *self._cue_length(cue))
            if anchor <= moved <= anchor + timedelta(days=max_forward_days):
                latest = max(latest, moved)
        return latest.isoformat()


def _date_forms(language: LanguageData, months: str) -> list[re.Pattern]:
    """The forms of a full date: month and day ("March 3rd, 2021"), day and month ("3 of March
    2021") and ISO. The language gives the words inside them, each optional or a look-ahead,
    so that a language without them reads its dates all the same: a day's ordinal ending, the
    word joining a day to its month, and the words that make "May 5" a share.
    """
    day = rf"(?P<day>[0-3]?\d)(?:{language.pattern('clean.day_suffix')})?"
    month = rf"(?P<month>{months})\.?"
    of, percent = language.pattern("clean.day_of_month"), language.pattern("clean.percent")
    return [
        re.compile(rf"\b{month}\s+{day}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|{percent}))", re.IGNORECASE),
        re.compile(rf"\b{day}\s+(?:{of}\s+)?{month}(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
        re.compile(rf"\b{_YEAR}-(?P<nmonth>[01]\d)-(?P<day>[0-3]\d)\b"),
    ]


def _literal(words: Iterable[str]) -> str:
    """The words as alternatives of a regular expression, the longest first (so that "sept" is
    tried before "sep"), or one that matches nothing when there are none."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) or NOTHING
