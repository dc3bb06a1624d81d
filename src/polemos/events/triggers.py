"""Find event triggers in a parsed sentence: lexicon phrases matched on the dependency tree.

A multi-word pattern ("call for", "open fire", "air strike", "state of emergency") matches
when one of its words is the head and every other word hangs below it (at most three arcs
down), so the words need not be adjacent: "pointed fingers at", "lifted the curfew".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from polemos.events.lexicon import TYPO_PREFIX, Lexicon, TriggerEntry
from polemos.events.limits import allowed
from polemos.events.words import EventWords

VERB_TAGS = {"VERB", "AUX"}
NOUN_TAGS = {"NOUN", "PROPN"}
# A pattern word inside a date or time ("March 15", "May Day") is not that word.
TIME_LABELS = {"DATE", "TIME"}
# Words inside these entity names are part of a name, not an event ("Security Council").
NAME_LABELS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"}


@dataclass
class TriggerMatch:
    head: Token
    entry: TriggerEntry
    tokens: list[Token]  # every token of the matched pattern, head included
    incident_gerund: bool = False  # "the shooting death of": a gerund naming an incident noun's kind

    @property
    def nominal(self) -> bool:
        return (self.head.pos_ not in VERB_TAGS and self.entry.pos != "V") or (
            self.entry.pos == "N" and self.incident_gerund
        )

    @property
    def text(self) -> str:
        ordered = sorted(self.tokens, key=lambda t: t.i)
        return " ".join(t.text for t in ordered)


def find_triggers(
    sentence: Span, lexicon: Lexicon, words: EventWords, blocked: set[int], refused: list[TriggerMatch] | None = None
) -> list[TriggerMatch]:
    """All non-overlapping trigger matches of a sentence, longest pattern first.

    ``blocked`` holds token indices that belong to actor names and may not trigger. A match
    outside its pattern's limits (``polemos.events.limits``: "recalled that ...", "called
    911") is left out, and added to ``refused`` when given.
    """
    candidates: list[TriggerMatch] = []
    for token in sentence:
        if token.i in blocked or _inside_name(token):
            continue
        for entry in _entries_for(token, lexicon):
            match = _match_at(token, entry, words)
            if match is None:
                continue
            if allowed(match.head, lexicon.limits_of(entry), words):
                candidates.append(match)
            elif refused is not None:
                refused.append(match)
    candidates.sort(key=lambda m: (-len(m.entry.lemmas), m.head.i))
    used: set[int] = set()
    accepted = []
    for match in candidates:
        indices = {t.i for t in match.tokens}
        if indices & used:
            continue
        used |= indices
        accepted.append(match)
    nominal_heads = {m.head.i for m in accepted if m.nominal}
    types = {m.head.i: m.entry.type for m in accepted}
    kept = [
        m
        for m in accepted
        if not _carries_nominal(m, nominal_heads, words)
        and not _appositive(m, nominal_heads)
        and not _restates_subject(m, types)
        and not _names_verbs_event(m, types, words)
        and not _topic_of_talks(m, words)
    ]
    return sorted(kept, key=lambda m: m.head.i)


def _carries_nominal(match: TriggerMatch, nominal_heads: set[int], words: EventWords) -> bool:
    """ "signed an agreement", "hosted talks": the noun is the event, the verb only carries it."""
    verb = match.head
    if match.nominal or lemma_of(verb) not in words.light_verbs:
        return False
    if verb.dep_ == "acl" and verb.head.i in nominal_heads:
        return True
    return any(c.i in nominal_heads and c.dep_ in {"dobj", "nsubjpass", "conj"} for c in verb.children)


def _restates_subject(match: TriggerMatch, types: dict[int, str]) -> bool:
    """ "The attack killed twelve": the verb reports the outcome of the event its subject names."""
    if match.nominal:
        return False
    return any(c.dep_ == "nsubj" and types.get(c.i) == match.entry.type for c in match.head.children)


def _names_verbs_event(match: TriggerMatch, types: dict[int, str], words: EventWords) -> bool:
    """ "Two teenagers were wounded in a shooting": the noun names the event its verb reports."""
    head = match.head
    if not match.nominal or head.dep_ != "pobj" or head.head.lower_ not in words.within_prepositions:
        return False
    verb = head.head.head
    return verb.pos_ in VERB_TAGS and types.get(verb.i) == match.entry.type


def _topic_of_talks(match: TriggerMatch, words: EventWords) -> bool:
    """ "held talks on a ceasefire", "met for talks about a withdrawal": what talks are about is
    being discussed, not agreed or done; the talks are the event."""
    head = match.head
    if not match.nominal or match.entry.type == "CONSULT" or head.dep_ != "pobj":
        return False
    preposition = head.head
    if preposition.lower_ not in words.talks_prepositions:
        return False
    talks = preposition.head  # "talks on ...", or "held talks ... on ..." where the parse hangs it on the verb
    return lemma_of(talks) in words.talks_nouns or any(
        c.dep_ == "dobj" and lemma_of(c) in words.talks_nouns for c in talks.children
    )


def _appositive(match: TriggerMatch, nominal_heads: set[int]) -> bool:
    """ "a strategic alliance (the Shusha Declaration)": the appositive names the same thing."""
    return match.nominal and match.head.dep_ == "appos" and match.head.head.i in nominal_heads


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def names_a_death(token: Token, words: EventWords) -> bool:
    """ "a murder-suicide", "committed suicide": "suicide" standing on its own is a death; only
    as a modifier ("suicide bomber", "suicide attack") does it tell how an attack was made."""
    return token.lower_ in words.suicide_words and token.dep_ not in {"compound", "amod", "nmod"}


def _entries_for(token: Token, lexicon: Lexicon) -> list[TriggerEntry]:
    keys = [lemma_of(token), token.lower_]
    entries: list[TriggerEntry] = []
    for key in keys:
        for entry in lexicon.by_lemma.get(key, []):
            if entry not in entries:
                entries.append(entry)
    if not entries and token.pos_ == "VERB" and len(token.lower_) >= TYPO_PREFIX:
        entries = _typo_entries(token, lexicon)
    return entries


def _typo_entries(token: Token, lexicon: Lexicon) -> list[TriggerEntry]:
    return list(lexicon.single_verbs_by_prefix.get(token.lower_[:TYPO_PREFIX], ()))


def _match_at(head: Token, entry: TriggerEntry, words: EventWords) -> TriggerMatch | None:
    if not _pos_fits(head, entry.pos, words):
        return None
    gerund = modifies_incident_noun(head, words)
    head_keys = {lemma_of(head), head.lower_}
    if len(entry.lemmas) == 1:
        return (
            TriggerMatch(head, entry, [head], gerund)
            if head_keys & set(entry.lemmas) or _is_typo(head, entry)
            else None
        )
    remaining = list(entry.lemmas)
    for key in head_keys:
        if key in remaining:
            remaining.remove(key)
            break
    else:
        return None
    found = [head]
    below = _descendants(head, depth=3, through_verbs=entry.pos != "V")
    for lemma in remaining:
        hit = next(
            (
                t
                for t in below
                if t not in found and lemma in (lemma_of(t), t.lower_) and t.ent_type_ not in TIME_LABELS
            ),
            None,
        )
        if hit is None:
            return None
        found.append(hit)
    if entry.pos == "N" and _split_by_other_words(found):
        return None
    return TriggerMatch(head, entry, found, gerund)


def _split_by_other_words(found: list[Token]) -> bool:
    """ "their normal route from March 15" is no "route march": the words of a noun pattern form
    one phrase, with no preposition, number or date of their own between them."""
    ordered = sorted(found, key=lambda t: t.i)
    doc = ordered[0].doc
    own = {t.i for t in found}
    return any(
        t.i not in own and (t.pos_ in {"ADP", "NUM"} or t.ent_type_ in TIME_LABELS)
        for t in doc[ordered[0].i : ordered[-1].i + 1]
    )


def _is_typo(head: Token, entry: TriggerEntry) -> bool:
    return head.lower_[:TYPO_PREFIX] == entry.lemmas[0][:TYPO_PREFIX] and len(head.lower_) >= TYPO_PREFIX


def _pos_fits(token: Token, pos: str, words: EventWords) -> bool:
    if pos == "V":
        return token.pos_ in VERB_TAGS and not modifies_incident_noun(token, words)
    if pos == "N":
        return (
            token.pos_ in NOUN_TAGS
            or (token.pos_ == "VERB" and token.tag_ == "VBG" and token.dep_ in {"pobj", "dobj", "nsubj"})
            or modifies_incident_noun(token, words)
        )
    return True


def modifies_incident_noun(token: Token, words: EventWords) -> bool:
    """ "the shooting death of", "a stabbing incident": a gerund naming the kind of a noun that
    stands for one incident is that incident's event noun, not a verb."""
    return (
        token.tag_ == "VBG"
        and token.dep_ in {"amod", "compound"}
        and token.head.i > token.i
        and token.head.lemma_.lower() in words.incident_nouns
    )


def _descendants(token: Token, depth: int, through_verbs: bool = True) -> list[Token]:
    """The tokens at most ``depth`` arcs below ``token``. A verb pattern's other words belong to
    its own clause: "saw the van pull up and the men jumped out" is no "pull out", so without
    ``through_verbs`` the search does not go on below another verb."""
    level = [token]
    found: list[Token] = []
    for _ in range(depth):
        level = [child for t in level if t is token or through_verbs or t.pos_ not in VERB_TAGS for child in t.children]
        found.extend(level)
    return found


def _inside_name(token: Token) -> bool:
    # A single-word entity that *is* the trigger ("Protest") is left to the lexicon;
    # words inside a longer name are not events.
    if token.ent_type_ not in NAME_LABELS:
        return False
    return token.ent_iob_ != "B" or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].ent_iob_ == "I")
