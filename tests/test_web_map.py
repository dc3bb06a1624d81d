"""The map in a real headless Chromium, as an analyst reads it: first-level divisions shaded by
the events counted in each, the same events the events list counts; events known only to their
country listed beside the map rather than drawn; a cluster of events at one place opening into
its events when clicked."""

from __future__ import annotations

import re

from test_web_browser import browser, page, shot  # noqa: F401  (fixtures)
from test_web_support import demo_store, served  # noqa: F401

POINTS = ".leaflet-overlay-pane path.leaflet-interactive"
DIVISIONS = ".leaflet-divisions-pane path"


def _shaded(page) -> list[str]:
    return page.locator(DIVISIONS).evaluate_all(
        "(paths) => paths.filter((p) => Number(p.getAttribute('fill-opacity')) > 0).map((p) => p.getAttribute('fill'))"
    )


def test_divisions_are_shaded_by_the_events_the_events_list_counts(page):
    page.goto("/map")
    page.wait_for_selector("#country-level h3")
    page.wait_for_function(f"() => document.querySelectorAll('{DIVISIONS}').length > 10")
    assert len(_shaded(page)) >= 3  # divisions with events are filled, the others only outlined
    layers = page.evaluate(
        "() => ['basemap', 'divisions', 'overlay'].map((name) =>"
        " Number(getComputedStyle(window.polemosMap.getPane(name + (name === 'overlay' ? 'Pane' : ''))).zIndex))"
    )
    assert layers == sorted(layers) and len(set(layers)) == 3  # shading over the countries, under the events
    assert page.locator("#shade-legend .shade-legend li").count() >= 2
    answer = page.evaluate("() => fetch('/api/map/areas').then((r) => r.json())")
    in_divisions = sum(item["events"] for item in answer["items"])
    by_country = sum(item["events"] for item in answer["country_level"])
    by_region = sum(item["events"] for item in answer["region_level"])
    accounted = in_divisions + answer["outside_areas"] + by_country + by_region + answer["unplaced"]
    page.goto("/events")
    listed = int(page.locator("#events-total").inner_text().replace(",", ""))
    assert accounted == listed  # every canonical event once: in a division, or said to be coarser
    page.goto("/map")
    page.wait_for_function(f"() => document.querySelectorAll('{DIVISIONS}').length > 10")
    busiest = answer["items"][0]
    tooltip = page.evaluate(
        "(code) => { let text = null; window.polemosMap.eachLayer((layer) => {"
        " if (layer.options && layer.options.division === code && layer.getTooltip()) text = layer.getTooltip().getContent(); });"
        " return text; }",
        busiest["code"],
    )
    assert tooltip.startswith(busiest["name"]) and f"{busiest['events']} events" in tooltip
    shot(page, "map-divisions")


def test_events_known_only_by_country_are_listed_not_drawn(page):
    page.goto("/map")
    listing = page.locator("#country-level")
    listing.locator("h3").first.wait_for()
    page.wait_for_selector(f"{POINTS}, .marker-cluster")
    entries = listing.locator("ul.country-level-list:not(.region-level) li a").all_inner_texts()
    assert entries and all(re.match(r"[A-Z]{3}: \d+ events?$", entry) for entry in entries)
    drawn = page.evaluate("() => { let n = 0; window.polemosPoints.eachLayer(() => n++); return n; }")
    status = page.locator("#map-status").inner_text()
    coarse = int(re.search(r"\((\d+) known only by country or a wider region, not drawn\)", status)[1])
    listed = sum(int(re.search(r": (\d+) events?$", entry)[1]) for entry in listing.locator("li a").all_inner_texts())
    assert f"{drawn} events" in status and coarse == listed  # what is not drawn is all listed beside the map
    page.select_option("#shade-by", "fatalities")
    page.wait_for_function("() => document.querySelector('#shade-legend p').textContent.startsWith('Deaths')")
    page.locator("#country-level li a").first.click()
    page.wait_for_url(re.compile(r"/events\?.*country=[A-Z]{3}"))


