"""The temporal grammar: regular expressions that find candidate time expressions.

Each pattern has a *kind*; ``polemos.time.resolve`` turns a match of that kind into a TIMEX3
type and value. Overlapping candidates are settled leftmost-longest, ties by pattern order.
Each pattern also names its cue words and how far before them a match can start, so that
``polemos.time.scan`` tries it only near those words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from polemos.time.lexicon import DAY_NUMBER, YEAR, TimeWords
from polemos.time.scan import NUMBER, Rule, TokenIndex, cue_words, rule_matches

_NOT_NUMBER_AFTER = r"(?![\d,.]\d|\s*(?:%|percent|per\s+cent)|-\d)"


def patterns(words: TimeWords) -> list[tuple[str, str]]:
    """Each kind of time expression and its pattern, in order, with the language's words."""
    return [
        ("iso", rf"\b(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        # "9/17/2016", "09-17-2016", "9/17/16": month first, as US writers put it. The separator is
        # the same twice; a number around it ("1-9/17/16", "9/17/16-2") is some other figure.
        (
            "numeric",
            (
                r"(?<![\d/.-])\b(?P<month>1[0-2]|0?[1-9])(?P<separator>[/-])(?P<day>[12]\d|3[01]|0?[1-9])(?P=separator)"
                r"(?:(?P<year>(?:19|20)\d\d)|(?P<short_year>\d\d))\b(?![/-]\d|\.\d)"
            ),
        ),
        # "20.07.2023": day first, as the dotted form is written wherever it is used
        ("numeric", r"\b(?P<day>[12]\d|3[01]|0?[1-9])\.(?P<month>1[0-2]|0?[1-9])\.(?P<year>(?:19|20)\d\d)\b(?!\.\d)"),
        (
            "month_day",
            (
                rf"(?:\b(?P<bound>early|late)\s+)?"  # "early October 27": early in that day, not early October
                rf"\b(?:(?P<weekday>{words.weekday}),?\s+)?(?:(?P<rel>next|last|this\s+coming|this|coming)\s+)?"
                rf"(?:the\s+)?(?P<month>{words.month})\s+(?P<day>{DAY_NUMBER})\b{_NOT_NUMBER_AFTER}(?!:\d)"
                rf"(?:,?\s+(?P<year>{YEAR})\b)?"
            ),
        ),
        (
            "day_month",
            (
                rf"\b(?:(?P<weekday>{words.weekday}),?\s+)?(?:(?P<rel>next|last|this)\s+)?(?:the\s+)?"
                rf"(?P<day>{DAY_NUMBER})(?:\s+of)?\s+(?P<month>{words.month})(?:,?\s+(?P<year>{YEAR})\b)?"
            ),
        ),
        (
            "month_year",
            rf"(?:\b(?P<bound>{words.boundary}))?\b(?P<month>{words.month}),?\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<yrel>this|last|next)\s+year)\b",
        ),
        (
            "month",
            (
                rf"(?:\b(?P<bound>{words.boundary}))?(?:\b(?P<rel>{words.relative})\s+)?\b(?P<month>{words.month_full})\b"
            ),
        ),
        ("year_range", rf"\b(?P<year>{YEAR})\s*[-–/]\s*(?P<year2>{YEAR}|\d\d)\b(?![-–/]\d)"),
        (
            "decade",
            (
                rf"(?:\b(?P<bound>{words.boundary}))?(?:\bthe\s+)?(?:\b(?P<part>early|late|mid)[\s-]+)?"
                r"(?:\b(?P<decade>1\d\d|20\d)0'?s\b|(?<![\w$])'(?P<short>\d)0s\b"
                rf"|\b(?P<words>{words.decade_word})\b)"
            ),
        ),
        (
            "century",
            (
                rf"(?:\b(?P<bound>{words.boundary}))?(?:\bthe\s+)?\b(?:(?P<ordinal>{words.ordinal})|(?P<rel>{words.relative}))"
                r"[\s-]+century\b"
            ),
        ),
        (
            "season",
            (
                rf"(?:\b(?P<bound>{words.boundary}))?(?:\b(?P<rel>{words.relative}|the)\s+)?\b(?P<season>{words.season})\b"
                rf"(?:\s+(?:of\s+)?(?P<year>{YEAR})\b)?"
            ),
        ),
        (
            "quarter",
            (
                rf"(?:\b(?P<bound>{words.boundary}))?(?:\b(?P<rel>{words.relative}|the)\s+)?"
                rf"(?:\b(?P<owner>{YEAR}(?:'s)?|(?:this|last|next)\s+year's)\s+)?"
                rf"(?:\b(?P<ordinal>{words.ordinal}|final|latest|same|fiscal)[\s-]*)?"
                rf"\b(?P<unit>quarter|half|period)\b(?!\s+(?:of\s+(?:the|a|an|all|its|their)\b|century))"
                rf"(?:,?\s+(?:of\s+)?(?:(?P<year>{YEAR})\b|(?P<yrel>this|last|next)\s+year\b))?"
            ),
        ),
        ("quarter_code", rf"\b(?P<code>Q[1-4]|H[12])(?:\s+|/)(?P<year>{YEAR})\b"),
        (
            "year",
            (
                rf"(?:\b(?P<bound>{words.boundary}))?(?:\b(?P<fiscal>fiscal(?:\s+year)?|calendar(?:\s+year)?|FY|the\s+year)\s+)?"
                rf"(?<![\d$£€,.])\b(?P<year>{YEAR})\b{_NOT_NUMBER_AFTER}"
            ),
        ),
        (
            "year_words",
            (
                r"(?:\b(?P<the>the\s+year)\s+)?\b(?P<words>(?:nineteen|twenty)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty"
                r"|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|oh[\s-]+\w+"
                r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
                r"|two\s+thousand(?:(?:\s+and)?\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
                r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-]\w+)?))?)\b"
            ),
        ),
        (
            "year_end",
            (
                rf"(?:\b(?P<approx>around|by|before)\s+)?\b(?:(?P<rel>{words.relative})\s+)?"
                r"(?P<word>year[- ]end|year's\s+end|the\s+end\s+of\s+the\s+year)\b"
            ),
        ),
        (
            "year_ago",
            (
                r"\b(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?year-(?:earlier|ago)"
                rf"(?:\s+(?:(?P<ordinal>{words.ordinal})\s+)?(?P<unit>period|quarter|half|year))?\b"
            ),
        ),
        (
            "weekday",
            (
                rf"(?:\b(?P<bound>early|late)\s+)?(?:\b(?P<rel>{words.relative})\s+)?"
                rf"\b(?P<weekday>{words.weekday_full})(?:'s)?(?:\s+(?P<part>{words.part_of_day}))?\b"
            ),
        ),
        (
            "deictic",
            (
                r"(?:\b(?P<bound>early|late|earlier|later)\s+)?"
                r"\b(?P<word>today|tonight|yesterday|tomorrow|overnight|last\s+night)(?:'s)?"
                rf"(?:\s+(?P<part>{words.part_of_day}))?\b"
            ),
        ),
        (
            "part_of_day",
            (
                rf"\b(?:(?P<bound>early|late|mid|earlier|later)[\s-]+)?(?:(?P<rel>this|that|the|the\s+next|the\s+following"
                rf"|the\s+previous)\s+)(?P<part>{words.part_of_day})\b(?!\s+(?:of|paper|edition|newspaper|show|news|prayers?)\b)"
            ),
        ),
        ("part_of_day", rf"\b(?P<bound>early|late|mid)[\s-]+(?P<part>morning|afternoon|evening)\b"),
        (
            "clock_words",
            (
                rf"(?:\b(?P<approx>{words.approx}))?\b(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s+(?:o'clock\s+)?"
                r"in\s+the\s+(?P<part>morning|afternoon|evening|night)\b"
            ),
        ),
        (
            "relative_unit",
            (
                rf"(?:\b(?P<bound>{words.boundary}|earlier\s+|later\s+))?\b(?P<rel>{words.relative}|the)\s+"
                r"(?:(?P<fiscal>fiscal|calendar)\s+)?(?P<unit>week|weekend|month|year|decade|day|night)\b"
                r"(?P<ended>(?=\s+(?:ended|ending)\b))?"
                r"(?!\s*-?\s*(?:old|long|olds)\b)"
            ),
        ),
        (
            "offset",
            (
                rf"(?:\b(?P<approx>{words.approx}))?\b(?P<count>{words.count}|{words.vague_quantities}|the)(?:\s+and\s+a\s+half)?"
                rf"[\s-]+(?P<unit>{words.unit})\s+"
                r"(?P<direction>ago|earlier|later|before|after|prior\s+to|from\s+now|hence|previously|back|since)\b"
            ),
        ),
        (
            "duration",
            (
                rf"(?:\b(?P<approx>{words.approx}))?(?:\bthe\s+)?"
                r"(?:\b(?P<rel>past|last|next|first|coming|previous|following|latest|final|initial|remaining"
                r"|additional|further|entire|whole|full|same|preceding|ensuing)\s+)?"
                rf"\b(?P<count>{words.count}|{words.vague_quantities})(?P<half>\s+and\s+a\s+half|\s+1/2)?(?P<hyphen>[\s-]+)"
                r"(?:(?:full|whole|long|straight|consecutive|more|calendar|additional|successive)\s+)?"
                rf"(?P<unit>{words.unit})\b(?P<half_after>\s+and\s+a\s+half\b)?(?P<adjective>[\s-]+(?:long|old)\b)?"
                r"(?P<of>(?=\s+of\b))?"
            ),
        ),
        ("bare_units", r"\b(?:(?P<recent>recent)\s+)?(?P<unit>years|months|weeks|decades|days|hours|centuries)\b"),
        (
            "clock",
            (
                rf"(?:\b(?P<approx>{words.approx}))?\b(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*"
                r"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?P<zone>(?-i:[A-Z]{2,4})\b|local\s+time))?"
            ),
        ),
        (
            "clock24",
            (
                r"\b(?P<hour>[01]?\d|2[0-3])(?P<separator>[:.]?)(?P<minute>[0-5]\d)\b(?![:.,]\d)"
                r"(?:\s*(?P<zone>GMT|UTC|local\s+time|hours|hrs|h\b))?"
            ),
        ),
        ("noon", r"\b(?P<word>noon|midnight|midday)\b"),
        (
            "set",
            (
                rf"\b(?:(?P<every>every|each|per)\s+(?:(?P<count>other|{words.count})\s+)?"
                rf"(?P<unit>{words.unit}|{words.weekday_full}|{words.month}|{words.season})\b"
                r"|(?P<adverb>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|fortnightly)\b"
                r"|(?P<frequency>once|twice|thrice|(?:\w+|\d+)\s+times)\s+(?:a|an|per|each|every)\s+"
                rf"(?P<per>{words.unit})\b)"
            ),
        ),
        (
            "reference",
            (
                r"\b(?P<word>right\s+now|now|currently|nowadays|at\s+present|the\s+present(?:\s+day)?"
                r"|these\s+days|at\s+the\s+moment|current|recently|lately"
                r"|the\s+past|past\s+years|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future"
                r"|(?:the\s+)?coming\s+(?:years|months|weeks|days|decades|quarters)"
                r"|the\s+(?:years|months|weeks|days)\s+ahead|the\s+(?:near|short|long)\s+term)\b"
            ),
        ),
    ]


