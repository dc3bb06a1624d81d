"""Store: where documents and everything extracted from them are kept.

An SQLite file by default; a PostgreSQL database when the location is a
``postgresql://`` URL, for several ingest processes and the web server writing at once.
Both backends have the same schema, methods and rows (``polemos.store.base.Store``).
"""

from __future__ import annotations

import os

from polemos.store.base import Store, StoreError
from polemos.store.decisions import DecisionError
from polemos.store.event_filter import MODALITIES, REVIEW_FILTERS, EventFilter
from polemos.store.postgres import PostgresStore, is_postgres_url
from polemos.store.sqlite import DEFAULT_DB, SQLiteStore


def default_location() -> str:
    return os.environ.get("POLEMOS_DB") or DEFAULT_DB


def open_store(location: str | None = None) -> Store:
    """Open (and migrate) the store at ``location``: a SQLite file path or a ``postgresql://`` URL."""
    location = location or default_location()
    if is_postgres_url(location):
        return PostgresStore.open(location)
    return SQLiteStore.open(location)


__all__ = [
    "DecisionError", "EventFilter", "DEFAULT_DB", "MODALITIES", "PostgresStore", "REVIEW_FILTERS", "SQLiteStore", "Store", "StoreError",
    "default_location", "open_store",
]
