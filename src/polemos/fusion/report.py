"""One document's report of an event, in the form fusion works on.

Reports are built from an ``ExtractionRecord`` (``reports_from_record``) or, by the store,
from the event views it returns (``polemos.store.fusion_reports``), so fusion needs neither
the pipeline nor the store. Only the fields fusion reads or shows on a canonical event are kept.
Dates, counts and evidence are typed as the record types them (``EventDate``, ``Figure``,
``EvidenceSpan``); ``to_dict()``
gives their JSON form, which the store keeps and canonical events show for each source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional

from polemos.fusion.places import PlaceRef
from polemos.record import EventDate, EvidenceSpan, ExtractionRecord, Figure, event_place, plain, size_from_dict

# Actors that say nothing about who acted: a sector with no owner ("the rebels", "civilians")
# or a phrase the knowledge base does not know ("gunmen"): matching on them would glue
# unrelated events together, and disagreeing on them proves nothing.
# The civilians of a country ("ARM.CVL") are as unspecific: they are the victims of most events;
# so are its unidentified armed men ("USA.UAF": "a gunman"), who are whoever did it.
# A place taken for an actor ("Brooklyn") names no one.
UNSPECIFIC_PREFIX = "unspecified."
UNSPECIFIC_KINDS = frozenset({"group"})
UNSPECIFIC_SECTORS = frozenset({"CVL", "UAF"})
NOT_ACTOR_KINDS = frozenset({"place"})
PERSON_KIND = "person"
# Document places a report keeps as its context (``Report.context``): where its document is
# about, at most this many, settlements and provinces only.
CONTEXT_FEATURES = frozenset({"city", "town", "village", "admin2", "admin1"})
MAX_CONTEXT_PLACES = 12
# A person with an office (a police chief, a mayor, a senator: a sector such as COP or GOV, or
# a known figure with a country) speaks about many incidents; a private person the document
# names in full (a victim, a suspect, a witness) is rarely named by reports of another one.
PRIVATE_SECTORS = frozenset({None, "CVL", "CRM"})
# Generational suffixes one outlet writes and another leaves out: "John Roe III", "Terry Doe Jr."
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # "O'Neil", "Smith-Jones"


@dataclass(frozen=True)
class Report:
    id: str
    doc_id: str
    type: str
    mode: Optional[str] = None
    date: Optional[EventDate] = None
    place: Optional[PlaceRef] = None
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    specific_actors: frozenset[str] = frozenset()
    size: Mapping[str, Figure] = field(default_factory=dict)  # a figure per category
    evidence: tuple[EvidenceSpan, ...] = ()
    modality: str = "asserted"
    published: Optional[str] = None
    doc_title: Optional[str] = None
    confidence: float = 0.0
    actor_names: dict[str, str] = field(default_factory=dict)
    # The people among ``specific_actors`` (victims, suspects, named officials): other
    # reports of the event name other people, so unlike groups they never contradict.
    people: frozenset[str] = frozenset()
    # The places its document names: a report without a usable place never joins an event
    # placed somewhere its document is not about, and a place resolved to a namesake elsewhere
    # shows as a place the other report's document also names.
    context: tuple[PlaceRef, ...] = ()
    # The private persons the document names in full (``private_people``): two reports naming
    # one of them tell of one incident, even when their dates or places came out differently.
    named: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "type": self.type,
            "mode": self.mode,
            "date": plain(self.date),
            "place": self.place.to_dict() if self.place else None,
            "actor": list(self.actor),
            "recipient": list(self.recipient),
            "specific_actors": sorted(self.specific_actors),
            "size": plain(dict(self.size)),
            "evidence": [span.to_dict() for span in self.evidence],
            "modality": self.modality,
            "published": self.published,
            "doc_title": self.doc_title,
            "confidence": self.confidence,
            "actor_names": self.actor_names,
            "people": sorted(self.people),
            "context": [place.to_dict() for place in self.context],
            "named": sorted(self.named),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        return cls(
            id=data["id"],
            doc_id=data["doc_id"],
            type=data["type"],
            mode=data.get("mode"),
            date=EventDate.from_dict(data.get("date")),
            place=PlaceRef.from_dict(data.get("place")),
            actor=tuple(data.get("actor") or ()),
            recipient=tuple(data.get("recipient") or ()),
            specific_actors=frozenset(data.get("specific_actors") or ()),
            size=size_from_dict(data.get("size")),
            evidence=tuple(EvidenceSpan.from_dict(span) for span in data.get("evidence") or ()),
            modality=data.get("modality") or "asserted",
            published=data.get("published"),
            doc_title=data.get("doc_title"),
            confidence=float(data.get("confidence") or 0.0),
            actor_names=dict(data.get("actor_names") or {}),
            people=frozenset(data.get("people") or ()),
            context=tuple(PlaceRef.of(place) for place in data.get("context") or ()),
            named=frozenset(data.get("named") or ()),
        )


def specific_actors(actor_ids: Iterable[str], kinds: Mapping[str, str]) -> frozenset[str]:
    """The ids that name who acted; ``kinds`` maps actor id to kind where it is known."""
    return frozenset(
        actor_id
        for actor_id in actor_ids
        if actor_id
        and not actor_id.startswith(UNSPECIFIC_PREFIX)
        and actor_id.rsplit(".", 1)[-1] not in UNSPECIFIC_SECTORS
        and not (kinds.get(actor_id) in UNSPECIFIC_KINDS and "." not in actor_id)
        and kinds.get(actor_id) not in NOT_ACTOR_KINDS
    )


def named_people(actor_ids: Iterable[str], kinds: Mapping[str, str]) -> frozenset[str]:
    """The ids among ``actor_ids`` that name a person."""
    return frozenset(actor_id for actor_id in actor_ids if kinds.get(actor_id) == PERSON_KIND)


def private_people(actors: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """The name keys (``person_key``) of the persons among ``actors`` (dicts with ``id``, ``name``,
    ``kind``, ``sector``, ``country``) who hold no office and are named in full (a first name and
    a surname: "Jr." or a lone surname could be anyone)."""
    keys = (
        person_key(actor.get("name") or "")
        for actor in actors
        if actor.get("kind") == PERSON_KIND and actor.get("sector") in PRIVATE_SECTORS and not actor.get("country")
    )
    return frozenset(key for key in keys if key)


def person_key(name: str) -> Optional[str]:
    """A person's first name and surname, the way outlets agree on them: "Julian L. Sims",
    "Julian Sims" and "Julian Sims Jr." are one key ("julian-sims"); initials, generational
    suffixes and numbers (an age taken into the name) are left out. None for fewer than two words."""
    words = [word.replace("'", "").replace("’", "").lower() for word in _NAME_WORD.findall(name)]
    words = [word for word in words if len(word) > 1 and word not in NAME_SUFFIXES]
    return f"{words[0]}-{words[-1]}" if len(words) >= 2 else None


def context_places(places: Iterable[PlaceRef]) -> tuple[PlaceRef, ...]:
    """The distinct located settlements and provinces among a document's places, in text order."""
    kept: dict[str, PlaceRef] = {}
    for place in places:
        if place.feature in CONTEXT_FEATURES and place.has_point and place.country and place.identity not in kept:
            kept[place.identity] = place
    return tuple(kept.values())[:MAX_CONTEXT_PLACES]


