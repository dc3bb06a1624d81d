"""A polite, bounded HTTP fetcher for watching sources: robots.txt, a per-host pace,
conditional GET, timeouts, size and content-type limits, retries with backoff.

It never raises for a bad answer: every fetch returns a ``Fetched`` whose ``error`` says, in
one line, why nothing usable came back. Requests a user makes through the web workspace are
checked with ``refuse_private_address`` first, so the server cannot be used as a proxy into
its own network.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Optional
from urllib import robotparser
from urllib.parse import urlsplit

import httpx

from polemos import __version__

USER_AGENT = f"polemos/{__version__} (+https://github.com/polemos; watching news sources)"
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_HOST_INTERVAL = 1.0  # seconds between two requests to one host
RETRY_STATUSES = {429, 500, 502, 503, 504}
ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("xml", "rss", "atom", "text/html", "application/xhtml+xml", "text/plain")


@dataclass
class FetchPolicy:
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    host_interval: float = DEFAULT_HOST_INTERVAL
    retries: int = 2
    backoff: float = 1.0  # first wait before a retry; doubled each time
    respect_robots: bool = True
    user_agent: str = USER_AGENT
    public_only: bool = False  # refuse private, loopback and link-local addresses, redirects included


@dataclass
class Fetched:
    url: str
    status: int = 0
    body: bytes = b""
    content_type: str = ""
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    error: Optional[str] = None  # why there is no usable body (None when there is, or on 304)
    headers: dict = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return self.error is None and not self.not_modified


class Fetcher:
    """One HTTP client for a watch run; safe to use from several threads, which then fetch from
    several hosts at once while each host gets one request at a time, at its pace."""

    def __init__(self, policy: FetchPolicy | None = None):
        self.policy = policy or FetchPolicy()
        # A public-only fetcher connects to the very address it checked (each redirect too), and
        # checks the open connection's peer again before reading the answer.
        public_only = self.policy.public_only
        self.client = httpx.Client(
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=True,
            headers={"User-Agent": self.policy.user_agent},
            max_redirects=5,
            event_hooks={"response": [refuse_private_peer]} if public_only else {},
            transport=PinnedTransport(public_only=True) if public_only else None,
        )
        self._robots: dict[str, Optional[robotparser.RobotFileParser]] = {}
        self._next_slot: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch(
        self,
        url: str,
        accept: tuple[str, ...] = ARTICLE_TYPES,
        etag: Optional[str] = None,
        last_modified: Optional[str] = None,
    ) -> Fetched:
        """GET ``url`` within the policy; ``etag``/``last_modified`` make it conditional."""
        if urlsplit(url).scheme not in ("http", "https"):
            return Fetched(url, error="not an http(s) URL")
        if not self.allowed(url):
            return Fetched(url, error="disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        wait = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            with self._host_turn(url):  # one request at a time per host, however many threads fetch
                self._pace(url)
                result = self._get_once(url, headers, accept)
            if not _worth_retrying(result) or attempt == self.policy.retries:
                return result
            time.sleep(_retry_after(result, wait))
            wait *= 2
        return result  # pragma: no cover - the loop always returns

    def _get_once(self, url: str, headers: dict, accept: tuple[str, ...]) -> Fetched:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                fetched = Fetched(
                    str(response.url),
                    response.status_code,
                    content_type=response.headers.get("content-type", "").lower(),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    headers=dict(response.headers),
                )
                if response.status_code == 304:
                    return fetched
                if response.status_code >= 400:
                    fetched.error = f"HTTP {response.status_code}"
                    return fetched
                if accept and fetched.content_type and not any(kind in fetched.content_type for kind in accept):
                    fetched.error = f"content type {fetched.content_type.split(';')[0]} is not {' or '.join(accept)}"
                    return fetched
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
                    fetched.error = f"larger than {self.policy.max_bytes} bytes"
                    return fetched
                fetched.body = self._read_bounded(response, fetched)
                return fetched
        except PrivateAddress as error:
            return Fetched(url, error=str(error))
        except httpx.TimeoutException:
            return Fetched(url, error=f"timed out after {self.policy.timeout:g} s")
        except httpx.HTTPError as error:
            return Fetched(url, error=f"{type(error).__name__}: {str(error)[:160]}")

    def _read_bounded(self, response: httpx.Response, fetched: Fetched) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.policy.max_bytes:
                fetched.error = f"larger than {self.policy.max_bytes} bytes"
                return b""
            chunks.append(chunk)
        return b"".join(chunks)

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets us fetch ``url`` (read once per host; none found: yes)."""
        if not self.policy.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = origin in self._robots
        if not known:
            with self._host_turn(origin):
                parser = self._robots.get(origin) if origin in self._robots else self._read_robots(origin)
            with self._lock:
                self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, origin: str) -> Optional[robotparser.RobotFileParser]:
        self._pace(origin)
        try:
            response = self.client.get(f"{origin}/robots.txt")
        except (httpx.HTTPError, PrivateAddress):
            return None  # unreachable robots.txt: the fetch itself will say what is wrong
        parser = robotparser.RobotFileParser()
        if response.status_code in (401, 403):
            parser.disallow_all = True  # type: ignore[attr-defined]  # robotparser's own flag, set as its read() does
        elif response.status_code < 400:
            parser.parse(response.text[: self.policy.max_bytes].splitlines())
        else:
            return None  # no robots.txt: everything allowed
        return parser

    def _host_turn(self, url: str) -> threading.Lock:
        """The lock a request to ``url``'s host holds while it runs."""
        host = urlsplit(url).netloc
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _pace(self, url: str) -> None:
        """Wait until this host's next slot: at most one request per ``host_interval`` seconds."""
        if self.policy.host_interval <= 0:
            return
        host = urlsplit(url).netloc
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + self.policy.host_interval
        if slot > now:
            time.sleep(slot - now)