# Per kind: the words every match contains (NUMBER: a word with a digit), and how many
# tokens before that word a match can start at most ("the very beginning of fiscal year 2023"
# starts seven tokens before its year). Generous reaches cost little; too short ones lose matches.
def cues(words: TimeWords) -> dict[str, tuple[frozenset[str], int]]:
    """Per kind of time expression: its cue words and how far before them a match can start."""
    return {
        "iso": (frozenset({NUMBER}), 0),
        "numeric": (frozenset({NUMBER}), 0),
        "month_day": (words.month_words, 6),
        "day_month": (words.month_words, 8),
        "month_year": (words.month_words, 8),
        "month": (words.month_words, 10),
        "year_range": (frozenset({NUMBER}), 0),
        "decade": (words.decade_cue_words | {NUMBER}, 10),
        "century": (frozenset({"century"}), 10),
        "season": (words.season_words, 10),
        "quarter": (frozenset({"quarter", "half", "period"}), 16),
        "quarter_code": (frozenset({NUMBER}), 0),
        "year": (frozenset({NUMBER}), 10),
        "year_words": (frozenset({"nineteen", "twenty", "two"}), 4),
        "year_end": (frozenset({"year"}), 10),
        "year_ago": (frozenset({"year"}), 4),
        "weekday": (words.weekday_words, 6),
        "deictic": (frozenset({"today", "tonight", "yesterday", "tomorrow", "overnight", "night"}), 4),
        "part_of_day": (words.part_of_day_words, 6),
        "clock_words": (frozenset({NUMBER}), 6),
        "relative_unit": (frozenset({"week", "weekend", "month", "year", "decade", "day", "night"}), 10),
        "offset": (words.unit_words, 20),
        "duration": (words.unit_words, 24),
        "bare_units": (frozenset({"years", "months", "weeks", "decades", "days", "hours", "centuries"}), 2),
        "clock": (frozenset({NUMBER}), 6),
        "clock24": (frozenset({NUMBER}), 0),
        "noon": (frozenset({"noon", "midnight", "midday"}), 0),
        "set": (
            frozenset(
                {
                    "every",
                    "each",
                    "per",
                    "daily",
                    "weekly",
                    "monthly",
                    "annually",
                    "yearly",
                    "hourly",
                    "nightly",
                    "biweekly",
                    "fortnightly",
                    "once",
                    "twice",
                    "thrice",
                    "times",
                }
            ),
            3,
        ),
        "reference": (
            frozenset(
                {
                    "now",
                    "currently",
                    "nowadays",
                    "present",
                    "days",
                    "moment",
                    "current",
                    "recently",
                    "lately",
                    "past",
                    "future",
                    "coming",
                    "ahead",
                    "term",
                }
            ),
            4,
        ),
    }


