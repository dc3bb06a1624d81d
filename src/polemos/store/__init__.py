"""Store: where documents and everything extracted from them are kept.

An SQLite file by default; a PostgreSQL database when the location is a
``postgresql://`` URL, for several ingest processes and the web server writing at once.
Both backends have the same schema, methods and rows (``polemos.store.base.Store``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from polemos.store.base import Store, StoreError
from polemos.store.canonical import CANONICAL_SORTS
from polemos.store.decisions import CANONICAL_VERDICTS, DecisionError
from polemos.store.event_filter import EVENT_SORTS, MODALITIES, REVIEW_FILTERS, EventFilter, split_modalities
from polemos.store.events import REVIEW_STATUSES
from polemos.store.postgres import PostgresStore, is_postgres_url
from polemos.store.sqlite import DEFAULT_DB, SQLiteStore
from polemos.store.views import CanonicalView, EventView


def default_location() -> str:
    return os.environ.get("POLEMOS_DB") or DEFAULT_DB


@dataclass(frozen=True)
class Backend:
    """A kind of store: its name, which locations are its own, and how one is opened (and migrated)."""

    name: str
    claims: Callable[[str], bool]
    open: Callable[[str], Store]


def _any_path(location: str) -> bool:
    return True


# The backends, asked in order which one a location belongs to; the last takes any file path.
# A new backend is one more entry here, before SQLite.
BACKENDS: tuple[Backend, ...] = (
    Backend("postgresql", is_postgres_url, PostgresStore.open),
    Backend("sqlite", _any_path, SQLiteStore.open),
)


def open_store(location: str | None = None) -> Store:
    """Open (and migrate) the store at ``location``: a SQLite file path or a ``postgresql://`` URL."""
    location = location or default_location()
    backend = next(backend for backend in BACKENDS if backend.claims(location))
    return backend.open(location)


# The vocabulary the web and the command line offer their users (sort orders, review statuses
# and verdicts, modalities) comes from here, so they never reach into the store's modules.
__all__ = [
    "BACKENDS",
    "Backend",
    "CANONICAL_SORTS",
    "CANONICAL_VERDICTS",
    "CanonicalView",
    "DecisionError",
    "EVENT_SORTS",
    "EventFilter",
    "EventView",
    "DEFAULT_DB",
    "MODALITIES",
    "PostgresStore",
    "REVIEW_FILTERS",
    "REVIEW_STATUSES",
    "SQLiteStore",
    "Store",
    "StoreError",
    "default_location",
    "open_store",
    "split_modalities",
]
