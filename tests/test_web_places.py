"""Place suggestions over real HTTP: the places the stored documents name come first, then the
gazetteer's (the GeoNames index ingest builds), namesakes told apart by their division and
country and the most populous first; a canonical event can be corrected to a gazetteer place;
a name nobody knows is refused in one line, and nothing changes."""

from __future__ import annotations

import pytest

from made_up_records import karabakh_record
from polemos.geo.gazetteer import Gazetteer, default_cache_dir
from polemos.store import open_store
from test_web_support import two_outlets_client


@pytest.fixture(scope="module", autouse=True)
def gazetteer_index():
    """Suggestions read the GeoNames index that ingest builds: build it where none is yet."""
    Gazetteer.open(default_cache_dir()).close()


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    yield from two_outlets_client(tmp_path_factory, "places")


def _suggest(client, text: str, limit: int = 12) -> list[dict]:
    answer = client.get("/api/place-suggestions", params={"q": text, "limit": limit})
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def test_the_documents_places_come_first_then_the_gazetteers_with_their_division(client):
    items = _suggest(client, "Gori")
    assert items[0]["value"] == "Goris (ARM)" and items[0]["source"] == "documents"
    gazetteer_values = [item["value"] for item in items if item["source"] == "gazetteer"]
    assert "Goris (Syunik', ARM)" in gazetteer_values and "Gori (Shida Kartli, GEO)" in gazetteer_values
    assert all(item["lat"] is not None and item["label"] for item in items)


def test_namesakes_are_told_apart_and_the_most_populous_comes_first(client):
    springfields = [item for item in _suggest(client, "Springfield", 20) if item["name"] == "Springfield"]
    values = [item["value"] for item in springfields]
    assert values[:2] == ["Springfield (Missouri, USA)", "Springfield (Massachusetts, USA)"]
    assert len(set(values)) == len(values) or all(item["feature"] for item in springfields)
    populations = [item["population"] for item in springfields if item["feature"] == "city"]
    assert populations == sorted(populations, reverse=True)
    assert _suggest(client, "Kharkiv")[0]["value"] == "Kharkiv (Kharkivska oblast, UKR)"  # the city, before its oblast


def test_a_canonical_event_is_moved_to_a_gazetteer_place(client):
    shelling = client.get("/api/canonical-events", params={"type": "ASSAULT"}).json()["items"][0]
    base = f"/api/canonical-events/{shelling['id']}"
    moved = client.post(
        base + "/review", json={"status": "corrected", "changes": {"place": "Kharkiv (Kharkivska oblast, UKR)"}}
    )
    assert moved.status_code == 200, moved.text
    place = moved.json()["canonical"]["place"]
    assert place["name"] == "Kharkiv" and place["country"] == "UKR" and abs(place["lat"] - 49.98) < 0.1
    assert "place: Kharkiv (Kharkivska oblast, UKR)" in moved.json()["history"][0]["lines"]


def test_a_place_nobody_knows_is_refused_and_nothing_changes(client):
    shelling = client.get("/api/canonical-events", params={"type": "SANCTION"}).json()["items"][0]
    base = f"/api/canonical-events/{shelling['id']}"
    refused = client.post(
        base + "/review", json={"status": "corrected", "changes": {"place": "Atlantis beneath the sea (Nowhere, ZZZ)"}}
    )
    assert refused.status_code == 422
    message = refused.json()["error"]
    assert "no stored place is named" in message and "nor has the gazetteer" in message and "\n" not in message
    assert client.get(base).json()["place"] == shelling["place"]
    assert client.get(base + "/history").json()["items"] == []
    assert _suggest(client, "<script>alert(1)</script>") == []
    assert client.get("/api/place-suggestions", params={"q": ""}).status_code == 422


def test_the_map_names_bigger_towns_far_out_and_smaller_ones_close_in(client):
    world = client.get("/api/map/places", params={"bbox": "-60,-180,80,180", "zoom": 2}).json()
    assert len(world["items"]) == 30 and all(
        place["population"] >= 2_000_000 or place["capital"] for place in world["items"]
    )
    sudan = client.get("/api/map/places", params={"bbox": "8,22,22,38", "zoom": 4}).json()
    assert sudan["items"][0]["name"] == "Khartoum"  # a capital is named however far out
    close = client.get("/api/map/places", params={"bbox": "39.3,46.0,40.0,46.9", "zoom": 10}).json()
    names = {place["name"] for place in close["items"]}
    assert "Goris" in names and all(39.3 <= place["lat"] <= 40.0 for place in close["items"])
    for bad in ({"bbox": "north", "zoom": 3}, {"bbox": "", "zoom": 3}, {"bbox": "1,2,3,4", "zoom": 99}):
        refused = client.get("/api/map/places", params=bad)
        assert refused.status_code == 422 and "Traceback" not in refused.text


def test_the_command_line_takes_a_gazetteer_place_too(tmp_path):
    from conftest import run_cli

    db = str(tmp_path / "cli.db")
    with open_store(db) as store:
        store.add(karabakh_record())
        shelling = store.canonical_events()[0][0].id
    moved = run_cli("review", "correct", shelling, "--place", "Springfield (Massachusetts, USA)", "--db", db)
    assert moved.returncode == 0, moved.stderr.decode()
    assert "Springfield" in moved.stdout.decode()
    refused = run_cli("review", "correct", shelling, "--place", "Atlantis beneath the sea", "--db", db)
    assert refused.returncode == 1 and "nor has the gazetteer a place of that name" in refused.stderr.decode()
    assert len(refused.stderr.decode().strip().splitlines()) == 1
    shown = run_cli("review", "history", shelling, "--db", db).stdout.decode()
    assert "place: Springfield (Massachusetts, USA)" in shown
