"""The watcher's state in the store: watched sources and every article URL seen, with where
it stands (new → fetched → stored, or skipped / failed).

Each step is committed before the next begins, so a watcher killed at any moment resumes
where it was: a URL recorded as new is fetched once, a fetched body is ingested from the
store without fetching it again, and a stored one is never touched again.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import datetime, timedelta, timezone
from typing import Optional

BROKEN_AFTER = 5  # a source failing this many polls in a row is marked broken and no longer polled
ITEM_ATTEMPTS = 3  # an article failing this many fetches in a row is given up


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def source_id(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]


class WatchState:
    """Reads and writes the watch tables through a store's connection, one transaction per change."""

    def __init__(self, store):
        self.store = store
        self.connection = store.connection

    # -- sources ------------------------------------------------------------------------

    def add_source(self, url: str, kind: Optional[str] = None) -> tuple[str, bool]:
        """Watch ``url``; returns (id, whether it is new)."""
        ident = source_id(url)
        with self.store.transaction():
            cursor = self.connection.execute(
                "INSERT INTO watch_sources (id, url, kind, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (ident, url, kind, now()),
            )
        return ident, cursor.rowcount == 1

    def sources(self, include_broken: bool = True) -> list[dict]:
        rows = self.connection.execute("SELECT * FROM watch_sources ORDER BY added_at, id").fetchall()
        return [dict(row) for row in rows if include_broken or row["state"] != "broken"]

    def find_source(self, key: str) -> Optional[dict]:
        """A source by id, id prefix or URL."""
        row = self.connection.execute("SELECT * FROM watch_sources WHERE id = ? OR url = ?", (key, key)).fetchone()
        if row is None and len(key) >= 4:
            rows = self.connection.execute("SELECT * FROM watch_sources WHERE id LIKE ?", (key + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return dict(row) if row else None

    def remove_source(self, ident: str) -> None:
        """Stop watching a source; its stored documents stay, and its seen URLs stay seen."""
        with self.store.transaction():
            self.connection.execute("DELETE FROM watch_sources WHERE id = ?", (ident,))

    def poll_succeeded(
        self, ident: str, kind: str, etag: Optional[str], last_modified: Optional[str], feed_url: Optional[str] = None
    ) -> None:
        with self.store.transaction():
            self.connection.execute(
                "UPDATE watch_sources SET state = 'ok', failures = 0, last_error = NULL, kind = ?, last_polled = ?,"
                " last_success = ?, etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
                " feed_url = COALESCE(?, feed_url) WHERE id = ?",
                (kind, now(), now(), etag, last_modified, feed_url, ident),
            )

    def poll_failed(self, ident: str, reason: str) -> str:
        """Record a failed poll; returns the source's new state (failing, or broken after too many)."""
        with self.store.transaction():
            row = self.connection.execute("SELECT failures FROM watch_sources WHERE id = ?", (ident,)).fetchone()
            failures = (row["failures"] if row else 0) + 1
            state = "broken" if failures >= BROKEN_AFTER else "failing"
            self.connection.execute(
                "UPDATE watch_sources SET state = ?, failures = ?, last_error = ?, last_polled = ? WHERE id = ?",
                (state, failures, reason[:500], now(), ident),
            )
        return state

    def revive_source(self, ident: str) -> None:
        with self.store.transaction():
            self.connection.execute("UPDATE watch_sources SET state = 'new', failures = 0 WHERE id = ?", (ident,))

    # -- items --------------------------------------------------------------------------

    def add_items(self, ident: str, entries, limit: Optional[int] = None) -> int:
        """Record entries (``url``, ``title``, ``published``) not seen before, at most ``limit`` of
        them (the rest are new again at the next poll); returns how many were new."""
        added = 0
        with self.store.transaction():
            for entry in entries:
                if limit is not None and added >= limit:
                    break
                cursor = self.connection.execute(
                    "INSERT INTO watch_items (url, source_id, status, title, published, seen_at)"
                    " VALUES (?, ?, 'new', ?, ?, ?) ON CONFLICT DO NOTHING",
                    (entry.url, ident, entry.title, entry.published, now()),
                )
                added += cursor.rowcount == 1
        return added

    def items(self, status: str, limit: int = 1000) -> list[dict]:
        rows = self.connection.execute(
            "SELECT url, source_id, title, published, attempts, content_type, body_zlib FROM watch_items"
            " WHERE status = ? ORDER BY seen_at, url LIMIT ?",
            (status, limit),
        ).fetchall()
        return [dict(row) for row in rows]

    def item(self, url: str) -> Optional[dict]:
        row = self.connection.execute("SELECT * FROM watch_items WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None

    def requeue_retries(self) -> None:
        """At the start of a cycle: the articles that failed in an earlier one are tried again."""
        with self.store.transaction():
            self.connection.execute("UPDATE watch_items SET status = 'new' WHERE status = 'retry'")

    def fetched(self, url: str, body: Optional[bytes], content_type: str) -> None:
        with self.store.transaction():
            self.connection.execute(
                "UPDATE watch_items SET status = 'fetched', body_zlib = ?, content_type = ?, attempts = attempts + 1"
                " WHERE url = ?",
                (zlib.compress(body) if body is not None else None, content_type, url),
            )

    def fetch_failed(self, url: str, reason: str, final: bool = False) -> str:
        """Record a failed fetch: tried again next cycle (``retry`` until then), or failed for good
        when ``final`` or after ``ITEM_ATTEMPTS`` tries. Returns the item's new status."""
        with self.store.transaction():
            row = self.connection.execute("SELECT attempts FROM watch_items WHERE url = ?", (url,)).fetchone()
            attempts = (row["attempts"] if row else 0) + 1
            status = "failed" if final or attempts >= ITEM_ATTEMPTS else "retry"
            self.connection.execute(
                "UPDATE watch_items SET status = ?, attempts = ?, reason = ?, done_at = ? WHERE url = ?",
                (status, attempts, reason[:500], now() if status == "failed" else None, url),
            )
        return status

    def skipped(self, url: str, reason: str) -> None:
        with self.store.transaction():
            self.connection.execute(
                "UPDATE watch_items SET status = 'skipped', reason = ?, body_zlib = NULL, done_at = ? WHERE url = ?",
                (reason[:500], now(), url),
            )

    def stored(self, url: str, doc_id: str) -> None:
        """The article's document is in the store: the body kept until now is dropped."""
        with self.store.transaction():
            self.connection.execute(
                "UPDATE watch_items SET status = 'stored', doc_id = ?, body_zlib = NULL, reason = NULL, done_at = ?"
                " WHERE url = ?",
                (doc_id, now(), url),
            )

    def counts(self) -> dict[str, int]:
        rows = self.connection.execute("SELECT status, COUNT(*) AS n FROM watch_items GROUP BY status").fetchall()
        return {row["status"]: row["n"] for row in rows}

    def source_report(self, days: int = 7) -> list[dict]:
        """Each source with its state, last success, articles stored per day over ``days`` days,
        articles failed, and the latest article error."""
        since = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
        report = []
        for source in self.sources():
            stats = self.connection.execute(
                "SELECT SUM(CASE WHEN status = 'stored' AND done_at >= ? THEN 1 ELSE 0 END) AS recent,"
                " SUM(CASE WHEN status = 'stored' THEN 1 ELSE 0 END) AS stored,"
                " SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,"
                " SUM(CASE WHEN status IN ('new', 'fetched') THEN 1 ELSE 0 END) AS pending"
                " FROM watch_items WHERE source_id = ?",
                (since, source["id"]),
            ).fetchone()
            error = self.connection.execute(
                "SELECT url, reason FROM watch_items WHERE source_id = ? AND status = 'failed'"
                " ORDER BY done_at DESC LIMIT 1",
                (source["id"],),
            ).fetchone()
            report.append(
                {
                    **{
                        key: source[key]
                        for key in (
                            "id",
                            "url",
                            "kind",
                            "state",
                            "failures",
                            "last_error",
                            "last_polled",
                            "last_success",
                            "feed_url",
                            "added_at",
                        )
                    },
                    "stored": stats["stored"] or 0,
                    "failed": stats["failed"] or 0,
                    "pending": stats["pending"] or 0,
                    "per_day": round((stats["recent"] or 0) / days, 1),
                    "last_article_error": f"{error['url']}: {error['reason']}" if error else None,
                }
            )
        return report


def body_of(item: dict) -> Optional[bytes]:
    blob = item.get("body_zlib")
    return zlib.decompress(bytes(blob)) if blob is not None else None
