"""A canonical event from the reports fused into it: what the sources agree on, and what each says.

- type and mode: the most reported (ties: the earliest report's);
- date: the most precise the sources give; among equally precise dates the most reported,
  then the earliest (as ACLED codes the first day of a multi-day report);
- place: the most precise agreeing place, the most reported among equally precise ones;
- actors: the union, most often named first;
- figures: each source's figures are kept; the canonical figure follows a stated rule, the
  most conservative: the smallest of the sources' minimums, with the range of all figures;
- earliest report: the first published document;
- sources: every report with its document, date, place, figures and evidence.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Optional

from polemos.fusion.compat import Profile
from polemos.fusion.dates import DateSpan
from polemos.fusion.places import SETTLEMENTS, WHOLE_COUNTRY, PlaceRef
from polemos.fusion.report import Report
from polemos.record import EventDate, plain

FIGURE_CATEGORIES = ("dead", "injured", "displaced", "arrested")
MAX_CONSENSUS_CONTEXT = 60  # document places kept on a canonical event: a few documents' worth
FIGURE_RULE = "most conservative: the smallest minimum any source reports"
_PLACE_RANK = {feature: 0 for feature in SETTLEMENTS} | {
    "admin2": 1,
    "route": 1,
    "region": 2,
    "water": 2,
    "admin1": 2,
    "country": 4,
}


def consensus_profile(members: list[tuple[Report, Profile]]) -> Profile:
    """The consensus a new report must agree with to join these members."""
    type_ = _most_common([p.type for _, p in members]) or members[0][1].type
    spans = [p.span for _, p in members if p.span is not None]
    places = [p.place for _, p in members if p.place is not None]
    actors = frozenset().union(*(p.actors for _, p in members))
    return Profile(
        family=members[0][1].family,
        type=type_,
        mode=_most_common([p.mode for _, p in members if p.type == type_ and p.mode]),
        span=_consensus_span(spans),
        place=_consensus_place(places),
        actors=actors,
        fusable=all(p.fusable for _, p in members),
        day_places=tuple(dp for _, p in members for dp in p.day_places),
        people=frozenset().union(*(p.people for _, p in members)),
        figures=tuple(dict.fromkeys(figure for _, p in members for figure in p.figures)),
        context=_consensus_context(members),
        names=frozenset().union(*(p.names for _, p in members)),
        docs=frozenset(report.doc_id for report, _ in members),
    )


def _consensus_context(members: list[tuple[Report, Profile]]) -> tuple[PlaceRef, ...]:
    """The places the documents of a canonical event name, each once, the first ``MAX_CONSENSUS_CONTEXT``."""
    kept: dict[str, PlaceRef] = {}
    for _, profile in members:
        for place in profile.context:
            kept.setdefault(place.identity, place)
    return tuple(kept.values())[:MAX_CONSENSUS_CONTEXT]


def canonical_view(canonical_id: str, members: list[tuple[Report, Profile]], consensus: Profile) -> dict[str, Any]:
    """The canonical event as the CLI, the web workspace and exports show it."""
    reports = [report for report, _ in members]
    chosen_date = _report_with_span(members, consensus.span)
    names = {actor: name for report in reports for actor, name in report.actor_names.items()}
    actor, recipient = _ranked(r.actor for r in reports), _ranked(r.recipient for r in reports)
    recipient = [a for a in recipient if a not in actor]
    earliest = min(reports, key=lambda r: (r.published or "9999", r.doc_id, r.id))
    return {
        "id": canonical_id,
        "type": consensus.type,
        "mode": consensus.mode,
        "family": consensus.family,
        "modality": reports[0].modality,
        "date": _date_view(chosen_date, consensus.span),
        "place": consensus.place.to_dict() if consensus.place else None,
        "actor": actor,
        "recipient": recipient,
        "actor_names": [names.get(a, a) for a in actor],
        "recipient_names": [names.get(a, a) for a in recipient],
        "size": canonical_figures(reports),
        "earliest_report": {
            "report_id": earliest.id,
            "doc_id": earliest.doc_id,
            "doc_title": earliest.doc_title,
            "published": earliest.published,
        },
        "report_count": len(reports),
        "source_count": len({r.doc_id for r in reports}),
        "sources": [
            _source_view(report) for report in sorted(reports, key=lambda r: (r.published or "9999", r.doc_id, r.id))
        ],
    }


def canonical_figures(reports: Iterable[Report]) -> dict[str, Any]:
    """Per category: each source's figure, and the canonical one by the most conservative rule.

    A document that gives several figures for the event (an early toll, then an update) counts
    with its highest minimum: the update supersedes, and other sources still bound it from below.
    """
    figures: dict[str, Any] = {}
    for category in FIGURE_CATEGORIES:
        by_doc: dict[str, dict[str, Any]] = {}
        for report in reports:
            stated = report.size.get(category)
            if stated is None:
                continue
            low, high = stated.min, stated.max
            if low is None and high is None:
                continue
            low = low if low is not None else high
            kept = by_doc.get(report.doc_id)
            if kept is None or low > kept["min"]:
                by_doc[report.doc_id] = {
                    "doc_id": report.doc_id,
                    "report_id": report.id,
                    "min": low,
                    "max": high if high is not None or stated.min is not None else low,
                    "text": stated.text,
                }  # max None: "more than N", no upper bound
        if by_doc:
            sources = sorted(by_doc.values(), key=lambda s: (s["min"], s["doc_id"]))
            figures[category] = {
                "value": sources[0]["min"],
                "rule": FIGURE_RULE,
                "min": min(s["min"] for s in sources),
                "max": None if any(s["max"] is None for s in sources) else max(s["max"] for s in sources),
                "by_source": sources,
            }
    return figures


def _source_view(report: Report) -> dict[str, Any]:
    return {
        "report_id": report.id,
        "doc_id": report.doc_id,
        "doc_title": report.doc_title,
        "published": report.published,
        "type": report.type,
        "mode": report.mode,
        "date": plain(report.date),
        "place_name": report.place.name if report.place else None,
        "modality": report.modality,
        "size": plain(dict(report.size)),
        "evidence": [span.to_dict() for span in report.evidence],
    }


def _consensus_span(spans: list[DateSpan]) -> Optional[DateSpan]:
    if not spans:
        return None
    finest = min(span.rank for span in spans)
    candidates = [span for span in spans if span.rank == finest]
    counts = Counter((span.begin, span.end) for span in candidates)
    return min(candidates, key=lambda span: (-counts[(span.begin, span.end)], span.begin, span.end))


def _consensus_place(places: list[PlaceRef]) -> Optional[PlaceRef]:
    if not places:
        return None
    rank = {id(place): _place_rank(place) for place in places}
    finest = min(rank.values())
    candidates = [place for place in places if rank[id(place)] == finest]
    counts = Counter(place.identity for place in candidates)
    best = max(counts.values())
    return next(place for place in candidates if counts[place.identity] == best)


def _place_rank(place: PlaceRef) -> int:
    """Settlements first; a place without coordinates after one with them, at the same feature."""
    rank = _PLACE_RANK.get(place.feature or "", 0 if place.has_point else 3)
    if place.feature in WHOLE_COUNTRY:
        return rank
    return rank * 2 + (0 if place.has_point else 1)


def _report_with_span(members: list[tuple[Report, Profile]], span: Optional[DateSpan]) -> Optional[Report]:
    return next((report for report, profile in members if profile.span == span), None)


def _date_view(report: Optional[Report], span: Optional[DateSpan]) -> Optional[dict[str, Any]]:
    if span is None:
        return None
    begin, end = span.iso()
    given = (report.date if report else None) or EventDate()
    precision = span.precision
    value = given.value if precision != "publication" else None
    if value is None:
        value = begin if begin == end else f"{begin}/{end}"
    return {"value": value, "begin": begin, "end": end, "text": given.text, "precision": precision}


def _most_common(values: list[Optional[str]]) -> Optional[str]:
    """The most frequent value; ties go to the one seen first."""
    values = [value for value in values if value]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(value for value in values if counts[value] == best)


def _ranked(groups: Iterable[Iterable[str]]) -> list[str]:
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for group in groups:
        for actor in group:
            counts[actor] += 1
            order.setdefault(actor, len(order))
    return sorted(counts, key=lambda actor: (-counts[actor], order[actor]))
