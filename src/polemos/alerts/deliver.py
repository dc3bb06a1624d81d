"""Sending alerts: a signed JSON POST to a webhook, and an e-mail digest through SMTP.

Every delivery is recorded (``alert_deliveries``): sent, or its attempts and last error with
the time of the next try (backing off, given up after ``MAX_ATTEMPTS``). A failing receiver
delays nothing else: each channel is tried with a short timeout, errors are recorded, never raised.

Webhook requests carry ``X-Polemos-Signature: sha256=HEX``, the HMAC-SHA256 of the exact
body with the watchlist's secret, so the receiver can check the alert came from this store.
The secret is sealed in the store (``polemos.alerts.sealing``); each POST goes to the address
checked just before it (``post_webhook``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import smtplib
import ssl
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from typing import Optional
from urllib.parse import quote

import httpx

from polemos.alerts.sealing import SealingError
from polemos.alerts.watchlists import Watchlists
from polemos.ingest.fetch import PrivateAddress, checked_addresses, pinned_request
from polemos.store import alerts as alert_rows
from polemos.store.watch import now

MAX_ATTEMPTS = 6
FIRST_RETRY_SECONDS = 30  # doubled after each failure
SIGNATURE_HEADER = "X-Polemos-Signature"


@dataclass
class DeliveryConfig:
    smtp_host: Optional[str] = None
    smtp_port: int = 25
    smtp_from: str = "polemos@localhost"
    smtp_user: Optional[str] = None
    smtp_password: Optional[str] = None
    smtp_starttls: bool = False
    workspace_url: str = "http://127.0.0.1:8000"  # where links in alerts point
    timeout: float = 10.0

    @classmethod
    def from_environment(cls) -> "DeliveryConfig":
        env = os.environ
        return cls(
            smtp_host=env.get("POLEMOS_SMTP_HOST") or None,
            smtp_port=int(env.get("POLEMOS_SMTP_PORT") or 25),
            smtp_from=env.get("POLEMOS_SMTP_FROM") or "polemos@localhost",
            smtp_user=env.get("POLEMOS_SMTP_USER") or None,
            smtp_password=env.get("POLEMOS_SMTP_PASSWORD") or None,
            smtp_starttls=(env.get("POLEMOS_SMTP_STARTTLS") or "").lower() in ("1", "yes", "true"),
            workspace_url=(env.get("POLEMOS_WORKSPACE_URL") or "http://127.0.0.1:8000").rstrip("/"),
        )


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def link(config: DeliveryConfig, alert: dict) -> str:
    """Where the alert opens in the workspace: its canonical event, or the watchlist's events."""
    if alert.get("canonical_id"):
        return f"{config.workspace_url}/canonical/{quote(alert['canonical_id'])}"
    return f"{config.workspace_url}/watchlists"


def alert_payload(alert: dict, config: DeliveryConfig) -> dict:
    return {
        "watchlist": alert["watchlist"],
        "id": alert["id"],
        "kind": alert["kind"],
        "title": alert["title"],
        "link": link(config, alert),
        "created_at": alert["created_at"],
        "updated_at": alert["updated_at"],
        "event": json.loads(alert["summary_json"]),
    }


