"""Help texts at 80 columns, as a user reads them in a terminal: every sentence runs on until
the terminal wraps it, never broken where the source code's line ended."""

from __future__ import annotations

import re

from conftest import run_cli


def _text_lines(help_output: str) -> list[str]:
    """The prose lines of a help screen (not the boxed option tables)."""
    return [line.strip() for line in help_output.splitlines() if line.strip() and not re.match(r"\s*[╭│╰]", line)]


def test_export_help_reads_as_prose_at_80_columns():
    result = run_cli("export", "--help", env={"COLUMNS": "80", "TERM": "dumb"})
    assert result.returncode == 0
    lines = _text_lines(result.stdout.decode())
    assert all(len(line) <= 80 for line in result.stdout.decode().splitlines())
    # The paragraph fills each line: before, "as coders check" ended a line and "them." began the next.
    paragraph = next(index for index, line in enumerate(lines) if line.startswith("By default one row"))
    assert "as coders check them." in " ".join(lines[paragraph : paragraph + 2])
    # Full lines up to the paragraph's last, not fragments ending where the source's lines ended
    # (before: "them. --canonical writes one row per real event: consensus date, place and" / "actors, the").
    assert all(len(line) > 70 for line in lines[paragraph : paragraph + 4])


def test_version_is_printed():
    result = run_cli("--version")
    assert result.returncode == 0 and re.match(r"polemos \d+\.\d+", result.stdout.decode())
