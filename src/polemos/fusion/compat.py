"""Whether a report can be one more source of a canonical event, and how well it fits.

Both sides are ``Profile``s: what fusion compares of a report, or of a canonical event's
consensus. A report joins a canonical event only when it agrees with the consensus (not
just with one member, which would let a chain of near matches drift across a region):

- same event family;
- date spans overlapping, or apart by no more than the larger tolerance of the two (two days
  for day-precise reports); spans vaguer than a quarter only match the very same span;
- places within the larger of the two radii, in the same country, or two namesakes (one
  name resolved to two places); and never two different towns within the day tolerance,
  unless they are a few km apart (one built-up area: two towns attacked by one group on one
  day are two events) or one is a neighbourhood within reach of the city its article names
  and the toll is the same;
- named groups overlapping, or one side naming none (a state or its forces contradict
  nothing); people never contradict, since outlets name different victims, suspects and
  witnesses of one event;
- and enough positive ties (``REQUIRED_TIES``): places agreeing at town level, or two of
  places agreeing at province level, a shared specific actor, a shared person, both dates
  precise to the day, the same victims' count. Same family and same day alone is a
  coincidence, not an identity; one tie more is needed when a report is dated only by its
  publication.

A report that does not say where its event happened (no place, or only the country) could
be any event of that day: it joins only on strong evidence, a day-precise date on both sides
and a shared name (a person or a named group, not "the police"), and never an event placed
where its document is not about (``Report.context``, the places the document names). The
same holds for a placed report meeting a canonical event without a place. The same toll the
same day, in an article that names the event's town, is strong evidence too.

A private person both sides' documents name in full (``Profile.names``) is two ties on its
own, and outweighs what one outlet got wrong: a date up to a follow-up's window
(``FusionRules.follow_up_days``; a trial's when two persons are shared; a week between
reports of one document, see ``_name_window``), a place resolved elsewhere the same days
(``_misplaced``), two towns, two bystanding organisations.

When a report fits several canonical events about equally well the index keeps it apart
(``FusionRules.ambiguity_margin``): a month-precise report of "an attack in Borno in April"
is not guessed into one of April's attacks; unless those events would fuse with each other
(one event that came apart): it joins the best, and the index merges the others into it
(``FusionIndex._merge_matches``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Optional

from polemos.fusion.dates import DateSpan, span_of
from polemos.fusion.places import (
    FINE,
    NONE,
    SETTLEMENTS,
    WHOLE_COUNTRY,
    PlaceRef,
    anchor_class,
    distance_km,
    place_or_none,
    radius_km,
    same_place,
)
from polemos.fusion.report import Report
from polemos.fusion.rules import EventFamilies, FusionRules
from polemos.record import Figure

FUSABLE_MODALITIES = frozenset({"asserted"})
PRECISE_DATES = frozenset({"day", "week"})
# Evidence two reports are one event beyond family and date: two places agreeing at town
# level count 2, at province level 1; a shared specific actor 1; both dates precise to the
# day 1. Two are needed, so a report vague in date, place and actor does not join on one tie.
REQUIRED_TIES = 2
# A report dated only by its publication says "in the fortnight before": a town alone, in that
# window, is as likely another incident there (a city has several a week), so it needs one more.
UNDATED_EXTRA_TIES = 1
# A private person both sides' documents name in full is enough on its own (``Profile.names``).
NAME_TIES = 2
YEAR_DAYS = 366
FIGURE_CATEGORIES = ("dead", "injured")
_COUNTRY_CODE = re.compile(r"^[A-Z]{3}(\.|$)")  # "USA", "USA.COP": a state or one of its sectors, not a name


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
    people: frozenset[str] = frozenset()  # the persons among ``actors``
    # (category, min, max) of the victims' counts given (max None: open-ended).
    figures: tuple[tuple[str, float, Optional[float]], ...] = ()
    context: tuple[PlaceRef, ...] = ()  # the places the documents name (``Report.context``)
    # The private persons the documents name (``Report.named``).
    names: frozenset[str] = frozenset()
    docs: frozenset[str] = frozenset()  # the documents of the reports


def dated(profile: Profile) -> DateSpan:
    """The date span of a profile that can fuse (only dated profiles can)."""
    if profile.span is None:
        raise ValueError("a profile without a date span cannot fuse")
    return profile.span


def profile_of(report: Report, families: EventFamilies, rules: FusionRules) -> Profile:
    span = span_of(report.date, report.published, rules.publication_window_days)
    place = place_or_none(report.place)
    return Profile(
        family=families.family_of(report.type),
        type=report.type,
        mode=report.mode,
        span=span,
        place=place,
        actors=report.specific_actors,
        fusable=span is not None and report.modality in FUSABLE_MODALITIES,
        day_places=((span.begin, place),)
        if span is not None and place is not None and is_day_settlement(span, place)
        else (),
        people=report.people & report.specific_actors,
        figures=figures_of(report.size),
        context=report.context,
        names=report.named,
        docs=frozenset({report.doc_id}),
    )


def figures_of(size: Mapping[str, Figure]) -> tuple[tuple[str, float, Optional[float]], ...]:
    found: list[tuple[str, float, Optional[float]]] = []
    for category in FIGURE_CATEGORIES:
        stated = size.get(category)
        if stated is None:
            continue
        high = stated.max
        least = stated.min if stated.min is not None else high
        if least is not None:
            found.append((category, least, high))
    return tuple(found)


def is_day_settlement(span: Optional[DateSpan], place: Optional[PlaceRef]) -> bool:
    return (
        span is not None
        and span.precision == "day"
        and span.days == 1
        and place is not None
        and place.feature in SETTLEMENTS
    )


def match_score(new: Profile, canonical: Profile, rules: FusionRules) -> Optional[float]:
    """How well ``new`` fits ``canonical`` (higher is better), or None when they cannot be one event."""
    if not (new.fusable and canonical.fusable) or new.family != canonical.family:
        return None
    names = len(new.names & canonical.names)
    named = names > 0
    new_span, canonical_span = dated(new), dated(canonical)
    date_score = _date_score(new_span, canonical_span, rules)
    close_dates = date_score is not None
    place = _place_agreement(new.place, canonical.place, rules)
    if place is None:
        if not (close_dates and _misplaced(new, canonical, names, rules)):
            return None
        place = (0.0, 0)
    if date_score is None:
        if not _follow_up(new_span, canonical_span, _name_window(new, canonical, names, rules), rules):
            return None
        date_score = 0.0
    # A neighbourhood and the city its article names, the same day: one place at two levels,
    # but a city has several shootings a day, so the same toll or a name must tie them too.
    nested = False
    if _two_towns_same_day(new, canonical, rules) and not named:
        if _two_towns_same_day(new, canonical, rules, nested_allowed=True):
            return None
        nested = True
    actors = _actor_agreement(new.actors - new.people, canonical.actors - canonical.people)
    if actors is None:
        if not named:
            return None
        actors = (0.0, 0)  # a bystanding organisation named by one outlet, another by the other
    shared_people = bool(new.people & canonical.people)
    if (is_unlocated(new, rules) or is_unlocated(canonical, rules)) and not _strong_without_place(
        new, canonical, rules
    ):
        return None
    if not close_dates and place[1] == 0 and names < 2 and not _strong_without_place(new, canonical, rules):
        return None  # a follow-up placed nowhere near the event, on one name
    place_score, place_ties = place
    actor_score, actor_ties = actors
    precise_dates = new_span.precision in PRECISE_DATES and canonical_span.precision in PRECISE_DATES
    same_figures = _figures_agree(new.figures, canonical.figures)
    required = REQUIRED_TIES + UNDATED_EXTRA_TIES * ("publication" in (new_span.precision, canonical_span.precision))
    ties = place_ties + actor_ties + shared_people + precise_dates + same_figures + NAME_TIES * named
    if ties < required or (nested and not same_figures):
        return None
    kind_score = 0.25 * (new.type == canonical.type) + 0.25 * (new.mode is not None and new.mode == canonical.mode)
    evidence_score = 0.25 * shared_people + 0.25 * same_figures + 0.5 * named
    return date_score + place_score + actor_score + kind_score + evidence_score


def _misplaced(new: Profile, canonical: Profile, shared_names: int, rules: FusionRules) -> bool:
    """Places too far apart that one outlet got wrong: the same days and the same private persons
    named (two of them, or one when one outlet's article names the other's place too: a
    neighbourhood taken for a town of that name elsewhere)."""
    return shared_names >= 2 or (shared_names == 1 and _names_the_others_place(new, canonical, rules))


def _follow_up_days(shared_names: int, rules: FusionRules) -> int:
    """How far apart the dates of two documents' reports naming ``shared_names`` private persons
    may be: a follow-up's window (an arrest, a funeral, a first hearing), or a trial's when they
    name two of the same persons (the victim and the accused). One name is not enough for a
    trial's window: a city's spokespeople are named in its articles for years."""
    return rules.trial_follow_up_days if shared_names >= 2 else rules.follow_up_days


def _name_window(new: Profile, canonical: Profile, names: int, rules: FusionRules) -> int:
    """How far apart the dates of two reports naming ``names`` private persons may be (-1: not
    at all). Between reports of one document only a week (a weekday resolved to the week
    before; an article's other dates are mostly other events it recalls, whose people it names
    too), unless they give the same toll: then the article tells one incident and what followed
    it (an arrest, a death, a plea), one report dated by the incident and the other by its
    sequel, or by nothing, as far apart as a trial."""
    if names == 0:
        return -1
    if new.docs.isdisjoint(canonical.docs):
        return _follow_up_days(names, rules)
    if _figures_agree(new.figures, canonical.figures):
        return rules.trial_follow_up_days
    return rules.same_document_days


def _follow_up(a: DateSpan, b: DateSpan, window: int, rules: FusionRules) -> bool:
    """Dates apart by no more than ``window`` days, neither vaguer than a quarter; or, for the
    same names, a date vaguer than that (but not than a year) that covers the other's."""
    if window < 0:
        return False
    if max(a.days, b.days) <= rules.max_span_days:
        return a.gap(b) <= window
    return max(a.days, b.days) <= YEAR_DAYS and a.gap(b) == 0


