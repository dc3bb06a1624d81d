"""The review API of canonical events and actors over a real server process, and the actor
page's figures on SQLite and PostgreSQL: refusals name what is wrong, decisions come back with
the event as it now is and a history in words."""

from __future__ import annotations

import pytest

from made_up_records import karabakh_record
from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from polemos.store import EventFilter, open_store
from polemos.store.actor_profile import events_by_month, top_counterparts
from test_store_fusion import second_outlet
from test_web_support import two_outlets_client

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    yield from two_outlets_client(tmp_path_factory, "review-api")


def shelling(client) -> dict:
    return client.get("/api/canonical-events", params={"type": "ASSAULT"}).json()["items"][0]


def test_refusals_name_what_is_wrong_and_change_nothing(client):
    event = shelling(client)
    base = f"/api/canonical-events/{event['id']}"
    assert client.post("/api/canonical-events/ce-nothing/review", json={"status": "confirmed"}).status_code == 404
    refused = client.post(
        base + "/review", json={"status": "corrected", "changes": {"place": "Atlantis beneath the sea"}}
    )
    assert (
        refused.status_code == 422 and "no stored place is named 'Atlantis beneath the sea'" in refused.json()["error"]
    )
    refused = client.post(base + "/review", json={"status": "corrected", "changes": {"actors": ["Nobody"]}})
    assert "no stored actor has the id or name 'Nobody'" in refused.json()["error"]
    refused = client.post(base + "/split", json={"report_id": "kar-nothing"})
    assert refused.status_code == 422 and "is not a source of" in refused.json()["error"]
    assert client.post(base + "/merge", json={"other": event["id"]}).status_code == 422
    assert client.get(base + "/history").json()["items"] == []


def test_a_correction_answers_with_the_event_and_its_history_in_words(client):
    event = shelling(client)
    answer = client.post(
        f"/api/canonical-events/{event['id']}/review",
        json={
            "status": "corrected",
            "reviewer": "ana",
            "changes": {
                "recipients": ["Armenian civilians"],
                "place": "Goris",
                "size": {"injured": {"min": 12, "max": 12}},
            },
        },
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["canonical"]["recipient_names"] == ["Armenian civilians"] and body["canonical"]["place_name"] == "Goris"
    assert body["history"][0]["lines"] == ["recipient: Armenian civilians", "place: Goris (ARM)", "injured: 12"]
    assert shelling(client)["review"]["status"] == "corrected"  # the listing shows the verdict


def test_a_merge_takes_a_pasted_link_and_a_split_undoes_it(client):
    first = shelling(client)
    other = client.get("/api/canonical-events", params={"type": "SANCTION"}).json()["items"][0]
    merged = client.post(
        f"/api/canonical-events/{first['id']}/merge", json={"other": f"http://127.0.0.1/canonical/{other['id']}"}
    ).json()["canonical"]
    assert merged["report_count"] == 3
    report = next(s["report_id"] for s in merged["sources"] if s["type"] == "SANCTION")
    split = client.post(f"/api/canonical-events/{merged['id']}/split", json={"report_id": report}).json()
    assert split["canonical"]["report_count"] == 2 and split["split_out"]["report_count"] == 1
    lines = [
        line
        for entry in client.get(f"/api/canonical-events/{merged['id']}/history").json()["items"]
        for line in entry["lines"]
    ]
    assert lines[0] == "split out: the report of Karabakh" and lines[1].startswith("merged: ")


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    location = str(tmp_path / "p.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(location) as store:
        store.add(karabakh_record())
        store.add(second_outlet())
        yield store


def test_an_actor_page_counts_its_events_by_month_and_its_counterparts(store):
    assert events_by_month(store.connection, "AZE.MIL") == [{"month": "2023-09", "events": 3}]
    (counterpart,) = top_counterparts(store.connection, "AZE.MIL")
    assert (
        counterpart["name"] == "Armenian civilians" and counterpart["events"] == 1 and counterpart["as_recipient"] == 1
    )
    (report,), _ = store.events(EventFilter(type="SANCTION"))
    store.review_event(report.id, "rejected")
    assert top_counterparts(store.connection, "AZE.MIL") == []  # a rejected event meets no one
