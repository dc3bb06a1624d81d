"""Fetching several hosts at once while each host gets one request at a time: two made-up
sites on 127.0.0.1 and 127.0.0.2 that count the requests they are answering at any moment."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from polemos.engines.watch import CycleSummary, pending_work
from polemos.ingest.feeds import Entry
from polemos.ingest.fetch import FetchPolicy, Fetcher
from polemos.store import open_store
from polemos.store.watch import WatchState
from watch_site import article_page

ARTICLES_PER_HOST = 4


class CountingSites:
    """One handler on two loopback addresses; keeps the most requests in flight per host and in all."""

    def __init__(self):
        self.lock = threading.Lock()
        self.in_flight: Counter = Counter()
        self.most_per_host: Counter = Counter()
        self.most_at_once = 0
        self.hits: Counter = Counter()
        self.reached: Counter = Counter()  # requests per address the connection came to
        sites = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                host = self.headers["Host"].split(":")[0]
                with sites.lock:
                    sites.hits[(host, self.path)] += 1
                    sites.reached[self.server.server_address[0]] += 1
                    sites.in_flight[host] += 1
                    sites.most_per_host[host] = max(sites.most_per_host[host], sites.in_flight[host])
                    sites.most_at_once = max(sites.most_at_once, sum(sites.in_flight.values()))
                if self.path == "/robots.txt":
                    body, status = b"not found", 404
                else:
                    time.sleep(0.3)  # a slow page: fetches of two hosts overlap
                    body, status = article_page(int(self.path.split("/")[-1].split(".")[0])), 200
                with sites.lock:  # done before answering: the client may ask again as soon as it has the answer
                    sites.in_flight[host] -= 1
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.first = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.second = ThreadingHTTPServer(("127.0.0.2", self.first.server_address[1]), Handler)
        self.port = self.first.server_address[1]
        for server in (self.first, self.second):
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(self):
        for server in (self.first, self.second):
            server.shutdown()
            server.server_close()


@pytest.fixture()
def sites():
    running = CountingSites()
    yield running
    running.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def location(request, tmp_path):
    return str(tmp_path / "watch.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")


def test_several_hosts_are_fetched_at_once_and_each_host_one_request_at_a_time(sites, location):
    with open_store(location) as store:
        state = WatchState(store)
        source, _ = state.add_source(f"http://127.0.0.1:{sites.port}/feed.xml")
        entries = [
            Entry(f"http://{host}:{sites.port}/news/{index}.html")
            for host in ("127.0.0.1", "127.0.0.2")
            for index in range(ARTICLES_PER_HOST)
        ]
        assert state.add_items(source, entries) == len(entries)
        summary = CycleSummary()
        with Fetcher(FetchPolicy(host_interval=0.0, retries=0)) as fetcher:
            handed_on = [item["url"] for item, _document in pending_work(state, fetcher, summary, fetch_workers=4)]
        assert sorted(handed_on) == sorted(entry.url for entry in entries) and summary.fetched == len(entries)
        assert state.counts() == {"fetched": len(entries)}
    assert dict(sites.most_per_host) == {"127.0.0.1": 1, "127.0.0.2": 1}  # polite: never two at once on one host
    assert sites.most_at_once == 2  # but both hosts at once
    assert max(sites.hits.values()) == 1  # each page (and each robots.txt) asked for once


def test_a_pinned_fetch_connects_to_the_address_checked_and_never_asks_the_name_again(monkeypatch):
    """The transport of the workspace's public-only fetcher, here allowed loopback: a name that
    answers 127.0.0.1 to the check and 127.0.0.2 afterwards is fetched from 127.0.0.1, under its name."""
    import socket

    import httpx

    from polemos.ingest.fetch import PinnedTransport

    sites = CountingSites()
    try:
        real_lookup, lookups = socket.getaddrinfo, []

        def rebinding_lookup(host, port, *args, **kwargs):
            if host != "news.example":
                return real_lookup(host, port, *args, **kwargs)
            lookups.append(host)
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1" if len(lookups) == 1 else "127.0.0.2", port))
            ]

        monkeypatch.setattr(socket, "getaddrinfo", rebinding_lookup)
        with httpx.Client(transport=PinnedTransport(public_only=False)) as client:
            answer = client.get(f"http://news.example:{sites.port}/news/3.html")
        assert answer.status_code == 200 and str(answer.url) == f"http://news.example:{sites.port}/news/3.html"
        assert lookups == ["news.example"] and dict(sites.hits) == {("news.example", "/news/3.html"): 1}
        assert dict(sites.reached) == {"127.0.0.1": 1}  # the address checked, not the second answer
    finally:
        sites.stop()
