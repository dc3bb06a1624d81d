"""Read an event's incident from its sentence, for ACLED typing.

ACLED sub-event types turn on facts PLOVER keeps outside the event type: the weapon
("chlorine", "drone", "grenade"), whether a protest was dispersed or met with lethal force,
whether a town changed hands and how, and who the unnamed participants are ("armed men",
"a mob", "villagers"). Cue words come from a language's ``tables/events_acled_cues.csv`` and the
classes of participant nouns from ``tables/events_participants.csv``; both keep a ``source`` column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from polemos.events.acled import Incident, actor_class
from polemos.events.lexicon import source_rows
from polemos.events.linking import Linker
from polemos.events.triggers import lemma_of, names_a_death
from polemos.events.words import EventWords
from polemos.lang import LanguageData
from polemos.record import Actor

PLACE_LABELS = {"GPE", "LOC", "FAC"}
TIME_LABELS = {"DATE", "TIME"}
SPECIFIC_CLASSES = {
    "mob",
    "protesters",
    "armed",
}  # "a crowd of nationalists" is a mob and settlers an armed group, whatever the linked actor says


@dataclass(frozen=True)
class Participants:
    """Classes of one mention's actor and recipient arguments, and cues of its own."""

    doers: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    cues: frozenset[str] = frozenset()


class IncidentReader:
    """Cue features of sentences and classes of argument phrases; build once."""

    def __init__(self, cues: dict[str, str], nouns: dict[str, str], words: EventWords) -> None:
        self.words = words
        # Several words, or a hyphenated word the tokenizer splits ("sit-in"), match in the text.
        self.word_cues = {k: v for k, v in cues.items() if " " not in k and "-" not in k}
        self.phrase_cues = [(re.compile(rf"\b{re.escape(k)}\b"), v) for k, v in cues.items() if k not in self.word_cues]
        self.nouns = nouns

    @classmethod
    def load(cls, words: EventWords, language: LanguageData) -> "IncidentReader":
        return cls(
            _pairs(source_rows(language, "events_acled_cues"), "cue", "feature"),
            _pairs(source_rows(language, "events_participants"), "noun", "class"),
            words,
        )

    def sentence_cues(self, sentence: Span) -> frozenset[str]:
        found = set()
        for token in sentence:
            if token.ent_type_ in TIME_LABELS or self._names_a_unit(token) or names_a_death(token, self.words):
                continue  # "March 2024" is no march, "riot police" no riot, "a murder-suicide" no bombing
            for key in (lemma_of(token), token.lower_):
                if key in self.word_cues:
                    found.add(self.word_cues[key])
        text = sentence.text.lower()
        found |= {feature for pattern, feature in self.phrase_cues if pattern.search(text)}
        return frozenset(found)

    def _names_a_unit(self, token: Token) -> bool:
        return token.dep_ == "compound" and self.nouns.get(lemma_of(token.head)) == "forces"

    def participants(
        self,
        actor_tokens: list[Token],
        target_tokens: list[Token],
        trigger: list[Token],
        linker: Linker,
        actors: dict[str, Actor],
    ) -> Participants:
        doers = self._classes(actor_tokens, linker, actors)
        targets = self._classes(target_tokens, linker, actors)
        cues = set()
        lemmas = {lemma_of(t) for t in trigger}
        if lemmas & self.words.capture_lemmas:
            cues.add("capture")
        if lemmas & self.words.signing_lemmas:
            cues.add("signed")
        if "place" in targets:
            cues.add("territorial")
        if actor_tokens and all(self._acts_alone(t, linker, actors) for t in actor_tokens):
            cues.add("lone")
        return Participants(frozenset(doers), frozenset(targets - {"place"}), frozenset(cues))

    def _acts_alone(self, token: Token, linker: Linker, actors: dict[str, Actor]) -> bool:
        """A singular noun for one unorganised person ("a gunman", "the man"), or a person named."""
        actor_id = linker.actor_for(token)
        if actor_id in actors and actor_class(actors[actor_id]) in {"forces", "armed", "state"}:
            return False
        if token.ent_type_ == "PERSON":
            return True
        return token.tag_ == "NN" and lemma_of(token) in self.words.lone_nouns

    def _classes(self, tokens: list[Token], linker: Linker, actors: dict[str, Actor]) -> set[str]:
        classes = set()
        for token in tokens:
            found = self._class_of(token, linker, actors)
            if found:
                classes.add(found)
        return classes

    def _class_of(self, token: Token, linker: Linker, actors: dict[str, Actor]) -> str | None:
        noun = self._noun_class(token)
        if noun in SPECIFIC_CLASSES or noun == "place" and self.nouns.get(lemma_of(token)) == "place":
            return noun  # "the town of Kidal" is a place even when Kidal was taken for an actor
        if token.ent_type_ in PLACE_LABELS and linker.place_for(token) is not None:
            return "place"
        actor_id = linker.actor_for(token)
        if actor_id in actors:
            return actor_class(actors[actor_id])
        if noun is None and linker.place_for(token) is not None:
            return "place"
        return noun

    def _noun_class(self, token: Token) -> str | None:
        """ "gunmen", "gang members", "members of a militia", "armed men", "the town of Kidal"."""
        own = self.nouns.get(lemma_of(token)) or self.nouns.get(token.lower_)
        if any(c.dep_ == "amod" and c.lower_ in self.words.armed_modifiers for c in token.children):
            return "armed"
        if own is not None:
            return own
        close = [c for c in token.children if c.dep_ in {"compound", "amod"}]
        close += [g for c in token.children if c.dep_ == "prep" and c.lower_ in self.words.of_preps for g in c.children]
        for candidate in close:
            found = self.nouns.get(lemma_of(candidate)) or self.nouns.get(candidate.lower_)
            if found is not None:
                return found
        return None


def sentence_incidents(cues: frozenset[str], mentions: list[tuple[str, str | None, Participants]]) -> list[Incident]:
    """One ``Incident`` per mention (type, mode, participants) of a sentence.

    Sentence-wide facts join every mention: state forces take part, a protest is under way,
    people were arrested at it, civilians were hurt."""
    shared = set(cues)
    if any("forces" in p.doers | p.targets for _, _, p in mentions):
        shared.add("forces")
    if any(event_type == "PROTEST" for event_type, _, _ in mentions):
        shared.add("protest")
    if "protest" in shared and any((t, m) == ("COERCE", "arrest") for t, m, _ in mentions):
        shared.add("intervention")
    if any(t == "ASSAULT" and "civilians" in p.targets for t, _, p in mentions):
        shared.add("civilian_victims")
    return [Incident(frozenset(shared | p.cues), p.doers, p.targets) for _, _, p in mentions]


def _pairs(rows: list[dict[str, str]], key: str, value: str) -> dict[str, str]:
    return {row[key].lower(): row[value] for row in rows}
