"""Place suggestions for the fields a place is typed into (a correction's place, the map's "Go to
a place"): the places stored documents name, then the gazetteer's (the GeoNames index ingest
builds), each written with its first-level division and country so namesakes are told apart
("Goris (Syunik', ARM)"), and a suggestion taken back to the place it names.

The gazetteer is opened at the first suggestion asked for, and only if ingest has built it
(a request never waits for a build); without it, the stored places alone are suggested.
"""

from __future__ import annotations

import threading
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from polemos.geo.written_places import resolve_written, written
from polemos.store import queries
from polemos.web.api import store_of
from polemos.web.params import bbox

router = APIRouter(prefix="/api")


class PlaceSuggester:
    """The gazetteer's suggestions, shared by every request of one app (its connection is read-only)."""

    def __init__(self, opener=None):
        self._opener = opener or _built_gazetteer
        self._gazetteer = None
        self._opened = False
        self._lock = threading.Lock()

    def _get(self):
        with self._lock:
            if not self._opened:
                self._gazetteer, self._opened = self._opener(), True
            return self._gazetteer

    def suggest(self, text: str, limit: int) -> list[dict]:
        gazetteer = self._get()
        if gazetteer is None:
            return []
        with self._lock:  # one query at a time on the shared connection
            return gazetteer.suggest(text, limit)

    def resolve(self, text: str) -> Optional[dict]:
        """The gazetteer place a written place names; None when the gazetteer has none (or is not built)."""
        gazetteer = self._get()
        if gazetteer is None:
            return None
        with self._lock:
            return resolve_written(gazetteer, text)

    def populated(self, box: tuple[float, float, float, float], min_population: int, limit: int) -> list[dict]:
        gazetteer = self._get()
        if gazetteer is None:
            return []
        with self._lock:
            return gazetteer.populated_places(*box, min_population, limit)

    def close(self) -> None:
        with self._lock:
            if self._gazetteer is not None:
                self._gazetteer.close()
            self._gazetteer, self._opened = None, False


def _built_gazetteer():
    from polemos.geo.admin import built_gazetteer

    try:
        return built_gazetteer()
    except Exception:  # noqa: BLE001 - a damaged or unreadable index: suggest the stored places alone
        return None


@router.get(
    "/place-suggestions", tags=["places"], summary="Places for a typed name: the documents', then the gazetteer's"
)
def place_suggestions(
    request: Request,
    q: str = Query(..., min_length=1, max_length=200),
    limit: int = Query(10, ge=1, le=50),
    store=Depends(store_of),
):
    """Each item: ``value`` (the place written as a correction takes it), ``label``, ``name``,
    ``admin1``, ``country``, ``feature``, ``population``, ``lat``, ``lon``, ``geonameid``,
    ``documents`` (how many stored documents name it) and ``source`` (``documents`` or ``gazetteer``).
    Stored places come first, most often named first; then the gazetteer's: the place of that
    very name, then names beginning so, most populous first."""
    stored, _total = queries.places(store, q.strip(), None, limit, 0)
    items, seen = [], set()
    for place in stored:
        if place["lat"] is None or place["lon"] is None:
            continue
        seen.add(place["geonameid"])
        items.append(
            {
                **place,
                "admin1": None,
                "population": None,
                "source": "documents",
                "value": written(place, False),
                "label": " · ".join(filter(None, (place["feature"], f"named in {place['documents']} documents"))),
            }
        )
    for place in request.app.state.place_suggester.suggest(q, limit):
        if len(items) >= limit:
            break
        if place["geonameid"] is not None and place["geonameid"] in seen:
            continue
        population = f"{place['population']:,} people" if place["population"] else None
        items.append(
            {
                **place,
                "documents": 0,
                "source": "gazetteer",
                "value": written(place, True),
                "label": " · ".join(filter(None, (place["feature"], population, "gazetteer"))),
            }
        )
    return {"items": items[:limit], "total": len(items[:limit])}


# The fewest people a town needs to be named on the map at each zoom (Leaflet's levels, 2 the world).
NAMED_FROM = ((4, 2_000_000), (5, 500_000), (6, 200_000), (7, 50_000), (8, 20_000), (10, 5_000))


def smallest_named(zoom: int) -> int:
    for below, population in NAMED_FROM:
        if zoom <= below:
            return population
    return 0


@router.get("/map/places", tags=["places"], summary="Cities and towns to name on the map, most populous first")
def map_places(
    request: Request,
    bbox_text: str = Query(..., alias="bbox", max_length=200, description="SOUTH,WEST,NORTH,EAST."),
    zoom: int = Query(..., ge=0, le=20, description="The map's zoom: the closer, the smaller the towns named."),
    limit: int = Query(30, ge=1, le=200),
):
    """From the gazetteer (GeoNames), capitals first; empty when its index is not built."""
    box = bbox(bbox_text)
    if box is None:
        raise HTTPException(422, "bbox: SOUTH,WEST,NORTH,EAST in degrees")
    places = request.app.state.place_suggester.populated(box, smallest_named(zoom), limit)
    return {"items": places, "total": len(places), "min_population": smallest_named(zoom)}
