"""What the store returns for events: typed views, with the JSON form the API and exports publish.

``EventView`` is one document's event report with its latest review applied; ``CanonicalView``
is one canonical event (fused across documents) with its sources. Code that reads an event
(the CLI, the exports, fusion, the web) reads their attributes; ``to_dict()`` gives the JSON
form, exactly the dict the store read them from, so the API and the exports never change
shape when a field is added here.

Dates are ``EventDate``s, counts ``Figure``s, ACLED codes ``AcledCode``s (``polemos.record``);
actors come with the names the store knows them by; evidence comes as
``EvidenceSpan``s, the type fusion's reports carry too.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence

from polemos.record import AcledCode, EventDate, EvidenceSpan, Figure, size_from_dict


@dataclass(frozen=True)
class NamedActor:
    """An actor of an event: its id, and the name the store knows it by (the id when unknown)."""

    id: str
    name: str


@dataclass(frozen=True)
class Location:
    """Where an event is shown: the resolved place, flat, as maps and tables use it."""

    name: Optional[str] = None
    feature: Optional[str] = None
    geonameid: Optional[int] = None
    precision: Optional[str] = None  # ``polemos.record.place_precision`` of the feature
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None  # ISO 3166 alpha-3

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Review:
    """An analyst's latest verdict: confirmed, corrected or rejected, and what was changed."""

    status: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    note: Optional[str] = None
    reviewer: Optional[str] = None
    reviewed_at: Optional[str] = None

    @classmethod
    def from_dict(cls, data: Optional[Mapping[str, Any]]) -> Optional["Review"]:
        if not data:
            return None
        return cls(
            data["status"], data.get("changes") or {}, data.get("note"), data.get("reviewer"), data.get("reviewed_at")
        )


class _Parties:
    """What an event view and a canonical view both answer about who acted and the review."""

    actors: Sequence[NamedActor]
    recipients: Sequence[NamedActor]
    review: Optional[Review]

    @property
    def actor_ids(self) -> list[str]:
        return [actor.id for actor in self.actors]

    @property
    def recipient_ids(self) -> list[str]:
        return [actor.id for actor in self.recipients]

    @property
    def actor_names(self) -> list[str]:
        return [actor.name for actor in self.actors]

    @property
    def recipient_names(self) -> list[str]:
        return [actor.name for actor in self.recipients]

    @property
    def review_status(self) -> Optional[str]:
        return self.review.status if self.review else None


