"""Server-rendered pages: documents and the source reader, events, map, timeline, actors,
network and review. Pages carry the data a reader needs as escaped HTML; the map, timeline
and network draw themselves from the JSON API with a little JavaScript."""

from __future__ import annotations

from math import ceil
from typing import Literal, Optional
from types import SimpleNamespace
from urllib.parse import parse_qs, quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from polemos.codes import EVENT_TYPES
from polemos.export import EXPORT_FORMATS
from polemos.store import CANONICAL_SORTS, EVENT_SORTS, REVIEW_STATUSES, EventFilter, queries
from polemos.store.documents import OPENING_CHARS, display_title
from polemos.store.evidence_snippets import first_evidence
from polemos.web.api import load_event, load_record, store_of
from polemos.web.params import Page, checked_sort, event_filter, filter_query, page
from polemos.review_history import describe_changes
from polemos.web.reader import segments
from polemos.web.security import TOKEN_COOKIE
from polemos.web.titles import with_document_titles

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    templates = request.app.state.templates
    policy = request.app.state.policy
    context.setdefault("filter_args", {})
    context.update(
        request=request,
        plover_types=EVENT_TYPES,
        export_formats=list(EXPORT_FORMATS.values()),
        write_token_required=policy.token is not None,
    )
    return templates.TemplateResponse(request, template, context, status_code=status_code)


# Pages with the event filter form; a bad filter shows them again with the message.
FILTERED_PAGES = {
    "/events": "Events",
    "/map": "Map",
    "/timeline": "Timeline",
    "/network": "Network",
    "/review": "Review",
}
FILTER_FIELDS = ("q", "type", "actor", "since", "until", "doc", "review", "modality", "acled", "country", "place")


def filter_error(request: Request, message: str) -> HTMLResponse:
    """The page's filter form with the values as they were typed and what is wrong with them."""
    typed = request.query_params
    values = {name: typed.get(name) for name in FILTER_FIELDS}
    near = typed.get("near")
    form = SimpleNamespace(
        **values, near=[near] if near else None, include_rejected=typed.get("include_rejected") == "true"
    )
    path = request.url.path
    return render(
        request,
        "filter_error.html",
        status_code=422,
        heading=FILTERED_PAGES[path],
        action=path,
        message=message,
        filter=form,
        view=typed.get("view"),
    )


def pager(page: Page, total: int, args: dict) -> dict:
    """Links to the previous and next pages, keeping every other query parameter."""

    def link(offset: int) -> str:
        return "?" + urlencode({**args, "limit": page.limit, "offset": offset})

    return {
        "total": total,
        "first": page.offset + 1 if total else 0,
        "last": min(page.offset + page.limit, total),
        "previous": link(max(0, page.offset - page.limit)) if page.offset > 0 else None,
        "next": link(page.offset + page.limit) if page.offset + page.limit < total else None,
        "pages": ceil(total / page.limit) if page.limit else 0,
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store=Depends(store_of)):
    tables = ("documents", "canonical_events", "events", "actors", "reviews", "relations")
    counts = {table: store.count(table) for table in tables}
    recent, _ = queries.documents(store, None, 10, 0)
    types = queries.type_counts(store, EventFilter())
    return render(request, "home.html", counts=counts, recent=recent, types=types)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    q: Optional[str] = Query(None, max_length=200),
    page: Page = Depends(page),
    store=Depends(store_of),
):
    items, total = queries.documents(store, q, page.limit, page.offset)
    return render(request, "documents.html", items=items, q=q or "", pager=pager(page, total, {"q": q} if q else {}))


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def reader_page(request: Request, doc_id: str, store=Depends(store_of)):
    record = load_record(store, doc_id)
    views, _ = store.events(EventFilter(doc=record.document.id, include_rejected=True), limit=500)
    events = [view.to_dict() for view in views]  # the templates read the JSON form
    by_id = {event["id"]: event for event in events}
    ordered = sorted(events, key=lambda e: (e.get("evidence") or [{}])[0].get("start", 0))
    return render(
        request,
        "reader.html",
        record=record,
        doc=record.document,
        segments=segments(record),
        title=display_title(record.document.title, record.document.url, record.text[:OPENING_CHARS]),
        events=ordered,
        events_by_id=by_id,
        counts=_record_counts(record),
    )


