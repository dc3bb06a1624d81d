"""The workspace's host, origin, token and sign-in rules, and errors that leave connections usable."""

from __future__ import annotations

import glob
import http.client
import json
import os
import socket
import tempfile
import time

import httpx
import pytest

from test_web_support import Server, copy_store, demo_store  # noqa: F401

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    db = copy_store(demo_store(tmp_path_factory), tmp_path_factory.mktemp("robust-local"))
    server = Server(db)
    yield server
    errors = server.stop()
    assert "Traceback" not in errors, errors[-3000:]


class BoundServer(Server):
    """A server on another address than 127.0.0.1, reached at that address."""

    def __init__(self, db: str, host: str, **options):
        self.bound = host
        super().__init__(db, host=host, **options)

    def _wait(self) -> None:
        self.base = f"http://{self.bound}:{self.port}"
        super()._wait()


def _event_id(base: str) -> str:
    return httpx.get(base + "/api/events", params={"limit": 1}).json()["items"][0]["id"]


def test_a_token_adds_to_the_host_check_and_never_replaces_it(tmp_path_factory):
    db = copy_store(demo_store(tmp_path_factory), tmp_path_factory.mktemp("robust-token"))
    server = Server(db, env={"POLEMOS_TOKEN": "s3cret-token"})
    try:
        rebound = httpx.get(server.base + "/api/events", headers={"Host": "attacker.example"})
        assert rebound.status_code == 421 and rebound.json()["status"] == 421
        assert httpx.get(server.base + "/api/events").status_code == 200
    finally:
        server.stop()


def test_a_loopback_address_other_than_127_0_0_1_is_its_own_name_and_needs_same_origin_json(tmp_path_factory):
    db = copy_store(demo_store(tmp_path_factory), tmp_path_factory.mktemp("robust-host"))
    server = BoundServer(db, host="127.0.0.2")
    base = server.base
    try:
        assert httpx.get(base + "/api/documents").status_code == 200  # Host: 127.0.0.2:PORT
        event = _event_id(base)
        url = f"{base}/api/events/{event}/review"
        other_port = f"http://127.0.0.2:{server.port + 1}"
        assert httpx.post(url, json={"status": "confirmed"}, headers={"Origin": other_port}).status_code == 403
        assert (
            httpx.post(
                url, json={"status": "confirmed"}, headers={"Origin": f"https://127.0.0.2:{server.port}"}
            ).status_code
            == 403
        )
        form = httpx.post(url, content="status=confirmed", headers={"Content-Type": "text/plain"})
        assert form.status_code == 415 and "JSON" in form.json()["error"]
        same = httpx.post(url, json={"status": "confirmed"}, headers={"Origin": base})
        assert same.status_code == 200, same.text
    finally:
        server.stop()


def test_failed_sign_ins_are_throttled_per_client(tmp_path_factory):
    db = copy_store(demo_store(tmp_path_factory), tmp_path_factory.mktemp("robust-login"))
    server = Server(db, extra=("--private",), env={"POLEMOS_TOKEN": "s3cret-token"})
    try:
        with httpx.Client(base_url=server.base, timeout=30) as client:
            statuses = [client.post("/login", data={"token": f"guess-{i}"}).status_code for i in range(8)]
            assert statuses[:5] == [401] * 5
            assert statuses[5:] == [429] * 3
            throttled = client.post("/login", data={"token": "s3cret-token"})
            assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) > 0
            assert throttled.json()["status"] == 429
    finally:
        server.stop()


def _raw_requests(port: int, requests: list[tuple[str, str, bytes | None]]) -> list[tuple[int, dict]]:
    """Several requests on one keep-alive connection, as a browser sends them."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    answers = []
    try:
        for method, path, body in requests:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answers.append((response.status, json.loads(response.read() or b"null")))
    finally:
        connection.close()
    return answers


def test_bad_values_are_422s_naming_the_field_and_the_connection_stays_usable(local):
    event = _event_id(local.base)
    review = f"/api/events/{event}/review"
    answers = _raw_requests(
        local.port,
        [
            ("GET", "/api/events?q=%00", None),
            ("GET", "/api/documents", None),
            ("POST", review, json.dumps({"status": "corrected", "changes": {"place": 1e20}}).encode()),
            ("GET", "/api/documents", None),
            ("POST", review, json.dumps({"status": "corrected", "changes": {"size": [1, 2]}}).encode()),
            ("GET", "/api/documents", None),
            (
                "POST",
                review,
                json.dumps({"status": "corrected", "changes": {"size": {"dead": {"min": 1e300}}}}).encode(),
            ),
            ("POST", review, b"{not json"),
            ("GET", "/api/documents", None),
        ],
    )
    statuses = [status for status, _body in answers]
    assert statuses == [422, 200, 422, 200, 422, 200, 422, 422, 200]
    assert answers[0][1]["error"].startswith("q:")
    assert "changes.place" in answers[2][1]["error"]
    assert "changes.size" in answers[4][1]["error"]
    assert "changes.size.dead.min" in answers[6][1]["error"]


def test_every_error_is_json(local):
    for response in (
        httpx.get(local.base + "/api/events/no-such-event"),
        httpx.get(local.base + "/api/events", params={"limit": 100000}),
        httpx.get(local.base + "/no-such-page"),
        httpx.get(local.base + "/api/events", headers={"Host": "elsewhere.example"}),
    ):
        assert response.status_code >= 400
        assert response.headers["content-type"].startswith("application/json")
        assert response.json()["status"] == response.status_code


def test_an_export_abandoned_by_its_client_leaves_no_temporary_file(local):
    pattern = os.path.join(tempfile.gettempdir(), "polemos-export-*")
    before = set(glob.glob(pattern))
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", local.port)) as connection:
            connection.sendall(
                f"GET /api/export?format=plover HTTP/1.1\r\nHost: 127.0.0.1:{local.port}\r\n\r\n".encode()
            )
            connection.recv(200)  # the response has begun; hang up
    time.sleep(1.0)
    assert set(glob.glob(pattern)) - before == set()
    assert httpx.get(local.base + "/api/export", params={"format": "plover"}).status_code == 200
