"""The workspace's watching and alerting: the Sources page (with a form to ingest one URL now),
the Watchlists page (made from the current view's filters), their JSON API, and each
watchlist's alerts as an Atom feed at ``/alerts/NAME.atom``.

Fetching a URL a visitor gives is a request this server makes on their behalf: addresses that
are private, loopback or link-local are refused unless the server was started with
``--allow-private-fetch``, so a default install is no proxy into its own network.
"""

from __future__ import annotations

import threading
from typing import Optional

from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from polemos.alerts import DeliveryConfig, Watchlist, Watchlists, alerts_of, check_and_deliver, record_alerts
from polemos.alerts.atom import atom_feed
from polemos.ingest.fetch import FetchPolicy, Fetcher, PrivateAddress, refuse_private_address
from polemos.ingest.raw import InputError, RawDocument
from polemos.ingest.readers import decode, sniff_format
from polemos.store import EventFilter, queries
from polemos.store.watch import WatchState
from polemos.web.api import store_of
from polemos.web.params import event_filter
from polemos.web.pages import render

router = APIRouter()


class WatchlistIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., max_length=64)
    filter: dict[str, Optional[str]] = Field(default_factory=dict, description="The events page's filter parameters.")
    min_dead: Optional[float] = Field(None, ge=0, le=1e9)
    trend: bool = False
    webhook_url: Optional[str] = Field(None, max_length=2000)
    email_to: Optional[str] = Field(None, max_length=300)


class UrlIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(..., max_length=2000)


# -- pages --------------------------------------------------------------------------------------


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(request: Request, store=Depends(store_of)):
    return render(
        request,
        "sources.html",
        sources=WatchState(store).source_report(),
        allow_private=request.app.state.allow_private_fetch,
    )


@router.get("/watchlists", response_class=HTMLResponse, include_in_schema=False)
def watchlists_page(request: Request, store=Depends(store_of)):
    """Every watchlist with its latest alerts; the form is filled with the filters the link carried."""
    params = _filter_params(dict(request.query_params))
    proposed = event_filter(**params)  # checked now, so the form never carries a filter the API would refuse
    shown = [
        {**watchlist.public(), "latest": alerts_of(store, watchlist.name, 10)} for watchlist in Watchlists(store).all()
    ]
    return render(
        request,
        "watchlists.html",
        watchlists=shown,
        divisions=queries.divisions(store),
        proposed={key: params[key] for key in FILTER_PARAMS if params[key]},
        proposed_text=Watchlist("proposed", proposed).describe(),
    )


@router.get("/alerts/{name}.atom", include_in_schema=False)
def alerts_feed(name: str, request: Request, store=Depends(store_of)):
    """A watchlist's alerts as Atom; behind the token like every read when the workspace is private."""
    watchlist = Watchlists(store).get(name)
    if watchlist is None:
        raise HTTPException(404, f"no watchlist named {name[:100]!r}")
    config = _delivery_config(request)
    body = atom_feed(watchlist, alerts_of(store, name, 100), str(request.url), config)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


# -- API ----------------------------------------------------------------------------------------


@router.get("/api/watchlists", tags=["alerts"], summary="Watchlists with their latest alerts")
def list_watchlists(store=Depends(store_of)):
    return {"items": [{**w.public(), "alerts": alerts_of(store, w.name, 50)} for w in Watchlists(store).all()]}


@router.post(
    "/api/watchlists", tags=["alerts"], summary="Save a watchlist: the events filter that alerts when new events match"
)
def create_watchlist(body: WatchlistIn, request: Request, store=Depends(store_of)):
    chosen = event_filter(**_filter_params(body.filter), request=request)  # a division: new events placed first
    if body.webhook_url and not body.webhook_url.startswith(("http://", "https://")):
        raise HTTPException(422, "webhook_url: an http(s) URL")
    if body.webhook_url and not request.app.state.allow_private_fetch:  # the server would POST there
        try:
            refuse_private_address(body.webhook_url)
        except PrivateAddress as error:
            raise HTTPException(403, f"webhook_url: {error}") from None
    try:
        watchlist = Watchlist(
            body.name.strip(),
            chosen,
            body.min_dead,
            body.trend,
            body.webhook_url,
            None,
            body.email_to,
            webhook_private_ok=request.app.state.allow_private_fetch,
        )
        Watchlists(store).add(watchlist)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    record_alerts(store, watchlist, [], baseline=True)
    answer = watchlist.public()
    if watchlist.webhook_secret:
        answer["webhook_secret"] = watchlist.webhook_secret  # shown once, to whoever made it
    return answer


