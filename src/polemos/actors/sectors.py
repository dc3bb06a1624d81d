"""Sector phrases resolved: whose army, police, rebels or villagers a phrase names.

"The Azerbaijani army", "Azerbaijan's armed forces", "its army", "Israeli settlers",
"Afghan rebel leaders", "the breakaway state", and owner-less "police" or "bandits"
(which take the state named around them, see ``polemos.actors.context``).
"""

from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Span

from polemos.actors.context import CountryContext
from polemos.actors.kb import Entry
from polemos.actors.mentions import Candidate
from polemos.actors.names import is_acronym
from polemos.actors.session import INSTITUTION_SECTORS, STATE_KINDS, DocumentActors, Identity
from polemos.actors.words import ActorWords

ARMED_SECTORS = {"MIL", "REB", "PRM", "UAF"}

EntityResolver = Callable[[DocumentActors, Candidate], Optional[Identity]]


def resolve_sector(
    actors: DocumentActors, candidate: Candidate, context: CountryContext, resolve_entity: EntityResolver
) -> Optional[Identity]:
    noun = candidate.sector_noun
    sector = _modified_sector(actors, candidate) or (noun.sector if noun else None)
    owner = _owner_entry(actors, candidate)
    if owner is not None:
        return sector_of(actors, owner, sector)
    if candidate.owner is not None and candidate.owner[0].lower_ not in actors.words.possessive_pronouns:
        if candidate.head.lower_ in actors.words.place_nouns and candidate.owner.root.ent_type_ in ("GPE", "LOC"):
            return None  # "Zamfara state", "Darfur State": a province, not a government
        return _unknown_owner(actors, candidate, candidate.owner, sector, resolve_entity)
    if candidate.breakaway:
        if sector in ARMED_SECTORS:
            # "separatist insurgents" with no breakaway entity named: the armed opposition of the
            # state the story is in (PLOVER codes rebels by their country)
            state = _state_around(actors, candidate, context)
            return sector_of(actors, state, sector) if state is not None else actors.unspecified(sector, "armed_group")
        return Identity("unspecified.PRE", "breakaway state", "breakaway_state", "PRE")
    if noun is None or sector is None:
        return None  # only a sector noun ("the army", "rebels") names a sector
    state = None if noun.foreign else _state_around(actors, candidate, context)
    if state is not None:
        return sector_of(actors, state, sector)
    return actors.unspecified(sector, noun.kind)


def _state_around(actors: DocumentActors, candidate: Candidate, context: CountryContext) -> Optional[Entry]:
    char = candidate.span.start_char
    return context.nearest(actors.record.sentence_at(char), char) or context.dominant()


def _modified_sector(actors: DocumentActors, candidate: Candidate) -> Optional[str]:
    """ "Afghan rebel leaders" (REB), "military officials" (MIL): a modifier naming another sector;
    "retired soldiers" are civilians, "unidentified men" an unidentified armed group."""
    head = candidate.head
    modifiers = {child.lower_ for child in head.lefts if child.dep_ in ("amod", "compound", "advmod")}
    if (
        modifiers & actors.words.former_members
        and candidate.sector_noun is not None
        and candidate.sector_noun.sector in ARMED_SECTORS
    ):
        return "CVL"
    if modifiers & actors.words.unidentified and head.lower_ in actors.words.unnamed_people:
        return "UAF"
    if head.lower_ not in actors.words.people_of_office:
        return None
    for child in head.lefts:
        if child.dep_ in ("amod", "compound"):
            noun = actors.kb.sector_noun(child.lower_) or actors.kb.sector_noun(child.lower_ + "s")
            if noun is not None and noun.sector != "GOV":
                return noun.sector
    return None


def sector_of(actors: DocumentActors, owner: Entry, sector: Optional[str]) -> Identity:
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


