"""The geo stage's words of one language (``geo.csv``, the ``geo_*`` tables and the regular
expressions of ``patterns/geo.toml`` in its folder), compiled once when the stage is built.

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
        self.name_possessives = words("geo.name_possessive")  # "Martha's Vineyard": a token inside a name
        # Words of time the NER rightly tags as such: months, weekdays, seasons, parts of the day.
        time = TimeWords(language) if time_words is None else time_words  # the time stage's, when given
        self.time_words = time.month_words | time.weekday_words | time.season_words | time.part_of_day_words
        # ---- geocoder.py ----
        self.street_words = words("geo.street_word")
        self.generic_words = words("geo.generic_word")
        # "No." before a number ("Apartment No. 9"), as a name is written: capitalised or in capitals
        self.number_signs = frozenset(
            form for word in words("geo.number_sign") for form in (word[:1].upper() + word[1:], word.upper())
        )
        streets = {
            "joiners": _group(self.list_joiners),
            "plural_streets": _group(words("geo.street_pair_plural")),
            "singular_streets": _group(words("geo.street_pair_singular")),
        }
        self.pair_before_plural = re.compile(language.pattern("geo.street_pair_before_plural", **streets))
        self.plural_after = re.compile(language.pattern("geo.street_plural_after", **streets))
        self.pair_after_name = re.compile(language.pattern("geo.street_pair_after_name", **streets))
        self.and_street_after = re.compile(language.pattern("geo.street_and_street_after", **streets))
        self.street_and_before = re.compile(language.pattern("geo.street_and_before", **streets))
        # "the South Morrison area of Newport News": a name written as a part of a place.
        self.part_of = _compiled(
            language,
            "geo.part_of",
            part_nouns=_group(words("geo.part_noun")),
            of=_group(self.of_words),
            articles=_group(self.articles),
        )
        # ---- outlet.py ----
        self.region_words = words("geo.region_word")
        self.outlet_word = _compiled(
            language, "geo.outlet_word", re.IGNORECASE, outlet_words=_group(words("geo.outlet_word"))
        )
        title_words = [
            form
            for word in words("geo.outlet_title_word")
            for form in (word, word[:1].upper() + word[1:], word.upper())
        ]
        self.leading_outlet = _compiled(language, "geo.leading_outlet", outlet_titles=_group(title_words))
        # ---- title.py: the town a headline says its story happened in ----
        sides, divisions = _group(words("geo.headline_side")), _group(words("geo.division_word"))
        self.headline_place_before = _compiled(language, "geo.headline_place_before", re.IGNORECASE, sides=sides)
        self.headline_event_after = _compiled(language, "geo.headline_event_after", re.IGNORECASE, divisions=divisions)
        self.headline_side_before = _compiled(language, "geo.headline_side_before", re.IGNORECASE, sides=sides)
        # ---- disambiguate.py and events/places.py: "Houston, Texas", "Khulm district, Balkh" ----
        gap = language.pattern("geo.container_gap", divisions=divisions)
        self.container_gap = re.compile(gap, re.IGNORECASE)
        self.following_name = re.compile(f"(?i:{gap})" + _CONTAINER_NAME)
        # a bracket marks a container as one in any language; a division word in this one
        self.hierarchy_mark = re.compile(
            r"\(|" + language.pattern("geo.division_between", divisions=divisions), re.IGNORECASE
        )
        self.division_after = _compiled(language, "geo.division_after", re.IGNORECASE, divisions=divisions)
        # ---- events/places.py ----
        self.taken_to = _compiled(language, "geo.taken_to", taken_verbs=_group(words("geo.taken_verb")))
        self.hospital_in = _compiled(
            language, "geo.hospital_in", re.IGNORECASE, hospital_words=_group(words("geo.hospital_word"))
        )
        self.person_of = _compiled(language, "geo.person_of", of=_group(self.of_words))
        self.home_word_after = _compiled(language, "geo.home_word_after")
        self.title_word_after = _compiled(language, "geo.title_word_after")
        self.not_people_before_of = words("geo.not_person_before_of")


# The one to three capitalised words of a container's name after the gap ("La.", "Bankass").
_CONTAINER_NAME = r"((?:[A-Z][\w'’-]*\.?)(?:\s+[A-Z][\w'’-]*\.?){0,2})"


def _compiled(language: LanguageData, name: str, flags: int = 0, **values: str) -> re.Pattern[str]:
    """The language's pattern ``name`` with its placeholders filled, compiled (one matching
    nothing when the language has none)."""
    return re.compile(language.pattern(name, **values), flags)


def _group(words: Iterable[str]) -> str:
    """``words`` as one group of alternatives, to fill a pattern's placeholder."""
    return f"(?:{_literal(words)})"


def _literal(words: Iterable[str]) -> str:
    """An alternation of ``words`` as written (longest first); one that matches nothing when empty."""
    forms = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word) for word in forms) if forms else r"(?!)"
