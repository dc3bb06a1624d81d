"""Each report's actors as an analyst last corrected them, else as extracted: its rows of
``event_actors`` (what the actor filter, an actor's page and the actors' counts read), and its
actor → recipient pairs in ``report_links`` (migration 0012) for the actor network that counts
each document's reports (``view=reports``). A correction of who did what to whom is what every
view shows; a later review that leaves the actors alone gives back the extracted ones, which the
events row keeps (``event_json``).

A ``report_links`` row holds what the events list filters a report on (its type, a corrected
one winning, its dates, whether it was rejected), so the network groups this narrow table alone
when the filter is a type or dates at most.
"""

from __future__ import annotations

import json
from typing import Iterable

INSERT = ("INSERT INTO report_links (event_id, source, target, type, date_begin, date_end, rejected)"
          " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")


def pairs(actors: Iterable[str], recipients: Iterable[str]) -> list[tuple[str, str]]:
    """Every actor with every recipient, never an actor with itself, in a stable order."""
    return sorted({(source, target) for source in actors for target in recipients if source != target})


def write_machine_links(connection, event_id: str, type_: str, date_begin, date_end,
                        actors: list[str], recipients: list[str]) -> None:
    """The links of a report just written, before any review is put back on it."""
    connection.executemany(INSERT, [(event_id, source, target, type_, date_begin, date_end, 0)
                                    for source, target in pairs(actors, recipients)])


def refresh_links(connection, event_ids: Iterable[str]) -> None:
    """Write again the actors and the links of these reports from their rows, their extracted
    actors and their latest review (after a review, or a review put back on a re-extracted report)."""
    for event_id in dict.fromkeys(event_ids):
        row = connection.execute(
            "SELECT type, review_type, review_status, date_begin, date_end, event_json FROM events WHERE id = ?",
            (event_id,)).fetchone()
        connection.execute("DELETE FROM report_links WHERE event_id = ?", (event_id,))
        if row is None:
            continue
        roles = _stored_only(connection, {**_extracted_roles(row[5]), **_corrected_roles(connection, event_id)})
        _write_actors(connection, event_id, roles)
        type_ = row[1] or row[0]
        rejected = 1 if row[2] == "rejected" else 0
        connection.executemany(INSERT, [(event_id, source, target, type_, row[3], row[4], rejected)
                                        for source, target in pairs(roles["actor"], roles["recipient"])])


def _extracted_roles(event_json: str | None) -> dict[str, list[str]]:
    event = json.loads(event_json or "{}")
    return {role: [str(actor) for actor in event.get(role) or []] for role in ("actor", "recipient")}


def _stored_only(connection, roles: dict[str, list[str]]) -> dict[str, list[str]]:
    """The roles with only the actors the store holds (as ``write_events`` keeps them)."""
    wanted = sorted({actor for actors in roles.values() for actor in actors})
    stored = {row[0] for row in connection.execute(
        f"SELECT id FROM actors WHERE id IN ({','.join('?' * len(wanted))})", wanted).fetchall()} if wanted else set()
    return {role: list(dict.fromkeys(actor for actor in actors if actor in stored)) for role, actors in roles.items()}


def _write_actors(connection, event_id: str, roles: dict[str, list[str]]) -> None:
    connection.execute("DELETE FROM event_actors WHERE event_id = ?", (event_id,))
    connection.executemany(
        "INSERT INTO event_actors (event_id, actor_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(event_id, actor, role) for role, actors in roles.items() for actor in actors])


def _corrected_roles(connection, event_id: str) -> dict[str, list[str]]:
    """The actors and recipients the latest review set, for the roles it corrected."""
    row = connection.execute("SELECT changes_json FROM reviews WHERE event_id = ? ORDER BY id DESC LIMIT 1",
                             (event_id,)).fetchone()
    changes = json.loads(row[0] or "{}") if row else {}
    return {role: [str(actor) for actor in changes[role] or []] for role in ("actor", "recipient") if role in changes}


def reports_with_corrected_actors(connection) -> list[str]:
    """The reports some review corrected the actors or recipients of (a store upgraded to
    ``report_links`` writes their links again from those reviews)."""
    rows = connection.execute(
        "SELECT DISTINCT r.event_id FROM reviews r JOIN events e ON e.id = r.event_id"
        " WHERE r.changes_json LIKE '%\"actor\"%' OR r.changes_json LIKE '%\"recipient\"%'").fetchall()
    return sorted(row[0] for row in rows)
