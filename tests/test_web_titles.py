"""An untitled document (a bare text file, a JSON Lines line with only a text) is named by the
title the document lists give it, its URL or first line, wherever an event names its source:
the events lists, an event's page, a canonical event's page and the API; never by its id."""

from __future__ import annotations

import re

import httpx
import pytest

from made_up_records import TEXT, karabakh_record
from polemos.store import open_store
from test_store_fusion import second_outlet
from test_web_support import Server

UNTITLED_ID = "29"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    untitled = karabakh_record()
    untitled.document.id, untitled.document.title = UNTITLED_ID, None
    db = str(tmp_path_factory.mktemp("titles") / "t.db")
    with open_store(db) as store:
        store.add(untitled)
        store.add(second_outlet())  # a titled second outlet: the shelling is one event with two sources
    server = Server(db)
    with httpx.Client(base_url=server.base, timeout=30) as client:
        yield client
    assert "Traceback" not in server.stop()


def _named(html: str) -> list[str]:
    """The texts of the links and muted notes that name a source document."""
    return [re.sub(r"\s+", " ", text).strip() for text in re.findall(r'<(?:a|span)[^>]*>([^<]*)</(?:a|span)>', html)]


def test_the_events_lists_and_pages_name_an_untitled_document_by_its_first_line(client):
    first_line = TEXT  # one line, short enough to be the whole title
    for path in ("/events?view=reports", "/events"):
        names = _named(client.get(path).text)
        assert first_line in names, path
        assert UNTITLED_ID not in names, f"{path} names the document by its id"
    reports = client.get("/api/events", params={"limit": 50}).json()["items"]
    report = next(event for event in reports if event["doc_id"] == UNTITLED_ID)
    page = _named(client.get(f"/events/{report['id']}").text)
    assert first_line in page and UNTITLED_ID not in page
    canonical = client.get("/api/canonical-events", params={"limit": 50}).json()["items"]
    shelling = next(item for item in canonical if len(item["sources"]) == 2)
    assert {source["doc_title"] for source in shelling["sources"]} == {first_line, "Second outlet"}
    assert first_line in _named(client.get(f"/canonical/{shelling['id']}").text)
    assert client.get(f"/api/events/{report['id']}").json()["doc_title"] == first_line


def test_a_titled_document_keeps_its_own_title(client):
    reports = client.get("/api/events", params={"limit": 50}).json()["items"]
    assert {event["doc_title"] for event in reports if event["doc_id"] == "kar2"} == {"Second outlet"}
