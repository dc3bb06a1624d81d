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
        store.review_event(flight.id, "confirmed", note="matches UNHCR figures", reviewer="ana")
    return path


def test_plover_jsonl_follows_the_manual_fields(db):
    result = run_cli("export", "--db", db, "--format", "plover-jsonl", "-")
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 2 and "2 events written" in result.stderr.decode()
    assault = next(r for r in records if r["event"] == ["ASSAULT"])
    assert assault["date"] == "2023-09-19" and assault["mode"] == ["heavy-weapons"]
    assert assault["actor"] == [
        {
            "code": "AZE",
            "sector": "MIL",
            "entity_text": "Azerbaijani military",
            "identifier_id": "AZE.MIL",
            "identifier_text": "Azerbaijani military",
        }
    ]
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
    assert row["event_date"] == "2023-09-19" and row["geo_precision"] == "1"
    assert row["fatalities"] == ""  # no figure reported: unknown, not zero


def test_geojson_and_parquet(db, tmp_path):
    geo = json.loads(run_cli("export", "--db", db, "-f", "geojson", "--near", "39.5,46.3,20", "-").stdout)
    assert [f["properties"]["location"] for f in geo["features"]] == ["Goris"]
    assert geo["features"][0]["geometry"]["coordinates"] == [46.3383, 39.5111]

    path = tmp_path / "events.parquet"
    assert run_cli("export", "--db", db, "-f", "parquet", str(path)).returncode == 0
    table = pq.read_table(path).to_pylist()
    assert sorted(row["plover_type"] for row in table) == ["ASSAULT", "SANCTION"]
    assert table[0]["evidence"][0]["start"] >= 0 and table[0]["evidence"][0]["doc_id"] == "kar"


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
    other.document.published, other.document.url = "2023-09-20", "https://www.second-outlet.example/news/shelling"
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
    reports = run_cli("export", "--db", two_outlets, "-f", "acled-csv", "--all-types", "-")
    assert len(list(csv.DictReader(io.StringIO(reports.stdout.decode())))) == 3
    canonical = run_cli("export", "--db", two_outlets, "-f", "acled-csv", "--all-types", "--canonical", "-")
    assert "2 canonical events written" in canonical.stderr.decode()
    rows = {row["plover_type"]: row for row in csv.DictReader(io.StringIO(canonical.stdout.decode()))}
    # The outlet by its domain (the first document has no URL), never a document id or title.
    assert rows["ASSAULT"]["fatalities"] == "2" and rows["ASSAULT"]["source"] == "second-outlet.example"
    assert rows["ASSAULT"]["doc_ids"] == "kar2; kar"
    assert rows["ASSAULT"]["event_type"] == "Explosions/Remote violence"
    plover = [
        json.loads(line)
        for line in run_cli("export", "--db", two_outlets, "-f", "plover-jsonl", "--canonical", "-")
        .stdout.decode()
        .splitlines()
    ]
    shelling = next(record for record in plover if record["event"] == ["ASSAULT"])
    assert len(shelling["event_text"]) == 2 and shelling["size"]["dead"]["max"] == 3
    path = tmp_path / "canonical.parquet"
    assert run_cli("export", "--db", two_outlets, "-f", "parquet", "--canonical", str(path)).returncode == 0
    assert sorted(row["plover_type"] for row in pq.read_table(path).to_pylist()) == ["ASSAULT", "SANCTION"]
    geo = json.loads(
        run_cli("export", "--db", two_outlets, "-f", "geojson", "--canonical", "--near", "39.8,46.75,5", "-").stdout
    )
    assert [feature["properties"]["location"] for feature in geo["features"]] == ["Stepanakert"]


def _csv_rows(result, key: str) -> dict[str, dict[str, str]]:
    assert result.returncode == 0, result.stderr.decode()
    return {row[key]: row for row in csv.DictReader(io.StringIO(result.stdout.decode()))}


