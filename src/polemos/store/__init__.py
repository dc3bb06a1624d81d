"""Store: where documents and everything extracted from them are kept (SQLite by default)."""

from __future__ import annotations

import os

from polemos.store.events import EventFilter
from polemos.store.sqlite import DEFAULT_DB, SQLiteStore, StoreError


def default_location() -> str:
    return os.environ.get("POLEMOS_DB") or DEFAULT_DB


def open_store(location: str | None = None) -> SQLiteStore:
    """Open (and migrate) the store at ``location``: a SQLite file path."""
    location = location or default_location()
    if location.startswith(("postgresql://", "postgres://")):
        raise StoreError(f"{location.split('@')[-1]}: PostgreSQL stores are not supported in this version")
    return SQLiteStore.open(location)


__all__ = ["EventFilter", "DEFAULT_DB", "SQLiteStore", "StoreError", "default_location", "open_store"]
