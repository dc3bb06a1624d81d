"""Toponyms in text without capital letters ("riots spread from godhra to vadodara").

A statistical NER learns names largely from capitals, so on lower-cased text it finds few
places and mislabels many. Here the gazetteer itself tags the text: names of countries,
first-level divisions, continents, second-level divisions and towns of 15,000 people or more
(``index.CASELESS_MIN_POPULATION``). Town names that are common English words ("police",
"march", "temple", from ``geo_caseless_words.csv``) are never taken; those that are also
personal names ("jackson") only after a place cue ("in jackson"). A name after an article
("the reading of the verdict") is taken only when it is a country, division or region.
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Span

from polemos.geo.evidence import Cues
from polemos.geo.gazetteer import Candidate, Gazetteer
from polemos.geo.normalize import name_key

CASED_SHARE = 0.03  # text with fewer capitalised words than this (sentence starts aside) is caseless
MIN_WORDS = 12
MAX_NAME_TOKENS = 4
COMMON_WORD = "common word"
PERSONAL_NAME = "personal name"
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "your", "my"})
_AFTER_ARTICLE = ("country", "admin1", "region", "water", "continent")
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "PART", "NUM", "ADV", "INTJ"})
_DIVISIONS = ("country", "admin1", "continent")

Lookup = Callable[[str], list[Candidate]]


def is_caseless(doc: Doc) -> bool:
    """True when the text carries no case information: hardly a word inside a sentence starts
    with a capital (lower-cased corpora, some transcripts)."""
    words = [t for t in doc if t.is_alpha and len(t) > 1 and not t.is_sent_start]
    if len(words) < MIN_WORDS:
        return False
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised / len(words) < CASED_SHARE


class CaselessTagger:
    def __init__(self, gazetteer: Gazetteer, words: dict[str, str], not_places: set[str]):
        self.gazetteer = gazetteer
        self.words = words
        self.not_places = not_places
        self._names: frozenset[str] | None = None  # read from the index on the first caseless text

    @property
    def names(self) -> frozenset[str]:
        if self._names is None:
            self._names = self.gazetteer.caseless_names() - self.not_places
        return self._names

    def keeps_entity(self, entity: Span, candidates: list[Candidate], cues: Cues) -> bool:
        """Whether a place entity the NER found in caseless text is a place name we know."""
        return bool(candidates) and self._acceptable(entity, candidates, cues)

    def tag(self, doc: Doc, taken: set[int], lookup: Lookup, cues: Cues) -> list[Span]:
        """Gazetteer names in ``doc`` outside the tokens in ``taken`` (which it extends)."""
        found = []
        index = 0
        while index < len(doc):
            span = self._match_at(doc, index, taken, lookup, cues)
            if span is None:
                index += 1
                continue
            found.append(span)
            taken.update(range(span.start, span.end))
            index = span.end
        return found

    def _match_at(self, doc: Doc, index: int, taken: set[int], lookup: Lookup, cues: Cues) -> Span | None:
        if index in taken or not doc[index].is_alpha:
            return None
        for size in range(MAX_NAME_TOKENS, 0, -1):
            span = doc[index:index + size]
            if len(span) < size or any(i in taken or t.is_punct or t.is_space for i, t in zip(range(span.start, span.end), span)):
                continue
            if name_key(span.text) not in self.names or _inside_longer_person(span):
                continue
            candidates = lookup(span.text)
            if candidates and self._acceptable(span, candidates, cues):
                return span
        return None

    def _acceptable(self, span: Span, candidates: list[Candidate], cues: Cues) -> bool:
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
        kind = self.words.get(key)
        if kind == COMMON_WORD and not any(c.feature == "country" for c in candidates):
            return False
        if kind == PERSONAL_NAME and not cues.around(span.doc, span.start, span.end, skip_article=False):
            return False
        previous = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if previous in _DETERMINERS and not any(c.feature in _AFTER_ARTICLE for c in candidates):
            return False
        return True


def _inside_longer_person(span: Span) -> bool:
    """"singh" in "rajnath singh": part of a person's name, not a place."""
    for token in span:
        if token.ent_type_ == "PERSON":
            entity = next(e for e in span.doc.ents if e.start <= token.i < e.end)
            if len(entity) > len(span):
                return True
    return False
