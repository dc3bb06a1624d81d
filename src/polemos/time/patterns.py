"""The time stage's regular expressions that spell a language's words, from its ``patterns/time.toml``.

``TimePatterns`` reads the file once, when the stage is built, fills each pattern's
``{placeholders}`` with the fragments ``TimeWords`` builds from the language's word lists and
compiles it. A pattern the language lacks matches nothing (and is named in the language's
``missing``): the stage still runs and finds less. Patterns that spell no words (ISO dates,
digits, white space) stay in the modules that use them.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from polemos.lang import NOTHING, LanguageData, fill
from polemos.time.scan import Rule

STAGE = "time"
_CUE_LIST = re.compile(r"^\{(\w+)\}$")


class TimePatterns:
    """The compiled patterns of one language's ``patterns/time.toml``."""

    def __init__(self, language: LanguageData, fragments: Mapping[str, str], cue_lists: Mapping[str, frozenset[str]]):
        self._language = language
        self._file = language.patterns(STAGE)
        # The fragments every pattern may use, the file's own (day numbers, what follows a number) included.
        values = dict(fragments)
        values["day_number"] = self._template("day_number")
        values["not_number_after"] = self._template("not_number_after")
        self._values = values
        i = re.IGNORECASE

        # ---- grammar.py ----
        self.grammar = [self._grammar_rule(entry, cue_lists) for entry in self._grammar_entries()]
        # ---- filters.py ----
        self.year_count_noun = self._compile("year_count_noun", i)
        self.address_after = self._compile("address_after")
        self.year_preposition_before = self._compile("year_preposition_before", i)
        self.time_preposition_before = self._compile("time_preposition_before", i)
        self.year_label_before = self._compile("year_label_before", i)
        self.bare_units_before = self._compile("bare_units_before", i)
        self.bare_units_after = self._compile("bare_units_after", i)
        self.season_cue_before = self._compile("season_cue_before", i)
        self.season_of_after = self._compile("season_of_after")
        self.month_cue_before = self._compile("month_cue_before", i)
        self.amount_cues = self._compile("amount_cues", i)
        self.label_before = self._compile("label_before", i)
        self.clock_cue_before = self._compile("clock_cue_before", i)
        self.quarter_business_context = self._compile("quarter_business_context", i)
        self.current_not_time_after = self._compile("current_not_time_after")
        # ---- tense.py ----
        self.future_cues = self._compile("future_cues", i)
        self.past_cues = self._compile("past_cues", i)
        self.reporting_verb = self._compile("reporting_verb", i)
        # ---- spans.py ----
        self.vague_count = self._compile("vague_count")
        # ---- anchors.py ----
        self.event_lead = self._compile("event_lead")
        self.event_to = self._compile("event_to")
        # Filled with the event nouns of the language's table when the stage reads it.
        self.event_mention = self._template("event_mention")
        self.event_reference = self._template("event_reference")
        # ---- holidays.py: filled with each holiday's own pattern ----
        self.holiday = self._template("holiday")
        # ---- tagger.py ----
        self.clock_day_gap = self._compile("clock_day_gap")
        self.adjectival_article = self._compile("adjectival_article")

    def fill(self, key: str, template: str, **values: str) -> str:
        """A template of this file with its placeholders filled from ``values`` and the word fragments."""
        return fill(template, f"{STAGE}.{key}", **{**self._values, **values})

    def _template(self, key: str) -> str:
        """The file's pattern ``key`` as written, or a pattern that matches nothing."""
        template = self._file.get(key)
        if template is None:
            self._language.missing.add(f"patterns/{STAGE}.{key}")
            return NOTHING
        if not isinstance(template, str):
            raise ValueError(f"patterns/{STAGE}.toml: {key} is no single pattern")
        return template

    def _compile(self, key: str, flags: int = 0) -> re.Pattern:
        return re.compile(self.fill(key, self._template(key)), flags)

    def _grammar_entries(self) -> list[dict[str, Any]]:
        entries = self._file.get("grammar")
        if entries is None:
            self._language.missing.add(f"patterns/{STAGE}.grammar")
            return []
        if not isinstance(entries, list):
            raise ValueError(f"patterns/{STAGE}.toml: grammar is no list of [[grammar]] rules")
        return entries

    def _grammar_rule(self, entry: dict[str, Any], cue_lists: Mapping[str, frozenset[str]]) -> Rule:
        """A ``[[grammar]]`` rule, compiled (case-insensitive), with its cue words and reach."""
        kind, pattern, cues, reach = (entry.get(key) for key in ("kind", "pattern", "cues", "reach"))
        if not (
            isinstance(kind, str) and isinstance(pattern, str) and isinstance(cues, list) and isinstance(reach, int)
        ):
            raise ValueError(
                f"patterns/{STAGE}.toml: a [[grammar]] rule has a kind, a pattern, cues and a reach: {entry}"
            )
        regex = re.compile(self.fill(f"grammar.{kind}", pattern), re.IGNORECASE)
        return Rule(kind, regex, _cues(kind, cues, cue_lists), reach)


def _cues(kind: str, cues: list[str], cue_lists: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """A rule's cue words: each word as written, each ``{list}`` the words of that list."""
    words: set[str] = set()
    for cue in cues:
        named = _CUE_LIST.match(cue)
        if named is None:
            words.add(cue.lower())
        elif named.group(1) in cue_lists:
            words |= cue_lists[named.group(1)]
        else:
            raise ValueError(f"patterns/{STAGE}.toml: the {kind} rule names no list of cue words {cue}")
    return frozenset(words)
