"""How and why: PLOVER mode and context of an event, and re-typing by modality.

The mode comes from the trigger's lexicon row or from weapon and method words in the
trigger's clause ("shelled" -> heavy-weapons, "drone" -> drone). Contexts come from the
row, from cue words in the sentence and from the actors' sectors. Announced or future
actions are re-typed as the PLOVER manual asks: future cooperation is AGREE (3.1),
announced retreats are CONCEDE (3.4), declared future force is THREATEN (2.3).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from polemos.codes import event_types
from polemos.events.lexicon import Lexicon, TriggerEntry
from polemos.events.modality import ModalityReading
from polemos.events.triggers import lemma_of, names_a_death
from polemos.events.words import EventWords
from polemos.record import Actor

# Which types each rule applies to: the columns of data/events/types.csv.
COOPERATIVE = {name for name, kind in event_types().items() if kind.cooperative}
MATERIAL_CONFLICT = {name for name, kind in event_types().items() if kind.material_conflict}
MILITARY_SECTORS = {"MIL"}
MODELESS_TYPES = {name for name, kind in event_types().items() if kind.modeless}  # PLOVER defines no modes for them


# Verbs that undo what their object noun names: "lifted the curfew", "cancelled the visit".
REVERSALS = {name: kind.reversal for name, kind in event_types().items() if kind.reversal}
REFUSABLE = {name for name, kind in event_types().items() if kind.refusable}


def reverse(event_type: str, support: Token | None, words: EventWords) -> str:
    """PLOVER codes the undoing: easing restrictions is CONCEDE (3.4), lifting sanctions RETREAT (3.7),
    cancelling meetings REJECT (3.13); signing an agreement is SUPPORT (3.3)."""
    if support is None:
        return event_type
    lemma = lemma_of(support)
    if lemma in words.reversal_verbs and event_type in REVERSALS:
        return REVERSALS[event_type]
    if lemma in words.signing_verbs and event_type == "AGREE":
        return "SUPPORT"
    return event_type


def recode(event_type: str, reading: ModalityReading) -> tuple[str, str]:
    """(type, modality) after PLOVER's rules for refusals and announced or future actions."""
    if reading.modality == "negated":
        if event_type in REFUSABLE and reading.negation in {"local", "failed"}:
            return "REJECT", "asserted"  # "will not accept refugees", "failed to reach agreement"
        return event_type, reading.modality
    return _future_type(event_type, reading), reading.modality


def _future_type(event_type: str, reading: ModalityReading) -> str:
    if reading.modality == "future" or reading.intent:
        if event_type in COOPERATIVE:
            return "AGREE"
        if event_type == "RETREAT":
            return "CONCEDE"
        if reading.intent and event_type in MATERIAL_CONFLICT:
            return "THREATEN"
    return event_type


def find_mode(
    event_type: str, entry: TriggerEntry, clause: Token, trigger: Token, lexicon: Lexicon, words: EventWords
) -> str | None:
    cues = lexicon.mode_cues.get(event_type, {})
    if event_type in MODELESS_TYPES:
        return None
    if event_type != entry.type:
        return None if event_type == "THREATEN" else entry.mode
    best = entry.mode
    for token in _clause_tokens(clause, trigger):
        if names_a_death(token, words):
            continue
        for key in (token.lower_, lemma_of(token)):
            if key in cues and (best is None or _more_specific(cues[key], best)):
                best = cues[key]
    return best


def sentence_contexts(sentence: Span, lexicon: Lexicon) -> list[str]:
    """The contexts the sentence's words name, in the order they are read (words first, then
    phrases): read once per sentence, not once per event in it."""
    contexts: list[str] = []
    text = sentence.text.lower()
    for token in sentence:
        context = lexicon.context_cues.get(lemma_of(token)) or lexicon.context_cues.get(token.lower_)
        if context and context not in contexts:
            contexts.append(context)
    for cue, context in lexicon.context_cues.items():
        if " " in cue and cue in text and context not in contexts:
            contexts.append(context)
    return contexts


def find_contexts(entry: TriggerEntry, named: list[str], actors: list[Actor]) -> list[str]:
    """The event's contexts: its trigger's own, then those its sentence names (``named``, from
    ``sentence_contexts``), then "military" when one of its actors is."""
    contexts: list[str] = [entry.context] if entry.context else []
    contexts += [context for context in named if context not in contexts]
    if any(a.sector in MILITARY_SECTORS for a in actors) and "military" not in contexts:
        contexts.append("military")
    return contexts


def _clause_tokens(clause: Token, trigger: Token) -> list[Token]:
    tokens = list(trigger.subtree)
    if clause is not trigger:
        tokens += [t for t in clause.subtree if t not in tokens and t.dep_ not in {"ccomp", "advcl"}]
    return tokens


# The delivering weapon decides: "aircraft bombed" is an air strike, "tanks fired" heavy weapons.
WEAPON_RANK = {"drone": 5, "aerial": 4, "heavy-weapons": 3, "explosives": 2, "firearms": 1}


def _more_specific(candidate: str, current: str) -> bool:
    return WEAPON_RANK.get(candidate, 0) > WEAPON_RANK.get(current, 0) > 0
