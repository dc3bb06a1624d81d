"""Watching sources: `polemos watch` against a made-up news site served on 127.0.0.1
(feeds, a news sitemap, a page naming its feed, robots.txt, 304s, slow and failing pages)
and a local directory; the fetcher's limits on their own; a kill -9 in the middle of a run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest

from conftest import run_cli
from watch_site import Site, article_page

FAST = ("--host-interval", "0", "--workers", "1")


@pytest.fixture()
def site():
    served = Site(articles=6).start()
    yield served
    served.stop()


def rows(db, sql, params=()):
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql, params).fetchall()


@pytest.mark.slow
def test_feeds_sitemaps_pages_and_directories_are_ingested_once(site, tmp_path):
    db = str(tmp_path / "watch.db")
    folder = tmp_path / "dropbox"
    folder.mkdir()
    (folder / "first.html").write_bytes(article_page(40))
    site.publish_feeds(extra=["/private/secret.html", "/fail/broken.html", "/missing.html"])
    added = run_cli(
        "watch",
        "add",
        f"{site.base}/rss.xml",
        f"{site.base}/atom.xml",
        f"{site.base}/sitemap.xml",
        site.base + "/",
        str(folder),
        "--db",
        db,
    )
    assert added.returncode == 0, added.stderr.decode()

    first = run_cli("watch", "run", "--once", *FAST, "--retries", "1", "--db", db)
    report = first.stderr.decode()
    assert first.returncode == 0, report
    assert "5/5 sources polled" in report
    assert "7 stored" in report  # six articles listed by all four feeds, once each, and the directory's file
    assert "disallowed by robots.txt" in report and "HTTP 500" in report and "HTTP 404" in report
    assert rows(db, "SELECT COUNT(*) FROM documents")[0][0] == 7
    for path in site.article_paths():
        assert site.hits[path] == 1, path  # four sources list it (with tracking parameters, a fragment): one fetch
    assert site.hits["/private/secret.html"] == 0
    assert site.hits["/fail/broken.html"] == 2  # one retry within the cycle
    dated = rows(db, "SELECT published, published_source FROM documents WHERE url LIKE ?", (f"{site.base}/news/%",))
    assert set(dated) == {("2026-03-06", "given")}  # the pages carry no date: the feed entry's is used

    (folder / "second.html").write_bytes(article_page(41))
    second = run_cli("watch", "run", "--once", *FAST, "--retries", "0", "--db", db)
    report = second.stderr.decode()
    assert "4 not modified" in report  # the feeds, the sitemap and the page's feed answered 304 to the conditional GET
    assert "1 stored" in report  # the directory's new file, nothing else
    assert max(site.hits[path] for path in site.article_paths()) == 1

    listed = run_cli("watch", "list", "--db", db).stdout.decode()
    assert "directory, ok" in listed and "page, ok" in listed and "sitemap, ok" in listed
    assert "last article error" in listed


def test_a_source_that_keeps_failing_is_marked_broken_and_left_alone(site, tmp_path):
    from polemos.ingest.fetch import FetchPolicy, Fetcher
    from polemos.engines.watch import WatchConfig, Watcher
    from polemos.store import open_store
    from polemos.store.watch import WatchState

    db = str(tmp_path / "broken.db")
    run_cli("watch", "add", f"{site.base}/gone.xml", "--db", db)
    with (
        open_store(db) as store,
        Fetcher(FetchPolicy(host_interval=0, retries=0)) as fetcher,
        Watcher(store, fetcher, WatchConfig(workers=1)) as watcher,
    ):
        lines = [watcher.cycle() for _ in range(6)]
        assert [len(summary.failures) for summary in lines] == [1, 1, 1, 1, 1, 0]
        assert "marked broken" in lines[4].failures[0][1]
        assert lines[5].sources == 0  # no longer polled
        assert [(s["state"], s["failures"], s["last_error"]) for s in WatchState(store).sources()] == [
            ("broken", 5, "HTTP 404")
        ]
    assert site.hits["/gone.xml"] == 5
    listed = run_cli("watch", "list", "--db", db).stdout.decode()
    assert "broken" in listed and "HTTP 404" in listed
    removed = run_cli("watch", "remove", rows(db, "SELECT id FROM watch_sources")[0][0], "--db", db)
    assert removed.returncode == 0 and rows(db, "SELECT COUNT(*) FROM watch_sources")[0][0] == 0


def test_the_fetcher_keeps_to_its_limits(site):
    from polemos.ingest.fetch import FetchPolicy, Fetcher

    site.slow_seconds = 2.0
    policy = FetchPolicy(timeout=0.5, host_interval=0.2, retries=1, backoff=0.1)
    with Fetcher(policy) as fetcher:
        feed = fetcher.fetch(f"{site.base}/rss.xml", accept=("xml",))
        assert feed.ok and feed.etag
        assert fetcher.fetch(f"{site.base}/rss.xml", accept=("xml",), etag=feed.etag).not_modified
        assert "content type application/rss+xml" in fetcher.fetch(f"{site.base}/rss.xml").error
        assert "timed out" in fetcher.fetch(f"{site.base}/slow/late.html").error
        assert fetcher.fetch(f"{site.base}/private/secret.html").error == "disallowed by robots.txt"
        started = time.monotonic()
        for _ in range(3):
            fetcher.fetch(f"{site.base}/robots.txt", accept=())
        assert time.monotonic() - started >= 0.4  # one request to a host per 0.2 s
    with Fetcher(FetchPolicy(max_bytes=500, host_interval=0)) as small:
        assert "larger than 500 bytes" in small.fetch(f"{site.base}/news/0001.html").error
    with Fetcher(FetchPolicy(host_interval=0, public_only=True)) as public:  # as for a visitor's URL
        assert "--allow-private-fetch" in public.fetch(f"{site.base}/news/0001.html").error


def test_the_workspace_refuses_to_fetch_private_addresses():
    from polemos.ingest.fetch import PrivateAddress, refuse_private_address

    for url in (
        "http://127.0.0.1:8000/",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest",
        "http://[::1]/",
        "file:///etc/passwd",
    ):
        with pytest.raises(PrivateAddress):
            refuse_private_address(url)
    refuse_private_address("http://93.184.216.34/")  # a public address (no lookup needed)


def test_the_connection_itself_is_checked_so_a_rebound_name_reaches_nothing_private():
    import httpx

    from polemos.ingest.fetch import PrivateAddress, refuse_private_peer

    site = Site(articles=1).start()
    try:
        # As if the name had resolved to a public address for the check and to this machine for
        # the connection: only the check on the open connection stands between them.
        with httpx.Client(event_hooks={"response": [refuse_private_peer]}) as client:
            with pytest.raises(PrivateAddress, match="connected to 127.0.0.1"):
                client.get(f"{site.base}/news/0000.html")
    finally:
        site.stop()


@pytest.mark.slow
def test_a_kill_during_watch_run_loses_and_repeats_nothing(tmp_path):
    site = Site(articles=30).start()
    try:
        db = str(tmp_path / "killed.db")
        run_cli("watch", "add", f"{site.base}/rss.xml", "--db", db)
        env = {key: value for key, value in os.environ.items() if key != "POLEMOS_DB"}
        running = subprocess.Popen(
            [sys.executable, "-m", "polemos", "watch", "run", "--once", *FAST, "--db", db],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and running.poll() is None:
            try:
                stored = rows(db, "SELECT COUNT(*) FROM documents")[0][0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 3:
                break
            time.sleep(0.05)
        assert running.poll() is None, "the run finished before it could be killed"
        running.send_signal(signal.SIGKILL)
        running.wait()
        assert 3 <= rows(db, "SELECT COUNT(*) FROM documents")[0][0] < 30

        again = run_cli("watch", "run", "--once", *FAST, "--db", db)
        assert again.returncode == 0, again.stderr.decode()
        assert rows(db, "SELECT COUNT(*) FROM documents")[0][0] == 30
        assert rows(db, "SELECT COUNT(*) FROM watch_items WHERE status = 'stored'")[0][0] == 30
        assert {site.hits[path] for path in site.article_paths()} == {1}  # nothing fetched twice
    finally:
        site.stop()


def test_the_workspace_fetches_no_private_address_and_keeps_private_feeds_behind_the_token(tmp_path):
    from fastapi.testclient import TestClient

    from polemos.alerts import Watchlist, Watchlists
    from polemos.store import EventFilter, open_store
    from polemos.web import create_app

    db = str(tmp_path / "web.db")
    with open_store(db) as store:
        Watchlists(store).add(Watchlist("assaults", EventFilter(type="ASSAULT")))
    with TestClient(create_app(db), base_url="http://127.0.0.1:8000") as client:
        refused = client.post("/api/ingest-url", json={"url": "http://127.0.0.1:9/secret"})
        assert refused.status_code == 403 and "--allow-private-fetch" in refused.json()["error"]
        assert client.get("/alerts/assaults.atom").headers["content-type"].startswith("application/atom+xml")
        assert client.get("/alerts/nothing.atom").status_code == 404
        assert "No sources watched yet" in client.get("/sources").text
        hook = client.post("/api/watchlists", json={"name": "inside", "webhook_url": "http://10.0.0.7/hook"})
        assert hook.status_code == 403  # nor may a webhook point the server into its own network
        made = client.post(
            "/api/watchlists",
            json={"name": "gao", "filter": {"type": "ASSAULT", "near": "16.27,-0.04,50"}, "min_dead": 1},
        )
        assert (
            made.status_code == 200
            and made.json()["description"] == "type ASSAULT, near 16.27,-0.04 (50 km), at least 1 dead"
        )
    with TestClient(create_app(db, token="s3cret", private=True), base_url="http://127.0.0.1:8000") as client:
        assert client.get("/alerts/assaults.atom").status_code == 401
        feed = client.get("/alerts/assaults.atom", headers={"Authorization": "Bearer s3cret"})
        assert feed.status_code == 200 and "<title>polemos alerts: assaults</title>" in feed.text


@pytest.mark.slow
def test_a_json_lines_file_in_a_watched_directory_gives_one_article_a_line_and_later_lines_later(tmp_path):
    import json

    from watch_site import article_text

    def line(index: int) -> str:
        title, body = article_text(index)
        return json.dumps({"id": f"wire-{index}", "title": title, "html": body, "published": "2026-03-04"}) + "\n"

    db, folder = str(tmp_path / "lines.db"), tmp_path / "wire"
    folder.mkdir()
    wire = folder / "wire.jsonl"
    wire.write_text(line(50) + "\n" + '{"id": "broken", ' + "\n" + line(51) + line(52)[:40], encoding="utf-8")
    assert run_cli("watch", "add", str(folder), "--db", db).returncode == 0

    first = run_cli("watch", "run", "--once", *FAST, "--db", db)
    report = first.stderr.decode()
    assert first.returncode == 0, report
    assert "2 stored" in report and "wire.jsonl#line=3&" in report and "unparseable JSON" in report, report
    assert sorted(row[0] for row in rows(db, "SELECT id FROM documents")) == ["wire-50", "wire-51"]

    with wire.open("a", encoding="utf-8") as appending:  # the line being written is finished, and one more comes
        appending.write(line(52)[40:] + line(53))
    second = run_cli("watch", "run", "--once", *FAST, "--db", db)
    assert "2 stored" in second.stderr.decode(), second.stderr.decode()
    assert sorted(row[0] for row in rows(db, "SELECT id FROM documents")) == [
        "wire-50",
        "wire-51",
        "wire-52",
        "wire-53",
    ]
    assert "0 new articles" in run_cli("watch", "run", "--once", *FAST, "--db", db).stderr.decode()
