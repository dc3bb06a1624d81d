"""Both stores behave alike: the store and event checks run against SQLite and a real PostgreSQL
server, and the two migration dialects define the same versions, tables and columns."""

from __future__ import annotations

import sqlite3

import pytest

from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from made_up_records import karabakh_record
from polemos.record import Actor, DocumentInfo, ExtractionRecord, Mention, Place, Sentence
from polemos.store import EventFilter, PostgresStore, SQLiteStore, StoreError, open_store
from polemos.store.base import migration_scripts
from polemos.store.postgres import pyformat, redact

# The event checks of test_store_events, run here once per backend with this module's ``store``.
from test_store_events import (  # noqa: F401
    test_a_review_is_applied_everywhere_and_survives_re_extraction,
    test_bad_reviews_and_filters_are_refused,
    test_events_carry_ids_names_places_and_evidence,
    test_filters_pick_the_right_events,
)

# And the canonical-event checks of test_store_fusion, on both backends too.
from test_store_fusion import (  # noqa: F401
    test_a_document_update_refuses_another_documents_text,
    test_a_second_outlet_joins_the_canonical_event_of_the_first,
    test_a_store_made_before_fusion_is_fused_when_it_is_upgraded,
    test_canonical_events_take_the_filters_of_events,
    test_events_sort_by_whitelisted_columns_newest_first_by_default,
    test_re_extraction_and_document_updates_keep_canonical_events_and_reviews,
    test_rebuilding_gives_the_canonical_events_of_incremental_fusion,
    test_reviews_move_reports_in_and_out_of_canonical_events,
    test_the_review_verdict_filters_events_without_the_history,
    test_an_unplaced_report_joins_on_the_victims_name_the_same_day,
    test_one_shooting_told_a_day_apart_from_towns_3_km_apart_is_one_canonical_event,
    test_two_shootings_the_same_day_in_two_states_stay_two_even_when_one_lacks_a_place,
)
from test_modality_views import (  # noqa: F401
    test_the_store_filters_by_modality_and_never_fuses_an_announced_event_with_one_that_happened,
)

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def location(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "p.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture()
def empty_store(location):
    with open_store(location) as store:
        yield store


@pytest.fixture()
def store(empty_store):
    empty_store.add(karabakh_record())
    return empty_store


def _record(doc_id="d1", text="Troops shelled Goris.", content_hash="h1") -> ExtractionRecord:
    return ExtractionRecord(
        document=DocumentInfo(id=doc_id, title="T", content_hash=content_hash, published="2023-10-01"),
        text=text,
        sentences=[Sentence(0, len(text))],
        actors=[
            Actor(
                id="ARM.MIL",
                name="Armenian military",
                kind="state",
                sector="MIL",
                country="ARM",
                mentions=[Mention("Troops", 0, 6, 0)],
            )
        ],
        places=[
            Place(
                "Goris",
                15,
                20,
                name="Goris",
                geonameid=616629,
                lat=39.5111,
                lon=46.3383,
                country="ARM",
                feature="city",
                sentence=0,
            )
        ],
    )


def test_open_store_picks_the_backend_from_the_location(location):
    with open_store(location) as store:
        expected = SQLiteStore if location.endswith(".db") else PostgresStore
        assert type(store) is expected
        assert store.schema_version() == migration_scripts(store.dialect.migrations_folder)[-1][0]
    with open_store(location) as store:  # reopening applies nothing twice
        versions = [row["version"] for row in store.connection.execute("SELECT version FROM schema_migrations")]
        packaged = [version for version, _n, _s in migration_scripts(store.dialect.migrations_folder)]
        assert sorted(versions) == packaged


def test_same_content_is_stored_once_and_round_trips(empty_store):
    store = empty_store
    assert store.add(_record(), raw_bytes=b"raw page", raw_format="text") == ("added", "d1")
    assert store.add(_record(doc_id="other-id")) == ("present", "d1")
    assert store.count("documents") == 1 and store.find_by_hash("h1") == "d1"
    back = store.get_record("d1")
    assert back.text == "Troops shelled Goris."
    assert back.places[0].lat == 39.5111 and back.actors[0].mentions[0].text == "Troops"
    assert store.get_raw("d1") == (b"raw page", "text")
    assert store.resolve_id("d") == "d1"
    (row,) = list(store.documents())
    assert (row["id"], row["title"], row["chars"], row[0]) == ("d1", "T", 21, "d1")
    assert dict(row)["published"] == "2023-10-01"


def test_a_reused_id_with_other_content_gets_a_distinct_id(empty_store):
    empty_store.add(_record())
    status, doc_id = empty_store.add(_record(text="Rebels took the hill.", content_hash="h2"))
    assert status == "added" and doc_id == "d1-h2"
    with pytest.raises(StoreError, match="ambiguous"):
        empty_store.resolve_id("d")


def test_a_failed_write_leaves_no_half_document(empty_store):
    broken = _record()
    broken.places[0].lat = object()  # cannot be stored: fails after the document row was inserted
    with pytest.raises(Exception):
        empty_store.add(broken)
    assert empty_store.count("documents") == 0 and empty_store.count("actor_mentions") == 0
    assert empty_store.add(_record())[0] == "added"


def test_unknown_ids_give_clear_errors(empty_store):
    with pytest.raises(StoreError, match="nope: no such document"):
        empty_store.get_record("nope")
    with pytest.raises(ValueError):
        empty_store.count("sqlite_master")


def test_searches_and_filters_agree_across_backends(store):
    """Case-insensitive actor names and word search behave the same on both backends."""
    items, total = store.events(EventFilter(actor="armenian CIVILIANS"))
    assert total == 1 and items[0].type == "SANCTION"
    items, total = store.events(EventFilter(q="FLED"))
    assert total == 1 and items[0].evidence[0].text == "Thousands fled to Goris."
    items, total = store.events(EventFilter(near=(39.8153, 46.7519, 1), type="ASSAULT,SANCTION"))
    assert total == 1 and (items[0].location.lat, items[0].location.lon) == (39.8153, 46.7519)


def test_an_unreachable_postgres_server_is_a_clear_error():
    with pytest.raises(StoreError, match=r"postgresql://ana:\*\*\*@127.0.0.1:1/polemos: cannot connect"):
        open_store("postgresql://ana:secret@127.0.0.1:1/polemos")


def test_placeholders_and_passwords_are_translated_safely():
    assert (
        pyformat("SELECT '?', \"a?\" FROM t WHERE x LIKE ? AND y = ?")
        == "SELECT '?', \"a?\" FROM t WHERE x LIKE %s AND y = %s"
    )
    assert pyformat("SELECT 5 % 2, 'a%' WHERE z = ?") == "SELECT 5 %% 2, 'a%%' WHERE z = %s"
    assert (
        redact("postgresql://ana:s3cret@db.example/polemos?sslmode=require&password=x")
        == "postgresql://ana:***@db.example/polemos?sslmode=require&password=***"
    )


def test_both_dialects_define_the_same_versions_tables_and_columns(postgres_url, tmp_path):
    sqlite_versions = [(v, name) for v, name, _sql in migration_scripts("migrations")]
    postgres_versions = [(v, name) for v, name, _sql in migration_scripts("migrations/pg")]
    assert sqlite_versions == postgres_versions
    with open_store(str(tmp_path / "p.db")) as lite, open_store(postgres_url) as pg:
        assert _sqlite_columns(lite.connection) == _postgres_columns(pg.connection)


_SQLITE_TYPES = {"TEXT": "text", "INTEGER": "integer", "REAL": "real", "BLOB": "bytes", "": "any"}
_POSTGRES_TYPES = {
    "text": "text",
    "integer": "integer",
    "bigint": "integer",
    "double precision": "real",
    "bytea": "bytes",
}


def _sqlite_columns(connection: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            " AND name NOT LIKE 'evidence_fts%' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: sorted(
            (row["name"], _SQLITE_TYPES[row["type"].upper()], bool(row["notnull"] or row["pk"]))
            for row in connection.execute(f"PRAGMA table_info({table})")
        )
        for table in tables
    }


