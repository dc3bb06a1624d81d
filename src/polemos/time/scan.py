"""Trying each pattern of the temporal grammar only where it can match: next to its cue words.

Scanning an article with some thirty case-insensitive patterns makes the regular-expression
engine attempt a match at every character for every pattern, which cost more than the rest of
the time stage together. Every match of a rule contains one of its *cues* as a whole word
("January", "days", or any word with a digit in it) and starts at most ``reach`` tokens before
it. ``TokenIndex`` lists the tokens of a text once, and which of them are cues;
``rule_matches`` then attempts the rule only
at the token starts within reach of a cue, left to right, skipping what a match already
covers, so it yields exactly what ``rule.regex.finditer(text)`` yields, at a fraction of the cost.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable, Iterator

# Words, and apostrophes: "'90s" starts at its apostrophe.
_TOKEN = re.compile(r"\w+|'")
_DIGIT = re.compile(r"\d")
NUMBER = "<number>"  # the cue that stands for any word with a digit in it


@dataclass(frozen=True)
class Rule:
    """A pattern of the grammar, with the words that every one of its matches contains."""

    kind: str
    regex: re.Pattern
    cues: frozenset[str]  # lower-case words, matched against whole tokens; NUMBER for a word with a digit
    reach: int  # the most tokens (words and apostrophes) a match can start before its cue


def cue_words(rules: Iterable[Rule]) -> frozenset[str]:
    """Every cue word of ``rules``."""
    return frozenset(word for rule in rules for word in rule.cues)


class TokenIndex:
    """The tokens of one text: where each starts, and which are cues of some rule."""

    def __init__(self, text: str, cues: frozenset[str]):
        self.text = text
        self.starts = [token.start() for token in _TOKEN.finditer(text)]
        words = [word.lower() for word in _TOKEN.findall(text)]
        self._cues = [(number, word) for number, word in enumerate(words) if word in cues]
        self._cues += [
            (number, NUMBER) for number, word in enumerate(words) if not word.isalpha() and _DIGIT.search(word)
        ]
        self._cues.sort()

    def cue_tokens(self, rule: Rule) -> list[int]:
        """Numbers of the tokens that are cues of ``rule``, in text order."""
        return [number for number, word in self._cues if word in rule.cues]


def rule_matches(rule: Rule, index: TokenIndex) -> Iterator[re.Match]:
    """The non-overlapping matches of ``rule`` in the indexed text, leftmost first."""
    text, starts = index.text, index.starts
    covered_until = 0  # end of the last match: finditer resumes there
    next_token = 0  # first token not yet attempted
    for cue in index.cue_tokens(rule):
        for number in range(max(cue - rule.reach, next_token), cue + 1):
            start = starts[number]
            if start < covered_until:
                continue
            found = rule.regex.match(text, start)
            if found is not None and found.end() > start:
                yield found
                covered_until = found.end()
        next_token = max(next_token, cue + 1)
