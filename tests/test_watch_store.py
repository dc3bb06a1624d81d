"""The watcher's and the alerts' tables behave the same in SQLite and PostgreSQL: sources,
seen URLs through their states, watchlists, baseline alerts, deliveries and weekly counts."""

from __future__ import annotations

from datetime import date

import pytest

from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from polemos.alerts import Watchlist, Watchlists, deliver_pending, record_alerts
from polemos.alerts.trends import weekly_counts
from polemos.ingest.feeds import Entry
from polemos.store import EventFilter, open_store
from polemos.store.watch import WatchState, body_of


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    location = str(tmp_path / "watch.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(location) as opened:
        yield opened


def test_seen_urls_move_through_their_states_once(store):
    state = WatchState(store)
    ident, new = state.add_source("https://news.example/feed.xml")
    assert new and state.add_source("https://news.example/feed.xml") == (ident, False)
    entries = [Entry("https://news.example/a.html", "A", "2026-03-01"), Entry("https://news.example/b.html")]
    assert state.add_items(ident, entries, limit=1) == 1  # a huge listing is taken a slice per poll
    assert state.add_items(ident, entries) == 1
    assert state.add_items(ident, entries) == 0  # seen already, from this source or any other
    state.fetched("https://news.example/a.html", b"<html>a page</html>", "text/html")
    fetched = state.items("fetched")
    assert [item["url"] for item in fetched] == ["https://news.example/a.html"]
    assert body_of(fetched[0]) == b"<html>a page</html>" and fetched[0]["published"] == "2026-03-01"
    state.stored("https://news.example/a.html", "doc-a")
    assert state.fetch_failed("https://news.example/b.html", "HTTP 503") == "retry"
    state.requeue_retries()
    assert state.fetch_failed("https://news.example/b.html", "HTTP 404", final=True) == "failed"
    assert state.counts() == {"stored": 1, "failed": 1}
    report = state.source_report()[0]
    assert (report["stored"], report["failed"], report["per_day"]) == (1, 1, 0.1)
    assert report["last_article_error"] == "https://news.example/b.html: HTTP 404"
    assert state.poll_failed(ident, "timed out") == "failing"
    state.poll_succeeded(ident, "feed", '"v1"', None)
    assert state.find_source(ident[:6])["etag"] == '"v1"'
    state.remove_source(ident)
    assert state.sources() == []


def test_watchlists_round_trip_and_alert_nothing_without_events(store):
    watchlists = Watchlists(store)
    made = watchlists.add(
        Watchlist(
            "near-gao",
            EventFilter(type="ASSAULT", near=(16.27, -0.04, 50.0)),
            min_dead=1,
            webhook_url="http://127.0.0.1:9/hook",
        )
    )
    with pytest.raises(ValueError):
        watchlists.add(Watchlist("near-gao"))
    with pytest.raises(ValueError):
        Watchlist("no spaces allowed")
    found = watchlists.get("near-gao")
    assert (
        found.filter.near == (16.27, -0.04, 50.0)
        and found.min_dead == 1
        and found.webhook_secret == made.webhook_secret
    )
    assert found.describe() == "type ASSAULT, near 16.27,-0.04 (50 km), at least 1 dead"
    assert record_alerts(store, found, [], baseline=True) == [] and record_alerts(store, found, ["doc-x"]) == []
    assert weekly_counts(store, found, date(2026, 3, 7)) == [0] * 9
    assert deliver_pending(store) == []
    assert watchlists.remove("near-gao") and not watchlists.remove("near-gao")
