"""An analyst's decisions on canonical events: confirm, reject or correct one, split a report
out of one, merge two.

Decisions name the event reports a canonical event held (stable ids), never only its
canonical id, which fusion may change. So they survive re-extraction and fusing the store
again: splits and merges become ``fusion_links`` the fusion index honours
(``polemos.fusion.links``), and a verdict with its corrections goes with whichever canonical
event now holds most of the reports it was given on (``apply_canonical_reviews``, run after
every fusion change). Rejecting a canonical event rejects each of its reports, so it leaves
every listing as a rejected report does, and stays in the history.

``connection`` is either backend's connection; the caller owns the transaction.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any, Iterable, Optional

from polemos.fusion.consensus import canonical_view
from polemos.fusion.links import FusionLinks

CANONICAL_VERDICTS = ("confirmed", "rejected", "corrected")
CANONICAL_CORRECTABLE = ("type", "actor", "recipient", "date", "place", "size")
NO_STORED_PLACE = "place: no stored place"  # how a place no document names is refused (the gazetteer may know it)
ANALYST_RULE = "set by an analyst"
_BATCH = 500


class DecisionError(ValueError):
    """A decision that cannot be taken (unknown event, a split of a lone report…), in one line."""


def load_links(connection) -> FusionLinks:
    rows = connection.execute("SELECT report_a, report_b, kind FROM fusion_links").fetchall()
    return FusionLinks(
        apart=[(r[0], r[1]) for r in rows if r[2] == "apart"],
        together=[(r[0], r[1]) for r in rows if r[2] == "together"],
    )


def member_ids(connection, canonical_id: str) -> list[str]:
    rows = connection.execute(
        "SELECT report_id FROM canonical_members WHERE canonical_id = ? ORDER BY seq", (canonical_id,)
    ).fetchall()
    return [row[0] for row in rows]


def record_decision(
    connection,
    canonical_id: str,
    action: str,
    report_ids: Iterable[str],
    changes: Optional[dict] = None,
    note: Optional[str] = None,
    reviewer: Optional[str] = None,
) -> dict:
    """One entry of the canonical event's history, tied to the reports it concerns."""
    reviewed_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    review_id = connection.execute(
        "INSERT INTO canonical_reviews (canonical_id, action, changes_json, note, reviewer, reviewed_at)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (canonical_id, action, json.dumps(changes or {}), note, reviewer, reviewed_at),
    ).fetchone()[0]
    connection.executemany(
        "INSERT INTO canonical_review_reports (review_id, report_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(review_id, report_id) for report_id in dict.fromkeys(report_ids)],
    )
    return {
        "id": review_id,
        "canonical_id": canonical_id,
        "action": action,
        "status": action,
        "changes": changes or {},
        "note": note,
        "reviewer": reviewer,
        "reviewed_at": reviewed_at,
    }


def keep_apart(connection, report_id: str, others: list[str], review_id: int, links: FusionLinks) -> None:
    """A split: the report never again shares an event with ``others``; it leaves any merge it was in."""
    group = links.together_with(report_id)
    connection.execute(
        "DELETE FROM fusion_links WHERE kind = 'together' AND (report_a = ? OR report_b = ?)", (report_id, report_id)
    )
    _link(connection, _chain(sorted(group)), "together", review_id)  # the rest of the merge stays together
    _link(connection, [(report_id, other) for other in others if other != report_id], "apart", review_id)


def keep_together(connection, reports: list[str], review_id: int) -> None:
    """A merge: these reports stay one event, whatever split kept some of them apart before."""
    reports = sorted(set(reports))
    for chunk_a in _chunks(reports):
        for chunk_b in _chunks(reports):
            connection.execute(
                f"DELETE FROM fusion_links WHERE kind = 'apart' AND report_a IN ({_marks(chunk_a)})"
                f" AND report_b IN ({_marks(chunk_b)})",
                [*chunk_a, *chunk_b],
            )
    _link(connection, _chain(reports), "together", review_id)


def _chain(reports: list[str]) -> list[tuple[str, str]]:
    return list(zip(reports, reports[1:]))


def _link(connection, pairs: list[tuple[str, str]], kind: str, review_id: int) -> None:
    connection.executemany(
        "INSERT INTO fusion_links (report_a, report_b, kind, review_id) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (report_a, report_b) DO UPDATE SET kind = excluded.kind, review_id = excluded.review_id",
        [(*sorted(pair), kind, review_id) for pair in pairs],
    )


