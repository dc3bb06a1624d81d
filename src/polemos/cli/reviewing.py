"""``polemos review …``: the analyst's decisions from the command line, as in the workspace.

An ID is a canonical event's (``ce-…``, as ``polemos events`` lists them) or an event
report's (as ``polemos events --reports`` lists them). Actors are given by name (any case), id
or merged alias; a place by the name of one the documents name, else as the gazetteer's place
suggestions write it ("Springfield (Massachusetts, USA)").
"""

from __future__ import annotations

import re
from typing import Optional

import typer
from rich.console import Console

from polemos.cli.terminal import printable
from polemos.review_history import describe_changes
from polemos.store import CanonicalView, DecisionError, EventView, StoreError, open_store
from polemos.store.decisions import NO_STORED_PLACE
from polemos.store.events import document_place_index
from polemos.store.views import CanonicalFigure

app = typer.Typer(no_args_is_help=True, help="Confirm, reject, correct, split and merge events; merge actors.")
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
out = Console(highlight=False, soft_wrap=True, markup=False)

DbOption = typer.Option(
    None, "--db", envvar="POLEMOS_DB", help="Store: a SQLite file (default polemos.db) or postgresql://user@host/db"
)
IdArgument = typer.Argument(..., help="A canonical event's id (ce-…) or an event report's id.")
NoteOption = typer.Option(None, "--note", help="Why: kept in the history.")
ReviewerOption = typer.Option(None, "--reviewer", help="Who decided: kept in the history.")
SIZES = ("dead", "injured", "displaced", "arrested")


class _Refused(Exception):
    pass


def _run(db: Optional[str], act) -> None:
    """Open the store, act, and turn any refusal into one line on standard error and exit 1."""
    try:
        with open_store(db) as store:
            act(store)
    except (StoreError, DecisionError, ValueError, KeyError, _Refused) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        err.print(f"polemos: error: {printable(message)}")
        raise typer.Exit(1)


def _verdict(store, event_id: str, status: str, changes: dict, note, reviewer) -> None:
    rejected_canonical = store.event(event_id) is None and bool(store.canonical_history(event_id))
    if store.canonical_event(event_id) is not None or rejected_canonical:
        saved = _review_canonical(store, event_id, status, changes, note, reviewer)
        view = saved["canonical"]
        out.print(
            f"{event_id}: {status}; "
            + (f"it now reads: {_summary(view)}" if view else "its reports are rejected and it leaves the listings")
        )
        return
    if store.event(event_id) is None:
        raise _Refused(f"{event_id}: no canonical event or event report has this id")
    store.review_event(event_id, status, _report_changes(store, event_id, changes), note, reviewer)
    out.print(f"{event_id}: {status}; it now reads: {_summary(store.event(event_id))}")


def _review_canonical(store, event_id: str, status: str, changes: dict, note, reviewer) -> dict:
    """A place no stored document names is looked for in the gazetteer, as the workspace does
    ("Springfield (Massachusetts, USA)", as its place suggestions write it)."""
    try:
        return store.review_canonical(event_id, status, changes, note, reviewer)
    except DecisionError as error:
        if not (changes.get("place") and str(error).startswith(NO_STORED_PLACE)):
            raise
        found = _gazetteer_place(changes["place"])
        if found is None:
            raise _Refused(f"{error}; nor has the gazetteer a place of that name") from None
        return store.review_canonical(event_id, status, {**changes, "place": found}, note, reviewer)


def _gazetteer_place(text: str) -> Optional[dict]:
    from polemos.geo.admin import built_gazetteer
    from polemos.geo.written_places import resolve_written

    gazetteer = built_gazetteer()
    if gazetteer is None:
        return None
    try:
        return resolve_written(gazetteer, text)
    finally:
        gazetteer.close()


