"""Actors an analyst found to be one: the alias's mentions, events and relations become the
actor's, now and whenever a document is extracted again.

``actor_aliases`` maps an alias id to the actor it was merged into. Every extraction is
rewritten through it before it is stored (``apply_aliases``), so a re-extraction that finds
the alias again stores it as the actor, and the alias never comes back as an actor of its own.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Optional

from polemos.record import Actor, ExtractionRecord
from polemos.store.report_links import refresh_links


def aliases(connection) -> dict[str, str]:
    return {row[0]: row[1] for row in connection.execute("SELECT alias_id, actor_id FROM actor_aliases")}


def resolve_actor(connection, text: str) -> Optional[str]:
    """The id of the stored actor ``text`` names: its id, its name (any case), or an alias of it."""
    text = text.strip()
    row = (
        connection.execute("SELECT id FROM actors WHERE id = ?", (text,)).fetchone()
        or connection.execute("SELECT actor_id FROM actor_aliases WHERE alias_id = ?", (text,)).fetchone()
        or connection.execute(
            "SELECT id FROM actors WHERE lower(name) = lower(?) ORDER BY id LIMIT 1", (text,)
        ).fetchone()
        or connection.execute(
            "SELECT actor_id FROM actor_aliases WHERE lower(alias_name) = lower(?) ORDER BY alias_id LIMIT 1", (text,)
        ).fetchone()
    )
    return row[0] if row else None


def apply_aliases(connection, record: ExtractionRecord) -> None:
    """Rewrite an extraction so merged actors appear as the actor they were merged into."""
    merged = aliases(connection)
    if not merged or not any(actor.id in merged for actor in record.actors):
        return
    names = _names(connection, set(merged.values()))
    kept: dict[str, Actor] = {}
    for actor in record.actors:
        target = merged.get(actor.id)
        if target is not None:
            actor.id = target
            actor.name = names.get(target, actor.name)
        if actor.id in kept:
            kept[actor.id].mentions.extend(actor.mentions)
        else:
            kept[actor.id] = actor
    record.actors = list(kept.values())
    for event in record.events:
        event.actor = _mapped(event.actor, merged)
        event.recipient = [a for a in _mapped(event.recipient, merged) if a not in event.actor]
    for relation in record.relations:
        relation.actors = _mapped(relation.actors, merged)


def record_alias(connection, alias_id: str, actor_id: str, note: Optional[str], reviewer: Optional[str]) -> dict:
    """Note the merge (and redirect earlier merges into the alias); the caller rewrites the documents."""
    alias_name = connection.execute("SELECT name FROM actors WHERE id = ?", (alias_id,)).fetchone()[0]
    merged_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    connection.execute("UPDATE actor_aliases SET actor_id = ? WHERE actor_id = ?", (actor_id, alias_id))
    connection.execute(
        "INSERT INTO actor_aliases (alias_id, actor_id, alias_name, note, reviewer, merged_at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (alias_id) DO UPDATE SET actor_id = excluded.actor_id, note = excluded.note,"
        " reviewer = excluded.reviewer, merged_at = excluded.merged_at",
        (alias_id, actor_id, alias_name, note, reviewer, merged_at),
    )
    return {
        "alias_id": alias_id,
        "alias_name": alias_name,
        "actor_id": actor_id,
        "note": note,
        "reviewer": reviewer,
        "merged_at": merged_at,
    }


def documents_naming(connection, actor_id: str) -> list[str]:
    return [
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT doc_id FROM actor_mentions WHERE actor_id = ? ORDER BY doc_id", (actor_id,)
        )
    ]


def forget_actor(connection, alias_id: str, actor_id: str) -> None:
    """The alias's last traces once its documents are rewritten: analysts' corrections naming it, its row."""
    corrected_reports = []
    for table, key in (("reviews", "id"), ("canonical_reviews", "id")):
        rows = connection.execute(
            f"SELECT {key}, changes_json FROM {table} WHERE changes_json LIKE ?", (f"%{alias_id}%",)
        ).fetchall()
        if table == "reviews":
            corrected_reports = [
                row[0]
                for row in connection.execute(
                    "SELECT DISTINCT event_id FROM reviews WHERE changes_json LIKE ?", (f"%{alias_id}%",)
                ).fetchall()
            ]
        for row in rows:
            changes = json.loads(row[1] or "{}")
            for role in ("actor", "recipient"):
                if changes.get(role):
                    changes[role] = _mapped(changes[role], {alias_id: actor_id})
            connection.execute(f"UPDATE {table} SET changes_json = ? WHERE {key} = ?", (json.dumps(changes), row[0]))
    connection.execute("UPDATE actor_mentions SET actor_id = ? WHERE actor_id = ?", (actor_id, alias_id))
    refresh_links(connection, corrected_reports)  # a correction that named the alias now names the actor
    connection.execute("DELETE FROM event_actors WHERE actor_id = ?", (alias_id,))
    connection.execute("DELETE FROM actors WHERE id = ?", (alias_id,))


def aliases_of(connection, actor_id: str) -> list[dict]:
    rows = connection.execute(
        "SELECT alias_id, alias_name, note, reviewer, merged_at FROM actor_aliases"
        " WHERE actor_id = ? ORDER BY merged_at, alias_id",
        (actor_id,),
    ).fetchall()
    return [dict(zip(("alias_id", "alias_name", "note", "reviewer", "merged_at"), row)) for row in rows]


def _mapped(ids: list[str], merged: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(merged.get(actor_id, actor_id) for actor_id in ids))


def _names(connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        row[0]: row[1] for row in connection.execute(f"SELECT id, name FROM actors WHERE id IN ({marks})", sorted(ids))
    }
