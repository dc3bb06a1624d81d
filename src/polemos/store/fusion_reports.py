"""Fusion's reports from the store's event views: what the store hands ``polemos.fusion``."""

from __future__ import annotations

from typing import Iterable, Mapping, Optional

from polemos.fusion.places import PlaceRef
from polemos.fusion.report import Report, context_places, named_people, specific_actors
from polemos.record import EvidenceSpan
from polemos.store.views import EventView


def report_from_event(
    event: EventView,
    actor_kinds: Optional[Mapping[str, str]] = None,
    document_places: Iterable[PlaceRef] = (),
    document_people: frozenset[str] = frozenset(),
) -> Report:
    """A report from one event as ``store.events()`` returns it (``polemos.store.EventView``).

    ``actor_kinds`` (actor id to kind, from the store's actors table) lets unknown phrase groups
    such as "gunmen" count as unspecific actors and tells people from groups; ``document_places``
    (every place of the event's document) becomes the report's context; ``document_people`` are
    the private persons its document names (``private_people``).
    """
    actor, recipient = tuple(event.actor_ids), tuple(event.recipient_ids)
    names = {named.id: named.name for named in (*event.actors, *event.recipients)}
    where = event.location
    has_place = any(value is not None for value in (where.name, where.lat, where.country))
    place = (
        PlaceRef(where.name, where.geonameid, where.lat, where.lon, where.country, where.feature) if has_place else None
    )
    return Report(
        id=event.id,
        doc_id=event.doc_id or "",
        type=event.type,
        mode=event.mode,
        date=event.date,
        place=place,
        actor=actor,
        recipient=recipient,
        specific_actors=specific_actors([*actor, *recipient], actor_kinds or {}),
        size=dict(event.size),
        evidence=tuple(EvidenceSpan(span.text, span.start, span.end) for span in event.evidence),
        modality=event.modality,
        published=event.doc_published,
        doc_title=event.doc_title,
        confidence=event.confidence,
        actor_names=names,
        people=named_people([*actor, *recipient], actor_kinds or {}),
        context=context_places(document_places),
        named=frozenset(document_people),
    )
