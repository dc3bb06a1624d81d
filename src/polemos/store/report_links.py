"""Each report's actor → recipient pairs, kept in ``report_links`` (migration 0012) for the
actor network that counts each document's reports (``view=reports``).

A row holds what the events list filters a report on (its type, a corrected one winning, its
dates, whether it was rejected), so the network groups this narrow table alone when the filter
is a type or dates at most. The pairs are the report's actors as an analyst last corrected them,
else as extracted: a correction of who did what to whom is what the network shows.
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
    """Write again the links of these reports from their rows, their extracted actors and their
    latest review (after a review, or a review put back on a re-extracted report)."""
    for event_id in dict.fromkeys(event_ids):
        row = connection.execute(
            "SELECT type, review_type, review_status, date_begin, date_end FROM events WHERE id = ?", (event_id,)).fetchone()
        connection.execute("DELETE FROM report_links WHERE event_id = ?", (event_id,))
        if row is None:
            continue
        roles: dict[str, list[str]] = {"actor": [], "recipient": []}
        for actor_id, role in connection.execute(
                "SELECT actor_id, role FROM event_actors WHERE event_id = ? ORDER BY actor_id", (event_id,)).fetchall():
            roles.setdefault(role, []).append(actor_id)
        roles.update(_corrected_roles(connection, event_id))
        type_ = row[1] or row[0]
        rejected = 1 if row[2] == "rejected" else 0
        connection.executemany(INSERT, [(event_id, source, target, type_, row[3], row[4], rejected)
                                        for source, target in pairs(roles["actor"], roles["recipient"])])


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