@dataclass(frozen=True)
class EventView(_Parties):
    """One document's report of an event, its latest review applied (``Store.events``, ``Store.event``).

    Also the shape of a canonical event's export row (``polemos.export.canonical``), which
    fills ``source_count``, ``report_count`` and the URLs of all its documents."""

    id: str
    type: str
    mode: Optional[str] = None
    modality: str = "asserted"  # asserted | future | hypothetical | negated
    attributed_to: Optional[str] = None
    context: tuple[str, ...] = ()
    actors: tuple[NamedActor, ...] = ()
    recipients: tuple[NamedActor, ...] = ()
    date: Optional[EventDate] = None
    size: Mapping[str, Figure] = field(default_factory=dict)
    acled: Optional[AcledCode] = None
    evidence: tuple[EvidenceSpan, ...] = ()
    confidence: float = 0.0
    doc_id: Optional[str] = None
    doc_title: Optional[str] = None
    doc_url: Optional[str] = None
    doc_published: Optional[str] = None
    location: Location = Location()
    review: Optional[Review] = None
    # Filled for exports only: when the document was extracted, the URLs of every document
    # (a canonical row's), and a canonical row's counts.
    doc_extracted_at: Optional[str] = None
    doc_urls: tuple[str, ...] = ()
    source_count: Optional[int] = None
    report_count: Optional[int] = None
    data: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EventView":
        """The view of an event dict as the store builds it (``to_dict()`` gives it back)."""
        actor, recipient = data.get("actor") or [], data.get("recipient") or []
        return cls(
            id=data["id"],
            type=data["type"],
            mode=data.get("mode"),
            modality=data.get("modality") or "asserted",
            attributed_to=data.get("attributed_to"),
            context=tuple(data.get("context") or ()),
            actors=_named(actor, data.get("actor_names")),
            recipients=_named(recipient, data.get("recipient_names")),
            date=EventDate.from_dict(data.get("date")),
            size=size_from_dict(data.get("size")),
            acled=AcledCode.from_dict(data.get("acled")) if (data.get("acled") or {}).get("event_type") else None,
            evidence=tuple(EvidenceSpan.from_dict(span) for span in data.get("evidence") or ()),
            confidence=float(data.get("confidence") or 0.0),
            doc_id=data.get("doc_id"),
            doc_title=data.get("doc_title"),
            doc_url=data.get("doc_url"),
            doc_published=data.get("doc_published"),
            location=_location(data, data.get("place_geonameid")),
            review=Review.from_dict(data.get("review")),
            doc_extracted_at=data.get("doc_extracted_at"),
            doc_urls=tuple(data.get("doc_urls") or ()),
            source_count=data.get("source_count"),
            report_count=data.get("report_count"),
            data=data,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the API, ``polemos events --format json`` and the exports publish."""
        return copy.deepcopy(dict(self.data))

    def with_extraction_time(self, extracted_at: Optional[str]) -> "EventView":
        return EventView.from_dict({**self.data, "doc_extracted_at": extracted_at})

    def figure(self, category: str) -> Optional[Figure]:
        """The count this event reports for ``category`` (``dead``, ``injured``...), None when none."""
        return self.size.get(category)


@dataclass(frozen=True)
class SourceFigure:
    """One source's count for a category of a canonical event."""

    doc_id: str
    report_id: str
    min: Optional[float] = None
    max: Optional[float] = None
    text: Optional[str] = None


@dataclass(frozen=True)
class CanonicalFigure:
    """A canonical event's count for one category: the canonical ``value`` by ``rule``, the range
    the sources give, and each source's own count."""

    value: Optional[float] = None
    min: Optional[float] = None
    max: Optional[float] = None
    rule: Optional[str] = None
    text: Optional[str] = None  # an analyst's correction may give the words
    by_source: tuple[SourceFigure, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CanonicalFigure":
        return cls(
            data.get("value"),
            data.get("min"),
            data.get("max"),
            data.get("rule"),
            data.get("text"),
            tuple(
                SourceFigure(s["doc_id"], s["report_id"], s.get("min"), s.get("max"), s.get("text"))
                for s in data.get("by_source") or ()
            ),
        )


@dataclass(frozen=True)
class SourceReport:
    """One report a canonical event was fused from, as its document gives it."""

    report_id: str
    doc_id: str
    doc_title: Optional[str] = None
    published: Optional[str] = None
    type: Optional[str] = None
    mode: Optional[str] = None
    date: Optional[EventDate] = None
    place_name: Optional[str] = None
    modality: str = "asserted"
    size: Mapping[str, Figure] = field(default_factory=dict)
    evidence: tuple[EvidenceSpan, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "SourceReport":
        return cls(
            data["report_id"],
            data["doc_id"],
            data.get("doc_title"),
            data.get("published"),
            data.get("type"),
            data.get("mode"),
            EventDate.from_dict(data.get("date")),
            data.get("place_name"),
            data.get("modality") or "asserted",
            size_from_dict(data.get("size")),
            tuple(EvidenceSpan.from_dict(span) for span in data.get("evidence") or ()),
        )


@dataclass(frozen=True)
class EarliestReport:
    report_id: str
    doc_id: str
    doc_title: Optional[str] = None
    published: Optional[str] = None


@dataclass(frozen=True)
class CanonicalView(_Parties):
    """One canonical event: one real event fused across documents, with every source
    (``Store.canonical_events``, ``Store.canonical_event``), an analyst's verdict applied."""

    id: str
    type: str
    mode: Optional[str] = None
    family: Optional[str] = None
    modality: str = "asserted"
    date: Optional[EventDate] = None
    location: Location = Location()
    actors: tuple[NamedActor, ...] = ()
    recipients: tuple[NamedActor, ...] = ()
    size: Mapping[str, CanonicalFigure] = field(default_factory=dict)
    earliest_report: Optional[EarliestReport] = None
    report_count: int = 0
    source_count: int = 0
    sources: tuple[SourceReport, ...] = ()
    review: Optional[Review] = None
    data: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CanonicalView":
        """The view of a canonical event's stored JSON, its place made flat as event views have it."""
        earliest = data.get("earliest_report")
        return cls(
            id=data["id"],
            type=data["type"],
            mode=data.get("mode"),
            family=data.get("family"),
            modality=data.get("modality") or "asserted",
            date=EventDate.from_dict(data.get("date")),
            location=_location(data, (data.get("place") or {}).get("geonameid")),
            actors=_named(data.get("actor") or [], data.get("actor_names")),
            recipients=_named(data.get("recipient") or [], data.get("recipient_names")),
            size={
                category: CanonicalFigure.from_dict(figure)
                for category, figure in (data.get("size") or {}).items()
                if figure
            },
            earliest_report=EarliestReport(
                earliest["report_id"], earliest["doc_id"], earliest.get("doc_title"), earliest.get("published")
            )
            if earliest
            else None,
            report_count=data.get("report_count") or 0,
            source_count=data.get("source_count") or 0,
            sources=tuple(SourceReport.from_dict(source) for source in data.get("sources") or ()),
            review=Review.from_dict(data.get("review")),
            data=data,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the API and ``polemos events --format json`` publish."""
        return copy.deepcopy(dict(self.data))

    def figure(self, category: str) -> Optional[CanonicalFigure]:
        return self.size.get(category)

    @property
    def doc_ids(self) -> list[str]:
        """The documents of its sources, earliest first, each once."""
        return list(dict.fromkeys(source.doc_id for source in self.sources))


def _named(ids: list[str], names: Optional[list[str]]) -> tuple[NamedActor, ...]:
    names = list(names or ())
    return tuple(NamedActor(actor_id, names[i] if i < len(names) else actor_id) for i, actor_id in enumerate(ids))


def _location(data: Mapping[str, Any], geonameid: Optional[int]) -> Location:
    return Location(
        data.get("place_name"),
        data.get("place_feature"),
        geonameid,
        data.get("place_precision"),
        data.get("lat"),
        data.get("lon"),
        data.get("country"),
    )