def _record_counts(record) -> dict:
    return {
        "actors": sum(len(a.mentions) for a in record.actors),
        "places": len(record.places),
        "dates": len(record.timexes),
        "figures": len(record.quantities),
        "events": len(record.events),
    }


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    filter: EventFilter = Depends(event_filter),
    page: Page = Depends(page),
    view: Literal["canonical", "reports"] = Query("canonical"),
    sort: Optional[str] = Query(None, max_length=30),
    store=Depends(store_of),
):
    """Canonical events (one per real event, with its sources) by default; ``view=reports`` lists
    each document's events separately, as extracted and reviewed."""
    args = filter_query(filter)
    if view == "reports":
        sort = checked_sort(sort, EVENT_SORTS)
        reports, total = store.events(filter, limit=page.limit, offset=page.offset, sort=sort)
        items = [report.to_dict() for report in reports]  # the templates read the JSON form
        types = queries.type_counts(store, filter)
    else:
        sort = checked_sort(sort, CANONICAL_SORTS)
        views, total = store.canonical_events(filter, limit=page.limit, offset=page.offset, sort=sort)
        items = [view.to_dict() for view in views]
        snippets = first_evidence(store, [(item.get("earliest_report") or {}).get("report_id") for item in items])
        for item in items:
            item["evidence_snippet"] = snippets.get((item.get("earliest_report") or {}).get("report_id") or "")
        types = queries.canonical_type_counts(store, filter)
    with_document_titles(store, items)
    view_args = {**args, **({"view": view} if view == "reports" else {})}
    return render(
        request,
        "events.html" if view == "reports" else "canonical_events.html",
        items=items,
        filter=filter,
        pager=pager(page, total, {**view_args, **({"sort": sort} if sort else {})}),
        filter_args=args,
        view_args=view_args,
        sort=sort or "-date",
        types=types,
        export_query=urlencode({**args, **({"canonical": "true"} if view != "reports" else {})}),
    )


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store=Depends(store_of)):
    event = load_event(store, event_id)
    reviews = queries.reviews(store, event_id)
    places = store.get_record(event["doc_id"]).places
    names = queries.actor_names(
        store, {actor for r in reviews for field in ("actor", "recipient") for actor in r["changes"].get(field) or []}
    )
    for review in reviews:
        review["readable"] = describe_changes(
            review["changes"],
            lambda actor_id: names.get(actor_id, actor_id),
            lambda index: (places[index].name or places[index].text) if 0 <= index < len(places) else None,
        )
    canonical = store.canonical_of(event_id)
    return render(
        request,
        "event.html",
        event=event,
        reviews=reviews,
        statuses=REVIEW_STATUSES,
        canonical=canonical.to_dict() if canonical else None,
        places=[{"index": i, "name": p.name or p.text, "country": p.country} for i, p in enumerate(places)],
    )


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    filter: EventFilter = Depends(event_filter),
    page: Page = Depends(page),
    sort: Optional[str] = Query(None, max_length=30),
    view: Literal["reports", "canonical"] = Query("reports"),
    store=Depends(store_of),
):
    """The review queue: unreviewed events unless another review state is asked for, the
    events most documents report first, so a reviewer's time goes where it counts most.
    ``view=canonical``: the canonical events without a verdict, most sources first."""
    args = filter_query(filter)
    if view == "canonical":
        queued, total = store.canonical_review_queue(filter, limit=min(page.limit, 100), offset=page.offset)
        items = [view.to_dict() for view in queued]
        with_document_titles(store, items)
        return render(
            request,
            "review_canonical.html",
            items=items,
            filter=filter,
            filter_args=args,
            pager=pager(page, total, {**args, "view": "canonical"}),
        )
    if "review" not in request.query_params:
        filter.review = "unreviewed"
    sort = checked_sort(sort, EVENT_SORTS) or "-sources"
    reports, total = store.events(filter, limit=min(page.limit, 100), offset=page.offset, sort=sort)
    items = [report.to_dict() for report in reports]
    with_document_titles(store, items)
    args = filter_query(filter)
    return render(
        request,
        "review.html",
        items=items,
        pager=pager(page, total, {**args, "sort": sort}),
        filter=filter,
        filter_args=args,
        statuses=REVIEW_STATUSES,
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    filter: EventFilter = Depends(event_filter),
    view: Literal["canonical", "reports"] = Query("canonical"),
):
    return _view_page(request, "map.html", filter, view)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    filter: EventFilter = Depends(event_filter),
    view: Literal["canonical", "reports"] = Query("canonical"),
):
    return _view_page(request, "timeline.html", filter, view)


