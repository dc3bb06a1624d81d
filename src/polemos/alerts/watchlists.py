"""Watchlists: saved filters with a name, the same filters as ``polemos events`` (an
``EventFilter``) plus a minimum death toll, and where their alerts go."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import asdict, dataclass, field
from typing import Optional
from urllib.parse import urlsplit

from polemos.alerts.sealing import SealingError, is_sealed, load_key, open_secret, seal
from polemos.store import alerts as alert_rows
from polemos.store.event_filter import EventFilter
from polemos.store.watch import now

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
FILTER_FIELDS = ("actor", "type", "since", "until", "country", "place", "admin1", "near", "q", "acled", "modality")


@dataclass
class Watchlist:
    name: str
    filter: EventFilter = field(default_factory=EventFilter)
    min_dead: Optional[float] = None
    trend: bool = False
    webhook_url: Optional[str] = None
    webhook_secret: Optional[str] = None  # sealed in the store, with the URL (polemos.alerts.sealing)
    email_to: Optional[str] = None
    created_at: Optional[str] = None
    # Whether the webhook may be a private, loopback or link-local address: only when whoever
    # made the watchlist said so (`alerts add --allow-private-webhook`, `serve --allow-private-fetch`).
    webhook_private_ok: bool = False
    secret_problem: Optional[str] = field(default=None, repr=False)  # why the stored secret could not be unsealed

    def __post_init__(self) -> None:
        if not NAME.match(self.name or ""):
            raise ValueError(f"{self.name!r}: a watchlist name is letters, digits, '.', '_' or '-' (up to 64)")

    def filter_json(self) -> str:
        chosen = {key: getattr(self.filter, key) for key in FILTER_FIELDS if getattr(self.filter, key) is not None}
        if self.min_dead is not None:
            chosen["min_dead"] = self.min_dead
        return json.dumps(chosen, sort_keys=True)

    def describe(self) -> str:
        """The filter in words: ``type ASSAULT, near 14.5,-4.2 (100 km), at least 1 dead``."""
        parts = []
        for key in FILTER_FIELDS:
            value = getattr(self.filter, key)
            if value is None:
                continue
            if key == "near":
                parts.append(f"near {value[0]:g},{value[1]:g} ({value[2]:g} km)")
            elif key == "admin1":
                code, _, name = value.partition("|")
                parts.append(f"division {name} ({code})" if name else f"division {code}")
            else:
                parts.append(f"{'search' if key == 'q' else key} {value}")
        if self.min_dead is not None:
            parts.append(f"at least {self.min_dead:g} dead")
        return ", ".join(parts) or "every event"

    def public(self) -> dict:
        """What the workspace and `alerts list` show (never the webhook secret)."""
        shown = asdict(self)
        shown["filter"] = json.loads(self.filter_json())
        shown.pop("webhook_secret")
        shown.pop("secret_problem")
        shown["webhook_url"] = shown_webhook(self.webhook_url)
        shown["description"] = self.describe()
        return shown


def shown_webhook(url: Optional[str]) -> Optional[str]:
    """A webhook's address as shown to readers: its scheme, host and port only, since the path
    of many webhooks (chat services') is itself the credential."""
    if not url:
        return url
    if is_sealed(url):
        return "(sealed with another key)"
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}/" + ("…" if parts.path.strip("/") or parts.query else "")


def from_row(row) -> Watchlist:
    chosen = json.loads(row["filter_json"])
    min_dead = chosen.pop("min_dead", None)
    if chosen.get("near"):
        chosen["near"] = tuple(chosen["near"])
    url, secret, problem = row["webhook_url"], row["webhook_secret"], None
    try:
        url, secret = open_secret(url), open_secret(secret)
    except SealingError as error:  # the URL stays sealed, so its deliveries are queued and fail saying why
        secret, problem = None, f"webhook: {error}"
    return Watchlist(
        row["name"],
        EventFilter(**chosen),
        min_dead,
        bool(row["trend"]),
        url,
        secret,
        row["email_to"],
        row["created_at"],
        bool(row["webhook_private_ok"]),
        problem,
    )


class Watchlists:
    """The store's watchlists."""

    def __init__(self, store):
        self.store = store

    def add(self, watchlist: Watchlist) -> Watchlist:
        """Save a new watchlist, its webhook secret sealed; ValueError when the name is taken
        (or the sealing key cannot be used)."""
        watchlist.created_at = watchlist.created_at or now()
        if watchlist.webhook_url and not watchlist.webhook_secret:
            watchlist.webhook_secret = secrets.token_hex(16)
        key = load_key(create=True) if watchlist.webhook_url else None
        sealed_url = (
            seal(watchlist.webhook_url, key) if key and watchlist.webhook_url else None
        )  # its path is often a credential too
        sealed = seal(watchlist.webhook_secret, key) if key and watchlist.webhook_secret else None
        with self.store.transaction():
            added = alert_rows.insert_watchlist(
                self.store,
                watchlist.name,
                watchlist.filter_json(),
                watchlist.trend,
                sealed_url,
                sealed,
                watchlist.email_to,
                watchlist.created_at,
                watchlist.webhook_private_ok,
            )
        if not added:
            raise ValueError(f"a watchlist named {watchlist.name!r} exists already")
        return watchlist

    def seal_plain_secrets(self) -> int:
        """Seal the webhook addresses and secrets kept in the clear by a version before sealing;
        how many watchlists were."""
        rows = alert_rows.webhook_rows(self.store)
        plain = [row for row in rows if not (is_sealed(row["webhook_url"]) and is_sealed(row["webhook_secret"]))]
        if not plain:
            return 0
        key = load_key(create=True)

        def sealed(value):
            return value if not value or is_sealed(value) else seal(value, key)

        with self.store.transaction():
            for row in plain:
                alert_rows.replace_webhook(
                    self.store,
                    row["name"],
                    row["webhook_url"],
                    sealed(row["webhook_url"]),
                    sealed(row["webhook_secret"]),
                )
        return len(plain)

    def all(self) -> list[Watchlist]:
        return [from_row(row) for row in alert_rows.watchlist_rows(self.store)]

    def get(self, name: str) -> Optional[Watchlist]:
        row = alert_rows.watchlist_row(self.store, name)
        return from_row(row) if row else None

    def remove(self, name: str) -> bool:
        """Delete a watchlist with its alerts; False when there was none of that name."""
        with self.store.transaction():
            return alert_rows.delete_watchlist(self.store, name)
