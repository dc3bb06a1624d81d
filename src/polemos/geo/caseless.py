"""Toponyms in text without capital letters ("riots spread from godhra to vadodara").

A statistical NER learns names largely from capitals, so on lower-cased text it finds few
places and mislabels many. Here the gazetteer itself tags the text: names of countries,
first-level divisions, continents, second-level divisions and towns of 15,000 people or more
(``index.CASELESS_MIN_POPULATION``). Guards against the words such names collide with:

* town names that are common English words ("police", "march", "temple"; from
  the language's ``tables/geo_caseless_words.csv``) are never taken, those that are also personal names
  ("jackson") only after a place cue ("in jackson");
* a name after an article ("the reading of the verdict") is taken only when it is a country,
  division or region or names an institution ("the dublin police"), and one half of a
  hyphenated word ("para-military") never;
* a town needs a place cue or another place of the document in one of its countries:
  "sabha" in "the rajya sabha" is no Libyan town in a story about Gujarat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Span

from polemos.geo.evidence import Cues
from polemos.geo.gazetteer import Candidate, Gazetteer
from polemos.geo.index import CASELESS_MIN_POPULATION
from polemos.geo.normalize import name_key
from polemos.geo.words import GeoWords

POPULOUS_DIVISION = 1_000_000  # a first-level division this populous is taken without support
CASED_SHARE = 0.03  # text with fewer capitalised words than this (sentence starts aside) is caseless
MIN_WORDS = 12
MAX_NAME_TOKENS = 4
COMMON_WORD = "common word"
PERSONAL_NAME = "personal name"
_AFTER_ARTICLE = ("country", "admin1", "region", "water", "continent")
# function words; nouns, verbs and adjectives are left to the word list, the tagger often
# takes an unknown name for one of them ("lucknow: a delegation ..." as a verb)
_NOT_NAME_POS = frozenset({"AUX", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "PART", "NUM", "INTJ"})
_DIVISIONS = ("country", "admin1", "continent")
_HYPHENS = frozenset({"-", "–", "—"})
_INFLECTED_VERB_TAGS = frozenset({"VBD", "VBN", "VBG", "VBZ"})

Lookup = Callable[[str], list[Candidate]]


def is_caseless(doc: Doc) -> bool:
    """True when the text carries no case information: hardly a word inside a sentence starts
    with a capital (lower-cased corpora, some transcripts)."""
    words = [t for t in doc if t.is_alpha and len(t) > 1 and not t.is_sent_start]
    if len(words) < MIN_WORDS:
        return False
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised / len(words) < CASED_SHARE


@dataclass
class _Match:
    span: Span
    candidates: list[Candidate]
    cued: bool


class CaselessTagger:
    def __init__(self, gazetteer: Gazetteer, words: GeoWords):
        self.gazetteer = gazetteer
        self.words = words.caseless_words  # town names that are common words or personal names
        self.not_places = words.not_places
        self.determiners = words.determiners
        self.of_words, self.list_joiners = words.of_words, words.list_joiners
        self._names: frozenset[str] | None = None  # read from the index on the first caseless text
        self._first_words: frozenset[str] | None = None

    @property
    def names(self) -> frozenset[str]:
        if self._names is None:
            self._names = self.gazetteer.caseless_names() - self.not_places
            self._first_words = frozenset(name.split(" ", 1)[0] for name in self._names)
        return self._names

    @property
    def first_words(self) -> frozenset[str]:
        """The first word of every name: most tokens start none, and need no longer look."""
        if self._first_words is None:
            self._first_words = frozenset(name.split(" ", 1)[0] for name in self.names)
        return self._first_words

    def entity_place(self, entity: Span, lookup: Lookup, cues: Cues) -> Span | None:
        """The place name a GPE/LOC/FAC entity of caseless text holds ("the godhra" -> "godhra"),
        or None when the gazetteer does not know it or it is a common word."""
        start = entity.start + (1 if entity[0].lower_ in self.determiners and len(entity) > 1 else 0)
        span = entity.doc[start : entity.end]
        candidates = lookup(span.text)
        if candidates and self._acceptable(span, candidates, cues, after_article=True):
            return span
        return None

    def tag(self, doc: Doc, taken: set[int], lookup: Lookup, cues: Cues, countries: set[str]) -> list[Span]:
        """Gazetteer names in ``doc`` outside the tokens in ``taken`` (which it extends).
        ``countries``: ISO alpha-2 codes of the places already found in the document."""
        matches = []
        index = 0
        while index < len(doc):
            match = self._match_at(doc, index, taken, lookup, cues)
            if match is None:
                index += 1
                continue
            matches.append(match)
            index = match.span.end
        # which names each country's places go by, read once: asked per match, it made the
        # tagging of a long document grow with the square of its matches
        keys = [name_key(match.span.text) for match in matches]
        keys_by_country: dict[str, set[str]] = {}
        for match, key in zip(matches, keys):
            for country in _countries(match.candidates):
                keys_by_country.setdefault(country, set()).add(key)
        found = []
        for match, key in zip(matches, keys):
            if self._supported(match, key, keys_by_country, countries):
                found.append(match.span)
                taken.update(range(match.span.start, match.span.end))
        return found

    def _match_at(self, doc: Doc, index: int, taken: set[int], lookup: Lookup, cues: Cues) -> _Match | None:
        if index in taken or not doc[index].is_alpha or doc[index].lower_ in self.determiners:
            return None
        token = doc[index]
        first = token.lower_ if token.text.isascii() else name_key(token.text)  # plain words need no normalising
        if first not in self.first_words:
            return None
        for size in range(MAX_NAME_TOKENS, 0, -1):
            span = doc[index : index + size]
            if len(span) < size or any(
                i in taken or t.is_punct or t.is_space for i, t in zip(range(span.start, span.end), span)
            ):
                continue
            if name_key(span.text) not in self.names or self._inside_longer_entity(span) or _hyphenated(span):
                continue
            candidates = lookup(span.text)
            if candidates and self._acceptable(span, candidates, cues):
                return _Match(span, candidates, cues.around(doc, span.start, span.end, skip_article=False))
        return None

    def _acceptable(self, span: Span, candidates: list[Candidate], cues: Cues, after_article: bool = False) -> bool:
        """``after_article``: the NER took the span as a place, so an article before it
        ("his toronto office") says nothing against it."""
        key = name_key(span.text)
        if all(t.is_stop for t in span):
            return False
        division = any(c.feature in _DIVISIONS for c in candidates)
        if len(span) == 1:
            token = span[0]
            if len(key) < 4 and not division:
                return False
            if token.pos_ in _NOT_NAME_POS and not division:
                return False
            if _inflected_verb(token) and not division:  # "had begun" is no town Begūn
                return False
        kind = self.words.get(key)
        if kind == COMMON_WORD and not any(c.feature == "country" for c in candidates):
            return False
        if kind == PERSONAL_NAME and not cues.around(span.doc, span.start, span.end, skip_article=False):
            return False
        previous = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if (
            previous in self.determiners
            and not after_article
            and not any(c.feature in _AFTER_ARTICLE for c in candidates)
        ):
            # "the dublin police", "the laurel county sheriff": a place naming an institution
            return cues.institution(span.doc, span.end) or cues.after(span.doc, span.end)
        return True

    def _supported(self, match: _Match, key: str, keys_by_country: dict[str, set[str]], countries: set[str]) -> bool:
        """Countries and populous divisions stand alone; a town or a smaller division ("sabha",
        a Libyan district) needs a cue or another place of the document in one of its countries
        (``countries``, or a match under another name than ``key``, the match's own)."""
        if match.cued or any(_stands_alone(c) for c in match.candidates):
            return True
        return any(
            country in countries or keys_by_country.get(country, set()) - {key}
            for country in _countries(match.candidates)
        )

    def _inside_longer_entity(self, span: Span) -> bool:
        """Part of a longer person's or organisation's name: "singh" in "rajnath singh", "sabha"
        in "lok sabha". A place opening an organisation's name ("ahmedabad police") or after its
        "of" ("the university of cincinnati") is kept."""
        for token in span:
            if token.ent_type_ in ("PERSON", "ORG", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW"):
                entity = next(e for e in span.doc.ents if e.start <= token.i < e.end)
                if len(entity) <= len(span) or any(t.lower_ in self.list_joiners or t.lower_ == "," for t in entity):
                    continue  # a list the NER took for one name: "banaskantha and kheda"
                opens = span.start == entity.start or (
                    span.start == entity.start + 1 and entity[0].lower_ in self.determiners
                )
                after_of = span.start > entity.start and span.doc[span.start - 1].lower_ in self.of_words
                return entity.label_ == "PERSON" or not (opens or after_of)
        return False


def _inflected_verb(token) -> bool:
    """An inflected form of an English verb ("begun", "fired"): the tagger reads it as a verb
    and its lemma differs. (An unknown name the tagger takes for a verb keeps its own lemma.)"""
    return token.pos_ in ("VERB", "AUX") and token.tag_ in _INFLECTED_VERB_TAGS and token.lemma_.lower() != token.lower_


def _stands_alone(candidate: Candidate) -> bool:
    if candidate.feature in ("country", "continent"):
        return True
    return candidate.feature == "admin1" and candidate.primary_name and candidate.population >= POPULOUS_DIVISION


def _countries(candidates: list[Candidate]) -> set[str]:
    """Countries of the candidates a caseless tagger would look for."""
    return {
        c.country_iso2
        for c in candidates
        if c.country_iso2 and (c.feature in _DIVISIONS or c.population >= CASELESS_MIN_POPULATION)
    }


def _hyphenated(span: Span) -> bool:
    """One half of a hyphenated word: "para" in "para-military"."""
    doc = span.doc
    return (span.end < len(doc) and doc[span.end].text in _HYPHENS and not doc[span.end - 1].whitespace_) or (
        span.start > 0 and doc[span.start - 1].text in _HYPHENS and not doc[span.start - 1].whitespace_
    )
