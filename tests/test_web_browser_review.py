"""Review of canonical events and actors in a real headless Chromium, on the demo store served
by ``polemos serve``: a correction shows at once and reads well in the history, a report split
out and two events merged stay so after the documents are extracted again, and two actors
merged on an actor page stay one. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx
import pytest

from conftest import run_cli
from test_web_browser import CHROMIUM, browser, page, shot, sync_api  # noqa: F401 - fixtures
from test_web_support import demo_store, served  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/install-test-deps.sh installs it)"
    ),
]


def reports_shown(page) -> int:
    return page.locator("ol.sources li.source").count()


def history_rows(page) -> list[str]:
    return page.locator("table.canonical-history tbody tr").all_inner_texts()


def test_a_canonical_event_is_corrected_split_and_merged_on_its_page(page):
    page.goto("/events?sort=-reports")
    page.locator("table.canonical-table tbody tr td.date-cell a").first.click()
    page.wait_for_url(re.compile(r"/canonical/ce-"))
    canonical_url = page.url
    assert reports_shown(page) >= 2

    page.locator("details.corrections summary").click()
    actors = page.locator("input[name=actors]")
    actors.fill("Azerb")  # suggestions are the store's actors, by name
    page.wait_for_function("() => document.getElementById('actors-canonical').options.length > 0")
    suggested = page.evaluate("() => document.getElementById('actors-canonical').options[0].value")
    assert not suggested.isupper()  # a name, not an id such as AZE.MIL
    actors.fill(suggested)
    place = page.evaluate("() => document.getElementById('places-canonical').options[0].value")
    page.locator("input[name=place]").fill(place)
    page.locator("input[name=dead]").fill("4-6")
    page.locator("input[name=displaced]").fill("100,000")
    page.locator("form.canonical-review input[name=reviewer]").fill("ana")
    page.locator("form.canonical-review button[data-status=corrected]").click()
    page.wait_for_function("() => document.querySelector('[data-field=size]').textContent.includes('4–6')")
    assert suggested in page.locator("[data-field=actor]").inner_text()  # no reload needed
    assert place in page.locator("[data-field=place]").inner_text()
    assert "100,000" in page.locator("[data-field=size]").inner_text()
    (latest,) = history_rows(page)
    assert f"actor: {suggested}" in latest and "dead: 4–6" in latest and "displaced: 100,000" in latest
    assert "[" not in latest and "{" not in latest  # no raw JSON
    page.locator("form.canonical-review button[data-status=confirmed]").click()
    page.wait_for_function("() => document.querySelector('h1 .badge[class*=review-]').textContent === 'confirmed'")
    shot(page, "canonical-reviewed")

    before = reports_shown(page)
    page.locator("button.split-button").last.click()
    page.wait_for_function("(n) => document.querySelectorAll('ol.sources li.source').length === n", arg=before - 1)
    assert "split out: the report of" in history_rows(page)[0]
    assert page.locator("h1 .badge[class*=review-]").inner_text() == "confirmed"  # the verdict stays with the event

    candidates = page.locator("ul.merge-candidates button.merge-button")
    assert candidates.count() >= 1
    count = reports_shown(page)
    candidates.first.click()
    page.wait_for_function("(n) => document.querySelectorAll('ol.sources li.source').length > n", arg=count)
    merged_url, merged_reports = page.url, reports_shown(page)
    assert "merged:" in history_rows(page)[0]
    shot(page, "canonical-merged")

    _base, db = page.served
    assert run_cli("reextract", "--all", "--db", db).returncode == 0  # the machine's events made again
    page.goto(merged_url)
    assert reports_shown(page) == merged_reports
    assert (
        "4–6" in page.locator("[data-field=size]").inner_text()
        and place in page.locator("[data-field=place]").inner_text()
    )
    assert any("split out" in row for row in history_rows(page))
    page.goto("/events")
    assert page.locator("tr[data-canonical] .badge.review-confirmed").count() >= 1  # the lists show the verdict
    assert canonical_url  # the first page's id may now be the merged event's


def test_a_bad_correction_is_refused_on_the_page_and_nothing_changes(page):
    page.goto("/events")
    page.locator("table.canonical-table tbody tr td.date-cell a").first.click()
    page.wait_for_url(re.compile(r"/canonical/ce-"))
    page.locator("details.corrections summary").click()
    page.locator("input[name=place]").fill("Atlantis beneath the sea")
    page.locator("form.canonical-review button[data-status=corrected]").click()
    output = page.locator("form.canonical-review output.review-result")
    page.wait_for_function("() => document.querySelector('output.review-result').textContent.startsWith('not saved')")
    assert "no stored place is named 'Atlantis beneath the sea'" in output.inner_text()
    assert "nor has the gazetteer a place of that name" in output.inner_text()
    assert history_rows(page) == []
    refused = [e for e in page.watch.errors if "status of 422" in e]
    assert len(refused) == 1  # the browser logs the refused request; nothing else went wrong
    page.watch.errors.remove(refused[0])


def test_two_actors_merged_on_an_actor_page_stay_one_after_re_extraction(page):
    base, db = page.served
    actors = httpx.get(base + "/api/actors", params={"limit": 200}).json()["items"]
    states = [actor for actor in actors if actor["kind"] == "state"]
    keep, alias = states[0], states[1]
    page.goto(f"/actors/{keep['id']}")
    page.locator("form.actor-merge input[name=alias]").fill(alias["name"])
    page.locator("form.actor-merge input[name=reviewer]").fill("ana")
    page.locator("form.actor-merge button[type=submit]").click()
    page.wait_for_selector("dd.actor-aliases")
    assert alias["name"] in page.locator("dd.actor-aliases").inner_text()
    assert page.locator(".month-bars a.month-bar").count() >= 1  # its events over time, each month a link
    shot(page, "actor-merged")
    assert run_cli("reextract", "--all", "--db", db).returncode == 0
    page.goto(f"/actors/{alias['id']}")  # the alias's page is its actor's now
    page.wait_for_url(re.compile(re.escape(keep["id"])))
    names = {actor["id"] for actor in httpx.get(base + "/api/actors", params={"limit": 200}).json()["items"]}
    assert alias["id"] not in names and keep["id"] in names


def test_the_canonical_queue_runs_from_the_keyboard_most_sources_first(page):
    page.goto("/review?view=canonical")
    items = page.locator("section.review-item")
    sources = [int(text.split()[0]) for text in page.locator("section.review-item .card-head b").all_inner_texts()]
    assert items.count() >= 2 and sources == sorted(sources, reverse=True)
    first = items.first.get_attribute("id").removeprefix("review-")
    page.locator("body").click()
    page.keyboard.press("c")
    page.wait_for_function(
        "(id) => document.getElementById('review-' + id).querySelector('.review-state .badge').textContent === 'confirmed'",
        arg=first,
    )
    shot(page, "review-canonical-queue")
    page.reload()
    assert page.locator(f"section#review-{first}").count() == 0  # reviewed: out of the queue
    page.goto(f"/canonical/{first}")
    assert page.locator("h1 .badge[class*=review-]").inner_text() == "confirmed"


def test_a_report_correction_shows_in_its_history_without_a_reload(page):
    page.goto("/events?view=reports&type=ASSAULT")
    page.locator("table.events-table tbody tr td a[href^='/events/']").first.click()
    page.wait_for_url(re.compile(r"/events/.+"))
    page.locator("details.corrections summary").click()
    page.locator("input[name=arrested]").fill("3")
    page.locator("input[name=reviewer]").fill("ana")
    page.locator("button[data-status=corrected]").click()
    page.wait_for_function("() => document.querySelectorAll('table.review-history tbody tr').length === 1")
    row = page.locator("table.review-history tbody tr").first.inner_text()
    assert "arrested: 3" in row and "ana" in row
    assert page.locator("p.no-history").is_hidden()


def test_a_rejected_event_leaves_the_list_and_can_be_restored_from_its_page(page):
    page.goto("/events?type=SANCTION")
    page.locator("table.canonical-table tbody tr td.date-cell a").first.click()
    page.wait_for_url(re.compile(r"/canonical/ce-"))
    rejected_url = page.url
    page.locator("form.canonical-review input[name=note]").fill("a rumour")
    page.locator("form.canonical-review button[data-status=rejected]").click()
    page.wait_for_function(
        "() => document.querySelector('output.review-result').textContent.includes('leaves the listings')"
    )
    page.goto(rejected_url)
    assert "no longer listed" in page.locator("p.notice").inner_text()
    assert "a rumour" in history_rows(page)[0]
    page.locator("form.restore button[data-status=confirmed]").click()
    page.wait_for_function("() => document.querySelector('[data-field=actor]') !== null")
    assert page.locator("h1 .badge[class*=review-]").inner_text() == "confirmed"
    assert [row.split("\t")[1] for row in history_rows(page)][:2] == ["confirmed", "rejected"]


def test_a_report_corrected_to_another_actor_shows_in_the_network(page):
    """Counting real events or each document's report, the network drawn is the corrected one."""
    base, _db = page.served
    drawn = {node["id"] for node in httpx.get(base + "/api/network", params={"limit": 500}).json()["nodes"]}
    actors = httpx.get(base + "/api/actors", params={"limit": 500}).json()["items"]
    newcomer = next(
        actor for actor in actors if actor["id"] not in drawn and actor["name"] and "<" not in actor["name"]
    )
    events = httpx.get(base + "/api/events", params={"limit": 500}).json()["items"]
    event = next(
        event for event in events if event["actor"] and event["recipient"] and newcomer["id"] not in event["recipient"]
    )
    page.goto(f"/events/{quote(event['id'], safe='')}")
    page.locator("form.review-form details.corrections summary").click()
    page.locator("form.review-form input[name=actors]").fill(newcomer["name"])
    page.locator("form.review-form button[data-status=corrected]").click()
    sync_api.expect(page.locator("[data-field=actor]")).to_contain_text(newcomer["name"])
    for view in ("canonical", "reports"):
        page.goto(f"/network?view={view}")
        page.wait_for_function("() => document.getElementById('network-status').textContent.includes('actors')")
        labels = page.evaluate("() => window.polemosNetwork.nodes().map((node) => node.data('label'))")
        assert newcomer["name"] in labels, view
    shot(page, "network-corrected")