def _unknown_owner(
    actors: DocumentActors, candidate: Candidate, owner: Span, sector: Optional[str], resolve_entity: EntityResolver
) -> Identity:
    """ "Fighters of the Popular Front of Xland" are that front; "President Bouteflika's government"
    is Algeria's; "Sunni militants" are a group of their own."""
    noun = candidate.sector_noun
    place_state = _state_of_place(actors, owner)
    if place_state is not None:  # "Darfur rebels", "Gaza militants": of the state the place is in
        return sector_of(actors, place_state, sector)
    if not owner.root.ent_type_ and is_acronym(owner.text) and sector in ARMED_SECTORS - {"MIL"}:
        return actors.new_identity(owner.text, "armed_group", sector)  # "UPC combatants" are the UPC
    if owner.root.ent_type_ in ("ORG", "PERSON"):
        group = resolve_entity(actors, Candidate("entity", owner, owner.root))
        if group is not None and group.kind == "person" and sector in INSTITUTION_SECTORS:
            state = actors.kb.entry(group.country) if group.country else None
            if state is not None:  # "President Bouteflika's government"
                return sector_of(actors, state, sector)
        elif group is not None and group.kind == "person" and noun is not None and noun.kind != "state":
            group = None  # "the Umma party", "Sadr's militia": a body named after a person, not the person
        if group is not None:
            if sector is None or sector == group.sector or (group.kind == "armed_group" and sector in ARMED_SECTORS):
                return group
            if _unknown_organisation(actors, group) and sector in ARMED_SECTORS - {"MIL"}:
                # "fighters of the Chinland Defense Force": a body the KB does not know, known by its fighters
                return Identity(group.id, group.name, "armed_group", sector, group.country)
            return Identity(f"{group.id}.{sector}", f"{group.name} ({sector})", group.kind, sector, group.country)
    kind = noun.kind if noun else "group"
    if kind == "state":  # "Moslem forces": armed men of no known state
        kind = "armed_group" if sector in ARMED_SECTORS else "group"
    return actors.new_identity(phrase_name(candidate.span, actors.words), kind, sector)


def _unknown_organisation(actors: DocumentActors, group: Identity) -> bool:
    return group.kind == "organisation" and actors.kb.entry(group.id) is None


def _state_of_place(actors: DocumentActors, owner) -> Optional[Entry]:
    if owner.root.ent_type_ not in ("GPE", "LOC", "FAC"):
        return None
    for place in actors.record.places:
        if place.start < owner.end_char and owner.start_char < place.end and place.country:
            state = actors.kb.entry(place.country)
            return state if state is not None and state.kind in STATE_KINDS else None
    return None


def _owner_entry(actors: DocumentActors, candidate: Candidate) -> Optional[Entry]:
    if candidate.breakaway:
        return _breakaway_named_around(actors, candidate)
    owner = candidate.owner
    if owner is None:
        return None
    if owner.text.lower() in actors.words.person_owners:
        return entry_of_actor(actors, actors.last_person)
    if owner.text.lower() in actors.words.group_owners:
        sentence = actors.record.sentence_at(owner.start_char)
        current = actors.subject_by_sentence.get(sentence) if sentence is not None else None
        previous = actors.subject_by_sentence.get(sentence - 1) if sentence else None
        return entry_of_actor(actors, current or previous)
    matches = actors.kb.matches(owner.text, actors.when)
    return actors.home_of(matches[0].entry) if matches else None


def _breakaway_named_around(actors: DocumentActors, candidate: Candidate) -> Optional[Entry]:
    """ "The breakaway state": the breakaway entity named last before it, else one named
    later in the same sentence ("The breakaway state, also known as the Republic of Artsakh")."""
    if actors.breakaways:
        return actors.kb.entry(actors.breakaways[-1])
    named = [
        (ent, found[0].entry)
        for ent in candidate.span.doc.ents
        if (found := actors.kb.matches(ent.text, actors.when)) and found[0].entry.kind == "breakaway_state"
    ]
    before = [entry for ent, entry in named if ent.end <= candidate.span.start]
    if before:
        return before[-1]
    sentence = candidate.span.sent
    later = [entry for ent, entry in named if candidate.span.end <= ent.start < sentence.end]
    return later[0] if later else None


def entry_of_actor(actors: DocumentActors, actor_id: Optional[str]) -> Optional[Entry]:
    """The knowledge-base entry an actor of the document stands for: a person's state, a
    state's sector's state; an office holder the KB does not know, their state."""
    if actor_id is None:
        return None
    entry = actors.kb.entry(actor_id) or actors.kb.entry(actor_id.split(".")[0])
    if entry is not None:
        return actors.home_of(entry)
    actor = actors.actors.get(actor_id)
    if actor is not None and actor.country:
        state = actors.kb.entry(actor.country)
        return state if state is not None and state.kind in STATE_KINDS else None
    return None


def phrase_name(span, words: ActorWords) -> str:
    """The phrase without a leading article: "the Popular Front of Xland" -> "Popular Front of Xland"."""
    if len(span) > 1 and span[0].lower_ in words.determiners:
        span = span[1:]
    return span.text
