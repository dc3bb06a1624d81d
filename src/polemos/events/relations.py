"""Lasting relations the text states: alliances, agreements, mediation, dependency.

A relation noun from a language's ``tables/events_relations.csv`` ("alliance", "agreement", "cochair",
"dependency") collects its parties from the parse: possessors, "with"/"between"/"on"
complements, and the subject of the verb that governs it ("Azerbaijan signed an
alliance with Turkey"). Named agreements get their name from an appositive or a legal
name ("the Shusha Declaration") and their provisions from a following sentence that says
what the text "encompasses" or "includes".
"""

from __future__ import annotations

from typing import AbstractSet

from spacy.tokens import Doc, Span, Token

from polemos.events.anchors import Anchors
from polemos.events.lexicon import source_rows
from polemos.events.linking import Linker
from polemos.events.merge import add_evidence, evidence_for
from polemos.events.roles import governing_verb, subject_of
from polemos.events.triggers import NOUN_TAGS, lemma_of
from polemos.events.words import EventWords
from polemos.lang import LanguageData
from polemos.record import Event, ExtractionRecord, Relation
from polemos.nlp import entity_of

OWNER_DEPS = {"poss", "compound", "amod", "nmod"}
NAME_LABELS = {"LAW", "EVENT", "WORK_OF_ART", "ORG"}
DOCUMENT_TYPES = {"agreement", "alliance"}


class RelationFinder:
    def __init__(self, words: EventWords, cues: dict[str, str] | None = None) -> None:
        self.words = words
        self.cues = cues if cues is not None else load_relation_cues(LanguageData.load())

    def find(self, record: ExtractionRecord, doc: Doc, linker: Linker, anchors: Anchors) -> list[Relation]:
        relations: list[Relation] = []
        for sentence in doc.sents:
            for token in sentence:
                kind = self.cues.get(lemma_of(token))
                if kind is None or token.pos_ not in NOUN_TAGS:
                    continue
                if token.dep_ == "appos" and self.cues.get(lemma_of(token.head)):
                    continue  # "an alliance, the Shusha Declaration, ...": one relation, named
                relation = self._relation(token, kind, sentence, record, linker, anchors)
                if relation is not None:
                    _add(relations, relation)
            _attach_provisions(relations, sentence, record.text, self.words)
        return relations

    def _relation(
        self, token: Token, kind: str, sentence: Span, record: ExtractionRecord, linker: Linker, anchors: Anchors
    ) -> Relation | None:
        parties = _mediation_parties(token, self.words) if kind == "mediation" else _parties(token, self.words)
        actors = linker.actors_for([m for p in parties for m in (p, *p.conjuncts)])
        if len(actors) < 2:
            return None
        verb = _governor(token)
        date = anchors.clause_date({token.i, verb.i} | {c.i for c in token.children if c.dep_ == "appos"})
        return Relation(
            type=_refine(kind, token, self.words),
            actors=actors,
            begin=date["value"] if date else None,
            name=_name(token),
            evidence=[evidence_for(record.text, sentence.start_char, sentence.end_char)],
        )


def load_relation_cues(language: LanguageData) -> dict[str, str]:
    """Relation nouns -> the relation they state (``alliance``, ``agreement``, ...)."""
    return {row["cue"].lower(): row["type"] for row in source_rows(language, "events_relations")}


def _governor(token: Token) -> Token:
    if token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"}:
        return token.head  # "signed an alliance ..., and a similar agreement with Russia"
    return governing_verb(token)


def _parties(token: Token, words: EventWords) -> list[Token]:
    holders = [token] + [c for c in token.children if c.dep_ == "appos"]
    found = [c for c in token.children if c.dep_ in OWNER_DEPS]
    for holder in holders:
        found += _objects(holder, words.party_preps)
    verb = _governor(token)
    if token.dep_ in {"dobj", "nsubjpass", "conj", "pobj"} and verb is not token:
        found = (
            subject_of(verb, words) + found + _objects(verb, words.partner_with_prepositions | words.mediation_preps)
        )
    return found


def _mediation_parties(token: Token, words: EventWords) -> list[Token]:
    verb = governing_verb(token)
    mediator = subject_of(verb, words)
    parties = [t for t in verb.subtree if t.dep_ == "pobj" and t.head.lower_ in words.mediation_preps]
    return mediator + parties


