"""Exports of stored events: PLOVER JSON Lines, ACLED-style CSV, GeoJSON and Parquet, through the CLI."""

from __future__ import annotations

import copy
import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from conftest import run_cli
from made_up_records import karabakh_record
from polemos.store import EventFilter, open_store


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "p.db")
    with open_store(path) as store:
        store.add(karabakh_record())
        (flight,), _ = store.events(EventFilter(type="SANCTION"))
        store.review_event(flight["id"], "confirmed", note="matches UNHCR figures", reviewer="ana")
    return path


def test_plover_jsonl_follows_the_manual_fields(db):
    result = run_cli("export", "--db", db, "--format", "plover-jsonl", "-")
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 2 and "2 events written" in result.stderr.decode()
    assault = next(r for r in records if r["event"] == ["ASSAULT"])
    assert assault["date"] == "2023-09-19" and assault["mode"] == ["heavy-weapons"]
    assert assault["actor"] == [{"code": "AZE", "sector": "MIL", "entity_text": "Azerbaijani military",
                                 "identifier_id": "AZE.MIL", "identifier_text": "Azerbaijani military"}]
    assert assault["event_loc"]["name"] == "Stepanakert"
    assert assault["event_text"][0].startswith("Azerbaijani forces shelled Stepanakert")
    flight = next(r for r in records if r["event"] == ["SANCTION"])
    assert flight["coder"] == "polemos; reviewed confirmed by ana" and flight["comment"] == "matches UNHCR figures"


def test_acled_csv_filtered_like_polemos_events(db, tmp_path):
    out = tmp_path / "events.csv"
    result = run_cli("export", "--db", db, "--format", "acled-csv", "--type", "ASSAULT", str(out))
    assert result.returncode == 0, result.stderr.decode()
    (row,) = list(csv.DictReader(out.open()))
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
    assert row["actor1"] == "Azerbaijani military" and row["location"] == "Stepanakert"
    assert row["event_date"] == "2023-09-19" and row["fatalities"] == "0" and row["geo_precision"] == "1"


def test_geojson_and_parquet(db, tmp_path):
    geo = json.loads(run_cli("export", "--db", db, "-f", "geojson", "--near", "39.5,46.3,20", "-").stdout)
    assert [f["properties"]["location"] for f in geo["features"]] == ["Goris"]
    assert geo["features"][0]["geometry"]["coordinates"] == [46.3383, 39.5111]

    path = tmp_path / "events.parquet"
    assert run_cli("export", "--db", db, "-f", "parquet", str(path)).returncode == 0
    table = pq.read_table(path).to_pylist()
    assert sorted(row["plover_type"] for row in table) == ["ASSAULT", "SANCTION"]
    assert json.loads(table[0]["evidence_json"])[0]["start"] >= 0


def test_events_command_lists_and_refuses_bad_filters(db):
    listed = run_cli("events", "--db", db, "--reports", "--format", "json", "--actor", "Armenian civilians")
    (event,) = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    assert event["type"] == "SANCTION" and event["review"]["status"] == "confirmed"
    table = run_cli("events", "--db", db, "--reports").stdout.decode()
    assert "ASSAULT/heavy-weapons" in table and "2 of 2 event reports" in table
    confirmed = run_cli("events", "--db", db, "--reports", "-f", "csv", "--review", "confirmed").stdout.decode()
    assert [row["type"] for row in csv.DictReader(io.StringIO(confirmed))] == ["SANCTION"]
    bad = run_cli("events", "--db", db, "--near", "north")
    assert bad.returncode == 2 and "expected LAT,LON,KM" in bad.stderr.decode()
    bad_date = run_cli("events", "--db", db, "--since", "yesterday")
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr.decode()
    bad_format = run_cli("export", "--db", db, "-f", "xlsx", "-")
    assert bad_format.returncode == 2
    bad_sort = run_cli("events", "--db", db, "--sort", "colour")
    assert bad_sort.returncode == 2 and "cannot sort by 'colour'" in bad_sort.stderr.decode()


def second_outlet(record):
    """The Stepanakert shelling told by another outlet a day later, with its own death toll."""
    other = copy.deepcopy(record)
    other.document.id, other.document.content_hash, other.document.title = "kar2", "hash-kar2", "Second outlet"
    other.document.published = "2023-09-20"
    other.events = [other.events[0]]
    other.events[0].size = {"dead": {"min": 2, "max": 3, "text": "two or three"}}
    return other


@pytest.fixture()
def two_outlets(db):
    with open_store(db) as store:
        store.add(second_outlet(karabakh_record()))
    return db


def test_events_command_shows_canonical_events_with_their_sources(two_outlets):
    table = run_cli("events", "--db", two_outlets).stdout.decode()
    assert "2 of 2 canonical events" in table and "most conservative" in table
    listed = run_cli("events", "--db", two_outlets, "-f", "json", "--type", "ASSAULT").stdout.decode()
    (shelling,) = [json.loads(line) for line in listed.splitlines()]
    assert shelling["source_count"] == 2 and shelling["place_name"] == "Stepanakert"
    assert shelling["earliest_report"]["doc_id"] == "kar2"
    assert shelling["size"]["dead"]["value"] == 2 and shelling["size"]["dead"]["max"] == 3
    assert {source["doc_id"] for source in shelling["sources"]} == {"kar", "kar2"}
    assert all(source["evidence"][0]["text"].startswith("Azerbaijani forces shelled") for source in shelling["sources"])
    rows = list(csv.DictReader(io.StringIO(run_cli("events", "--db", two_outlets, "-f", "csv").stdout.decode())))
    assert sorted((row["type"], row["sources"]) for row in rows) == [("ASSAULT", "2"), ("SANCTION", "1")]


def test_canonical_export_has_one_row_per_real_event(two_outlets, tmp_path):
    reports = run_cli("export", "--db", two_outlets, "-f", "acled-csv", "-")
    assert len(list(csv.DictReader(io.StringIO(reports.stdout.decode())))) == 3
    canonical = run_cli("export", "--db", two_outlets, "-f", "acled-csv", "--canonical", "-")
    assert "2 canonical events written" in canonical.stderr.decode()
    rows = {row["plover_type"]: row for row in csv.DictReader(io.StringIO(canonical.stdout.decode()))}
    assert rows["ASSAULT"]["fatalities"] == "2" and rows["ASSAULT"]["source"] == "Second outlet; Karabakh"
    assert rows["ASSAULT"]["event_type"] == "Explosions/Remote violence"
    plover = [json.loads(line) for line in run_cli("export", "--db", two_outlets, "-f", "plover-jsonl", "--canonical", "-").stdout.decode().splitlines()]
    shelling = next(record for record in plover if record["event"] == ["ASSAULT"])
    assert len(shelling["event_text"]) == 2 and shelling["size"]["dead"]["max"] == 3
    path = tmp_path / "canonical.parquet"
    assert run_cli("export", "--db", two_outlets, "-f", "parquet", "--canonical", str(path)).returncode == 0
    assert sorted(row["plover_type"] for row in pq.read_table(path).to_pylist()) == ["ASSAULT", "SANCTION"]
    geo = json.loads(run_cli("export", "--db", two_outlets, "-f", "geojson", "--canonical", "--near", "39.8,46.75,5", "-").stdout)
    assert [feature["properties"]["location"] for feature in geo["features"]] == ["Stepanakert"]
