"""Where a report puts its event, and how far apart two such places may be and still be one event.

A place is as precise as its gazetteer feature: a town names a point give or take a few
kilometres, a province a region hundreds of kilometres wide, a country only a border.
Each feature gets a radius (``FusionRules.radius_km``); two places agree when their distance
is within the larger radius, since a report naming the province is compatible with any town
in it.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from typing import Any, Mapping, Optional

from polemos.distance import great_circle_km

SETTLEMENTS = frozenset({"city", "town", "village"})
# Features that say nothing about where inside a country the event was.
WHOLE_COUNTRY = frozenset({"country"})
NOT_A_LOCATION = frozenset({"continent"})

# How a place can anchor a match: ``fine`` (a point: settlement, district, road), ``coarse``
# (a province or region inside a known country) or ``none`` (no place, a whole country, or
# no usable coordinates/country).
FINE, COARSE, NONE = "fine", "coarse", "none"

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class PlaceRef:
    name: Optional[str] = None
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None
    feature: Optional[str] = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon) of a place that has one (``has_point``)."""
        if self.lat is None or self.lon is None:
            raise ValueError(f"place {self.identity} has no coordinates")
        return self.lat, self.lon

    @property
    def name_key(self) -> str:
        return _NOT_WORD.sub("", (self.name or "").casefold())

    @property
    def identity(self) -> str:
        """What makes two mentions the same place: the gazetteer id, else the name and country."""
        if self.geonameid is not None:
            return f"g{self.geonameid}"
        return f"n{self.name_key}|{self.country or ''}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> Optional["PlaceRef"]:
        return cls(**data) if data else None

    @classmethod
    def of(cls, data: dict[str, Any]) -> "PlaceRef":
        """The place a stored dict describes (one that is never empty: a document's place)."""
        return cls(**data)


def place_or_none(place: Optional[PlaceRef]) -> Optional[PlaceRef]:
    """None for an empty place or one that locates nothing (a continent)."""
    if place is None or place.feature in NOT_A_LOCATION:
        return None
    if not place.has_point and place.country is None and not place.name_key:
        return None
    return place


def radius_km(place: PlaceRef, radii: Mapping[str, float], default_km: float) -> float:
    if place.feature in WHOLE_COUNTRY:
        return math.inf
    return radii.get(place.feature or "", default_km)


def anchor_class(place: Optional[PlaceRef], radii: Mapping[str, float], default_km: float, fine_limit_km: float) -> str:
    """``fine``, ``coarse`` or ``none``: which spatial agreement this place can vouch for."""
    if place is None or place.country is None or place.feature in WHOLE_COUNTRY or not place.has_point:
        return NONE
    return FINE if radius_km(place, radii, default_km) <= fine_limit_km else COARSE


def same_place(a: PlaceRef, b: PlaceRef, same_place_km: float) -> bool:
    """The same named place, allowing for two gazetteer entries of one town."""
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    distance = distance_km(a, b)
    if distance is not None and distance <= same_place_km:
        return True
    return bool(a.name_key) and a.name_key == b.name_key and (distance is None or distance <= 4 * same_place_km)


def distance_km(a: PlaceRef, b: PlaceRef) -> Optional[float]:
    if not (a.has_point and b.has_point):
        return None
    return great_circle_km(*a.point, *b.point)


def grid_cell(lat: float, lon: float, degrees: float) -> str:
    column = _wrapped_columns(math.floor(lon / degrees), math.floor(lon / degrees), degrees)[0]
    return f"{math.floor(lat / degrees)}:{column}"


def cells_within(lat: float, lon: float, km: float, degrees: float) -> list[str]:
    """Every grid cell that a circle of ``km`` around the point touches (its bounding box)."""
    dlat = km / 111.0
    dlon = min(180.0, km / max(1e-6, 111.0 * math.cos(math.radians(min(89.0, abs(lat) + dlat)))))
    rows = range(math.floor((lat - dlat) / degrees), math.floor((lat + dlat) / degrees) + 1)
    first, last = math.floor((lon - dlon) / degrees), math.floor((lon + dlon) / degrees)
    columns = _wrapped_columns(first, last, degrees)
    return [f"{row}:{column}" for row in rows for column in columns]


def _wrapped_columns(first: int, last: int, degrees: float) -> list[int]:
    """Grid columns from ``first`` to ``last``, wrapping across the antimeridian."""
    per_turn = round(360 / degrees)
    low = math.floor(-180 / degrees)
    columns = {((column - low) % per_turn) + low for column in range(first, last + 1)}
    return sorted(columns)
