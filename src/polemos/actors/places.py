"""Names that stand for places, whatever label the NER gave them.

The small English model tags many towns of conflict zones as people or
organisations ("Omdurman", "Wad Madani", "Kidal"). Such a name is a place when
the geo stage resolved it as one, when its syntax says so ("near Bulo Burde",
"Galgaduud region", "the town of Kidal"), or when the gazetteer (optional) knows
it as a sizeable place and nothing around it says person (a title, a verb of
saying). A place is an actor only as the metonym of a state ("Khartoum accused
..."); otherwise it is a place the event happened at, or what was attacked.
"""

from __future__ import annotations

from typing import Optional, Protocol

from spacy.tokens import Span, Token

from polemos.actors.names import is_acronym
from polemos.actors.words import ActorWords
from polemos.record import ExtractionRecord, Place

# How much of a name a resolved place must cover for the name to be that place.
MIN_PLACE_SHARE = 0.6
GAZETTEER_FEATURES = {"city", "town", "admin1", "admin2", "region"}
# Below this population a town in the gazetteer is as likely a surname; provinces always count.
MIN_GAZETTEER_POPULATION = 50_000


class PlaceLookup(Protocol):
    """What the geo stage's gazetteer offers: candidate places called ``name``, each with
    ``feature``, ``population``, ``country`` (ISO3) and ``primary_name``."""

    def lookup(self, name: str) -> list: ...


class PlaceNames:
    """The places of one document: those the geo stage resolved, and a gazetteer to ask."""

    def __init__(self, record: ExtractionRecord, words: ActorWords, gazetteer: Optional[PlaceLookup] = None):
        self.places = record.places
        self.words = words
        self.gazetteer = gazetteer

    def place_at(self, span: Span) -> Optional[Place]:
        """The geo stage's place covering most of ``span`` ("the de-Armenization of Karabakh" is
        no place for holding one)."""
        for place in self.places:
            overlap = min(place.end, span.end_char) - max(place.start, span.start_char)
            if overlap > 0 and overlap >= MIN_PLACE_SHARE * (span.end_char - span.start_char):
                return place
        return None

    def country_of(self, span: Span) -> Optional[str]:
        """The country of the place ``span`` names or holds ("United Bus Company of Tehran")."""
        for place in self.places:
            if place.start < span.end_char and span.start_char < place.end and place.country:
                return place.country
        known = self._known_place(span.text)
        return known.country if known is not None else None

    def is_place(self, ent: Span, titled: bool) -> bool:
        """Does the entity ``ent`` name a place? ``titled``: a person title stands before it."""
        if titled:
            return False
        if self.place_at(ent) is not None or in_place_syntax(ent, self.words):
            return True
        if is_acronym(ent.text):
            return False  # "ILO" is the labour office, not the Peruvian port
        return self._known_place(ent.text) is not None and not _speaks(ent.root, self.words)

    def _known_place(self, name: str):
        if self.gazetteer is None:
            return None
        for candidate in self.gazetteer.lookup(name)[:3]:
            sizeable = candidate.feature == "admin1" or candidate.population >= MIN_GAZETTEER_POPULATION
            if candidate.feature in GAZETTEER_FEATURES and candidate.primary_name and sizeable:
                return candidate
        return None


def in_place_syntax(ent: Span, words: ActorWords) -> bool:
    """ "near Bulo Burde", "Galgaduud region", "the town of Kidal", "Kidal province"."""
    root = ent.root
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is not None and following.lower_ in words.place_nouns and root.head.i == following.i:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in words.locative_prepositions:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return root.head.head.lower_ in words.place_nouns
    return False


def is_agent(token: Token) -> bool:
    """Subject of an active verb, or the "by" agent of a passive one."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    if token.dep_ in ("nsubj", "csubj"):
        return True
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def _speaks(token: Token, words: ActorWords) -> bool:
    """ "Jackson said ...": the subject of a verb of saying is a person, not the city."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    return token.dep_ == "nsubj" and token.head.lemma_ in words.speech_verbs
