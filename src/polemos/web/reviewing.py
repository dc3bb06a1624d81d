"""Review beyond one report: canonical events (confirm, correct, reject, split a report out,
merge two) and actors (merge two), as JSON under /api/ and the canonical event's page.

Every decision is the store's (``Store.review_canonical`` and the like), so the CLI and the
workspace decide alike; here they get their input checked and their history put in words.
"""

from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from polemos.codes import EVENT_TYPES
from polemos.review_history import describe_changes
from polemos.store import CANONICAL_VERDICTS, CanonicalView, DecisionError, queries
from polemos.store.decisions import NO_STORED_PLACE
from polemos.web.api import Figure, load_event, store_of
from polemos.web.titles import with_document_titles

router = APIRouter()
ShortText = Annotated[str, Field(max_length=300)]


class CanonicalChanges(BaseModel):
    """Corrections to a canonical event; only the fields given change. Actors by name, id or
    alias; the place by the name of one its documents name, or as a place suggestion writes it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    type: Optional[str] = Field(None, max_length=40, description=f"One of {', '.join(EVENT_TYPES)}")
    actor: Optional[list[ShortText]] = Field(None, alias="actors", max_length=50)
    recipient: Optional[list[ShortText]] = Field(None, alias="recipients", max_length=50)
    date: Optional[dict[Annotated[str, Field(max_length=20)], Optional[ShortText]]] = Field(
        None, max_length=5, description="{begin, end}, ISO dates"
    )
    place: Optional[str] = Field(None, max_length=300)
    size: Optional[dict[Annotated[str, Field(max_length=50)], Figure]] = Field(None, max_length=10)


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Optional[str] = Field(None, max_length=5000)
    reviewer: Optional[str] = Field(None, max_length=200)


class CanonicalReviewIn(Decision):
    status: str = Field(..., description=f"One of {', '.join(CANONICAL_VERDICTS)}")
    changes: CanonicalChanges = Field(default_factory=CanonicalChanges)


class SplitIn(Decision):
    report_id: str = Field(..., max_length=300, description="The report to take out of this canonical event")


class MergeIn(Decision):
    other: str = Field(..., max_length=300, description="The other canonical event's id")


class ActorMergeIn(Decision):
    into: str = Field(..., max_length=300, description="The actor this one is (id or name)")


def _deciding(decide):
    try:
        return decide()
    except DecisionError as error:
        raise _refusal(error) from None


def published(decision: dict) -> dict:
    """A decision's answer as JSON: the canonical events it names in their JSON form."""
    return {key: value.to_dict() if isinstance(value, CanonicalView) else value for key, value in decision.items()}


def _refusal(error: DecisionError) -> HTTPException:
    message = str(error)
    return HTTPException(404 if "no such canonical event" in message else 422, message)


@router.post(
    "/api/canonical-events/{canonical_id:path}/review",
    tags=["review"],
    summary="Confirm, correct or reject a canonical event",
)
def review_canonical(canonical_id: str, review: CanonicalReviewIn, request: Request, store=Depends(store_of)):
    """A place is one the sources name, else one any stored document names, else the gazetteer's
    (as the place suggestions write it: "Goris (Syunik', ARM)")."""
    changes = review.changes.model_dump(exclude_none=True)

    def decide():
        return store.review_canonical(canonical_id, review.status, changes, review.note, review.reviewer)

    try:
        saved = decide()
    except DecisionError as error:
        place = changes.get("place")
        if not (place and str(error).startswith(NO_STORED_PLACE)):
            raise _refusal(error) from None
        found = request.app.state.place_suggester.resolve(place)
        if found is None:
            raise HTTPException(422, f"{error}; nor has the gazetteer a place of that name") from None
        changes["place"] = found
        saved = _deciding(decide)
    return {**published(saved), "history": readable_history(store, store.canonical_history(canonical_id))}


