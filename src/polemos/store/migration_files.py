"""The packaged migration scripts, read and split into statements.

Its own module, below ``base`` and ``sqlite``, so that the SQL fusion state can create its
tables from the same scripts without importing the store that imports it.
"""

from __future__ import annotations

import sqlite3
from importlib import resources


def migration_scripts(folder: str = "migrations") -> list[tuple[int, str, str]]:
    """(version, name, sql) of every packaged migration in ``folder``, in order."""
    directory = resources.files("polemos.store").joinpath(*folder.split("/"))
    scripts = []
    for entry in directory.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            scripts.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(scripts)


def split_statements(sql: str) -> list[str]:
    """Split a migration into statements; trigger bodies hold semicolons of their own."""
    code = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    statements, pending = [], ""
    for part in code.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    return statements
