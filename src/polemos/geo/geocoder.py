"""The geo stage: toponym spans in, resolved ``Place`` objects out."""

from __future__ import annotations

import dataclasses
import re
from typing import AbstractSet, Any, Iterable, Optional

from polemos.geo import curated
from polemos.geo.caseless import CaselessTagger
from polemos.geo.disambiguate import Group, Resolver, Weights, prior, unmistakable_container, written_containers
from polemos.geo.evidence import Cues
from polemos.geo.gazetteer import Candidate, Gazetteer
from polemos.geo.normalize import SIDED_CITY_POPULATION, name_key, part_core
from polemos.geo.outlet import HOME_MIN_POPULATION, home_states, title_home_states
from polemos.geo.sources import haversine_km
from polemos.geo.title import title_toponyms
from polemos.geo.toponyms import PLACE_LABELS, ToponymFinder
from polemos.geo.words import GeoWords
from polemos.lang import LanguageData
from polemos.record import ExtractionRecord, Place, place_precision

__all__ = ["Geocoder", "PLACE_LABELS"]
_CONTAINER_FEATURES = ("country", "admin1")


class Geocoder:
    """Resolves toponyms against a ``Gazetteer`` using the whole document as context.

    ``strategy="population"`` turns context off and picks the most populous candidate
    (the baseline the evaluation reports beside the full method). Its words are ``language``'s
    (English when none is given).
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        weights: Weights | None = None,
        strategy: str = "context",
        language: LanguageData | None = None,
        words: GeoWords | None = None,
    ):
        if strategy not in ("context", "population"):
            raise ValueError(f"unknown strategy {strategy!r}")
        self.gazetteer = gazetteer
        self.weights = weights or Weights()
        self.strategy = strategy
        self._resolver = Resolver(self.weights, gazetteer.neighbours)
        self.words = words if words is not None else GeoWords(language or LanguageData.load())
        caseless = CaselessTagger(gazetteer, self.words)
        self.finder = ToponymFinder(
            gazetteer, self.words.not_places, Cues(self.words.place_cues, self.words.articles), caseless, self.words
        )
        self.container_codes = curated.container_codes()
        self._large_places: dict[str, list[Candidate]] | None = None  # read on the first page with an address

    def resolve(
        self,
        text: str,
        spans: list[tuple[int, int]],
        context: Optional[Iterable[str]] = None,
        home: AbstractSet[str] = frozenset(),
    ) -> list[Optional[Place]]:
        """Resolve the toponyms at ``spans`` (character offsets into ``text``).

        ``context``: ISO alpha-3 codes of countries the document is known to be about;
        ``home``: GeoNames admin1 codes of the states its outlet is at home in (``outlet``).
        Returns one ``Place`` per span (``None`` when the gazetteer has no such name);
        ``sentence`` is left unset.
        """
        choices = self._choose(text, spans, context, home)
        return [_place(text, start, end, choice) for (start, end), choice in zip(spans, choices)]

    def _choose(
        self,
        text: str,
        spans: list[tuple[int, int]],
        context: Optional[Iterable[str]] = None,
        home: AbstractSet[str] = frozenset(),
    ) -> list[Optional[Candidate]]:
        lookups: dict[str, list[Candidate]] = {}
        groups: dict[str, Group] = {}
        span_groups: list[Group] = []
        starts = {start for start, _ in spans}
        for start, end in spans:
            key = name_key(text[start:end])
            if street_of_pair(text, start, end, self.words):
                key = "street:" + key  # "Van Buren and Elm streets" names no place, wherever else it does
                groups.setdefault(key, Group(key, []))
            elif _number_sign(text, start, end, self.words):
                key = "number:" + key  # "900 Garden Way, No. 9": the sign of a number, not Nord
                groups.setdefault(key, Group(key, []))
            elif _part_before_place(text, start, end, starts, self.words):
                key = "part:" + key  # "Downtown" of "Downtown Minneapolis" is no town named Downtown
                groups.setdefault(key, Group(key, []))
            if key not in groups:
                groups[key] = Group(key, self._candidates(text[start:end], lookups))
            span_groups.append(groups[key])
        ordered = list(groups.values())
        self._link_containers(text, spans, span_groups, ordered, lookups)
        if self.strategy == "population":
            for group in ordered:
                group.choice = max(group.candidates, key=lambda c: c.population, default=None)
        else:
            self._resolver.resolve(ordered, self._hint_countries(context), home)
        _drop_distant_parts(text, spans, span_groups, self.words)
        return [group.choice for group in span_groups]

    def toponym_spans(self, text: str, doc: Any) -> list[tuple[int, int]]:
        """Character spans of the toponyms in ``doc`` (built from ``text``), in text order."""
        return self.finder.find(doc, lambda spans: self._choose(text, spans))

    def annotate(self, record: ExtractionRecord, doc: Any) -> None:
        """Fill ``record.places`` from the toponyms of ``doc`` (built from ``record.text``),
        with the places its title names as context (``title.title_toponyms``)."""
        spans = self.toponym_spans(record.text, doc)
        resolved = self.resolve(record.text, spans)
        home = self.home_states(record.document.url, spans, record.text, resolved)
        if not home and record.document.title:
            home = self.title_home_states(record.document.title, resolved)
        if home:
            resolved = self.resolve(record.text, spans, home=home)
        title = record.document.title
        if title:
            resolved, record.title_places = self._resolve_with_title(record.text, spans, resolved, title, home)
        places = []
        for (start, end), place in zip(spans, resolved):
            place = place or Place(text=record.text[start:end], start=start, end=end)
            place.sentence = record.sentence_at(start)
            places.append(place)
        record.places = places

    def home_states(
        self, url: Optional[str], spans: list[tuple[int, int]], text: str, resolved: list[Optional[Place]]
    ) -> frozenset[str]:
        """The states the page's address names as its outlet's home (see ``outlet``): among the
        countries of the places already ``resolved``, else, when none lies there ("Chester" read
        as the English city on nbcphiladelphia.com), the one its host names among those of any
        place the text's names may be."""
        if not url:
            return frozenset()
        iso2_of = {iso3: iso2 for iso2, iso3 in self.gazetteer.iso3_codes().items()}
        resolved_countries = {iso2_of[p.country] for p in resolved if p is not None and p.country in iso2_of}
        lookups: dict[str, list[Candidate]] = {}
        possible = {
            c.country_iso2 for start, end in spans for c in self._candidates(text[start:end], lookups) if c.country_iso2
        }
        found = self._home_in(url, resolved_countries)
        if not found:  # a host's name alone, less ambiguous than a path's section
            found = self._home_in(url, possible - resolved_countries, host_only=True)
        return found

    def title_home_states(self, title: str, resolved: list[Optional[Place]]) -> frozenset[str]:
        """The states the title's outlet part names ("Youngstown news, ...", "... - WXYZ 7 -
        Huntington, WV", ``outlet``), among the countries of the places already ``resolved``."""
        if self._large_places is None:
            self._large_places = self.gazetteer.large_places_by_written_key(HOME_MIN_POPULATION)
        iso2_of = {iso3: iso2 for iso2, iso3 in self.gazetteer.iso3_codes().items()}
        countries = {iso2_of[p.country] for p in resolved if p is not None and p.country in iso2_of}
        return title_home_states(title, self._large_places, self._state_named, self.words, countries)

    def _state_named(self, name: str) -> list[Candidate]:
        """The places a state's name or code ("WV", "Ala.") names."""
        return self.gazetteer.lookup(self.container_codes.get(name) or name, shorten=False)

    def _home_in(self, url: str, countries: set[str], host_only: bool = False) -> frozenset[str]:
        if not countries:
            return frozenset()
        if self._large_places is None:
            self._large_places = self.gazetteer.large_places_by_written_key(HOME_MIN_POPULATION)
        lookup = lambda name: self.gazetteer.lookup(name, shorten=False)  # noqa: E731
        return home_states(url, self._large_places, lookup, countries, self.words, host_only)

    def _resolve_with_title(
        self,
        text: str,
        spans: list[tuple[int, int]],
        resolved: list[Optional[Place]],
        title: str,
        home: AbstractSet[str] = frozenset(),
    ) -> tuple[list[Optional[Place]], list[Place]]:
        """The text's places resolved again beside the title's (written after the text, so that
        the text's offsets stay as they are), and the title's places (offsets into ``title``)."""
        keys = {name_key(text[start:end]) for (start, end), place in zip(spans, resolved) if place is not None}
        countries = {
            iso2
            for iso2, iso3 in self.gazetteer.iso3_codes().items()
            if iso3 in {place.country for place in resolved if place is not None}
        }
        lookups: dict[str, list[Candidate]] = {}
        found = title_toponyms(
            title,
            keys,
            countries,
            lambda name: self._candidates(self.container_codes.get(name, name), lookups),
            self.words,
        )
        if not found:
            return resolved, []
        offset = len(text) + 2
        joined = text + "\n\n" + title
        both = self.resolve(joined, spans + [(start + offset, end + offset) for start, end in found], home=home)
        titled = [
            dataclasses.replace(place, start=start, end=end)
            for (start, end), place in zip(found, both[len(spans) :])
            if place is not None
        ]
        return both[: len(spans)], titled

    def is_place_name(self, text: str) -> bool:
        """False for demonyms, party names and other words the NER tags as places."""
        return self.finder.is_place_name(text)

    def _candidates(self, text: str, lookups: dict[str, list[Candidate]]) -> list[Candidate]:
        key = name_key(text)
        if key not in lookups:
            found = _without_lesser_aliases(
                text, [c for c in self.gazetteer.lookup(text) if _may_name(text, c, self.words)]
            )
            found.sort(key=lambda c: prior(c, self.weights), reverse=True)
            lookups[key] = found[: self.weights.max_candidates]
        return lookups[key]

    def _link_containers(
        self,
        text: str,
        spans: list[tuple[int, int]],
        span_groups: list[Group],
        ordered: list[Group],
        lookups: dict[str, list[Candidate]],
    ) -> None:
        """Record "X, Y" pairs: Y (a country or a division) should contain X. A hierarchy
        written out ("Kolo (Bankass, Mopti)") gives X every container of its chain."""
        group_at = {start: group for (start, _), group in zip(spans, span_groups)}
        index_of = {id(group): i for i, group in enumerate(ordered)}
        for (_, end), group in zip(spans, span_groups):
            unmistakable = False
            for level, (start, name) in enumerate(written_containers(text, end, self.words)):
                containers = self._container_candidates(name, lookups)
                group.containers.extend(c for c in containers if c not in group.containers)
                unmistakable = unmistakable or unmistakable_container(text, end, start, name, self.words)
                if unmistakable:  # the rest of a chain that starts unmistakably is a hierarchy too
                    group.hierarchy.extend(c for c in containers if c not in group.hierarchy)
                end = start + len(name)
                container_group = group_at.get(start)
                if containers and level == 0 and container_group is not None and container_group is not group:
                    container_group.contained.append(index_of[id(group)])

    def _container_candidates(self, name: str, lookups: dict[str, list[Candidate]]) -> list[Candidate]:
        words = name.split()
        if words and words[0] in self.container_codes:  # "Laurel, MS": a code only a container has
            words = self.container_codes[words[0]].split()
        for size in range(len(words), 0, -1):
            found = [c for c in self._candidates(" ".join(words[:size]), lookups) if c.feature in _CONTAINER_FEATURES]
            if found:
                return found
        return []

    def _hint_countries(self, context: Optional[Iterable[str]]) -> set[str]:
        if not context:
            return set()
        iso2_of = {iso3: iso2 for iso2, iso3 in self.gazetteer.iso3_codes().items()}
        return {iso2_of[c] for c in context if c in iso2_of}