def is_unlocated(profile: Profile, rules: FusionRules) -> bool:
    """The profile does not say where in its country the event happened."""
    return anchor_class(profile.place, rules.radius_km, rules.default_radius_km, rules.fine_limit_km) == NONE


def _strong_without_place(new: Profile, canonical: Profile, rules: FusionRules) -> bool:
    """When one side has no usable place: a private person both name (within the window of
    ``_name_window``), or the same day and a shared actor, or the same day and toll in an article
    naming the other's town; and no side placed (by its place or its documents' places) where
    the other is not."""
    names = len(new.names & canonical.names)
    if names:
        # A private person both name: a follow-up that does not repeat where it happened.
        window = _name_window(new, canonical, names, rules)
        return _follow_up(dated(new), dated(canonical), window, rules) and not _elsewhere(new, canonical, rules)
    same_day = all(dated(p).precision == "day" and dated(p).days <= 2 for p in (new, canonical))
    if not (same_day and dated(new).gap(dated(canonical)) <= rules.day_tolerance):
        return False
    if _figures_agree(new.figures, canonical.figures) and _document_names_the_town(new, canonical, rules):
        return True  # "three dead in a shooting on Friday", in an article about that town
    if not (new.people & canonical.people or _shared_named_group(new.actors, canonical.actors)):
        return False
    return not _elsewhere(new, canonical, rules)


