"""The extraction record: the one typed object every pipeline stage reads and extends.

Its JSON form (``ExtractionRecord.to_dict``) is the documented output of
``polemos extract`` and is described by ``data/extraction-record.schema.json``.
Every extracted item carries ``start``/``end`` character offsets into
``ExtractionRecord.text`` and the index of the sentence it stands in, so any
fact can be traced back to its source sentence.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional


@dataclass
class Heading:
    text: str
    start: int
    end: int


@dataclass
class Caption:
    text: str
    credit: Optional[str] = None


@dataclass
class Removed:
    """A passage taken out of the body, and why (``pull_quote``, ``boilerplate`` or ``caption``)."""

    kind: str
    text: str
    reason: Optional[str] = None


@dataclass
class DocumentInfo:
    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None  # ISO date YYYY-MM-DD
    published_source: Optional[str] = None  # metadata | given | inferred | None
    language: Optional[str] = None
    source: Optional[str] = None  # file path or "<stdin>", with ":LINE" for JSON Lines
    content_hash: Optional[str] = None
    headings: list[Heading] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    # What was cut short to keep the work on this document bounded, one line each (text cut
    # to a length, stages stopped by the time budget); empty when it was analysed whole.
    limits: list[str] = field(default_factory=list)


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Mention:
    text: str
    start: int
    end: int
    sentence: Optional[int] = None


@dataclass
class Timex:
    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value, e.g. 2023-09-19, 2020-FA, P44D
    begin: Optional[str] = None  # first calendar day covered (ISO date)
    end_date: Optional[str] = None  # last calendar day covered (ISO date)
    anchor: Optional[str] = None  # what the value was resolved against
    sentence: Optional[int] = None


@dataclass
class Place:
    text: str
    start: int
    end: int
    name: Optional[str] = None
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None  # ISO 3166 alpha-3
    feature: Optional[str] = None  # country | admin1 | city | village | region | route | ...
    sentence: Optional[int] = None
    admin1: Optional[str] = None  # GeoNames first-level division code, e.g. "US.TX"
    # How finely the point locates what happened there: point | city | admin2 | admin1 | region |
    # country. A "country" place's point is the country's middle, not where anything happened.
    precision: Optional[str] = None


# Place features by the precision their point has (``Place.precision``).
PRECISION_OF_FEATURE = {
    "city": "city",
    "town": "city",
    "village": "city",
    "admin2": "admin2",
    "admin1": "admin1",
    "region": "region",
    "water": "region",
    "route": "region",
    "country": "country",
    "continent": "country",
}
# A map must not draw these points as where an event happened: a country's or a wide region's
# (a river, a route, "the north") middle is no place the text gives.
COARSE_PRECISIONS = ("country", "region")


def features_of_precision(precisions: tuple[str, ...]) -> tuple[str, ...]:
    """The place features whose points have one of these precisions."""
    return tuple(sorted(f for f, p in PRECISION_OF_FEATURE.items() if p in precisions))


def place_precision(feature: Optional[str]) -> Optional[str]:
    """The precision of a place of this gazetteer feature; unknown features count as points."""
    if feature is None:
        return None
    return PRECISION_OF_FEATURE.get(feature, "point")


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # state | organisation | armed_group | person | group | ...
    sector: Optional[str] = None  # PLOVER sector: GOV, MIL, REB, CVL, IGO, ...
    country: Optional[str] = None  # ISO 3166 alpha-3
    wikidata: Optional[str] = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Quantity:
    text: str
    start: int
    end: int
    min: Optional[float] = None
    max: Optional[float] = None
    unit: Optional[str] = None  # people | soldiers | civilians | ...
    category: str = "other"  # dead | injured | displaced | arrested | troops | other
    sentence: Optional[int] = None


@dataclass
class Evidence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EvidenceSpan:
    """A sentence (or part) that tells of an event, with its offsets into its document, as the
    store's event views and fusion's reports carry an event's evidence; ``to_dict()`` is the
    JSON form they publish and keep (``doc_id`` only where it is set)."""

    text: str
    start: Optional[int] = None
    end: Optional[int] = None
    doc_id: Optional[str] = None  # set where the spans of several documents stand together

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "EvidenceSpan":
        return cls(data.get("text") or "", data.get("start"), data.get("end"), data.get("doc_id"))

    @classmethod
    def of(cls, evidence: Evidence) -> "EvidenceSpan":
        """The span of an extracted event's evidence (its document is the record's)."""
        return cls(evidence.text, evidence.start, evidence.end)

    def to_dict(self) -> dict[str, Any]:
        form: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.doc_id is not None:
            form["doc_id"] = self.doc_id
        return form


@dataclass
class EventDate:
    """When an event happened, as the events stage dates it: the JSON form of ``Event.date``."""

    value: Optional[str] = None  # TIMEX3 value, e.g. 2023-09-19, 2023-09, 2023-W12-WE
    begin: Optional[str] = None  # first calendar day covered (ISO date)
    end: Optional[str] = None  # last calendar day covered (ISO date)
    text: Optional[str] = None  # the words that date it; None when taken from the publication
    precision: Optional[str] = None  # day | week | month | season | quarter | year | ...
    basis: Optional[str] = None  # clause | sentence | incident | publication: where the date came from

    @classmethod
    def from_dict(cls, data: Optional[Mapping[str, Any]]) -> Optional["EventDate"]:
        return None if data is None else cls(**{name: data.get(name) for name in _FIELD_NAMES["EventDate"]})


@dataclass
class Figure:
    """A count an event reports for one category (``dead``, ``injured``, ...): the JSON form of
    a value of ``Event.size``. ``max`` is None for an open-ended count ("more than 20")."""

    min: Optional[float] = None
    max: Optional[float] = None
    text: Optional[str] = None  # the words that give it, several joined by "; "

    @classmethod
    def from_dict(cls, data: Optional[Mapping[str, Any]]) -> Optional["Figure"]:
        return None if not data else cls(**{name: data.get(name) for name in _FIELD_NAMES["Figure"]})


# ``Event.size``: a figure per category, in the order the events stage found them.
Size = dict[str, Figure]


def size_from_dict(size: Optional[Mapping[str, Any]]) -> Size:
    """A size's JSON form (``Event.size``) typed: a ``Figure`` per category that gives a count."""
    figures = {category: Figure.from_dict(figure) for category, figure in (size or {}).items()}
    return {category: figure for category, figure in figures.items() if figure is not None}