_SETTLEMENT_FEATURES = ("city", "town", "village", "admin2")
_SETTLEMENTS = ("city", "town", "village")


def _number_sign(text: str, start: int, end: int, words: GeoWords) -> bool:
    """Whether the name at ``start:end`` is "No." written before a number ("Apartment No. 9";
    ``words.number_signs``)."""
    return text[start:end] in words.number_signs and re.match(r"\.?\s*\d", text[end : end + 4]) is not None


def _part_before_place(text: str, start: int, end: int, starts: AbstractSet[int], words: GeoWords) -> bool:
    """Whether the name at ``start:end`` is a generic one ("Downtown", "Northwest") written
    right before another toponym: a part of that place ("Downtown Minneapolis"), not a place of
    its own."""
    written = text[start:end].replace(".", " ").split()
    following = re.match(r"[ \t]+", text[end : end + 3])
    return (
        bool(written)
        and all(w.lower() in words.generic_words for w in written)
        and following is not None
        and end + following.end() in starts
    )


PART_OF_KM = 50.0  # how far from the place it is written as a part of a part may lie


def _drop_distant_parts(text: str, spans: list[tuple[int, int]], span_groups: list[Group], words: GeoWords) -> None:
    """A name written as a part of a place ("the Vermont-Slauson neighborhood of South Los
    Angeles") that the gazetteer knows only far from it, in another first-level division (the
    state of Vermont), is a neighbourhood or street it lacks: left unresolved, so that the place
    it is part of locates what happened there."""
    group_at = {start: group for (start, _), group in zip(spans, span_groups)}
    for (_, end), group in zip(spans, span_groups):
        written = words.part_of.match(text, end)  # "the South Morrison area of Newport News"
        whole = group_at.get(written.end()) if written else None
        if whole is None or whole is group or group.choice is None or whole.choice is None:
            continue
        part, place = group.choice, whole.choice
        if part.admin1 != place.admin1 and haversine_km((part.lat, part.lon), (place.lat, place.lon)) > PART_OF_KM:
            group.choice = None


