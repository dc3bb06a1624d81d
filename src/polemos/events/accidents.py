"""Unintended harm: the ASSAULTs nobody meant, typed ACCIDENT.

PLOVER's ASSAULT (3.16) is deliberate force, and an analyst counts ASSAULTs as attacks; ACLED
codes no accidents either. A child who found a gun, a hunting accident, a gun that went off
while being cleaned are incidents with victims but no intent to harm, so polemos gives them a
type of its own beside PLOVER's, ACCIDENT (a row of ``data/events/types.csv``, of the violence
family, so that fusion still joins it with another report's ASSAULT of the same shooting).

The rules find the shooting as an ASSAULT (its mentions merged as one), then read:

* the event's own sentences: one that says the harm was unintended ("accidentally shot his
  son", "the gun went off") makes it an ACCIDENT;
* the article: when a sentence or the headline says so ("police said the shooting appears to
  be accidental", "he thought the gun was unloaded") and none denies or disputes it ("police
  do not believe it was accidental", "ruled out an accident", "believes it was no accident"),
  the article's main shooting (its most confident asserted ASSAULT) is an ACCIDENT.

Only a shooting (mode firearms, or no weapon named) is retyped: a blast keeps its ASSAULT and
ACLED type (see ``SHOOTING_MODES``). A sentence that leaves it open ("unclear whether he accidentally shot himself") neither states
nor denies. Suicide and deliberate self-harm are not retyped: the trigger limits reject a
"self-inflicted gunshot wound" as no event, and "shot himself" with no word of an accident
stays what the rules made of it. The cue words are the ``accidental`` rows of the language's
``tables/events_contexts.csv`` (the same words give the event its ``accidental`` context); the
words that deny or leave it open are lists of ``events.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from polemos.codes import ACCIDENT
from polemos.events.lexicon import Lexicon
from polemos.events.triggers import lemma_of
from polemos.events.words import EventWords
from polemos.record import Event

ACCIDENTAL = "accidental"  # the context the cues give an event, and that an ACCIDENT always carries
RETYPED = "ASSAULT"  # the type the rules give an unintended shooting before its accident is read
STATED, DENIED, UNDECIDED = "stated", "denied", "undecided"
# Only shootings (or harm told with no weapon) are retyped. A blast stays an ASSAULT (its
# ``accidental`` context kept): ACLED codes unexploded ordnance and bombs that went off early
# ("the bombers accidentally blew themselves up") as explosions, so they keep an ACLED type.
SHOOTING_MODES = {"firearms", None}


@dataclass(frozen=True)
class _Cue:
    tokens: tuple[Token, ...]
    states: bool  # False for a bare "accident", read only for its denial ("ruled out an accident")


class AccidentReader:
    """Reads whether a sentence, a headline or an article says the harm was unintended."""

    def __init__(self, lexicon: Lexicon, words: EventWords):
        cues = [cue for cue, context in lexicon.context_cues.items() if context == ACCIDENTAL]
        self.cue_words = frozenset(cue for cue in cues if " " not in cue)
        # longest first: "didn't know the gun was loaded" before "was loaded"
        phrases = sorted((cue for cue in cues if " " in cue), key=len, reverse=True)
        self._phrases = re.compile("|".join(rf"\b{re.escape(p)}\b" for p in phrases) or r"(?!x)x", re.IGNORECASE)
        self.words = words
        # the headline is not parsed: its words are read as words
        self._headline_cue = _any_of(cues)
        self._headline_denial = _any_of(words.accident_denials, inflected=words.accident_disputing_verbs)

    def sentence_verdict(self, sentence: Span) -> Optional[str]:
        """STATED, DENIED or UNDECIDED for a sentence that speaks of an accident, else None."""
        verdicts = [self._cue_verdict(cue) for cue in self._cues(sentence)]
        if DENIED in verdicts:
            return DENIED
        if STATED in verdicts:
            return STATED
        return UNDECIDED if UNDECIDED in verdicts else None

    def headline_verdict(self, title: str) -> Optional[str]:
        if not self._headline_cue.search(title):
            return None
        rest = self._headline_cue.sub(" ", title)  # "didn't know gun was loaded": the cue's own negation
        return DENIED if self._headline_denial.search(rest) else STATED

    def _cues(self, sentence: Span) -> Iterable[_Cue]:
        taken: set[int] = set()
        for found in self._phrases.finditer(sentence.text):
            span = sentence.char_span(found.start(), found.end(), alignment_mode="expand")
            if span is not None:
                taken |= {t.i for t in span}
                yield _Cue(tuple(span), True)
        for token in sentence:
            if token.i in taken:
                continue
            if lemma_of(token) in self.cue_words or token.lower_ in self.cue_words:
                yield _Cue((token,), True)
            elif token.lower_ in self.words.accident_words:
                yield _Cue((token,), False)

    def _cue_verdict(self, cue: _Cue) -> Optional[str]:
        """Read upward from the cue: a denial on the way denies it ("do not believe it was
        accidental"); a question on the way leaves it open ("unclear whether ... accidentally")."""
        inside = {t.i for t in cue.tokens}
        for token in _upward(cue.tokens):
            outside = [c for c in token.children if c.i not in inside]
            if token.i not in inside and lemma_of(token) in self.words.accident_disputing_verbs:
                return DENIED
            if any(c.dep_ == "neg" or c.lower_ in self.words.accident_denials for c in outside):
                return DENIED
            if token.lower_ in self.words.accident_undecided or any(
                c.lower_ in self.words.accident_undecided for c in outside
            ):
                return UNDECIDED
            if any(c.dep_ == "aux" and c.lower_ in self.words.accident_undecided_modals for c in outside):
                return UNDECIDED  # "he would have come home and said the gun went off": imagined, not told
        return STATED if cue.states else None

    def sentence_verdicts(self, doc: Doc) -> list[tuple[int, int, Optional[str]]]:
        """Each sentence's character span and verdict."""
        return [(s.start_char, s.end_char, self.sentence_verdict(s)) for s in doc.sents]


def retype_accidents(events: list[Event], reader: AccidentReader, doc: Doc, title: str) -> None:
    """The events the text shows nobody meant become ACCIDENTs (see the module docstring)."""
    sentences = reader.sentence_verdicts(doc)
    stated = [(start, end) for start, end, verdict in sentences if verdict == STATED]
    headline = reader.headline_verdict(title)
    headline_stated = headline == STATED
    for event in events:
        if event.type != RETYPED or event.mode not in SHOOTING_MODES:
            continue
        for evidence in event.evidence:
            told_in_the_headline = evidence.start == evidence.end == 0  # the headline's incident (headline.py)
            if (told_in_the_headline and headline_stated) or any(
                start <= evidence.start < end for start, end in stated
            ):
                _make_accident(event)
                break
    # the article says the harm was unintended when a sentence or the headline states it and none
    # denies or disputes it
    verdicts = {verdict for _start, _end, verdict in sentences} | {headline}
    main = _main_violent_event(events)
    if (
        main is not None
        and main.type == RETYPED
        and main.mode in SHOOTING_MODES
        and STATED in verdicts
        and DENIED not in verdicts
    ):
        _make_accident(main)
    if DENIED in verdicts:
        for event in events:
            if event.type == RETYPED and ACCIDENTAL in event.context:
                # "police do not believe it was accidental": the word names no accident
                event.context.remove(ACCIDENTAL)


def _make_accident(event: Event) -> None:
    event.type = ACCIDENT
    event.acled = None  # ACLED codes no accidents
    if ACCIDENTAL not in event.context:
        event.context.append(ACCIDENTAL)


def _main_violent_event(events: list[Event]) -> Optional[Event]:
    """The article's main shooting: its most confident asserted ASSAULT or ACCIDENT, the earliest
    of equals (as ``polemos eval incidents`` chooses a document's main event)."""
    violent = [e for e in events if e.type in (RETYPED, ACCIDENT) and e.modality == "asserted"]
    return max(violent, key=lambda e: e.confidence, default=None)  # max keeps the first of equals


def _upward(tokens: tuple[Token, ...]) -> Iterable[Token]:
    """The cue's tokens, then the words that govern them, nearest first, up to the root."""
    seen: set[int] = set()
    for token in tokens:
        if token.i not in seen:
            seen.add(token.i)
            yield token
    head = min(tokens, key=lambda t: len(list(t.ancestors)))  # the cue's highest token
    for ancestor in head.ancestors:
        if ancestor.i not in seen:
            seen.add(ancestor.i)
            yield ancestor


def _any_of(words: Iterable[str], inflected: Iterable[str] = ()) -> re.Pattern[str]:
    """Any of ``words`` as a word ("n't" also ending one: "wasn't"), or a form of a verb of
    ``inflected`` ("rule": "ruled", "rules out"; "deny": "denies")."""
    forms = [
        (r"\b" if w[0].isalnum() else "") + re.escape(w) + r"\b" for w in sorted(words, key=len, reverse=True) if w
    ]
    forms += [r"\b" + re.escape(v.removesuffix("e").removesuffix("y")) + r"(?:e|y|ie)?[sd]?\b" for v in inflected]
    if not forms:
        return re.compile(r"(?!x)x")  # a language without the words: nothing matches
    return re.compile("|".join(forms), re.IGNORECASE)