def _objects(head: Token, preps: AbstractSet[str]) -> list[Token]:
    return [g for c in head.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def _refine(kind: str, token: Token, words: EventWords) -> str:
    if kind == "agreement" and any(lemma_of(c) in words.alliance_modifiers for c in token.children):
        return "alliance"
    return kind


def _name(token: Token) -> str | None:
    for candidate in [token] + [c for c in token.children if c.dep_ == "appos"]:
        if candidate.ent_type_ in NAME_LABELS:
            ent = entity_of(candidate)
            if ent is not None:
                return _strip_determiner(ent)
        if candidate is not token and candidate.pos_ == "PROPN":
            return _strip_determiner(candidate.doc[candidate.left_edge.i : candidate.i + 1])
    return None


def _strip_determiner(span: Span) -> str:
    kept = [t for t in span if not (t.i == span.start and t.dep_ == "det")]
    return span.doc[kept[0].i : kept[-1].i + 1].text if kept else span.text


def _add(relations: list[Relation], relation: Relation) -> None:
    for existing in relations:
        same_parties = set(existing.actors) == set(relation.actors)
        same_name = existing.name == relation.name or not existing.name or not relation.name
        same_time = (
            not existing.begin
            or not relation.begin
            or existing.begin.startswith(relation.begin)
            or relation.begin.startswith(existing.begin)
        )
        if existing.type == relation.type and same_parties and same_name and same_time:
            existing.name = existing.name or relation.name
            existing.begin = existing.begin or relation.begin
            known = {(e.start, e.end) for e in existing.evidence}
            existing.evidence.extend(e for e in relation.evidence if (e.start, e.end) not in known)
            return
    relations.append(relation)


def _attach_provisions(relations: list[Relation], sentence: Span, text: str, words: EventWords) -> None:
    """ "The text ... encompasses nine articles, including A, B and C" lists the latest agreement's provisions."""
    documents = [r for r in relations if r.type in DOCUMENT_TYPES]
    if not documents:
        return
    latest = max(documents, key=lambda r: r.evidence[-1].start)
    if sentence.start_char - latest.evidence[-1].end > 400:
        return
    for verb in _provision_verbs(sentence, words):
        items = _listed_items(verb, words)
        if items:
            latest.provisions.extend(i for i in items if i not in latest.provisions)
            latest.evidence.append(evidence_for(text, sentence.start_char, sentence.end_char))


def provision_tokens(sentence: Span, words: EventWords) -> set[int]:
    """Token indices of the items an agreement's text lists ("including the withdrawal of ...")."""
    found: set[int] = set()
    for verb in _provision_verbs(sentence, words):
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            found |= {t.i for t in obj.subtree}
    return found


def _provision_verbs(sentence: Span, words: EventWords) -> list[Token]:
    verbs = []
    for verb in sentence:
        if lemma_of(verb) not in words.provision_verbs or verb.pos_ != "VERB":
            continue
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}] or subject_of(verb, words)
        if subjects and lemma_of(subjects[0]) in words.document_nouns:
            verbs.append(verb)
    return verbs


def _item_heads(verb: Token, words: EventWords) -> list[Token]:
    """ "encompasses nine articles, including A, B, and C": A, B and C (however the list parsed)."""
    heads: list[Token] = []
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        listed = [
            g
            for c in obj.children
            if c.lower_ in words.including_words
            for g in c.children
            if g.dep_ in {"pobj", "dobj"}
        ]
        listed += [c for c in obj.children if c.dep_ == "appos"]
        for head in listed or [obj]:
            heads.extend(m for m in [head, *head.conjuncts] if m not in heads)
    return heads


def _listed_items(verb: Token, words: EventWords) -> list[str]:
    return [_item_text(head) for head in _item_heads(verb, words)]


def _item_text(token: Token) -> str:
    skip = {t.i for c in token.children if c.dep_ in {"conj", "cc", "punct"} for t in c.subtree}
    kept = [t for t in token.subtree if t.i not in skip]
    shown = [t for t in kept if not (t.dep_ == "det" and t.head is token)]
    return token.doc[shown[0].i : shown[-1].i + 1].text if shown else token.text


def enrich_agreements(relations: list[Relation], events: list[Event]) -> list[Relation]:
    """Parties and date of an agreement from the AGREE/SUPPORT event reported in the same sentence
    ("a trilateral agreement signed ... with the participation of Russia, Armenia, and Azerbaijan").
    Agreements enriched from one event are one agreement: "the ceasefire agreement" recalled
    later in the story joins the one whose signing it reported."""
    kept: list[Relation] = []
    by_event: dict[int, Relation] = {}
    for relation in relations:
        source = _enrich(relation, events) if relation.type in DOCUMENT_TYPES else None
        same = by_event.get(id(source)) if source is not None else None
        if same is not None and same.type == relation.type:
            _fold(same, relation)
            continue
        if source is not None:
            by_event[id(source)] = relation
        kept.append(relation)
    return kept


def _enrich(relation: Relation, events: list[Event]) -> Event | None:
    """Enrich ``relation`` from its events; the first event it takes its parties from."""
    spans = {(e.start, e.end) for e in relation.evidence}
    source = None
    for event in events:
        if event.type not in {"AGREE", "SUPPORT"} or not spans & {(e.start, e.end) for e in event.evidence}:
            continue
        if not set(relation.actors) <= set(event.actor + event.recipient):
            continue  # another agreement reported in the same sentence
        relation.actors.extend(a for a in event.actor + event.recipient if a not in relation.actors)
        date = event.date or {}
        if date.get("basis") == "clause" and len(date.get("value") or "") > len(relation.begin or ""):
            relation.begin = date["value"]
        source = source or event
    return source


def _fold(target: Relation, other: Relation) -> None:
    target.actors.extend(a for a in other.actors if a not in target.actors)
    target.provisions.extend(p for p in other.provisions if p not in target.provisions)
    target.name = target.name or other.name
    target.begin = target.begin or other.begin
    target.end = target.end or other.end
    add_evidence(target.evidence, other.evidence)
