"""Sending alerts: a signed JSON POST to a webhook, and an e-mail digest through SMTP.

Every delivery is recorded (``alert_deliveries``): sent, or its attempts and last error with
the time of the next try (backing off, given up after ``MAX_ATTEMPTS``). A failing receiver
delays nothing else: each channel is tried with a short timeout, errors are recorded, never raised.

Webhook requests carry ``X-Polemos-Signature: sha256=HEX``, the HMAC-SHA256 of the exact
body with the watchlist's secret, so the receiver can check the alert came from this store.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from typing import Optional
from urllib.parse import quote

import httpx

from polemos.alerts.watchlists import Watchlists
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
            smtp_host=env.get("POLEMOS_SMTP_HOST") or None, smtp_port=int(env.get("POLEMOS_SMTP_PORT") or 25),
            smtp_from=env.get("POLEMOS_SMTP_FROM") or "polemos@localhost", smtp_user=env.get("POLEMOS_SMTP_USER") or None,
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
    return {"watchlist": alert["watchlist"], "id": alert["id"], "kind": alert["kind"], "title": alert["title"],
            "link": link(config, alert), "created_at": alert["created_at"], "updated_at": alert["updated_at"],
            "event": json.loads(alert["summary_json"])}


def deliver_pending(store, config: DeliveryConfig | None = None, at: Optional[datetime] = None) -> list[str]:
    """Send every delivery that is due; returns one line per watchlist and channel saying what happened."""
    config = config or DeliveryConfig.from_environment()
    moment = (at or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    rows = store.connection.execute(
        "SELECT d.alert_id, d.channel, d.attempts, a.* FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"
        " WHERE d.status = 'pending' AND (d.next_attempt IS NULL OR d.next_attempt <= ?)"
        " ORDER BY a.watchlist, a.updated_at, a.id", (moment,)).fetchall()
    due: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        due[(row["watchlist"], row["channel"])].append(dict(row))
    watchlists = Watchlists(store)
    lines = []
    for (name, channel), alerts in due.items():
        watchlist = watchlists.get(name)
        if watchlist is None:
            continue
        if channel == "webhook":
            sent = sum(_deliver_webhook(store, watchlist, alert, config) for alert in alerts)
            lines.append(f"alerts: {name}: {sent} of {len(alerts)} sent to the webhook")
        elif channel == "email":
            error = _send_digest(watchlist, alerts, config)
            for alert in alerts:
                _record(store, alert, channel, error)
            lines.append(f"alerts: {name}: " + (f"digest of {len(alerts)} mailed to {watchlist.email_to}" if error is None
                                                else f"e-mail digest failed ({error}); will retry"))
    return lines


def _deliver_webhook(store, watchlist, alert: dict, config: DeliveryConfig) -> bool:
    body = json.dumps(alert_payload(alert, config), ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(watchlist.webhook_secret or "", body),
               "User-Agent": "polemos-alerts"}
    try:
        response = httpx.post(watchlist.webhook_url, content=body, headers=headers, timeout=config.timeout)
        error = None if response.status_code < 300 else f"HTTP {response.status_code}"
    except httpx.HTTPError as failure:
        error = f"{type(failure).__name__}: {str(failure)[:160]}"
    _record(store, alert, "webhook", error)
    return error is None


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
            if config.smtp_starttls:
                smtp.starttls()
            if config.smtp_user:
                smtp.login(config.smtp_user, config.smtp_password or "")
            smtp.send_message(digest_message(watchlist, alerts, config))
    except (OSError, smtplib.SMTPException) as failure:
        return f"{type(failure).__name__}: {str(failure)[:160]}"
    return None


def _record(store, alert: dict, channel: str, error: Optional[str]) -> None:
    with store.transaction():
        if error is None:
            store.connection.execute(
                "UPDATE alert_deliveries SET status = 'sent', attempts = attempts + 1, last_error = NULL, sent_at = ?"
                " WHERE alert_id = ? AND channel = ?", (now(), alert["id"], channel))
            return
        attempts = alert["attempts"] + 1
        wait = timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempts - 1))
        store.connection.execute(
            "UPDATE alert_deliveries SET status = ?, attempts = ?, last_error = ?, next_attempt = ?"
            " WHERE alert_id = ? AND channel = ?",
            ("failed" if attempts >= MAX_ATTEMPTS else "pending", attempts, error[:500],
             (datetime.now(timezone.utc) + wait).isoformat(timespec="seconds"), alert["id"], channel))
