"""Requests the HTTP parser cannot read get a JSON 400 from the real server, like every other
error of the workspace, and the server goes on answering."""

from __future__ import annotations

import json
import socket

import httpx
import pytest

from test_web_support import Server

MALFORMED = {
    "request line": b"NOT A REQUEST\r\n\r\n",
    "header without colon": b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nthis is no header\r\n\r\n",
    "two lengths": b"POST /api/reviews HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello",
    "bad chunk": b"POST /api/reviews HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    "control character in target": b"GET /api/\x00events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(str(tmp_path_factory.mktemp("malformed") / "empty.db"))
    yield running
    errors = running.stop()
    assert "Traceback" not in errors, errors[-3000:]


def raw_exchange(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_request_is_answered_with_a_json_400(server, kind):
    answer = raw_exchange(server.port, MALFORMED[kind])
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400"), (kind, answer[:300])
    assert b"content-type: application/json" in head.lower()
    assert json.loads(body) == {"error": "malformed HTTP request: the server could not read it", "status": 400}
    assert httpx.get(server.base + "/api/events").status_code == 200  # and the server goes on