def _view_page(request: Request, template: str, filter: EventFilter, view: str):
    """A page that draws the filtered events (map, timeline), of canonical events or of reports."""
    return render(
        request,
        template,
        filter=filter,
        filter_args=filter_query(filter),
        view=view,
        data_query={**filter_query(filter), **({"view": view} if view == "reports" else {})},
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    filter: EventFilter = Depends(event_filter),
    view: Literal["canonical", "reports"] = Query("canonical"),
):
    return render(
        request,
        "network.html",
        filter=filter,
        filter_args=filter_query(filter),
        view=view,
        data_query={**filter_query(filter), **({"view": view} if view == "reports" else {})},
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request,
    q: Optional[str] = Query(None, max_length=200),
    kind: Optional[str] = Query(None, max_length=50),
    page: Page = Depends(page),
    store=Depends(store_of),
):
    items, total = queries.actors(store, q, kind, page.limit, page.offset)
    args = {key: value for key, value in (("q", q), ("kind", kind)) if value}
    return render(request, "actors.html", items=items, q=q or "", kind=kind or "", pager=pager(page, total, args))


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str, store=Depends(store_of)):
    actor = queries.actor(store, actor_id)
    if actor is None and (merged_into := store.resolve_actor(actor_id)) is not None:
        return RedirectResponse(f"/actors/{quote(merged_into, safe='')}", status_code=307)  # an alias: its actor
    if actor is None:
        raise HTTPException(404, f"no actor with id {actor_id[:200]!r}")
    actor["aliases"] = store.actor_aliases(actor_id)
    actor.update(queries.actor_profile(store, actor_id))
    views, total = store.events(EventFilter(actor=actor_id), limit=100)
    events = [view.to_dict() for view in views]
    with_document_titles(store, events)
    relations, _ = queries.relations(store, actor_id, None, 100, 0)
    return render(request, "actor.html", actor=actor, events=events, events_total=total, relations=relations)


@router.get("/places", response_class=HTMLResponse)
def places_page(
    request: Request,
    q: Optional[str] = Query(None, max_length=200),
    page: Page = Depends(page),
    store=Depends(store_of),
):
    items, total = queries.places(store, q, None, page.limit, page.offset)
    return render(request, "places.html", items=items, q=q or "", pager=pager(page, total, {"q": q} if q else {}))


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request):
    schema = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "parameters": [p["name"] for p in operation.get("parameters", [])],
        }
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]
    return render(request, "api.html", endpoints=endpoints)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request):
    return render(request, "login.html", failed=False)


@router.post("/login")
async def login(request: Request):
    """The sign-in form, parsed by hand: it is one urlencoded field, not worth a multipart parser."""
    throttle = request.app.state.login_throttle
    client = request.client.host if request.client else "unknown"
    wait = throttle.wait_for(client)
    if wait > 0:
        raise HTTPException(
            429, f"too many failed sign-ins: try again in {wait:.0f} s", headers={"Retry-After": str(int(wait) + 1)}
        )
    try:
        form = parse_qs((await request.body()).decode("utf-8", "replace"), max_num_fields=5)
    except ValueError:
        form = {}
    token = (form.get("token") or [""])[0][:500]
    policy = request.app.state.policy
    if not policy.token_matches(token):
        throttle.failed(client)
        return render(request, "login.html", status_code=401, failed=True)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response
