"""Which actor a pronoun stands for.

* "he"/"she"/"him"/"her": the person who is the subject of the clause the pronoun's
  clause reports ("Bouteflika said he ..."), else the last person named;
* "it": the subject of the governing clause ("Iraq said it would ..."), else (opening a
  sentence) the subject of the sentence before;
* "they"/"them": the group that is the subject of the governing clause ("The rebels said
  they ..."), else the last group that was the subject of a sentence, in this sentence
  or the one before.

An actor counts as a group when the noun naming it is plural ("rebels", "Fijian
soldiers") or it is of a kind that is many people (armed groups, generic groups).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from polemos.actors.mentions import SUBJECT_DEPS, Candidate
from polemos.actors.session import DocumentActors, Identity
from polemos.record import Actor

# Links from a clause up to the clause it depends on; a relative clause's "they" ("the strike
# they planned") need not be the main clause's subject.
CLAUSE_LINKS = {"ccomp", "xcomp", "advcl", "conj", "parataxis", "pcomp", "pobj", "prep"}
GROUP_KINDS = {"group", "armed_group"}
PLURAL_TAGS = {"NNS", "NNPS"}


def resolve_pronoun(actors: DocumentActors, candidate: Candidate) -> Optional[Identity]:
    token = candidate.head
    lower = token.lower_
    if lower in actors.words.person_references:
        actor = _governing_subject(actors, token, lambda a, _t: a.kind == "person")
        actor = actor or actors.actors.get(actors.last_person or "")
    elif lower in actors.words.group_references:
        actor = _governing_subject(actors, token, _is_group) or _last_group_subject(actors, token)
    else:
        actor = _governing_subject(actors, token, _is_single_body) if lower == "it" else None
        if actor is None and _opens_sentence(token):
            sentence = actors.record.sentence_at(token.idx)
            previous = actors.subject_by_sentence.get(sentence - 1) if sentence else None
            actor = actors.actors.get(previous or "")
    if actor is None:
        return None
    return Identity(actor.id, actor.name, actor.kind, actor.sector, actor.country, actor.wikidata)


def _governing_subject(actors: DocumentActors, token: Token, fits) -> Optional[Actor]:
    """The actor that is the subject of a clause above the pronoun's own, nearest first."""
    clause = token.head
    while clause.dep_ in CLAUSE_LINKS and clause.head is not clause:
        clause = clause.head
        for child in clause.children:
            if child.dep_ in SUBJECT_DEPS and child.i < token.i and child.i != token.i:
                actor = _actor_of(actors, child)
                if actor is not None and fits(actor, child):
                    return actor
    return None


def _actor_of(actors: DocumentActors, token: Token) -> Optional[Actor]:
    start = token.left_edge.idx
    end = token.right_edge.idx + len(token.right_edge)
    found = actors.actors_at(start, end, token.idx)
    return actors.actors.get(found[0]) if found else None


def _is_group(actor: Actor, token: Token) -> bool:
    if actor.kind == "person":
        return False
    return token.tag_ in PLURAL_TAGS or actor.kind in GROUP_KINDS


def _is_single_body(actor: Actor, token: Token) -> bool:
    """What "it" can stand for: a state, organisation or group named by a singular noun."""
    return actor.kind != "person" and token.tag_ not in PLURAL_TAGS


def _last_group_subject(actors: DocumentActors, token: Token) -> Optional[Actor]:
    sentence = actors.record.sentence_at(token.idx)
    if sentence is None:
        return None
    for index in (sentence, sentence - 1):
        actor_id = actors.group_subject_by_sentence.get(index)
        actor = actors.actors.get(actor_id or "")
        if actor is not None and (index < sentence or _named_before(actor, token.idx)):
            return actor
    return None


def _named_before(actor: Actor, char: int) -> bool:
    return any(mention.end <= char for mention in actor.mentions)


def _opens_sentence(token: Token) -> bool:
    return all(not t.is_alpha for t in token.doc[token.sent.start : token.i])
