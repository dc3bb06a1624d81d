"""The shared store: a PostgreSQL database that several ingest processes and the web server
write to at once (``--db postgresql://user@host/dbname`` or ``POLEMOS_DB``).

Same schema (migrations/pg/, kept in step with the SQLite ones), same methods, same rows.
The connection is wrapped so the store's SQL, written once with ``?`` placeholders, runs
unchanged, and rows read like ``sqlite3.Row`` (``row["id"]``, ``row[0]``, ``dict(row)``).
Concurrent writers are safe: the unique content hash settles two processes storing the
same text (the second reports it ``present``), and a transaction the server aborts for a
deadlock or serialisation conflict is run again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Optional, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from polemos.store.base import Store, StoreError
from polemos.store.dialect import POSTGRES

try:  # an optional dependency: pip install 'polemos[scale]'
    import psycopg
    from psycopg.adapt import Loader
except ImportError:  # pragma: no cover - exercised only where psycopg is not installed
    psycopg = None
    Loader = object

URL_SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_SECONDS = 10


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
    retryable_errors = (
        (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) if psycopg else ()
    )

    @classmethod
    def open(cls, url: str) -> "PostgresStore":
        if psycopg is None:
            raise StoreError(f"{redact(url)}: PostgreSQL stores need psycopg (pip install 'polemos[scale]')")
        try:
            raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                  connect_timeout=CONNECT_TIMEOUT_SECONDS, application_name="polemos")
        except psycopg.Error as error:
            raise StoreError(f"{redact(url)}: cannot connect ({_first_line(error)})") from error
        raw.adapters.register_loader("numeric", _NumberLoader)
        store = cls(PostgresConnection(raw), url)
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
