"""The actor network over canonical events: an event told by two outlets is one event on its
link; a link holds only the actor → recipient pairs some report states; a store made before
the links were kept gets them when it is upgraded. Run on PostgreSQL too by test_store_postgres."""

from __future__ import annotations

import pytest

from made_up_records import karabakh_record
from polemos.store import EventFilter, open_store
from polemos.store.network import canonical_network, link_events
from polemos.web import queries
from test_store_fusion import second_outlet


@pytest.fixture()
def location(tmp_path) -> str:
    return str(tmp_path / "n.db")


def _two_outlets() -> tuple:
    """The Stepanakert shelling, its civilians named as the recipients, told by two outlets."""
    first = karabakh_record()
    first.events[0].recipient = ["ARM.CVL"]
    return first, second_outlet(first)


def _links(store) -> list[tuple]:
    return sorted(tuple(row) for row in store.connection.execute("SELECT canonical_id, source, target, type FROM canonical_links"))


def test_a_link_counts_each_real_event_once_and_lists_it(location):
    with open_store(location) as store:
        for record in _two_outlets():
            store.add(record)
        canonical = canonical_network(store, EventFilter(), 100)
        reports = queries.network(store, EventFilter(), 100)
        shelling = next(e for e in canonical["edges"] if "ASSAULT" in e["types"])
        told_twice = next(e for e in reports["edges"] if (e["source"], e["target"]) == (shelling["source"], shelling["target"]))
        assert told_twice["type_counts"]["ASSAULT"] == 2 and shelling["type_counts"]["ASSAULT"] == 1  # two outlets, one shelling
        assert shelling["events"] == told_twice["events"] - 1
        assert {node["id"] for node in canonical["nodes"]} == {e["source"] for e in canonical["edges"]} | {e["target"] for e in canonical["edges"]}
        items, total = link_events(store, EventFilter(), shelling["source"], shelling["target"], 10)
        assert total == shelling["events"] and {item["type"] for item in items} == set(shelling["types"])
        assert next(item for item in items if item["type"] == "ASSAULT")["sources"] == 2
        sanctions = canonical_network(store, EventFilter(type="SANCTION"), 100)["edges"]
        assert sanctions and all(e["types"] == ["SANCTION"] for e in sanctions)
        assert canonical_network(store, EventFilter(since="2030"), 100)["edges"] == []
        for edge in canonical["edges"]:  # every pair is one a report states
            assert any((edge["source"], edge["target"]) == (e["source"], e["target"]) for e in reports["edges"])


def test_a_store_made_before_the_links_were_kept_gets_them_when_upgraded(location):
    with open_store(location) as store:
        for record in _two_outlets():
            store.add(record)
        expected = _links(store)
    assert expected
    with open_store(location) as store, store.transaction():
        store.connection.execute("DROP TABLE canonical_links")
        store.connection.execute("DROP INDEX canonical_events_areas")
        store.connection.execute("DELETE FROM schema_migrations WHERE version = 10")
    with open_store(location) as upgraded:
        assert _links(upgraded) == expected
