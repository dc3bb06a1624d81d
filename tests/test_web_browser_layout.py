"""The workspace as an analyst sees it, at 1400 px and at 800 px wide, in a real headless
Chromium: tables fit the page, dates are never broken over two lines, a card's field names
stay apart from their values, a long timeline opens on its latest periods, and the network's
names stay readable however far the drawing is zoomed out to fit."""

from __future__ import annotations

import pytest

from test_web_browser import browser, page, shot  # noqa: F401  (fixtures)
from test_web_support import demo_store, served  # noqa: F401

NARROW = {"width": 800, "height": 900}


def _overflow(page) -> int:
    """How far the page runs past the window's right edge, in pixels (0: it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("path", ["/events", "/events?view=reports", "/actors", "/documents", "/review", "/"])
def test_at_800_px_the_tables_fit_the_window(page, path):
    page.set_viewport_size(NARROW)
    page.goto(path)
    assert _overflow(page) <= 0, f"{path} runs {_overflow(page)} px off the right edge at 800 px"


def test_a_date_is_never_broken_over_two_lines(page):
    page.set_viewport_size(NARROW)
    for path, cells in (
        ("/documents", "table.data tbody td.date-cell"),
        ("/events?view=reports", "table.data tbody td.date-cell .date"),
        ("/", "table.data tbody td.date-cell"),
    ):
        page.goto(path)
        lines = page.eval_on_selector_all(
            cells,
            """cells => cells.map(cell => {
            const range = document.createRange(); range.selectNodeContents(cell);
            return new Set(Array.from(range.getClientRects()).map(rect => Math.round(rect.top))).size; })""",
        )
        assert lines and max(lines) == 1, f"{path}: a date spread over {max(lines)} lines"


def test_a_reader_card_keeps_each_field_name_apart_from_its_value(page):
    page.goto("/events?view=reports&modality=future")
    page.locator("table.events-table tbody td.evidence-cell a").first.click()
    page.wait_for_selector("aside.events-side dl.card-fields")
    overlaps = page.eval_on_selector_all(
        "aside.events-side dl.card-fields",
        """lists => lists.flatMap(list => {
        const names = Array.from(list.querySelectorAll('dt')), values = Array.from(list.querySelectorAll('dd'));
        const right = Math.max(...names.map(name => name.getBoundingClientRect().right));
        return values.filter(value => value.getBoundingClientRect().left < right).map(value => value.textContent); })""",
    )
    assert not overlaps, f"values running into their names: {overlaps}"
    names = page.locator("aside.events-side dl.card-fields dt").all_inner_texts()
    assert "modality" in names  # the longest name, which ran into its value before


def test_a_timeline_wider_than_its_box_opens_on_its_latest_periods(page):
    page.goto("/timeline")
    page.select_option("#granularity", "day")  # some 200 days of demo events: wider than the window
    page.wait_for_function("() => document.querySelector('#timeline svg[aria-label=\"events per day\"]') !== null")
    page.wait_for_function("() => document.querySelector('#fatalities svg') !== null")
    events = page.evaluate(
        "() => { const box = document.getElementById('timeline');"
        " return [box.scrollLeft, box.clientWidth, box.scrollWidth]; }"
    )
    assert events[2] > events[1] + 100  # the chart does scroll
    assert events[0] + events[1] >= events[2] - 1  # scrolled to its right end: the latest days
    page.evaluate("document.getElementById('timeline').scrollLeft = 0")
    page.wait_for_function("() => document.getElementById('fatalities').scrollLeft === 0")  # the deaths follow
    shot(page, "timeline-days")


def test_network_names_stay_readable_when_the_drawing_is_zoomed_out(page):
    page.goto("/network?basis=sentences")
    page.select_option("#basis", "sentences")
    page.wait_for_function(
        "() => window.polemosNetwork && document.getElementById('network-status').textContent.includes('actors')"
    )
    page.evaluate("window.polemosNetwork.zoom(0.3)")
    size = page.evaluate("parseFloat(window.polemosNetwork.nodes().first().renderedStyle('font-size'))")
    assert size >= 11, f"names drawn {size:.1f} px high at zoom 0.3"
    shot(page, "network-zoomed-out")


def _bars_reach(page, box_id: str) -> float:
    """How far across its box's visible width the chart's rightmost bar ends (0 to 1)."""
    return page.evaluate(
        """(id) => { const box = document.getElementById(id), inner = box.getBoundingClientRect();
        const right = Math.max(...Array.from(box.querySelectorAll('svg rect.bar')).map(bar => bar.getBoundingClientRect().right));
        return (right - inner.left) / box.clientWidth; }""",
        box_id,
    )


def test_a_timeline_of_few_periods_spreads_across_its_panel(page):
    page.goto("/timeline")  # months: some seven periods of demo events
    page.wait_for_function("() => document.querySelector('#timeline svg[aria-label=\"events per month\"]') !== null")
    page.wait_for_function("() => document.querySelector('#fatalities svg') !== null")
    for box in ("timeline", "fatalities"):
        assert _bars_reach(page, box) > 0.85, f"#{box}: the bars end {_bars_reach(page, box):.0%} of the way across"
        assert page.evaluate(
            "(id) => document.getElementById(id).scrollWidth <= document.getElementById(id).clientWidth", box
        )
    widest = page.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll('#timeline rect.bar')).map(b => b.getBBox().width))"
    )
    assert 8 <= widest <= 64  # spread out, yet bars, not slabs
    shot(page, "timeline-months")


def test_the_highest_count_stays_in_view_when_the_timeline_scrolls(page):
    page.goto("/timeline")
    page.select_option("#granularity", "day")
    page.wait_for_function("() => document.querySelector('#timeline svg[aria-label=\"events per day\"]') !== null")
    page.wait_for_function("() => document.querySelector('#fatalities svg') !== null")
    for scroll in ("box.scrollWidth", "box.scrollWidth / 2", "0"):
        page.evaluate(f"() => {{ const box = document.getElementById('timeline'); box.scrollLeft = {scroll}; }}")
        page.wait_for_timeout(100)  # the scroll events run
        for box in ("timeline", "fatalities"):
            seen = page.evaluate(
                """(id) => { const box = document.getElementById(id).getBoundingClientRect();
                const label = document.querySelector('#' + id + ' .scale-max').getBoundingClientRect();
                return label.left >= box.left && label.right <= box.left + 60 && label.width > 0; }""",
                box,
            )
            assert seen, f"#{box}: the highest count is out of sight at scrollLeft = {scroll}"
