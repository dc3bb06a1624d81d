"""What keeps the workspace safe by default: headers, request size, host and token checks.

- Every response carries a strict Content-Security-Policy (no inline script or style, nothing
  from another origin), so article text that slips past escaping still cannot run.
- Request bodies over ``MAX_BODY_BYTES`` are refused before they are read in full.
- Every request must name a host the server answers to: a loopback name, the address it was
  started on, or (started on a wildcard address) an IP address or the machine's name. A web
  page reaching it through DNS rebinding names its own domain and is refused, token or not.
- Writes must come from the server's own origin (scheme, host and port, when the browser
  says) and be JSON, so no form or page elsewhere can post one.
- With a token, writes also need ``Authorization: Bearer TOKEN``; with ``private`` reads need
  it too (a browser can present it once at /login and keep it in an HttpOnly cookie, which is
  accepted for reads only, so a cross-site request can never write). Failed sign-ins are
  throttled per client.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import socket
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Optional

log = logging.getLogger("polemos.web")

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
FORM_PATHS = ("/login",)  # the one write a plain HTML form makes
WILDCARD_HOSTS = {"", "0.0.0.0", "::", "[::]"}


@dataclass(frozen=True)
class AccessPolicy:
    token: Optional[str] = None
    private: bool = False
    hosts: frozenset[str] = frozenset()  # names this server answers to besides loopback ones
    any_address: bool = False  # bound to a wildcard address: any IP address is its own name

    @classmethod
    def for_host(cls, host: str, token: Optional[str] = None, private: bool = False) -> "AccessPolicy":
        """The policy of a server listening on ``host``: that address (or name) is its own."""
        bound = _hostname(host if ":" not in host or host.startswith("[") else f"[{host}]")
        if bound in WILDCARD_HOSTS:
            names = {socket.gethostname().lower(), socket.getfqdn().lower()}
            return cls(token, private, frozenset(names), any_address=True)
        return cls(token, private, frozenset({bound}))

    def answers_to(self, host: str) -> bool:
        return host in LOOPBACK_HOSTS or host in self.hosts or (self.any_address and _is_address(host))

    def token_matches(self, presented: Optional[str]) -> bool:
        if not (self.token and presented):
            return False
        return hmac.compare_digest(self.token.encode(), presented.encode())

    def refusal(
        self, method: str, path: str, headers: dict[str, str], scheme: str = "http"
    ) -> Optional[tuple[int, str]]:
        """Why this request may not proceed, as (status, message); None when it may."""
        host = _hostname(headers.get("host", ""))
        if not self.answers_to(host):
            return 421, f"this server does not answer to the host name {host[:100]!r}"
        if method in WRITE_METHODS:
            refused = _write_refusal(path, headers, scheme)
            if refused:
                return refused
        if self.token is None or path.startswith(OPEN_PATHS):
            return None
        bearer = _bearer(headers.get("authorization", ""))
        if method in WRITE_METHODS:
            return (
                None
                if self.token_matches(bearer)
                else (401, "this server needs Authorization: Bearer TOKEN for changes")
            )
        if self.private and not (self.token_matches(bearer) or self.token_matches(_cookie(headers, TOKEN_COOKIE))):
            return 401, "this server is private: send Authorization: Bearer TOKEN or sign in at /login"
        return None


def _write_refusal(path: str, headers: dict[str, str], scheme: str) -> Optional[tuple[int, str]]:
    """Writes come from this server's own origin, and (but for the sign-in form) as JSON."""
    origin = headers.get("origin")
    if origin is not None and not _same_origin(origin, scheme, headers.get("host", "")):
        return 403, "cross-origin writes are refused"
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return 403, "cross-origin writes are refused"
    media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if not path.startswith(FORM_PATHS) and media_type != "application/json":
        return 415, "changes must be sent as JSON (Content-Type: application/json)"
    return None


def _same_origin(origin: str, scheme: str, host: str) -> bool:
    """Whether ``origin`` is this server as the request addressed it: scheme, host and port."""
    return origin.strip().lower().rstrip("/") == f"{scheme}://{host.strip().lower()}"


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass
class LoginThrottle:
    """Failed sign-ins per client address: after ``attempts`` failures within ``window``
    seconds, that client waits out the window before trying again."""

    attempts: int = 5
    window: float = 60.0
    max_clients: int = 10_000
    _failures: OrderedDict = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(self, client: str) -> float:
        """Seconds ``client`` must wait before its next attempt (0: it may try now)."""
        with self._lock:
            recent = self._recent(client)
            if len(recent) < self.attempts:
                return 0.0
            return max(0.0, recent[0] + self.window - time.monotonic())

    def failed(self, client: str) -> None:
        with self._lock:
            self._failures[client] = self._recent(client) + [time.monotonic()]
            self._failures.move_to_end(client)
            while len(self._failures) > self.max_clients:
                self._failures.popitem(last=False)

    def _recent(self, client: str) -> list[float]:
        cutoff = time.monotonic() - self.window
        return [moment for moment in self._failures.get(client, []) if moment > cutoff][-self.attempts :]


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
        refusal = self.policy.refusal(scope["method"], scope["path"], headers, scope.get("scheme", "http"))
        if refusal:
            await _send_error(send, *refusal)
            return
        declared = headers.get("content-length", "")
        if declared.isdigit():
            if int(declared) > self.max_body:
                await _send_error(send, 413, f"request body larger than {self.max_body} bytes")
                return
        else:
            # No declared length (chunked): read the body here, up to the limit, then replay it.
            body = await _read_body(receive, self.max_body)
            if body is None:
                await _send_error(send, 413, f"request body larger than {self.max_body} bytes")
                return
            receive = _replay(body, receive)
        await self._answer(scope, receive, send)

    async def _answer(self, scope, receive, send) -> None:
        """Run the application; an unexpected error becomes a JSON 500 here, so the server's
        last-resort handler never sees it and the client's connection stays usable."""
        started = False

        async def tracked(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:  # noqa: BLE001 - logged, answered, and the server goes on
            log.exception("error answering %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _send_error(send, 500, "internal error (see the server log)")


async def _read_body(receive, limit: int) -> bytes | None:
    """The whole request body, or None once it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    seen = 0
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
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
