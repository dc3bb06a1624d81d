"""Canonical events kept in SQL tables, so a store fuses a day's documents without reloading the corpus.

``SQLFusionState`` works over any connection that takes ``?`` placeholders and returns rows
readable by position: a ``sqlite3`` connection, or the PostgreSQL store's wrapped connection.
The store creates the tables in its migrations; ``create_tables`` runs those same statements
on a bare SQLite connection, for fusion outside a store. Four tables:

- ``canonical_events``: one row per canonical event: its consensus (what new reports are
  compared with) and its view (what users see), with the columns a listing filters and
  sorts on (date, place, country, type, death toll) copied out of the view;
- ``canonical_members``: which event report (``events.id``) belongs to which canonical
  event, in the order they joined, with the report and its fusion profile, so updating an
  event reads only its rows;
- ``canonical_keys``: the blocking index, key to canonical event;
- ``canonical_links``: each canonical event's actor → recipient pairs, for the actor network.

A new report costs one indexed lookup of its keys and one read of the candidates'
consensus rows. The caller owns the transaction: wrap ``FusionIndex.add`` in one (a
connection in autocommit mode would commit every row).
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator, Optional

from polemos.fusion.compat import Profile
from polemos.fusion.report import Report
from polemos.fusion.state import Member, profile_from_dict, profile_to_dict
from polemos.record import size_figure
from polemos.store.migration_files import migration_scripts, split_statements

_BATCH = 500  # parameters per IN (...) list, well under SQLite's limit


def create_tables(connection) -> None:
    """The fusion tables on a bare SQLite connection (if missing), as the store's own migration
    creates them (a store has them already); the migration is the one definition of their schema."""
    for _version, name, sql in migration_scripts():
        if "_canonical_" not in name:
            continue
        for statement in split_statements(sql):
            if re.match(r"CREATE (TABLE|INDEX) canonical_", statement):  # idempotent, as reopening needs
                connection.execute(re.sub(r"^CREATE (TABLE|INDEX) ", r"CREATE \1 IF NOT EXISTS ", statement))
            elif added := re.match(r"ALTER TABLE (canonical_\w+) ADD COLUMN (\w+)", statement):
                columns = {row[1] for row in connection.execute(f"PRAGMA table_info({added[1]})")}
                if added[2] not in columns:
                    connection.execute(statement)


class SQLFusionState:
    """``FusionState`` over the three tables; portable SQL only, so SQLite and PostgreSQL alike."""

    def __init__(self, connection):
        self.connection = connection

    def cluster_of(self, report_id: str) -> Optional[str]:
        row = self.connection.execute(
            "SELECT canonical_id FROM canonical_members WHERE report_id = ?", (report_id,)
        ).fetchone()
        return row[0] if row else None

    def reports_of_document(self, doc_id: str) -> list[str]:
        """Ids of the reports a document contributed (to take them out when it is re-extracted)."""
        rows = self.connection.execute("SELECT report_id FROM canonical_members WHERE doc_id = ?", (doc_id,))
        return [row[0] for row in rows]

    def has(self, cluster_id: str) -> bool:
        return (
            self.connection.execute("SELECT 1 FROM canonical_events WHERE id = ?", (cluster_id,)).fetchone() is not None
        )

    def candidates(self, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(keys)):
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0]
                for row in self.connection.execute(
                    f"SELECT DISTINCT canonical_id FROM canonical_keys WHERE key IN ({marks})", chunk
                )
            )
        return found

    def all_ids(self) -> list[str]:
        return [row[0] for row in self.connection.execute("SELECT id FROM canonical_events ORDER BY id")]

    def consensus(self, cluster_ids: Iterable[str]) -> dict[str, Profile]:
        found: dict[str, Profile] = {}
        for chunk in _chunks(sorted(cluster_ids)):
            marks = ",".join("?" * len(chunk))
            for row in self.connection.execute(
                f"SELECT id, consensus_json FROM canonical_events WHERE id IN ({marks})", chunk
            ):
                found[row[0]] = profile_from_dict(json.loads(row[1]))
        return found

    def members(self, cluster_id: str) -> list[Member]:
        rows = self.connection.execute(
            "SELECT report_json, profile_json FROM canonical_members WHERE canonical_id = ? ORDER BY seq", (cluster_id,)
        )
        return [(Report.from_dict(json.loads(r)), profile_from_dict(json.loads(p))) for r, p in rows]

    def save(
        self, cluster_id: str, added: list[Member], removed: list[str], consensus: Profile, keys: set[str]
    ) -> None:
        self.connection.execute(
            "INSERT INTO canonical_events (id, family, type, consensus_json) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET family = excluded.family, type = excluded.type,"
            " consensus_json = excluded.consensus_json",
            (cluster_id, consensus.family, consensus.type, json.dumps(profile_to_dict(consensus))),
        )
        self.connection.executemany("DELETE FROM canonical_members WHERE report_id = ?", [(r,) for r in removed])
        self._add_members(cluster_id, added)
        old = {
            row[0]
            for row in self.connection.execute("SELECT key FROM canonical_keys WHERE canonical_id = ?", (cluster_id,))
        }
        self.connection.executemany(
            "DELETE FROM canonical_keys WHERE key = ? AND canonical_id = ?",
            [(key, cluster_id) for key in sorted(old - keys)],
        )
        self.connection.executemany(
            "INSERT INTO canonical_keys (key, canonical_id) VALUES (?, ?)",
            [(key, cluster_id) for key in sorted(keys - old)],
        )

    def _add_members(self, cluster_id: str, added: list[Member]) -> None:
        if not added:
            return
        last = self.connection.execute(
            "SELECT MAX(seq) FROM canonical_members WHERE canonical_id = ?", (cluster_id,)
        ).fetchone()[0]
        first = (last or 0) + 1
        self.connection.executemany(
            "INSERT INTO canonical_members (report_id, canonical_id, doc_id, seq, report_json, profile_json)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (report_id) DO UPDATE SET canonical_id = excluded.canonical_id,"
            " doc_id = excluded.doc_id, seq = excluded.seq, report_json = excluded.report_json,"
            " profile_json = excluded.profile_json",
            [
                (
                    report.id,
                    cluster_id,
                    report.doc_id,
                    first + n,
                    json.dumps(report.to_dict()),
                    json.dumps(profile_to_dict(profile)),
                )
                for n, (report, profile) in enumerate(added)
            ],
        )

    def save_view(self, cluster_id: str, view: dict[str, Any]) -> None:
        date, place = view.get("date") or {}, view.get("place") or {}
        dead = size_figure(view.get("size"), "dead")
        self.connection.execute(
            "UPDATE canonical_events SET mode = ?, date_begin = ?, date_end = ?, date_precision = ?, place_name = ?,"
            " lat = ?, lon = ?, country = ?, place_feature = ?, dead_value = ?, dead_min = ?, dead_max = ?,"
            " report_count = ?, source_count = ?, earliest_published = ?, modality = ?, view_json = ?,"
            " admin1 = NULL WHERE id = ?",  # the division is found again from the point, which may have moved
            (
                view.get("mode"),
                date.get("begin"),
                date.get("end"),
                date.get("precision"),
                place.get("name"),
                place.get("lat"),
                place.get("lon"),
                place.get("country"),
                place.get("feature"),
                dead.get("value"),
                dead.get("min"),
                dead.get("max"),
                view.get("report_count"),
                view.get("source_count"),
                (view.get("earliest_report") or {}).get("published"),
                view.get("modality") or "asserted",
                json.dumps(view),
                cluster_id,
            ),
        )
        self._save_links(cluster_id, ((view.get("review") or {}).get("changes") or {}))

    def _save_links(self, cluster_id: str, corrected: dict[str, Any]) -> None:
        """The actor → recipient pairs its reports state (never a pair of one report's actor with
        another's recipient), which the actor network groups; when an analyst corrected the
        event's actors or recipients, those instead (each actor with each recipient)."""
        self.connection.execute("DELETE FROM canonical_links WHERE canonical_id = ?", (cluster_id,))
        reports = [
            json.loads(report_json)
            for (report_json,) in self.connection.execute(
                "SELECT report_json FROM canonical_members WHERE canonical_id = ?", (cluster_id,)
            ).fetchall()
        ]
        if "actor" in corrected or "recipient" in corrected:
            actors = corrected.get("actor") or sorted({a for report in reports for a in report.get("actor") or ()})
            recipients = corrected.get("recipient") or sorted(
                {r for report in reports for r in report.get("recipient") or ()}
            )
            stated = [(actors, recipients)]
        else:
            stated = [(report.get("actor") or (), report.get("recipient") or ()) for report in reports]
        pairs = sorted(
            {
                (source, target)
                for actors, recipients in stated
                for source in actors
                for target in recipients
                if source != target
            }
        )
        self.connection.executemany(
            "INSERT INTO canonical_links (canonical_id, source, target, type, date_begin, date_end)"
            " SELECT id, ?, ?, type, date_begin, date_end FROM canonical_events WHERE id = ?",
            [(source, target, cluster_id) for source, target in pairs],
        )

    def delete(self, cluster_id: str) -> None:
        self.connection.execute("DELETE FROM canonical_links WHERE canonical_id = ?", (cluster_id,))
        self.connection.execute("DELETE FROM canonical_keys WHERE canonical_id = ?", (cluster_id,))
        self.connection.execute("DELETE FROM canonical_members WHERE canonical_id = ?", (cluster_id,))
        self.connection.execute("DELETE FROM canonical_events WHERE id = ?", (cluster_id,))

    def clear(self) -> None:
        """Forget every canonical event (before fusing a whole store again)."""
        for table in ("canonical_links", "canonical_keys", "canonical_members", "canonical_events"):
            self.connection.execute(f"DELETE FROM {table}")

    def views(self) -> Iterator[dict[str, Any]]:
        for row in self.connection.execute(
            "SELECT view_json FROM canonical_events WHERE view_json IS NOT NULL ORDER BY id"
        ):
            yield json.loads(row[0])

    def view(self, cluster_id: str) -> Optional[dict[str, Any]]:
        row = self.connection.execute("SELECT view_json FROM canonical_events WHERE id = ?", (cluster_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]