def _report_changes(store, event_id: str, changes: dict) -> dict:
    """A report's corrections as the store keeps them: actors by id, the place by its index in the
    document, or a place of the gazetteer itself when the document names none of that name."""
    checked = dict(changes)
    for role in ("actor", "recipient"):
        if role in checked:
            ids = []
            for name in checked[role]:
                found = store.resolve_actor(name)
                if found is None:
                    raise _Refused(f"{role}: no stored actor has the id or name {name[:100]!r}")
                ids.append(found)
            checked[role] = ids
    if "place" in checked:
        places = store.get_record(store.event(event_id).doc_id).places
        index = document_place_index(places, checked["place"])
        found = index if index is not None else _gazetteer_place(checked["place"].strip())
        if found is None:
            names = ", ".join(sorted({p.name or p.text for p in places})[:20]) or "none"
            raise _Refused(
                f"place: its document names no place {checked['place'][:100]!r} (it names: {names}),"
                " nor has the gazetteer a place of that name"
            )
        checked["place"] = found
    return checked


def _summary(view: EventView | CanonicalView) -> str:
    date = (view.date.value if view.date else None) or "undated"
    dead = view.figure("dead")
    # A canonical event's toll is its canonical figure; a report's, the least it reports.
    toll = None if dead is None else dead.value if isinstance(dead, CanonicalFigure) else dead.min
    parts = [
        view.type or "",
        date,
        view.location.name or "no place",
        " → ".join(filter(None, [", ".join(view.actor_names), ", ".join(view.recipient_names)])),
    ]
    if toll is not None:
        parts.append(f"dead {toll:g}")
    return " · ".join(part for part in parts if part)


@app.command()
def confirm(
    event_id: str = IdArgument,
    db: Optional[str] = DbOption,
    note: Optional[str] = NoteOption,
    reviewer: Optional[str] = ReviewerOption,
):
    """Confirm an event as coded."""
    _run(db, lambda store: _verdict(store, event_id, "confirmed", {}, note, reviewer))


@app.command()
def reject(
    event_id: str = IdArgument,
    db: Optional[str] = DbOption,
    note: Optional[str] = NoteOption,
    reviewer: Optional[str] = ReviewerOption,
):
    """Reject an event: it did not happen, or is no event. A canonical event's reports are all rejected."""
    _run(db, lambda store: _verdict(store, event_id, "rejected", {}, note, reviewer))


@app.command()
def correct(
    event_id: str = IdArgument,
    db: Optional[str] = DbOption,
    type: Optional[str] = typer.Option(None, "--type", help="The PLOVER type, e.g. ASSAULT."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Actors by name or id, comma-separated."),
    recipient: Optional[str] = typer.Option(None, "--recipient", help="Recipients by name or id, comma-separated."),
    place: Optional[str] = typer.Option(
        None,
        "--place",
        help="A place the documents name, else any of the gazetteer, e.g. 'Springfield (Massachusetts, USA)'.",
    ),
    date: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD, or YYYY-MM-DD/YYYY-MM-DD for a span."),
    dead: Optional[str] = typer.Option(None, "--dead", help="N or MIN-MAX."),
    injured: Optional[str] = typer.Option(None, "--injured", help="N or MIN-MAX."),
    displaced: Optional[str] = typer.Option(None, "--displaced", help="N or MIN-MAX."),
    arrested: Optional[str] = typer.Option(None, "--arrested", help="N or MIN-MAX."),
    note: Optional[str] = NoteOption,
    reviewer: Optional[str] = ReviewerOption,
):
    """Correct an event's coding; only the fields given change."""
    changes: dict = {}
    if type:
        changes["type"] = type
    for role, given in (("actor", actor), ("recipient", recipient)):
        if given is not None:
            changes[role] = [name.strip() for name in given.split(",") if name.strip()]
    if place:
        changes["place"] = place
    if date:
        changes["date"] = _date(date)
    sizes = {
        category: _figure(category, value)
        for category, value in zip(SIZES, (dead, injured, displaced, arrested))
        if value is not None
    }
    if sizes:
        changes["size"] = sizes
    if not changes:
        raise typer.BadParameter("give at least one of --type, --actor, --recipient, --place, --date or a size")
    _run(db, lambda store: _verdict(store, event_id, "corrected", changes, note, reviewer))


def _date(text: str) -> dict:
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:/(\d{4}-\d{2}-\d{2}))?", text.strip())
    if not match:
        raise typer.BadParameter(f"{text!r} is not YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD", param_hint="--date")
    begin, end = match[1], match[2] or match[1]
    return {"value": begin if begin == end else f"{begin}/{end}", "begin": begin, "end": end}