def _worth_retrying(result: Fetched) -> bool:
    if result.status in RETRY_STATUSES:
        return True
    error = result.error or ""
    return result.status == 0 and bool(error) and "robots" not in error and "http(s)" not in error


def _retry_after(result: Fetched, default: float) -> float:
    """The server's Retry-After (in seconds, capped at a minute) or our own backoff."""
    value = (result.headers or {}).get("retry-after", "")
    return min(60.0, float(value)) if value.isdigit() else default


class PrivateAddress(ValueError):
    pass


class PinnedTransport(httpx.HTTPTransport):
    """Sends each request (each redirect included) to an address its host resolved to just now
    (a public one, when ``public_only``), never letting the connection look the name up again:
    with public_only, the request itself cannot reach the network inside, even once, through a
    name that rebinds between check and use."""

    def __init__(self, public_only: bool = True, **options):
        super().__init__(**options)
        self.public_only = public_only

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        address = checked_addresses(url, public_only=self.public_only)[0]
        pinned, host, extensions = pinned_request(url, address)
        headers = httpx.Headers(request.headers)
        headers["Host"] = host["Host"]
        sent = httpx.Request(
            request.method,
            pinned,
            headers=headers,
            stream=request.stream,
            extensions={**request.extensions, **extensions},
        )
        return super().handle_request(sent)  # the client puts the request as made back on the response


def refuse_private_peer(response: httpx.Response) -> None:
    """Checked on the connection itself, once it is open: a name that resolved to a public
    address for the check and to a private one for the connection (DNS rebinding) is caught
    here, before anything of the answer is read."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return
    address = ipaddress.ip_address(str(peer[0]).split("%")[0])
    if not address.is_global or address.is_multicast:
        response.close()
        raise PrivateAddress(
            f"{response.request.url.host} connected to {address}, a private, loopback or link-local"
            " address; the server refuses to fetch it (start it with --allow-private-fetch to allow)"
        )


def refuse_private_address(url: str) -> None:
    """Raise ``PrivateAddress`` unless every address ``url``'s host resolves to is public.

    Used before fetching on a user's request: loopback, private, link-local, reserved and
    multicast addresses are refused, so the server reaches nothing a visitor could not."""
    checked_addresses(url, public_only=True)


def checked_addresses(url: str, public_only: bool) -> list[str]:
    """The addresses to connect to for ``url``: its host resolved once, every address checked
    when ``public_only``. A connection made to one of them (not to the name again) is pinned:
    the name cannot resolve elsewhere between the check and the request."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PrivateAddress(f"{url[:200]!r} is not an http(s) URL")
    try:
        infos = socket.getaddrinfo(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise PrivateAddress(f"{parts.hostname}: cannot resolve ({error})") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses:
        raise PrivateAddress(f"{parts.hostname}: resolves to no address")
    for address in addresses if public_only else ():
        if not address.is_global or address.is_multicast:
            raise PrivateAddress(
                f"{parts.hostname} resolves to {address}, a private, loopback or link-local address;"
                " the server refuses to fetch it (start it with --allow-private-fetch to allow)"
            )
    return list(dict.fromkeys(str(address) for address in addresses))


def pinned_request(url: str, address: str) -> tuple[str, dict, dict]:
    """(URL, headers, extensions) that reach ``url``'s host at ``address``, an address checked
    by ``checked_addresses``: the URL names the address, the Host header and TLS (SNI and the
    certificate check) the name."""
    parts = urlsplit(url)
    shown = f"[{address}]" if ":" in address else address
    userinfo = parts.netloc.rpartition("@")[0]  # credentials in the URL still go along (as Basic auth)
    netloc = (f"{userinfo}@" if userinfo else "") + shown + (f":{parts.port}" if parts.port else "")
    pinned = parts._replace(netloc=netloc).geturl()
    host = (parts.hostname or "") if not parts.port else f"{parts.hostname}:{parts.port}"
    if ":" in (parts.hostname or "") and not host.startswith("["):  # an IPv6 literal keeps its brackets
        host = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return pinned, {"Host": host}, extensions
