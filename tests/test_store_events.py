"""Events in the store: filters, full-text search, reviews that survive re-extraction."""

from __future__ import annotations

import copy

import pytest

from polemos.record import Actor, DocumentInfo, Event, Evidence, ExtractionRecord, Mention, Place, Sentence
from polemos.store import EventFilter, open_store

TEXT = "Azerbaijani forces shelled Stepanakert on September 19. Thousands fled to Goris."


def _record() -> ExtractionRecord:
    first, second = TEXT.index("Thousands"), len(TEXT)
    return ExtractionRecord(
        document=DocumentInfo(id="kar", title="Karabakh", content_hash="hash-kar", published="2023-09-21"),
        text=TEXT,
        sentences=[Sentence(0, first - 1), Sentence(first, second)],
        actors=[
            Actor("AZE.MIL", "Azerbaijani military", "state", "MIL", "AZE", mentions=[Mention("Azerbaijani forces", 0, 18, 0)]),
            Actor("ARM.CVL", "Armenian civilians", "group", "CVL", "ARM", mentions=[Mention("Thousands", first, first + 9, 1)]),
        ],
        places=[Place("Stepanakert", 27, 38, "Stepanakert", 174875, 39.8153, 46.7519, "AZE", "city", 0),
                Place("Goris", TEXT.index("Goris"), TEXT.index("Goris") + 5, "Goris", 616629, 39.5111, 46.3383, "ARM", "city", 1)],
        events=[
            Event("e1", "ASSAULT", mode="heavy-weapons", actor=["AZE.MIL"], date={"value": "2023-09-19", "begin": "2023-09-19", "end": "2023-09-19", "text": "September 19", "precision": "day"},
                  place=0, evidence=[Evidence(TEXT[: first - 1], 0, first - 1)], trigger="shelled",
                  acled={"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"}),
            Event("e2", "SANCTION", mode="expel", actor=["AZE.MIL"], recipient=["ARM.CVL"], place=1,
                  date={"value": "2023-09", "begin": "2023-09-01", "end": "2023-09-30", "text": None, "precision": "month"},
                  evidence=[Evidence(TEXT[first:], first, second)], trigger="fled"),
        ],
    )


@pytest.fixture()
def store(tmp_path):
    with open_store(str(tmp_path / "p.db")) as store:
        store.add(_record())
        yield store


def _types(store, **kwargs):
    items, total = store.events(EventFilter(**kwargs))
    assert total == len(items)
    return sorted(item["type"] for item in items)


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
    assert item["id"].startswith("kar-") and item["actor_names"] == ["Azerbaijani military"]
    assert item["place_name"] == "Stepanakert" and item["evidence"][0]["text"].startswith("Azerbaijani forces shelled")
    assert store.get_record("kar").events[0].id == item["id"]


def test_a_review_is_applied_everywhere_and_survives_re_extraction(store):
    (assault,), _ = store.events(EventFilter(type="ASSAULT"))
    (flight,), _ = store.events(EventFilter(type="SANCTION"))
    store.review_event(assault["id"], "corrected", {"mode": "aerial"}, note="drone footage", reviewer="ana")
    store.review_event(flight["id"], "rejected", reviewer="ana")

    fresh = copy.deepcopy(_record())
    fresh.document.id = "kar"
    store.replace_extraction(fresh)

    items, total = store.events()
    assert total == 1 and items[0]["mode"] == "aerial"
    assert items[0]["review"]["status"] == "corrected" and items[0]["review"]["reviewer"] == "ana"
    assert _types(store, include_rejected=True) == ["ASSAULT", "SANCTION"]
    assert store.count("events") == 2 and store.count("evidence") == 2


def test_bad_reviews_and_filters_are_refused(store):
    (item,), _ = store.events(EventFilter(type="ASSAULT"))
    with pytest.raises(ValueError, match="review status"):
        store.review_event(item["id"], "liked")
    with pytest.raises(ValueError, match="cannot correct"):
        store.review_event(item["id"], "corrected", {"text": "x"})
    with pytest.raises(KeyError):
        store.review_event("missing", "confirmed")
    with pytest.raises(ValueError, match="expected LAT,LON,KM"):
        EventFilter.parse_near("north")