def apply_canonical_reviews(connection, state, canonical_ids: Iterable[str]) -> None:
    """Put the analyst's verdicts and corrections back on the canonical events fusion just
    rewrote (their views are the machine's again): each verdict goes to the canonical event
    holding most of the reports it was given on."""
    changed = [cid for cid in dict.fromkeys(canonical_ids) if state.has(cid)]
    if not changed or connection.execute("SELECT 1 FROM canonical_reviews LIMIT 1").fetchone() is None:
        return  # nothing was ever decided: the common case, one cheap lookup
    for chunk in _chunks(changed):
        connection.execute(f"UPDATE canonical_events SET review_status = NULL WHERE id IN ({_marks(chunk)})", chunk)
    verdicts: set[int] = set()
    for chunk in _chunks(changed):
        verdicts.update(
            row[0]
            for row in connection.execute(
                "SELECT DISTINCT rr.review_id FROM canonical_review_reports rr"
                " JOIN canonical_members m ON m.report_id = rr.report_id JOIN canonical_reviews r ON r.id = rr.review_id"
                f" WHERE m.canonical_id IN ({_marks(chunk)}) AND r.action IN ('confirmed', 'corrected')",
                chunk,
            )
        )
    by_home: dict[str, list[int]] = {}
    for review_id in sorted(verdicts):
        home = connection.execute(
            "SELECT m.canonical_id, COUNT(*) AS n FROM canonical_review_reports rr"
            " JOIN canonical_members m ON m.report_id = rr.report_id WHERE rr.review_id = ?"
            " GROUP BY m.canonical_id ORDER BY n DESC, m.canonical_id LIMIT 1",
            (review_id,),
        ).fetchone()
        by_home.setdefault(home[0], []).append(review_id)
    for canonical_id, review_ids in by_home.items():
        _apply(connection, state, canonical_id, _reviews(connection, review_ids))


def _reviews(connection, review_ids: list[int]) -> list[dict]:
    rows = connection.execute(
        "SELECT id, action, changes_json, note, reviewer, reviewed_at FROM canonical_reviews"
        f" WHERE id IN ({_marks(review_ids)}) ORDER BY id",
        review_ids,
    ).fetchall()
    return [
        {
            "status": row[1],
            "changes": json.loads(row[2] or "{}"),
            "note": row[3],
            "reviewer": row[4],
            "reviewed_at": row[5],
        }
        for row in rows
    ]


def _apply(connection, state, canonical_id: str, reviews: list[dict]) -> None:
    """The machine's view with every correction applied in order (a later one wins per field), and
    the latest verdict, on the row listings read."""
    members = state.members(canonical_id)
    view = canonical_view(canonical_id, members, state.consensus([canonical_id])[canonical_id])
    changes: dict[str, Any] = {}
    for review in reviews:
        for field, value in review["changes"].items():
            if field == "size":
                changes["size"] = {**changes.get("size", {}), **value}
            else:
                changes[field] = value
    latest = reviews[-1]
    view = corrected_view(view, changes, _actor_names(connection, changes))
    view["review"] = {**latest, "changes": changes}
    state.save_view(canonical_id, view)
    connection.execute(
        "UPDATE canonical_events SET review_status = ?, type = ? WHERE id = ?",
        (latest["status"], view["type"], canonical_id),
    )


def corrected_view(view: dict, changes: dict, actor_names: dict[str, str]) -> dict:
    view = dict(view)
    if changes.get("type"):
        view["type"] = changes["type"]
    for role in ("actor", "recipient"):
        if role in changes:
            view[role] = list(changes[role])
            view[f"{role}_names"] = [actor_names.get(actor_id, actor_id) for actor_id in changes[role]]
    if changes.get("date"):
        begin = changes["date"].get("begin")
        end = changes["date"].get("end") or begin
        view["date"] = {
            "value": begin if begin == end else f"{begin}/{end}",
            "begin": begin,
            "end": end,
            "text": None,
            "precision": "day" if begin == end else "range",
        }
    if changes.get("place"):
        view["place"] = dict(changes["place"])
    if changes.get("size"):
        size = dict(view.get("size") or {})
        for category, figure in changes["size"].items():
            by_source = (size.get(category) or {}).get("by_source") or []
            size[category] = {
                "value": figure.get("min"),
                "min": figure.get("min"),
                "max": figure.get("max"),
                "text": figure.get("text"),
                "rule": ANALYST_RULE,
                "by_source": by_source,
            }
        view["size"] = size
    return view


def _actor_names(connection, changes: dict) -> dict[str, str]:
    ids = sorted({a for role in ("actor", "recipient") for a in changes.get(role) or []})
    if not ids:
        return {}
    return {
        row[0]: row[1] for row in connection.execute(f"SELECT id, name FROM actors WHERE id IN ({_marks(ids)})", ids)
    }


