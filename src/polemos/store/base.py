"""What every store does, whichever database keeps it: migrations, one transaction per
document, dedup by content, and reading documents and events back.

A backend (``SQLiteStore``, ``PostgresStore``) supplies a connection that takes ``?``
placeholders and returns rows addressable by column name, a dialect object for the few
fragments of SQL that differ, and how a write transaction starts. Every document is written
in one transaction together with everything extracted from it, so an interrupted ingest
never leaves half a document behind and re-running it completes the rest.
"""

from __future__ import annotations

import json
import zlib
from datetime import datetime, timezone
from typing import Iterator, Optional, Union

from polemos.fusion import EventFamilies
from polemos.record import ExtractionRecord, plain
from polemos.store import aliases, canonical_review, report_links
from polemos.store.decisions import DecisionError, canonical_history
from polemos.store.dialect import PostgresDialect, SQLiteDialect
from polemos.store.documents import search_documents, untitled_display_titles
from polemos.store.canonical import StoreFusion, canonical_id_of, canonical_queue, get_canonical, query_canonical
from polemos.store.event_filter import EventFilter
from polemos.store.event_views import actor_details, get_event, query_events
from polemos.store.views import CanonicalView, EventView
from polemos.store.events import add_review, assign_stable_ids, delete_events, review_history, write_events
from polemos.store.report_places import refresh_report_places, reports_with_corrected_places
from polemos.store.migration_files import migration_scripts

COUNTABLE_TABLES = frozenset(
    {
        "documents",
        "actors",
        "actor_mentions",
        "places",
        "timexes",
        "quantities",
        "sentences",
        "events",
        "evidence",
        "relations",
        "reviews",
        "canonical_events",
        "canonical_reviews",
        "actor_aliases",
    }
)
FUSION_MIGRATION = 4  # the version that added canonical events: stores older than it are fused on upgrade
REPORT_LINKS_MIGRATION = 12  # the version that keeps each report's links: corrected actors are written on upgrade
CORRECTED_ACTORS_MIGRATION = 13  # event_actors follow corrections: the corrected reports' rows are written on upgrade
CANONICAL_ACTORS_MIGRATION = (
    14  # event_actors follow canonical corrections, a report's row its corrected place: written on upgrade
)


class StoreError(Exception):
    pass