def reports_from_record(record: ExtractionRecord) -> list[Report]:
    """Every event of an extraction record as a report of its document.

    Report ids must be unique across documents: the store's stable event ids
    (``DOC-hash``) are, the events stage's per-document ``e1``, ``e2`` get the document id
    put in front.
    """
    kinds = {actor.id: actor.kind for actor in record.actors}
    names = {actor.id: actor.name for actor in record.actors}
    doc = record.document
    document_places = context_places(
        PlaceRef(p.name or p.text, p.geonameid, p.lat, p.lon, p.country, p.feature) for p in record.places
    )
    named = private_people(
        {"id": a.id, "name": a.name, "kind": a.kind, "sector": a.sector, "country": a.country}
        for a in record.actors
        if a.mentions
    )
    reports = []
    for event in record.events:
        place = None
        found = event_place(record, event)
        if found is not None:
            place = PlaceRef(
                found.name or found.text, found.geonameid, found.lat, found.lon, found.country, found.feature
            )
        participants = [*event.actor, *event.recipient]
        report_id = event.id if event.id.startswith(f"{doc.id}-") else f"{doc.id}-{event.id}"
        reports.append(
            Report(
                id=report_id,
                doc_id=doc.id,
                type=event.type,
                mode=event.mode,
                date=EventDate.from_dict(event.date),
                place=place,
                actor=tuple(event.actor),
                recipient=tuple(event.recipient),
                specific_actors=specific_actors(participants, kinds),
                size=size_from_dict(event.size),
                evidence=tuple(EvidenceSpan.of(e) for e in event.evidence),
                modality=event.modality or "asserted",
                published=doc.published,
                doc_title=doc.title,
                confidence=event.confidence,
                actor_names={a: names[a] for a in participants if a in names},
                people=named_people(participants, kinds),
                context=document_places,
                named=named,
            )
        )
    return reports
