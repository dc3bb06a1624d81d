"""Each report's actors as an analyst last corrected them, else as extracted: its rows of
``event_actors`` (what the actor filter, an actor's page and the actors' counts read), and its
actor → recipient pairs in ``report_links`` (migration 0012) for the actor network that counts
each document's reports (``view=reports``). A correction of who did what to whom is what every
view shows; a later review that leaves the actors alone gives back the extracted ones, which the
events row keeps (``event_json``). A correction of a canonical event's actors is each of its
reports' (migration 0014), unless the report's own correction came later.

A ``report_links`` row holds what the events list filters a report on (its type, a corrected
one winning, its dates, whether it was rejected), so the network groups this narrow table alone
when the filter is a type or dates at most.
"""

from __future__ import annotations

import json
from typing import Iterable

INSERT = (
    "INSERT INTO report_links (event_id, source, target, type, date_begin, date_end, rejected)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)


def pairs(actors: Iterable[str], recipients: Iterable[str]) -> list[tuple[str, str]]:
    """Every actor with every recipient, never an actor with itself, in a stable order."""
    return sorted({(source, target) for source in actors for target in recipients if source != target})


def write_machine_links(
    connection, event_id: str, type_: str, date_begin, date_end, actors: list[str], recipients: list[str]
) -> None:
    """The links of a report just written, before any review is put back on it."""
    connection.executemany(
        INSERT,
        [(event_id, source, target, type_, date_begin, date_end, 0) for source, target in pairs(actors, recipients)],
    )


def refresh_links(connection, event_ids: Iterable[str]) -> None:
    """Write again the actors and the links of these reports from their rows, their extracted
    actors and their latest review (after a review, or a review put back on a re-extracted report)."""
    for event_id in dict.fromkeys(event_ids):
        row = connection.execute(
            "SELECT type, review_type, review_status, date_begin, date_end, event_json FROM events WHERE id = ?",
            (event_id,),
        ).fetchone()
        connection.execute("DELETE FROM report_links WHERE event_id = ?", (event_id,))
        if row is None:
            continue
        roles = _stored_only(connection, {**_extracted_roles(row[5]), **_latest_corrections(connection, event_id)})
        _write_actors(connection, event_id, roles)
        type_ = row[1] or row[0]
        rejected = 1 if row[2] == "rejected" else 0
        connection.executemany(
            INSERT,
            [
                (event_id, source, target, type_, row[3], row[4], rejected)
                for source, target in pairs(roles["actor"], roles["recipient"])
            ],
        )


def _extracted_roles(event_json: str | None) -> dict[str, list[str]]:
    event = json.loads(event_json or "{}")
    return {role: [str(actor) for actor in event.get(role) or []] for role in ("actor", "recipient")}


def _stored_only(connection, roles: dict[str, list[str]]) -> dict[str, list[str]]:
    """The roles with only the actors the store holds (as ``write_events`` keeps them)."""
    wanted = sorted({actor for actors in roles.values() for actor in actors})
    stored = (
        {
            row[0]
            for row in connection.execute(
                f"SELECT id FROM actors WHERE id IN ({','.join('?' * len(wanted))})", wanted
            ).fetchall()
        }
        if wanted
        else set()
    )
    return {role: list(dict.fromkeys(actor for actor in actors if actor in stored)) for role, actors in roles.items()}


def _write_actors(connection, event_id: str, roles: dict[str, list[str]]) -> None:
    connection.execute("DELETE FROM event_actors WHERE event_id = ?", (event_id,))
    connection.executemany(
        "INSERT INTO event_actors (event_id, actor_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(event_id, actor, role) for role, actors in roles.items() for actor in actors],
    )


def _latest_corrections(connection, event_id: str) -> dict[str, list[str]]:
    """The corrected roles of the report: its own review's and its canonical event's, the later
    of the two winning for a role both corrected (the canonical's on a tie, as its page shows it)."""
    own, own_at = _corrected_roles(connection, event_id)
    fused, fused_at = _canonical_corrected_roles(connection, event_id)
    return {**fused, **own} if own_at > fused_at else {**own, **fused}


def _corrected_roles(connection, event_id: str) -> tuple[dict[str, list[str]], str]:
    """The actors and recipients the latest review set, for the roles it corrected, and when."""
    row = connection.execute(
        "SELECT changes_json, reviewed_at FROM reviews WHERE event_id = ? ORDER BY id DESC LIMIT 1", (event_id,)
    ).fetchone()
    changes = json.loads(row[0] or "{}") if row else {}
    return _roles_of(changes), (row[1] or "") if row else ""


def _canonical_corrected_roles(connection, event_id: str) -> tuple[dict[str, list[str]], str]:
    """The actors and recipients an analyst set on the canonical event holding this report (its
    view keeps the corrections applied), and when that event was last reviewed."""
    row = connection.execute(
        "SELECT c.view_json FROM canonical_members m JOIN canonical_events c ON c.id = m.canonical_id"
        " WHERE m.report_id = ?",
        (event_id,),
    ).fetchone()
    review = (json.loads(row[0]) if row and row[0] else {}).get("review") or {}
    return _roles_of(review.get("changes") or {}), review.get("reviewed_at") or ""


def _roles_of(changes: dict) -> dict[str, list[str]]:
    return {role: [str(actor) for actor in changes[role] or []] for role in ("actor", "recipient") if role in changes}


def follow_canonical_correction(connection, canonical_id: str, corrected: dict) -> None:
    """Write again the actors of a canonical event's reports just saved, when its correction
    names actors, or when some canonical event's ever did (a report split off or fused elsewhere
    leaves such a correction behind). Most stores have none: one cheap lookup."""
    if not ({"actor", "recipient"} & set(corrected)) and not _canonical_actors_ever_corrected(connection):
        return
    refresh_links(
        connection,
        [
            row[0]
            for row in connection.execute(
                "SELECT report_id FROM canonical_members WHERE canonical_id = ? ORDER BY report_id", (canonical_id,)
            ).fetchall()
        ],
    )


def _canonical_actors_ever_corrected(connection) -> bool:
    return (
        connection.execute(
            "SELECT 1 FROM canonical_reviews WHERE changes_json LIKE '%\"actor\"%' OR changes_json LIKE '%\"recipient\"%'"
            " LIMIT 1"
        ).fetchone()
        is not None
    )


def reports_of_corrected_canonical_events(connection) -> list[str]:
    """The reports of the canonical events whose actors some analyst corrected (a store upgraded
    to migration 0014 writes their actors again)."""
    rows = connection.execute(
        "SELECT m.report_id FROM canonical_members m JOIN canonical_events c ON c.id = m.canonical_id"
        " WHERE c.review_status IS NOT NULL"
    ).fetchall()
    return sorted(row[0] for row in rows)


def reports_with_corrected_actors(connection) -> list[str]:
    """The reports some review corrected the actors or recipients of (a store upgraded to
    ``report_links`` writes their links again from those reviews)."""
    rows = connection.execute(
        "SELECT DISTINCT r.event_id FROM reviews r JOIN events e ON e.id = r.event_id"
        " WHERE r.changes_json LIKE '%\"actor\"%' OR r.changes_json LIKE '%\"recipient\"%'"
    ).fetchall()
    return sorted(row[0] for row in rows)
