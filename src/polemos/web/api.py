"""The JSON API under /api/: documents, actors, places, relations, events and their reviews.

Lists answer ``{items, total, limit, offset}``; unknown ids are 404 and malformed input 422,
both as ``{"error": ..., "status": ...}``.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional, Union

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from polemos.codes import EVENT_TYPES
from polemos.store import REVIEW_STATUSES, EventFilter, StoreError, queries
from polemos.store.events import document_place_index
from polemos.web.params import Page, canonical_sort, event_filter, event_sort, page
from polemos.web.stores import ThreadStore
from polemos.web.titles import with_document_titles

router = APIRouter(prefix="/api")


def store_of(request: Request) -> ThreadStore:
    return ThreadStore(request.app.state.stores)


def listing(items: list, total: int, page: Page, **extra: Any) -> dict:
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset, **extra}


# -- documents --------------------------------------------------------------------------------


@router.get("/documents", tags=["documents"], summary="Stored documents, newest first")
def list_documents(q: Optional[str] = Query(None, max_length=200), page: Page = Depends(page), store=Depends(store_of)):
    items, total = queries.documents(store, q, page.limit, page.offset)
    return listing(items, total, page)


@router.get("/documents/{doc_id:path}", tags=["documents"], summary="A document's full extraction record")
def get_document(doc_id: str, store=Depends(store_of)):
    """The clean text, its sentences, every mention with character offsets, and the events."""
    return load_record(store, doc_id).to_dict()


def load_record(store, doc_id: str):
    if not queries.document_exists(store, doc_id):
        raise HTTPException(404, f"no document with id {doc_id[:200]!r}")
    try:
        return store.get_record(doc_id)
    except StoreError as error:
        raise HTTPException(404, str(error)) from None


# -- actors, places, relations ----------------------------------------------------------------


@router.get("/actors", tags=["actors"], summary="Actors with mention, document and event counts")
def list_actors(
    q: Optional[str] = Query(None, max_length=200),
    kind: Optional[str] = Query(None, max_length=50),
    page: Page = Depends(page),
    store=Depends(store_of),
):
    items, total = queries.actors(store, q, kind, page.limit, page.offset)
    return listing(items, total, page)


@router.get("/actors/{actor_id:path}", tags=["actors"], summary="One actor: names used, documents")
def get_actor(actor_id: str, store=Depends(store_of)):
    item = queries.actor(store, actor_id)
    if item is None:
        raise HTTPException(404, f"no actor with id {actor_id[:200]!r}")
    return item


@router.get("/places", tags=["places"], summary="Places mentioned, grouped by resolved place")
def list_places(
    q: Optional[str] = Query(None, max_length=200),
    country: Optional[str] = Query(None, max_length=3),
    page: Page = Depends(page),
    store=Depends(store_of),
):
    items, total = queries.places(store, q, country, page.limit, page.offset)
    return listing(items, total, page)


@router.get("/relations", tags=["relations"], summary="Lasting relations: alliances, agreements, ceasefires")
def list_relations(
    actor: Optional[str] = Query(None, max_length=200),
    type: Optional[str] = Query(None, max_length=50),
    page: Page = Depends(page),
    store=Depends(store_of),
):
    items, total = queries.relations(store, actor, type, page.limit, page.offset)
    return listing(items, total, page)


# -- events -----------------------------------------------------------------------------------


@router.get("/events", tags=["events"], summary="Events as each document reports them, with reviews applied")
def list_events(
    filter: EventFilter = Depends(event_filter),
    page: Page = Depends(page),
    sort: Optional[str] = Depends(event_sort),
    store=Depends(store_of),
):
    items, total = store.events(filter, limit=page.limit, offset=page.offset, sort=sort)
    rows = [item.to_dict() for item in items]
    with_document_titles(store, rows)
    return listing(rows, total, page)


@router.get(
    "/canonical-events", tags=["events"], summary="Canonical events: one per real event, fused across documents"
)
def list_canonical_events(
    filter: EventFilter = Depends(event_filter),
    page: Page = Depends(page),
    sort: Optional[str] = Depends(canonical_sort),
    store=Depends(store_of),
):
    """Each lists its ``sources`` (every report, its document, figures and evidence), the
    ``earliest_report`` and, per figure, the canonical value, the range and the rule."""
    items, total = store.canonical_events(filter, limit=page.limit, offset=page.offset, sort=sort)
    rows = [item.to_dict() for item in items]
    with_document_titles(store, rows)
    return listing(rows, total, page)


@router.get("/canonical-events/{canonical_id:path}", tags=["events"], summary="One canonical event with every source")
def get_canonical_event(canonical_id: str, store=Depends(store_of)):
    return load_canonical(store, canonical_id)


def load_canonical(store, canonical_id: str) -> dict:
    """The canonical event's JSON form (what the API answers and the pages show), or 404."""
    item = store.canonical_event(canonical_id)
    if item is None:
        raise HTTPException(404, f"no canonical event with id {canonical_id[:200]!r}")
    item = item.to_dict()
    with_document_titles(store, [item])
    return item


@router.get("/event-types", tags=["events"], summary="Event counts by type for a filter")
def event_type_counts(filter: EventFilter = Depends(event_filter), store=Depends(store_of)):
    return {"items": queries.type_counts(store, filter)}