def _names_the_others_place(new: Profile, canonical: Profile, rules: FusionRules) -> bool:
    """One side's documents name a place at the other side's place (within one built-up area)."""
    return any(
        place is not None and any(_one_built_up_area(named, place, rules) for named in context)
        for place, context in ((new.place, canonical.context), (canonical.place, new.context))
    )


def _document_names_the_town(new: Profile, canonical: Profile, rules: FusionRules) -> bool:
    """The unlocated side's documents name a settlement where the other side placed its event."""
    for unlocated, placed in ((new, canonical), (canonical, new)):
        if is_unlocated(unlocated, rules) and not is_unlocated(placed, rules):
            return any(
                place.feature in SETTLEMENTS and (_place_agreement(place, placed.place, rules) or (0, 0))[1] == 2
                for place in unlocated.context
            )
    return False


def _shared_named_group(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(named_actors(a) & b)


def named_actors(actors: frozenset[str]) -> frozenset[str]:
    """The actors named by name (people, groups), not a state or one of its sectors."""
    return frozenset(actor for actor in actors if not _COUNTRY_CODE.match(actor))


def _elsewhere(new: Profile, canonical: Profile, rules: FusionRules) -> bool:
    """Their places (a placed side's place, an unlocated side's document places) never agree."""
    places_new, places_canonical = _where(new, rules), _where(canonical, rules)
    if not (places_new and places_canonical):
        return False  # one side does not say at all: nothing contradicts
    return not any(_place_agreement(a, b, rules) is not None for a in places_new for b in places_canonical)


def _where(profile: Profile, rules: FusionRules) -> tuple[PlaceRef, ...]:
    if profile.place is not None and not is_unlocated(profile, rules):
        return (profile.place,)
    return profile.context


def _figures_agree(a: tuple, b: tuple) -> bool:
    """Both give a nonzero count of the same victims, and their ranges overlap."""
    for category, low, high in a:
        for other_category, other_low, other_high in b:
            if category != other_category or max(low, other_low) <= 0:
                continue
            if max(low, other_low) <= min(_upper(high), _upper(other_high)):
                return True
    return False


def _upper(high: Optional[float]) -> float:
    return float("inf") if high is None else high


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
    threshold = max(
        radius_km(a, rules.radius_km, rules.default_radius_km), radius_km(b, rules.radius_km, rules.default_radius_km)
    )
    if distance is not None and distance > threshold:
        # The same name resolved to two namesakes ("Charlotte" the city and a town of that
        # name): no contradiction, but no tie either, since two towns may share a name.
        return (0.1, 0) if namesakes(a, b) else None
    classes = {anchor_class(p, rules.radius_km, rules.default_radius_km, rules.fine_limit_km) for p in (a, b)}
    ties = 0 if NONE in classes else 2 if classes == {FINE} else 1
    if same_place(a, b, rules.same_place_km):
        return 1.0, ties
    if distance is None:
        return 0.1, 0
    return 0.8 * (1.0 - distance / threshold), ties


def _two_towns_same_day(new: Profile, canonical: Profile, rules: FusionRules, nested_allowed: bool = False) -> bool:
    """Two settlements named for days within the tolerance, further apart than one built-up area
    (and, with ``nested_allowed``, not a neighbourhood within the reach of a city its side's
    articles name: "Dorchester" in an article that says Boston, and "Boston")."""
    return any(
        abs(day - other_day) <= rules.day_tolerance
        and not _one_built_up_area(place, other_place, rules)
        and not (nested_allowed and _nested(place, other_place, new, canonical, rules))
        for day, place in new.day_places
        for other_day, other_place in canonical.day_places
    )


def _nested(place: PlaceRef, other_place: PlaceRef, new: Profile, canonical: Profile, rules: FusionRules) -> bool:
    """One settlement lies within the radius of the other, which the first side's articles name."""
    distance = distance_km(place, other_place)
    reach = max(radius_km(p, rules.radius_km, rules.default_radius_km) for p in (place, other_place))
    if distance is None or distance > reach:
        return False
    return any(same_place(named, other_place, rules.same_place_km) for named in new.context) or any(
        same_place(named, place, rules.same_place_km) for named in canonical.context
    )


def namesakes(a: PlaceRef, b: PlaceRef) -> bool:
    """Two places of one name in one country: possibly one place, resolved two ways."""
    return bool(a.name_key) and a.name_key == b.name_key and a.country == b.country


def _one_built_up_area(a: PlaceRef, b: PlaceRef, rules: FusionRules) -> bool:
    """The same town, or towns a few km apart: outlets name the town, its neighbour or the
    township for one incident, so only settlements further apart are surely two places.
    Namesakes are not surely two places either."""
    if same_place(a, b, rules.same_place_km) or namesakes(a, b):
        return True
    distance = distance_km(a, b)
    return distance is not None and distance <= rules.adjacent_towns_km


def _actor_agreement(a: frozenset[str], b: frozenset[str]) -> Optional[tuple[float, int]]:
    """(score, ties) of two sets of groups: None when both name groups by name and share none.

    A state or one of its forces ("USA.COP") contradicts nothing: one outlet names the group
    that attacked, another the police or army that responded or was attacked."""
    if not a or not b:
        return 0.0, 0
    shared = sum(1 for actor in a if _named_in(actor, b))
    if shared == 0 and not any(_named_in(actor, a) for actor in b):
        return None if named_actors(a) and named_actors(b) else (0.0, 0)
    return max(shared, 1) / max(len(a), len(b)), 1


def _named_in(actor: str, others: frozenset[str]) -> bool:
    """``actor`` or its owner is among ``others``: "ISR" and "ISR.MIL" agree, "ISR.MIL" and "ISR.CVL" do not."""
    return actor in others or ("." in actor and actor.split(".", 1)[0] in others)
