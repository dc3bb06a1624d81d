"""Reviewing canonical events: the three decisions an analyst takes on a fused event, each
recorded (``polemos.store.decisions``) and carried out by the store's fusion in one
transaction. The caller (``Store``) owns the transaction."""

from __future__ import annotations

from typing import Optional

from polemos.codes import EVENT_TYPES
from polemos.store.aliases import resolve_actor
from polemos.store.canonical import canonical_id_of, get_canonical
from polemos.store.decisions import (
    CANONICAL_CORRECTABLE,
    CANONICAL_VERDICTS,
    DecisionError,
    keep_apart,
    keep_together,
    load_links,
    member_ids,
    record_decision,
    resolve_place,
)
from polemos.store.events import add_review


def review_canonical(
    connection,
    fusion,
    canonical_id: str,
    status: str,
    changes: Optional[dict] = None,
    note: Optional[str] = None,
    reviewer: Optional[str] = None,
) -> dict:
    """Confirm, correct or reject a canonical event. Rejecting rejects each of its reports;
    confirming a rejected one restores them (they are fused again)."""
    if status == "confirmed" and not member_ids(connection, canonical_id):
        rejected = _rejected_reports(connection, canonical_id)
        if rejected:
            return _restore(connection, fusion, canonical_id, rejected, note, reviewer)
    reports = _members(connection, canonical_id)
    if status not in CANONICAL_VERDICTS:
        raise DecisionError(f"status must be one of {', '.join(CANONICAL_VERDICTS)}, not {status!r}")
    changes = checked_changes(connection, canonical_id, changes or {})
    if status == "corrected" and not changes:
        raise DecisionError("a correction needs at least one change")
    saved = record_decision(connection, canonical_id, status, reports, changes, note, reviewer)
    if status == "rejected":
        why = f"rejected with canonical event {canonical_id}" + (f": {note}" if note else "")
        for report_id in reports:
            add_review(connection, report_id, "rejected", note=why, reviewer=reviewer)
            fusion.event_reviewed(report_id)
    else:
        fusion.reapply_reviews([canonical_id])
    return {"review": saved, "canonical": get_canonical(connection, canonical_id)}


def _rejected_reports(connection, canonical_id: str) -> list[str]:
    """The reports of the latest rejection of this canonical event, if that is its latest decision."""
    row = connection.execute(
        "SELECT id, action FROM canonical_reviews WHERE canonical_id = ? ORDER BY id DESC LIMIT 1", (canonical_id,)
    ).fetchone()
    if row is None or row[1] != "rejected":
        return []
    return [
        r[0]
        for r in connection.execute(
            "SELECT report_id FROM canonical_review_reports WHERE review_id = ? ORDER BY report_id", (row[0],)
        )
    ]


def _restore(connection, fusion, canonical_id: str, reports: list[str], note, reviewer) -> dict:
    saved = record_decision(connection, canonical_id, "confirmed", reports, {}, note, reviewer)
    why = f"restored with canonical event {canonical_id}" + (f": {note}" if note else "")
    for report_id in reports:
        if connection.execute("SELECT 1 FROM events WHERE id = ?", (report_id,)).fetchone():
            add_review(connection, report_id, "confirmed", note=why, reviewer=reviewer)
            fusion.event_reviewed(report_id)
    home = next(
        (canonical_id_of(connection, report_id) for report_id in reports if canonical_id_of(connection, report_id)),
        None,
    )
    if home:
        fusion.reapply_reviews([home])
    return {"review": saved, "canonical": get_canonical(connection, home) if home else None}


def checked_changes(connection, canonical_id: str, changes: dict) -> dict:
    """Corrections as stored: actors by id (given by id, name or alias), a place among the sources',
    types upper-case; a one-line error naming what is wrong."""
    unknown = set(changes) - set(CANONICAL_CORRECTABLE)
    if unknown:
        raise DecisionError(
            f"cannot correct {', '.join(sorted(unknown))}; correctable: {', '.join(CANONICAL_CORRECTABLE)}"
        )
    checked = {key: value for key, value in changes.items() if value not in (None, "", [], {})}
    if "type" in checked:
        checked["type"] = str(checked["type"]).strip().upper()
        if checked["type"] not in EVENT_TYPES:
            raise DecisionError(
                f"type: {checked['type']!r} is not a PLOVER type or a polemos extension ({', '.join(EVENT_TYPES)})"
            )
    for role in ("actor", "recipient"):
        if role in changes and changes[role] is not None:
            checked[role] = actor_ids(connection, role, changes[role])
    if isinstance(checked.get("place"), str):
        checked["place"] = resolve_place(connection, canonical_id, checked["place"])
    if "date" in checked and not (checked["date"] or {}).get("begin"):
        raise DecisionError("date: give at least its first day (YYYY-MM-DD)")
    return checked


def actor_ids(connection, role: str, given: list[str]) -> list[str]:
    ids = []
    for text in (entry.strip() for entry in given if entry and entry.strip()):
        found = resolve_actor(connection, text)
        if found is None:
            raise DecisionError(f"{role}: no stored actor has the id or name {text[:100]!r}")
        ids.append(found)
    return list(dict.fromkeys(ids))


def split_report(
    connection, fusion, report_id: str, note: Optional[str] = None, reviewer: Optional[str] = None
) -> dict:
    """Take a wrongly fused report out of its canonical event, for good."""
    canonical_id = canonical_id_of(connection, report_id)
    if canonical_id is None:
        raise DecisionError(f"{report_id}: no such report in any canonical event (rejected, or not an event id)")
    reports = member_ids(connection, canonical_id)
    if reports == [report_id]:
        raise DecisionError(f"{report_id}: the only report of {canonical_id}; there is nothing to split it from")
    saved = record_decision(connection, canonical_id, "split", reports, {"split_out": report_id}, note, reviewer)
    keep_apart(connection, report_id, reports, saved["id"], load_links(connection))
    fusion.split(report_id)
    return {
        "review": saved,
        "canonical": get_canonical(connection, canonical_id),  # the rest keeps its id
        "split_out": get_canonical(connection, _canonical_of(connection, report_id)),
    }


def merge_canonical(
    connection, fusion, canonical_id: str, other_id: str, note: Optional[str] = None, reviewer: Optional[str] = None
) -> dict:
    """Make two canonical events one, for good; the one with more reports keeps its id."""
    if canonical_id == other_id:
        raise DecisionError(f"{canonical_id}: cannot merge a canonical event with itself")
    first, second = _members(connection, canonical_id), _members(connection, other_id)
    saved = record_decision(
        connection, canonical_id, "merged", first + second, {"merged": [canonical_id, other_id]}, note, reviewer
    )
    keep_together(connection, first + second, saved["id"])
    fusion.merge(canonical_id, other_id)
    return {"review": saved, "canonical": get_canonical(connection, _canonical_of(connection, first[0]))}


def _canonical_of(connection, report_id: str) -> str:
    """The canonical event a report was just filed under."""
    canonical_id = canonical_id_of(connection, report_id)
    if canonical_id is None:
        raise DecisionError(f"{report_id}: the report is in no canonical event")
    return canonical_id


def _members(connection, canonical_id: str) -> list[str]:
    reports = member_ids(connection, canonical_id)
    if not reports:
        raise DecisionError(f"{canonical_id}: no such canonical event")
    return reports
