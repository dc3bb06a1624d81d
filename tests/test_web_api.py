"""The workspace API and pages over a real server process on a store filled by the pipeline."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from polemos.record import Actor, DocumentInfo, Event, Evidence, ExtractionRecord, Mention, Sentence
from polemos.store import EventFilter, open_store
from polemos.store import queries
from polemos.store.network import report_network
from test_web_support import HOSTILE_ID, HOSTILE_SCRIPT, HOSTILE_TITLE, Server, copy_store, demo_store, served  # noqa: F401

pytestmark = pytest.mark.slow

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


@pytest.fixture(scope="module")
def client(served):
    base, _db = served
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client


def _event_with_place(client) -> dict:
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    return next(event for event in events if event["lat"] is not None)


def test_lists_are_paginated_with_totals(client):
    first = client.get("/api/documents", params={"limit": 2}).json()
    second = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == 6 and first["limit"] == 2 and len(first["items"]) == 2
    assert {d["id"] for d in first["items"]}.isdisjoint(d["id"] for d in second["items"])
    for path in ("/api/actors", "/api/places", "/api/events", "/api/relations"):
        body = client.get(path, params={"limit": 3}).json()
        assert set(body) >= {"items", "total", "limit", "offset"} and len(body["items"]) <= 3, path
    assert client.get("/api/events", params={"limit": 501}).status_code == 422


def test_a_document_comes_with_its_text_and_mention_offsets(client):
    record = client.get(f"/api/documents/{HOSTILE_ID}").json()
    assert HOSTILE_SCRIPT in record["text"]
    mention = record["actors"][0]["mentions"][0]
    assert record["text"][mention["start"] : mention["end"]] == mention["text"]
    assert record["events"] and record["sentences"]


def test_event_filters_narrow_the_list(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assaults = client.get("/api/events", params={"type": "ASSAULT", "limit": 500}).json()
    assert 0 < assaults["total"] < everything["total"]
    assert {e["type"] for e in assaults["items"]} == {"ASSAULT"}
    of_one_doc = client.get("/api/events", params={"doc": HOSTILE_ID}).json()
    assert of_one_doc["total"] >= 2 and {e["doc_id"] for e in of_one_doc["items"]} == {HOSTILE_ID}
    in_march = client.get("/api/events", params={"since": "2024-03", "until": "2024-03"}).json()
    assert in_march["total"] >= 1 and all(e["date"]["begin"].startswith("2024-03") for e in in_march["items"])
    goris = client.get("/api/events", params={"near": "39.51,46.34,20"}).json()
    assert goris["total"] >= 1 and all(e["place_name"] for e in goris["items"])
    shelled = client.get("/api/events", params={"q": "shelled Goris"}).json()
    assert shelled["total"] >= 1 and all("shelled" in e["evidence"][0]["text"] for e in shelled["items"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/no-such-document",
        "/api/events/no-such-event",
        "/api/actors/NO.SUCH",
        "/documents/no-such-document",
    ],
)
def test_unknown_ids_are_404_with_a_message(client, path):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert "no-such" in response.json()["error"].lower() or "no.such" in response.json()["error"].lower()


@pytest.mark.parametrize(
    "query",
    [
        {"since": "yesterday"},
        {"until": "2023-02-30"},
        {"near": "39.8,46.7"},
        {"near": "north,east,5"},
        {"near": "95,0,10"},
        {"limit": "-1"},
        {"offset": "x"},
    ],
)
def test_malformed_filters_are_422_json(client, query):
    response = client.get("/api/events", params=query)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"] and "Traceback" not in response.text


def test_views_refuse_malformed_parameters(client):
    assert client.get("/api/map", params={"bbox": "1,2,3"}).status_code == 422
    assert client.get("/api/map", params={"bbox": "10,0,5,20"}).status_code == 422
    assert client.get("/api/timeline", params={"granularity": "fortnight"}).status_code == 422
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_oversized_and_malformed_bodies_are_refused(client):
    event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    url = f"/api/events/{event_id}/review"
    big = json.dumps({"status": "confirmed", "note": "x" * 1_100_000})
    assert client.post(url, content=big, headers={"Content-Type": "application/json"}).status_code == 413

    def chunks():  # no Content-Length: the server must count as it reads
        for _ in range(12):
            yield b"x" * 100_000

    response = client.post(url, content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]
    assert client.post(url, content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 422
    assert client.post(url, json={"status": "maybe"}).status_code == 422
    assert client.post(url, json={"status": "corrected", "changes": {"type": "NOT_A_TYPE"}}).status_code == 422
    assert client.post(url, json={"status": "corrected", "changes": {"colour": "red"}}).status_code == 422
    assert client.post("/api/events/no-such-event/review", json={"status": "confirmed"}).status_code == 404


def test_a_correction_is_applied_and_kept_in_the_history(client):
    event = _event_with_place(client)
    response = client.post(
        f"/api/events/{event['id']}/review",
        json={
            "status": "corrected",
            "changes": {"type": "protest", "size": {"dead": {"min": 3, "max": 3}}},
            "note": "the report says protesters, not shelling",
            "reviewer": "analyst-1",
        },
    )
    assert response.status_code == 200, response.text
    corrected = client.get(f"/api/events/{event['id']}").json()
    assert corrected["type"] == "PROTEST" and corrected["size"]["dead"]["min"] == 3
    assert corrected["review"]["status"] == "corrected" and corrected["review"]["reviewer"] == "analyst-1"
    protests = client.get("/api/events", params={"type": "PROTEST", "limit": 500}).json()["items"]
    assert event["id"] in {e["id"] for e in protests}
    client.post(f"/api/events/{event['id']}/review", json={"status": "rejected", "reviewer": "analyst-2"})
    history = client.get(f"/api/events/{event['id']}/reviews").json()["items"]
    assert [r["status"] for r in history] == ["rejected", "corrected"]
    listed = {e["id"] for e in client.get("/api/events", params={"limit": 500}).json()["items"]}
    assert event["id"] not in listed
    with_rejected = client.get("/api/events", params={"limit": 500, "include_rejected": "true"}).json()["items"]
    assert event["id"] in {e["id"] for e in with_rejected}


def test_map_timeline_and_network_views(client):
    points = client.get("/api/map").json()
    assert points["mode"] == "events" and points["items"]
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points["items"])
    cells = client.get("/api/map", params={"limit": 1}).json()
    assert cells["mode"] == "cells" and cells["items"][0]["count"] >= 1 and len(cells["items"][0]["cell"]) == 4
    # Every view counts what the events list counts: canonical events by default, reports on request.
    canonical = client.get("/api/canonical-events", params={"limit": 500}).json()
    reports = client.get("/api/events", params={"limit": 500}).json()
    for view, listed in (("canonical", canonical), ("reports", reports)):
        months = client.get("/api/timeline", params={"granularity": "month", "view": view}).json()
        assert months["items"] and all(len(bucket["period"]) == 7 for bucket in months["items"])
        counted = sum(bucket["total"] + bucket["spanning"] + bucket["not_happened"] for bucket in months["items"])
        assert counted + months["undated"] + months["implausible"] == listed["total"], view
        drawn = client.get("/api/map", params={"view": view}).json()
        with_point = [item for item in listed["items"] if item.get("lat") is not None]
        assert drawn["events"] + drawn["country_level"] == len(with_point), view
    assert (
        client.get("/api/map").json()["events"] == client.get("/api/map", params={"view": "canonical"}).json()["events"]
    )
    assert canonical["total"] < reports["total"]  # sources of one event are drawn once
    network = client.get("/api/network", params={"basis": "sentences"}).json()
    node_ids = {node["id"] for node in network["nodes"]}
    assert network["edges"] and all(e["source"] in node_ids and e["target"] in node_ids for e in network["edges"])


def test_exports_follow_the_filter(client):
    response = client.get("/api/export", params={"format": "acled", "type": "ASSAULT"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {row["plover_type"] for row in rows} == {"ASSAULT"}
    lines = client.get("/api/export", params={"format": "plover", "doc": HOSTILE_ID}).text.splitlines()
    assert lines and all(json.loads(line)["id"].startswith(HOSTILE_ID) for line in lines)
    geojson = client.get("/api/export", params={"format": "geojson"}).json()
    assert geojson["type"] == "FeatureCollection" and geojson["features"]


def test_every_page_has_the_csp_and_renders(client):
    for path in (
        "/",
        "/documents",
        f"/documents/{HOSTILE_ID}",
        "/events",
        "/map",
        "/timeline",
        "/network",
        "/actors",
        "/places",
        "/review",
        "/api",
        "/api/events",
        "/static/js/common.js",
        "/static/css/types.css",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/openapi.json").json()["paths"]["/api/events"]


def test_event_type_colours_are_served_from_the_registry(client):
    from polemos.codes import event_types

    response = client.get("/static/css/types.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    for kind in event_types().values():
        assert f".t-{kind.name} {{ background: {kind.colour}; }}" in response.text
    assert '<link rel="stylesheet" href="/static/css/types.css">' in client.get("/events").text


def test_article_markup_is_shown_as_text(client):
    for path in (f"/documents/{HOSTILE_ID}", "/documents", "/events", "/review", "/"):
        page = client.get(path).text
        assert HOSTILE_SCRIPT not in page and "<img src=x" not in page, path
    reader = client.get(f"/documents/{HOSTILE_ID}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reader
    assert "&lt;img src=x onerror=alert(2)&gt;" in reader
    assert 'href="javascript:' not in reader
    assert "<script" not in reader.replace('<script src="/static/', "")


def test_the_loopback_server_refuses_foreign_host_names(client):
    response = client.get("/api/events", headers={"Host": "attacker.example"})
    assert response.status_code == 421
    event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    cross_site = client.post(
        f"/api/events/{event_id}/review", json={"status": "confirmed"}, headers={"Origin": "https://attacker.example"}
    )
    assert cross_site.status_code == 403


def test_beyond_loopback_writes_need_the_token(tmp_path_factory):
    db = copy_store(demo_store(tmp_path_factory), tmp_path_factory.mktemp("token"))
    server = Server(db, host="0.0.0.0", env={"POLEMOS_TOKEN": "s3cret-token"})
    try:
        with httpx.Client(base_url=server.base, timeout=30) as client:
            event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
            url = f"/api/events/{event_id}/review"
            assert client.post(url, json={"status": "confirmed"}).status_code == 401
            assert (
                client.post(url, json={"status": "confirmed"}, headers={"Authorization": "Bearer wrong"}).status_code
                == 401
            )
            allowed = client.post(url, json={"status": "confirmed"}, headers={"Authorization": "Bearer s3cret-token"})
            assert allowed.status_code == 200 and allowed.json()["review"]["status"] == "confirmed"
            assert client.get("/api/events").status_code == 200  # reads stay open without --private
    finally:
        server.stop()


def test_a_private_server_needs_the_token_to_read(tmp_path_factory):
    db = copy_store(demo_store(tmp_path_factory), tmp_path_factory.mktemp("private"))
    server = Server(db, extra=("--private",), env={"POLEMOS_TOKEN": "s3cret-token"})
    try:
        with httpx.Client(base_url=server.base, timeout=30) as client:
            assert client.get("/api/events").status_code == 401
            assert client.get("/events").status_code == 401
            assert client.get("/static/css/types.css").status_code == 200  # the login page wears it too
            assert client.get("/api/events", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
            assert client.post("/login", data={"token": "wrong"}).status_code == 401
            signed_in = client.post("/login", data={"token": "s3cret-token"})
            assert signed_in.status_code in (200, 303)
            assert client.get("/events").status_code == 200  # the cookie now lets the browser read
            event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
            refused = client.post(f"/api/events/{event_id}/review", json={"status": "confirmed"})
            assert refused.status_code == 401  # but never write: that needs the header
    finally:
        server.stop()


def test_canonical_events_list_their_sources(client):
    reports = client.get("/api/events", params={"limit": 500}).json()
    canonical = client.get("/api/canonical-events", params={"limit": 500}).json()
    assert 0 < canonical["total"] <= reports["total"]
    assert sum(item["report_count"] for item in canonical["items"]) <= reports["total"]
    report_ids = {event["id"] for event in reports["items"]}
    for item in canonical["items"]:
        assert item["source_count"] == len({source["doc_id"] for source in item["sources"]})
        assert all(source["report_id"] in report_ids and source["evidence"] for source in item["sources"])
    first = canonical["items"][0]
    assert client.get(f"/api/canonical-events/{first['id']}").json()["sources"] == first["sources"]
    assert client.get("/api/canonical-events/ce-no-such").status_code == 404
    assaults = client.get("/api/canonical-events", params={"type": "ASSAULT"}).json()["items"]
    assert assaults and {item["type"] for item in assaults} == {"ASSAULT"}
    hostile = client.get("/api/canonical-events", params={"doc": HOSTILE_ID}).json()["items"]
    assert hostile and all(HOSTILE_ID in {s["doc_id"] for s in item["sources"]} for item in hostile)


def test_events_sort_and_review_filters(client):
    by_date = client.get("/api/events", params={"limit": 500, "sort": "date"}).json()["items"]
    begins = [event["date"]["begin"] for event in by_date if event.get("date") and event["date"].get("begin")]
    assert begins == sorted(begins)
    assert client.get("/api/events", params={"sort": "colour"}).status_code == 422
    assert client.get("/api/canonical-events", params={"sort": "-sources"}).status_code == 200
    assert client.get("/api/events", params={"review": "liked"}).status_code == 422
    unreviewed = client.get("/api/events", params={"review": "unreviewed", "limit": 500}).json()["items"]
    assert unreviewed and all(event["review"] is None for event in unreviewed)


def test_the_events_page_shows_canonical_events_and_reports_on_request(client):
    canonical = client.get("/events").text
    assert 'class="data events-table canonical-table"' in canonical and 'href="/canonical/ce-' in canonical
    assert "Reports per document" in canonical
    reports = client.get("/events", params={"view": "reports"}).text
    assert "canonical-table" not in reports and 'href="/events/' in reports
    canonical_id = client.get("/api/canonical-events", params={"sort": "-sources"}).json()["items"][0]["id"]
    detail = client.get(f"/canonical/{canonical_id}").text
    assert detail.count('class="source"') >= 1 and 'class="to-reader" href="/documents/' in detail
    assert client.get("/events", params={"sort": "colour"}).status_code == 422


def test_canonical_exports_have_one_row_per_canonical_event(client):
    total = client.get("/api/canonical-events").json()["total"]
    response = client.get("/api/export", params={"format": "acled", "canonical": "true", "all_types": "true"})
    assert response.status_code == 200 and "polemos-canonical-events" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total and all(row["event_id_cnty"].startswith("ce-") for row in rows)
    coded = list(
        csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "acled", "canonical": "true"}).text))
    )
    assert coded and all(row["event_type"] for row in coded)  # by default only what ACLED codes
    assert len(coded) == sum(1 for row in rows if row["event_type"])


# Who did what to whom in the network test: (actors, recipients, type). The ARM.MIL -> AZE.MIL
# link has three events of two types; an event with two actors makes two links; a self-link
# (an actor that is its own recipient) is no link.
NETWORK_EVENTS = [
    (["ARM.MIL"], ["AZE.MIL"], "ASSAULT"),
    (["ARM.MIL"], ["AZE.MIL"], "COERCE"),
    (["ARM.MIL"], ["AZE.MIL"], "ASSAULT"),
    (["AZE.MIL", "RUS.MIL"], ["ARM.MIL"], "ASSAULT"),
    (["RUS.MIL"], ["ARM.MIL"], "PROTEST"),
    (["ARM.MIL"], ["ARM.MIL", "RUS.MIL"], "THREATEN"),
]


def _network_record() -> ExtractionRecord:
    names = {"ARM.MIL": "Armenian forces", "AZE.MIL": "Azerbaijani forces", "RUS.MIL": "Russian peacekeepers"}
    text, sentences, events = "", [], []
    for index, (actor_ids, recipient_ids, type_) in enumerate(NETWORK_EVENTS):
        sentence = f"{names[actor_ids[0]]} and others clashed near Lachin on day {index}. "
        sentences.append(Sentence(len(text), len(text) + len(sentence) - 1))
        events.append(
            Event(
                id=f"e{index}",
                type=type_,
                actor=actor_ids,
                recipient=recipient_ids,
                evidence=[Evidence(sentence.strip(), len(text), len(text) + len(sentence) - 1)],
                confidence=0.9,
            )
        )
        text += sentence
    actors = [
        Actor(actor_id, name, "state", "MIL", actor_id[:3], mentions=[Mention(name, 0, len(name), 0)])
        for actor_id, name in names.items()
    ]
    return ExtractionRecord(
        document=DocumentInfo(id="network-doc", title="Clashes", content_hash="network"),
        text=text,
        sentences=sentences,
        actors=actors,
        events=events,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def network_store(request, tmp_path):
    location = str(tmp_path / "network.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(location) as store:
        store.add(_network_record())
        yield store


def _links(network: dict) -> list[tuple]:
    return [(edge["source"], edge["target"], edge["events"], edge["types"]) for edge in network["edges"]]


def test_the_event_network_counts_each_link_by_its_events_and_types(network_store):
    network = report_network(network_store, EventFilter(), limit=10)
    assert _links(network) == [
        ("ARM.MIL", "AZE.MIL", 3, ["ASSAULT", "COERCE"]),
        ("RUS.MIL", "ARM.MIL", 2, ["ASSAULT", "PROTEST"]),
        ("ARM.MIL", "RUS.MIL", 1, ["THREATEN"]),
        ("AZE.MIL", "ARM.MIL", 1, ["ASSAULT"]),
    ]
    assert [node["id"] for node in network["nodes"]] == ["ARM.MIL", "AZE.MIL", "RUS.MIL"]  # ordered by name
    assert _links(report_network(network_store, EventFilter(), limit=2))[1][:2] == ("RUS.MIL", "ARM.MIL")
    assert _links(report_network(network_store, EventFilter(type="ASSAULT"), limit=10)) == [
        ("ARM.MIL", "AZE.MIL", 2, ["ASSAULT"]),
        ("AZE.MIL", "ARM.MIL", 1, ["ASSAULT"]),
        ("RUS.MIL", "ARM.MIL", 1, ["ASSAULT"]),
    ]
    assert _links(report_network(network_store, EventFilter(doc="network-doc"), limit=10)) == _links(network)
    assert _links(report_network(network_store, EventFilter(actor="RUS.MIL"), limit=10)) == [
        ("RUS.MIL", "ARM.MIL", 2, ["ASSAULT", "PROTEST"]),
        ("ARM.MIL", "RUS.MIL", 1, ["THREATEN"]),
        ("AZE.MIL", "ARM.MIL", 1, ["ASSAULT"]),
    ]
    assert report_network(network_store, EventFilter(since="2020-01-01"), limit=10)["edges"] == []  # no event is dated


def test_the_event_network_follows_reviews(network_store):
    protest = network_store.events(EventFilter(type="PROTEST"))[0][0].id
    coerce = network_store.events(EventFilter(type="COERCE"))[0][0].id
    network_store.review_event(protest, "rejected")
    network_store.review_event(coerce, "corrected", {"type": "ASSAULT"})
    links = _links(report_network(network_store, EventFilter(), limit=10))
    assert ("ARM.MIL", "AZE.MIL", 3, ["ASSAULT"]) in links and ("RUS.MIL", "ARM.MIL", 1, ["ASSAULT"]) in links
    with_rejected = _links(report_network(network_store, EventFilter(include_rejected=True), limit=10))
    assert ("RUS.MIL", "ARM.MIL", 2, ["ASSAULT", "PROTEST"]) in with_rejected


def test_filters_and_formats_are_named_as_in_the_cli(client):
    unknown_type = client.get("/api/events", params={"type": "ATTACK"})
    assert (
        unknown_type.status_code == 422 and "not a PLOVER type" in unknown_type.text and "ASSAULT" in unknown_type.text
    )
    unknown_acled = client.get("/api/events", params={"acled": "War"})
    assert unknown_acled.status_code == 422 and "Riots" in unknown_acled.text
    unknown_format = client.get("/api/export", params={"format": "xml"})
    assert unknown_format.status_code == 422 and "plover-jsonl, acled-csv, geojson, parquet" in unknown_format.text
    battles = client.get("/api/events", params={"acled": "battles", "limit": 500}).json()
    assert battles["total"] > 0 and {event["acled"]["event_type"] for event in battles["items"]} == {"Battles"}
    exported = client.get("/api/export", params={"format": "acled-csv", "acled": "Battles"})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert exported.text.count("\n") == battles["total"] + 1  # the header and one row per listed event
    month = client.get("/api/events", params={"since": "2023-09", "until": "2023-09", "limit": 500}).json()
    assert month["items"] and all("2023-09" <= event["date"]["begin"][:7] <= "2023-09" for event in month["items"])


def test_the_timeline_shows_gaps_and_keeps_impossible_years_off_the_axis(tmp_path):
    from made_up_records import karabakh_record

    db = str(tmp_path / "t.db")
    with open_store(db) as store:
        record = karabakh_record()
        record.events[0].date = {"value": "1230", "begin": "1230-01-01", "end": "1230-12-31", "precision": "year"}
        record.events[1].date = {"value": "2023-12-02", "begin": "2023-12-02", "end": "2023-12-02", "precision": "day"}
        store.add(record)
        second = karabakh_record()
        second.document.id, second.document.content_hash = "kar-2", "hash-kar-2"
        second.events = second.events[1:]
        second.events[0].date = {"value": "2023-09-02", "begin": "2023-09-02", "end": "2023-09-02", "precision": "day"}
        store.add(second)
        months = queries.timeline(store, EventFilter(), "month", 500, 0, view="reports")
    assert [bucket["period"] for bucket in months["items"]] == ["2023-09", "2023-10", "2023-11", "2023-12"]
    assert [bucket["total"] for bucket in months["items"]] == [1, 0, 0, 1]
    assert months["implausible"] == 1


def test_a_bad_filter_on_a_page_shows_the_form_again_with_its_message(client):
    answer = client.get(
        "/events", params={"type": "ATTACK", "actor": "Azerbaijan", "since": "2023-09"}, headers={"accept": "text/html"}
    )
    assert answer.status_code == 422
    page = answer.text
    assert "is not a PLOVER type" in page and "ASSAULT" in page  # what is wrong, and the choices
    assert 'value="Azerbaijan"' in page and 'value="2023-09"' in page  # the rest of the form as typed
    assert '<form class="filters"' in page
    timeline = client.get("/timeline", params={"since": "March"}, headers={"accept": "text/html"})
    assert timeline.status_code == 422 and "not a date" in timeline.text and 'value="March"' in timeline.text


def test_a_network_link_counts_its_events_by_type(client):
    network = client.get("/api/network").json()
    assert network["edges"]
    for edge in network["edges"]:
        assert sum(edge["type_counts"].values()) == edge["events"] and sorted(edge["type_counts"]) == edge["types"]


def test_trends_flag_an_unusual_rise_against_the_months_before(tmp_path):
    from made_up_records import karabakh_record

    db = str(tmp_path / "trends.db")
    with open_store(db) as store:

        def add(number: int, day: str) -> None:
            record = karabakh_record()
            record.document.id, record.document.content_hash = f"doc-{number}", f"hash-{number}"
            record.events = record.events[:1]
            record.events[0].date = {"value": day, "begin": day, "end": day, "precision": "day"}
            record.places[0].lat += number  # each its own incident: nothing fuses
            store.add(record)

        number = 0
        for month in range(1, 9):  # one event a month, January to August
            number += 1
            add(number, f"2023-{month:02d}-10")
        for day in range(1, 7):  # then six in September
            number += 1
            add(number, f"2023-09-{day:02d}")
        answer = queries.trends(store, EventFilter(), "month", 8, view="reports")
    assert answer["period"] == "2023-09" and answer["baseline"][0] == "2023-01" and len(answer["baseline"]) == 8
    (row,) = answer["items"]
    assert row["events"] == 6 and row["baseline_mean"] == 1.0 and row["unusual"]
    assert "standard deviations" in answer["rule"]


def test_an_actor_id_names_that_actor_alone_not_every_name_holding_it(client):
    """ "ARM" is in the name "Armenia (civilians)": filtered by the id, the list holds Armenia's own
    events, as many as the actors list counts for it, and its page says so; a name still finds
    every actor so called."""
    counted = {
        actor["id"]: actor["events"] for actor in client.get("/api/actors", params={"limit": 500}).json()["items"]
    }
    own = client.get("/api/events", params={"actor": "ARM", "limit": 500}).json()
    assert own["total"] == counted["ARM"]
    assert all("ARM" in event["actor"] + event["recipient"] for event in own["items"])
    assert f"all {counted['ARM']} event" in client.get("/actors/ARM").text
    by_name = client.get("/api/events", params={"actor": "Armenia", "limit": 500}).json()
    assert by_name["total"] > own["total"]


def test_a_report_corrected_to_another_actor_is_that_actors_event_everywhere(client):
    """The actor filter, the canonical events', the actor's page and the actors' counts follow a
    correction of who acted, not the extraction it replaced."""

    def ids(path="/api/events", **filters) -> set[str]:
        return {item["id"] for item in client.get(path, params={**filters, "limit": 500}).json()["items"]}

    def counted() -> dict:
        return {
            actor["id"]: actor["events"] for actor in client.get("/api/actors", params={"limit": 500}).json()["items"]
        }

    before = counted()
    event = next(
        e
        for e in client.get("/api/events", params={"actor": "AZE", "limit": 500}).json()["items"]
        if e["actor"] == ["AZE"] and "AZE" not in e["recipient"] and "unsc" not in e["recipient"]
    )
    assert event["id"] not in ids(actor="unsc")
    saved = client.post(
        f"/api/events/{event['id']}/review",
        json={"status": "corrected", "changes": {"actors": ["United Nations Security Council"]}},
    )
    assert saved.status_code == 200, saved.text
    assert event["id"] in ids(actor="unsc") and event["id"] not in ids(actor="AZE")
    canonical = client.get("/api/canonical-events", params={"actor": "unsc", "limit": 500}).json()["items"]
    assert any(event["id"] in {source["report_id"] for source in item["sources"]} for item in canonical)
    after = counted()
    assert (after["unsc"], after["AZE"]) == (before["unsc"] + 1, before["AZE"] - 1)
    assert f"event-{event['id']}" in client.get("/actors/unsc").text


def test_a_report_is_corrected_to_a_place_by_name_its_documents_or_the_gazetteers(client):
    event = _event_with_place(client)
    review = f"/api/events/{event['id']}/review"
    record = client.get(f"/api/documents/{event['doc_id']}").json()
    other = next(place for place in record["places"] if (place["name"] or place["text"]) != event["place_name"])
    moved = client.post(
        review, json={"status": "corrected", "changes": {"place": other["name"] or other["text"]}}
    ).json()
    assert moved["event"]["place_name"] == (other["name"] or other["text"])
    assert isinstance(moved["review"]["changes"]["place"], int)  # one its document names: kept by its index
    far = client.post(
        review, json={"status": "corrected", "changes": {"place": "Springfield (Massachusetts, USA)"}}
    ).json()
    assert (far["event"]["place_name"], far["event"]["country"]) == ("Springfield", "USA")
    assert round(far["event"]["lat"]) == 42
    refused = client.post(review, json={"status": "corrected", "changes": {"place": "Atlantis beneath the sea"}})
    assert refused.status_code == 422 and "nor has the gazetteer a place of that name" in refused.json()["error"]
    assert client.get(f"/api/events/{event['id']}").json()["place_name"] == "Springfield"  # the refusal changed nothing


def test_a_canonical_event_corrected_to_another_actor_is_that_actors_event_everywhere(client):
    """Correcting who acted in a fused event: the actor filter (canonical events and reports),
    the actor's page and the actors' counts follow it for each of its reports."""

    def ids(path, **filters) -> set[str]:
        return {item["id"] for item in client.get(path, params={**filters, "limit": 500}).json()["items"]}

    def counted() -> dict:
        return {
            actor["id"]: actor["events"] for actor in client.get("/api/actors", params={"limit": 500}).json()["items"]
        }

    before = counted()
    canonical = client.get("/api/canonical-events", params={"limit": 500}).json()["items"]
    event = max(
        (item for item in canonical if item["actor"] and not item.get("review") and "un" not in item["recipient"]),
        key=lambda item: len(item["sources"]),
    )
    reports = {source["report_id"] for source in event["sources"]}
    newcomer = "un"  # the United Nations, named in the demo articles but acting in no event yet
    assert event["id"] not in ids("/api/canonical-events", actor=newcomer) and not reports & ids(
        "/api/events", actor=newcomer
    )
    saved = client.post(
        f"/api/canonical-events/{event['id']}/review", json={"status": "corrected", "changes": {"actors": [newcomer]}}
    )
    assert saved.status_code == 200, saved.text
    assert event["id"] in ids("/api/canonical-events", actor=newcomer)
    assert reports <= ids("/api/events", actor=newcomer)
    assert counted()[newcomer] == before[newcomer] + len(reports)
    page = client.get(f"/actors/{newcomer}").text
    assert all(f"event-{report}" in page for report in reports)


def test_a_reports_corrected_place_is_drawn_on_the_map_there(client):
    event = _event_with_place(client)
    moved = client.post(
        f"/api/events/{event['id']}/review",
        json={"status": "corrected", "changes": {"place": "Springfield (Massachusetts, USA)"}},
    )
    assert moved.status_code == 200, moved.text
    points = {
        point["id"]: point for point in client.get("/api/map", params={"view": "reports", "limit": 500}).json()["items"]
    }
    assert (
        event["id"] in points
        and round(points[event["id"]]["lat"]) == 42
        and points[event["id"]]["place_name"] == "Springfield"
    )
    assert event["id"] in {
        item["id"] for item in client.get("/api/events", params={"country": "USA", "limit": 500}).json()["items"]
    }
