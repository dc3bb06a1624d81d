"""Watchlists limited to a first-level division, as the map, the list and the exports are: made
from the command line, the API and the Watchlists page's form, and matched after an ingest under
the map's precision rule (an event is in a division only when its place is precise enough)."""

from __future__ import annotations

import json

import httpx
import pytest

from conftest import run_cli
from made_up_records import karabakh_record
from polemos.alerts import Watchlist, Watchlists, check_and_deliver, record_alerts
from polemos.store import EventFilter, open_store
from test_web_support import Server

STEPANAKERT = "AZ.XC|Stepanakert"  # the shelling's division; the people fled to Goris, in Syunik (AM.SU)


def _titles(store, name: str) -> list[str]:
    return [
        row[0]
        for row in store.connection.execute("SELECT title FROM alerts WHERE watchlist = ? ORDER BY title", (name,))
    ]


def test_a_watchlist_alerts_only_for_new_events_placed_in_its_division(tmp_path):
    with open_store(str(tmp_path / "w.db")) as store:
        for name, division in (("stepanakert", STEPANAKERT), ("syunik", "AM.SU")):
            watchlist = Watchlists(store).add(Watchlist(name, EventFilter(admin1=division)))
            assert record_alerts(store, watchlist, [], baseline=True) == []
        store.add(karabakh_record())
        lines = check_and_deliver(store, ["kar"])
        assert "alerts: stepanakert: 1 new alert(s)" in lines and "alerts: syunik: 1 new alert(s)" in lines
        assert [title.split(" on ")[0] for title in _titles(store, "stepanakert")] == [
            "Assault (heavy-weapons) in Stepanakert"
        ]
        assert [title.split(" on ")[0] for title in _titles(store, "syunik")] == ["Sanction (expel) in Goris"]
        assert Watchlists(store).get("stepanakert").describe() == "division Stepanakert (AZ.XC)"


def test_the_command_line_takes_a_division_and_refuses_a_malformed_one(tmp_path):
    db = str(tmp_path / "cli.db")
    with open_store(db) as store:
        store.add(karabakh_record())
    added = run_cli("alerts", "add", "karabakh", "--admin1", STEPANAKERT, "--db", db)
    assert added.returncode == 0, added.stderr.decode()
    assert "division Stepanakert (AZ.XC); 1 events match already" in added.stdout.decode()  # the shelling, a baseline
    listed = [json.loads(line) for line in run_cli("alerts", "list", "--json", "--db", db).stdout.decode().splitlines()]
    assert listed[0]["filter"] == {"admin1": STEPANAKERT}
    refused = run_cli("alerts", "add", "nowhere", "--admin1", "|Nowhere", "--db", db)
    assert (
        refused.returncode == 2 and "--admin1" in refused.stderr.decode() and "Traceback" not in refused.stderr.decode()
    )
    assert run_cli("alerts", "list", "--db", db).stdout.decode().count("division") == 1  # nothing else was saved


@pytest.fixture()
def server(tmp_path):
    db = str(tmp_path / "web.db")
    with open_store(db) as store:
        store.add(karabakh_record())
    running = Server(db)
    yield running
    assert "Traceback" not in running.stop()


def test_the_api_saves_a_division_and_the_page_offers_the_stored_ones(server):
    with httpx.Client(base_url=server.base, timeout=30) as client:
        client.get("/api/map/areas")  # the map places the events in their divisions
        saved = client.post(
            "/api/watchlists", json={"name": "syunik", "filter": {"type": "SANCTION", "admin1": "AM.SU"}}
        )
        assert saved.status_code == 200, saved.text
        assert saved.json()["filter"] == {"admin1": "AM.SU", "type": "SANCTION"}
        assert saved.json()["description"] == "type SANCTION, division AM.SU"
        refused = client.post("/api/watchlists", json={"name": "bad", "filter": {"admin1": "|<b>x</b>"}})
        assert refused.status_code == 422 and "admin1" in refused.json()["error"]
        page = client.get("/watchlists", params={"admin1": STEPANAKERT}).text
        assert f'name="admin1" list="watch-divisions" value="{STEPANAKERT}"' in page
        assert f'<option value="{STEPANAKERT}">Stepanakert (AZE) · 1 events</option>' in page
        assert [w["name"] for w in client.get("/api/watchlists").json()["items"]] == ["syunik"]


def test_trends_compare_each_division_with_its_baseline(server):
    with httpx.Client(base_url=server.base, timeout=30) as client:
        answer = client.get("/api/trends", params={"by": "admin1", "granularity": "month"}).json()
        assert answer["by"] == "admin1" and answer["period"] == "2023-09"
        shown = {(item["division"], item["country"], item["admin1"], item["events"]) for item in answer["items"]}
        assert shown == {("Stepanakert", "AZE", STEPANAKERT, 1), ("Syunik", "ARM", "AM.SU|Syunik", 1)}
        reports = client.get("/api/trends", params={"by": "admin1", "view": "reports"}).json()
        assert {item["admin1"] for item in reports["items"]} == {STEPANAKERT, "AM.SU|Syunik"}
        assert client.get("/api/trends", params={"by": "region"}).status_code == 422
