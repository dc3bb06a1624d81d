"""The actor network over canonical events: an event told by two outlets is one event on its
link; a link holds only the actor → recipient pairs some report states; a store made before
the links were kept gets them when it is upgraded. Run on PostgreSQL too by test_store_postgres."""

from __future__ import annotations

import pytest

from made_up_records import karabakh_record
from polemos.store import EventFilter, open_store
from polemos.store.network import canonical_network, link_events, report_network
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
    return sorted(
        tuple(row)
        for row in store.connection.execute(
            "SELECT canonical_id, source, target, type, date_begin, date_end FROM canonical_links"
        )
    )


def test_a_link_counts_each_real_event_once_and_lists_it(location):
    with open_store(location) as store:
        for record in _two_outlets():
            store.add(record)
        canonical = canonical_network(store, EventFilter(), 100)
        reports = report_network(store, EventFilter(), 100)
        shelling = next(e for e in canonical["edges"] if "ASSAULT" in e["types"])
        told_twice = next(
            e for e in reports["edges"] if (e["source"], e["target"]) == (shelling["source"], shelling["target"])
        )
        assert (
            told_twice["type_counts"]["ASSAULT"] == 2 and shelling["type_counts"]["ASSAULT"] == 1
        )  # two outlets, one shelling
        assert shelling["events"] == told_twice["events"] - 1
        assert {node["id"] for node in canonical["nodes"]} == {e["source"] for e in canonical["edges"]} | {
            e["target"] for e in canonical["edges"]
        }
        items, total = link_events(store, EventFilter(), shelling["source"], shelling["target"], 10)
        assert total == shelling["events"] and {item["type"] for item in items} == set(shelling["types"])
        assert next(item for item in items if item["type"] == "ASSAULT")["sources"] == 2
        sanctions = canonical_network(store, EventFilter(type="SANCTION"), 100)["edges"]
        assert sanctions and all(e["types"] == ["SANCTION"] for e in sanctions)
        assert canonical_network(store, EventFilter(since="2030"), 100)["edges"] == []
        # The type and date filters read the links alone; with a place filter too, the events: one answer.
        dated = EventFilter(since="2023-09-19", until="2023-09-19")
        assert canonical_network(store, dated, 100)["edges"] == [
            e
            for e in canonical_network(
                store, EventFilter(since="2023-09-19", until="2023-09-19", near=(39.8, 46.7, 5000)), 100
            )["edges"]
        ]
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
        store.connection.execute("DROP INDEX canonical_events_admin1")
        store.connection.execute("DROP INDEX canonical_events_point")
        store.connection.execute("DROP INDEX canonical_events_coarse")
        store.connection.execute("ALTER TABLE canonical_events DROP COLUMN admin1")
        store.connection.execute("DELETE FROM schema_migrations WHERE version = 10")
    with open_store(location) as upgraded:
        assert _links(upgraded) == expected


def test_divisions_count_each_real_event_once_and_coarse_places_apart(location):
    """The map's choropleth: each canonical event counts once, in the division of its town; a
    report placing the shelling only "in Armenia" is listed by country, in no division."""
    from polemos.geo.admin1_areas import Admin1Areas
    from polemos.store.map_areas import admin1_counts

    first, second = _two_outlets()
    second.places.append(type(second.places[0])("Armenia", 0, 7, "Armenia", 174982, 40.25, 45.0, "ARM", "country", 9))
    second.events[0].place = len(second.places) - 1  # the second outlet places the shelling only in Armenia
    with open_store(location) as store:
        for record in (first, second):
            store.add(record)
        answer = admin1_counts(store, Admin1Areas(), EventFilter())
        total = store.canonical_events()[1]
        counted = (
            sum(item["events"] for item in answer["items"])
            + sum(item["events"] for item in answer["country_level"])
            + sum(item["events"] for item in answer["region_level"])
            + answer["unplaced"]
            + answer["outside_areas"]
        )
        assert counted == total  # every canonical event once: in a division, or said to be coarser
        stepanakert = next(item for item in answer["items"] if item["name"] == "Stepanakert")
        assert stepanakert["country"] == "AZE" and stepanakert["events"] >= 1
        assert [(item["country"], item["events"]) for item in answer["country_level"]] == [("ARM", 1)]
        assert {item["name"] for item in answer["items"]} == {"Stepanakert", "Syunik"}  # Goris is in Syunik
        reports = admin1_counts(store, Admin1Areas(), EventFilter(), view="reports")
        assert sum(item["events"] for item in reports["items"]) >= sum(item["events"] for item in answer["items"])
        assert admin1_counts(store, Admin1Areas(), EventFilter(since="2030"))["items"] == []


