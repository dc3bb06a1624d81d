"""Text from documents reaches the terminal as written: never as console markup, never as control codes."""

from __future__ import annotations

import json

from conftest import run_cli

BODY = ("Shelling killed 12 civilians in the river town of Marlow on Monday, officials said. "
        "The army said its units had returned fire at positions north of the town.")


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