@router.post(
    "/api/canonical-events/{canonical_id:path}/split",
    tags=["review"],
    summary="Take a wrongly fused report out of a canonical event, for good",
)
def split_report(canonical_id: str, split: SplitIn, store=Depends(store_of)):
    current = store.canonical_of(split.report_id)
    if current is None or current.id != canonical_id:
        raise HTTPException(422, f"report {split.report_id[:200]!r} is not a source of {canonical_id[:200]!r}")
    return published(_deciding(lambda: store.split_report(split.report_id, split.note, split.reviewer)))


@router.post(
    "/api/canonical-events/{canonical_id:path}/merge",
    tags=["review"],
    summary="Make two canonical events one, for good",
)
def merge_canonical(canonical_id: str, merge: MergeIn, store=Depends(store_of)):
    other = merge.other.strip().rstrip("/").rsplit("/", 1)[-1]  # an id, or a pasted link to its page
    return published(_deciding(lambda: store.merge_canonical(canonical_id, other, merge.note, merge.reviewer)))


@router.get(
    "/api/canonical-events/{canonical_id:path}/history",
    tags=["review"],
    summary="Every decision on a canonical event or its reports, newest first, in words",
)
def canonical_history(canonical_id: str, store=Depends(store_of)):
    items = readable_history(store, store.canonical_history(canonical_id))
    if not items and store.canonical_event(canonical_id) is None:
        raise HTTPException(404, f"no canonical event with id {canonical_id[:200]!r}")
    return {"items": items, "total": len(items)}


@router.get(
    "/api/events/{event_id:path}/history", tags=["review"], summary="An event report's reviews, newest first, in words"
)
def event_history(event_id: str, store=Depends(store_of)):
    event = load_event(store, event_id)
    return {"items": readable_history(store, store.event_reviews(event_id), store.get_record(event["doc_id"]).places)}


@router.post(
    "/api/actors/{actor_id:path}/merge",
    tags=["actors"],
    summary="Merge this actor into another: it becomes an alias, also after re-extraction",
)
def merge_actor(actor_id: str, merge: ActorMergeIn, store=Depends(store_of)):
    saved = _deciding(lambda: store.merge_actors(actor_id, merge.into, merge.note, merge.reviewer))
    return {"merged": saved, "actor": {"id": saved["actor_id"], "aliases": store.actor_aliases(saved["actor_id"])}}


def readable_history(store, entries: list[dict], places: Optional[list] = None) -> list[dict]:
    """Each entry with ``lines``: its changes in words (names, not ids)."""
    places = places or []
    names = store.actor_names(
        {a for e in entries for role in ("actor", "recipient") for a in e["changes"].get(role) or []}
    )

    def report_label(report_id: str) -> str:
        event = store.event(report_id)
        if event is None:
            return report_id
        row = event.to_dict()
        with_document_titles(store, [row])
        return f"the report of {row['doc_title'] or row['doc_id']}"

    def place_name(index: int) -> Optional[str]:
        return (places[index].name or places[index].text) if 0 <= index < len(places) else None

    return [
        {**entry, "lines": describe_changes(entry["changes"], lambda a: names.get(a, a), place_name, report_label)}
        for entry in entries
    ]


@router.get("/canonical/{canonical_id:path}", response_class=HTMLResponse, include_in_schema=False)
def canonical_page(request: Request, canonical_id: str, store=Depends(store_of)):
    from polemos.web.pages import render

    view = store.canonical_event(canonical_id)
    event = view.to_dict() if view else None  # the template reads the JSON form
    if event is not None:
        with_document_titles(store, [event])
    history = readable_history(store, store.canonical_history(canonical_id))
    if event is None and not history:
        raise HTTPException(404, f"no canonical event with id {canonical_id[:200]!r}")
    return render(
        request,
        "canonical_event.html",
        event=event,
        canonical_id=canonical_id,
        history=history,
        statuses=CANONICAL_VERDICTS,
        **(queries.correction_choices(store, canonical_id) if event else {"places": [], "candidates": []}),
    )
