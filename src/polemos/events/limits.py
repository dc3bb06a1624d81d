"""When a trigger word is not the event its lexicon row names: limits read on the parse.

Some trigger words code an event only with the right object or complement: "recalled the
ambassador" is a SANCTION, "recalled that ..." only reports speech; "called for talks" is a
REQUEST, "called for help" an emergency call; "fighting the rebels" is an ASSAULT, "fighting an
election" an idiom. Each row of a language's ``tables/events_trigger_limits.csv`` names a lexicon
pattern, a relation read from the trigger's dependency children, the words that matter there,
and whether they are required (at least one ``require`` row of the pattern must hold) or
rule the event out (any ``reject`` row that holds). A row's ``unless`` words undo it wherever
the sentence names one of them: "killed when their vehicle hit a landmine" is no road accident.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Token

from polemos.events.words import EventWords

OBJECT_DEPS = {"dobj", "nsubjpass", "dative"}
NOUN_MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod"}
PREDICATE_DEPS = {"oprd", "attr", "acomp"}
PREDICATE_POS = {"NOUN", "PROPN", "ADJ"}
RELATIONS = (
    "object",
    "preposition",
    "for_object",
    "pobj",
    "object_or_pobj",
    "modifier",
    "predicate",
    "xcomp",
    "xcomp_verb",
    "question",
    "subject",
    "passive_subject",
    "governor",
    "opinion",
    "when_subject",
    "no_object",
    "that_clause",
    "place_subject",
    "speech_governor",
    "purpose_condition",
    "agent_subject",
    "agent_unaddressed",
    "xcomp_object",
    "object_phrase",
    "existential",
    "reason_for",
    "asserting_clause",
    "adverb",
    "compound_of",
    "participle_of",
    "clause_noun",
    "object_owner",
    "object_named",
    "joined_to",
)
PLACE_ENTITIES = {"GPE", "LOC"}
# A named person, organisation or state: what a limit's word list names as "<named>".
PARTY_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}
NAMED_PARTY = "<named>"
EFFECTS = ("require", "reject")


@dataclass(frozen=True)
class TriggerLimit:
    pattern: str
    pos: str
    relation: str
    words: frozenset[str]  # empty: the relation only has to be present ("*")
    effect: str
    source: str
    unless: frozenset[str] = frozenset()  # the row does not hold in a sentence naming one of these


def load_limits(rows: list[dict[str, str]]) -> dict[tuple[str, str], list[TriggerLimit]]:
    """Limits by (pattern, pos), as the lexicon rows are named (``rows``: the language's
    ``events_trigger_limits`` table, values stripped, each with its source)."""
    limits: dict[tuple[str, str], list[TriggerLimit]] = defaultdict(list)
    for row in rows:
        if row["relation"] not in RELATIONS or row["effect"] not in EFFECTS:
            raise ValueError(f"events_trigger_limits: unknown relation or effect in {row}")
        words = frozenset() if row["words"] == "*" else frozenset(row["words"].lower().split())
        pattern = " ".join(row["pattern"].lower().split())
        unless = frozenset(row.get("unless", "").lower().split())
        limits[(pattern, row["pos"])].append(
            TriggerLimit(pattern, row["pos"], row["relation"], words, row["effect"], row["source"], unless)
        )
    return dict(limits)


def allowed(head: Token, limits: list[TriggerLimit], event_words: EventWords) -> bool:
    """Whether the trigger at ``head`` stays an event under its pattern's limits."""
    required = [limit for limit in limits if limit.effect == "require"]
    if required and not any(_holds(head, limit, event_words) for limit in required):
        return False
    return not any(_holds(head, limit, event_words) for limit in limits if limit.effect == "reject")


def _holds(head: Token, limit: TriggerLimit, event_words: EventWords) -> bool:
    if limit.unless and any(t.lemma_.lower() in limit.unless or t.lower_ in limit.unless for t in head.sent):
        return False
    return _relation_holds(head, limit, event_words)


