"""Webhook secrets sealed at rest, and webhook deliveries pinned to the address checked just
before them: real stores, real HTTP receivers on loopback addresses, no spaCy."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from made_up_records import karabakh_record
from pg import postgres_server, postgres_url  # noqa: F401 - fixtures
from polemos.alerts import DeliveryConfig, Watchlist, Watchlists, deliver_pending, record_alerts
from polemos.alerts.matching import alerts_of
from polemos.alerts.sealing import SealingError, load_key, open_secret, seal, unseal
from polemos.store import EventFilter, open_store
from test_web_support import free_port


class Receiver:
    """A webhook receiver bound to one loopback address; keeps each body, Host and signature check."""

    def __init__(self, address: str = "127.0.0.1", port: int = 0):
        self.received: list[dict] = []
        self.secret = ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                expected = "sha256=" + hmac.new(receiver.secret.encode(), body, hashlib.sha256).hexdigest()
                receiver.received.append(
                    {
                        "body": json.loads(body),
                        "host": self.headers["Host"],
                        "signed": hmac.compare_digest(expected, self.headers["X-Polemos-Signature"]),
                    }
                )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((address, port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    location = str(tmp_path / "alerts.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(location) as opened:
        yield opened


def assaults_alerting(store, url: str, private_ok: bool) -> Watchlist:
    """A watchlist on assaults with a webhook, and one stored document that makes it alert."""
    watchlist = Watchlists(store).add(
        Watchlist("assaults", EventFilter(type="ASSAULT"), webhook_url=url, webhook_private_ok=private_ok)
    )
    store.add(karabakh_record())
    assert len(record_alerts(store, watchlist, ["kar"])) == 1
    return watchlist


def test_a_webhook_address_and_secret_are_sealed_in_the_store_and_the_secret_signs_the_delivery(store):
    receiver = Receiver()
    try:
        url = f"http://127.0.0.1:{receiver.port}/hook/T0123/s3cret-path"  # a chat service's kind: the path is a credential
        made = assaults_alerting(store, url, private_ok=True)
        receiver.secret = made.webhook_secret
        kept_url, kept = store.connection.execute("SELECT webhook_url, webhook_secret FROM watchlists").fetchone()
        assert kept.startswith("sealed:1:") and made.webhook_secret not in kept
        assert kept_url.startswith("sealed:1:") and "s3cret-path" not in kept_url
        found = Watchlists(store).get("assaults")
        assert (found.webhook_url, found.webhook_secret) == (url, made.webhook_secret)
        assert found.public()["webhook_url"] == f"http://127.0.0.1:{receiver.port}/…"  # what readers see
        assert deliver_pending(store, DeliveryConfig(timeout=5)) == ["alerts: assaults: 1 of 1 sent to the webhook"]
        assert len(receiver.received) == 1 and receiver.received[0]["signed"]
    finally:
        receiver.stop()


def test_a_secret_sealed_with_another_key_fails_its_delivery_in_one_line_and_is_kept(store, monkeypatch):
    receiver = Receiver()
    try:
        assaults_alerting(store, f"http://127.0.0.1:{receiver.port}/hook", private_ok=True)
        monkeypatch.setenv("POLEMOS_SECRET_KEY", "another key, not the one it was sealed with")
        assert deliver_pending(store, DeliveryConfig(timeout=5)) == ["alerts: assaults: 0 of 1 sent to the webhook"]
        delivery = alerts_of(store, "assaults")[0]["deliveries"][0]
        assert delivery["status"] == "pending" and "sealed with another key" in delivery["last_error"]
        assert receiver.received == []  # nothing unsigned or wrongly signed went out
        assert store.connection.execute("SELECT webhook_secret FROM watchlists").fetchone()[0].startswith("sealed:1:")
    finally:
        receiver.stop()


def test_a_webhook_kept_in_the_clear_by_an_older_version_is_sealed_at_the_next_delivery(store):
    made = Watchlists(store).add(Watchlist("plain", webhook_url="http://127.0.0.1:9/hook", webhook_private_ok=True))
    with store.transaction():
        store.connection.execute(
            "UPDATE watchlists SET webhook_url = ?, webhook_secret = ?",
            ("http://127.0.0.1:9/old", "an-old-clear-secret"),
        )
    assert Watchlists(store).get("plain").webhook_secret == "an-old-clear-secret"
    assert made.webhook_secret != "an-old-clear-secret"
    deliver_pending(store, DeliveryConfig(timeout=5))
    kept_url, kept = store.connection.execute("SELECT webhook_url, webhook_secret FROM watchlists").fetchone()
    assert kept.startswith("sealed:1:") and open_secret(kept) == "an-old-clear-secret"
    assert kept_url.startswith("sealed:1:") and open_secret(kept_url) == "http://127.0.0.1:9/old"


def test_sealing_refuses_a_key_file_others_can_read_and_an_altered_value(tmp_path, monkeypatch):
    path = tmp_path / "secret.key"
    monkeypatch.setenv("POLEMOS_KEY_FILE", str(path))
    key = load_key(create=True)
    assert path.stat().st_mode & 0o777 == 0o600 and load_key() == key
    sealed = seal("s3cret", key)
    assert unseal(sealed, key) == "s3cret" and seal("s3cret", key) != sealed  # a fresh nonce each time
    altered = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]
    with pytest.raises(SealingError):
        unseal(altered, key)
    path.chmod(0o644)
    with pytest.raises(SealingError, match="chmod 600"):
        load_key()


def test_a_webhook_made_for_public_addresses_never_reaches_a_private_one(store):
    receiver = Receiver()
    try:
        assaults_alerting(store, f"http://127.0.0.1:{receiver.port}/hook", private_ok=False)
        assert deliver_pending(store, DeliveryConfig(timeout=5)) == ["alerts: assaults: 0 of 1 sent to the webhook"]
        delivery = alerts_of(store, "assaults")[0]["deliveries"][0]
        assert "127.0.0.1" in delivery["last_error"] and "--allow-private-webhook" in delivery["last_error"]
        assert receiver.received == []
    finally:
        receiver.stop()


def test_each_delivery_goes_to_the_address_checked_not_to_a_second_answer_of_the_name(store, monkeypatch):
    """A rebinding name answers 127.0.0.1 to the check and 127.0.0.2 to any later lookup: the
    POST reaches the first, under the name, and nothing asks the name a second time."""
    checked, rebound = Receiver("127.0.0.1"), None
    try:
        rebound = Receiver("127.0.0.2", checked.port)
        real_lookup, lookups = socket.getaddrinfo, []

        def rebinding_lookup(host, port, *args, **kwargs):  # the system's resolver, but for one name
            if host != "hooks.example":
                return real_lookup(host, port, *args, **kwargs)
            lookups.append(host)
            answer = "127.0.0.1" if len(lookups) == 1 else "127.0.0.2"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer, port))]

        monkeypatch.setattr(socket, "getaddrinfo", rebinding_lookup)
        made = assaults_alerting(store, f"http://hooks.example:{checked.port}/hook", private_ok=True)
        checked.secret = rebound.secret = made.webhook_secret
        assert deliver_pending(store, DeliveryConfig(timeout=5)) == ["alerts: assaults: 1 of 1 sent to the webhook"]
        assert lookups == ["hooks.example"]
        assert rebound.received == [] and len(checked.received) == 1
        assert checked.received[0]["host"] == f"hooks.example:{checked.port}" and checked.received[0]["signed"]
    finally:
        checked.stop()
        if rebound is not None:
            rebound.stop()


@pytest.fixture()
def tls_mailbox(tmp_path):
    """A local SMTP server (aiosmtpd) that requires STARTTLS, with a self-signed certificate for 127.0.0.1."""
    import shutil
    import ssl
    import subprocess

    from aiosmtpd.controller import Controller

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    class Keep:
        messages: list = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
            self.messages.append(envelope.content)
            return "250 OK"

    keep = Keep()
    keep.messages = []
    controller = Controller(keep, hostname="127.0.0.1", port=free_port(), tls_context=context, require_starttls=True)
    controller.start()
    yield controller.port, cert, keep.messages
    controller.stop()


def test_starttls_checks_the_mail_servers_certificate(tmp_path, tls_mailbox, monkeypatch):
    port, cert, messages = tls_mailbox
    config = DeliveryConfig(smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=True, timeout=5)
    with open_store(str(tmp_path / "mail.db")) as store:
        watchlist = Watchlists(store).add(
            Watchlist("assaults", EventFilter(type="ASSAULT"), email_to="analyst@example.org")
        )
        store.add(karabakh_record())
        record_alerts(store, watchlist, ["kar"])
        monkeypatch.setenv(
            "SSL_CERT_FILE", str(tmp_path / "no-such-bundle.pem")
        )  # trusts nothing: not even this server
        [line] = deliver_pending(store, config)
        assert "e-mail digest failed" in line and "CERTIFICATE_VERIFY_FAILED" in line and messages == []
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the server's certificate trusted: the digest goes
        later = datetime.now(timezone.utc) + timedelta(hours=1)
        assert deliver_pending(store, config, at=later) == [
            "alerts: assaults: digest of 1 mailed to analyst@example.org"
        ]
        assert len(messages) == 1 and b"Stepanakert" in messages[0]


def test_an_unreachable_webhook_costs_one_attempt_a_round_not_one_timeout_per_alert(tmp_path):
    """A receiver that accepts connections and never answers: the first alert times out, the
    second is not tried in the same round and is sent in a later one, once the receiver answers."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    connections = []
    threading.Thread(target=lambda: connections.append(silent.accept()), daemon=True).start()
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/hook"
    with open_store(str(tmp_path / "silent.db")) as store:
        watchlist = Watchlists(store).add(Watchlist("everything", webhook_url=url, webhook_private_ok=True))
        store.add(karabakh_record())
        assert len(record_alerts(store, watchlist, ["kar"])) == 2  # the shelling and the flight
        [line] = deliver_pending(store, DeliveryConfig(timeout=1))
        assert line == "alerts: everything: 0 of 2 sent to the webhook; the rest wait, as it cannot be reached"
        attempts = sorted(
            delivery["attempts"] for alert in alerts_of(store, "everything") for delivery in alert["deliveries"]
        )
        assert attempts == [0, 1] and len(connections) == 1
    silent.close()