def _may_name(text: str, candidate: Candidate, geo: GeoWords) -> bool:
    """Whether ``text`` can name ``candidate``: a street's name names no settlement; a generic
    name ("the South Side") only a place whose own name it is; an abbreviation in capitals
    ("NW", "KS") only a country, a first-level division or a place whose own name it is (not
    "Nowe", which "NW" abbreviates in another language); and a side ("West Baltimore") only
    a city large enough to have sides, unless it is a town's own name."""
    words = text.replace(".", " ").split()
    # "Park Avenue", "North Clark Street", "NE 6th St." are streets, not the towns of the same name
    # elsewhere; "the South Side", "Bay Area" are generic names of parts of a city.
    if len(words) > 1 and words[-1].lower() in geo.street_words and candidate.feature in _SETTLEMENT_FEATURES:
        return False
    if all(w.lower() in geo.generic_words for w in words) and name_key(candidate.name) != name_key(text):
        return False  # not by an alternate name, nor by a shortened one ("Bay Area" is no "Bay")
    if (
        len(words) > 1
        and all(w.lower() in geo.generic_words for w in words)
        and candidate.feature in _SETTLEMENTS
        and candidate.population < SIDED_CITY_POPULATION
    ):
        return False  # "the Central Business District" is a part of the story's city, not a hamlet so named
    if len(text.strip(".")) <= 2 and text.isupper() and not candidate.primary_name:
        return candidate.feature in ("country", "admin1")
    return not _side_of_small_town(text, candidate)