@pytest.mark.parametrize("canonical", [False, True])
def test_the_events_csv_and_the_csv_export_agree_on_each_event(two_outlets, canonical):
    """Someone who lists events as CSV and then exports them finds the same values for the same
    event under each pair of column names (``id`` and ``event_id_cnty``, ``place`` and ``location``...)."""
    from polemos.export.acled import FROM_FLAT_ROW

    kind = ["--canonical"] if canonical else []
    listed = _csv_rows(run_cli("events", "--db", two_outlets, "-f", "csv", *([] if canonical else ["--reports"])), "id")
    exported = _csv_rows(
        run_cli("export", "--db", two_outlets, "-f", "acled-csv", "--all-types", *kind, "-"), "event_id_cnty"
    )
    assert listed.keys() == exported.keys() and len(listed) == (2 if canonical else 3)
    for event_id, row in exported.items():
        shown = listed[event_id]
        shared = {column: flat for column, flat in FROM_FLAT_ROW.items() if flat in shown}
        assert {"plover_type", "plover_mode", "modality", "location", "latitude", "review_status"} <= shared.keys()
        if canonical:
            # Known difference: a canonical event's export row takes its reports' latest review
            # when the canonical event has none of its own; the listing shows only its own.
            shared.pop("review_status")
        assert {column: row[column] for column in shared} == {column: shown[flat] for column, flat in shared.items()}
        assert "; ".join(filter(None, (row["actor1"], row["assoc_actor_1"]))) == shown["actors"]
        if not canonical:
            assert row["notes"] == shown["evidence"] and row["event_type"] == shown["acled_event_type"]
    sanction = next(event_id for event_id, row in listed.items() if row["type"] == "SANCTION")
    assert exported[sanction]["review_status"] == "confirmed"


def test_the_cli_refuses_unknown_names_and_reads_partial_dates_as_the_web_does(db, tmp_path):
    unknown_type = run_cli("events", "--db", db, "--type", "ATTACK")
    assert unknown_type.returncode == 2
    assert "'ATTACK' is not a PLOVER type" in unknown_type.stderr.decode() and "ASSAULT" in unknown_type.stderr.decode()
    unknown_acled = run_cli("events", "--db", db, "--acled", "War")
    assert unknown_acled.returncode == 2 and "Riots" in unknown_acled.stderr.decode()
    unknown_format = run_cli("export", "--db", db, "-f", "xml", "-")
    assert unknown_format.returncode == 2 and "plover-jsonl" in unknown_format.stderr.decode()
    not_a_month = run_cli("events", "--db", db, "--since", "2023-13")
    assert not_a_month.returncode == 2 and "not a calendar date" in not_a_month.stderr.decode()

    september = run_cli("events", "--db", db, "--reports", "-f", "jsonl", "--since", "2023-09", "--until", "2023-09")
    assert sorted(json.loads(line)["type"] for line in september.stdout.decode().splitlines()) == [
        "ASSAULT",
        "SANCTION",
    ]
    october = run_cli("events", "--db", db, "--reports", "-f", "json", "--since", "2023-10")
    assert october.stdout.decode() == ""
    shelling = run_cli("events", "--db", db, "--reports", "-f", "json", "--acled", "shelling/artillery/missile attack")
    assert [json.loads(line)["type"] for line in shelling.stdout.decode().splitlines()] == ["ASSAULT"]
    by_event_type = run_cli("export", "--db", db, "-f", "acled-csv", "--acled", "explosions/remote violence", "-")
    assert [row["sub_event_type"] for row in csv.DictReader(io.StringIO(by_event_type.stdout.decode()))] == [
        "Shelling/artillery/missile attack"
    ]


def test_version_and_documents_search(db, tmp_path):
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("polemos ")
    untitled = tmp_path / "wire.jsonl"
    untitled.write_text(
        json.dumps(
            {
                "id": "w1",
                "text": "Militia fighters burned the market of Gadal on Sunday. Traders said the fire"
                " spread to the grain stores before the rain put it out.",
            }
        )
        + "\n"
    )
    assert run_cli("ingest", "--db", db, "--stages", "clean", str(untitled)).returncode == 0
    listed = run_cli("documents", "--db", db, "-f", "json")
    titles = {row["id"]: row["title"] for row in map(json.loads, listed.stdout.decode().splitlines())}
    assert titles["kar"] == "Karabakh"
    assert titles["w1"] == "Militia fighters burned the market of Gadal on Sunday."  # its first line, not "(untitled)"
    found = run_cli("documents", "--db", db, "--search", "gadal", "-f", "csv")
    assert [row["id"] for row in csv.DictReader(io.StringIO(found.stdout.decode()))] == ["w1"]
    assert run_cli("documents", "--db", db, "-f", "yaml").returncode == 2


def test_events_by_country_and_place_name(db):
    in_azerbaijan = run_cli("events", "--db", db, "--reports", "-f", "json", "--country", "aze")
    assert {json.loads(line)["country"] for line in in_azerbaijan.stdout.decode().splitlines()} == {"AZE"}
    at_stepanakert = run_cli("events", "--db", db, "--reports", "-f", "json", "--place", "stepan")
    assert [json.loads(line)["type"] for line in at_stepanakert.stdout.decode().splitlines()] == ["ASSAULT"]
    nowhere = run_cli("events", "--db", db, "--reports", "-f", "json", "--place", "Kharkiv")
    assert nowhere.stdout.decode() == ""
    bad = run_cli("events", "--db", db, "--country", "Azerbaijan")
    assert bad.returncode == 2 and "ISO 3166 alpha-3" in bad.stderr.decode()