def _relation_holds(head: Token, limit: TriggerLimit, event_words: EventWords) -> bool:
    if limit.relation == "question":
        return _question(head, event_words)
    if limit.relation == "predicate":
        return _names_something(head)
    if limit.relation == "opinion":
        return _shares_opinion(head, event_words)
    if limit.relation == "no_object":
        return not _related_words(head, "object", event_words)
    if limit.relation == "that_clause":
        return any(c.dep_ == "ccomp" for c in head.children)
    if limit.relation == "place_subject":
        return _place_without_agent(head, limit.words)
    if limit.relation == "purpose_condition":
        return _purpose_condition(head, event_words)
    if limit.relation == "existential":
        return _existential(head, event_words)
    if limit.relation == "reason_for":
        return _reason_for(head, limit.words, event_words)
    if limit.relation == "asserting_clause":
        return _asserting_clause(head, event_words)
    found = _related_words(head, limit.relation, event_words)
    return bool(found) if not limit.words else bool(found & limit.words)


def _related_words(head: Token, relation: str, event_words: EventWords) -> set[str]:
    if relation == "object":
        return _words_of(c for c in head.children if c.dep_ in OBJECT_DEPS) | _words_of(
            _understood_objects(head, event_words)
        )
    if relation == "subject":
        return _words_of(c for c in head.children if c.dep_ == "nsubj")
    if relation == "passive_subject":  # "the hospital has been put on alert": what the act is done to
        return _words_of(c for c in head.children if c.dep_ == "nsubjpass")
    if relation == "preposition":  # "walked out of": the preposition may hang from the particle
        particles = [c for c in head.children if c.dep_ in {"prt", "advmod", "prep"}]
        return {c.lower_ for c in head.children if c.dep_ in {"prep", "prt", "dative"}} | {
            g.lower_ for p in particles for g in p.children if g.dep_ == "prep"
        }
    if relation == "for_object":
        return _words_of(_prep_objects(head, event_words.purpose_preps))
    if relation == "pobj":
        return _words_of(_prep_objects(head, None))
    if relation == "object_or_pobj":
        return _related_words(head, "object", event_words) | _words_of(_prep_objects(head, None))
    if relation == "modifier":
        return _words_of(c for c in head.children if c.dep_ in NOUN_MODIFIER_DEPS)
    if relation == "compound_of":  # "support personnel", "support vehicles": the noun only classifies another
        return (
            {head.head.lemma_.lower()} if head.dep_ in {"compound", "amod", "nmod"} and head.head is not head else set()
        )
    if relation == "participle_of":  # "the plane crashed, killing 78": the verb a participle clause follows from
        return (
            {head.head.lemma_.lower()}
            if head.dep_ in {"advcl", "xcomp", "conj"} and head.tag_ == "VBG" and head.head is not head
            else set()
        )
    if relation == "adverb":  # "press ahead", "back down": the particle or adverb that turns the verb's sense
        return {c.lower_ for c in head.children if c.dep_ in {"advmod", "prt"}}
    if relation == "when_subject":  # "killed when a bus overturned": the head word of the clause's subject
        return {
            s.lemma_.lower()
            for c in head.children
            if c.dep_ == "advcl" and any(m.lower_ in event_words.when_words for m in c.children)
            for s in c.children
            if s.dep_ in {"nsubj", "nsubjpass"}
        }
    if relation == "governor":
        return {head.head.lemma_.lower()} if head.head is not head else set()
    if relation == "speech_governor":  # "feel that X should ...": the verb the modal's clause completes
        clause = head.head
        return {clause.head.lemma_.lower()} if clause.dep_ == "ccomp" and clause.head is not clause else set()
    if relation == "agent_subject":
        return _words_of(_agents(head, event_words))
    if relation == "agent_unaddressed":  # "the court ordered a status quo", not "ordered X to appear"
        return (
            set()
            if any(c.dep_ in {"xcomp", "dative", "ccomp"} for c in head.children)
            else _words_of(_agents(head, event_words))
        )
    if relation == "xcomp_object":  # "refused to make a statement": what the completing verb acts on
        return _words_of(g for c in head.children if c.dep_ == "xcomp" for g in c.children if g.dep_ in OBJECT_DEPS)
    if relation == "object_phrase":  # "hijacking a section of the media": the object and what it is part of
        objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
        return _words_of(objects) | _words_of(
            g
            for o in objects
            for p in o.children
            if p.dep_ == "prep" and p.lower_ in event_words.of_preps
            for g in p.children
            if g.dep_ == "pobj"
        )
    if relation in {"xcomp", "xcomp_verb"}:
        return {c.lemma_.lower() for c in head.children if c.dep_ == "xcomp"}
    if relation == "joined_to":  # "treated and released": the verb this one follows in a pair
        return {head.head.lemma_.lower()} if head.dep_ == "conj" and head.head.i != head.i else set()
    if relation == "object_named":  # "called Musharraf", "called the prime minister": a named party or an office
        objects = [c for c in head.children if c.dep_ in OBJECT_DEPS] + _understood_objects(head, event_words)
        return _words_of(objects) | {NAMED_PARTY for o in objects if o.ent_type_ in PARTY_ENTITIES}
    if relation == "object_owner":  # "defended his decision": whose the thing acted on is
        return {g.lower_ for c in head.children if c.dep_ in OBJECT_DEPS for g in c.children if g.dep_ == "poss"}
    if relation == "clause_noun":  # "took the stand that X should ...": the noun the modal's clause describes
        clause = head.head
        return (
            {clause.head.lemma_.lower()}
            if clause.dep_ in {"relcl", "acl", "ccomp"} and clause.head.pos_ == "NOUN"
            else set()
        )
    return set()


