"""Property-based fuzzing of what reads untrusted input: readers, cleaner, sentence splitter,
time normaliser, figure parser and the review API. Bounded to run in well under two minutes;
``benchmarks/fuzz.py`` runs the same targets for longer."""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_targets import TARGETS, review_bodies
from test_web_support import Server, copy_store, demo_store  # noqa: F401

CI = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def _property(name: str):
    check, strategy = TARGETS[name]

    @CI
    @given(strategy)
    def run(value):
        check(value)

    run.__name__ = f"test_{name.replace('-', '_')}"
    return run


test_reader_jsonl = _property("reader-jsonl")
test_reader_bytes = _property("reader-bytes")
test_reader_html_bytes = _property("reader-html-bytes")
test_cleaner_html = _property("cleaner-html")
test_cleaner_text = _property("cleaner-text")
test_sentence_split = _property("sentence-split")
test_time = _property("time")
test_figures = _property("figures")
test_numbers = _property("numbers")


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    db = copy_store(demo_store(tmp_path_factory), tmp_path_factory.mktemp("fuzz-review"))
    server = Server(db)
    with httpx.Client(base_url=server.base, timeout=30) as client:
        event = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
        yield client, f"/api/events/{event}/review"
    errors = server.stop()
    assert "Traceback" not in errors, errors[-3000:]


@pytest.mark.slow
def test_review_api_answers_any_body_with_a_json_verdict_never_a_server_error(review_server):
    client, url = review_server

    @settings(CI, max_examples=80)
    @given(review_bodies)
    def run(body):
        response = client.post(url, content=json.dumps(body), headers={"Content-Type": "application/json"})
        assert response.status_code in (200, 404, 422), (response.status_code, response.text)
        assert response.json()["status" if response.status_code != 200 else "review"]

    run()
