"""Secrets kept in the store (a watchlist's webhook secret) are sealed at rest, so a copy of
the store, a dump of its PostgreSQL database or a backup does not hand out the secrets that
sign alerts.

The key lives outside the store: ``POLEMOS_SECRET_KEY`` (any string of at least 16
characters), or else a key file, ``POLEMOS_KEY_FILE`` or ``~/.config/polemos/secret.key``,
made with 32 random bytes and mode 0600 the first time a secret is sealed. A key file that
others may read is refused.

Only the standard library is used: an encryption key and an authentication key are derived
from the key with HMAC-SHA256; the secret is XORed with an HMAC-SHA256 keystream of a random
nonce (counter mode), and the nonce and ciphertext are authenticated with HMAC-SHA256
(encrypt-then-MAC). A sealed value reads ``sealed:1:`` followed by URL-safe base64.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

PREFIX = "sealed:1:"
KEY_VARIABLE = "POLEMOS_SECRET_KEY"
KEY_FILE_VARIABLE = "POLEMOS_KEY_FILE"
NONCE_BYTES = 16
TAG_BYTES = 32
MIN_KEY_CHARS = 16


class SealingError(ValueError):
    """A key that cannot be used, or a sealed value this key did not seal."""


def key_file_path() -> Path:
    chosen = os.environ.get(KEY_FILE_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "polemos" / "secret.key"


def load_key(create: bool = False) -> bytes:
    """The sealing key: from ``POLEMOS_SECRET_KEY``, else the key file (made when ``create``)."""
    given = os.environ.get(KEY_VARIABLE)
    if given:
        if len(given) < MIN_KEY_CHARS:
            raise SealingError(f"{KEY_VARIABLE} is shorter than {MIN_KEY_CHARS} characters")
        return _derive(given.encode("utf-8"), b"polemos key")
    path = key_file_path()
    if not path.exists():
        if not create:
            raise SealingError(f"{path}: no key file (set {KEY_VARIABLE} or {KEY_FILE_VARIABLE})")
        _make_key_file(path)
    return _derive(_read_key_file(path), b"polemos key")


def _make_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process made it first: use theirs
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")


def _read_key_file(path: Path) -> bytes:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SealingError(
            f"{path}: the key file may be read by others (mode {stat.S_IMODE(mode):o}); run chmod 600 {path}"
        )
    content = path.read_bytes().strip()
    if len(content) < MIN_KEY_CHARS:
        raise SealingError(f"{path}: the key file holds fewer than {MIN_KEY_CHARS} characters")
    return content


def _derive(key: bytes, purpose: bytes) -> bytes:
    return hmac.new(key, purpose, hashlib.sha256).digest()


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (
        hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        for counter in range((length + 31) // 32)
    )
    return b"".join(blocks)[:length]


def _xor(data: bytes, stream: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, stream))


def seal(secret: str, key: bytes) -> str:
    """``secret`` sealed with ``key``: ``sealed:1:BASE64(nonce, ciphertext, tag)``."""
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = _xor(secret.encode("utf-8"), _keystream(_derive(key, b"encrypt"), nonce, len(secret.encode("utf-8"))))
    tag = hmac.new(_derive(key, b"authenticate"), PREFIX.encode() + nonce + ciphertext, hashlib.sha256).digest()
    return PREFIX + base64.urlsafe_b64encode(nonce + ciphertext + tag).decode("ascii")


def is_sealed(value: str | None) -> bool:
    return value is not None and value.startswith(PREFIX)


def unseal(value: str, key: bytes) -> str:
    """The secret ``seal`` sealed; SealingError when ``key`` did not seal it or it was altered."""
    try:
        packed = base64.urlsafe_b64decode(value[len(PREFIX) :].encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise SealingError("a sealed secret that is not base64") from None
    if len(packed) < NONCE_BYTES + TAG_BYTES:
        raise SealingError("a sealed secret too short to be one")
    nonce, ciphertext, tag = packed[:NONCE_BYTES], packed[NONCE_BYTES:-TAG_BYTES], packed[-TAG_BYTES:]
    expected = hmac.new(_derive(key, b"authenticate"), PREFIX.encode() + nonce + ciphertext, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        raise SealingError("the secret was sealed with another key (or altered); set the key it was sealed with")
    return _xor(ciphertext, _keystream(_derive(key, b"encrypt"), nonce, len(ciphertext))).decode("utf-8")


def open_secret(value: str | None) -> str | None:
    """A stored secret in the clear: unsealed with the key, or as kept before sealing existed."""
    if value is None or not is_sealed(value):
        return value
    return unseal(value, load_key())