@dataclass
class Candidate:
    kind: str
    start: int
    end: int
    groups: dict[str, str]
    priority: int

    @property
    def length(self) -> int:
        return self.end - self.start


class Grammar:
    """The rules of the temporal grammar in one language, built once from its words."""

    def __init__(self, words: TimeWords):
        reaches = cues(words)
        self.rules = [
            Rule(kind, re.compile(pattern, re.IGNORECASE), *reaches[kind]) for kind, pattern in patterns(words)
        ]
        self.cue_words = cue_words(self.rules)

    def find_candidates(
        self, text: str, accept: Callable[[Candidate], bool] = lambda c: True, extra: Iterable[Candidate] = ()
    ) -> list[Candidate]:
        """Pattern matches in ``text`` (and ``extra`` ones) that ``accept`` keeps, leftmost-longest,
        without overlaps."""
        found = list(extra)
        index = TokenIndex(text, self.cue_words)
        for priority, rule in enumerate(self.rules):
            for match in rule_matches(rule, index):
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                found.append(Candidate(rule.kind, match.start(), match.end(), groups, priority))
        return select_longest(found, accept)


def select_longest(candidates: list[Candidate], accept: Callable[[Candidate], bool]) -> list[Candidate]:
    """Keep the longest accepted candidates (then earliest pattern) not overlapping a kept one."""
    ranked = sorted(candidates, key=lambda c: (-c.length, c.priority, c.start))
    kept: list[Candidate] = []
    for candidate in ranked:
        if all(candidate.end <= other.start or candidate.start >= other.end for other in kept):
            if accept(candidate):
                kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)