def test_a_cluster_of_events_at_one_place_opens_into_its_events(page):
    page.goto("/map")
    page.wait_for_selector(".marker-cluster")
    before = page.locator(POINTS).count()
    cluster = page.locator(".marker-cluster").first
    members = int(cluster.inner_text())
    for _ in range(6):  # a cluster spread over a town zooms in first; one at a single point opens at once
        page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')")
        page.wait_for_timeout(300)
        if not page.locator(".marker-cluster").count():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)
        if (
            page.evaluate("() => document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length")
            >= before + 2
        ):
            break
    assert page.locator(POINTS).count() >= min(before + 2, before + members)
    shot(page, "map-cluster-open")


def test_a_network_link_lists_its_real_events_and_the_legend_names_the_link_colours(page):
    page.goto("/network")
    page.wait_for_function(
        "() => document.getElementById('network-status').textContent.includes('counting each real event once')"
    )
    legend = page.locator("#network-legend")
    assert "most frequent event type" in legend.inner_text() and legend.locator(".chip").count() >= 1
    page.evaluate(
        "() => window.polemosNetwork.edges().sort((a, b) => b.data('weight') - a.data('weight'))[0].emit('tap')"
    )
    weight = page.evaluate(
        "() => window.polemosNetwork.edges().sort((a, b) => b.data('weight') - a.data('weight'))[0].data('weight')"
    )
    listed = page.locator("#network-card ol.link-event-list li")
    listed.first.wait_for()
    assert listed.count() == min(weight, 20)  # every event the link counts, each once
    assert "null" not in page.locator("#network-card").inner_text()
    href = listed.first.locator("a").get_attribute("href")
    shot(page, "network-link-events")
    listed.first.locator("a").click()
    page.wait_for_url(re.compile(r"/canonical/ce-"))
    assert href.startswith("/canonical/")


def test_the_network_counts_the_events_the_events_list_counts(page):
    page.goto("/")
    """One actor's links add up to no more of its events than the events list shows for it, and
    an event told by several documents is one event on its link."""
    canonical = page.evaluate("() => fetch('/api/network').then((r) => r.json())")
    reports = page.evaluate("() => fetch('/api/network?view=reports').then((r) => r.json())")
    assert canonical["view"] == "canonical" and reports["view"] == "reports"
    assert sum(e["events"] for e in canonical["edges"]) <= sum(e["events"] for e in reports["edges"])
    edge = canonical["edges"][0]
    link = page.evaluate(
        f"() => fetch('/api/network/link?source={edge['source']}&target={edge['target']}').then((r) => r.json())"
    )
    assert link["total"] == edge["events"]


def test_the_timeline_counts_by_iso_week_with_empty_weeks_shown_and_links_to_each_weeks_events(page):
    page.goto("/timeline")
    page.wait_for_selector("#timeline svg rect.bar")
    months = int(re.match(r"(\d+) dated events", page.locator("#timeline-status").inner_text())[1])
    page.select_option("#granularity", "week")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#timeline svg text')).some((t) => /^\\d{4}-W\\d{2}$/.test(t.textContent))"
    )
    assert (
        int(re.match(r"(\d+) dated events", page.locator("#timeline-status").inner_text())[1]) == months
    )  # same events, finer periods
    answer = page.evaluate("() => fetch('/api/timeline?granularity=week&limit=500').then((r) => r.json())")
    periods = [bucket["period"] for bucket in answer["items"]]
    assert len(periods) > 2 and any(
        bucket["total"] + bucket["spanning"] == 0 for bucket in answer["items"]
    )  # gaps drawn as empty weeks
    first_week = next(bucket for bucket in answer["items"] if bucket["total"])
    link = page.locator("#timeline svg a").nth(periods.index(first_week["period"]))
    href = link.get_attribute("href")
    since, until = re.search(r"since=([\d-]+)", href)[1], re.search(r"until=([\d-]+)", href)[1]
    from datetime import date

    monday, sunday = date.fromisoformat(since), date.fromisoformat(until)
    assert monday.weekday() == 0 and (sunday - monday).days == 6
    assert f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}" == first_week["period"]
    shot(page, "timeline-weeks")


