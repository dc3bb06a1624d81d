"""The gazetteer: names to candidate places, read from the on-disk SQLite index."""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from polemos.geo.index import build_index, data_version, index_path
from polemos.geo.normalize import fallback_keys, name_key, part_core

_TOWNS = ("city", "town", "village")


@dataclass(frozen=True)
class Candidate:
    geonameid: int | None  # None for curated places GeoNames lacks
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166 alpha-3
    feature: str  # country | admin1 | admin2 | city | town | village | region | route | water | continent
    population: int
    place_id: int  # the index's own id (the GeoNames id, or negative for curated places)
    country_iso2: str | None = None
    admin1: str | None = None  # GeoNames admin1 code, e.g. "US.GA"
    admin2: int | None = None
    capital: bool = False
    primary_name: bool = True  # the name looked up is the place's own name, not an alternate one


def default_cache_dir() -> Path:
    configured = os.environ.get("POLEMOS_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "polemos"


class Gazetteer:
    """Read-only access to the gazetteer index; build it with ``Gazetteer.open``."""

    def __init__(self, connection: sqlite3.Connection, path: Path, build_seconds: float | None = None):
        self._db = connection
        self.path = path
        self.build_seconds = build_seconds
        self._iso3 = {iso2: iso3 for iso2, iso3 in connection.execute("SELECT iso2, iso3 FROM country")}
        self._iso3["XK"] = "XKX"
        self._neighbours = {
            iso2: set(filter(None, text.split(",")))
            for iso2, text in connection.execute("SELECT iso2, neighbours FROM country")
        }

    @classmethod
    def open(cls, cache_dir: Path | None = None) -> "Gazetteer":
        """Open the index in ``cache_dir`` (default ``$POLEMOS_CACHE`` or ``~/.cache/polemos``),
        building it first when it is missing or was built from other data."""
        cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        version = data_version()
        path = index_path(cache_dir, version)
        build_seconds = None
        if not path.exists():
            build_seconds = build_index(path, version)
            _remove_stale(cache_dir, keep=path)
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(connection, path, build_seconds)

    def close(self) -> None:
        self._db.close()

    def lookup(self, name: str, shorten: bool = True) -> list[Candidate]:
        """Places called ``name``; when none (and ``shorten``), places called a shortened form
        of it ("Rapides Parish" -> "Rapides"). Most populous first."""
        key = name_key(name)
        found = self._lookup_key(key)
        if found and shorten and not any(c.primary_name for c in found):
            found = found + self._town_of_part(key, found)
        for shorter in fallback_keys(key) if not found and shorten else []:
            found = self._lookup_key(shorter)
            if found:
                break
        return found

    def _town_of_part(self, key: str, found: list[Candidate]) -> list[Candidate]:
        """For a part of a town named by its side ("West Charlotte") that the gazetteer knows
        only as another place's alternate name (a hamlet of Charlotte, Vermont), the towns of
        the core name too: the text may mean a side of the city of Charlotte."""
        core = part_core(key)
        if core is None:
            return []
        known = {c.place_id for c in found}
        return [c for c in self._lookup_key(core) if c.feature in _TOWNS and c.place_id not in known]

    def _lookup_key(self, key: str) -> list[Candidate]:
        rows = self._db.execute(
            "SELECT p.id, p.name, p.lat, p.lon, p.country, p.feature, p.population, p.admin1, "
            "p.admin2, p.capital, a.primary_name FROM alias a JOIN place p ON p.id = a.place "
            "WHERE a.key = ? ORDER BY p.population DESC",
            (key,),
        ).fetchall()
        return [self._candidate(row) for row in rows]

    def _candidate(self, row: tuple) -> Candidate:
        place_id, name, lat, lon, iso2, feature, population, admin1, admin2, capital, primary = row
        return Candidate(
            geonameid=place_id if place_id > 0 else None,
            name=name,
            lat=lat,
            lon=lon,
            country=self._iso3.get(iso2) if iso2 else None,
            feature=feature,
            population=population,
            place_id=place_id,
            country_iso2=iso2,
            admin1=admin1,
            admin2=admin2,
            capital=bool(capital),
            primary_name=bool(primary),
        )

    def large_places_by_written_key(self, min_population: int) -> dict[str, list[Candidate]]:
        """First-level divisions, and cities and towns of at least ``min_population`` people, by
        their own name's key written without spaces ("losangeles"), as a web address writes it."""
        rows = self._db.execute(
            "SELECT a.key, p.id, p.name, p.lat, p.lon, p.country, p.feature, p.population, p.admin1, "
            "p.admin2, p.capital, a.primary_name FROM alias a JOIN place p ON p.id = a.place "
            "WHERE a.primary_name = 1 AND (p.feature = 'admin1' OR "
            "(p.feature IN ('city', 'town', 'village') AND p.population >= ?))",
            (min_population,),
        ).fetchall()
        found: dict[str, list[Candidate]] = {}
        for key, *row in rows:
            found.setdefault(key.replace(" ", ""), []).append(self._candidate(tuple(row)))
        return found

    def admin1_names(self) -> dict[str, str]:
        """Every first-level division's name by its GeoNames code ("IN.09" -> "Gujarāt")."""
        rows = self._db.execute("SELECT admin1, name FROM place WHERE feature = 'admin1' ORDER BY id DESC")
        return {code: name for code, name in rows if code}

    def place_divisions(self, place_id: int) -> tuple[str, str, str | None, str | None] | None:
        """(name, feature, admin1 code, admin2 name) of a place, None when the index lacks it."""
        row = self._db.execute(
            "SELECT p.name, p.feature, p.admin1, a.name FROM place p"
            " LEFT JOIN place a ON a.id = p.admin2 AND a.feature = 'admin2' WHERE p.id = ?",
            (place_id,),
        ).fetchone()
        return tuple(row) if row else None

    def suggest(self, text: str, limit: int = 10) -> list[dict]:
        """Places whose name (or another name of theirs) begins with ``text``, for a place field
        typed into: the places of that very name first, then those whose own name begins so, then
        those another name of which is that name or begins so, each group most populous first. Each comes with its first-level division's name
        and its country, which tell namesakes apart."""
        key = name_key(text)
        if len(key) < 2:
            return []
        rows = self._db.execute(
            "SELECT p.id, p.name, p.lat, p.lon, p.country, p.feature, p.population, p.admin1,"
            # tier 0: its own name is the text; 1: its own name begins so; 2 and 3: another name of it
            " MIN(CASE WHEN a.primary_name = 1 THEN 0 ELSE 2 END + CASE WHEN a.key = ? THEN 0 ELSE 1 END) AS tier"
            " FROM alias a JOIN place p ON p.id = a.place"
            " WHERE a.key >= ? AND a.key < ? AND p.feature NOT IN ('continent', 'route', 'water')"
            " GROUP BY p.id ORDER BY tier, p.population DESC, p.id LIMIT ?",
            (key, key, key + "\U0010ffff", limit),
        ).fetchall()
        codes = sorted({row[7] for row in rows if row[7]})
        divisions = (
            dict(
                self._db.execute(
                    f"SELECT admin1, name FROM place WHERE feature = 'admin1' AND admin1 IN ({','.join('?' * len(codes))})",
                    codes,
                ).fetchall()
            )
            if codes
            else {}
        )
        return [
            {
                "geonameid": row[0] if row[0] > 0 else None,
                "name": row[1],
                "lat": row[2],
                "lon": row[3],
                "country": self._iso3.get(row[4]) if row[4] else None,
                "feature": row[5],
                "population": row[6],
                "admin1": divisions.get(row[7]) if row[5] not in ("admin1", "country") else None,
            }
            for row in rows
        ]

    def populated_places(
        self, south: float, west: float, north: float, east: float, min_population: int, limit: int
    ) -> list[dict]:
        """The capitals and the most populous cities and towns inside a box, for the map's place names."""
        rows = self._db.execute(
            "SELECT name, lat, lon, country, feature, population, capital FROM place WHERE feature IN ('city', 'town')"
            " AND (population >= ? OR capital = 1) AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
            " ORDER BY capital DESC, population DESC, id"
            " LIMIT ?",
            (min_population, south, north, west, east, limit),
        ).fetchall()
        return [
            {
                "name": row[0],
                "lat": row[1],
                "lon": row[2],
                "country": self._iso3.get(row[3]) if row[3] else None,
                "feature": row[4],
                "population": row[5],
                "capital": bool(row[6]),
            }
            for row in rows
        ]

    def iso3_codes(self) -> dict[str, str]:
        """ISO alpha-2 -> alpha-3 for every country in the index."""
        return dict(self._iso3)

    def neighbours(self, iso2: str) -> set[str]:
        return self._neighbours.get(iso2, set())

    def caseless_names(self) -> frozenset[str]:
        """Name keys worth looking for in text without capitals (see ``index.CASELESS_MIN_POPULATION``)."""
        return frozenset(key for (key,) in self._db.execute("SELECT key FROM caseless"))

    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler patterns for curated conflict names and spellings the NER misses."""
        rows = self._db.execute("SELECT text, label FROM ruler ORDER BY text").fetchall()
        return [{"label": label, "pattern": text, "id": f"polemos-geo:{name_key(text)}"} for text, label in rows]

    def stats(self) -> dict[str, float]:
        places = self._db.execute("SELECT count(*) FROM place").fetchone()[0]
        names = self._db.execute("SELECT count(*) FROM alias").fetchone()[0]
        return {"places": places, "names": names, "size_mb": self.path.stat().st_size / 1e6}


def _remove_stale(cache_dir: Path, keep: Path) -> None:
    for old in cache_dir.glob("gazetteer-*.sqlite"):
        if old != keep:
            old.unlink(missing_ok=True)


def timed_open(cache_dir: Path | None = None) -> tuple[Gazetteer, float]:
    started = time.perf_counter()
    gazetteer = Gazetteer.open(cache_dir)
    return gazetteer, time.perf_counter() - started