def deliver_pending(store, config: DeliveryConfig | None = None, at: Optional[datetime] = None) -> list[str]:
    """Send every delivery that is due; returns one line per watchlist and channel saying what happened."""
    config = config or DeliveryConfig.from_environment()
    moment = (at or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    due: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in alert_rows.due_deliveries(store, moment):
        due[(row["watchlist"], row["channel"])].append(row)
    watchlists = Watchlists(store)
    lines = []
    try:
        watchlists.seal_plain_secrets()  # kept in the clear by a version before sealing
    except SealingError as error:
        lines.append(f"alerts: webhook secrets left unsealed ({error})")
    for (name, channel), alerts in due.items():
        watchlist = watchlists.get(name)
        if watchlist is None:
            continue
        if channel == "webhook":
            sent, unreachable = _deliver_webhooks(store, watchlist, alerts, config)
            lines.append(
                f"alerts: {name}: {sent} of {len(alerts)} sent to the webhook"
                + ("; the rest wait, as it cannot be reached" if unreachable else "")
            )
        elif channel == "email":
            failure = _send_digest(watchlist, alerts, config)
            for alert in alerts:
                _record(store, alert, channel, failure)
            lines.append(
                f"alerts: {name}: "
                + (
                    f"digest of {len(alerts)} mailed to {watchlist.email_to}"
                    if failure is None
                    else f"e-mail digest failed ({failure}); will retry"
                )
            )
    return lines


def _deliver_webhooks(store, watchlist, alerts: list[dict], config: DeliveryConfig) -> tuple[int, bool]:
    """(alerts sent, whether some were left untried). A webhook that cannot be reached (no
    answer, refused, timed out, not allowed) costs one attempt per round, not one timeout per
    alert: the alerts after it stay due and wait for the next round."""
    sent = 0
    for position, alert in enumerate(alerts):
        error = _deliver_webhook(store, watchlist, alert, config)
        if error is None:
            sent += 1
        elif not error.startswith("HTTP "):  # an answer of the receiver's is about this alert; anything else is not
            return sent, position < len(alerts) - 1
    return sent, False


def _deliver_webhook(store, watchlist, alert: dict, config: DeliveryConfig) -> Optional[str]:
    """None when the alert was taken, else why not (recorded either way)."""
    if watchlist.webhook_secret is None:  # sealed with a key this process does not have
        error = watchlist.secret_problem or "webhook secret: missing"
    else:
        body = json.dumps(alert_payload(alert, config), ensure_ascii=False, sort_keys=True).encode("utf-8")
        error = post_webhook(
            watchlist.webhook_url,
            body,
            sign(watchlist.webhook_secret, body),
            public_only=not watchlist.webhook_private_ok,
            timeout=config.timeout,
        )
    _record(store, alert, "webhook", error)
    return error


def post_webhook(url: str, body: bytes, signature: str, public_only: bool, timeout: float) -> Optional[str]:
    """POST ``body`` to ``url``; None when it was taken, else why not in one line.

    The host is resolved and checked once, then the connection goes to that very address (no
    second lookup a rebinding name could answer differently), and redirects are not followed:
    a webhook made to reach a public address never reaches the network inside."""
    try:
        addresses = checked_addresses(url, public_only)
    except PrivateAddress as refused:
        reason = str(refused).split(";")[0]
        if "private" not in reason:
            return reason
        return f"{reason}; this webhook may reach public addresses only (made without --allow-private-webhook)"
    for address in addresses:  # in the resolver's order, as a client would, until one connects
        pinned, host, extensions = pinned_request(url, address)
        headers = {
            **host,
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature,
            "User-Agent": "polemos-alerts",
        }
        try:
            with httpx.Client(timeout=timeout, follow_redirects=False) as client:
                response = client.post(pinned, content=body, headers=headers, extensions=extensions)
            break
        except httpx.ConnectError as failure:
            error = f"ConnectError: {str(failure)[:160]}"
        except httpx.HTTPError as failure:
            return f"{type(failure).__name__}: {str(failure)[:160]}"
    else:
        return error
    return None if response.status_code < 300 else f"HTTP {response.status_code}"


def digest_message(watchlist, alerts: list[dict], config: DeliveryConfig) -> EmailMessage:
    """One e-mail listing the new matches, each with its evidence sentences and a link into the workspace."""
    message = EmailMessage()
    message["Subject"] = f"polemos: {len(alerts)} new alert{'s' if len(alerts) != 1 else ''} for {watchlist.name}"
    message["From"] = config.smtp_from
    message["To"] = watchlist.email_to
    lines = [f"Watchlist {watchlist.name} ({watchlist.describe()}): {len(alerts)} new alert(s).", ""]
    for alert in alerts:
        summary = json.loads(alert["summary_json"])
        lines += [f"* {alert['title']}", f"  {link(config, alert)}"]
        if summary.get("rule"):
            lines.append(f"  Rule: {summary['rule']}")
        for source in summary.get("sources", []):
            lines.append(f"  {source.get('title') or source['doc_id']} ({source.get('published') or 'undated'}):")
            lines += [f"    \u201c{sentence}\u201d" for sentence in source.get("evidence", [])]
        lines.append("")
    message.set_content("\n".join(lines))
    return message


def _send_digest(watchlist, alerts: list[dict], config: DeliveryConfig) -> Optional[str]:
    if not config.smtp_host:
        return "no SMTP server configured (POLEMOS_SMTP_HOST)"
    try:
        with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=config.timeout) as smtp:
            if config.smtp_starttls:  # with the server's certificate checked, as smtplib does not by default
                smtp.starttls(context=ssl.create_default_context())
            if config.smtp_user:
                smtp.login(config.smtp_user, config.smtp_password or "")
            smtp.send_message(digest_message(watchlist, alerts, config))
    except (OSError, smtplib.SMTPException) as failure:
        return f"{type(failure).__name__}: {str(failure)[:160]}"
    return None


def _record(store, alert: dict, channel: str, error: Optional[str]) -> None:
    with store.transaction():
        if error is None:
            alert_rows.delivery_sent(store, alert["id"], channel, now())
            return
        attempts = alert["attempts"] + 1
        wait = timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempts - 1))
        alert_rows.delivery_failed(
            store,
            alert["id"],
            channel,
            "failed" if attempts >= MAX_ATTEMPTS else "pending",
            attempts,
            error[:500],
            (datetime.now(timezone.utc) + wait).isoformat(timespec="seconds"),
        )