def test_a_division_is_a_filter_the_events_list_map_timeline_network_and_exports_share(page):
    page.goto("/map")
    page.wait_for_function(f"() => document.querySelectorAll('{DIVISIONS}').length > 10")
    answer = page.evaluate("() => fetch('/api/map/areas').then((r) => r.json())")
    busiest = answer["items"][0]
    # The division's popup links to its events: the analyst clicks the shaded area, then "events".
    page.evaluate(
        "(code) => window.polemosMap.eachLayer((layer) => {"
        " if (layer.options && layer.options.division === code && layer.getPopup()) layer.openPopup(); })",
        busiest["code"],
    )
    page.locator(".division-popup a", has_text="events").click()
    page.wait_for_url(re.compile(r"/events\?.*admin1="))
    listed = int(page.locator("#events-total").inner_text().replace(",", ""))
    assert listed == busiest["events"]  # the list counts what the shading counted
    assert (
        page.locator("input[name=admin1]").input_value() == f"{busiest['code']}|{busiest['name']}"
    )  # shown, removable
    query = page.url.split("?", 1)[1]
    page.goto("/events?" + query)  # the link reproduces the view
    narrowed = page.evaluate(f"() => fetch('/api/map/areas?{query}').then((r) => r.json())")
    assert [(item["code"], item["events"]) for item in narrowed["items"]] == [(busiest["code"], busiest["events"])]
    timeline = page.evaluate(f"() => fetch('/api/timeline?{query}&granularity=year').then((r) => r.json())")
    dated = sum(bucket["total"] for bucket in timeline["items"])
    assert 0 < dated <= listed
    network = page.evaluate(f"() => fetch('/api/network?{query}').then((r) => r.json())")
    everywhere = page.evaluate("() => fetch('/api/network').then((r) => r.json())")
    assert sum(e["events"] for e in network["edges"]) <= sum(e["events"] for e in everywhere["edges"])
    for edge in network["edges"][:3]:  # each link of the narrowed network holds that many of the division's events
        link = page.evaluate(
            f"() => fetch('/api/network/link?source={edge['source']}&target={edge['target']}&{query}')"
            ".then((r) => r.json())"
        )
        assert link["total"] == edge["events"]
    exported = page.evaluate(f"() => fetch('/api/export?format=geojson&{query}&canonical=true').then((r) => r.json())")
    assert len(exported["features"]) == listed
    reports = int(page.evaluate(f"() => fetch('/api/events?{query}&limit=1').then((r) => r.json())")["total"])
    assert reports >= listed  # each report of the division's real events
    shot(page, "events-one-division")
    page.goto("/events?admin1=ZZZ-0%7CNowhere")
    assert page.locator("#events-total").inner_text() == "0"


def test_the_cli_takes_the_division_the_map_names_and_counts_what_it_shaded(page, tmp_path_factory):
    import json

    from conftest import run_cli
    from test_web_support import copy_store, demo_store as built_demo_store

    page.goto("/map")
    shaded = page.evaluate("() => fetch('/api/map/areas').then((r) => r.json())")["items"][0]
    # A fresh copy of the store, which the map never looked at: the CLI places the events itself.
    db = copy_store(built_demo_store(tmp_path_factory), tmp_path_factory.mktemp("cli-division"))
    division = f"{shaded['code']}|{shaded['name']}"
    listed = run_cli("events", "--db", str(db), "--admin1", division, "--format", "json", "--limit", "500")
    assert listed.returncode == 0, listed.stderr.decode()[-2000:]
    in_division = [json.loads(line) for line in listed.stdout.decode().splitlines() if line.strip()]
    assert len(in_division) == shaded["events"] and all(event["country"] == shaded["country"] for event in in_division)
    exported = run_cli("export", "--db", str(db), "--admin1", shaded["code"], "--canonical", "--format", "geojson", "-")
    assert len(json.loads(exported.stdout)["features"]) == shaded["events"]
