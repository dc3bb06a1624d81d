"""Events in the store: filters, full-text search, reviews that survive re-extraction."""

from __future__ import annotations

import copy

import pytest

from made_up_records import karabakh_record as _record
from polemos.store import EventFilter, open_store


@pytest.fixture()
def store(tmp_path):
    with open_store(str(tmp_path / "p.db")) as store:
        store.add(_record())
        yield store


def _types(store, **kwargs):
    items, total = store.events(EventFilter(**kwargs))
    assert total == len(items)
    return sorted(item.type for item in items)


def test_filters_pick_the_right_events(store):
    assert _types(store) == ["ASSAULT", "SANCTION"]
    assert _types(store, type="assault") == ["ASSAULT"]
    assert _types(store, actor="Armenian civilians") == ["SANCTION"]
    assert _types(store, actor="AZE.MIL") == ["ASSAULT", "SANCTION"]
    assert _types(store, since="2023-09-20") == ["SANCTION"]
    assert _types(store, until="2023-09-18") == ["SANCTION"]
    assert _types(store, near=(39.8, 46.75, 10)) == ["ASSAULT"]
    assert _types(store, near=(39.5, 46.3, 500)) == ["ASSAULT", "SANCTION"]
    assert _types(store, q="shelled Stepanakert") == ["ASSAULT"]
    assert _types(store, q='fled" OR "x') == []  # user text is never FTS syntax
    assert _types(store, doc="nope") == []


def test_events_carry_ids_names_places_and_evidence(store):
    (item,), _ = store.events(EventFilter(type="ASSAULT"))
    assert item.id.startswith("kar-") and item.actor_names == ["Azerbaijani military"]
    assert item.location.name == "Stepanakert" and item.evidence[0].text.startswith("Azerbaijani forces shelled")
    assert store.get_record("kar").events[0].id == item.id


def test_a_review_is_applied_everywhere_and_survives_re_extraction(store):
    (assault,), _ = store.events(EventFilter(type="ASSAULT"))
    (flight,), _ = store.events(EventFilter(type="SANCTION"))
    store.review_event(assault.id, "corrected", {"mode": "aerial"}, note="drone footage", reviewer="ana")
    store.review_event(flight.id, "rejected", reviewer="ana")

    fresh = copy.deepcopy(_record())
    fresh.document.id = "kar"
    store.replace_extraction(fresh)

    items, total = store.events()
    assert total == 1 and items[0].mode == "aerial"
    assert items[0].review.status == "corrected" and items[0].review.reviewer == "ana"
    assert _types(store, include_rejected=True) == ["ASSAULT", "SANCTION"]
    assert store.count("events") == 2 and store.count("evidence") == 2


def test_bad_reviews_and_filters_are_refused(store):
    (item,), _ = store.events(EventFilter(type="ASSAULT"))
    with pytest.raises(ValueError, match="review status"):
        store.review_event(item.id, "liked")
    with pytest.raises(ValueError, match="cannot correct"):
        store.review_event(item.id, "corrected", {"text": "x"})
    with pytest.raises(KeyError):
        store.review_event("missing", "confirmed")
    with pytest.raises(ValueError, match="expected LAT,LON,KM"):
        EventFilter.parse_near("north")
