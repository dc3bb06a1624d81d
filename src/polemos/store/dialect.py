"""Where the store's SQL differs between SQLite and PostgreSQL, and nowhere else.

The store writes its statements once, with ``?`` placeholders and portable SQL
(``INSERT … ON CONFLICT DO NOTHING``, ``COALESCE``, ``LIMIT … OFFSET``, ``NULLS LAST``,
an alias on every subquery in FROM, ``SUM(CASE WHEN …)`` rather than summing booleans).
The few fragments that cannot be portable come from a dialect object (``store.dialect``):
JSON field access, the full-text match over evidence, case-insensitive ``LIKE``, string
aggregation, truncation to an integer, how a write transaction starts and how a row is
locked for the rest of one. Code outside the store that writes its own SQL (the web
workspace's aggregate views) takes its fragments from ``store.dialect`` too.
"""

from __future__ import annotations


class SQLiteDialect:
    name = "sqlite"
    migrations_folder = "migrations"
    begin_write = "BEGIN IMMEDIATE"  # take the write lock up front: no upgrade deadlocks between writers
    like = "LIKE"  # case-insensitive for ASCII in SQLite
    lock_for_update = ""  # BEGIN IMMEDIATE already serialises writers
    table_exists = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    lock_migrations = None  # BEGIN IMMEDIATE already serialises migrations
    lock_fusion = None  # BEGIN IMMEDIATE already serialises fusion

    def json_text(self, column: str, key: str) -> str:
        """The text of a top-level key of a JSON object kept in a TEXT column."""
        return f"json_extract({column}, '$.{_key(key)}')"

    def json_array_has(self, column: str) -> str:
        """A condition: the JSON array of strings in ``column`` holds the ``?`` parameter."""
        return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value = ?)"

    def distinct_list(self, expression: str) -> str:
        """An aggregate: the distinct values of ``expression`` joined by commas."""
        return f"group_concat(DISTINCT {expression})"

    def whole_number(self, expression: str) -> str:
        """``expression`` truncated toward zero to an integer."""
        return f"CAST({expression} AS INTEGER)"

    def order(self, expression: str, descending: bool) -> str:
        """An ORDER BY term with NULLs last either way. SQLite puts NULLs last in a descending
        order already, and says nothing more there, so the descending date index serves it."""
        if descending:
            return f"{expression} DESC"
        return f"{expression} IS NULL, {expression}"

    def unindexed(self, expression: str) -> str:
        """``expression`` kept from driving the query plan (SQLite's unary +), so that a page is
        read along the ORDER BY index and the condition tested on each row."""
        return f"+{expression}"

    def evidence_search(self, evidence_alias: str) -> str:
        """A condition on evidence rows matching one ``?`` search parameter."""
        return f"{evidence_alias}.id IN (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?)"

    def search_parameter(self, text: str) -> str:
        """Quote each word so user input is matched as words, never parsed as FTS5 syntax."""
        words = [w.replace('"', '""') for w in text.split() if w.strip()]
        return " ".join(f'"{w}"' for w in words) or '""'


class PostgresDialect:
    name = "postgresql"
    migrations_folder = "migrations/pg"
    begin_write = "BEGIN"  # row locks and unique indexes serialise what must be serialised
    like = "ILIKE"  # as case-insensitive as SQLite's LIKE, so filters match the same rows
    lock_for_update = " FOR UPDATE"
    table_exists = "SELECT 1 WHERE to_regclass(?) IS NOT NULL"
    # One migrating process at a time, even on a brand-new database where there is no row to lock yet.
    lock_migrations = "SELECT pg_advisory_xact_lock(7283911)"
    # One fusing transaction at a time: two documents telling of one event, stored at once,
    # must see each other's canonical events. Taken last in a transaction, so it waits on nothing.
    lock_fusion = "SELECT pg_advisory_xact_lock(7283912)"

    def json_text(self, column: str, key: str) -> str:
        return f"(({column})::jsonb ->> '{_key(key)}')"

    def json_array_has(self, column: str) -> str:
        return f"(({column})::jsonb @> jsonb_build_array(?::text))"

    def distinct_list(self, expression: str) -> str:
        return f"string_agg(DISTINCT {expression}, ',')"

    def whole_number(self, expression: str) -> str:
        return f"CAST(trunc({expression}) AS INTEGER)"  # a plain CAST rounds in PostgreSQL

    def order(self, expression: str, descending: bool) -> str:
        return f"{expression} {'DESC' if descending else 'ASC'} NULLS LAST"

    def unindexed(self, expression: str) -> str:
        return expression  # the planner weighs both plans by its statistics

    def evidence_search(self, evidence_alias: str) -> str:
        # The same expression as the GIN index of migration 2, so the index is used.
        return f"to_tsvector('simple', {evidence_alias}.text) @@ plainto_tsquery('simple', ?)"

    def search_parameter(self, text: str) -> str:
        return text  # plainto_tsquery treats it as plain words, never as query syntax


SQLITE = SQLiteDialect()
POSTGRES = PostgresDialect()


def _key(key: str) -> str:
    if not key.replace("_", "").isalnum():
        raise ValueError(f"{key!r} is not a plain JSON key")
    return key
