"""Which first-level division (state, province, region) a point lies in, from the Natural Earth
admin-1 areas the web workspace ships (``web/static/vendor/admin1/<iso3>.json``, one TopoJSON
per country, as the map draws them).

A point is tested only against its own country's areas (the country the store already gives
each event), first by bounding box, then by ray casting. A country's file is read the first
time one of its points is asked for; the answers are remembered per coordinate, since events
share few distinct places. One ``Admin1Areas`` is made per process and passed in.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

Ring = list[tuple[float, float]]  # (lon, lat)
MOST_REMEMBERED_POINTS = 200_000


@dataclass(frozen=True)
class Area:
    code: str  # the area's HASC-style code in the file, e.g. "IN.GJ"; with the name, unique within its country
    name: str
    country: str  # ISO 3166 alpha-3
    bounds: tuple[float, float, float, float]  # west, south, east, north
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: its outer ring, then its holes

    def contains(self, lon: float, lat: float) -> bool:
        west, south, east, north = self.bounds
        if not (west <= lon <= east and south <= lat <= north):
            return False
        return any(
            _inside(polygon[0], lon, lat) and not any(_inside(hole, lon, lat) for hole in polygon[1:])
            for polygon in self.polygons
        )


def default_directory() -> Path:
    return Path(str(resources.files("polemos.web").joinpath("static", "vendor", "admin1")))


class Admin1Areas:
    """Admin-1 areas by country, read on demand from ``directory``."""

    def __init__(self, directory: Optional[Path] = None):
        self.directory = Path(directory) if directory else default_directory()
        self._countries: dict[str, tuple[Area, ...]] = {}
        self._points: dict[tuple[str, float, float], Optional[Area]] = {}
        self._lock = threading.Lock()

    def available(self) -> bool:
        return self.directory.is_dir()

    def of_country(self, country: str) -> tuple[Area, ...]:
        country = (country or "").upper()
        with self._lock:
            if country not in self._countries:
                self._countries[country] = _read_country(self.directory, country)
            return self._countries[country]

    def locate(self, country: Optional[str], lat: float, lon: float) -> Optional[Area]:
        """The area of ``country`` holding the point, or None (no such country file, or the point
        falls outside every area, as on a coast the simplified borders cut off)."""
        if not country:
            return None
        key = (country.upper(), lat, lon)
        if key in self._points:
            return self._points[key]
        found = next((area for area in self.of_country(country) if area.contains(lon, lat)), None)
        if len(self._points) < MOST_REMEMBERED_POINTS:
            self._points[key] = found
        return found


def _read_country(directory: Path, country: str) -> tuple[Area, ...]:
    if not country.isalpha() or len(country) != 3:
        return ()
    path = directory / f"{country.lower()}.json"
    if not path.is_file():
        return ()
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decoded_arcs(topology)
    areas = []
    for collection in topology.get("objects", {}).values():
        for geometry in collection.get("geometries", []):
            code, name = str(geometry.get("id") or ""), (geometry.get("properties") or {}).get("name")
            if not name or code in ("", "-99"):  # NE's unnamed slivers: no division to count in
                continue
            polygons = _polygons(geometry, arcs)
            if polygons:
                areas.append(Area(code, name, country, _bounds(polygons), polygons))
    return tuple(areas)


def _decoded_arcs(topology: dict) -> list[Ring]:
    """TopoJSON arcs as absolute (lon, lat) points: quantized and delta-encoded when there is a transform."""
    transform = topology.get("transform")
    decoded = []
    for arc in topology.get("arcs", []):
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
            decoded.append(points)
        else:
            decoded.append([(float(p[0]), float(p[1])) for p in arc])
    return decoded


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _polygons(geometry: dict, arcs: list[Ring]) -> tuple[tuple[Ring, ...], ...]:
    if geometry.get("type") == "Polygon":
        shapes = [geometry["arcs"]]
    elif geometry.get("type") == "MultiPolygon":
        shapes = geometry["arcs"]
    else:
        return ()
    return tuple(tuple(_ring(ring, arcs) for ring in shape) for shape in shapes if shape)


def _bounds(polygons) -> tuple[float, float, float, float]:
    lons = [lon for polygon in polygons for lon, _ in polygon[0]]
    lats = [lat for polygon in polygons for _, lat in polygon[0]]
    return min(lons), min(lats), max(lons), max(lats)


def _inside(ring: Ring, x: float, y: float) -> bool:
    """Ray casting: whether (x, y) lies inside the closed ring."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside
