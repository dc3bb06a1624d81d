"""Canonical events in the store: fused as documents are written, kept in step with reviews and
re-extraction, listed with the same filters as events, and built for stores made before fusion."""

from __future__ import annotations

import copy
import json
from dataclasses import asdict

import pytest

from made_up_records import karabakh_record
from polemos.store import CanonicalView, EventFilter, StoreError, open_store


def second_outlet(record=None):
    """The Stepanakert shelling told by another outlet a day later, with its own death toll."""
    other = copy.deepcopy(record or karabakh_record())
    other.document.id, other.document.content_hash, other.document.title = "kar2", "hash-kar2", "Second outlet"
    other.document.published = "2023-09-20"
    other.events = [other.events[0]]
    other.events[0].size = {"dead": {"min": 2, "max": 3, "text": "two or three"}}
    return other


@pytest.fixture()
def store(tmp_path):
    with open_store(str(tmp_path / "p.db")) as store:
        store.add(karabakh_record())
        yield store


def _canonical(store, **kwargs) -> list[CanonicalView]:
    items, total = store.canonical_events(EventFilter(**kwargs), limit=100)
    assert total == len(items)
    return items


def _shelling(store) -> CanonicalView:
    return next(view for view in _canonical(store) if view.type == "ASSAULT")


def test_a_second_outlet_joins_the_canonical_event_of_the_first(store):
    assert [view.source_count for view in _canonical(store)] == [1, 1]
    store.add(second_outlet())
    shelling = _shelling(store)
    assert len(_canonical(store)) == 2 and shelling.source_count == 2 and shelling.report_count == 2
    assert shelling.location.name == "Stepanakert" and shelling.actor_names == ["Azerbaijani military"]
    assert shelling.earliest_report.doc_id == "kar2" and shelling.size["dead"].value == 2
    (report,), _ = store.events(EventFilter(doc="kar2"))
    assert store.canonical_of(report.id).id == shelling.id == store.canonical_event(shelling.id).id
    assert report.doc_published == "2023-09-20" and report.location.geonameid == 174875


def test_canonical_events_take_the_filters_of_events(store):
    store.add(second_outlet())
    assert [v.type for v in _canonical(store, type="assault")] == ["ASSAULT"]
    assert [v.type for v in _canonical(store, actor="Armenian civilians")] == ["SANCTION"]
    assert sorted(v.type for v in _canonical(store, actor="azerbaijani forces")) == ["ASSAULT", "SANCTION"]
    assert [v.type for v in _canonical(store, since="2023-09-20")] == ["SANCTION"]  # a month, up to publication
    assert [v.type for v in _canonical(store, near=(39.8, 46.75, 10))] == ["ASSAULT"]
    assert [v.type for v in _canonical(store, q="shelled Stepanakert")] == ["ASSAULT"]
    assert [v.type for v in _canonical(store, doc="kar2")] == ["ASSAULT"]
    assert _canonical(store, q='fled" OR "x') == []
    by_sources = store.canonical_events(EventFilter(), sort="-sources")[0]
    assert [v.source_count for v in by_sources] == [2, 1]
    with pytest.raises(ValueError, match="cannot sort by"):
        store.canonical_events(EventFilter(), sort="colour")


def test_reviews_move_reports_in_and_out_of_canonical_events(store):
    store.add(second_outlet())
    (first,), _ = store.events(EventFilter(doc="kar", type="ASSAULT"))
    store.review_event(first.id, "rejected", reviewer="ana")
    shelling = _shelling(store)
    assert shelling.source_count == 1 and shelling.earliest_report.doc_id == "kar2"
    assert store.canonical_of(first.id) is None

    store.review_event(first.id, "corrected", {"size": {"dead": {"min": 1, "max": 1}}}, reviewer="ana")
    shelling = _shelling(store)
    assert shelling.source_count == 2 and shelling.size["dead"].value == 1
    assert (shelling.size["dead"].min, shelling.size["dead"].max) == (1, 3)

    store.review_event(first.id, "corrected", {"type": "protest"}, reviewer="ana")
    assert {v.type for v in _canonical(store)} == {"ASSAULT", "SANCTION", "PROTEST"}


def test_the_review_verdict_filters_events_without_the_history(store):
    (assault,), _ = store.events(EventFilter(type="ASSAULT"))
    (flight,), _ = store.events(EventFilter(type="SANCTION"))
    store.review_event(assault.id, "corrected", {"type": "coerce"}, reviewer="ana")
    store.review_event(flight.id, "rejected", reviewer="ana")
    assert [e.type for e in store.events(EventFilter(type="COERCE"))[0]] == ["COERCE"]
    assert store.events(EventFilter(review="unreviewed"))[1] == 0
    assert [e.id for e in store.events(EventFilter(review="rejected"))[0]] == [flight.id]
    assert [e.id for e in store.events(EventFilter(review="corrected"))[0]] == [assault.id]
    assert store.event(flight.id).review.status == "rejected" and store.event("missing") is None
    with pytest.raises(ValueError, match="review must be one of"):
        EventFilter(review="liked")


