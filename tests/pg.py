"""A throwaway PostgreSQL server for the tests.

``initdb`` into a fresh temporary folder, ``pg_ctl start`` on a free loopback port (and a
Unix socket in that folder only), stopped and removed when the test session ends. One
server per session, kept in pytest's config stash; each test gets a database of its own.
Tests that need it are skipped, with the reason, where the PostgreSQL server binaries are
not installed (``scripts/install-postgres.sh`` installs Debian's package).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Optional

import pytest

SUPERUSER = "polemos"
SERVER_KEY = pytest.StashKey["PostgresServer"]()
NO_SERVER = (
    "PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
    "run scripts/install-postgres.sh (Debian's postgresql package) to run the PostgreSQL tests"
)


def server_binaries() -> Optional[Path]:
    """The folder holding initdb and pg_ctl: $POLEMOS_PG_BIN, Debian's newest, or on PATH."""
    candidates = [os.environ.get("POLEMOS_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    on_path = shutil.which("initdb")
    candidates.append(str(Path(on_path).parent) if on_path else "")
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, reachable on 127.0.0.1 only."""

    def __init__(self, binaries: Path):
        self.binaries = binaries
        self.root = Path(tempfile.mkdtemp(prefix="polemos-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        # The server refuses to run as root: run it as an ordinary system user, owning the folder.
        self.run_as = _server_user() if os.geteuid() == 0 else None

    def start(self) -> "PostgresServer":
        if self.run_as:
            shutil.chown(self.root, user=self.run_as)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.options = options
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )
        return self

    def crash(self) -> None:
        """Stop the server now, dropping every connection, as a restart or a lost network would."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self) -> None:
        """Start the server again on the same port and data after ``crash``."""
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            self.options,
            "start",
        )

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new, empty database; returns its URL."""
        import psycopg

        name = f"polemos_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def log_tail(self, lines: int = 30) -> str:
        log = self.root / "server.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.binaries / program), *args]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(
                f"{program} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n{self.log_tail()}"
            )


@pytest.fixture(scope="session")
def postgres_server(request) -> PostgresServer:
    """The session's PostgreSQL server, started on first use."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'polemos[scale]')")
    server = request.config.stash.get(SERVER_KEY, None)
    if server is None:
        binaries = server_binaries()
        if binaries is None:
            pytest.skip(NO_SERVER)
        server = PostgresServer(binaries)
        try:
            server.start()
        except BaseException:
            shutil.rmtree(server.root, ignore_errors=True)
            raise
        request.config.stash[SERVER_KEY] = server
        request.config.add_cleanup(server.stop)
    return server


@pytest.fixture()
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of a new, empty database on the session's server."""
    return postgres_server.create_database()


def _server_user() -> str:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("no unprivileged user (postgres or nobody) to run the PostgreSQL server as")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _version(folder: str) -> tuple[int, ...]:
    name = Path(folder).parent.name
    return tuple(int(part) for part in name.split(".") if part.isdigit())
