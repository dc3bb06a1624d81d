"""The actors of one document while they are being resolved.

A ``DocumentActors`` is built for one (record, doc) pair, from the actors the
record already holds, so the resolver keeps no state between documents and
``actor_for_span`` can add to what ``annotate`` found.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass
from datetime import date
from typing import Optional

from spacy.tokens import Doc, Span

from polemos.actors.kb import Entry, KnowledgeBase, parse_date
from polemos.actors.names import slug
from polemos.actors.words import ActorWords
from polemos.record import Actor, ExtractionRecord, Mention

SECTOR_NAMES = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "JUD": "judiciary",
    "LEG": "legislature",
    "REB": "rebels",
    "PRM": "paramilitaries",
    "SPY": "intelligence services",
    "UAF": "unidentified armed forces",
    "CVL": "civilians",
    "REF": "refugees",
    "OPP": "opposition",
    "PTY": "party",
    "JRN": "media",
    "MED": "health workers",
    "EDU": "education",
    "LAB": "labour",
    "AGR": "farmers",
    "BUS": "business",
    "REL": "religious",
    "CRM": "criminals",
    "ELI": "elites",
    "IGO": "intergovernmental",
    "NGO": "NGO",
    "PRE": "breakaway authorities",
}
STATE_KINDS = {"state", "breakaway_state", "autonomous_region"}
# Sectors of a state's institutions; the state's people in any other sector ("Nigerian
# villagers", "Fijian rebels", "gunmen in Mogadishu") are a group, not the state.
INSTITUTION_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PRE"}
ARMED_GROUP_SECTORS = {"REB", "PRM"}


@dataclass(frozen=True)
class Identity:
    """What an actor mention resolves to, before it becomes a ``record.Actor``."""

    id: str
    name: str
    kind: str
    sector: Optional[str] = None
    country: Optional[str] = None
    wikidata: Optional[str] = None


class DocumentActors:
    def __init__(self, kb: KnowledgeBase, words: ActorWords, record: ExtractionRecord, doc: Doc):
        if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) != len(record.text):  # doc.text would rebuild the text
            raise ValueError("the Doc was not built from record.text; mention offsets would not match")
        self.kb = kb
        self.words = words  # the language's
        self.record = record
        self.doc = doc
        self.when: Optional[date] = parse_date(record.document.published)
        self.actors: dict[str, Actor] = {actor.id: actor for actor in record.actors}
        self._mentions = {(a.id, m.start, m.end) for a in record.actors for m in a.mentions}
        self._sorted_mentions: set[str] = set()  # actors whose mentions this session has put in order
        self.subject_by_sentence: dict[int, str] = {}
        self.group_subject_by_sentence: dict[int, str] = {}  # subjects "they" can stand for
        self.last_person: Optional[str] = None
        self.breakaways: list[str] = []

    # -- identities --------------------------------------------------------------

    def identity_of(self, entry: Entry, sector: Optional[str] = None) -> Identity:
        """The actor for a KB entry, seen through ``sector`` when given."""
        if sector and sector != entry.sector and entry.kind != "person":
            variant = entry.with_sector(sector)
            name = f"{entry.name} ({SECTOR_NAMES.get(sector, sector)})"
            kind = entry.kind
            if entry.kind in STATE_KINDS and sector not in INSTITUTION_SECTORS:
                kind = "armed_group" if sector in ARMED_GROUP_SECTORS else "group"
            return Identity(variant.id, name, kind, sector, entry.country)
        country = entry.country
        if entry.kind == "person" and not country and entry.organisation:
            organisation = self.kb.entry(entry.organisation)
            country = organisation.country if organisation else None
        return Identity(entry.id, entry.name, entry.kind, entry.sector, country, entry.wikidata)

    def home_of(self, entry: Entry) -> Entry:
        """Whom a person acts for: their organisation, else their state."""
        if entry.kind != "person":
            return entry
        for home_id in (entry.organisation, entry.country):
            home = self.kb.entry(home_id) if home_id else None
            if home:
                return home
        return entry

    def new_identity(
        self, name: str, kind: str, sector: Optional[str] = None, country: Optional[str] = None
    ) -> Identity:
        """An actor the knowledge base does not know; its id is a slug of its name."""
        actor_id = slug(name)
        if actor_id.upper() in self.kb.by_id or actor_id in self.kb.by_id:
            actor_id = f"new-{actor_id}"
        return Identity(actor_id, name, kind, sector, country)

    def unspecified(self, sector: str, kind: str, name: Optional[str] = None) -> Identity:
        """A sector group whose country the text does not tell ("civilians", "the rebels")."""
        return Identity(f"unspecified.{sector}", name or SECTOR_NAMES.get(sector, sector), kind, sector)

    # -- recording ---------------------------------------------------------------

    def add(self, identity: Identity, span: Span) -> Actor:
        """Record a mention of ``identity`` at ``span``; returns the (possibly new) actor."""
        actor = self.actors.get(identity.id)
        if actor is None:
            actor = Actor(
                identity.id, identity.name, identity.kind, identity.sector, identity.country, identity.wikidata
            )
            self.actors[identity.id] = actor
            self.record.actors.append(actor)
        key = (actor.id, span.start_char, span.end_char)
        if key not in self._mentions:
            self._mentions.add(key)
            mention = Mention(span.text, span.start_char, span.end_char, self.record.sentence_at(span.start_char))
            if actor.id in self._sorted_mentions:
                # insert in place: sorting the whole list per mention was quadratic in a long document
                insort(actor.mentions, mention, key=lambda m: m.start)
            else:
                actor.mentions.append(mention)
                actor.mentions.sort(key=lambda m: m.start)
                self._sorted_mentions.add(actor.id)
        self._remember(actor, span)
        return actor

    def _remember(self, actor: Actor, span: Span) -> None:
        if actor.kind == "person":
            self.last_person = actor.id
        if actor.kind == "breakaway_state" and "." not in actor.id:
            self.breakaways.append(actor.id)

    def note_subject(self, actor_id: str, sentence: Optional[int], group: bool = False) -> None:
        """``actor_id`` is a subject in ``sentence``; ``group``: one named by a plural noun or a group."""
        if sentence is not None:
            self.subject_by_sentence[sentence] = actor_id
            if group:
                self.group_subject_by_sentence[sentence] = actor_id

    # -- what came before a point in the text ------------------------------------

    def mentions_before(self, char: int) -> list[tuple[Mention, Actor]]:
        found = [(m, a) for a in self.actors.values() for m in a.mentions if m.end <= char]
        return sorted(found, key=lambda pair: pair[0].start)

    def prime_before(self, char: int) -> None:
        """Rebuild the discourse memory (last person, breakaway states) from mentions before ``char``."""
        for _, actor in self.mentions_before(char):
            if actor.kind == "person":
                self.last_person = actor.id
            if actor.kind == "breakaway_state" and "." not in actor.id:
                self.breakaways.append(actor.id)

    def actors_at(self, start: int, end: int, root_char: int) -> list[str]:
        """Ids of actors with a mention inside [start, end) or covering ``root_char``, in text order."""
        found = []
        for actor in self.actors.values():
            for mention in actor.mentions:
                inside = mention.start >= start and mention.end <= end
                covering = mention.start <= root_char < mention.end
                if inside or covering:
                    found.append((mention.start, actor.id))
        ordered = [actor_id for _, actor_id in sorted(found)]
        return list(dict.fromkeys(ordered))
