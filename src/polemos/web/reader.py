"""The source reader: a document's clean text cut into segments for highlighting.

Mentions (actors, places, dates, figures) come from the record's character offsets and may
not overlap each other in the page, so the longest mention wins where two collide. Event
evidence spans overlay them freely: each segment knows every event whose evidence covers it,
and the first segment of an evidence span carries the ``event-ID`` anchor the events view
links to. The template escapes every piece of text; nothing here produces HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from polemos.record import ExtractionRecord


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # actor | place | date | figure
    label: str  # what the extraction made of it, shown on hover
    ref: Optional[str] = None  # actor id, for links


@dataclass
class Segment:
    text: str
    start: int
    mention: Optional[Mention] = None
    events: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    heading: bool = False

    @property
    def classes(self) -> str:
        names = []
        if self.mention:
            names += ["m", f"m-{self.mention.kind}"]
        if self.events:
            names.append("evidence")
        if self.heading:
            names.append("heading")
        return " ".join(names)


def mentions(record: ExtractionRecord) -> list[Mention]:
    found: list[Mention] = []
    for actor in record.actors:
        label = f"actor: {actor.name} ({actor.id}" + (f", {actor.sector}" if actor.sector else "") + ")"
        found += [Mention(m.start, m.end, "actor", label, actor.id) for m in actor.mentions]
    for place in record.places:
        where = ", ".join(str(part) for part in (place.name or place.text, place.country) if part)
        coords = (
            f" at {place.lat:.3f}, {place.lon:.3f}"
            if place.lat is not None and place.lon is not None
            else " (not located)"
        )
        found.append(Mention(place.start, place.end, "place", f"place: {where}{coords}"))
    for timex in record.timexes:
        span = (
            f" ({timex.begin} to {timex.end_date})"
            if timex.begin and timex.end_date and timex.begin != timex.end_date
            else ""
        )
        found.append(Mention(timex.start, timex.end, "date", f"{timex.type.lower()}: {timex.value}{span}"))
    for quantity in record.quantities:
        amount = _amount(quantity.min, quantity.max)
        found.append(
            Mention(
                quantity.start,
                quantity.end,
                "figure",
                f"figure: {quantity.category} {amount} {quantity.unit or ''}".strip(),
            )
        )
    return _without_overlaps([m for m in found if 0 <= m.start < m.end <= len(record.text)])


def _amount(low: Optional[float], high: Optional[float]) -> str:
    def show(value: Optional[float]) -> str:
        return "?" if value is None else f"{value:g}"

    return show(low) if low == high else f"{show(low)}–{show(high)}"


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep the longest of colliding mentions (then the earliest)."""
    kept: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if any(mention.start < end and start < mention.end for start, end in taken):
            continue
        kept.append(mention)
        taken.append((mention.start, mention.end))
    return sorted(kept, key=lambda m: m.start)


def evidence_spans(record: ExtractionRecord) -> list[tuple[int, int, str]]:
    spans = []
    for event in record.events:
        for span in event.evidence:
            if 0 <= span.start < span.end <= len(record.text):
                spans.append((span.start, span.end, event.id))
    return spans


def segments(record: ExtractionRecord) -> list[Segment]:
    text = record.text
    marks = mentions(record)
    evidence = evidence_spans(record)
    headings = [(h.start, h.end) for h in record.document.headings if 0 <= h.start < h.end <= len(text)]
    cuts = {0, len(text)}
    for start, end in [(m.start, m.end) for m in marks] + [(s, e) for s, e, _ in evidence] + headings:
        cuts.update((start, end))
    bounds = sorted(cuts)
    first_segment_of: dict[str, int] = {}
    for start, _end, event_id in evidence:
        first_segment_of.setdefault(event_id, start)
        first_segment_of[event_id] = min(first_segment_of[event_id], start)
    result: list[Segment] = []
    mention_index = 0
    for start, end in zip(bounds, bounds[1:]):
        while mention_index < len(marks) and marks[mention_index].end <= start:
            mention_index += 1
        mention = marks[mention_index] if mention_index < len(marks) and marks[mention_index].start <= start else None
        result.append(
            Segment(
                text=text[start:end],
                start=start,
                mention=mention,
                events=sorted({event_id for s, e, event_id in evidence if s <= start and end <= e}),
                anchors=sorted(event_id for event_id, first in first_segment_of.items() if first == start),
                heading=any(s <= start and end <= e for s, e in headings),
            )
        )
    return result
