"""The embedded store: one SQLite file, WAL mode, foreign keys on, versioned migrations.

Writers take the write lock up front (``BEGIN IMMEDIATE``) and wait up to 30 seconds for
one another, so several ingest processes and the web server can share one file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from polemos.store import base
from polemos.store.base import Store, StoreError
from polemos.store.dialect import SQLITE
from polemos.store.events import haversine_km
from polemos.store.migration_files import split_statements

DEFAULT_DB = "polemos.db"
BUSY_TIMEOUT_SECONDS = 30
# Read the file through the operating system's page cache (memory-mapped) and keep more pages
# per connection: counts and views over a large store then stay in memory between requests.
MMAP_BYTES = 1 << 30
CACHE_KIB = 16 * 1024

__all__ = ["DEFAULT_DB", "SQLiteStore", "StoreError", "migration_scripts"]


def migration_scripts() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every packaged SQLite migration, in order."""
    return base.migration_scripts(SQLITE.migrations_folder)


class SQLiteStore(Store):
    dialect = SQLITE

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB) -> "SQLiteStore":
        path = str(path)
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"{path}: cannot open database ({error})") from error
        connection.row_factory = sqlite3.Row
        connection.create_function("haversine_km", 4, haversine_km, deterministic=True)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        except sqlite3.DatabaseError as error:
            connection.close()
            raise StoreError(f"{path}: not a polemos database ({error})") from error
        store = cls(connection, path)
        store.migrate()
        return store

    def _run_script(self, sql: str) -> None:
        for statement in split_statements(sql):
            self.connection.execute(statement)
