"""The canonical events list in a real headless Chromium, as an analyst scans it: each row
shows the sentence its event was coded from, linked to that sentence in the reader."""

from __future__ import annotations

import re

from test_web_browser import browser, page, shot  # noqa: F401  (fixtures)
from test_web_support import demo_store, served  # noqa: F401


def test_each_canonical_event_shows_its_evidence_sentence_linked_to_the_reader(page):
    page.goto("/events")
    rows = page.locator("table.canonical-table tbody tr[data-canonical]")
    assert rows.count() > 5
    snippets = page.locator("table.canonical-table a.evidence-snippet")
    assert snippets.count() == rows.count()  # every demo event has its evidence
    first = snippets.first
    text = first.inner_text()
    assert len(text.split()) >= 5 and text[0].isupper()  # a sentence, not an id
    href = first.get_attribute("href")
    assert re.match(r"/documents/[^#]+#event-", href)
    first.click()
    page.wait_for_url(re.compile(r"/documents/.+#event-"))
    # The reader opens at that event, and the sentence is in its text.
    assert page.locator(href[href.index("#") :]).count() == 1
    assert " ".join(text.rstrip("…").split()[:6]) in " ".join(page.locator("main").inner_text().split())
    page.goto("/events")
    shot(page, "events-with-evidence")


def test_an_open_ended_figure_reads_the_same_for_the_event_and_each_source(page):
    page.goto("/events")
    events = page.evaluate("() => fetch('/api/canonical-events?limit=200').then((r) => r.json())")["items"]
    open_ended = next(
        e
        for e in events
        for figure in (e.get("size") or {}).values()
        if figure.get("max") is None and figure.get("by_source")
    )  # "more than 100,000" in the demo
    page.goto(f"/canonical/{open_ended['id']}")
    sources = page.locator("ul.figures li").all_inner_texts()
    assert sources and all(re.match(r"> [\d,]+ ", line) for line in sources if "More than" in line)
    assert not any(re.match(r"\d+–0\b", line) for line in sources)  # before: "100000–0"


def test_an_event_whose_actor_is_not_named_says_so_before_its_recipient(page):
    page.goto("/events")
    who = page.locator("table.canonical-table tbody tr[data-canonical] td:nth-child(3)").all_inner_texts()
    assert not any(text.startswith("— →") for text in who)  # before: "— → Armenia"
    assert any(re.match(r"unnamed actor → \w", text) for text in who)  # the demo has such events
    page.goto("/review?view=canonical")
    assert "— →" not in page.locator("main").inner_text()
