"""A place written as the workspace's place suggestions write it, and back: "Goris (Syunik', ARM)"
— its name, then its first-level division and country, which tell namesakes apart — read
back to the gazetteer's place (the most populous of that very name when several fit)."""

from __future__ import annotations

import re
from typing import Optional

from polemos.geo.normalize import name_key

# "Name", "Name (ISO3)" or "Name (Division, ISO3)".
WRITTEN_PLACE = re.compile(r"\s*(?P<name>.+?)\s*(?:\((?:(?P<division>[^()]*?),\s*)?(?P<country>[A-Za-z]{3})\))?\s*")
RESOLVE_LIMIT = 200  # namesakes read to find the one a written place names (Springfield has dozens)
PLACE_KEYS = ("name", "geonameid", "lat", "lon", "country", "feature", "admin1")


def written(place: dict, with_division: bool) -> str:
    """A place (``name``, ``admin1``, ``country``) as a suggestion writes it."""
    parts = [part for part in ((place.get("admin1") if with_division else None), place.get("country")) if part]
    return place["name"] + (f" ({', '.join(parts)})" if parts else "")


def resolve_written(gazetteer, text: str) -> Optional[dict]:
    """The gazetteer place ``text`` names (its name, and its division and country when given):
    ``{name, geonameid, lat, lon, country, feature, admin1}``, or None when it has none."""
    found = WRITTEN_PLACE.fullmatch(text)
    if found is None:
        return None
    name, division, country = name_key(found["name"]), found["division"], (found["country"] or "").upper()
    for place in gazetteer.suggest(found["name"], RESOLVE_LIMIT):
        if name_key(place["name"]) != name or (country and place["country"] != country):
            continue
        if division and name_key(place["admin1"] or "") != name_key(division):
            continue
        return {key: place[key] for key in PLACE_KEYS}
    return None
