"""The API behind the map, timeline and network views, and exports of the current filter."""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from typing import Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import StreamingResponse

from polemos.store import EventFilter
from polemos.web import queries
from polemos.web.api import store_of
from polemos.web.exports import FORMATS, iter_events
from polemos.web.params import MAX_LIMIT, bbox, event_filter

router = APIRouter(prefix="/api")

SPOOL_BYTES = 8_000_000


@router.get("/map", tags=["views"], summary="Event points, or grid cells with counts when there are many")
def map_points(
    filter: EventFilter = Depends(event_filter),
    bbox_text: Optional[str] = Query(None, alias="bbox", description="SOUTH,WEST,NORTH,EAST of the visible map."),
    limit: int = Query(MAX_LIMIT, ge=1, le=MAX_LIMIT, description="Most points (or cells) to return."),
    cell: Optional[float] = Query(None, gt=0, le=90, description="Grid cell size in degrees when events are grouped."),
    store=Depends(store_of),
):
    """``mode`` is ``events`` when every matching event inside ``bbox`` fits in ``limit``;
    otherwise ``cells``: the densest grid cells, each with its event count and bounds."""
    return queries.map_view(store, filter, bbox(bbox_text), limit, cell)


@router.get("/timeline", tags=["views"], summary="Event counts per day, month or year, by type")
def timeline(
    filter: EventFilter = Depends(event_filter),
    granularity: Literal["day", "month", "year"] = Query("month"),
    limit: int = Query(MAX_LIMIT, ge=1, le=MAX_LIMIT, description="Most periods to return."),
    offset: int = Query(0, ge=0),
    store=Depends(store_of),
):
    return queries.timeline(store, filter, granularity, limit, offset)


@router.get("/network", tags=["views"], summary="Actors and the events between them")
def network(
    filter: EventFilter = Depends(event_filter),
    basis: Literal["events", "sentences"] = Query("events", description="Link actors by events or by co-mention in a sentence."),
    limit: int = Query(200, ge=1, le=MAX_LIMIT, description="Most links to return, heaviest first."),
    store=Depends(store_of),
):
    if basis == "sentences":
        return queries.co_mentions(store, filter.doc, limit)
    return queries.network(store, filter, limit)


@router.get("/export", tags=["export"], summary="All events matching the filter, as a file")
def export(
    format: Literal["plover", "acled", "geojson"] = Query(..., description="plover (JSON Lines), acled (CSV) or geojson."),
    filter: EventFilter = Depends(event_filter),
    store=Depends(store_of),
):
    """Written to a spooled file first: the store connection belongs to this request's thread,
    and a large export then streams from disk without holding every event in memory."""
    write, media_type, suffix = FORMATS.get(format) or (None, None, None)
    if write is None:
        raise HTTPException(422, f"unknown export format {format!r}")
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")
    for chunk in write(iter_events(store, filter)):
        spool.write(chunk.encode("utf-8"))
    spool.seek(0)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    headers = {"Content-Disposition": f'attachment; filename="polemos-events-{stamp}.{suffix}"'}
    return StreamingResponse(_chunks(spool), media_type=media_type, headers=headers)


def _chunks(spool, size: int = 64_000):
    try:
        while chunk := spool.read(size):
            yield chunk
    finally:
        spool.close()