def _pairs(network: dict) -> set[tuple[str, str]]:
    return {(edge["source"], edge["target"]) for edge in network["edges"]}


def test_correcting_a_reports_actors_moves_its_links_in_both_counts(location):
    """The expulsion was of the Armenian civilians by Azerbaijan's military; an analyst says it was
    the other way round: both networks then show the corrected pair, and only it."""
    with open_store(location) as store:
        record = _two_outlets()[0]
        store.add(record)
        expulsion = store.events(EventFilter(type="SANCTION"))[0][0].id
        assert ("AZE.MIL", "ARM.CVL") in _pairs(canonical_network(store, EventFilter(type="SANCTION"), 100))
        store.review_event(expulsion, "corrected", {"actor": ["ARM.CVL"], "recipient": ["AZE.MIL"]})
        for network in (
            canonical_network(store, EventFilter(type="SANCTION"), 100),
            report_network(store, EventFilter(type="SANCTION"), 100),
            report_network(store, EventFilter(type="SANCTION", doc=record.document.id, include_rejected=True), 100),
        ):
            assert _pairs(network) == {("ARM.CVL", "AZE.MIL")}, network["view"]
        store.review_event(expulsion, "rejected")
        assert _pairs(report_network(store, EventFilter(type="SANCTION"), 100)) == set()
        assert len(report_network(store, EventFilter(type="SANCTION", include_rejected=True), 100)["edges"]) == 1


def test_correcting_a_canonical_events_actors_moves_its_link(location):
    with open_store(location) as store:
        for record in _two_outlets():
            store.add(record)
        shelling = store.canonical_events(EventFilter(type="ASSAULT"))[0][0].id
        store.review_canonical(shelling, "corrected", {"actor": ["Armenian civilians"], "recipient": ["AZE.MIL"]})
        assert _pairs(canonical_network(store, EventFilter(type="ASSAULT"), 100)) == {("ARM.CVL", "AZE.MIL")}
        items, total = link_events(store, EventFilter(), "ARM.CVL", "AZE.MIL", 10)
        assert total == 1 and items[0]["id"] == shelling


def test_a_correction_survives_re_extraction_in_the_report_links(location):
    with open_store(location) as store:
        record = _two_outlets()[0]
        store.add(record)
        expulsion = store.events(EventFilter(type="SANCTION"))[0][0].id
        store.review_event(expulsion, "corrected", {"actor": ["ARM.CVL"], "recipient": ["AZE.MIL"]})
        store.replace_extraction(store.get_record(record.document.id))
        assert _pairs(report_network(store, EventFilter(type="SANCTION"), 100)) == {("ARM.CVL", "AZE.MIL")}
        assert _pairs(canonical_network(store, EventFilter(type="SANCTION"), 100)) == {("ARM.CVL", "AZE.MIL")}


def test_a_store_made_before_the_report_links_were_kept_gets_them_with_their_corrections(location):
    with open_store(location) as store:
        for record in _two_outlets():
            store.add(record)
        expulsion = store.events(EventFilter(type="SANCTION"))[0][0].id
        store.review_event(expulsion, "corrected", {"actor": ["ARM.CVL"], "recipient": ["AZE.MIL"]})
        expected = report_network(store, EventFilter(), 100)
    assert ("ARM.CVL", "AZE.MIL") in _pairs(expected)
    with open_store(location) as store, store.transaction():
        store.connection.execute("DROP TABLE report_links")
        store.connection.execute("DELETE FROM schema_migrations WHERE version = 12")
    with open_store(location) as upgraded:
        assert report_network(upgraded, EventFilter(), 100) == expected