def source_places(connection, canonical_id: str) -> list[dict]:
    """The places the documents of a canonical event name: what a correction may move it to."""
    rows = connection.execute(
        "SELECT DISTINCT COALESCE(p.name, p.text) AS name, p.geonameid, p.lat, p.lon, p.country, p.feature FROM places p"
        " WHERE p.doc_id IN (SELECT doc_id FROM canonical_members WHERE canonical_id = ?)"
        " ORDER BY 1",
        (canonical_id,),
    ).fetchall()
    places, seen = [], set()
    for row in rows:
        key = (row[0], row[1])
        if key not in seen:
            seen.add(key)
            places.append(
                {
                    "name": row[0],
                    "geonameid": row[1],
                    "lat": row[2],
                    "lon": row[3],
                    "country": row[4],
                    "feature": row[5],
                }
            )
    return places


def resolve_place(connection, canonical_id: str, text: str) -> dict:
    """The place ``text`` names ("Goris", or "Goris (ARM)" to tell namesakes apart), any case:
    one the event's documents name, else one any stored document names with coordinates
    (the most often named); else a one-line error listing the sources' places."""
    match = re.fullmatch(r"\s*(.+?)\s*(?:\(([A-Za-z]{3})\))?\s*", text)
    if match is None:
        raise DecisionError(f"{text!r}: no place named")
    name, country = match[1].lower(), (match[2] or "").upper() or None
    places = source_places(connection, canonical_id)
    for place in places:
        if (place["name"] or "").lower() == name and country in (None, place["country"]):
            return place
    row = connection.execute(
        "SELECT COALESCE(name, text), geonameid, lat, lon, country, feature FROM places"
        " WHERE lower(COALESCE(name, text)) = ? AND lat IS NOT NULL"
        + (" AND country = ?" if country else "")
        + " GROUP BY COALESCE(name, text), geonameid, lat, lon, country, feature ORDER BY COUNT(*) DESC LIMIT 1",
        [name, country] if country else [name],
    ).fetchone()
    if row is not None:
        return dict(zip(("name", "geonameid", "lat", "lon", "country", "feature"), tuple(row)))
    choices = ", ".join(sorted({p["name"] for p in places if p["name"]})[:20]) or "none"
    raise DecisionError(f"{NO_STORED_PLACE} is named {text[:100]!r} (the sources name: {choices})")


def canonical_history(connection, canonical_id: str) -> list[dict]:
    """Every decision on this canonical event or on any report it holds, newest first."""
    reports = member_ids(connection, canonical_id)
    clauses, params = ["r.canonical_id = ?"], [canonical_id]
    for chunk in _chunks(reports):
        clauses.append(f"r.id IN (SELECT review_id FROM canonical_review_reports WHERE report_id IN ({_marks(chunk)}))")
        params += chunk
    rows = connection.execute(
        "SELECT r.id, r.canonical_id, r.action, r.changes_json, r.note, r.reviewer, r.reviewed_at FROM canonical_reviews r"
        f" WHERE {' OR '.join(clauses)} ORDER BY r.id DESC LIMIT 200",
        params,
    ).fetchall()
    return [
        {
            "id": row[0],
            "canonical_id": row[1],
            "status": row[2],
            "changes": json.loads(row[3] or "{}"),
            "note": row[4],
            "reviewer": row[5],
            "reviewed_at": row[6],
        }
        for row in rows
    ]


def _marks(items: list) -> str:
    return ",".join("?" * len(items))


def _chunks(items: list):
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def merge_candidates(connection, canonical_id: str, limit: int = 8, days: int = 3) -> list[dict]:
    """Canonical events an analyst may find to be this one: the same event family, dated within
    ``days`` of it; those in its country first, then nearest in date."""
    from datetime import date, timedelta

    row = connection.execute(
        "SELECT family, date_begin, date_end, country FROM canonical_events WHERE id = ?", (canonical_id,)
    ).fetchone()
    if row is None or not row[1]:
        return []
    try:
        begin, end = date.fromisoformat(row[1][:10]), date.fromisoformat((row[2] or row[1])[:10])
    except ValueError:
        return []
    clauses = ["id <> ?", "family = ?", "date_begin <= ?", "COALESCE(date_end, date_begin) >= ?"]
    params: list[Any] = [
        canonical_id,
        row[0],
        (end + timedelta(days=days)).isoformat(),
        (begin - timedelta(days=days)).isoformat(),
    ]
    rows = connection.execute(
        f"SELECT view_json FROM canonical_events WHERE {' AND '.join(clauses)} ORDER BY date_begin, id LIMIT ?",
        [*params, limit * 10],
    ).fetchall()
    views = [json.loads(r[0]) for r in rows if r[0]]

    def closeness(view: dict) -> tuple:
        day = date.fromisoformat(((view.get("date") or {}).get("begin") or row[1])[:10])
        return ((view.get("place") or {}).get("country") != row[3], abs((day - begin).days), view["id"])

    return sorted(views, key=closeness)[:limit]
