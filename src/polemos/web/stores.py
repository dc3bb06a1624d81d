"""One store connection per server thread.

A SQLite connection may only be used by the thread that opened it, and FastAPI runs plain
(``def``) endpoints and dependencies in a thread pool, not necessarily the same thread for
both; so each worker thread opens its own connection on first use and keeps it, and requests
get a ``ThreadStore`` that finds the connection of whichever thread uses it. The pool belongs
to one app (no module-level state) and is closed with it.
"""

from __future__ import annotations

import threading

from polemos.store import Store, open_store


class StorePool:
    def __init__(self, location: str):
        self.location = location
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.location)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        """Close every connection; called at shutdown, when no request is running any more."""
        with self._lock:
            for store in self._opened:
                try:
                    store.close()
                except Exception:  # a connection of a finished thread may refuse; it is going anyway
                    pass
            self._opened.clear()


class ThreadStore:
    """Stands for the store in a request: every use goes to the calling thread's connection."""

    def __init__(self, pool: StorePool):
        self._pool = pool

    def __getattr__(self, name: str):
        return getattr(self._pool.get(), name)
