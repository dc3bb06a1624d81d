"""The small registries a new engine or store backend is added to: the command line and
``open_store`` choose from them, so an entry there is the whole of the change."""

from __future__ import annotations

from conftest import run_cli
from polemos.engines import ENGINES, make_engine
from polemos.pipeline import PipelineConfig
from polemos.store import BACKENDS, SQLiteStore, open_store


def test_a_file_path_opens_the_last_backend_sqlite_and_a_postgres_url_is_claimed_first(tmp_path):
    assert [backend.name for backend in BACKENDS] == ["postgresql", "sqlite"]
    assert BACKENDS[0].claims("postgresql://user@127.0.0.1:5432/polemos")
    assert not BACKENDS[0].claims(str(tmp_path / "events.db"))
    with open_store(str(tmp_path / "events.db")) as store:
        assert isinstance(store, SQLiteStore)
    assert (tmp_path / "events.db").exists()


def test_an_unknown_engine_is_refused_naming_the_registered_ones(tmp_path):
    try:
        make_engine(PipelineConfig(), None, engine="gpu-farm")
    except ValueError as error:
        assert str(error) == "unknown engine 'gpu-farm'; choose one of local, dask"
    else:
        raise AssertionError("an unknown engine was accepted")
    assert set(ENGINES) == {"local", "dask"}


def test_the_ingest_command_offers_the_registered_engines(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Troops shelled the village of Dara on 3 March 2024, residents said.\n")
    refused = run_cli("ingest", str(story), "--db", str(tmp_path / "s.db"), "--engine", "gpu-farm")
    assert refused.returncode == 2
    assert "choose local or dask" in refused.stderr.decode()
    needs_scheduler = run_cli("ingest", str(story), "--db", str(tmp_path / "s.db"), "--engine", "dask")
    assert needs_scheduler.returncode == 2
    assert "--engine dask needs --scheduler ADDRESS" in needs_scheduler.stderr.decode()
    shown = run_cli("ingest", "--help", env={"COLUMNS": "200"}).stdout.decode()
    assert "local: this machine" in shown and "dask: an existing Dask cluster" in shown
