"""``polemos review``: the workspace's decisions from the command line, run as a user would, on a
SQLite store and on a PostgreSQL server the tests start."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import run_cli
from made_up_records import karabakh_record
from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from polemos.store import open_store
from test_store_fusion import second_outlet


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path) -> str:
    location = str(tmp_path / "p.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(location) as store:
        store.add(karabakh_record())
        store.add(second_outlet())
    return location


def polemos(*args: str) -> str:
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def rows(db: str, *args: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(polemos("events", "--db", db, "--format", "csv", *args))))


def test_correct_confirm_split_and_merge_a_canonical_event_and_read_its_history(db):
    (shelling,) = rows(db, "--type", "ASSAULT")
    said = polemos(
        "review",
        "correct",
        shelling["id"],
        "--db",
        db,
        "--recipient",
        "armenian civilians",
        "--place",
        "Goris",
        "--dead",
        "5-7",
        "--injured",
        "12",
        "--reviewer",
        "ana",
        "--note",
        "per the ministry",
    )
    assert "Goris" in said and "Armenian civilians" in said
    polemos("review", "confirm", shelling["id"], "--db", db, "--reviewer", "ben")
    (corrected,) = rows(db, "--type", "ASSAULT")
    assert corrected["place"] == "Goris" and corrected["review"] == "confirmed"

    moved = rows(db, "--reports", "--doc", "kar2")[0]["id"]
    assert "now in ce-" in polemos("review", "split", moved, "--db", db)
    assert len(rows(db, "--type", "ASSAULT")) == 2
    history = polemos("review", "history", shelling["id"], "--db", db).splitlines()
    assert f"split out: {moved}" in history[0]
    assert "confirmed by ben" in history[1]
    assert (
        "corrected by ana: recipient: Armenian civilians; place: Goris (ARM); dead: 5–7; injured: 12 — per the ministry"
        in history[2]
    )

    first, second = (row["id"] for row in rows(db, "--type", "ASSAULT"))
    assert "2 reports from 2 source(s)" in polemos("review", "merge", first, second, "--db", db)
    with open_store(db) as store:  # the whole store fused again
        store.rebuild_canonical_events()
    assert len(rows(db, "--type", "ASSAULT")) == 1


def test_a_rejected_canonical_event_leaves_the_listing(db):
    (shelling,) = rows(db, "--type", "ASSAULT")
    assert "leaves the listings" in polemos("review", "reject", shelling["id"], "--db", db, "--note", "a drill")
    assert rows(db, "--type", "ASSAULT") == []
    assert "rejected" in polemos("review", "history", shelling["id"], "--db", db)
    polemos("review", "confirm", shelling["id"], "--db", db, "--note", "it did happen")  # restores it
    assert [row["type"] for row in rows(db, "--type", "ASSAULT")] == ["ASSAULT"]


def test_report_corrections_and_actor_merges_take_names(db):
    report = rows(db, "--reports", "--doc", "kar2")[0]["id"]
    polemos("review", "correct", report, "--db", db, "--actor", "Azerbaijani military", "--place", "goris")
    assert "place: Goris" in polemos("review", "history", report, "--db", db)
    said = polemos("review", "merge-actors", "Armenian civilians", "Azerbaijani military", "--db", db)
    assert "is now an alias of AZE.MIL" in said


def test_a_report_is_corrected_to_a_gazetteer_place_its_document_does_not_name(db):
    report = rows(db, "--reports", "--doc", "kar2")[0]["id"]
    said = polemos("review", "correct", report, "--db", db, "--place", "Springfield (Massachusetts, USA)")
    assert "Springfield" in said
    assert "place: Springfield (Massachusetts, USA)" in polemos("review", "history", report, "--db", db)
    done = run_cli("review", "correct", report, "--db", db, "--place", "Atlantis beneath the sea")
    assert done.returncode != 0 and "nor has the gazetteer a place of that name" in done.stderr.decode()


@pytest.mark.parametrize(
    "args, message",
    [
        (("review", "confirm", "ce-nothing"), "ce-nothing: no canonical event or event report has this id"),
        (("review", "merge-actors", "Nobody", "AZE.MIL"), "alias: no stored actor has the id or name 'Nobody'"),
        (("review", "correct", "x", "--dead", "many"), "'many' is not a number or a range"),
    ],
)
def test_mistakes_are_refused_in_one_line(tmp_path, args, message):
    with open_store(str(tmp_path / "p.db")) as store:
        store.add(karabakh_record())
    done = run_cli(*args, "--db", str(tmp_path / "p.db"))
    assert done.returncode != 0 and message in done.stderr.decode()
