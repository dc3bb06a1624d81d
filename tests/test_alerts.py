"""Watchlists and alerts after a plain `polemos ingest`: a signed webhook checked by a receiver
on 127.0.0.1, an e-mail digest received by a local SMTP server (aiosmtpd), the death toll
rule, failed deliveries retried without holding up ingest, and trend alerts."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import threading
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import run_cli
from test_web_support import free_port
from watch_site import article_text

pytestmark = pytest.mark.slow  # the spaCy pipeline, through `polemos ingest`

FIRST = """Gunmen kill three in attack on Mopti market

Gunmen attacked a crowded market in Mopti, Mali, on 1 March 2026, killing three civilians, local officials said on Saturday.

Witnesses said the attackers arrived on motorcycles shortly after dawn and fired on traders for nearly an hour.
"""
RISEN = """Toll from Mopti market attack rises

Nine people were killed when gunmen attacked a crowded market in Mopti, Mali, on 1 March 2026, a hospital official said on Monday, raising the toll given earlier.

Several of the wounded died overnight, the official said, and relatives were still searching for the missing.
"""
SAME = """Mopti traders mourn after market attack

Traders in Mopti, Mali, closed their stalls on Tuesday in memory of the nine people killed when gunmen attacked the town's market on 1 March 2026.

Community leaders called on the authorities to protect the market when it reopens.
"""


class Hooks:
    """A webhook receiver on 127.0.0.1 that keeps each body with whether its signature checks out."""

    def __init__(self):
        self.received: list[tuple[dict, bool]] = []
        self.secret = ""
        hooks = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                expected = "sha256=" + hmac.new(hooks.secret.encode(), body, hashlib.sha256).hexdigest()
                hooks.received.append(
                    (json.loads(body), hmac.compare_digest(expected, self.headers["X-Polemos-Signature"]))
                )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def mailbox():
    from aiosmtpd.controller import Controller

    class Keep:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
            self.messages.append(message_from_bytes(envelope.content))
            return "250 OK"

    keep = Keep()
    controller = Controller(keep, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, keep.messages
    controller.stop()


def ingest(db, tmp_path, name, text, env):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("ingest", str(path), "--db", db, "--workers", "1", "--quiet", "--published", "2026-03-03", env=env)
    assert result.returncode == 0, result.stderr.decode()
    return result.stderr.decode()


def test_new_matches_alert_once_by_webhook_and_mail_and_again_when_the_toll_rises(tmp_path, mailbox):
    controller, messages = mailbox
    hooks = Hooks()
    db = str(tmp_path / "alerts.db")
    env = {
        "POLEMOS_SMTP_HOST": "127.0.0.1",
        "POLEMOS_SMTP_PORT": str(controller.port),
        "POLEMOS_WORKSPACE_URL": "http://workspace.example:8000",
    }
    try:
        added = run_cli(
            "alerts",
            "add",
            "mali-attacks",
            "--type",
            "ASSAULT",
            "--near",
            "14.5,-4.2,100",
            "--min-dead",
            "1",
            "--webhook",
            hooks.url,
            "--allow-private-webhook",
            "--email",
            "analyst@example.org",
            "--db",
            db,
        )
        assert added.returncode == 0, added.stderr.decode()
        hooks.secret = added.stdout.decode().split("X-Polemos-Signature): ")[1].split()[0]

        report = ingest(db, tmp_path, "first", FIRST, env)
        assert "mali-attacks: 1 new alert(s)" in report
        assert len(hooks.received) == 1 and hooks.received[0][1], "one alert, correctly signed"
        alert = hooks.received[0][0]
        assert alert["watchlist"] == "mali-attacks" and alert["event"]["place"] == "Mopti"
        assert alert["event"]["dead"] == 3 and alert["link"].startswith("http://workspace.example:8000/canonical/ce-")
        assert len(messages) == 1
        mail = messages[0].get_payload(decode=True).decode()
        assert messages[0]["To"] == "analyst@example.org" and "mali-attacks" in messages[0]["Subject"]
        assert "killing three civilians" in mail  # the evidence sentence
        assert alert["link"] in mail

        ingest(db, tmp_path, "risen", RISEN, env)  # a later source of the same attack, with more dead
        assert len(hooks.received) == 2 and hooks.received[1][1]
        assert hooks.received[1][0]["id"] == alert["id"]
        assert "now reports 9, up from 3" in hooks.received[1][0]["title"]
        assert len(messages) == 2

        ingest(db, tmp_path, "same", SAME, env)  # a third source, no higher toll: no alert
        assert len(hooks.received) == 2 and len(messages) == 2
        shown = run_cli("alerts", "show", "mali-attacks", "--db", db).stdout.decode()
        assert shown.count("Mopti") == 1 and "webhook sent" in shown and "email sent" in shown
    finally:
        hooks.stop()


def test_a_failed_delivery_never_blocks_ingest_and_is_retried(tmp_path):
    from polemos.alerts import DeliveryConfig, deliver_pending
    from polemos.alerts.sealing import open_secret
    from polemos.store import open_store

    db = str(tmp_path / "retry.db")
    closed = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens there
    assert (
        run_cli(
            "alerts",
            "add",
            "all-assaults",
            "--type",
            "ASSAULT",
            "--webhook",
            closed,
            "--allow-private-webhook",
            "--db",
            db,
        ).returncode
        == 0
    )
    report = ingest(db, tmp_path, "first", FIRST, {})
    assert "1 added" in report and "0 of 1 sent to the webhook" in report
    with closing(sqlite3.connect(db)) as connection:
        status, attempts, error = connection.execute(
            "SELECT status, attempts, last_error FROM alert_deliveries"
        ).fetchone()
    assert (status, attempts) == ("pending", 1) and "ConnectError" in error

    hooks = Hooks()
    try:
        with open_store(db) as store:
            store.connection.execute("UPDATE watchlists SET webhook_url = ?", (hooks.url,))
            hooks.secret = open_secret(store.connection.execute("SELECT webhook_secret FROM watchlists").fetchone()[0])
            assert deliver_pending(store, DeliveryConfig()) == []  # not due yet: it backs off
            later = datetime.now(timezone.utc) + timedelta(minutes=5)
            assert deliver_pending(store, DeliveryConfig(), at=later) == [
                "alerts: all-assaults: 1 of 1 sent to the webhook"
            ]
        assert len(hooks.received) == 1 and hooks.received[0][1]
    finally:
        hooks.stop()


def test_a_rising_weekly_count_makes_one_trend_alert_stating_its_rule(tmp_path):
    from polemos.alerts import Watchlist, Watchlists, trend_alert
    from polemos.store import EventFilter, open_store

    folder = tmp_path / "week"
    folder.mkdir()
    for index in range(5):  # five attacks on 1 to 5 March, nothing in the eight weeks before
        title, body = article_text(index)
        (folder / f"{index}.html").write_text(f"<html><head><title>{title}</title></head><body>{body}</body></html>")
    db = str(tmp_path / "trend.db")
    assert run_cli("ingest", str(folder), "--db", db, "--workers", "1", "--quiet").returncode == 0
    with open_store(db) as store:
        watchlist = Watchlists(store).add(Watchlist("assaults", EventFilter(type="ASSAULT"), trend=True))
        assert trend_alert(store, watchlist, today=date(2026, 3, 7)) is not None
        assert trend_alert(store, watchlist, today=date(2026, 3, 7)) is None  # once a week
        assert trend_alert(store, watchlist, today=date(2026, 5, 30)) is None  # a quiet week
        title, summary = store.connection.execute(
            "SELECT title, summary_json FROM alerts WHERE kind = 'trend'"
        ).fetchone()
    assert title.startswith("Rising: 5 matching events in the 7 days to 2026-03-07")
    assert "more than 2 standard deviations" in json.loads(summary)["rule"]