def _side_of_small_town(text: str, candidate: Candidate) -> bool:
    key = name_key(text)
    if part_core(key) is None or candidate.feature not in _SETTLEMENTS or name_key(candidate.name) == key:
        return False
    return candidate.population < SIDED_CITY_POPULATION


def street_of_pair(text: str, start: int, end: int, words: GeoWords) -> bool:
    """Whether the name at ``start:end`` is one of two streets named together ("South Van Buren
    and Elm streets", "Fulton and North avenues", "60th Street and Vermont", "Vermont and 60th
    Street"): an intersection, not a town or a state."""
    before = text[max(0, start - 40) : start]
    if words.pair_before_plural.match(text, end) or words.street_and_before.search(before):
        return True
    if words.and_street_after.match(text, end):
        return True
    return bool(words.plural_after.match(text, end) and words.pair_after_name.search(before))


def _without_lesser_aliases(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Drop the settlements known by the name only as an alternate one ("Baltimore" as an old
    name of a Missouri village, "Philadelphia" as Amman's ancient one) when a settlement whose
    own name it is is at least as populous: a writer means the city of that name. An alternate
    name of a larger place stands: an exonym ("Palmyra" for Tadmur, above the American
    Palmyras), or its own name shortened ("Lawndale" for a city's North Lawndale)."""
    own = max((c.population for c in candidates if c.primary_name and c.feature in _SETTLEMENTS), default=None)
    if own is None:
        return candidates
    return [
        c
        for c in candidates
        if c.primary_name or c.feature not in _SETTLEMENTS or _short_for(text, c) or c.population > own
    ]


def _saintless(key: str) -> str:
    return " ".join("st" if word == "saint" else word for word in key.split())


def _short_for(text: str, candidate: Candidate) -> bool:
    """Whether ``text`` is its own name, or that name shortened ("Lawndale" for North
    Lawndale), "St." and "Saint" alike."""
    words = _saintless(name_key(text)).split()  # "St. Albans" is Saint Albans' own name
    own = _saintless(name_key(candidate.name)).split()
    return any(own[i : i + len(words)] == words for i in range(len(own) - len(words) + 1))


def _place(text: str, start: int, end: int, candidate: Optional[Candidate]) -> Optional[Place]:
    if candidate is None:
        return None
    return Place(
        text=text[start:end],
        start=start,
        end=end,
        name=candidate.name,
        geonameid=candidate.geonameid,
        lat=candidate.lat,
        lon=candidate.lon,
        country=candidate.country,
        feature=candidate.feature,
        admin1=candidate.admin1,
        precision=place_precision(candidate.feature),
    )
