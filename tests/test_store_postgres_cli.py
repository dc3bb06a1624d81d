"""The CLI over a PostgreSQL store, as a user runs it: ``--db postgresql://…`` or ``POLEMOS_DB``
for ingest, documents, show, events and export, giving the same answers as the SQLite store."""

from __future__ import annotations

import json

import pytest

from conftest import DEMO, run_cli
from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from made_up_records import karabakh_record
from polemos.store import EventFilter, open_store

# The export checks of test_export, run here against a PostgreSQL store through this module's ``db``.
from test_export import (  # noqa: F401
    test_acled_csv_filtered_like_polemos_events,
    test_canonical_export_has_one_row_per_real_event,
    test_events_command_shows_canonical_events_with_their_sources,
    test_geojson_and_parquet,
    test_plover_jsonl_follows_the_manual_fields,
    two_outlets,
)


@pytest.fixture()
def db(postgres_url):
    """A PostgreSQL store holding the made-up Karabakh record with one confirmed event (as in test_export)."""
    with open_store(postgres_url) as store:
        store.add(karabakh_record())
        (flight,), _ = store.events(EventFilter(type="SANCTION"))
        store.review_event(flight.id, "confirmed", note="matches UNHCR figures", reviewer="ana")
    return postgres_url


@pytest.fixture(scope="module")
def sqlite_demo(tmp_path_factory) -> str:
    """The bundled demo articles ingested into a SQLite store: the answers PostgreSQL must match."""
    path = str(tmp_path_factory.mktemp("lite") / "demo.db")
    result = run_cli("ingest", "--quiet", "--db", path, str(DEMO))
    assert result.returncode == 0, result.stderr.decode()
    return path


def _ok(result) -> str:
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


@pytest.mark.slow
def test_ingest_show_events_and_export_over_postgres_match_sqlite(postgres_url, sqlite_demo):
    first = run_cli("ingest", "--quiet", "--db", postgres_url, str(DEMO))
    _ok(first)
    summary = first.stderr.decode()
    assert " added, 0 already present, 0 failed" in summary and "into postgresql://" in summary

    # POLEMOS_DB names the store too; the clean stage alone is enough to find every text present.
    again = run_cli("ingest", "--quiet", "--stages", "clean", str(DEMO), env={"POLEMOS_DB": postgres_url})
    assert "0 added" in again.stderr.decode() and " 0 failed" in again.stderr.decode(), again.stderr.decode()

    with open_store(postgres_url) as store, open_store(sqlite_demo) as lite:
        doc_ids = [row["id"] for row in store.documents()]
        # Listed in order of ingestion time (to the second), which differs between two runs: compare the sets.
        assert sorted(doc_ids) == sorted(row["id"] for row in lite.documents())
        expected_record = lite.get_record(doc_ids[0]).to_dict()
        filtered = {
            option: [item.id for item in lite.events(EventFilter(**chosen), limit=500)[0]]
            for option, chosen in _filters(lite).items()
        }
    listing = _ok(run_cli("documents", "--db", postgres_url))
    assert all(doc_id in listing for doc_id in doc_ids)
    assert json.loads(_ok(run_cli("show", "--json", "--db", postgres_url, doc_ids[0]))) == expected_record

    for view in ((), ("--reports",)):  # canonical events, then each document's
        events = _ok(run_cli("events", "--db", postgres_url, "--format", "json", "--limit", "500", *view))
        assert events.strip() and events == _ok(
            run_cli("events", "--db", sqlite_demo, "--format", "json", "--limit", "500", *view)
        )
    for option, expected_ids in filtered.items():
        narrowed = _ok(
            run_cli("events", "--db", postgres_url, "--reports", "--format", "json", "--limit", "500", *option)
        )
        assert [json.loads(line)["id"] for line in narrowed.splitlines()] == expected_ids, option
        assert expected_ids, option

    from_postgres = _ok(run_cli("export", "--db", postgres_url, "--format", "plover-jsonl", "-"))
    assert from_postgres.strip() and from_postgres == _ok(
        run_cli("export", "--db", sqlite_demo, "-f", "plover-jsonl", "-")
    )


def _filters(store) -> dict[tuple[str, ...], dict]:
    """CLI options and the same filter for the store, built from the store's first event."""
    (event,), _ = store.events(limit=1)
    word = max(event.evidence[0].text.split(), key=len).strip(".,;:\"'()")
    return {
        ("--type", event.type.lower()): {"type": event.type},
        ("--search", word.upper()): {"q": word},
        ("--doc", event.doc_id, "--since", "1900-01-01"): {"doc": event.doc_id, "since": "1900-01-01"},
    }


def test_a_bad_postgres_url_is_a_clear_cli_error():
    result = run_cli("events", "--db", "postgresql://ana:secret@127.0.0.1:1/polemos")
    message = result.stderr.decode()
    assert result.returncode == 1 and "cannot connect" in message
    assert "secret" not in message and "Traceback" not in message
