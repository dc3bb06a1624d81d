"""The embedded store: one SQLite file, WAL mode, foreign keys on, versioned migrations.

Every document is written in one transaction together with everything extracted from it,
so an interrupted ingest never leaves half a document behind and re-running it
completes the rest.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import asdict
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional

from polemos.record import ExtractionRecord
from polemos.store.events import (
    EventFilter, add_review, assign_stable_ids, delete_events, haversine_km, query_events, write_events,
)

DEFAULT_DB = "polemos.db"


class StoreError(Exception):
    pass


def migration_scripts() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every packaged migration, in order."""
    folder = resources.files("polemos.store") / "migrations"
    scripts = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            scripts.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(scripts)


class SQLiteStore:
    def __init__(self, connection: sqlite3.Connection, path: str):
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB) -> "SQLiteStore":
        path = str(path)
        try:
            connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"{path}: cannot open database ({error})") from error
        connection.row_factory = sqlite3.Row
        connection.create_function("haversine_km", 4, haversine_km, deterministic=True)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as error:
            connection.close()
            raise StoreError(f"{path}: not a polemos database ({error})") from error
        store = cls(connection, path)
        store.migrate()
        return store

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------

    def schema_version(self) -> int:
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
        )
        row = self.connection.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    def migrate(self) -> None:
        current = self.schema_version()
        for version, name, sql in migration_scripts():
            if version <= current:
                continue
            with self.transaction():
                for statement in _statements(sql):
                    self.connection.execute(statement)
                self.connection.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now())
                )

    def transaction(self):
        return _Transaction(self.connection)

    # -- writing ------------------------------------------------------------------------

    def find_by_hash(self, content_hash: str) -> Optional[str]:
        row = self.connection.execute(
            "SELECT id FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row["id"] if row else None

    def add(self, record: ExtractionRecord, raw_bytes: Optional[bytes] = None, raw_format: Optional[str] = None) -> tuple[str, str]:
        """Store a document and its extraction; returns (status, doc_id), status ``added`` or ``present``."""
        doc = record.document
        with self.transaction():
            existing = self.find_by_hash(doc.content_hash or "")
            if existing:
                return "present", existing
            doc.id = self._free_id(doc.id, doc.content_hash or "")
            self.connection.execute(
                "INSERT INTO documents (id, content_hash, title, url, published, published_source, language,"
                " source, text, structure_json, raw_format, raw_zlib, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id, doc.content_hash, doc.title, doc.url, doc.published, doc.published_source,
                    doc.language, doc.source, record.text, _structure_json(record), raw_format,
                    zlib.compress(raw_bytes) if raw_bytes is not None else None, _now(),
                ),
            )
            self._write_extraction(record)
        return "added", doc.id

    def replace_extraction(self, record: ExtractionRecord) -> None:
        """Swap a stored document's machine extraction for a new one, in one transaction."""
        with self.transaction():
            self._delete_extraction(record.document.id)
            self._write_extraction(record)

    def _free_id(self, wanted: str, content_hash: str) -> str:
        """A JSON Lines id is kept unless another document already uses it."""
        taken = self.connection.execute("SELECT 1 FROM documents WHERE id = ?", (wanted,)).fetchone()
        return f"{wanted}-{content_hash[:8]}" if taken else wanted

    def _delete_extraction(self, doc_id: str) -> None:
        delete_events(self.connection, doc_id)
        for table in ("sentences", "actor_mentions", "places", "timexes", "quantities"):
            self.connection.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    def _write_extraction(self, record: ExtractionRecord) -> None:
        doc_id = record.document.id
        execute_many = self.connection.executemany
        execute_many(
            'INSERT INTO sentences (doc_id, idx, start, "end") VALUES (?, ?, ?, ?)',
            [(doc_id, i, s.start, s.end) for i, s in enumerate(record.sentences)],
        )
        for actor in record.actors:
            self.connection.execute(
                "INSERT INTO actors (id, name, kind, sector, country, wikidata) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO NOTHING",
                (actor.id, actor.name, actor.kind, actor.sector, actor.country, actor.wikidata),
            )
            execute_many(
                'INSERT INTO actor_mentions (doc_id, actor_id, text, start, "end", sentence) VALUES (?, ?, ?, ?, ?, ?)',
                [(doc_id, actor.id, m.text, m.start, m.end, m.sentence) for m in actor.mentions],
            )
        _insert_items(self.connection, "places", doc_id, record.places,
                      ("text", "start", "end", "name", "geonameid", "lat", "lon", "country", "feature", "sentence"))
        _insert_items(self.connection, "timexes", doc_id, record.timexes,
                      ("text", "start", "end", "type", "value", "begin", "end_date", "anchor", "sentence"))
        _insert_items(self.connection, "quantities", doc_id, record.quantities,
                      ("text", "start", "end", "min", "max", "unit", "category", "sentence"))
        assign_stable_ids(record)
        write_events(self.connection, record)
        self.connection.execute(
            "UPDATE documents SET record_zlib = ?, extracted_at = ? WHERE id = ?",
            (zlib.compress(json.dumps(record.to_dict()).encode("utf-8")), _now(), doc_id),
        )

    # -- reading ------------------------------------------------------------------------

    def resolve_id(self, doc_id: str) -> str:
        """Accept a full id or an unambiguous prefix of one."""
        row = self.connection.execute("SELECT id FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row:
            return row["id"]
        rows = self.connection.execute(
            "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (_like_prefix(doc_id),)
        ).fetchall()
        if len(rows) == 1:
            return rows[0]["id"]
        if not rows:
            raise StoreError(f"{doc_id}: no such document in {self.path}")
        raise StoreError(f"{doc_id}: ambiguous document id prefix")

    def get_record(self, doc_id: str) -> ExtractionRecord:
        doc_id = self.resolve_id(doc_id)
        row = self.connection.execute("SELECT record_zlib FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return ExtractionRecord.from_dict(json.loads(zlib.decompress(row["record_zlib"])))

    def get_raw(self, doc_id: str) -> tuple[Optional[bytes], Optional[str]]:
        row = self.connection.execute(
            "SELECT raw_zlib, raw_format FROM documents WHERE id = ?", (self.resolve_id(doc_id),)
        ).fetchone()
        return (zlib.decompress(row["raw_zlib"]) if row["raw_zlib"] else None), row["raw_format"]

    def documents(self, limit: int = 50, offset: int = 0) -> Iterator[sqlite3.Row]:
        yield from self.connection.execute(
            "SELECT id, title, url, published, published_source, language, source, length(text) AS chars,"
            " ingested_at FROM documents ORDER BY ingested_at, id LIMIT ? OFFSET ?",
            (limit, offset),
        )

    def events(self, filter: EventFilter | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """Events matching ``filter`` with their latest review applied, and how many match in all."""
        return query_events(self.connection, filter or EventFilter(), limit, offset)

    def review_event(self, event_id: str, status: str, changes: dict | None = None,
                     note: str | None = None, reviewer: str | None = None) -> dict:
        with self.transaction():
            return add_review(self.connection, event_id, status, changes, note, reviewer)

    def count(self, table: str) -> int:
        if table not in {"documents", "actors", "actor_mentions", "places", "timexes", "quantities", "sentences",
                         "events", "evidence", "relations", "reviews"}:
            raise ValueError(table)
        return self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception (including KeyboardInterrupt)."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self):
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.connection.execute("COMMIT")
        else:
            self.connection.execute("ROLLBACK")
        return False


def _insert_items(connection: sqlite3.Connection, table: str, doc_id: str, items: list, columns: tuple[str, ...]) -> None:
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in range(len(columns) + 2))
    rows = []
    for index, item in enumerate(items):
        values = asdict(item)
        rows.append((doc_id, index, *(values.get(c) for c in columns)))
    connection.executemany(f"INSERT INTO {table} (doc_id, idx, {quoted}) VALUES ({marks})", rows)


def _structure_json(record: ExtractionRecord) -> str:
    doc = asdict(record.document)
    return json.dumps({key: doc[key] for key in ("headings", "captions", "removed")})


def _statements(sql: str) -> list[str]:
    """Split a migration into statements; trigger bodies hold semicolons of their own."""
    code = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    statements, pending = [], ""
    for part in code.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    return statements


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