def test_events_sort_by_whitelisted_columns_newest_first_by_default(store):
    store.add(second_outlet())
    items, _ = store.events()
    assert [(e.date.begin, e.doc_id) for e in items] == [
        ("2023-09-19", "kar2"),
        ("2023-09-19", "kar"),
        ("2023-09-01", "kar"),
    ]
    assert [e.type for e in store.events(sort="type")[0]] == ["ASSAULT", "ASSAULT", "SANCTION"]
    assert store.events(sort="-dead")[0][0].doc_id == "kar2"  # the only toll; events without one last
    with pytest.raises(ValueError, match="cannot sort by"):
        store.events(sort="evidence; DROP TABLE events")


def test_re_extraction_and_document_updates_keep_canonical_events_and_reviews(store):
    store.add(second_outlet())
    (assault,), _ = store.events(EventFilter(doc="kar", type="ASSAULT"))
    store.review_event(assault.id, "confirmed", note="seen on video", reviewer="ana")
    before = _canonical(store)

    fresh = karabakh_record()
    fresh.document.title = "Karabakh, updated"
    fresh.text = fresh.text  # the same text, re-cleaned
    assert store.update_document(fresh) == "unchanged"
    assert _canonical(store) != before and len(_canonical(store)) == 2  # the source title changed
    assert store.event(assault.id).review.note == "seen on video"
    assert store.event(assault.id).doc_title == "Karabakh, updated"

    without_flight = karabakh_record()
    without_flight.events = without_flight.events[:1]
    store.replace_extraction(without_flight)
    assert [v.type for v in _canonical(store)] == ["ASSAULT"]
    assert store.count("canonical_events") == 1


def test_a_document_update_refuses_another_documents_text(store):
    store.add(second_outlet())
    clash = karabakh_record()
    clash.document.content_hash = "hash-kar2"
    with pytest.raises(StoreError, match="already stored as document kar2"):
        store.update_document(clash)
    missing = karabakh_record()
    missing.document.id = "nope"
    with pytest.raises(StoreError, match="no such document"):
        store.update_document(missing)
    assert store.get_record("kar").document.content_hash == "hash-kar"


def _without_ids(views) -> list[dict]:
    return sorted(
        ({key: value for key, value in view.to_dict().items() if key != "id"} for view in views),
        key=lambda v: v["type"],
    )


def test_rebuilding_gives_the_canonical_events_of_incremental_fusion(store):
    store.add(second_outlet())
    incremental = _canonical(store)
    assert store.rebuild_canonical_events() == 2
    # Rebuilt in order of publication, the shelling is founded by the earlier report: only ids differ.
    assert _without_ids(_canonical(store)) == _without_ids(incremental)


@pytest.fixture()
def location(tmp_path) -> str:
    return str(tmp_path / "old.db")


def _event_row(store, doc_id: str, event, published: str) -> None:
    event.id = f"{doc_id}-{event.type.lower()}"
    date = event.date or {}
    store.connection.execute(
        "INSERT INTO events (id, doc_id, type, mode, date_value, date_begin, date_end, date_precision, place_idx,"
        " place_name, lat, lon, country, place_feature, modality, size_json, event_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'city', 'asserted', ?, ?)",
        (
            event.id,
            doc_id,
            event.type,
            event.mode,
            date.get("value"),
            date.get("begin"),
            date.get("end"),
            date.get("precision"),
            "Stepanakert",
            39.8153,
            46.7519,
            "AZE",
            json.dumps(event.size),
            json.dumps(asdict(event)),
        ),
    )


def test_a_store_made_before_fusion_is_fused_when_it_is_upgraded(location, monkeypatch):
    """Version 3 had no canonical events and kept verdicts only in the review history."""
    import polemos.store.base as base

    all_scripts = base.migration_scripts
    monkeypatch.setattr(base, "migration_scripts", lambda folder: [s for s in all_scripts(folder) if s[0] <= 3])
    with open_store(location) as old:
        assert old.schema_version() == 3
        with old.transaction():
            for doc_id, published in (("a", "2023-09-20"), ("b", "2023-09-21")):
                old.connection.execute(
                    "INSERT INTO documents (id, content_hash, title, published, text, structure_json, ingested_at)"
                    " VALUES (?, ?, ?, ?, 'text', '{}', '2024-01-01')",
                    (doc_id, "hash-" + doc_id, doc_id.upper(), published),
                )
                old.connection.execute(
                    "INSERT INTO places (doc_id, idx, text, start, \"end\", name, geonameid, lat, lon, country, feature)"
                    " VALUES (?, 0, 'Stepanakert', 0, 11, 'Stepanakert', 174875, 39.8153, 46.7519, 'AZE', 'city')",
                    (doc_id,),
                )
                _event_row(old, doc_id, karabakh_record().events[0], published)
            _event_row(old, "b", karabakh_record().events[1], "2023-09-21")
            old.connection.execute(
                "INSERT INTO reviews (event_id, doc_id, status, changes_json, reviewed_at)"
                " VALUES ('b-sanction', 'b', 'rejected', '{}', '2024-01-02')"
            )
    monkeypatch.setattr(base, "migration_scripts", all_scripts)

    with open_store(location) as upgraded:
        assert upgraded.schema_version() == max(s[0] for s in all_scripts(upgraded.dialect.migrations_folder))
        (shelling,), total = upgraded.canonical_events()
        assert total == 1 and shelling.source_count == 2 and shelling.earliest_report.doc_id == "a"
        assert upgraded.events()[1] == 2  # the rejected flight stays rejected, without reading the history
        assert upgraded.event("b-sanction").review.status == "rejected"
        assert upgraded.event("a-assault").location.geonameid == 174875


