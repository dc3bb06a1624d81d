"""Whether an event happened, will happen, might happen or did not happen, and who says so.

The clause verb and the chain of verbs governing it (through infinitives, complement
clauses and participles) are read for auxiliaries ("will", "could"), negation ("did not",
"never"), governing verbs of intent or refusal ("plans to", "refused to"), conditional
markers ("if") and speech verbs ("X said that ..."), whose subject is the source the
event is attributed to.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from polemos.events.lexicon import Lexicon
from polemos.events.triggers import lemma_of

CHAIN_DEPS = {"xcomp", "ccomp", "advcl", "acomp", "conj", "pcomp", "prep", "relcl", "acl"}
PRESENT_TAGS = {"VBZ", "VBP"}
GENERIC_MODALS = {"can", "cannot"}
FAILURE_VERBS = {"fail", "unable"}
OBLIGATION_VERBS = {"have", "need"}
OBLIGATION_MODALS = {"should", "must", "ought"}


@dataclass
class ModalityReading:
    modality: str = "asserted"  # asserted | future | hypothetical | negated
    intent: bool = False  # announced or intended by someone ("plans to", "said it would")
    speaker: Token | None = None  # subject of the speech verb the clause depends on
    generic: bool = False  # a general statement ("a war ... can have no end")
    negation: str | None = None  # "local" ("did not", "never"), "failed" or "refused" (a refusal verb governs)


def read_modality(trigger: Token, clause: Token, lexicon: Lexicon) -> ModalityReading:
    reading = ModalityReading()
    kinds: set[str] = set()
    if _negated_locally(trigger):
        kinds.add("negated")
        reading.negation = "local"
    chain = _governing_chain(clause)
    past_speech = False
    for position, verb in enumerate(chain):
        kinds |= _auxiliary_kinds(verb, lexicon)
        kinds |= _marker_kinds(verb, lexicon)
        if position > 0:
            cue = lexicon.modality_cues.get(lemma_of(verb))
            via = chain[position - 1].dep_
            if cue == "negated" and via in {"xcomp", "prep", "pcomp"}:
                kinds.add("negated")
                reading.negation = reading.negation or ("failed" if lemma_of(verb) in FAILURE_VERBS else "refused")
            if cue == "intent" and via in {"xcomp", "ccomp", "prep", "pcomp"}:
                kinds.add("intent")
            if cue == "directive" and via in {"xcomp", "ccomp"}:
                kinds.add("hypothetical")  # "demanding that he resign": asked for, not done
            if cue == "reporting" and reading.speaker is None:
                reading.speaker = _subject(verb)
                past_speech = verb.tag_ in {"VBD", "VBN"}
                break
        elif _negated_locally(verb):
            kinds.add("negated")
            reading.negation = reading.negation or "local"
    reading.speaker = reading.speaker or _according_to(chain)
    if "would" in kinds:
        kinds.discard("would")
        kinds.add("future" if past_speech or reading.speaker is not None else "hypothetical")
    reading.generic = any(_generic(verb, kinds) for verb in _own_clauses(chain))
    reading.intent = "intent" in kinds or ("future" in kinds and reading.speaker is not None)
    if "obligation" in kinds and "negated" in kinds:
        kinds.discard("negated")  # "the government should not allow it": a demand, not a refusal
        reading.negation = None
    for modality in ("negated", "hypothetical", "future"):
        if modality in kinds:
            reading.modality = modality
            break
    else:
        if "intent" in kinds:
            reading.modality = "future"
    return reading


def _own_clauses(chain: list[Token]) -> list[Token]:
    """The event's clause and the verbs it completes ("tend to attack", "can be seen fighting"):
    a present-tense clause that merely governs it ("...; his whereabouts remain unknown") does
    not make a past act a general statement."""
    own = [chain[0]]
    for verb in chain[1:]:
        if own[-1].dep_ not in {"xcomp", "acomp"}:
            break
        own.append(verb)
    return own


def _governing_chain(clause: Token) -> list[Token]:
    chain = [clause]
    current = clause
    for _ in range(6):
        if current.dep_ not in CHAIN_DEPS or current.head is current:
            break
        current = current.head
        chain.append(current)
    return chain


def _negated_locally(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in {"never", "no"} and child.dep_ in {"neg", "det", "advmod"}:
            return True
    return False


def _auxiliary_kinds(verb: Token, lexicon: Lexicon) -> set[str]:
    kinds = set()
    for child in verb.children:
        if child.dep_ not in {"aux", "auxpass"}:
            continue
        word = child.lower_
        if word == "would" or word == "'d":
            kinds.add("would")
            continue
        if word in OBLIGATION_MODALS:
            kinds.add("obligation")
        cue = lexicon.modality_cues.get(word)
        if cue in {"future", "hypothetical"}:
            kinds.add(cue)
            if word in GENERIC_MODALS:
                kinds.add("can")
    if verb.dep_ == "xcomp" and lemma_of(verb.head) == "be" and any(c.lower_ == "to" for c in verb.children):
        kinds.add("future")  # "is to be dissolved"
    if (verb.dep_ == "xcomp" and lemma_of(verb.head) in OBLIGATION_VERBS and verb.head.tag_ in PRESENT_TAGS
            and any(c.lower_ == "to" for c in verb.children)):
        kinds.add("hypothetical")  # "we have to arrest the guilty": needed, not done ("had to flee" was done)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "of" and "instead" in {
            verb.head.head.lower_, *(c.lower_ for c in verb.head.children)}:
        kinds.add("negated")  # "instead of welcoming the moves"
    return kinds


def _marker_kinds(verb: Token, lexicon: Lexicon) -> set[str]:
    kinds = set()
    for child in verb.children:
        if child.dep_ == "mark" and lexicon.modality_cues.get(child.lower_) == "hypothetical":
            kinds.add("hypothetical")
    return kinds


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _according_to(chain: list[Token]) -> Token | None:
    for verb in chain:
        for child in verb.children:
            if child.lower_ == "according":
                for prep in child.children:
                    found = next((g for g in prep.children if g.dep_ == "pobj"), None)
                    if found is not None:
                        return found
    return None


def _generic(clause: Token, kinds: set[str]) -> bool:
    """General truths in the simple present ("war can have no end") report no event."""
    if "can" in kinds and clause.tag_ in {"VB"} | PRESENT_TAGS:
        return True
    has_perfect = any(c.dep_ == "aux" and lemma_of(c) == "have" for c in clause.children)
    return clause.tag_ in PRESENT_TAGS and not has_perfect and "future" not in kinds
