"""An analyst's decisions on canonical events and actors, on SQLite and on a PostgreSQL server
the tests start: confirm, correct, reject, split a report out, merge two events, merge two
actors; each kept in the history and honoured when the documents are extracted again and when
the whole store is fused again."""

from __future__ import annotations

import copy

import pytest

from made_up_records import karabakh_record
from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from polemos.record import Actor, Mention
from polemos.store import CanonicalView, DecisionError, EventFilter, open_store
from test_store_fusion import second_outlet


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    location = str(tmp_path / "p.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(location) as store:
        store.add(karabakh_record())
        store.add(second_outlet())
        yield store


def canonical(store, **filters) -> list[CanonicalView]:
    items, _ = store.canonical_events(EventFilter(**filters), limit=100)
    return items


def shelling(store) -> CanonicalView:
    (found,) = [view for view in canonical(store) if view.type == "ASSAULT"]
    return found


def report_of(store, doc_id: str, type_: str = "ASSAULT") -> str:
    items, _ = store.events(EventFilter(doc=doc_id, type=type_, include_rejected=True))
    return items[0].id


def again(store) -> None:
    """Everything the machine made, made again: both documents re-extracted, the store re-fused."""
    store.replace_extraction(store.get_record("kar"))
    store.replace_extraction(second_outlet())
    store.rebuild_canonical_events()


def test_a_split_report_stays_out_after_re_extraction_and_re_fusion(store):
    assert shelling(store).source_count == 2
    moved = report_of(store, "kar2")
    result = store.split_report(moved, note="another day's shelling", reviewer="ana")
    assert [s.report_id for s in result["split_out"].sources] == [moved]
    assert sorted(v.source_count for v in canonical(store, type="ASSAULT")) == [1, 1]
    again(store)
    assert sorted(v.source_count for v in canonical(store, type="ASSAULT")) == [1, 1]
    history = store.canonical_history(store.canonical_of(report_of(store, "kar")).id)
    assert history[0]["status"] == "split" and history[0]["changes"] == {"split_out": moved}
    assert history[0]["reviewer"] == "ana"


def test_the_only_report_cannot_be_split_and_unknown_events_are_named(store):
    lone = report_of(store, "kar", "SANCTION")
    with pytest.raises(DecisionError, match="the only report"):
        store.split_report(lone)
    with pytest.raises(DecisionError, match="ce-nothing: no such canonical event"):
        store.merge_canonical("ce-nothing", shelling(store).id)


def test_two_merged_events_stay_one_after_re_extraction_and_re_fusion(store):
    expulsion = canonical(store, type="SANCTION")[0]
    result = store.merge_canonical(shelling(store).id, expulsion.id, reviewer="ana")
    assert result["canonical"].report_count == 3
    assert len(canonical(store)) == 1
    again(store)
    (merged,) = canonical(store)
    assert merged.report_count == 3 and store.canonical_history(merged.id)[0]["status"] == "merged"


def test_a_merge_undoes_an_earlier_split(store):
    moved = report_of(store, "kar2")
    store.split_report(moved)
    store.merge_canonical(store.canonical_of(moved).id, store.canonical_of(report_of(store, "kar")).id)
    again(store)
    assert shelling(store).source_count == 2


def test_a_correction_shows_in_the_listing_and_survives_re_fusion(store):
    event_id = shelling(store).id
    store.review_canonical(
        event_id,
        "corrected",
        {
            "recipient": ["armenian civilians"],
            "place": "goris",
            "size": {"dead": {"min": 5, "max": 7}},
            "date": {"begin": "2023-09-18", "end": "2023-09-18"},
        },
        note="per the ministry",
        reviewer="ana",
    )
    store.review_canonical(event_id, "confirmed", reviewer="ben")  # a later confirmation keeps the corrections
    for _ in range(2):
        view = store.canonical_of(report_of(store, "kar"))  # re-fusion may found it on another report: a new id
        event_id = view.id
        assert view.review.status == "confirmed" and view.recipient_names == ["Armenian civilians"]
        assert view.location.name == "Goris" and view.size["dead"].value == 5
        assert [v.id for v in canonical(store, place="Goris", type="ASSAULT")] == [event_id]
        assert [v.id for v in canonical(store, type="ASSAULT", until="2023-09-18")] == [event_id]
        again(store)
    assert [entry["status"] for entry in store.canonical_history(event_id)] == ["confirmed", "corrected"]


def test_corrections_name_what_is_wrong(store):
    event_id = shelling(store).id
    with pytest.raises(DecisionError, match="no stored place is named .Paris.*Goris"):
        store.review_canonical(event_id, "corrected", {"place": "Paris"})
    with pytest.raises(DecisionError, match="no stored actor has the id or name 'Nobody'"):
        store.review_canonical(event_id, "corrected", {"actor": ["Nobody"]})
    with pytest.raises(DecisionError, match="not a PLOVER type"):
        store.review_canonical(event_id, "corrected", {"type": "ATTACK"})
    assert store.canonical_history(event_id) == []  # nothing half-saved


def test_a_rejected_event_leaves_the_listings_and_keeps_its_history(store):
    event_id = shelling(store).id
    store.review_canonical(event_id, "rejected", note="a drill, not a shelling", reviewer="ana")
    assert [v.type for v in canonical(store)] == ["SANCTION"]
    assert store.event(report_of(store, "kar2")).review.status == "rejected"
    again(store)
    assert [v.type for v in canonical(store)] == ["SANCTION"]
    assert store.canonical_history(event_id)[0]["note"] == "a drill, not a shelling"


def army_outlet():
    """The second outlet, naming the attackers as an actor of its own."""
    record = second_outlet()
    record.actors = [
        Actor(
            "AZE.ARMY",
            "Azerbaijani army",
            "organisation",
            "MIL",
            "AZE",
            mentions=[Mention("Azerbaijani forces", 0, 18, 0)],
        )
    ] + record.actors[1:]
    record.events[0].actor = ["AZE.ARMY"]
    return record


def test_merged_actors_stay_merged_when_documents_are_extracted_again(tmp_path):
    with open_store(str(tmp_path / "p.db")) as store:
        store.add(karabakh_record())
        store.add(army_outlet())
        assert store.resolve_actor("Azerbaijani army") == "AZE.ARMY"
        store.merge_actors("Azerbaijani army", "AZE.MIL", reviewer="ana")
        for _ in range(2):
            (report,), _ = store.events(EventFilter(doc="kar2"))
            assert report.actor_ids == ["AZE.MIL"] and report.actor_names == ["Azerbaijani military"]
            assert store.resolve_actor("azerbaijani army") == "AZE.MIL"
            assert store.connection.execute("SELECT COUNT(*) FROM actors WHERE id = 'AZE.ARMY'").fetchone()[0] == 0
            assert [v.source_count for v in canonical(store, actor="AZE.MIL", type="ASSAULT")] == [2]
            store.replace_extraction(copy.deepcopy(army_outlet()))  # the extractor finds the alias again
        assert [a["alias_name"] for a in store.actor_aliases("AZE.MIL")] == ["Azerbaijani army"]
        with pytest.raises(DecisionError, match="already the same actor"):
            store.merge_actors("Azerbaijani army", "Azerbaijani military")


def test_a_place_named_by_other_documents_can_be_chosen_and_namesakes_told_apart(store):
    from polemos.record import Place

    other = copy.deepcopy(karabakh_record())
    other.document.id, other.document.content_hash, other.events = "lachin", "hash-lachin", []
    other.places = [Place("Lachin", 0, 6, "Lachin", 147622, 39.6383, 46.5461, "AZE", "town", 0)]
    store.add(other)
    event_id = shelling(store).id
    store.review_canonical(event_id, "corrected", {"place": "lachin (AZE)"})
    assert store.canonical_event(event_id).location.name == "Lachin"
    with pytest.raises(DecisionError, match="no stored place is named 'Lachin \\(ARM\\)'"):
        store.review_canonical(event_id, "corrected", {"place": "Lachin (ARM)"})


def test_confirming_a_rejected_event_brings_it_back(store):
    event_id = shelling(store).id
    store.review_canonical(event_id, "rejected", reviewer="ana")
    restored = store.review_canonical(event_id, "confirmed", note="it did happen", reviewer="ben")["canonical"]
    assert restored.source_count == 2 and restored.review.status == "confirmed"
    assert [entry["status"] for entry in store.canonical_history(restored.id)][:2] == ["confirmed", "rejected"]
