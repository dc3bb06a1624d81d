"""The tense of the clause governing a time expression: past, present or future.

"On Friday" and "in January" are read as the last or the next such day or month
depending on it. With a spaCy ``Doc`` the governing verb is found through the
dependency parse; without one, cue words in the surrounding text decide (the language's
patterns ``future_cues``, ``past_cues`` and ``reporting_verb``).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from polemos.time.lexicon import TimeWords
from polemos.time.patterns import TimePatterns

# A past cue that is a reporting verb ("said") counts only this close to the expression
# ("said Tuesday"): it tells when the report was made, not when what it reports happens.
_ADJACENT = 12


def tense_from_doc(doc: Doc, start: int, end: int, words: TimeWords) -> Optional[str]:
    """Tense of the verb governing the characters ``start:end`` in ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = governing_verb(span.root)
    if verb is None:
        return None
    return verb_tense(verb, words)


def governing_verb(token: Token) -> Optional[Token]:
    """The nearest verb above ``token`` in the parse (the token itself if it is one)."""
    for _ in range(8):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Token, words: TimeWords) -> Optional[str]:
    auxiliaries = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    auxiliary_words = {aux.lower_ for aux in auxiliaries}
    if auxiliary_words & words.future_auxiliaries:
        return "future"
    if _pluperfect(verb):
        return "past"  # "had been due to expire Friday": planned, but before the report
    # "planned a demonstration on Saturday", "is scheduled for Friday": ahead of the report
    if verb.lemma_ in words.future_verbs or (verb.head is not verb and verb.head.lemma_ in words.future_verbs):
        return "future"
    if any(aux.tag_ in {"VBD"} for aux in auxiliaries) or verb.tag_ == "VBD":
        return "past"
    if any(aux.lemma_ == "have" for aux in auxiliaries) and verb.tag_ == "VBN":
        return "past"
    if verb.lemma_ in words.reporting_verbs:
        return "past"  # "officials say Friday": the report looks back
    if verb.tag_ in {"VBZ", "VBP", "VB", "VBG"} or auxiliary_words:
        return "present"
    return None


def _pluperfect(verb: Token) -> bool:
    """Whether the verb, or the verb or adjective whose complement it is, takes "had"."""
    token = verb
    for _ in range(3):
        if any(child.dep_ in {"aux", "auxpass"} and child.lower_ == "had" for child in token.children):
            return True
        if token.dep_ not in {"xcomp", "acomp", "ccomp"} or token.head is token:
            return False
        token = token.head
    return False


def tense_from_text(text: str, start: int, end: int, patterns: TimePatterns) -> Optional[str]:
    """Tense from cue words in the sentence around ``start:end`` (no parse available)."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stop = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    sentence_end = min(stop) if stop else len(text)
    cues = [(match.start(), "future") for match in patterns.future_cues.finditer(text, sentence_start, sentence_end)]
    cues += [
        (match.start(), "past")
        for match in patterns.past_cues.finditer(text, sentence_start, sentence_end)
        if not patterns.reporting_verb.fullmatch(match.group(0))
        or min(abs(match.end() - start), abs(match.start() - end)) <= _ADJACENT
    ]
    if not cues:
        return None
    # The cue nearest the expression belongs to its clause more often than not.
    return min(cues, key=lambda cue: min(abs(cue[0] - start), abs(cue[0] - end)))[1]
