"""Choosing one place per toponym from its gazetteer candidates, using the whole document.

Each candidate gets a prior (population, kind of place, whether the name is the place's own)
and a context score from the other toponyms' current choices: same country, same first-level
division, distance to them, and "X, Y" containment ("Alexandria, La."). Choices are revised a
few times so that context settles; every mention of one name in a document gets one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import median
from typing import AbstractSet, Callable

from polemos.geo.gazetteer import Candidate
from polemos.geo.sources import haversine_km
from polemos.geo.words import GeoWords

MAX_ERROR_KM = 20039.0
WELL_KNOWN_POPULATION = 1_000_000
HOME_FIRST_RATIO = 10  # how much larger a namesake elsewhere may be for the outlet's state to count first
LONE_TOWN_CONTEXT = 3  # other places a story needs before a lone town abroad is doubted
_SETTLEMENTS = ("city", "town", "village")
_CONTAINERS = ("country", "admin1")
_DIVISIONS = ("admin1", "admin2")


@dataclass(frozen=True)
class Weights:
    """Scoring weights; defaults set by a coarse one-at-a-time search on LGL and TR-News
    (gold spans), kept at round values."""

    population: float = 1.5
    primary_name: float = 0.5
    feature: dict[str, float] = field(
        default_factory=lambda: {
            "country": 0.9,
            "continent": 0.9,
            "admin1": 0.5,
            "region": 0.7,
            "route": 0.7,
            "water": 0.7,
            "admin2": -0.2,
            "city": 0.0,
            "town": 0.0,
            "village": -0.1,
        }
    )
    capital: float = 0.8
    same_country: float = 1.0
    neighbour_country: float = 0.3
    same_admin1: float = 1.2
    same_admin2: float = 2.0
    mentioned_country: float = 0.8
    proximity: float = 1.5
    container: float = 2.5
    context_hint: float = 1.0
    home_state: float = 1.0  # a place in the state the outlet's address names (``outlet``)
    rounds: int = 3
    max_candidates: int = 60


@dataclass
class Group:
    """All mentions of one name in a document; they share one resolution."""

    key: str
    candidates: list[Candidate]
    containers: list[Candidate] = field(default_factory=list)  # places named right after ", "
    hierarchy: list[Candidate] = field(default_factory=list)  # containers written unmistakably as such
    contained: list[int] = field(default_factory=list)  # groups whose mention precedes ", <this>"
    choice: Candidate | None = None

    def admin2_ids(self) -> set[int]:
        return {c.admin2 for c in self.candidates if c.admin2}


def prior(candidate: Candidate, weights: Weights) -> float:
    score = weights.population * math.log10(candidate.population + 1) / 7.0
    score += weights.feature.get(candidate.feature, 0.0)
    if candidate.primary_name:
        score += weights.primary_name
    if candidate.capital:
        score += weights.capital
    return score


def group_priors(candidates: list[Candidate], weights: Weights) -> dict[int, float]:
    """Each candidate's prior; a division less populous than a city of the same name loses the
    bonus of its kind: "Toledo" is the Ohio city before the Belizean district."""
    largest_city = max((c.population for c in candidates if c.feature in _SETTLEMENTS and c.primary_name), default=0)
    priors = {}
    for candidate in candidates:
        score = prior(candidate, weights)
        if candidate.feature in _DIVISIONS and candidate.population < largest_city:
            score -= max(0.0, weights.feature.get(candidate.feature, 0.0))
        priors[candidate.place_id] = score
    return priors


def population_choice(candidates: list[Candidate]) -> Candidate | None:
    """The baseline: the most populous candidate."""
    return max(candidates, key=lambda c: c.population, default=None)


def inside(candidate: Candidate, container: Candidate) -> bool:
    if container.place_id == candidate.place_id:
        return False
    if container.feature == "country":
        return candidate.country_iso2 == container.country_iso2
    if container.feature == "admin1":
        return candidate.admin1 == container.admin1 and candidate.feature != "admin1"
    return False


class Resolver:
    def __init__(self, weights: Weights, neighbours: Callable[[str], set[str]]):
        self.weights = weights
        self.neighbours = neighbours

    def resolve(
        self,
        groups: list[Group],
        hint_countries: AbstractSet[str] = frozenset(),
        home_states: AbstractSet[str] = frozenset(),
    ) -> None:
        """Set ``group.choice`` for every group. ``home_states``: GeoNames admin1 codes of the
        states the outlet is at home in, whose places are the likelier among namesakes."""
        priors = {id(g): group_priors(g.candidates, self.weights) for g in groups}
        for group in groups:
            group.choice = max(
                group.candidates,
                key=lambda c: priors[id(group)][c.place_id] + self._first_home_score(c, group, home_states),
                default=None,
            )
        admin2_sets = [g.admin2_ids() for g in groups]
        for _ in range(self.weights.rounds):
            changed = False
            for index, group in enumerate(groups):
                if len(group.candidates) < 2:
                    continue
                others = [g.choice for j, g in enumerate(groups) if j != index and g.choice is not None]
                other_admin2 = [ids for j, ids in enumerate(admin2_sets) if j != index and ids]
                context = _Context(others, other_admin2, hint_countries, self.neighbours, home_states)
                best = max(
                    group.candidates,
                    key=lambda c: priors[id(group)][c.place_id] + self._context_score(c, group, groups, context),
                )
                changed |= best is not group.choice
                group.choice = best
            if not changed:
                break
        for index, group in enumerate(groups):
            if not self._plausible(
                group.choice, [g.choice for j, g in enumerate(groups) if j != index]
            ) or _outside_written_containers(group):
                group.choice = None

    def _first_home_score(self, candidate: Candidate, group: Group, home_states: AbstractSet[str]) -> float:
        """The outlet's state weighed in the first choices, before the other names are resolved,
        so that two namesakes in one other state ("Brookhaven" and "Jackson" on a Mississippi
        station's page) do not hold each other there. Only among namesakes of comparable size:
        a far larger one elsewhere (Newark, N.J., above Newark, N.Y., on a New York station's
        page) is left to the context, as a station covers the states around its own."""
        if candidate.feature == "country" or candidate.admin1 not in home_states:
            return 0.0
        largest = max(c.population for c in group.candidates)
        return self.weights.home_state if candidate.population * HOME_FIRST_RATIO >= largest else 0.0

    def _plausible(self, choice: Candidate | None, others: list[Candidate | None]) -> bool:
        """A place known only by an alternate spelling, far from the document's other places, is
        more likely a place the gazetteer lacks: "Signag" in a Karabakh story is not Sighnaghi
        in Georgia, "Boni" in a story on Kenya and Somalia is not Bonn. Leave it unresolved. A
        small town must share a country with the others; a city a country or a border; exonyms
        of the largest cities ("Peking") stand. A town known by its own name is doubted only as
        a lone town abroad (``_lone_foreign_town``)."""
        if choice is None or choice.feature not in _SETTLEMENTS:
            return True
        if choice.primary_name and not self._lone_foreign_town(choice, others):
            return True
        if choice.population >= WELL_KNOWN_POPULATION:
            return True
        countries = {o.country_iso2 for o in others if o is not None}
        if not countries or choice.country_iso2 in countries:
            return True
        return choice.feature == "city" and bool(countries & self.neighbours(choice.country_iso2 or ""))

    def _lone_foreign_town(self, choice: Candidate, others: list[Candidate | None]) -> bool:
        """A town abroad, not across a border, from a story whose other places (several, below
        country level) all lie in one country is more likely the story's own town that the
        gazetteer lacks: "Pinetown" beside "Beaufort County" and "Washington" in North Carolina
        is not the South African town."""
        local = [o for o in others if o is not None and o.feature not in ("country", "continent")]
        countries = {o.country_iso2 for o in local}
        if choice.population >= WELL_KNOWN_POPULATION or len(local) < LONE_TOWN_CONTEXT or len(countries) != 1:
            return False
        return choice.country_iso2 not in countries and not countries & self.neighbours(choice.country_iso2 or "")

    def _context_score(self, candidate: Candidate, group: Group, groups: list[Group], context: "_Context") -> float:
        w = self.weights
        score = 0.0
        if context.count:
            score += w.same_country * context.country_share(candidate.country_iso2)
            score += w.neighbour_country * context.neighbour_share(candidate.country_iso2)
            if candidate.feature != "country":
                score += w.same_admin1 * context.admin1_share(candidate.admin1)
            score += w.same_admin2 * context.admin2_support(candidate.admin2)
            if candidate.feature != "country" and candidate.country_iso2 in context.mentioned_countries:
                score += w.mentioned_country
            score += w.proximity * context.closeness(candidate)
        if candidate.country_iso2 and candidate.country_iso2 in context.hints:
            score += w.context_hint
        if candidate.feature != "country" and candidate.admin1 in context.home_states:
            score += w.home_state
        if group.containers and any(inside(candidate, c) for c in group.containers):
            score += w.container
        for j in group.contained:
            held = groups[j].choice
            if held is not None and candidate.feature in _CONTAINERS and inside(held, candidate):
                score += w.container
        return score


def _outside_written_containers(group: Group) -> bool:
    """A settlement whose hierarchy is written out ("Kolo (Bankass, Mopti)", "Khulm district,
    Balkh") with containers in another country is a place the gazetteer lacks, not a namesake
    abroad. (A bare ", Y" may be a list's next item: "Moscow, Kiev and Minsk".)"""
    choice = group.choice
    if choice is None or choice.feature not in _SETTLEMENTS or not group.hierarchy:
        return False
    if any(inside(choice, c) for c in group.containers):
        return False
    return choice.country_iso2 not in {c.country_iso2 for c in group.hierarchy}


class _Context:
    """The other toponyms' current choices, summarised for scoring a candidate."""

    def __init__(
        self,
        others: list[Candidate],
        other_admin2: list[set[int]],
        hints: AbstractSet[str],
        neighbours: Callable[[str], set[str]],
        home_states: AbstractSet[str] = frozenset(),
    ):
        self.count = len(others)
        self.hints = hints
        self.home_states = home_states
        self.other_admin2 = other_admin2
        self.mentioned_countries = {o.country_iso2 for o in others if o.feature == "country"}
        self.countries: dict[str, int] = {}
        self.admin1s: dict[str, int] = {}
        for other in others:
            if other.country_iso2:
                self.countries[other.country_iso2] = self.countries.get(other.country_iso2, 0) + 1
            if other.admin1:
                self.admin1s[other.admin1] = self.admin1s.get(other.admin1, 0) + 1
        self._neighbours = neighbours
        self.points = [(o.lat, o.lon) for o in others if o.feature not in ("continent",)]

    def country_share(self, iso2: str | None) -> float:
        return self.countries.get(iso2, 0) / self.count if iso2 else 0.0

    def neighbour_share(self, iso2: str | None) -> float:
        if not iso2:
            return 0.0
        return sum(self.countries.get(n, 0) for n in self._neighbours(iso2)) / self.count

    def admin1_share(self, admin1: str | None) -> float:
        return self.admin1s.get(admin1, 0) / self.count if admin1 else 0.0

    def admin2_support(self, admin2: int | None) -> float:
        """Share of the other names that could be in the same second-level division: "Paris"
        and "Henry County" together point to the Paris inside Henry County, whatever their
        current choices."""
        if not admin2 or not self.count:
            return 0.0
        return sum(admin2 in ids for ids in self.other_admin2) / self.count

    def closeness(self, candidate: Candidate) -> float:
        if not self.points:
            return 0.0
        distance = median(haversine_km((candidate.lat, candidate.lon), p) for p in self.points)
        return 1.0 - math.log1p(distance) / math.log1p(MAX_ERROR_KM)


def following_name(text: str, end: int, words: GeoWords) -> tuple[int, str] | None:
    """The capitalised name written as a container right after ``end``: ("Alexandria", ", La.")
    -> "La.", ("Kolo", " (Bankass, Mopti)") -> "Bankass" (``words.following_name``: after the
    language's ``container_gap``, which may hold a division word, "Khulm district, Balkh")."""
    match = words.following_name.match(text, end)
    if not match:
        return None
    return match.start(1), match.group(1)


def unmistakable_container(text: str, end: int, start: int, name: str, words: GeoWords) -> bool:
    """Whether the name at ``start`` is written unmistakably as the container of the place
    ending at ``end``: in brackets ("Kolo (Bankass") or with a division word ("Khulm district,
    Balkh", "Tinaquillo, Cojedes state"), not a bare ", " that a list also has."""
    after = text[start + len(name) : start + len(name) + 20]
    return bool(words.hierarchy_mark.search(text[end:start])) or bool(words.division_after.match(after))


def written_containers(text: str, end: int, words: GeoWords, levels: int = 3) -> list[tuple[int, str]]:
    """The chain of names written as containers after ``end``: "Kolo (Bankass, Mopti)" ->
    Bankass, Mopti."""
    chain: list[tuple[int, str]] = []
    following = following_name(text, end, words)
    while following is not None and len(chain) < levels:
        chain.append(following)
        following = following_name(text, following[0] + len(following[1]), words)
    return chain
