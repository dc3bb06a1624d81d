"""The workspace in a real headless Chromium: every view renders, a map point leads to its
sentence in the reader, a review sticks, article markup never runs, and the pages ask no
host but the workspace for anything. Screenshots of each view go to test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import DEMO, ROOT, run_cli
from test_web_support import HOSTILE_ID, HOSTILE_SCRIPT, demo_store, served  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/install-test-deps.sh installs it)"
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """What a page did that a user would not see: foreign requests, script errors, dialogs."""

    def __init__(self, page, base: str):
        self.origin = urlsplit(base).netloc
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", self._request)
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _request(self, request) -> None:
        url = urlsplit(request.url)
        if url.scheme not in ("data", "blob") and url.netloc != self.origin:
            self.foreign.append(request.url)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture()
def page(browser, served):
    base, _db = served
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=base)
    page = context.new_page()
    watch = Watch(page, base)
    page.watch = watch
    page.served = served
    yield page
    context.close()
    assert not watch.foreign, f"requests to other hosts: {watch.foreign}"
    assert not watch.errors, f"script or CSP errors: {watch.errors}"
    assert not watch.dialogs, f"a dialog opened (article script ran?): {watch.dialogs}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=False)


def test_every_view_renders(page):
    page.goto("/")
    assert page.locator("ul.stats").inner_text().count("documents") == 1
    shot(page, "home")
    page.goto("/events")
    assert page.locator("table.events-table tbody tr").count() > 3
    shot(page, "events")
    page.goto("/timeline")
    page.wait_for_selector("#timeline svg rect.bar")
    assert re.match(r"\d+ dated events", page.locator("#timeline-status").inner_text())
    page.wait_for_selector("#trends table.trends-table tbody tr")
    shot(page, "timeline")
    page.goto("/network?basis=sentences")
    page.select_option("#basis", "sentences")
    page.wait_for_function("document.getElementById('network-status').textContent.includes('actors')")
    assert page.locator("#network canvas").count() > 0
    shot(page, "network")
    page.goto("/actors")
    assert page.locator("table.data tbody tr").count() > 3
    shot(page, "actors")
    page.goto("/review")
    assert page.locator("section.review-item").count() > 3
    shot(page, "review")


def test_the_map_draws_borders_and_points(page):
    page.goto("/map")
    page.wait_for_selector("path.leaflet-interactive, .marker-cluster")
    # The borders arrive on their own request, perhaps after the points on a busy machine.
    page.wait_for_function("document.querySelectorAll('.leaflet-basemap-pane path').length > 100")
    borders = page.locator(".leaflet-basemap-pane path")
    assert borders.count() > 100  # Natural Earth countries, drawn from the TopoJSON the server sent
    assert re.search(r"\d+ events", page.locator("#map-status").inner_text())
    shot(page, "map")


def _click_a_point(page) -> None:
    """Click an event point until its card opens, zooming into clusters until one stands alone.
    A click that lands while the map is still animating a zoom is lost, so it is retried."""
    link = page.locator("#event-card a.to-reader").first
    for _ in range(12):
        page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')")
        points = page.locator(".leaflet-overlay-pane path.leaflet-interactive")
        if points.count():
            points.first.click(force=True)
            try:
                link.wait_for(timeout=3000)
                return
            except sync_api.TimeoutError:
                continue
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(700)
    raise AssertionError("no event point on the map opened its card")


def test_from_a_map_point_to_the_sentence_in_the_reader(page):
    page.goto("/map")
    page.wait_for_selector("path.leaflet-interactive, .marker-cluster")
    _click_a_point(page)
    card = page.locator("#event-card")
    card.locator("a.to-reader").first.wait_for()
    assert re.search(r"\d+ sources?", card.inner_text())  # a point is a canonical event, with its sources
    evidence = card.locator("blockquote").first.inner_text().strip()
    shot(page, "map-card")
    card.locator("a.to-reader").first.click()
    page.wait_for_url(re.compile(r"/documents/.+#event-"))
    marked = page.locator(".doc-text .evidence.targeted")
    marked.first.wait_for()
    assert evidence.startswith("".join(marked.all_inner_texts()).strip()[:40])
    assert marked.first.is_visible() and _in_viewport(page, marked.first)
    assert page.locator(".event-card.targeted").count() == 1
    shot(page, "reader")


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] <= page.viewport_size["height"]


def test_reader_highlights_mentions_and_shows_the_script_as_text(page):
    page.goto(f"/documents/{HOSTILE_ID}")
    text = page.locator("#doc-text")
    assert HOSTILE_SCRIPT in text.inner_text()
    for kind in ("actor", "place", "date"):
        assert text.locator(f".m-{kind}").count() > 0, kind
    assert page.locator("#doc-text script").count() == 0
    assert "<img" in page.locator("h1").inner_text()  # the title's markup, as text
    shot(page, "reader-hostile")


def test_removed_passages_open_on_demand(page):
    page.goto("/documents")
    page.get_by_role("link", name=re.compile("offensive", re.I)).first.click()
    removed = page.locator("details.removed")
    if not removed.count():
        pytest.skip("the demo article kept no removed passages in this extraction")
    assert not removed.locator("li").first.is_visible()
    removed.locator("summary").click()
    assert removed.locator("li").first.is_visible()


def test_a_review_in_the_browser_is_saved(page):
    page.goto("/review")
    item = page.locator("section.review-item").first
    event_id = item.get_attribute("id").removeprefix("review-")
    item.locator("input[name=reviewer]").fill("browser-analyst")
    item.locator("input[name=note]").fill("checked against the source")
    item.locator("button[data-status=confirmed]").click()
    page.wait_for_function(
        "(id) => document.getElementById('review-' + id).querySelector('.review-state .badge').textContent === 'confirmed'",
        arg=event_id,
    )
    assert "by browser-analyst" in item.locator("output.review-result").inner_text()
    page.goto(f"/events/{event_id}")
    history = page.locator("table.review-history tbody tr")
    assert history.count() == 1 and "browser-analyst" in history.first.inner_text()
    assert page.locator("h1 .badge").inner_text() == "confirmed"
    shot(page, "event-reviewed")

    _base, db = page.served
    assert "0 added" in run_cli("ingest", str(DEMO), "--db", db, "-q").stderr.decode()  # re-ingest: all present
    assert run_cli("reextract", "--all", "--db", db).returncode == 0  # re-extraction replaces machine events
    page.goto(f"/events/{event_id}")
    assert page.locator("h1 .badge").inner_text() == "confirmed"
    assert "browser-analyst" in page.locator("table.review-history tbody tr").first.inner_text()


def test_filters_carry_across_views(page):
    page.goto("/events")
    page.select_option("form.filters select[name=type]", "ASSAULT")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"type=ASSAULT"))
    types = set(page.locator("table.events-table tbody tr .chip").all_inner_texts())
    assert types == {"ASSAULT"}
    page.locator("header nav a", has_text="Map").click()
    page.wait_for_url(re.compile(r"/map\?.*type=ASSAULT"))
    page.wait_for_selector("path.leaflet-interactive, .marker-cluster")


def test_an_event_types_chip_wears_the_colour_of_the_registry(page):
    from polemos.codes import event_types

    page.goto("/events?type=ASSAULT")
    chip = page.locator("table.events-table tbody tr .chip").first
    red, green, blue = (int(event_types()["ASSAULT"].colour[i : i + 2], 16) for i in (1, 3, 5))
    assert chip.evaluate("(c) => getComputedStyle(c).backgroundColor") == f"rgb({red}, {green}, {blue})"
    colour = page.evaluate("() => window.polemos.typeColor('ASSAULT')")  # what the map and timeline draw with
    assert colour == f"rgb({red}, {green}, {blue})"


def test_from_a_canonical_event_to_each_source_in_the_reader(page):
    page.goto("/events?sort=-sources")
    page.locator("table.canonical-table tbody tr td.date-cell a").first.click()
    page.wait_for_url(re.compile(r"/canonical/ce-"))
    sources = page.locator("ol.sources li.source")
    assert sources.count() >= 1
    evidence = sources.first.locator("blockquote p").first.inner_text().strip()
    shot(page, "canonical-event")
    sources.first.locator("a.to-reader").click()
    page.wait_for_url(re.compile(r"/documents/.+#event-"))
    marked = page.locator(".doc-text .evidence.targeted")
    marked.first.wait_for()
    assert evidence.startswith("".join(marked.all_inner_texts()).strip()[:40])


def test_a_correction_shows_at_once_by_name_and_reads_well_in_the_history(page):
    page.goto("/events?view=reports&type=ASSAULT")
    page.locator("table.events-table tbody tr td a[href^='/events/']").first.click()
    page.wait_for_url(re.compile(r"/events/.+"))
    page.locator("details.corrections summary").click()
    actors = page.locator("input[name=actors]")
    actors.fill("Armen")  # suggestions come from the store's actors
    page.wait_for_function("() => document.querySelector('datalist[id^=actors-]').options.length > 0")
    actors.fill("armenia (military)")  # a name, in any case, is as good as an id
    page.locator("input[name=dead]").fill("4-6")
    page.locator("input[name=injured]").fill("12")
    page.locator("input[name=reviewer]").fill("ana")
    page.locator("button[data-status=corrected]").click()
    page.wait_for_function("() => document.querySelector('[data-field=size]').textContent.includes('4–6')")
    assert "Armenia (military)" in page.locator("[data-field=actor]").inner_text()  # no reload needed
    assert "injured 12" in page.locator("[data-field=size]").inner_text()
    page.reload()
    history = page.locator("table.review-history tbody tr").first.inner_text()
    assert "actor: Armenia (military)" in history and "dead: 4–6" in history and "injured: 12" in history
    assert "[" not in history and "{" not in history  # no raw JSON
    shot(page, "event-corrected")


def test_the_network_explains_itself_and_a_link_tells_its_event_types(page):
    page.goto("/network")
    page.wait_for_function("() => document.getElementById('network-status').textContent.includes('actors')")
    side = page.locator("#network-card")
    assert "Reading the network" in side.inner_text() and "military (MIL)" in side.inner_text()
    named = page.evaluate("() => window.polemosNetwork.nodes().filter((n) => n.data('shown')).length")
    total = page.evaluate("() => window.polemosNetwork.nodes().length")
    assert 0 < named <= 15 and named <= total
    page.evaluate(
        "() => window.polemosNetwork.edges().sort((a, b) => b.data('weight') - a.data('weight'))[0].emit('tap')"
    )
    card = side.inner_text()
    assert "→" in card and re.search(r"\d+ events?\b", card)
    assert side.locator("ul.type-counts li .chip").count() >= 1  # each event type of the link, with its count
    shot(page, "network-link")


def test_the_map_goes_to_a_place_by_name_and_clusters_wear_type_colours(page):
    page.goto("/map")
    page.wait_for_selector("path.leaflet-interactive, .marker-cluster")
    page.wait_for_load_state("networkidle")  # the map asks again once it has fitted its events
    # Read in one turn of the page's script, so that a redraw cannot come between cluster and legend.
    colours = page.evaluate("""() => {
        const cluster = document.querySelector('.type-cluster .cluster-count');
        if (!cluster) return null;
        return {cluster: getComputedStyle(cluster).backgroundColor,
                legend: Array.from(document.querySelectorAll('#map-legend .chip'), (c) => getComputedStyle(c).backgroundColor)};
    }""")
    if colours:
        assert colours["cluster"] in colours["legend"]  # the cluster's colour is a type of the legend, not a size band
    search = page.locator("#place-search")
    search.fill("Khart")
    page.wait_for_function("() => document.querySelectorAll('#place-options option').length > 0")
    label = page.locator("#place-options option").first.get_attribute("value")
    assert label.startswith("Khartoum")
    search.fill(label)
    page.wait_for_function(
        "() => Math.abs(window.polemosMap.getCenter().lat - 15.5) < 1 && window.polemosMap.getZoom() >= 8"
    )
    # The towns around are named at this zoom, from the gazetteer (when ingest has built it).
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.leaflet-placenames-pane .place-name'),"
        " (n) => n.textContent).includes('Omdurman')"
    )
    shot(page, "map-place")


def test_the_review_queue_runs_from_the_keyboard_most_cited_first(page):
    page.goto("/review")
    items = page.locator("section.review-item")
    first_id = items.first.get_attribute("id")
    assert "current" in items.first.get_attribute("class")
    items.first.locator("input[name=reviewer]").fill("keyboard-analyst")
    page.locator("h1").click()  # out of the text field: keys now act on the queue
    page.keyboard.press("c")
    page.wait_for_function(
        "(id) => document.getElementById(id).querySelector('.review-state .badge').textContent === 'confirmed'",
        arg=first_id,
    )
    assert "current" in items.nth(1).get_attribute("class")  # on to the next one
    page.keyboard.press("k")
    assert "current" in items.first.get_attribute("class")
    page.reload()
    assert page.locator(f"#{first_id}").count() == 0  # the queue holds unreviewed events only
    _base, db = page.served
    import sqlite3

    connection = sqlite3.connect(db)
    ids = [
        item.removeprefix("review-")
        for item in page.locator("section.review-item").evaluate_all("(s) => s.map((x) => x.id)")
    ]
    cited = [
        connection.execute(
            "SELECT COALESCE((SELECT c.source_count FROM canonical_members m JOIN canonical_events c"
            " ON c.id = m.canonical_id WHERE m.report_id = ?), 0)",
            (event_id,),
        ).fetchone()[0]
        for event_id in ids
    ]
    assert cited == sorted(cited, reverse=True)


def test_trends_by_division_lead_to_each_divisions_events(page):
    page.goto("/timeline")
    page.wait_for_selector("#trends table.trends-table tbody tr")
    page.select_option("#trends-by", "admin1")
    page.wait_for_function("() => document.querySelector('#trends table.trends-table th')?.textContent === 'division'")
    link = page.locator("#trends table.trends-table tbody tr td a").first
    name = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/events\?.*admin1="))
    assert name.split(" (")[0] in page.locator("input[name=admin1]").input_value()
    assert page.locator("table.events-table tbody tr").count() >= 1
    shot(page, "trends-divisions")
