"""Text from documents reaches the terminal as written: never as console markup, never as control codes."""

from __future__ import annotations

import re

import json

from conftest import run_cli

BODY = (
    "Shelling killed 12 civilians in the river town of Marlow on Monday, officials said. "
    "The army said its units had returned fire at positions north of the town."
)


def _feed(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": "[/red]", "title": "\\[/bold] \x1b[2J\x1b]0;owned\x07 Title", "text": BODY, "published": "[/x]"},
        {"[/x]": "no text here", "published": "[/x]"},
        {"id": "[bold]fine[/bold]", "text": BODY + " More.", "published": "[/x]"},
    ]
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return feed


def test_ingest_summary_prints_keys_and_values_from_documents_as_written(tmp_path):
    db = str(tmp_path / "p.db")
    result = run_cli("ingest", "--db", db, "--stages", "clean", "-q", str(_feed(tmp_path)))
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "2 added, 0 already present, 1 failed" in stderr
    assert "(keys: [/x], published" in stderr


def test_documents_and_show_print_ids_and_titles_escaped(tmp_path):
    db = str(tmp_path / "p.db")
    run_cli("ingest", "--db", db, "--stages", "clean", "-q", str(_feed(tmp_path)))

    listing = run_cli("documents", "--db", db, env={"COLUMNS": "200"})
    assert listing.returncode == 0, listing.stderr.decode()
    assert "[/red]" in listing.stdout.decode() and "[bold]fine[/bold]" in listing.stdout.decode()

    shown = run_cli("show", "--db", db, "[/red]", env={"COLUMNS": "300"})
    stdout = shown.stdout.decode()
    assert shown.returncode == 0, shown.stderr.decode()
    assert "\\[/bold] \\x1b[2J\\x1b]0;owned\\x07 Title" in stdout
    assert "\x1b" not in stdout and "\x07" not in stdout


def test_the_progress_line_shows_count_total_and_eta_at_80_columns():
    import io

    from rich.console import Console

    from polemos.cli.ingesting import IngestSummary, _LazyProgress
    from polemos.ingest import InputError

    screen = io.StringIO()
    console = Console(file=screen, width=80, force_terminal=True, color_system=None)
    progress = _LazyProgress(console, enabled=True, total=12_345)
    summary = IngestSummary(added=1200, present=33, failures=[InputError("bad.json", "not JSON")] * 3)
    progress.advance(1236, summary)
    progress.progress.refresh()
    progress.stop()
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())  # the cursor moves, not the text
    assert "1236/12345" in shown and "ETA" in shown and "docs/s" in shown and "3 failed" in shown
    assert all(len(row) <= 80 for row in shown.replace("\r", "\n").splitlines())
