"""Canonical events kept in SQLite, and reports read from extraction records and from the store."""

from __future__ import annotations

import copy
import sqlite3

import pytest

from made_up_records import karabakh_record
from polemos.fusion import EventFamilies, FusionIndex, fuse, reports_from_record
from polemos.store.fusion_reports import report_from_event
from polemos.store.fusion_state import SQLFusionState, create_tables
from synthetic_reports import make_corpus
from polemos.store import open_store


@pytest.fixture(scope="module")
def families():
    return EventFamilies.load()


def clusters(views):
    return sorted(sorted(source["report_id"] for source in view["sources"]) for view in views)


def open_state(path):
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    create_tables(connection)
    return connection, SQLFusionState(connection)


def add_in_transaction(index, connection, reports):
    connection.execute("BEGIN")
    changes = index.add(reports)
    connection.execute("COMMIT")
    return changes


def test_an_index_resumed_from_sqlite_continues_where_it_stopped(families, tmp_path):
    corpus = make_corpus(600, seed=3)
    days = sorted({r.published for r in corpus.reports})
    first = [r for r in corpus.reports if r.published <= days[len(days) // 2]]
    rest = [r for r in corpus.reports if r.published > days[len(days) // 2]]
    path = tmp_path / "fusion.db"

    connection, state = open_state(path)
    add_in_transaction(FusionIndex(families, state=state), connection, first)
    connection.close()

    connection, state = open_state(path)  # a later run: nothing loaded but the tables
    resumed = FusionIndex(families, state=state)
    add_in_transaction(resumed, connection, rest)
    in_memory = FusionIndex(families)
    in_memory.add(corpus.reports)
    assert clusters(resumed.canonical_events()) == clusters(in_memory.canonical_events())
    assert resumed.canonical_events() == in_memory.canonical_events()
    assert add_in_transaction(resumed, connection, rest) == []  # the same reports again change nothing

    listed = connection.execute(
        "SELECT COUNT(*), SUM(report_count) FROM canonical_events WHERE view_json IS NOT NULL"
    ).fetchone()
    assert listed == (len(in_memory.canonical_events()), len(corpus.reports))
    connection.close()


def test_removed_reports_leave_the_sqlite_tables(families, tmp_path):
    connection, state = open_state(tmp_path / "fusion.db")
    index = FusionIndex(families, state=state)
    reports = reports_from_record(karabakh_record())
    add_in_transaction(index, connection, reports)
    connection.execute("BEGIN")
    index.remove([r.id for r in reports])
    connection.execute("COMMIT")
    for table in ("canonical_events", "canonical_members", "canonical_keys"):
        assert connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def second_outlet(record):
    """The same shelling told by another outlet, a day later, with another event id."""
    other = copy.deepcopy(record)
    other.document.id, other.document.content_hash, other.document.title = "kar2", "hash-kar2", "Second outlet"
    other.document.published = "2023-09-20"
    other.events = [other.events[0]]
    other.events[0].size = {"dead": {"min": 2, "max": 2, "text": "two"}}
    return other


def test_records_of_two_outlets_fuse_into_one_shelling(families):
    record = karabakh_record()
    views = fuse(reports_from_record(record) + reports_from_record(second_outlet(record)), families)
    shelling = next(view for view in views if view["type"] == "ASSAULT")
    assert shelling["source_count"] == 2 and shelling["place"]["name"] == "Stepanakert"
    assert shelling["actor_names"] == ["Azerbaijani military"]
    assert shelling["earliest_report"]["doc_id"] == "kar2"
    assert shelling["size"]["dead"]["value"] == 2
    assert len(views) == 2  # the exodus to Goris stays its own event


def test_events_as_the_store_returns_them_fuse_the_same_way(families, tmp_path):
    record = karabakh_record()
    with open_store(str(tmp_path / "p.db")) as store:
        store.add(record)
        store.add(second_outlet(record))
        events, _ = store.events(limit=100)
    reports = [report_from_event(event) for event in events]
    assert {r.doc_id for r in reports} == {"kar", "kar2"}
    views = fuse(reports, families)
    assert sorted(view["source_count"] for view in views) == [1, 2]
