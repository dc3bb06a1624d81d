"""How much a proposed toponym looks like a place: the strength of its name in the gazetteer,
cue words around it, and how well its candidates fit the places the document already names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from spacy.tokens import Doc

from polemos.geo.gazetteer import Candidate
from polemos.geo.sources import haversine_km

STRONG_POPULATION = 100_000  # a city this large is a place whatever the NER thought
WEAK_POPULATION = 1_000  # smaller places are too often homonyms of people and things
NEARBY_KM = 100.0
_DIVISIONS = ("country", "admin1", "continent")
_AREAS = ("admin2", "region", "water", "route")


class Strength(IntEnum):
    NONE = 0  # no place of that name worth taking
    WEAK = 1  # a town or second-level division: needs support from the context
    STRONG = 2  # a country, first-level division, capital or large city


def strength(candidates: list[Candidate]) -> Strength:
    best = Strength.NONE
    for candidate in candidates:
        if candidate.feature in _DIVISIONS:
            return Strength.STRONG
        if not candidate.primary_name:
            continue
        if candidate.population >= STRONG_POPULATION or candidate.capital or candidate.geonameid is None:
            return Strength.STRONG
        if candidate.population >= WEAK_POPULATION or candidate.feature in _AREAS:
            best = Strength.WEAK
    return best


@dataclass
class DocumentPlaces:
    """What one document already says about its places: the name keys taken as places so far
    and the resolved choices of the NER's toponyms (the anchors)."""

    keys: set[str] = field(default_factory=set)
    anchors: list[Candidate] = field(default_factory=list)

    def placeless(self) -> bool:
        """Whether the document's NER names no place below country level."""
        return all(a.feature in ("country", "continent") for a in self.anchors)

    def coherent(self, candidates: list[Candidate]) -> bool:
        """A town of that name lies in the same first-level division as, or near, a place the
        document names ("Roxton" beside "Paris, Texas")."""
        local = [a for a in self.anchors if a.feature not in ("country", "continent")]
        for candidate in candidates:
            if not candidate.primary_name or candidate.feature in _DIVISIONS:
                continue
            if candidate.population < WEAK_POPULATION and candidate.feature not in _AREAS:
                continue
            for anchor in local:
                if anchor.place_id == candidate.place_id:
                    continue
                if candidate.admin1 and candidate.admin1 == anchor.admin1:
                    return True
                if (
                    anchor.feature != "admin1"
                    and haversine_km((anchor.lat, anchor.lon), (candidate.lat, candidate.lon)) <= NEARBY_KM
                ):
                    return True
        return False


class Cues:
    """Words that put a name in place-like context (a language's ``tables/geo_place_cues.csv``)."""

    def __init__(self, words: dict[str, frozenset[str]], articles: frozenset[str]):
        self.before_words = words.get("before", frozenset())
        self.after_words = words.get("after", frozenset())
        self.institution_words = words.get("institution", frozenset())
        self.articles = articles  # "near the Oxford ring road": an article between cue and name

    def before(self, doc: Doc, start: int, skip_article: bool = True) -> bool:
        """ "in Godhra", "near the Oxford ring road"."""
        index = start - 1
        if skip_article and index >= 0 and doc[index].lower_ in self.articles:
            index -= 1
        return index >= 0 and doc[index].lower_ in self.before_words

    def after(self, doc: Doc, end: int) -> bool:
        """ "Laurel County", "an Alexandria man", "Godhra town"."""
        return end < len(doc) and doc[end].lower_ in self.after_words

    def around(self, doc: Doc, start: int, end: int, skip_article: bool = True) -> bool:
        return self.before(doc, start, skip_article) or self.after(doc, end)

    def institution(self, doc: Doc, end: int) -> bool:
        """ "Paris Police Department", "Dublin City Council": the name heads a local institution."""
        return end < len(doc) and doc[end].lower_ in self.institution_words
