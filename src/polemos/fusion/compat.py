"""Whether a report can be one more source of a canonical event, and how well it fits.

Both sides are ``Profile``s: what fusion compares of a report, or of a canonical event's
consensus. A report joins a canonical event only when it agrees with the consensus (not
just with one member, which would let a chain of near matches drift across a region):

- same event family;
- date spans overlapping, or apart by no more than the larger tolerance of the two (a day for
  day-precise reports); spans vaguer than a quarter only match the very same span;
- places within the larger of the two radii, in the same country; and never two different
  towns on the same day, whatever their distance (two towns attacked by one group on one day
  are two events);
- actor sets overlapping, or one side naming no specific actor;
- and enough positive ties (``REQUIRED_TIES``): places agreeing at town level, or two of
  places agreeing at province level, a shared specific actor, both dates precise to the
  day. Same family and same day alone is a coincidence, not an identity.

When a report fits several canonical events about equally well the index keeps it apart
(``FusionRules.ambiguity_margin``): a month-precise report of "an attack in Borno in April"
is not guessed into one of April's attacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from polemos.fusion.dates import DateSpan, span_of
from polemos.fusion.places import (
    FINE, NONE, SETTLEMENTS, WHOLE_COUNTRY, PlaceRef, anchor_class, distance_km, place_or_none, radius_km, same_place,
)
from polemos.fusion.report import Report
from polemos.fusion.rules import EventFamilies, FusionRules

FUSABLE_MODALITIES = frozenset({"asserted"})
PRECISE_DATES = frozenset({"day", "week"})
# Evidence two reports are one event beyond family and date: two places agreeing at town
# level count 2, at province level 1; a shared specific actor 1; both dates precise to the
# day 1. Two are needed, so a report vague in date, place and actor does not join on one tie.
REQUIRED_TIES = 2


@dataclass(frozen=True)
class Profile:
    family: str
    type: str
    mode: Optional[str]
    span: Optional[DateSpan]
    place: Optional[PlaceRef]
    actors: frozenset[str]
    fusable: bool
    # (day, place) of every member precise to the day and to a settlement: the hard rule
    # "never two different towns on the same day" is checked against all of them.
    day_places: tuple[tuple[int, PlaceRef], ...] = ()


def profile_of(report: Report, families: EventFamilies, rules: FusionRules) -> Profile:
    span = span_of(report.date, report.published, rules.publication_window_days)
    place = place_or_none(report.place)
    return Profile(
        family=families.family_of(report.type), type=report.type, mode=report.mode, span=span, place=place,
        actors=report.specific_actors, fusable=span is not None and report.modality in FUSABLE_MODALITIES,
        day_places=((span.begin, place),) if is_day_settlement(span, place) else (),
    )


def is_day_settlement(span: Optional[DateSpan], place: Optional[PlaceRef]) -> bool:
    return (span is not None and span.precision == "day" and span.days == 1
            and place is not None and place.feature in SETTLEMENTS)


def match_score(new: Profile, canonical: Profile, rules: FusionRules) -> Optional[float]:
    """How well ``new`` fits ``canonical`` (higher is better), or None when they cannot be one event."""
    if not (new.fusable and canonical.fusable) or new.family != canonical.family:
        return None
    date_score = _date_score(new.span, canonical.span, rules)
    if date_score is None:
        return None
    place = _place_agreement(new.place, canonical.place, rules)
    if place is None or _two_towns_same_day(new, canonical, rules):
        return None
    actors = _actor_agreement(new.actors, canonical.actors)
    if actors is None:
        return None
    place_score, place_ties = place
    actor_score, actor_ties = actors
    precise_dates = new.span.precision in PRECISE_DATES and canonical.span.precision in PRECISE_DATES
    if place_ties + actor_ties + precise_dates < REQUIRED_TIES:
        return None
    kind_score = 0.25 * (new.type == canonical.type) + 0.25 * (new.mode is not None and new.mode == canonical.mode)
    return date_score + place_score + actor_score + kind_score


def _date_score(a: DateSpan, b: DateSpan, rules: FusionRules) -> Optional[float]:
    if a.days > rules.max_span_days or b.days > rules.max_span_days:
        return 1.0 if (a.begin, a.end) == (b.begin, b.end) else None
    gap = a.gap(b)
    if gap > max(rules.tolerance(a.precision), rules.tolerance(b.precision)):
        return None
    return a.overlap_ratio(b) if gap == 0 else 0.5 / (1 + gap)


def _place_agreement(a: Optional[PlaceRef], b: Optional[PlaceRef], rules: FusionRules) -> Optional[tuple[float, int]]:
    """(score, ties) for two places, or None when they are too far apart to be one event."""
    if a is None or b is None:
        return 0.0, 0
    if a.country and b.country and a.country != b.country:
        return None
    if a.feature in WHOLE_COUNTRY or b.feature in WHOLE_COUNTRY:
        return 0.1, 0
    distance = distance_km(a, b)
    threshold = max(radius_km(a, rules.radius_km, rules.default_radius_km),
                    radius_km(b, rules.radius_km, rules.default_radius_km))
    if distance is not None and distance > threshold:
        return None
    classes = {anchor_class(p, rules.radius_km, rules.default_radius_km, rules.fine_limit_km) for p in (a, b)}
    ties = 0 if NONE in classes else 2 if classes == {FINE} else 1
    if same_place(a, b, rules.same_place_km):
        return 1.0, ties
    if distance is None:
        return 0.1, 0
    return 0.8 * (1.0 - distance / threshold), ties


def _two_towns_same_day(new: Profile, canonical: Profile, rules: FusionRules) -> bool:
    return any(
        abs(day - other_day) <= rules.day_tolerance and not same_place(place, other_place, rules.same_place_km)
        for day, place in new.day_places for other_day, other_place in canonical.day_places
    )


def _actor_agreement(a: frozenset[str], b: frozenset[str]) -> Optional[tuple[float, int]]:
    """(score, ties): None when both name specific actors and none of them is shared."""
    if not a or not b:
        return 0.0, 0
    shared = sum(1 for actor in a if _named_in(actor, b))
    if shared == 0 and not any(_named_in(actor, a) for actor in b):
        return None
    return max(shared, 1) / max(len(a), len(b)), 1


def _named_in(actor: str, others: frozenset[str]) -> bool:
    """``actor`` or its owner is among ``others``: "ISR" and "ISR.MIL" agree, "ISR.MIL" and "ISR.CVL" do not."""
    return actor in others or ("." in actor and actor.split(".", 1)[0] in others)


def actor_root(actor: str) -> str:
    return actor.split(".", 1)[0]
