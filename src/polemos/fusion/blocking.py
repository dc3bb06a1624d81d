"""Blocking keys: which canonical events a new report is compared with at all.

A canonical event is filed under keys made from its consensus; a report looks up the keys it
could share with any event it is compatible with. Every key starts with the event family
and a date bucket (``bucket_days`` wide; a span vaguer than a quarter is its own bucket, as
it only matches the same span), then names one anchor:

- ``g:CELL`` a grid cell, for events at a town, district or road ("fine" places). A report
  looks up every cell within ``fine_limit_km`` of its place, the widest radius of a fine place.
- ``cf:ISO3`` / ``cc:ISO3`` the country, for pairing a fine place with a province or region
  (a coarse place) of the same country: fine events file under ``cf``, coarse ones under ``cc``.
- ``a:NAME`` / ``an:NAME`` a named actor (a person or a named group, not a state or one of its
  sectors), for pairs where one side has no usable place, which only fuse on a shared name:
  every event files under ``a``, events without a usable place also under ``an``; a report
  without a usable place looks up ``a``, one with a place only ``an``, so the actor buckets
  are read by the few vague reports.
- ``pn:NAME|ISO3`` the place's name, for namesakes (one name resolved to two places far apart).
- ``u:CELL`` the grid cell of a settlement the documents of an event without a usable place
  name: such an event joins a town's event of the same day and toll when its documents name
  the town, so a placed report looks up the ``u`` cells near its place, an unlocated one the
  ``g`` cells near the towns its documents name.

Besides, every event files under ``p:NAME`` for each private person its documents name
(``Profile.names``), in date buckets ``follow_up_days`` wide, and a report looks up the buckets
within that window of its dates: a shared name joins follow-ups and reports whose places
came out differently, so these keys do not depend on the place.

This mirrors ``compat.match_score``: two profiles it accepts always share a key, so blocking
loses no match (``tests/test_fusion_blocking.py`` checks this against comparing all pairs).
"""

from __future__ import annotations

from polemos.fusion.compat import YEAR_DAYS, Profile, dated, named_actors
from polemos.fusion.places import (
    COARSE,
    FINE,
    SETTLEMENTS,
    WHOLE_COUNTRY,
    PlaceRef,
    anchor_class,
    cells_within,
    grid_cell,
)
from polemos.fusion.rules import FusionRules


def filing_keys(profile: Profile, rules: FusionRules) -> set[str]:
    """The keys a canonical event with this consensus is filed under."""
    if not profile.fusable:
        return set()
    return _place_filing_keys(profile, rules) | _name_keys(profile, rules, slack=0)


def lookup_keys(profile: Profile, rules: FusionRules) -> set[str]:
    """The keys to read for a report with this profile."""
    if not profile.fusable:
        return set()
    return _place_lookup_keys(profile, rules) | _name_keys(
        profile, rules, slack=max(rules.follow_up_days, rules.trial_follow_up_days)
    )


def _name_keys(profile: Profile, rules: FusionRules, slack: int) -> set[str]:
    """``p:NAME`` keys in follow-up-wide date buckets: a report naming a private person meets the
    events naming them whatever its place, within the follow-up window."""
    span = dated(profile)
    if span.days > YEAR_DAYS:
        buckets = [f"s{span.begin}-{span.end}"]
    else:
        width = max(rules.follow_up_days, rules.max_tolerance, 1)
        buckets = [f"f{b}" for b in range((span.begin - slack) // width, (span.end + slack) // width + 1)]
    return {f"{profile.family}|{bucket}|p:{name}" for bucket in buckets for name in profile.names}


def _place_filing_keys(profile: Profile, rules: FusionRules) -> set[str]:
    anchors = _actor_keys(profile, "a:") | _place_name_key(profile)
    kind = _anchor_class(profile, rules)
    if kind == FINE:
        place = _anchored(profile)
        anchors |= {"g:" + grid_cell(*place.point, rules.cell_degrees), "cf:" + _country(place)}
    elif kind == COARSE:
        anchors.add("cc:" + _country(_anchored(profile)))
    else:
        anchors |= _actor_keys(profile, "an:") | {
            "u:" + grid_cell(*p.point, rules.cell_degrees) for p in _towns(profile)
        }
    return _combine(profile, anchors, rules)


def _place_lookup_keys(profile: Profile, rules: FusionRules) -> set[str]:
    kind = _anchor_class(profile, rules)
    if kind == FINE:
        place = _anchored(profile)
        anchors = {"g:" + cell for cell in cells_within(*place.point, rules.fine_limit_km, rules.cell_degrees)}
        anchors |= {"cc:" + _country(place)} | _actor_keys(profile, "an:")
        anchors |= {"u:" + cell for cell in cells_within(*place.point, rules.fine_limit_km, rules.cell_degrees)}
    elif kind == COARSE:
        country = _country(_anchored(profile))
        anchors = {"cf:" + country, "cc:" + country} | _actor_keys(profile, "an:")
    else:
        anchors = _actor_keys(profile, "a:") | {
            "g:" + cell
            for p in _towns(profile)
            for cell in cells_within(*p.point, rules.fine_limit_km, rules.cell_degrees)
        }
    return _combine(profile, anchors | _place_name_key(profile), rules)


def _place_name_key(profile: Profile) -> set[str]:
    """``pn:NAME|ISO3``: the place's name, so namesakes resolved far apart still meet."""
    place = profile.place
    if place is None or not place.name_key or not place.has_point or place.feature in WHOLE_COUNTRY:
        return set()
    return {f"pn:{place.name_key}|{place.country or ''}"}


def _anchored(profile: Profile) -> PlaceRef:
    """The place of a profile whose anchor class is fine or coarse (such a place always has a
    point and a country)."""
    if profile.place is None:
        raise ValueError("an anchored profile always has a place")
    return profile.place


def _country(place: PlaceRef) -> str:
    if place.country is None:
        raise ValueError(f"place {place.identity} is anchored but has no country")
    return place.country


def _towns(profile: Profile) -> list[PlaceRef]:
    """The settlements an unlocated event's documents name (``Profile.context``)."""
    return [place for place in profile.context if place.feature in SETTLEMENTS and place.has_point]


def _anchor_class(profile: Profile, rules: FusionRules) -> str:
    return anchor_class(profile.place, rules.radius_km, rules.default_radius_km, rules.fine_limit_km)


def _actor_keys(profile: Profile, prefix: str) -> set[str]:
    return {prefix + actor for actor in named_actors(profile.actors)}


def _combine(profile: Profile, anchors: set[str], rules: FusionRules) -> set[str]:
    return {f"{profile.family}|{bucket}|{anchor}" for bucket in date_buckets(profile, rules) for anchor in anchors}


def date_buckets(profile: Profile, rules: FusionRules) -> list[str]:
    span = dated(profile)
    if span.days > rules.max_span_days:
        return [f"s{span.begin}-{span.end}"]
    slack = rules.max_tolerance
    first, last = (span.begin - slack) // rules.bucket_days, (span.end + slack) // rules.bucket_days
    return [f"w{bucket}" for bucket in range(first, last + 1)]
