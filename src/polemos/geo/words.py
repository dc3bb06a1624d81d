"""The geo stage's words of one language (``geo.csv`` and the ``geo_*`` tables of its folder).

They serve the toponym finder, the caseless tagger, the geocoder's street and outlet rules and
the events stage's story place (``events/places.py``). The demonyms stay in ``data/``: the
gazetteer index is built from them (as names of their countries), whatever the language.
"""

from __future__ import annotations

import re
from typing import Iterable

from polemos.geo import curated
from polemos.geo.normalize import name_key
from polemos.lang import LanguageData
from polemos.time.lexicon import TimeWords


class GeoWords:
    """What the geo stage reads in one language: sets of lower-case words, tables and patterns."""

    def __init__(self, language: LanguageData, time_words: TimeWords | None = None):
        words = language.words
        # ---- tables ----
        cues: dict[str, set[str]] = {}
        for row in language.rows("geo_place_cues"):
            cues.setdefault(row["position"], set()).add(row["word"].casefold())
        # Context words by position: "before" a name ("in", "near"), "after" it ("county",
        # "residents"), "institution" heads after a place in an organisation's name, ...
        self.place_cues = {position: frozenset(found) for position, found in cues.items()}
        # Town names that are also common words or personal names -> "common word" or "personal name".
        self.caseless_words = {row["word"]: row["reason"] for row in language.rows("geo_caseless_words")}
        # Words the NER tags as places that are not place names: demonyms, party names (as name keys).
        self.not_places = {
            name_key(text)
            for text in {row["text"] for row in language.rows("geo_not_places")} | set(curated.demonyms())
        }
        # ---- events/places.py: words after a town's name ----
        self.origin_words = self.place_cues.get("home", frozenset())  # "a Kent man": someone's home
        self.home_words = self.origin_words | self.place_cues.get("around", frozenset())  # "Atlanta suburbs"
        self.force_words = self.place_cues.get("force", frozenset())  # "Hamilton police say"
        # ---- caseless.py, evidence.py, toponyms.py ----
        self.determiners = words("geo.determiner")
        self.articles = words("geo.article")
        self.of_words = words("geo.of_word")
        self.list_joiners = words("geo.list_joiner")
        self.name_joiners = words("geo.name_joiner")
        self.town_prepositions = words("geo.town_preposition")
        # Words of time the NER rightly tags as such: months, weekdays, seasons, parts of the day.
        time = TimeWords(language) if time_words is None else time_words  # the time stage's, when given
        self.time_words = time.month_words | time.weekday_words | time.season_words | time.part_of_day_words
        # ---- geocoder.py ----
        self.street_words = words("geo.street_word")
        self.generic_words = words("geo.generic_word")
        joiner = rf"(?:{_literal(self.list_joiners)}|&)"
        streets_plural = rf"(?:{_literal(words('geo.street_pair_plural'))})\b"
        street_singular = rf"(?:{_literal(words('geo.street_pair_singular'))})\b\.?"
        self.pair_before_plural = re.compile(rf"\s+{joiner}\s+(?:[A-Z0-9][\w.'’-]*\s+){{1,3}}" + streets_plural)
        self.plural_after = re.compile(r"\s+" + streets_plural)
        self.pair_after_name = re.compile(rf"[A-Z0-9][\w.'’-]*\s+{joiner}\s+$")
        self.and_street_after = re.compile(rf"\s+{joiner}\s+(?:[A-Z0-9][\w'’-]*\s+){{1,3}}(?i:{street_singular})")
        self.street_and_before = re.compile(rf"[A-Z0-9][\w'’-]*\s+(?i:{street_singular})\s+{joiner}\s+$")
        # "the South Morrison area of Newport News": a name written as a part of a place.
        self.part_of = re.compile(
            rf"(?:-[A-Z][\w'’]*)?(?:\s+[A-Z][\w'’]*){{0,2}}\s+(?:{_literal(words('geo.part_noun'))})"
            rf"\s+(?:{_literal(self.of_words)})\s+(?:(?:{_literal(self.articles)})\s+)?"
        )
        # ---- outlet.py ----
        self.region_words = words("geo.region_word")
        self.outlet_word = re.compile(
            rf"(?:\b(?:{_literal(words('geo.outlet_word'))})\b|\.com\b|\btv\d*\b"
            r"|\b[KW][A-Z]{2,3}(?:-?(?:TV|FM|AM))?\b)",
            re.IGNORECASE,
        )
        title_words = [
            form
            for word in words("geo.outlet_title_word")
            for form in (word, word[:1].upper() + word[1:], word.upper())
        ]
        self.leading_outlet = re.compile(rf"^([A-Z][\w.'’ ]{{0,40}}?\s(?:{_literal(title_words)}))[,:]\s")
        # ---- events/places.py ----
        self.taken_to = re.compile(rf"\b(?:{_literal(words('geo.taken_verb'))})\s+(?:\w+\s+){{0,2}}?to\b[^.!?\n]*$")
        self.hospital_in = re.compile(rf"\b(?:{_literal(words('geo.hospital_word'))})\s+in\s+$", re.IGNORECASE)
        self.not_people_before_of = words("geo.not_person_before_of")


def _literal(words: Iterable[str]) -> str:
    """An alternation of ``words`` as written (longest first); one that matches nothing when empty."""
    forms = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word) for word in forms) if forms else r"(?!)"