def test_place_suggestions_tell_namesakes_apart_and_a_gazetteer_place_is_taken(page):
    page.goto("/events")
    page.locator("table.canonical-table tbody tr td.date-cell a").last.click()
    page.wait_for_url(re.compile(r"/canonical/ce-"))
    page.locator("details.corrections summary").click()
    place = page.locator("input[name=place]")
    place.fill("Springfield")
    page.wait_for_function(
        "() => Array.from(document.getElementById('places-canonical').options).some((o) => o.value.includes('USA'))"
    )
    values = page.evaluate("() => Array.from(document.getElementById('places-canonical').options, (o) => o.value)")
    assert "Springfield (Missouri, USA)" in values and "Springfield (Massachusetts, USA)" in values
    place.fill("Springfield (Massachusetts, USA)")
    page.locator("form.canonical-review button[data-status=corrected]").click()
    sync_api.expect(page.locator("[data-field=place]")).to_contain_text("Springfield")
    assert "place: Springfield (Massachusetts, USA)" in history_rows(page)[0]
    shot(page, "canonical-gazetteer-place")


def test_a_report_is_corrected_to_a_place_of_the_gazetteer_its_document_does_not_name(page):
    """One report's place offers its document's places, and, as you type, the gazetteer's with
    their division and country; the place taken shows at once and in the history."""
    page.goto("/events?view=reports")
    page.locator("table.events-table tbody td.date-cell a").first.click()
    page.wait_for_url(re.compile(r"/events/"))
    page.locator("details.corrections summary").click()
    place = page.locator("form.review-form input[name=place]")
    listed = place.get_attribute("list")
    named = page.evaluate(f"() => Array.from(document.getElementById('{listed}').options, (o) => o.value)")
    assert named and not any("USA" in value for value in named)  # its document's places first
    place.fill("Springfield")
    page.wait_for_function(
        f"() => Array.from(document.getElementById('{listed}').options).some((o) => o.value.includes('USA'))"
    )
    values = page.evaluate(f"() => Array.from(document.getElementById('{listed}').options, (o) => o.value)")
    assert "Springfield (Missouri, USA)" in values and "Springfield (Massachusetts, USA)" in values
    place.fill("Springfield (Massachusetts, USA)")
    page.locator("form.review-form button[data-status=corrected]").click()
    sync_api.expect(page.locator("[data-field=place]")).to_contain_text("Springfield (USA)")
    sync_api.expect(page.locator("table.review-history tbody tr").first).to_contain_text(
        "place: Springfield (Massachusetts, USA)"
    )
    shot(page, "event-gazetteer-place")
