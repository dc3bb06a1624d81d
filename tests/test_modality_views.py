"""Events that did not happen (announced, possible, denied) are marked in every listing and
export, can be filtered by modality, and are never fused with the events that did."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pyarrow.parquet as pq
import pytest

from conftest import run_cli
from made_up_records import modal_record
from polemos.store import EventFilter, open_store
from test_web_support import Server


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "modal.db")
    with open_store(path) as store:
        store.add(modal_record())
    return path


@pytest.fixture()
def empty_store(tmp_path):
    with open_store(str(tmp_path / "empty.db")) as store:
        yield store


def test_the_store_filters_by_modality_and_never_fuses_an_announced_event_with_one_that_happened(empty_store):
    from polemos.store import queries

    store = empty_store
    store.add(modal_record())
    assert store.events(EventFilter(modality="future"))[1] == 1
    assert store.events(EventFilter(modality="future, negated"))[1] == 2
    canonical, total = store.canonical_events(EventFilter())
    assert total == 3  # the announced shelling of the same town and day stands alone
    assert sorted(view.modality for view in canonical) == ["asserted", "future", "negated"]
    (happened,), _ = store.canonical_events(EventFilter(modality="asserted"))
    assert happened.size["dead"].value == 3 and happened.source_count == 1
    with pytest.raises(ValueError, match="modality must be among"):
        EventFilter(modality="rumoured")
    (day,) = queries.timeline(store, EventFilter(), "day", 10, 0)["items"]
    assert (day["total"], day["not_happened"]) == (1, 2)
    assert [type_["events"] for type_ in queries.canonical_type_counts(store, EventFilter(modality="negated"))] == [1]


def test_the_events_command_marks_and_filters_modality(db):
    table = run_cli("events", "--db", db, "--reports").stdout.decode()
    assert "[FUTURE]" in table and "[NEGATED]" in table and "not said to have happened" in table
    canonical = run_cli("events", "--db", db).stdout.decode()
    assert "[FUTURE]" in canonical and "3 of 3 canonical events" in canonical
    only = run_cli("events", "--db", db, "--modality", "asserted").stdout.decode()
    assert "[FUTURE]" not in only and "1 of 1 canonical events" in only and "not said to have happened" not in only
    rows = list(
        csv.DictReader(
            io.StringIO(run_cli("events", "--db", db, "-f", "csv", "--modality", "future,negated").stdout.decode())
        )
    )
    assert sorted(row["modality"] for row in rows) == ["future", "negated"]
    reports = list(csv.DictReader(io.StringIO(run_cli("events", "--db", db, "--reports", "-f", "csv").stdout.decode())))
    assert sorted(row["modality"] for row in reports) == ["asserted", "future", "negated"]
    bad = run_cli("events", "--db", db, "--modality", "rumoured")
    assert bad.returncode == 2 and "modality must be among" in bad.stderr.decode()


@pytest.mark.parametrize("canonical", [False, True])
def test_every_export_marks_modality_and_counts_no_dead_for_what_did_not_happen(db, tmp_path, canonical):
    flag = ["--canonical"] if canonical else []
    plover = [
        json.loads(line)
        for line in run_cli("export", "--db", db, "-f", "plover-jsonl", *flag, "-").stdout.decode().splitlines()
    ]
    assert sorted(record["modality"] for record in plover) == ["asserted", "future", "negated"]

    coded = list(
        csv.DictReader(io.StringIO(run_cli("export", "--db", db, "-f", "acled-csv", *flag, "-").stdout.decode()))
    )
    assert [row["modality"] for row in coded] == ["asserted"]  # ACLED codes only what happened
    rows = {
        row["modality"]: row
        for row in csv.DictReader(
            io.StringIO(run_cli("export", "--db", db, "-f", "acled-csv", "--all-types", *flag, "-").stdout.decode())
        )
    }
    assert rows["asserted"]["fatalities"] == "3" and rows["asserted"]["event_type"] == "Explosions/Remote violence"
    assert rows["future"]["fatalities"] == "" and rows["future"]["event_type"] == ""  # announced: no toll, no type

    geo = json.loads(run_cli("export", "--db", db, "-f", "geojson", *flag, "-").stdout)
    assert sorted(feature["properties"]["modality"] for feature in geo["features"]) == ["asserted", "future", "negated"]

    path = tmp_path / "events.parquet"
    assert run_cli("export", "--db", db, "-f", "parquet", *flag, "--modality", "asserted", str(path)).returncode == 0
    assert [row["modality"] for row in pq.read_table(path).to_pylist()] == ["asserted"]


def test_the_api_and_pages_mark_and_filter_modality(db):
    server = Server(db)
    try:
        with httpx.Client(base_url=server.base, timeout=30) as client:
            future = client.get("/api/events", params={"modality": "future"}).json()
            assert future["total"] == 1 and future["items"][0]["modality"] == "future"
            both = client.get("/api/canonical-events", params={"modality": "future,negated"}).json()
            assert sorted(item["modality"] for item in both["items"]) == ["future", "negated"]
            assert client.get("/api/events", params={"modality": "rumoured"}).status_code == 422
            (day,) = client.get("/api/timeline", params={"granularity": "day"}).json()["items"]
            assert (day["period"], day["total"], day["not_happened"], day["types"]) == (
                "2023-09-19",
                1,
                2,
                {"ASSAULT": 1},
            )
            points = client.get("/api/map", params={"modality": "negated"}).json()["items"]
            assert [point["modality"] for point in points] == ["negated"]
            exported = client.get("/api/export", params={"format": "acled", "modality": "asserted"}).text
            assert [row["modality"] for row in csv.DictReader(io.StringIO(exported))] == ["asserted"]

            page = client.get("/events", params={"view": "reports"}).text
            assert 'class="badge modality modality-future"' in page and 'class="not-happened"' in page
            assert 'data-modality="asserted"' in page
            filtered = client.get("/events", params={"modality": "asserted"}).text
            assert "modality-future" not in filtered and '<option value="asserted" selected>' in filtered
            event_page = client.get(f"/events/{future['items'][0]['id']}").text
            assert "modality-future" in event_page and "not said to have happened" in event_page
    finally:
        errors = server.stop()
    assert "Traceback" not in errors, errors[-3000:]