class Store:
    """The shared behaviour; subclasses open the connection and run migration scripts."""

    dialect: Union[SQLiteDialect, PostgresDialect]  # set by each backend
    retryable_errors: tuple[type[BaseException], ...] = ()  # transient conflicts worth one more try
    RETRIES = 5

    def __init__(self, connection, path: str, families: Optional[EventFamilies] = None):
        self.connection = connection
        self.path = path
        self.fusion = StoreFusion(connection, self.dialect, families or EventFamilies.load())

    def close(self) -> None:
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self):
        """A write transaction: committed on success, rolled back on any exception."""
        return _Transaction(self.connection, self.dialect.begin_write)

    # -- schema -------------------------------------------------------------------------

    def schema_version(self) -> int:
        if not self.connection.execute(self.dialect.table_exists, ("schema_migrations",)).fetchone():
            return 0
        return self.connection.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] or 0

    def applied_versions(self) -> set[int]:
        if not self.connection.execute(self.dialect.table_exists, ("schema_migrations",)).fetchone():
            return set()
        return {row[0] for row in self.connection.execute("SELECT version FROM schema_migrations")}

    def migrate(self) -> None:
        """Apply every packaged migration not applied yet; safe when several processes open a new store at once."""
        scripts = migration_scripts(self.dialect.migrations_folder)
        if {version for version, _name, _sql in scripts} <= self.applied_versions():
            return
        with self.transaction():
            if self.dialect.lock_migrations:
                self.connection.execute(self.dialect.lock_migrations)
            self.connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
            )
            current = self.schema_version()  # again, now that no other process can be migrating
            applied = self.applied_versions()
            for version, name, sql in scripts:
                if version not in applied:  # numbers are given out ahead, so a lower one may come later
                    self._apply(version, name, sql)
            if 0 < current < FUSION_MIGRATION:
                self.fusion.rebuild()  # the events stored before fusion existed
            if current and not {REPORT_LINKS_MIGRATION, CORRECTED_ACTORS_MIGRATION} <= applied:
                # the migration wrote the machine's pairs, and event_actors held the extracted actors alone
                report_links.refresh_links(self.connection, report_links.reports_with_corrected_actors(self.connection))
            if current and CANONICAL_ACTORS_MIGRATION not in applied:  # event_actors ignored canonical corrections
                report_links.refresh_links(
                    self.connection, report_links.reports_of_corrected_canonical_events(self.connection)
                )
                refresh_report_places(
                    self.connection, reports_with_corrected_places(self.connection)
                )  # and their points

    def _apply(self, version: int, name: str, sql: str) -> None:
        """One migration; a store it cannot be applied to is refused in one line, unchanged
        (the migrations run in one transaction)."""
        try:
            self._run_script(sql)
        except Exception as error:  # noqa: BLE001 - sqlite3 and psycopg errors alike
            raise StoreError(
                f"{self.display_location}: cannot apply migration {name} to this store "
                f"({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''});"
                " it was made by another version of polemos"
            ) from None
        self.connection.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now()))

    def _run_script(self, sql: str) -> None:
        raise NotImplementedError

    # -- writing ------------------------------------------------------------------------

    def find_by_hash(self, content_hash: str) -> Optional[str]:
        row = self.connection.execute("SELECT id FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
        return row["id"] if row else None

    def add(
        self, record: ExtractionRecord, raw_bytes: Optional[bytes] = None, raw_format: Optional[str] = None
    ) -> tuple[str, str]:
        """Store a document and its extraction; returns (status, doc_id), status ``added`` or ``present``.

        Safe against other processes adding the same text at the same moment: the unique
        content hash decides, and the loser reports the winner's document as ``present``."""
        return self._retrying(lambda: self._add_once(record, raw_bytes, raw_format))

    def _add_once(
        self, record: ExtractionRecord, raw_bytes: Optional[bytes], raw_format: Optional[str]
    ) -> tuple[str, str]:
        content_hash = record.document.content_hash or ""
        with self.transaction():
            existing = self.find_by_hash(content_hash)
            if existing:
                return "present", existing
            # A JSON Lines id is kept unless another document already uses it.
            for doc_id in (record.document.id, f"{record.document.id}-{content_hash[:8]}"):
                if self._insert_document(doc_id, record, raw_bytes, raw_format):
                    record.document.id = doc_id
                    self._write_extraction(record)
                    self.fusion.document_changed(doc_id)
                    return "added", doc_id
                existing = self.find_by_hash(content_hash)  # another process may just have stored this text
                if existing:
                    return "present", existing
        raise StoreError(f"{record.document.id}: both this id and {record.document.id}-{content_hash[:8]} are taken")

    def _insert_document(
        self, doc_id: str, record: ExtractionRecord, raw_bytes: Optional[bytes], raw_format: Optional[str]
    ) -> bool:
        """Insert the document row unless its id or content hash is stored already; True if inserted."""
        doc = record.document
        cursor = self.connection.execute(
            "INSERT INTO documents (id, content_hash, title, url, published, published_source, language,"
            " source, text, structure_json, raw_format, raw_zlib, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                doc_id,
                doc.content_hash,
                doc.title,
                doc.url,
                doc.published,
                doc.published_source,
                doc.language,
                doc.source,
                record.text,
                _structure_json(record),
                raw_format,
                zlib.compress(raw_bytes) if raw_bytes is not None else None,
                _now(),
            ),
        )
        return cursor.rowcount == 1

    def replace_extraction(self, record: ExtractionRecord) -> None:
        """Swap a stored document's machine extraction for a new one, in one transaction; reviews stay."""

        def replace() -> None:
            with self.transaction():
                self._lock_document(record.document.id)
                self._delete_extraction(record.document.id)
                self._write_extraction(record)
                self.fusion.document_changed(record.document.id)

        self._retrying(replace)

    def update_document(self, record: ExtractionRecord) -> str:
        """Replace a stored document's clean text, metadata and structure (re-cleaned from its raw
        input) together with its extraction, in one transaction, keeping its id and its reviews.

        Returns ``updated``, or ``unchanged`` when the text is the same as stored. Refuses (StoreError)
        when the document is not stored, or when its new text is already stored as another document."""
        doc = record.document

        def update() -> str:
            with self.transaction():
                stored = self._lock_document(doc.id)
                if stored is None:
                    raise StoreError(f"{doc.id}: no such document in {self.display_location}")
                owner = self.find_by_hash(doc.content_hash or "")
                if owner is not None and owner != doc.id:
                    raise StoreError(f"{doc.id}: its new text is already stored as document {owner}; not updated")
                self.connection.execute(
                    "UPDATE documents SET content_hash = ?, title = ?, url = ?, published = ?, published_source = ?,"
                    " language = ?, source = COALESCE(?, source), text = ?, structure_json = ? WHERE id = ?",
                    (
                        doc.content_hash,
                        doc.title,
                        doc.url,
                        doc.published,
                        doc.published_source,
                        doc.language,
                        doc.source,
                        record.text,
                        _structure_json(record),
                        doc.id,
                    ),
                )
                self._delete_extraction(doc.id)
                self._write_extraction(record)
                self.fusion.document_changed(doc.id)
                return "unchanged" if stored["content_hash"] == doc.content_hash else "updated"

        return self._retrying(update)

    def _lock_document(self, doc_id: str):
        """The document's row (id, content_hash), locked for the rest of the transaction; None if not stored."""
        return self.connection.execute(
            f"SELECT id, content_hash FROM documents WHERE id = ?{self.dialect.lock_for_update}", (doc_id,)
        ).fetchone()

    def rebuild_canonical_events(self) -> int:
        """Fuse every stored event again (after the fusion rules changed); returns the canonical events made."""

        def rebuild() -> int:
            with self.transaction():
                return self.fusion.rebuild()

        return self._retrying(rebuild)

    def _retrying(self, write):
        """Run a whole write transaction again when the database gave up on it for a transient conflict."""
        for attempt in range(self.RETRIES):
            try:
                return write()
            except self.retryable_errors:
                if attempt == self.RETRIES - 1:
                    raise

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
        aliases.apply_aliases(self.connection, record)  # merged actors stay merged on re-extraction
        # Actors in id order: concurrent writers then lock shared actor rows in one order and never deadlock.
        for actor in sorted(record.actors, key=lambda actor: actor.id):
            self.connection.execute(
                "INSERT INTO actors (id, name, kind, sector, country, wikidata) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (actor.id, actor.name, actor.kind, actor.sector, actor.country, actor.wikidata),
            )
        for actor in record.actors:
            execute_many(
                'INSERT INTO actor_mentions (doc_id, actor_id, text, start, "end", sentence) VALUES (?, ?, ?, ?, ?, ?)',
                [(doc_id, actor.id, m.text, m.start, m.end, m.sentence) for m in actor.mentions],
            )
        self._insert_items(
            "places",
            doc_id,
            record.places,
            ("text", "start", "end", "name", "geonameid", "lat", "lon", "country", "feature", "sentence"),
        )
        self._insert_items(
            "timexes",
            doc_id,
            record.timexes,
            ("text", "start", "end", "type", "value", "begin", "end_date", "anchor", "sentence"),
        )
        self._insert_items(
            "quantities",
            doc_id,
            record.quantities,
            ("text", "start", "end", "min", "max", "unit", "category", "sentence"),
        )
        assign_stable_ids(record)
        write_events(self.connection, record)
        self.connection.execute(
            "UPDATE documents SET record_zlib = ?, extracted_at = ? WHERE id = ?",
            (zlib.compress(json.dumps(record.to_dict()).encode("utf-8")), _now(), doc_id),
        )

    def _insert_items(self, table: str, doc_id: str, items: list, columns: tuple[str, ...]) -> None:
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in range(len(columns) + 2))
        rows = []
        for index, item in enumerate(items):
            values = plain(item)
            rows.append((doc_id, index, *(values.get(c) for c in columns)))
        self.connection.executemany(f"INSERT INTO {table} (doc_id, idx, {quoted}) VALUES ({marks})", rows)

    # -- reading ------------------------------------------------------------------------

    def resolve_id(self, doc_id: str) -> str:
        """Accept a full id or an unambiguous prefix of one."""
        row = self.connection.execute("SELECT id FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row:
            return row["id"]
        rows = self.connection.execute(
            f"SELECT id FROM documents WHERE id {self.dialect.like} ? ESCAPE '\\' LIMIT 2", (_like_prefix(doc_id),)
        ).fetchall()
        if len(rows) == 1:
            return rows[0]["id"]
        if not rows:
            raise StoreError(f"{doc_id}: no such document in {self.display_location}")
        raise StoreError(f"{doc_id}: ambiguous document id prefix")

    @property
    def display_location(self) -> str:
        """Where the store is, fit to show a user (no password)."""
        return self.path

    def get_record(self, doc_id: str) -> ExtractionRecord:
        doc_id = self.resolve_id(doc_id)
        row = self.connection.execute("SELECT record_zlib FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return ExtractionRecord.from_dict(json.loads(zlib.decompress(row["record_zlib"])))

    def get_raw(self, doc_id: str) -> tuple[Optional[bytes], Optional[str]]:
        row = self.connection.execute(
            "SELECT raw_zlib, raw_format FROM documents WHERE id = ?", (self.resolve_id(doc_id),)
        ).fetchone()
        return (zlib.decompress(row["raw_zlib"]) if row["raw_zlib"] else None), row["raw_format"]

    def document_input(self, doc_id: str) -> dict:
        """What a stored document was ingested from: its raw bytes and format (None when not
        kept), and the title, URL, publication date (with where it came from) and source given."""
        doc_id = self.resolve_id(doc_id)
        row = self.connection.execute(
            "SELECT title, url, published, published_source, source FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        data, raw_format = self.get_raw(doc_id)
        return {
            **{key: row[key] for key in ("title", "url", "published", "published_source", "source")},
            "id": doc_id,
            "raw": data,
            "raw_format": raw_format,
        }

    def documents(self, limit: int = 50, offset: int = 0) -> Iterator:
        """Stored documents in the order they were ingested; rows addressable by column name."""
        yield from self.connection.execute(
            "SELECT id, title, url, published, published_source, language, source, length(text) AS chars,"
            " ingested_at FROM documents ORDER BY ingested_at, id LIMIT ? OFFSET ?",
            (limit, offset),
        )

    def search_documents(self, q: Optional[str] = None, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """Documents whose title, id, URL or text contains ``q`` (all when None), newest first, each
        with its event count and a ``display_title`` (the URL or first line for untitled inputs),
        and how many match in all."""
        return search_documents(self.connection, self.dialect, q, limit, offset)

    def events(
        self, filter: EventFilter | None = None, limit: int = 50, offset: int = 0, sort: Optional[str] = None
    ) -> tuple[list[EventView], int]:
        """Per-document events (reports) matching ``filter`` with their latest review applied, and how
        many match in all. ``sort``: date, type, place, country, dead, confidence, document or review,
        prefixed with - for descending (default -date, newest first)."""
        return query_events(self.connection, filter or EventFilter(), limit, offset, self.dialect, sort)

    def event(self, event_id: str) -> Optional[EventView]:
        """One event with its latest review applied (rejected ones too), or None."""
        return get_event(self.connection, event_id)

    def canonical_events(
        self, filter: EventFilter | None = None, limit: int = 50, offset: int = 0, sort: Optional[str] = None
    ) -> tuple[list[CanonicalView], int]:
        """Canonical events (one per real event, fused across documents, with every source) matching
        ``filter``, and how many match in all. ``sort``: date, type, place, country, dead, sources,
        reports or earliest, prefixed with - for descending (default -date)."""
        return query_canonical(self.connection, filter or EventFilter(), limit, offset, self.dialect, sort)

    def canonical_review_queue(
        self, filter: EventFilter | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[list[CanonicalView], int]:
        """Canonical events without an analyst's verdict, most sources first, and how many in all."""
        return canonical_queue(self.connection, filter or EventFilter(), limit, offset, self.dialect)

    def canonical_event(self, canonical_id: str) -> Optional[CanonicalView]:
        """One canonical event with its sources, or None."""
        return get_canonical(self.connection, canonical_id)

    def canonical_of(self, event_id: str) -> Optional[CanonicalView]:
        """The canonical event an event report was fused into (None when rejected or unfusable)."""
        canonical_id = canonical_id_of(self.connection, event_id)
        return get_canonical(self.connection, canonical_id) if canonical_id else None

    def review_event(
        self,
        event_id: str,
        status: str,
        changes: dict | None = None,
        note: str | None = None,
        reviewer: str | None = None,
    ) -> dict:
        """Confirm, reject or correct an event; its canonical event follows in the same transaction."""

        def review() -> dict:
            with self.transaction():
                saved = add_review(self.connection, event_id, status, changes, note, reviewer)
                self.fusion.event_reviewed(event_id)
                return saved

        return self._retrying(review)

    # -- an analyst's decisions on canonical events and actors ---------------------------

    def review_canonical(
        self,
        canonical_id: str,
        status: str,
        changes: dict | None = None,
        note: str | None = None,
        reviewer: str | None = None,
    ) -> dict:
        """Confirm, correct or reject a canonical event (``{"review", "canonical"}``); DecisionError
        for a decision that cannot be taken. Corrections take actors by id, name or alias, and a
        place by the name of one the event's documents name."""
        return self._deciding(
            lambda: canonical_review.review_canonical(
                self.connection, self.fusion, canonical_id, status, changes, note, reviewer
            )
        )

    def split_report(self, report_id: str, note: str | None = None, reviewer: str | None = None) -> dict:
        """Take a report out of its canonical event; fusion never puts them together again."""
        return self._deciding(
            lambda: canonical_review.split_report(self.connection, self.fusion, report_id, note, reviewer)
        )

    def merge_canonical(
        self, canonical_id: str, other_id: str, note: str | None = None, reviewer: str | None = None
    ) -> dict:
        """Make two canonical events one; fusion keeps them one."""
        return self._deciding(
            lambda: canonical_review.merge_canonical(
                self.connection, self.fusion, canonical_id, other_id, note, reviewer
            )
        )

    def event_reviews(self, event_id: str) -> list[dict]:
        """Every review of an event report, newest first."""
        return review_history(self.connection, event_id)

    def document_display_titles(self, doc_ids: set[str]) -> dict[str, str]:
        """``{id: title}`` for the untitled documents among ``doc_ids``: the URL or first line the
        document lists show instead of a title."""
        return untitled_display_titles(self.connection, doc_ids)

    def actor_names(self, actor_ids: set[str]) -> dict[str, str]:
        """``{id: name}`` of the stored actors among ``actor_ids``."""
        return {actor_id: found["name"] for actor_id, found in actor_details(self.connection, actor_ids).items()}

    def canonical_history(self, canonical_id: str) -> list[dict]:
        """Every decision on a canonical event or its reports, newest first (also once it was rejected)."""
        return canonical_history(self.connection, canonical_id)

    def resolve_actor(self, text: str) -> Optional[str]:
        """The id of the actor an id, name or merged alias names, or None."""
        return aliases.resolve_actor(self.connection, text)

    def merge_actors(self, alias: str, into: str, note: str | None = None, reviewer: str | None = None) -> dict:
        """Merge actor ``alias`` into actor ``into`` (ids or names): its mentions, events and relations
        become the actor's, in every document now and whenever one is extracted again."""

        def merge() -> dict:
            with self.transaction():
                alias_id, actor_id = self._actor_to_merge(alias, "alias"), self._actor_to_merge(into, "into")
                if alias_id == actor_id:
                    raise DecisionError(f"{alias}: already the same actor as {into}")
                saved = aliases.record_alias(self.connection, alias_id, actor_id, note, reviewer)
                for doc_id in aliases.documents_naming(self.connection, alias_id):
                    self._lock_document(doc_id)
                    record = self.get_record(doc_id)
                    self._delete_extraction(doc_id)
                    self._write_extraction(record)
                    self.fusion.document_changed(doc_id)
                aliases.forget_actor(self.connection, alias_id, actor_id)
                return saved

        return self._retrying(merge)

    def actor_aliases(self, actor_id: str) -> list[dict]:
        return aliases.aliases_of(self.connection, actor_id)

    def _actor_to_merge(self, text: str, role: str) -> str:
        found = self.connection.execute("SELECT id FROM actors WHERE id = ?", (text,)).fetchone()
        actor_id = found[0] if found else aliases.resolve_actor(self.connection, text)
        if actor_id is None:
            raise DecisionError(f"{role}: no stored actor has the id or name {text[:100]!r}")
        return actor_id

    def _deciding(self, decide) -> dict:
        def run() -> dict:
            with self.transaction():
                return decide()

        return self._retrying(run)

    def count(self, table: str) -> int:
        if table not in COUNTABLE_TABLES:
            raise ValueError(table)
        return self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


class _Transaction:
    """``begin`` … COMMIT, rolled back on any exception (including KeyboardInterrupt)."""

    def __init__(self, connection, begin: str):
        self.connection = connection
        self.begin = begin

    def __enter__(self):
        self.connection.execute(self.begin)
        return self.connection

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.connection.execute("COMMIT")
        else:
            self.connection.execute("ROLLBACK")
        return False


def _structure_json(record: ExtractionRecord) -> str:
    doc = plain(record.document)
    return json.dumps({key: doc[key] for key in ("headings", "captions", "removed")})


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
