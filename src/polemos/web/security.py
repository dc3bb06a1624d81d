"""What keeps the workspace safe by default: headers, request size, host and token checks.

- Every response carries a strict Content-Security-Policy (no inline script or style, nothing
  from another origin), so article text that slips past escaping still cannot run.
- Request bodies over ``MAX_BODY_BYTES`` are refused before they are read in full.
- Without a token the server is meant for the local machine: requests must name a loopback
  host (a web page cannot reach it through DNS rebinding) and writes must be same-origin JSON.
- With a token, writes need ``Authorization: Bearer TOKEN``; with ``private`` reads need it
  too (a browser can present it once at /login and keep it in an HttpOnly cookie, which is
  accepted for reads only, so a cross-site request can never write).
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from typing import Optional

MAX_BODY_BYTES = 1_000_000
TOKEN_COOKIE = "polemos_token"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
OPEN_PATHS = ("/static/", "/login")


@dataclass(frozen=True)
class AccessPolicy:
    token: Optional[str] = None
    private: bool = False

    def token_matches(self, presented: Optional[str]) -> bool:
        return bool(self.token and presented) and hmac.compare_digest(self.token.encode(), presented.encode())

    def refusal(self, method: str, path: str, headers: dict[str, str]) -> Optional[tuple[int, str]]:
        """Why this request may not proceed, as (status, message); None when it may."""
        if self.token is None:
            return self._local_refusal(method, headers)
        if path.startswith(OPEN_PATHS):
            return None
        bearer = _bearer(headers.get("authorization", ""))
        if method in WRITE_METHODS:
            return None if self.token_matches(bearer) else (401, "this server needs Authorization: Bearer TOKEN for changes")
        if self.private and not (self.token_matches(bearer) or self.token_matches(_cookie(headers, TOKEN_COOKIE))):
            return 401, "this server is private: send Authorization: Bearer TOKEN or sign in at /login"
        return None

    def _local_refusal(self, method: str, headers: dict[str, str]) -> Optional[tuple[int, str]]:
        host = _hostname(headers.get("host", ""))
        if host not in LOOPBACK_HOSTS:
            return 421, f"this server answers only to a loopback host name, not {host!r}"
        if method in WRITE_METHODS:
            origin = headers.get("origin")
            if origin and _hostname(origin.split("://", 1)[-1]) not in LOOPBACK_HOSTS:
                return 403, "cross-origin writes are refused"
        return None


def _bearer(value: str) -> Optional[str]:
    scheme, _, credentials = value.partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None


def _cookie(headers: dict[str, str], name: str) -> Optional[str]:
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class GuardMiddleware:
    """Pure ASGI middleware: security headers on every response, then size and access checks."""

    def __init__(self, app, policy: AccessPolicy, max_body: int = MAX_BODY_BYTES):
        self.app = app
        self.policy = policy
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self.policy.refusal(scope["method"], scope["path"], headers)
        if refusal:
            await _send_error(send, *refusal)
            return
        declared = headers.get("content-length", "")
        if declared.isdigit():
            if int(declared) > self.max_body:
                await _send_error(send, 413, f"request body larger than {self.max_body} bytes")
                return
            await self.app(scope, receive, send)
            return
        # No declared length (chunked): read the body here, up to the limit, then replay it.
        body = await _read_body(receive, self.max_body)
        if body is None:
            await _send_error(send, 413, f"request body larger than {self.max_body} bytes")
            return
        await self.app(scope, _replay(body, receive), send)


async def _read_body(receive, limit: int) -> bytes | None:
    """The whole request body, or None once it passes ``limit`` bytes."""
    chunks, seen = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        seen += len(chunk)
        if seen > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive):
    sent = False

    async def replayed():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def _with_headers(send):
    async def wrapped(message):
        if message["type"] == "http.response.start":
            message = dict(message)
            present = {k.lower() for k, _ in message.get("headers", [])}
            message["headers"] = list(message.get("headers", [])) + [
                (k, v) for k, v in SECURITY_HEADERS if k not in present
            ]
        await send(message)

    return wrapped


async def _send_error(send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})
