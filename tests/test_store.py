"""The embedded SQLite store: migrations, WAL, one transaction per document, dedup by content."""

from __future__ import annotations

import re
import sqlite3

import pytest

from polemos.record import Actor, DocumentInfo, ExtractionRecord, Mention, Place, Sentence
from polemos.store import StoreError, open_store
from polemos.store.sqlite import migration_scripts


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
                lat=39.5,
                lon=46.3,
                country="ARM",
                feature="city",
                sentence=0,
            )
        ],
    )


def test_new_store_is_migrated_in_wal_mode_with_foreign_keys(tmp_path):
    db = tmp_path / "p.db"
    with open_store(str(db)) as store:
        assert store.schema_version() == max(version for version, _n, _s in migration_scripts())
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with open_store(str(db)) as store:  # reopening applies nothing twice
        versions = [row[0] for row in store.connection.execute("SELECT version FROM schema_migrations")]
        assert versions == sorted(set(versions))


def test_same_content_is_stored_once_and_round_trips(tmp_path):
    with open_store(str(tmp_path / "p.db")) as store:
        assert store.add(_record(), raw_bytes=b"raw page", raw_format="text") == ("added", "d1")
        assert store.add(_record(doc_id="other-id")) == ("present", "d1")
        assert store.count("documents") == 1
        back = store.get_record("d1")
        assert back.text == "Troops shelled Goris."
        assert back.places[0].name == "Goris" and back.actors[0].mentions[0].text == "Troops"
        assert store.get_raw("d1") == (b"raw page", "text")
        assert store.resolve_id("d") == "d1"


def test_a_reused_id_with_other_content_gets_a_distinct_id(tmp_path):
    with open_store(str(tmp_path / "p.db")) as store:
        store.add(_record())
        status, doc_id = store.add(_record(text="Rebels took the hill.", content_hash="h2"))
        assert status == "added" and doc_id == "d1-h2"


def test_unknown_ids_and_non_databases_give_clear_errors(tmp_path):
    with open_store(str(tmp_path / "p.db")) as store:
        with pytest.raises(StoreError, match="nope: no such document"):
            store.get_record("nope")
    not_db = tmp_path / "notes.db"
    not_db.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a polemos database"):
        open_store(str(not_db))


def test_a_store_a_migration_cannot_be_applied_to_is_refused_in_one_line(tmp_path):
    from conftest import run_cli

    db = tmp_path / "other.db"
    open_store(str(db)).close()
    connection = sqlite3.connect(db)
    # The latest migration that changes tables (one that only has the store rewrite rows applies anywhere).
    last = max(
        version for version, _name, sql in migration_scripts() if re.search(r"^\s*(CREATE|ALTER|DROP)\b", sql, re.M)
    )
    connection.execute("DELETE FROM schema_migrations WHERE version = ?", (last,))  # as a different release left it
    connection.commit()
    connection.close()
    result = run_cli("documents", "--db", str(db))
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr.decode()
    assert (
        lines[0].startswith("polemos: error: ") and "cannot apply migration" in lines[0] and "Traceback" not in lines[0]
    )
    versions = {row[0] for row in sqlite3.connect(db).execute("SELECT version FROM schema_migrations")}
    assert last not in versions and len(versions) == len(migration_scripts()) - 1  # untouched
