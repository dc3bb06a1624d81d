"""Watchlists in a real headless Chromium: from a filtered events view to a saved watchlist,
one page ingested through the Sources page's form, the alert shown on the Watchlists page,
the new event shown on the events page as new since the last visit, and the watchlist's
Atom feed read by feedparser."""

from __future__ import annotations

import re

import feedparser
import httpx
import pytest

from test_web_browser import CHROMIUM, CHROMIUM_ARGS, Watch
from test_web_support import Server
from watch_site import Site

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/install-test-deps.sh installs it)"
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


def test_a_watchlist_made_from_a_filtered_view_alerts_after_an_ingest(tmp_path):
    from polemos.store import open_store

    db = str(tmp_path / "workspace.db")
    open_store(db).close()
    site = Site(articles=1).start()
    server = Server(db, extra=("--allow-private-fetch",))  # the article is served on loopback
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server.base)
            page = context.new_page()
            watch = Watch(page, server.base)

            page.goto("/events?type=ASSAULT&near=14.5,-4.2,100")
            page.click("a.watch-filter")
            page.wait_for_url("**/watchlists?*")
            assert "type ASSAULT, near 14.5,-4.2 (100 km)" in page.inner_text(".proposed-filter")
            page.fill("form.watchlist-form input[name=name]", "mopti-attacks")
            page.fill("form.watchlist-form input[name=min_dead]", "1")
            page.click("form.watchlist-form button[type=submit]")
            page.wait_for_selector("section[data-watchlist='mopti-attacks'] li.muted")  # saved, no alerts yet

            page.goto("/sources")
            page.fill("form.ingest-url-form input[name=url]", f"{site.base}/news/0000.html")
            page.click("form.ingest-url-form button[type=submit]")
            sync_api.expect(page.locator("form.ingest-url-form output")).to_have_text(
                re.compile(r"^added: "), timeout=120_000
            )

            page.goto("/events?type=ASSAULT")  # the first visit to the events page was before the ingest
            sync_api.expect(page.locator("#new-since h2")).to_have_text(re.compile(r"^1 new since your last visit"))
            assert "Mopti" in page.inner_text("#new-since")
            page.reload()
            page.wait_for_load_state("networkidle")
            assert page.locator("#new-since").is_hidden()  # seen now

            page.goto("/watchlists")
            alert = page.locator("section[data-watchlist='mopti-attacks'] li.alert")
            assert alert.count() == 1
            assert "Mopti" in alert.inner_text() and "3 dead" in alert.inner_text()
            feed_href = page.get_attribute("section[data-watchlist='mopti-attacks'] a.atom-link", "href")
            context.close()
            browser.close()
        assert not watch.foreign and not watch.errors and not watch.dialogs, (
            watch.foreign,
            watch.errors,
            watch.dialogs,
        )

        feed = feedparser.parse(httpx.get(server.base + feed_href).content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.title == "polemos alerts: mopti-attacks"
        assert len(feed.entries) == 1 and "Mopti" in feed.entries[0].title
        assert feed.entries[0].link.startswith(server.base + "/canonical/ce-")
        assert "killing three civilians" in feed.entries[0].summary
    finally:
        errors = server.stop()
        site.stop()
    assert "Traceback" not in errors, errors[-3000:]