@router.get("/events/{event_id:path}/reviews", tags=["review"], summary="An event's review history, newest first")
def event_reviews(event_id: str, store=Depends(store_of)):
    load_event(store, event_id)
    items = queries.reviews(store, event_id)
    return {"items": items, "total": len(items), "limit": 100, "offset": 0}


@router.get("/events/{event_id:path}", tags=["events"], summary="One event, with its latest review")
def get_event(event_id: str, store=Depends(store_of)):
    return load_event(store, event_id)


def load_event(store, event_id: str) -> dict:
    """The event's JSON form (what the API answers and the pages show), or 404."""
    item = store.event(event_id)
    if item is None:
        raise HTTPException(404, f"no event with id {event_id[:200]!r}")
    item = item.to_dict()
    with_document_titles(store, [item])
    return item


ShortText = Annotated[str, Field(max_length=300)]
MAX_FIGURE = 1e12  # more people than have ever lived: a typo, not a count


class Figure(BaseModel):
    """A corrected count, e.g. ``{"min": 3, "max": 5}``."""

    model_config = ConfigDict(extra="forbid")

    min: Optional[float] = Field(None, ge=0, le=MAX_FIGURE)
    max: Optional[float] = Field(None, ge=0, le=MAX_FIGURE)
    text: Optional[str] = Field(None, max_length=300)


class Changes(BaseModel):
    """Corrections to the machine's coding; only the fields given are changed."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    type: Optional[str] = Field(None, description=f"One of {', '.join(EVENT_TYPES)}")
    mode: Optional[str] = Field(None, max_length=100)
    actor: Optional[list[ShortText]] = Field(None, alias="actors", max_length=50)
    recipient: Optional[list[ShortText]] = Field(None, alias="recipients", max_length=50)
    date: Optional[dict[Annotated[str, Field(max_length=50)], Optional[ShortText]]] = Field(
        None, max_length=10, description="{value, begin, end}, ISO dates"
    )
    place: Optional[Union[Annotated[int, Field(ge=0, le=1_000_000)], ShortText]] = Field(
        None,
        description="A place its document names (by name, or by index into the document's places), else a place"
        " of the gazetteer as the place suggestions write it: 'Springfield (Massachusetts, USA)'",
    )
    size: Optional[dict[Annotated[str, Field(max_length=50)], Figure]] = Field(
        None, max_length=10, description='Counts by category, e.g. {"dead": {"min": 3, "max": 5}}'
    )


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str = Field(..., description=f"One of {', '.join(REVIEW_STATUSES)}")
    changes: Changes = Field(default_factory=Changes)
    note: Optional[str] = Field(None, max_length=5000)
    reviewer: Optional[str] = Field(None, max_length=200)


def _stored_actor_ids(store, role: str, given: list[str]) -> list[str]:
    """Each actor as its id, whether it was given by id or by its name; 422 naming one the store lacks."""
    ids = []
    for text in (entry.strip() for entry in given if entry.strip()):
        found = store.resolve_actor(text)  # an id, a name or a merged alias
        if found is None:
            raise HTTPException(422, f"{role}: no stored actor has the id or name {text[:100]!r}")
        ids.append(found)
    return list(dict.fromkeys(ids))


def _report_place(request: Request, store, event_id: str, text: str) -> Any:
    """A place a report is corrected to: one its document names, as its index there; else the
    gazetteer's place of that name, the place itself; else a 422 naming the document's places."""
    places = store.get_record(load_event(store, event_id)["doc_id"]).places
    index = document_place_index(places, text)
    if index is not None:
        return index
    found = request.app.state.place_suggester.resolve(text.strip())
    if found is None:
        names = ", ".join(sorted({place.name or place.text for place in places})[:20]) or "none"
        raise HTTPException(
            422,
            f"place: its document names no place {text[:100]!r} (it names: {names}),"
            " nor has the gazetteer a place of that name",
        )
    return found


@router.post("/events/{event_id:path}/review", tags=["review"], summary="Confirm, reject or correct an event")
def review_event(event_id: str, review: ReviewIn, request: Request, store=Depends(store_of)):
    if review.status not in REVIEW_STATUSES:
        raise HTTPException(422, f"status must be one of {', '.join(REVIEW_STATUSES)}")
    changes = review.changes.model_dump(exclude_none=True)
    if changes.get("type") is not None:
        changes["type"] = changes["type"].strip().upper()
        if changes["type"] not in EVENT_TYPES:
            raise HTTPException(422, f"type must be a PLOVER type or a polemos extension ({', '.join(EVENT_TYPES)})")
    if review.status == "corrected" and not changes:
        raise HTTPException(422, "a correction needs at least one change")
    for role in ("actor", "recipient"):
        if changes.get(role) is not None:
            changes[role] = _stored_actor_ids(store, role, changes[role])
    load_event(store, event_id)
    if isinstance(changes.get("place"), str):
        changes["place"] = _report_place(request, store, event_id, changes["place"])
    try:
        saved = store.review_event(event_id, review.status, changes, review.note, review.reviewer)
    except KeyError:
        raise HTTPException(404, f"no event with id {event_id[:200]!r}") from None
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    return {"review": saved, "event": load_event(store, event_id)}
