"""Link argument tokens from the parse to the actors and places other stages found.

An argument is a head token from the dependency parse ("army" in "Azerbaijan's army").
Its phrase is the token's subtree without relative clauses and coordinated siblings;
the actor whose mention sits closest to the head inside that phrase wins, so
"the largely Armenian-populated region of Karabakh" links to Karabakh, not Armenians.
"""

from __future__ import annotations

from typing import Any, Mapping, Protocol, TypeVar

from spacy.tokens import Doc, Span, Token

from polemos.events.words import EventWords
from polemos.record import ExtractionRecord
from polemos.nlp import entity_of

# Children whose subtrees are not part of a noun phrase's reference.
CUT_DEPS = {"relcl", "acl", "advcl", "conj", "cc", "punct", "parataxis", "ccomp", "xcomp"}
ADJECTIVE_PENALTY = 2
KNOWN_KINDS = {"state", "breakaway_state", "autonomous_region", "organisation", "armed_group", "party"}
NAMED_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
SETTLEMENT_PRECISIONS = ("city", "point")
Linked = TypeVar("Linked")  # what a token links to: an actor id or a place index


class SpanResolver(Protocol):
    """What the actors stage offers for arguments its mentions do not cover."""

    def actor_for_span(self, record: ExtractionRecord, doc: Doc, span: Span, states: Any = None) -> str | None: ...

    def states_named(
        self, record: ExtractionRecord, doc: Doc
    ) -> Any: ...  # read once per document  # "Armenian-populated" modifies, it does not name the referent


class Linker:
    """Maps tokens to actor ids and place indexes by character offsets."""

    def __init__(
        self, record: ExtractionRecord, doc: Doc, words: EventWords, resolver: SpanResolver | None = None
    ) -> None:
        self.record = record
        self.doc = doc
        self.words = words
        self.resolver = resolver
        self._states: Any = None  # the resolver's reading of the states the document names, once
        self.actor_roots: dict[int, str] = {}
        self.actor_tokens: dict[int, str] = {}
        self.actor_kind: dict[str, str] = {a.id: a.kind for a in record.actors}
        for actor in record.actors:
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                self.actor_roots.setdefault(span.root.i, actor.id)
                for token in span:
                    self.actor_tokens.setdefault(token.i, actor.id)
        self.place_roots: dict[int, int] = {}
        self.place_tokens: dict[int, int] = {}
        for index, place in enumerate(record.places):
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.place_roots.setdefault(span.root.i, index)
            for token in span:
                self.place_tokens.setdefault(token.i, index)

    def not_located_places(self, actor_ids: list[str]) -> list[str]:
        """``actor_ids`` less the settlements the geo stage located: in "attacked the village of
        Kolo" Kolo is where the event happened (its place), not a party to it."""
        return [a for a in actor_ids if not _located_place(self.record, a)]

    def blocked_tokens(self) -> set[int]:
        """Tokens inside multi-word actor names, which must not act as triggers."""
        return {i for i in self.actor_tokens if self._in_long_name(i)}

    def _in_long_name(self, index: int) -> bool:
        actor_id = self.actor_tokens[index]
        neighbours = [index - 1, index + 1]
        return any(self.actor_tokens.get(n) == actor_id for n in neighbours)

    def actor_for(self, token: Token) -> str | None:
        found = _closest(token, self.actor_roots, self.actor_tokens)
        resolver = self.resolver
        named = _named_part(token, self.words.of_preps) if resolver is not None else None
        if found is None and resolver is not None and named is not None:
            if self._states is None:
                self._states = resolver.states_named(self.record, self.doc)
            found = resolver.actor_for_span(self.record, self.doc, named, self._states)
            if found is not None and not self._known(found):
                found = None
        return found

    def _known(self, actor_id: str) -> bool:
        """A resolver result counts only if it is a known entity, not a name made up from the phrase."""
        actor = next((a for a in self.record.actors if a.id == actor_id), None)
        return actor is not None and (
            actor.country is not None or actor.wikidata is not None or actor.kind in KNOWN_KINDS
        )

    def place_for(self, token: Token) -> int | None:
        return _closest(token, self.place_roots, self.place_tokens)

    def actors_for(self, tokens: list[Token]) -> list[str]:
        found: list[str] = []
        for token in tokens:
            actor_id = self.actor_for(token)
            if actor_id and actor_id not in found:
                found.append(actor_id)
        return found


def _located_place(record: ExtractionRecord, actor_id: str) -> bool:
    """Whether the actor only names a settlement (kind "place") that the geo stage located.
    A country or division aimed at ("invaded Ukraine") stands for its polity and stays a party.
    (The actors stage may add such actors while events are coded, so this is asked each time.)"""
    actor = next((a for a in record.actors if a.id == actor_id), None)
    if actor is None or actor.kind != "place":
        return False
    return any(
        p.lat is not None and p.precision in SETTLEMENT_PRECISIONS and p.start < m.end and m.start < p.end
        for m in actor.mentions
        for p in record.places
    )


def _named_part(token: Token, of_preps: frozenset[str]) -> Span | None:
    """The name an argument carries, nearest first: the head itself, its compound or possessor
    ("Kenyan police"), its of-complement ("the region of Karabakh"). "A pretext" has none, and
    an adjective deeper down ("Armenian-populated") is not the argument's name."""
    close = [token] + [c for c in token.children if c.dep_ in {"compound", "poss", "amod", "nmod"}]
    close += [g for c in token.children if c.dep_ == "prep" and c.lower_ in of_preps for g in c.children]
    for candidate in close:
        if candidate.ent_type_ in NAMED_LABELS:
            return entity_of(candidate)
    return None


def phrase_tokens(token: Token) -> list[tuple[Token, int]]:
    """The token's noun phrase with each member's distance (in arcs) from the token."""
    found = [(token, 0)]
    frontier = [(token, 0)]
    while frontier:
        current, depth = frontier.pop()
        for child in current.children:
            if child.dep_ in CUT_DEPS:
                continue
            found.append((child, depth + 1))
            frontier.append((child, depth + 1))
    return found


def _closest(token: Token, roots: Mapping[int, Linked], members: Mapping[int, Linked]) -> Linked | None:
    if token.i in members:
        return members[token.i]
    best: Linked | None = None
    best_score: int | None = None
    for member, depth in phrase_tokens(token):
        if member.i not in roots:
            continue
        if member.dep_ == "amod" and member.head.i != token.i:
            continue  # "Armenian-populated region": the adjective describes, it does not refer
        score = depth + (ADJECTIVE_PENALTY if member.dep_ == "amod" else 0)
        if best_score is None or score < best_score:
            best, best_score = roots[member.i], score
    return best
