"""The temporal grammar: regular expressions that find candidate time expressions.

Each pattern has a *kind*; the resolvers of ``polemos.time.tagger`` turn a match of that kind
into a TIMEX3 type and value. Overlapping candidates are settled leftmost-longest, ties by pattern
order. Each pattern also names its cue words and how far before them a match can start, so that
``polemos.time.scan`` tries it only near those words. The patterns that spell words are the
language's (the ``[[grammar]]`` rules of its ``patterns/time.toml``); those of digits alone are here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from polemos.time.lexicon import YEAR, TimeWords
from polemos.time.scan import NUMBER, Rule, TokenIndex, cue_words, rule_matches

# Patterns that spell no words, the same in every language, by kind: "2023-09-19"; "9/17/2016",
# "09-17-2016", "9/17/16" (month first, as US writers put it; the separator is the same twice, and
# a number around it, "1-9/17/16" or "9/17/16-2", is some other figure); "20.07.2023" (day first,
# as the dotted form is written wherever it is used); "1994-1996"; "Q3 2023", "H1/2023".
# Each with its cues (NUMBER: a word with a digit) and how many tokens before one a match can start.
NUMERIC_RULES: list[tuple[str, str, frozenset[str], int]] = [
    ("iso", rf"\b(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b", frozenset({NUMBER}), 0),
    (
        "numeric",
        r"(?<![\d/.-])\b(?P<month>1[0-2]|0?[1-9])(?P<separator>[/-])(?P<day>[12]\d|3[01]|0?[1-9])(?P=separator)"
        r"(?:(?P<year>(?:19|20)\d\d)|(?P<short_year>\d\d))\b(?![/-]\d|\.\d)",
        frozenset({NUMBER}),
        0,
    ),
    (
        "numeric",
        r"\b(?P<day>[12]\d|3[01]|0?[1-9])\.(?P<month>1[0-2]|0?[1-9])\.(?P<year>(?:19|20)\d\d)\b(?!\.\d)",
        frozenset({NUMBER}),
        0,
    ),
    ("year_range", rf"\b(?P<year>{YEAR})\s*[-–/]\s*(?P<year2>{YEAR}|\d\d)\b(?![-–/]\d)", frozenset({NUMBER}), 0),
    ("quarter_code", rf"\b(?P<code>Q[1-4]|H[12])(?:\s+|/)(?P<year>{YEAR})\b", frozenset({NUMBER}), 0),
]

#: Every kind of time expression, in the order that settles a tie: of two candidates as long as
#: each other and starting together, the kind named first wins. Rules of one kind keep their order
#: (the numeric ones first, then the language's, as its ``patterns/time.toml`` lists them).
KINDS = (
    "iso",
    "numeric",
    "month_day",
    "day_month",
    "month_year",
    "month",
    "year_range",
    "decade",
    "century",
    "season",
    "quarter",
    "quarter_code",
    "year",
    "year_words",
    "year_end",
    "year_ago",
    "weekday",
    "deictic",
    "part_of_day",
    "clock_words",
    "relative_unit",
    "offset",
    "duration",
    "bare_units",
    "clock",
    "clock24",
    "noon",
    "set",
    "reference",
)


def rules(words: TimeWords) -> list[Rule]:
    """The rules of the grammar in order: the numeric ones and those of the language's patterns."""
    numeric = [
        Rule(kind, re.compile(pattern, re.IGNORECASE), cues, reach) for kind, pattern, cues, reach in NUMERIC_RULES
    ]
    unknown = sorted({rule.kind for rule in words.patterns.grammar} - set(KINDS))
    if unknown:
        raise ValueError(f"patterns/time.toml: [[grammar]] names kinds the time stage does not resolve: {unknown}")
    order = {kind: number for number, kind in enumerate(KINDS)}
    return sorted(numeric + words.patterns.grammar, key=lambda rule: order[rule.kind])


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
        self.rules = rules(words)
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