def _acting(store, actor: str) -> set[str]:
    return {event.id for event in store.events(EventFilter(actor=actor, include_rejected=True), limit=500)[0]}


def test_the_actor_filter_follows_a_correction_through_re_extraction_and_a_later_verdict(location):
    """Filtered by actor, the events are those whose actors the event itself shows: corrected,
    after re-extraction too; a later review that leaves the actors alone gives back the extracted ones."""
    with open_store(location) as store:
        record = _two_outlets()[0]
        store.add(record)
        expulsion = store.events(EventFilter(type="SANCTION"))[0][0].id
        assert store.event(expulsion).actor_ids == ["AZE.MIL"] and expulsion in _acting(store, "AZE.MIL")
        store.review_event(expulsion, "corrected", {"actor": ["ARM.CVL"], "recipient": ["AZE.MIL"]})
        store.replace_extraction(store.get_record(record.document.id))
        assert store.event(expulsion).actor_ids == ["ARM.CVL"]
        assert expulsion in _acting(store, "ARM.CVL") and expulsion in _acting(store, "AZE.MIL")  # now its recipient
        store.review_event(expulsion, "confirmed")
        view = store.event(expulsion)
        for actor in ("AZE.MIL", "ARM.CVL"):
            assert (expulsion in _acting(store, actor)) == (actor in view.actor_ids + view.recipient_ids), actor


def test_a_store_made_before_event_actors_followed_corrections_gets_them_on_upgrade(location):
    with open_store(location) as store:
        store.add(_two_outlets()[0])
        expulsion = store.events(EventFilter(type="SANCTION"))[0][0].id
        store.review_event(expulsion, "corrected", {"actor": ["ARM.CVL"], "recipient": ["AZE.MIL"]})
    with open_store(location) as store, store.transaction():  # as such a store had it: the extracted actors
        store.connection.execute("DELETE FROM event_actors WHERE event_id = ?", (expulsion,))
        store.connection.execute(
            "INSERT INTO event_actors (event_id, actor_id, role) VALUES (?, 'AZE.MIL', 'actor'),"
            " (?, 'ARM.CVL', 'recipient')",
            (expulsion, expulsion),
        )
        store.connection.execute("DROP INDEX reviews_event_latest")
        store.connection.execute("CREATE INDEX reviews_event ON reviews(event_id)")
        store.connection.execute("DELETE FROM schema_migrations WHERE version = 13")
    with open_store(location) as upgraded:
        rows = upgraded.connection.execute(
            "SELECT actor_id, role FROM event_actors WHERE event_id = ? ORDER BY role", (expulsion,)
        ).fetchall()
        assert [(row[0], row[1]) for row in rows] == [("ARM.CVL", "actor"), ("AZE.MIL", "recipient")]


def _armenian_forces_named():
    """A third outlet naming Armenian forces (no event of its own): an actor a correction can name."""
    from polemos.record import Actor, DocumentInfo, ExtractionRecord, Mention, Sentence

    text = "Armenian forces said they had not fired near Goris on September 19."
    return ExtractionRecord(
        document=DocumentInfo(id="kar3", title="Third outlet", content_hash="hash-kar3", published="2023-09-22"),
        text=text,
        sentences=[Sentence(0, len(text))],
        actors=[
            Actor(
                "ARM.MIL", "Armenian military", "state", "MIL", "ARM", mentions=[Mention("Armenian forces", 0, 15, 0)]
            )
        ],
    )


def _canonical_acting(store, actor: str) -> set[str]:
    return {event.id for event in store.canonical_events(EventFilter(actor=actor), limit=500)[0]}


