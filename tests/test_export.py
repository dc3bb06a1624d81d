"""Exports of stored events: PLOVER JSON Lines, ACLED-style CSV, GeoJSON and Parquet, through the CLI."""

from __future__ import annotations

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
    listed = run_cli("events", "--db", db, "--format", "json", "--actor", "Armenian civilians")
    (event,) = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    assert event["type"] == "SANCTION" and event["review"]["status"] == "confirmed"
    table = run_cli("events", "--db", db).stdout.decode()
    assert "ASSAULT/heavy-weapons" in table and "2 of 2 events" in table
    bad = run_cli("events", "--db", db, "--near", "north")
    assert bad.returncode == 2 and "expected LAT,LON,KM" in bad.stderr.decode()
    bad_date = run_cli("events", "--db", db, "--since", "yesterday")
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr.decode()
    bad_format = run_cli("export", "--db", db, "-f", "xlsx", "-")
    assert bad_format.returncode == 2