@router.delete("/api/watchlists/{name}", tags=["alerts"], summary="Delete a watchlist and its alerts")
def delete_watchlist(name: str, store=Depends(store_of)):
    if not Watchlists(store).remove(name):
        raise HTTPException(404, f"no watchlist named {name[:100]!r}")
    return {"removed": name}


@router.get("/api/new-since", tags=["events"], summary="Canonical events fed by documents ingested after a moment")
def new_since(
    after: str = Query(..., max_length=40, description="ISO date and time (UTC), e.g. the user's last visit."),
    filter: EventFilter = Depends(event_filter),
    store=Depends(store_of),
):
    """What is new for a returning user: the canonical events matching the filter that a document
    ingested after ``after`` told of (latest events first, at most 20), and how many in all."""
    try:
        moment = datetime.fromisoformat(after.replace("Z", "+00:00"))
    except ValueError:
        raise HTTPException(422, "after: an ISO date and time") from None
    stamp = (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    items, total = queries.canonical_fed_since(store, filter, stamp.isoformat(timespec="seconds"))
    return {"after": stamp.isoformat(timespec="seconds"), "total": total, "items": [item.to_dict() for item in items]}


@router.get("/api/sources", tags=["watch"], summary="Watched sources: state, last success, articles per day, errors")
def list_sources(store=Depends(store_of)):
    return {"items": WatchState(store).source_report()}


@router.post("/api/ingest-url", tags=["watch"], summary="Fetch one web page now and ingest it")
def ingest_url(body: UrlIn, request: Request, store=Depends(store_of)):
    url = body.url.strip()
    public_only = not request.app.state.allow_private_fetch
    if public_only:
        try:
            refuse_private_address(url)
        except PrivateAddress as error:
            raise HTTPException(403, str(error)) from None
    policy = FetchPolicy(timeout=15.0, host_interval=0, retries=1, backoff=0.5, public_only=public_only)
    with Fetcher(policy) as fetcher:
        answer = fetcher.fetch(url)
    if answer.error and "--allow-private-fetch" in answer.error:  # a redirect into a private address
        raise HTTPException(403, answer.error)
    if not answer.ok:
        raise HTTPException(502, f"{url[:200]}: {answer.error or f'HTTP {answer.status}'}")
    raw = _raw_document(answer)
    try:
        record = _extract(request.app, raw)
    except InputError as error:
        raise HTTPException(422, str(error)) from None
    status, doc_id = store.add(record, raw_bytes=answer.body, raw_format=raw.format)
    alerts = check_and_deliver(
        store, [doc_id] if status == "added" else [], _delivery_config(request), areas=request.app.state.admin1_areas
    )
    return {
        "status": status,
        "doc_id": doc_id,
        "title": record.document.title,
        "events": len(record.events),
        "alerts": alerts,
    }


# -- helpers ------------------------------------------------------------------------------------

FILTER_PARAMS = ("actor", "type", "since", "until", "country", "place", "admin1", "near", "q", "acled", "modality")


def _filter_params(given: dict) -> dict:
    """The event filter's parameters from a query or a JSON body; others (paging, view) are ignored."""
    return {
        **{key: None for key in FILTER_PARAMS},
        "doc": None,
        "include_rejected": False,
        "review": None,
        **{key: (given.get(key) or None) for key in FILTER_PARAMS},
    }


def _raw_document(answer) -> RawDocument:
    try:
        text = decode(answer.body)
    except ValueError as error:
        raise HTTPException(422, f"{answer.url[:200]}: {error}") from None
    kind = "html" if "html" in answer.content_type else sniff_format(text)
    return RawDocument(source=answer.url, content=text, format=kind, url=answer.url, raw_bytes=answer.body)


def _extract(app, raw: RawDocument):
    """The pipeline, loaded at the first URL ingested and kept; one document at a time (spaCy is not thread-safe)."""
    with app.state.pipeline_lock:
        if app.state.pipeline is None:
            from polemos.pipeline import Pipeline

            app.state.pipeline = Pipeline.load()
        return app.state.pipeline.extract(raw)


def _delivery_config(request: Request) -> DeliveryConfig:
    config = DeliveryConfig.from_environment()
    config.workspace_url = str(request.base_url).rstrip("/")
    return config


def install(app, allow_private_fetch: bool) -> None:
    app.state.allow_private_fetch = allow_private_fetch
    app.state.pipeline = None
    app.state.pipeline_lock = threading.Lock()
    app.include_router(router)