def test_the_actor_filter_and_counts_follow_a_canonical_events_corrected_actors(location):
    """Correcting who acted in a fused event moves each of its reports to that actor in the
    actor filter (both views), an actor's events and the actors' counts; a report split off
    the event gets its own actors back."""
    from polemos.store import queries

    with open_store(location) as store:
        for record in (*_two_outlets(), _armenian_forces_named()):
            store.add(record)
        shelling = store.canonical_events(EventFilter(type="ASSAULT"))[0][0]
        reports = {source.report_id for source in shelling.sources}
        assert len(reports) == 2 and not _acting(store, "ARM.MIL") and not _canonical_acting(store, "ARM.MIL")
        store.review_canonical(shelling.id, "corrected", {"actor": ["Armenian military"]})
        assert _acting(store, "ARM.MIL") == reports and not reports & _acting(store, "AZE.MIL")
        assert _canonical_acting(store, "ARM.MIL") == {shelling.id} and shelling.id not in _canonical_acting(
            store, "AZE.MIL"
        )
        counts = {actor["id"]: actor["events"] for actor in queries.actors(store, None, None, 50, 0)[0]}
        assert counts["ARM.MIL"] == 2
        split_off = sorted(reports)[0]
        store.split_report(split_off)
        assert _acting(store, "ARM.MIL") == reports - {split_off} and split_off in _acting(store, "AZE.MIL")


def test_a_store_made_before_event_actors_followed_canonical_corrections_gets_them_on_upgrade(location):
    with open_store(location) as store:
        for record in (*_two_outlets(), _armenian_forces_named()):
            store.add(record)
        shelling = store.canonical_events(EventFilter(type="ASSAULT"))[0][0]
        store.review_canonical(shelling.id, "corrected", {"actor": ["ARM.MIL"]})
        reports = {source.report_id for source in shelling.sources}
    with open_store(location) as store, store.transaction():  # as such a store had it: the reports' own actors
        for report in reports:
            store.connection.execute(
                "UPDATE event_actors SET actor_id = 'AZE.MIL' WHERE event_id = ? AND role = 'actor'", (report,)
            )
        store.connection.execute("DELETE FROM schema_migrations WHERE version = 14")
    with open_store(location) as upgraded:
        assert _acting(upgraded, "ARM.MIL") == reports


def _report_points(store) -> dict[str, tuple]:
    from polemos.store import queries

    return {
        point["id"]: (point["place_name"], round(point["lat"], 2))
        for point in queries.map_view(store, EventFilter(), None, 500, view="reports")["items"]
    }


SPRINGFIELD = {
    "name": "Springfield",
    "geonameid": 4951788,
    "lat": 42.1015,
    "lon": -72.5898,
    "country": "USA",
    "feature": "PPLA2",
}


def test_a_reports_corrected_place_is_where_the_map_draws_it_and_the_filters_find_it(location):
    """Moved to another place of its document or to one of the gazetteer, a report's point is
    drawn there and the country filter finds it there, after re-extraction too; a later review
    that leaves the place alone puts it back where it was extracted."""
    with open_store(location) as store:
        record = _two_outlets()[0]
        store.add(record)
        shelling = store.events(EventFilter(type="ASSAULT"))[0][0].id
        assert _report_points(store)[shelling] == ("Stepanakert", 39.82)
        store.review_event(shelling, "corrected", {"place": 1})  # Goris, the other place the article names
        assert _report_points(store)[shelling] == ("Goris", 39.51)
        assert shelling in {event.id for event in store.events(EventFilter(country="ARM"))[0]}
        store.review_event(shelling, "corrected", {"place": SPRINGFIELD})
        store.replace_extraction(store.get_record(record.document.id))
        assert _report_points(store)[shelling] == ("Springfield", 42.1)
        assert [event.id for event in store.events(EventFilter(country="USA"))[0]] == [shelling]
        store.review_event(shelling, "confirmed")
        assert _report_points(store)[shelling] == ("Stepanakert", 39.82)


def test_a_store_made_before_report_rows_followed_corrected_places_gets_them_on_upgrade(location):
    with open_store(location) as store:
        store.add(_two_outlets()[0])
        shelling = store.events(EventFilter(type="ASSAULT"))[0][0].id
        store.review_event(shelling, "corrected", {"place": 1})
    with open_store(location) as store, store.transaction():  # as such a store had it: the extracted place
        store.connection.execute(
            "UPDATE events SET place_name = 'Stepanakert', lat = 39.8153, lon = 46.7519, country = 'AZE' WHERE id = ?",
            (shelling,),
        )
        store.connection.execute("DELETE FROM schema_migrations WHERE version = 14")
    with open_store(location) as upgraded:
        assert _report_points(upgraded)[shelling] == ("Goris", 39.51)