# -- one shooting, several outlets (made-up towns: Millbrook and Easton Falls 3 km apart, Riverton in another state)

MILLBROOK = ("Millbrook", 9800001, 41.0, -75.0, "USA", "town")
EASTON_FALLS = ("Easton Falls", 9800002, 41.0, -74.9643, "USA", "village")
RIVERTON = ("Riverton", 9800003, 33.5, -86.8, "USA", "city")


def shooting_record(doc_id: str, published: str, day: str, place=None, victim=None, dead=None, also_names=()):
    """One outlet's article on a shooting: its event on ``day`` at ``place`` (None: the article
    does not tie a place to it), a named victim, a death toll; ``also_names`` are other places
    the article mentions."""
    from polemos.record import Actor, DocumentInfo, Event, Evidence, ExtractionRecord, Mention, Place, Sentence

    where = f" in {place[0]}" if place else ""
    text = f"A man was shot{where} on {day}." + "".join(f" {name[0]} is nearby." for name in also_names)
    if victim:
        text += f" The victim was {victim}."
    places, place_idx = [], None
    for name in ([place] if place else []) + list(also_names):
        start = text.index(name[0])
        places.append(Place(name[0], start, start + len(name[0]), *name, sentence=0))
    if place:
        place_idx = 0
    actors, recipient = [], []
    if victim:
        start = text.index(victim)
        slug = victim.lower().replace(" ", "-")
        actors.append(Actor(slug, victim, "person", mentions=[Mention(victim, start, start + len(victim), 1)]))
        recipient.append(slug)
    first = text.index(".") + 1
    event = Event(
        "e1",
        "ASSAULT",
        mode="firearms",
        recipient=recipient,
        place=place_idx,
        date={"value": day, "begin": day, "end": day, "text": day, "precision": "day"},
        size={"dead": {"min": dead, "max": dead, "text": str(dead)}} if dead else {},
        evidence=[Evidence(text[:first], 0, first)],
        trigger="shot",
    )
    return ExtractionRecord(
        document=DocumentInfo(
            id=doc_id, title=f"Shooting story {doc_id}", content_hash=f"hash-{doc_id}", published=published
        ),
        text=text,
        sentences=[Sentence(0, first), Sentence(first + 1, len(text))],
        actors=actors,
        places=places,
        events=[event],
    )


def _sources(store) -> list[list[str]]:
    return sorted(sorted(s.doc_id for s in view.sources) for view in _canonical(store))


@pytest.fixture()
def empty_store(tmp_path):
    with open_store(str(tmp_path / "s.db")) as store:
        yield store


def test_one_shooting_told_a_day_apart_from_towns_3_km_apart_is_one_canonical_event(empty_store):
    store = empty_store
    store.add(shooting_record("local", "2015-06-21", "2015-06-20", MILLBROOK))
    store.add(shooting_record("wire", "2015-06-22", "2015-06-21", EASTON_FALLS))
    assert _sources(store) == [["local", "wire"]]


def test_two_shootings_the_same_day_in_two_states_stay_two_even_when_one_lacks_a_place(empty_store):
    store = empty_store
    store.add(shooting_record("north", "2015-06-21", "2015-06-20", MILLBROOK, victim="Jo Marlow", dead=1))
    store.add(shooting_record("south", "2015-06-21", "2015-06-20", RIVERTON, dead=1))
    # An article about Riverton that names a victim of the same name, without tying a place to the event.
    store.add(
        shooting_record("south-2", "2015-06-22", "2015-06-20", None, victim="Jo Marlow", dead=1, also_names=[RIVERTON])
    )
    # Without a name shared with either, and naming no town, an unplaced report joins nothing.
    store.add(shooting_record("anywhere", "2015-06-22", "2015-06-20", None, dead=1))
    # The article about Riverton with Riverton's toll the same day is Riverton's shooting, never
    # the one where a victim of the same name was shot.
    assert _sources(store) == [["anywhere"], ["north"], ["south", "south-2"]]


def test_an_unplaced_report_joins_on_the_victims_name_the_same_day(empty_store):
    store = empty_store
    store.add(shooting_record("north", "2015-06-21", "2015-06-20", MILLBROOK, victim="Jo Marlow"))
    store.add(shooting_record("south", "2015-06-21", "2015-06-20", RIVERTON))
    store.add(
        shooting_record("follow-up", "2015-06-23", "2015-06-21", None, victim="Jo Marlow", also_names=[EASTON_FALLS])
    )
    assert _sources(store) == [["follow-up", "north"], ["south"]]
    assert store.rebuild_canonical_events() == 2 and _sources(store) == [["follow-up", "north"], ["south"]]