def _figure(category: str, text: str) -> dict:
    match = re.fullmatch(r"(\d+)(?:\s*[-–]\s*(\d+))?", text.strip().replace(",", ""))
    if not match or (match[2] and int(match[2]) < int(match[1])):
        raise typer.BadParameter(f"{text!r} is not a number or a range such as 3-5", param_hint=f"--{category}")
    return {"min": int(match[1]), "max": int(match[2] or match[1])}


@app.command()
def split(
    report_id: str = typer.Argument(..., help="The event report to take out (an id from polemos events --reports)."),
    db: Optional[str] = DbOption,
    note: Optional[str] = NoteOption,
    reviewer: Optional[str] = ReviewerOption,
):
    """Take a wrongly fused report out of its canonical event; fusion keeps them apart from now on."""

    def act(store) -> None:
        result = store.split_report(report_id, note, reviewer)
        out.print(
            f"{report_id}: now in {result['split_out'].id}; {result['review']['canonical_id']} keeps "
            f"{result['canonical'].report_count} report(s)"
        )

    _run(db, act)


@app.command()
def merge(
    first: str = typer.Argument(..., help="A canonical event id (ce-…)."),
    second: str = typer.Argument(..., help="Another canonical event id."),
    db: Optional[str] = DbOption,
    note: Optional[str] = NoteOption,
    reviewer: Optional[str] = ReviewerOption,
):
    """Make two canonical events one; fusion keeps them one from now on."""

    def act(store) -> None:
        merged = store.merge_canonical(first, second, note, reviewer)["canonical"]
        out.print(
            f"{first} + {second} = {merged.id}: {merged.report_count} reports from "
            f"{merged.source_count} source(s); {_summary(merged)}"
        )

    _run(db, act)


@app.command()
def history(event_id: str = IdArgument, db: Optional[str] = DbOption):
    """Every decision on an event, newest first, in words."""

    def act(store) -> None:
        if (
            store.canonical_event(event_id) is None
            and store.event(event_id) is None
            and not store.canonical_history(event_id)
        ):
            raise _Refused(f"{event_id}: no canonical event or event report has this id")
        report = store.event(event_id)
        entries = store.event_reviews(event_id) if report else store.canonical_history(event_id)
        places = store.get_record(report.doc_id).places if report else []
        if not entries:
            out.print(f"{event_id}: not reviewed")
        names = store.actor_names(
            {a for e in entries for role in ("actor", "recipient") for a in e["changes"].get(role) or []}
        )
        for entry in entries:
            words = "; ".join(
                describe_changes(
                    entry["changes"],
                    lambda actor_id: names.get(actor_id, actor_id),
                    lambda index: (places[index].name or places[index].text) if 0 <= index < len(places) else None,
                )
            )
            who = f" by {entry['reviewer']}" if entry.get("reviewer") else ""
            note = f" — {entry['note']}" if entry.get("note") else ""
            out.print(printable(f"{entry['reviewed_at']}  {entry['status']}{who}{': ' + words if words else ''}{note}"))

    _run(db, act)


@app.command("merge-actors")
def merge_actors(
    alias: str = typer.Argument(..., help="The actor to merge away (name or id)."),
    into: str = typer.Argument(..., help="The actor it is (name or id)."),
    db: Optional[str] = DbOption,
    note: Optional[str] = NoteOption,
    reviewer: Optional[str] = ReviewerOption,
):
    """Merge two actors: the first becomes an alias of the second, in every document, also after re-extraction."""

    def act(store) -> None:
        saved = store.merge_actors(alias, into, note, reviewer)
        out.print(f"{saved['alias_name']} ({saved['alias_id']}) is now an alias of {saved['actor_id']}")

    _run(db, act)