@dataclass
class AcledCode:
    """An event's ACLED event type and sub-event type: the JSON form of ``Event.acled``."""

    event_type: str
    sub_event_type: str

    @classmethod
    def from_dict(cls, data: Optional[Mapping[str, Any]]) -> Optional["AcledCode"]:
        return None if not data else cls(data["event_type"], data["sub_event_type"])


def size_figure(size: Optional[Mapping[str, Any]], category: str) -> dict[str, Any]:
    """The figure ``size`` gives for ``category`` (``dead``, ``injured``, ...), ``{}`` when none.

    The one reader of a count from a size, whether the size is an ``Event``'s, a stored event
    view's (``{min, max, text}``) or a canonical event's (with the agreed ``value`` and its
    ``rule``)."""
    return (size or {}).get(category) or {}


@dataclass
class Event:
    id: str
    type: str
    mode: Optional[str] = None
    context: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    # ``date``, ``size`` and ``acled`` are kept in their JSON form (what stages, the store and
    # fusion pass around); ``json_form`` names the dataclass that form has, for the schema and
    # for code that wants the typed value (``EventDate.from_dict(event.date)``).
    date: Optional[dict[str, Any]] = field(default=None, metadata={"json_form": Optional[EventDate]})
    place: Optional[int] = None
    size: dict[str, Any] = field(default_factory=dict, metadata={"json_form": Size})
    modality: str = "asserted"
    attributed_to: Optional[str] = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    acled: Optional[dict[str, Optional[str]]] = field(default=None, metadata={"json_form": Optional[AcledCode]})
    trigger: Optional[str] = None
    coder: str = "rules"  # which component decided the type: rules | model | both
    # Index into ``ExtractionRecord.title_places``: where the event happened when its text names
    # no place and the title does ("Four shot in Tulsa"); ``place`` is then None.
    title_place: Optional[int] = None


@dataclass
class Relation:
    type: str
    actors: list[str]
    begin: Optional[str] = None
    end: Optional[str] = None
    name: Optional[str] = None
    provisions: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ExtractionRecord:
    document: DocumentInfo
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # Places the document's title names: ``start``/``end`` are offsets into ``document.title``
    # and ``sentence`` is None. They are evidence of where the story happened.
    title_places: list[Place] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ExtractionRecord":
        return _build(cls, data)

    def sentence_at(self, offset: int) -> Optional[int]:
        """Index of the sentence containing ``offset`` (binary search over ``sentences``)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            sentence = self.sentences[mid]
            if offset < sentence.start:
                hi = mid - 1
            elif offset >= sentence.end:
                lo = mid + 1
            else:
                return mid
        return None


def event_place(record: ExtractionRecord, event: Event) -> Optional[Place]:
    """Where ``event`` happened: its place in the text, else the title's place it takes."""
    if event.place is not None and 0 <= event.place < len(record.places):
        return record.places[event.place]
    if event.title_place is not None and 0 <= event.title_place < len(record.title_places):
        return record.title_places[event.title_place]
    return None


def plain(value: Any) -> Any:
    """The JSON-ready form of a record or any part of it: what ``dataclasses.asdict`` gives,
    without its deep copies, which made serialising the single writer's bottleneck."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if hasattr(type(value), "__dataclass_fields__"):
        return {name: plain(item) for name, item in vars(value).items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def _build(cls: type, data: Any) -> Any:
    """Rebuild nested dataclasses from their ``asdict`` form."""
    if not dataclasses.is_dataclass(cls) or not isinstance(data, dict):
        return data
    hints = {f.name: f.type for f in dataclasses.fields(cls)}
    kwargs = {}
    for name, value in data.items():
        if name not in hints:
            continue
        kwargs[name] = _coerce(hints[name], value)
    return cls(**kwargs)


_FIELD_NAMES = {cls.__name__: tuple(f.name for f in dataclasses.fields(cls)) for cls in (EventDate, Figure, AcledCode)}

_NESTED = {
    "Heading": Heading,
    "Caption": Caption,
    "Removed": Removed,
    "DocumentInfo": DocumentInfo,
    "Sentence": Sentence,
    "Mention": Mention,
    "Timex": Timex,
    "Place": Place,
    "Actor": Actor,
    "Quantity": Quantity,
    "Evidence": Evidence,
    "Event": Event,
    "Relation": Relation,
}


def _coerce(hint: Any, value: Any) -> Any:
    hint = str(hint)
    for name, klass in _NESTED.items():
        if hint == name or hint == f"Optional[{name}]":
            return _build(klass, value)
        if hint == f"list[{name}]":
            return [_build(klass, item) for item in value or []]
    return value
