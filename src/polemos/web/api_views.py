"""The API behind the map, timeline and network views, and exports of the current filter."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from typing import Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from polemos.export import FORMATS, export_events, export_format
from polemos.store import EventFilter
from polemos.store.map_areas import admin1_counts
from polemos.store.network import canonical_network, link_events, report_network
from polemos.store import queries
from polemos.web.api import store_of
from polemos.web.params import MAX_LIMIT, bbox, event_filter, place_in_divisions

router = APIRouter(prefix="/api")
VIEW_HELP = (
    "canonical: each real event once, fused across documents (as the events list counts); reports: each document's."
)


@router.get("/map", tags=["views"], summary="Event points, or grid cells with counts when there are many")
def map_points(
    filter: EventFilter = Depends(event_filter),
    bbox_text: Optional[str] = Query(None, alias="bbox", description="SOUTH,WEST,NORTH,EAST of the visible map."),
    limit: int = Query(MAX_LIMIT, ge=1, le=MAX_LIMIT, description="Most points (or cells) to return."),
    cell: Optional[float] = Query(None, gt=0, le=90, description="Grid cell size in degrees when events are grouped."),
    view: Literal["canonical", "reports"] = Query("canonical", description=VIEW_HELP),
    store=Depends(store_of),
):
    """``mode`` is ``events`` when every matching event inside ``bbox`` fits in ``limit``;
    otherwise ``cells``: the densest grid cells, each with its event count and bounds.
    ``country_level`` counts the matching events known only to their country, never drawn."""
    return queries.map_view(store, filter, bbox(bbox_text), limit, cell, view)


@router.get("/map/areas", tags=["views"], summary="Events and deaths per first-level division (state, province)")
def map_areas(
    request: Request,
    filter: EventFilter = Depends(event_filter),
    view: Literal["canonical", "reports"] = Query("canonical", description=VIEW_HELP),
    store=Depends(store_of),
):
    """Each division (Natural Earth admin-1, by its code and name) with its events and deaths;
    ``rule`` states which events count in a division. Events known only to their country are
    listed per country in ``country_level``, those known to a wider region counted in
    ``region_level``: none is spread over divisions or drawn at a middle point."""
    return admin1_counts(store, request.app.state.admin1_areas, filter, view)


@router.get("/timeline", tags=["views"], summary="Event counts per day, ISO week, month or year, by type")
def timeline(
    filter: EventFilter = Depends(event_filter),
    granularity: Literal["day", "week", "month", "year"] = Query(
        "month", description="week: ISO 8601 weeks, Monday to Sunday."
    ),
    limit: int = Query(MAX_LIMIT, ge=1, le=MAX_LIMIT, description="Most periods to return."),
    offset: int = Query(0, ge=0),
    view: Literal["canonical", "reports"] = Query("canonical", description=VIEW_HELP),
    store=Depends(store_of),
):
    return queries.timeline(store, filter, granularity, limit, offset, view)


@router.get(
    "/trends", tags=["views"], summary="Events per country or division in the latest period against the periods before"
)
def trends(
    request: Request,
    filter: EventFilter = Depends(event_filter),
    granularity: Literal["day", "week", "month", "year"] = Query(
        "month", description="week: ISO 8601 weeks, Monday to Sunday."
    ),
    baseline: int = Query(8, ge=1, le=60, description="How many periods before the latest make the baseline."),
    view: Literal["canonical", "reports"] = Query("canonical", description=VIEW_HELP),
    by: Literal["country", "admin1"] = Query(
        "country",
        description=(
            "admin1: per first-level division (state, province), counting only events placed in one precisely enough."
        ),
    ),
    store=Depends(store_of),
):
    """Each country's (or division's) events in the latest period with events, the mean and
    standard deviation of the periods before it, and whether the rise is unusual (the rule is in ``rule``)."""
    if by == "admin1":
        place_in_divisions(request)  # the events stored since the map last looked get their division
    return queries.trends(store, filter, granularity, baseline, view, by)


@router.get("/network", tags=["views"], summary="Actors and the events between them")
def network(
    filter: EventFilter = Depends(event_filter),
    basis: Literal["events", "sentences"] = Query(
        "events", description="Link actors by events or by co-mention in a sentence."
    ),
    limit: int = Query(200, ge=1, le=MAX_LIMIT, description="Most links to return, heaviest first."),
    view: Literal["canonical", "reports"] = Query("canonical", description=VIEW_HELP),
    store=Depends(store_of),
):
    """With ``basis=events``, a link counts the events in which one actor acts on the other,
    each real event once (``view=canonical``) or each document's report; ``type_counts``
    splits it by event type."""
    if basis == "sentences":
        return queries.co_mentions(store, filter.doc, limit)
    if view == "canonical":
        return canonical_network(store, filter, limit)
    return report_network(store, filter, limit)


@router.get("/network/link", tags=["views"], summary="The canonical events of one link of the network")
def network_link(
    source: str = Query(..., max_length=200, description="Actor id of the one acting."),
    target: str = Query(..., max_length=200, description="Actor id of the recipient."),
    filter: EventFilter = Depends(event_filter),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    store=Depends(store_of),
):
    items, total = link_events(store, filter, source, target, limit)
    return {"items": items, "total": total, "limit": limit, "offset": 0}


@router.get("/export", tags=["export"], summary="All events matching the filter, as a file")
def export(
    format: str = Query(
        ..., max_length=40, description=f"One of {', '.join(FORMATS)}, as in `polemos export --format`."
    ),
    filter: EventFilter = Depends(event_filter),
    canonical: bool = Query(
        False,
        description="Canonical events (one row per real event, every source's evidence)"
        " instead of one row per document's report.",
    ),
    all_types: bool = Query(
        False,
        description="ACLED CSV: also events of types ACLED does not code, with an empty"
        " event_type (by default only those it codes).",
    ),
    store=Depends(store_of),
):
    """Written by ``polemos.export`` to a temporary file first: the store connection belongs to
    this request's thread, and a large export then streams from disk, not from memory. The
    file is unlinked as soon as it is open, so nothing is left behind if the client hangs up."""
    try:
        chosen = export_format(format)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    handle, path = tempfile.mkstemp(prefix="polemos-export-", suffix="." + chosen.suffix)
    os.close(handle)
    try:
        _export_with_divisions(store, filter, chosen.name, path, canonical, all_types)
    except Exception:
        os.unlink(path)
        raise
    stream = open(path, "rb")
    os.unlink(path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    name = "canonical-events" if canonical else "events"
    headers = {"Content-Disposition": f'attachment; filename="polemos-{name}-{stamp}.{chosen.suffix}"'}
    return StreamingResponse(
        _chunks(stream), media_type=chosen.media_type, headers=headers, background=BackgroundTask(stream.close)
    )


def _export_with_divisions(store, filter, fmt: str, path: str, canonical: bool, all_types: bool) -> None:
    """The export, with the divisions of each place when the gazetteer is built (opened per
    export: a read-only file, cheap to open, never built while a request waits)."""
    from polemos.geo.admin import AdminAreas, built_gazetteer

    gazetteer = built_gazetteer()
    try:
        export_events(
            store,
            filter,
            fmt,
            path,
            canonical=canonical,
            all_types=all_types,
            admin_areas=AdminAreas(gazetteer) if gazetteer else None,
        )
    finally:
        if gazetteer:
            gazetteer.close()


def _chunks(stream, size: int = 64_000):
    with stream:
        while chunk := stream.read(size):
            yield chunk
