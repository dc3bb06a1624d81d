"""The shared store: a PostgreSQL database that several ingest processes and the web server
write to at once (``--db postgresql://user@host/dbname`` or ``POLEMOS_DB``).

Same schema (migrations/pg/, kept in step with the SQLite ones), same methods, same rows.
The connection is wrapped so the store's SQL, written once with ``?`` placeholders, runs
unchanged, and rows read like ``sqlite3.Row`` (``row["id"]``, ``row[0]``, ``dict(row)``).
Concurrent writers are safe: the unique content hash settles two processes storing the
same text (the second reports it ``present``), and a transaction the server aborts for a
deadlock or serialisation conflict is run again. A lost connection (server restarted,
network gone) is re-opened with backoff for ``reconnect_seconds``, and the write run again;
after that the store gives up with one ``StoreError`` line.
"""

from __future__ import annotations

import os
import time
from decimal import Decimal
from typing import Any, Iterable, Optional, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from polemos.store.base import Store, StoreError
from polemos.store.dialect import POSTGRES

try:  # an optional dependency: pip install 'polemos[scale]'
    import psycopg
    from psycopg.adapt import Loader
except ImportError:  # pragma: no cover - exercised only where psycopg is not installed
    psycopg = None  # type: ignore[assignment]
    Loader = object  # type: ignore[misc,assignment]

URL_SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_SECONDS = 10
RECONNECT_SECONDS = 60.0  # how long a lost server may take to come back before a write gives up
RECONNECT_ENV = "POLEMOS_PG_RECONNECT_SECONDS"


def is_postgres_url(location: str) -> bool:
    return location.startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, to show in messages."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(f":{parts.password}@", ":***@", 1)
    query = urlencode([(k, "***" if k == "password" else v) for k, v in parse_qsl(parts.query)], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


class PostgresStore(Store):
    dialect = POSTGRES
    retryable_errors = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) if psycopg else ()

    @classmethod
    def open(cls, url: str) -> "PostgresStore":
        if psycopg is None:
            raise StoreError(f"{redact(url)}: PostgreSQL stores need psycopg (pip install 'polemos[scale]')")
        try:
            raw = _connect(url)
        except psycopg.Error as error:
            raise StoreError(f"{redact(url)}: cannot connect ({_first_line(error)})") from error
        store = cls(PostgresConnection(raw), url)
        store.reconnect_seconds = _reconnect_seconds()
        try:
            store.migrate()
        except psycopg.Error as error:
            raw.close()
            raise StoreError(f"{redact(url)}: cannot set up the polemos schema ({_first_line(error)})") from error
        return store

    @property
    def display_location(self) -> str:
        return redact(self.path)

    def _run_script(self, sql: str) -> None:
        self.connection.execute(sql)  # the server splits the script; function bodies keep their semicolons

    reconnect_seconds = RECONNECT_SECONDS

    def _retrying(self, write):
        """Run the write; if the connection was lost, reconnect with backoff and run it again
        (a write is one transaction, rolled back by the server when the connection dropped)."""
        deadline = None
        while True:
            try:
                return super()._retrying(write)
            except psycopg.OperationalError as error:
                if not (self.connection.raw.closed or self.connection.raw.broken):
                    raise
                deadline = deadline or time.monotonic() + self.reconnect_seconds
                self._reconnect(error, deadline)

    def _reconnect(self, error: Exception, deadline: float) -> None:
        delay = 0.25
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise StoreError(
                    f"{redact(self.path)}: lost the connection to the server and could not reconnect"
                    f" within {self.reconnect_seconds:g} s ({_first_line(error)})"
                ) from None
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, 5.0)
            try:
                self.connection.raw = _connect(self.path)
                return
            except psycopg.Error as failure:
                error = failure


def _connect(url: str) -> "psycopg.Connection":
    raw = psycopg.connect(
        url,
        autocommit=True,
        row_factory=_row_factory,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        application_name="polemos",
    )
    raw.adapters.register_loader("numeric", _NumberLoader)
    return raw


def _reconnect_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(RECONNECT_ENV, RECONNECT_SECONDS)))
    except ValueError:
        return RECONNECT_SECONDS


class PostgresConnection:
    """A psycopg connection that takes the store's SQL: ``?`` placeholders, rows like ``sqlite3.Row``.

    PostgreSQL's own ``?`` operators (jsonb key tests) cannot be written through it."""

    def __init__(self, raw: "psycopg.Connection"):
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> "psycopg.Cursor":
        cursor = self.raw.cursor()
        if params:
            cursor.execute(pyformat(sql), tuple(params))
        else:
            cursor.execute(sql)  # no parameters: sent as is, and may hold several statements
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> "psycopg.Cursor":
        cursor = self.raw.cursor()
        rows = [tuple(row) for row in rows]
        if rows:
            cursor.executemany(pyformat(sql), rows)
        return cursor

    def close(self) -> None:
        self.raw.close()


def pyformat(sql: str) -> str:
    """``?`` placeholders → psycopg's ``%s``, leaving quoted text and identifiers alone; ``%`` → ``%%``."""
    out, quote = [], None
    for char in sql:
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "?":
            out.append("%s")
            continue
        out.append("%%" if char == "%" else char)
    return "".join(out)


class Row(tuple):
    """A result row read by position, by column name, or as ``dict(row)``, like ``sqlite3.Row``."""

    _columns: dict[str, int]

    def __new__(cls, values: Sequence[Any], columns: dict[str, int]):
        row = super().__new__(cls, values)
        row._columns = columns
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._columns[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._columns)


def _row_factory(cursor: "psycopg.Cursor"):
    columns: dict[str, int] = {}
    for index, column in enumerate(cursor.description or ()):
        columns.setdefault(column.name, index)  # a repeated name means its first column, as in SQLite

    def make_row(values: Sequence[Any]) -> Row:
        return Row(values, columns)

    return make_row


class _NumberLoader(Loader):
    """NUMERIC results (SUM and AVG of integers) as int or float, as SQLite returns them, not Decimal."""

    def load(self, data) -> Optional[int | float]:
        value = Decimal(bytes(data).decode("ascii"))
        return int(value) if value.is_finite() and value == value.to_integral_value() else float(value)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
