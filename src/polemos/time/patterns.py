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

        # ---- grammar.py ----
        self.grammar = [self._grammar_rule(entry, cue_lists) for entry in self._grammar_entries()]

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