def _understood_objects(verb: Token, event_words: EventWords) -> list[Token]:
    """What a passive verb acts on when the parse gives it no object of its own: the noun its
    participle describes ("a bandh called by the VHP", "the names released by police") or the
    subject of the verb it completes ("the police had to be called", "the name is yet to be
    released"), or the object of a verb joined to it that it shares ("cancelled or diverted
    several trains")."""
    if any(c.dep_ in OBJECT_DEPS for c in verb.children):
        return []
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return [verb.head]
    if verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.children):
        return [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ == "relcl":
        fronted = _fronted_relative_object(verb, event_words)
        if fronted:
            return fronted
    return _object_of_alternative(verb, event_words)


def _fronted_relative_object(verb: Token, event_words: EventWords) -> list[Token]:
    """ "the child, whose name police have not released": the noun after "whose" is what the
    relative clause's verb acts on, though the parse may fold it into the subject as a modifier."""
    return [
        noun
        for subject in verb.children
        if subject.dep_ == "nsubj"
        and any(p.dep_ == "poss" and p.lower_ in event_words.possessive_relatives for p in subject.subtree)
        for noun in subject.children
        if noun.dep_ == "compound"
    ]


def _object_of_alternative(verb: Token, event_words: EventWords) -> list[Token]:
    """ "cancelled or diverted several trains": two verbs offered as alternatives ("or", next to
    each other) act on one object; "fired and struck him" tells two acts in turn, each its own."""
    nxt = verb.nbor(1) if verb.i + 2 < len(verb.doc) else None
    if nxt is None or nxt.dep_ != "cc" or nxt.lower_ not in event_words.or_words:
        return []
    joined = nxt.nbor(1)
    if joined.dep_ != "conj" or joined.head.i != verb.i or joined.pos_ != "VERB":
        return []
    return [c for c in joined.children if c.dep_ == "dobj"]


def _prep_objects(head: Token, prepositions: frozenset[str] | None) -> list[Token]:
    return [
        g
        for c in head.children
        if c.dep_ == "prep" and (prepositions is None or c.lower_ in prepositions)
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _words_of(tokens) -> set[str]:
    """A phrase's head words and the words that classify them: "supply line", "aid worker"."""
    words: set[str] = set()
    for token in tokens:
        words |= {token.lower_, token.lemma_.lower()}
        words |= {c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod", "nummod"}}
    return words


def _question(verb: Token, event_words: EventWords) -> bool:
    """ "asked whether ...", "asked where he would go", '"Why?" he asked', "Mr X asked.":
    a reported question, not a request (which asks someone to do something or for something)."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "Asked about the attack, he said ...": the reporter asked
    for child in verb.children:
        if child.dep_ == "ccomp" and (child.left_edge.lower_ in event_words.question_words or child.i < verb.i):
            return True
        if (
            child.dep_ == "advcl"
            and child.i > verb.i
            and any(m.dep_ == "mark" and m.lower_ in event_words.question_marks for m in child.children)
            and not any(c.dep_ == "xcomp" for c in verb.children)
        ):
            return True  # "asked the centre if it stood by its undertaking"
    acts = {"dobj", "dative", "xcomp", "ccomp", "prep", "nsubjpass"}
    return not any(c.dep_ in acts for c in verb.children)


def _names_something(verb: Token) -> bool:
    """ "called the case a tragedy", "called him a hero": the verb names, it does not call."""
    for child in verb.children:
        if child.dep_ in PREDICATE_DEPS:
            return True
        if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in PREDICATE_POS:
            return True
    return False


def _shares_opinion(verb: Token, event_words: EventWords) -> bool:
    """ "agreed that the help of everyone should be taken", "agreeing the toll was higher": an
    opinion shared, not a promise of cooperation ("agreed to withdraw", "agreed on a truce")."""
    has_clause = any(c.dep_ == "ccomp" for c in verb.children)
    commits = any(
        c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in event_words.commitment_preps) for c in verb.children
    )
    return has_clause and not commits


def _agents(verb: Token, event_words: EventWords) -> list[Token]:
    """Who does it: the subject, the noun a relative clause or a participle hangs from ("the
    court which had ordered ...", "a van blocking her way"), the subject a joined verb shares,
    or the agent of a passive ("was ordered by the court")."""
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and (not found or found[0].lower_ in event_words.relative_subjects):
        found = [verb.head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and not found:
        found = [verb.head]
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} and not found and verb.head is not verb:
        return _agents(verb.head, event_words)  # "police found the father and met him": the subject of both verbs
    found += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return found


def _place_without_agent(verb: Token, words: frozenset[str]) -> bool:
    """ "Gujarat is burning": a place as the subject of an intransitive verb, nobody doing it;
    figurative in a statement, unlike "rioters burned shops" or "shops were burnt"."""
    if any(c.dep_ in OBJECT_DEPS | {"agent"} for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(s.ent_type_ in PLACE_ENTITIES or s.lemma_.lower() in words or s.lower_ in words for s in subjects)


def _purpose_condition(modal: Token, event_words: EventWords) -> bool:
    """ "X should be kept out if there is to be a result", "if the talks are to succeed": what a
    goal needs, an opinion, not a demand put to a party."""
    clause = modal.head
    for child in clause.children:
        if child.dep_ != "advcl" or not any(
            m.dep_ == "mark" and m.lower_ in event_words.condition_marks for m in child.children
        ):
            continue
        if child.lemma_ in event_words.copulas and any(
            x.dep_ == "xcomp" and any(a.lower_ in event_words.to_words for a in x.children) for x in child.children
        ):
            return True
    return False


def _existential(noun: Token, event_words: EventWords) -> bool:
    """ "there is no immediate threat to the government": a danger said to exist (or not), with
    nobody threatening; "the rebels' threat" and "a threat by the rebels" have an author."""
    if noun.dep_ != "attr" or noun.head.lemma_ not in event_words.copulas:
        return False
    if not any(c.dep_ == "expl" for c in noun.head.children):
        return False
    authored = any(c.dep_ == "poss" for c in noun.children) or any(
        c.dep_ == "prep" and c.lower_ in event_words.author_preps for c in noun.children
    )
    return not authored


def _reason_for(verb: Token, words: frozenset[str], event_words: EventWords) -> bool:
    """ "attacked the prime minister for giving up the issue": blamed for a deed or a stand, a
    verbal attack ("attacked the post for two hours" and "attacked for the second time" are
    not reasons)."""
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in event_words.purpose_preps:
            continue
        for grand in child.children:
            if grand.dep_ == "pcomp" and grand.tag_ == "VBG":
                return True
            if grand.dep_ == "pobj" and (grand.tag_ == "VBG" or grand.lemma_.lower() in words):
                return True
    return False


def _asserting_clause(verb: Token, event_words: EventWords) -> bool:
    """ "insisted he didn't shoot anybody", "insisted that the talks were on": a claim, not a
    demand; "insisted that he resign", "that the ban be lifted" (the bare verb) and "insisted
    that X should go" demand."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    for clause in clauses:
        auxiliaries = sorted((c for c in clause.children if c.dep_ in {"aux", "auxpass"}), key=lambda t: t.i)
        if any(a.lower_ in event_words.demand_auxiliaries for a in auxiliaries):
            return False
        finite = auxiliaries[0] if auxiliaries else clause
        if finite.tag_ == "VB":  # the bare verb of a demand: "that he resign", "that the ban be lifted"
            return False
    return True
