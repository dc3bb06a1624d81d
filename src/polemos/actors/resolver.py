"""The actors stage: every actor mention in a document resolved to a KB entry or a new actor.

See the package docstring (``polemos.actors``) for the API the event coder uses.
"""

from __future__ import annotations

from collections import Counter

from typing import Optional

from spacy.tokens import Doc, Span, Token

from polemos.actors.guess import guess_organisation, guess_person_sector
from polemos.actors.kb import Entry, KnowledgeBase
from polemos.actors.mentions import (
    ACTOR_LABELS,
    POSSESSIVE_PRONOUNS,
    Candidate,
    entity_candidate,
    find_candidates,
    is_subject,
    sector_candidate,
    trim_possessive,
)
from polemos.actors.session import STATE_KINDS, DocumentActors, Identity
from polemos.record import ExtractionRecord

ARMED_SECTORS = {"MIL", "REB", "PRM", "UAF"}
PEOPLE_SECTORS = {"CVL", "REF"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


class ActorResolver:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    # -- the stage -----------------------------------------------------------------

    def annotate(self, record: ExtractionRecord, doc: Doc) -> None:
        """Resolve every actor mention in ``doc`` and add them to ``record.actors``."""
        actors = DocumentActors(self.kb, record, doc)
        hints = _country_hints(actors)
        for candidate in find_candidates(doc, self.kb):
            identity = self._resolve(actors, candidate, hints)
            if identity is None:
                continue
            actor = actors.add(identity, candidate.span)
            if is_subject(candidate.head):
                actors.note_subject(actor.id, record.sentence_at(candidate.span.start_char))

    # -- the event coder's entry points --------------------------------------------

    def actors_for_span(self, record: ExtractionRecord, doc: Doc, span: Span) -> list[str]:
        """Ids of the actors named by ``span`` (an argument of an event verb), creating them if needed.

        Mentions found by ``annotate`` inside the span (or covering its root) are
        returned in text order, so "Armenia and Azerbaijan" gives two ids. When
        none is there, the span's head and its conjuncts are resolved like any
        mention ("the village" becomes a new actor of kind group), added to
        ``record.actors`` and returned. An unresolvable pronoun or a span with no
        noun gives ``[]``.
        """
        actors = DocumentActors(self.kb, record, doc)
        found = actors.actors_at(span.start_char, span.end_char, span.root.idx)
        if found:
            return found
        actors.prime_before(span.start_char)
        hints = _country_hints(actors)
        ids = []
        for head in [span.root, *[t for t in span.root.conjuncts if span.start <= t.i < span.end]]:
            candidate = self._candidate_for(head, span)
            identity = self._resolve(actors, candidate, hints) if candidate else None
            if identity is not None:
                ids.append(actors.add(identity, candidate.span).id)
        return list(dict.fromkeys(ids))

    def actor_for_span(self, record: ExtractionRecord, doc: Doc, span: Span) -> Optional[str]:
        """The first actor of ``actors_for_span``, or None."""
        ids = self.actors_for_span(record, doc, span)
        return ids[0] if ids else None

    def _candidate_for(self, head: Token, span: Span) -> Optional[Candidate]:
        if head.ent_type_:
            ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
            if ent is not None:
                return entity_candidate(ent, self.kb) or Candidate("entity", trim_possessive(ent), ent.root)
        sector_phrase = sector_candidate(head, self.kb, force=True)
        if sector_phrase:
            return sector_phrase
        if head.pos_ == "PRON":
            return Candidate("pronoun", head.doc[head.i : head.i + 1], head)
        if head.pos_ in ("NOUN", "PROPN"):
            start = min([head.i] + [t.i for t in head.lefts if t.dep_ in ("amod", "compound", "nmod")])
            return Candidate("phrase", head.doc[start : head.i + 1], head)
        return None

    # -- resolution ----------------------------------------------------------------

    def _resolve(self, actors: DocumentActors, candidate: Candidate, hints) -> Optional[Identity]:
        if candidate.kind == "entity":
            return self._resolve_entity(actors, candidate)
        if candidate.kind == "sector":
            return self._resolve_sector(actors, candidate, hints)
        if candidate.kind == "pronoun":
            return _resolve_pronoun(actors, candidate)
        return actors.new_identity(_phrase_name(candidate.span), "group")

    def _resolve_entity(self, actors: DocumentActors, candidate: Candidate) -> Identity:
        span, label = candidate.span, candidate.head.ent_type_
        matches = self.kb.matches(span.text, actors.when)
        if matches:
            entry = matches[0].entry
            if label == "NORP" and matches[0].alias_type == "demonym" and entry.kind in STATE_KINDS:
                return actors.identity_of(entry, _people_or_state(candidate.head))
            return actors.identity_of(entry)
        if label == "PERSON":
            return self._new_person(actors, candidate)
        if label == "ORG":
            return self._organisation_by_parts(actors, span) or _new_organisation(actors, span)
        if label == "NORP":
            return actors.new_identity(span.text, "group", "CVL" if span.text.endswith("s") else None)
        return actors.new_identity(span.text, "place", None, _place_country(actors, span))

    def _new_person(self, actors: DocumentActors, candidate: Candidate) -> Identity:
        surname = self.kb.matches(candidate.span[-1].text, actors.when)
        if surname and surname[0].entry.kind == "person":  # "Mr Aliyev", "Ilham H. Aliyev"
            return actors.identity_of(surname[0].entry)
        title = [t for child in candidate.head.lefts for t in child.subtree if t.i < candidate.span.start]
        title += [t for child in candidate.head.children if child.dep_ == "appos" for t in child.subtree]
        country = None
        for token in title:
            found = self.kb.matches(token.text, actors.when)
            if found and found[0].entry.kind in STATE_KINDS:
                country = found[0].entry.country
        sector = guess_person_sector([t.text for t in title])
        return actors.new_identity(candidate.span.text, "person", sector, country)

    def _organisation_by_parts(self, actors: DocumentActors, span: Span) -> Optional[Identity]:
        """ "Azerbaijani Defence Ministry", "Armenian National Police": a known state plus a sector noun."""
        state = next((found[0].entry for t in span if (found := self.kb.matches(t.text, actors.when))
                      and found[0].entry.kind in STATE_KINDS), None)
        noun = next((n for t in reversed(span) if (n := self.kb.sector_noun(t.lower_))), None)
        if state is None or noun is None or noun.sector not in {"GOV", "MIL", "COP", "LEG", "JUD", "SPY"}:
            return None
        return actors.identity_of(state, noun.sector)

    def _resolve_sector(self, actors: DocumentActors, candidate: Candidate, hints) -> Optional[Identity]:
        noun = candidate.sector_noun
        sector = noun.sector if noun else None
        owner = self._owner_entry(actors, candidate)
        if owner is not None:
            return _sector_of(actors, owner, sector)
        if candidate.owner is not None and candidate.owner[0].lower_ not in POSSESSIVE_PRONOUNS:
            return self._unknown_owner(actors, candidate, sector)
        if candidate.breakaway:
            if sector in ARMED_SECTORS:
                return actors.unspecified(sector, "armed_group")
            return Identity("unspecified.PRE", "breakaway state", "breakaway_state", "PRE")
        hint = _nearest_hint(hints, actors.record.sentence_at(candidate.span.start_char), candidate.span.start_char)
        if hint is not None:
            return _sector_of(actors, hint, sector)
        return actors.unspecified(sector, noun.kind)

    def _unknown_owner(self, actors: DocumentActors, candidate: Candidate, sector: Optional[str]) -> Identity:
        """ "Fighters of the Popular Front of Xland" are that front; "Sunni militants" a group of their own."""
        noun = candidate.sector_noun
        owner = candidate.owner
        if owner.root.ent_type_ in ("ORG", "PERSON"):
            group = self._resolve_entity(actors, Candidate("entity", owner, owner.root))
            if sector is None or sector == group.sector or (group.kind == "armed_group" and sector in ARMED_SECTORS):
                return group
            return Identity(f"{group.id}.{sector}", f"{group.name} ({sector})", group.kind, sector, group.country)
        return actors.new_identity(_phrase_name(candidate.span), noun.kind if noun else "group", sector)

    def _owner_entry(self, actors: DocumentActors, candidate: Candidate) -> Optional[Entry]:
        if candidate.breakaway:
            return self._breakaway_named_around(actors, candidate)
        owner = candidate.owner
        if owner is None:
            return None
        if owner.text.lower() in ("his", "her"):
            return _entry_of_actor(actors, actors.last_person)
        if owner.text.lower() in ("its", "their"):
            sentence = actors.record.sentence_at(owner.start_char)
            current = actors.subject_by_sentence.get(sentence)
            previous = actors.subject_by_sentence.get(sentence - 1) if sentence else None
            return _entry_of_actor(actors, current or previous)
        matches = self.kb.matches(owner.text, actors.when)
        return actors.home_of(matches[0].entry) if matches else None


    def _breakaway_named_around(self, actors: DocumentActors, candidate: Candidate) -> Optional[Entry]:
        """ "The breakaway state": the breakaway entity named last before it, else one named
        later in the same sentence ("The breakaway state, also known as the Republic of Artsakh")."""
        if actors.breakaways:
            return self.kb.entry(actors.breakaways[-1])
        named = [(ent, found[0].entry) for ent in candidate.span.doc.ents
                 if (found := self.kb.matches(ent.text, actors.when)) and found[0].entry.kind == "breakaway_state"]
        before = [entry for ent, entry in named if ent.end <= candidate.span.start]
        if before:
            return before[-1]
        sentence = candidate.span.sent
        later = [entry for ent, entry in named if candidate.span.end <= ent.start < sentence.end]
        return later[0] if later else None


def _sector_of(actors: DocumentActors, owner: Entry, sector: Optional[str]) -> Identity:
    """The owner's actor in ``sector``: "Hamas fighters" is Hamas itself, "NATO forces" is NATO's military."""
    if sector is None or sector == owner.sector:
        return actors.identity_of(owner)
    if owner.kind in ("organisation", "armed_group", "party") and sector in {"GOV", "REB"} | {owner.sector}:
        return actors.identity_of(owner)
    if owner.kind in ("armed_group",) and sector in ARMED_SECTORS:
        return actors.identity_of(owner)
    if owner.kind in ("breakaway_state", "autonomous_region") and sector == "GOV":
        return actors.identity_of(owner)
    return actors.identity_of(owner, sector)


def _entry_of_actor(actors: DocumentActors, actor_id: Optional[str]) -> Optional[Entry]:
    if actor_id is None:
        return None
    entry = actors.kb.entry(actor_id) or actors.kb.entry(actor_id.split(".")[0])
    return actors.home_of(entry) if entry else None


def _resolve_pronoun(actors: DocumentActors, candidate: Candidate) -> Optional[Identity]:
    lower = candidate.head.lower_
    if lower in ("he", "she", "him", "her"):
        target = actors.last_person
    else:
        sentence = actors.record.sentence_at(candidate.span.start_char)
        target = actors.subject_by_sentence.get(sentence - 1) if sentence else None
    actor = actors.actors.get(target) if target else None
    if actor is None:
        return None
    return Identity(actor.id, actor.name, actor.kind, actor.sector, actor.country, actor.wikidata)


def _people_or_state(token: Token) -> Optional[str]:
    """ "Armenians fled" names people (CVL); "Armenian" before another noun names the state."""
    if token.dep_ in ("amod", "compound") or token.tag_ in ("JJ", "NNP"):
        return None
    return "CVL" if token.lower_.endswith(("s", "ese", "ish")) and token.tag_ in ("NNPS", "NNS") else None


def _new_organisation(actors: DocumentActors, span: Span) -> Identity:
    kind, sector = guess_organisation(span.text)
    return actors.new_identity(_phrase_name(span), kind, sector, _place_country(actors, span))


def _phrase_name(span: Span) -> str:
    """The phrase without a leading article: "the Popular Front of Xland" -> "Popular Front of Xland"."""
    if len(span) > 1 and span[0].lower_ in DETERMINERS:
        span = span[1:]
    return span.text


def _place_country(actors: DocumentActors, span: Span) -> Optional[str]:
    """The country the geo stage gave a place overlapping ``span`` (geo runs before actors)."""
    for place in actors.record.places:
        if place.start < span.end_char and span.start_char < place.end and place.country:
            return place.country
    return None


# -- country hints: which state a bare "the government" or "police" belongs to ----------


def _country_hints(actors: DocumentActors) -> dict[int, list[tuple[int, Entry]]]:
    """Per sentence, the (char offset, state entry) of every state named in it."""
    hints: dict[int, list[tuple[int, Entry]]] = {}
    for ent in actors.doc.ents:
        if ent.label_ in ("GPE", "NORP") or ent.label_ in ACTOR_LABELS:
            matches = actors.kb.matches(ent.text, actors.when)
            if not matches:
                continue
            entry = matches[0].entry
            if entry.kind == "person" and entry.country:
                entry = actors.kb.entry(entry.country)  # a head of state speaks for their state
            if entry is not None and entry.kind in STATE_KINDS:
                _add_hint(actors, hints, ent.start_char, entry)
    for place in actors.record.places:
        state = actors.kb.entry(place.country) if place.country else None
        if state is not None:
            _add_hint(actors, hints, place.start, state)
    return hints


def _add_hint(actors, hints, char: int, entry: Entry) -> None:
    sentence = actors.record.sentence_at(char)
    if sentence is not None:
        hints.setdefault(sentence, []).append((char, entry))


def _nearest_hint(hints, sentence: Optional[int], char: int) -> Optional[Entry]:
    """The state named nearest before ``char`` in its sentence, else after it, else last in the sentence before."""
    if sentence is None:
        return None
    here = hints.get(sentence, [])
    before = [entry for offset, entry in here if offset < char]
    if before:
        return before[-1]
    if here:
        return here[0][1]
    previous = [entry for _offset, entry in hints.get(sentence - 1, [])]
    if not previous:
        return None
    # The state the previous sentence is mostly about, not merely the last one it names:
    # "… in Yerevan, demanding that Pashinyan resign over Nagorno-Karabakh. Police detained …"
    counts = Counter(entry.id for entry in previous)
    best = max(counts.values())
    return next(entry for entry in previous if counts[entry.id] == best)