def _postgres_columns(connection) -> dict[str, list[tuple]]:
    columns: dict[str, list[tuple]] = {}
    for row in connection.execute(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
        " WHERE table_schema = current_schema()"
    ):
        columns.setdefault(row["table_name"], []).append(
            (row["column_name"], _POSTGRES_TYPES[row["data_type"]], row["is_nullable"] == "NO")
        )
    return {table: sorted(items) for table, items in columns.items()}


def test_dialect_fragments_give_the_same_answers(empty_store):
    """The fragments code outside the store (the web workspace's views) builds its SQL from."""
    dialect, connection = empty_store.dialect, empty_store.connection

    def value(sql: str, *params):
        return connection.execute(sql, params).fetchone()[0]

    assert value(f"SELECT {dialect.json_text('?', 'type')}", '{"type": "ASSAULT", "mode": null}') == "ASSAULT"
    has = f"SELECT CASE WHEN {dialect.json_array_has('?')} THEN 1 ELSE 0 END"
    assert value(has, '["AZE.MIL", "ARM"]', "ARM") == 1 and value(has, '["AZE.MIL"]', "ARM") == 0
    assert (
        value(f"SELECT {dialect.whole_number('?')}", 2.7) == 2
        and value(f"SELECT {dialect.whole_number('?')}", -2.7) == -2
    )
    listed = value(
        f"SELECT {dialect.distinct_list('x')} FROM (SELECT 'b' AS x UNION ALL SELECT 'a' UNION ALL SELECT 'b') AS t"
    )
    assert sorted(listed.split(",")) == ["a", "b"]
    assert value(f"SELECT CASE WHEN 'Goris' {dialect.like} ? THEN 1 ELSE 0 END", "gor%") == 1


from test_store_network import (  # noqa: F401, E402
    test_a_link_counts_each_real_event_once_and_lists_it,
    test_a_store_made_before_the_links_were_kept_gets_them_when_upgraded,
    test_divisions_count_each_real_event_once_and_coarse_places_apart,
    test_correcting_a_reports_actors_moves_its_links_in_both_counts,
    test_correcting_a_canonical_events_actors_moves_its_link,
    test_a_correction_survives_re_extraction_in_the_report_links,
    test_a_store_made_before_the_report_links_were_kept_gets_them_with_their_corrections,
    test_the_actor_filter_follows_a_correction_through_re_extraction_and_a_later_verdict,
    test_a_store_made_before_event_actors_followed_corrections_gets_them_on_upgrade,
    test_the_actor_filter_and_counts_follow_a_canonical_events_corrected_actors,
    test_a_store_made_before_event_actors_followed_canonical_corrections_gets_them_on_upgrade,
    test_a_reports_corrected_place_is_where_the_map_draws_it_and_the_filters_find_it,
    test_a_store_made_before_report_rows_followed_corrected_places_gets_them_on_upgrade,
)
