"""The ``polemos eval`` commands, as a user runs them, on our own fixtures and the shared sets."""

from __future__ import annotations

import json

from conftest import ROOT, SHARED, needs_shared, run_cli

ACLED_NOTES = ROOT / "tests" / "fixtures" / "events" / "acled_style_heldout.jsonl"


def test_eval_events_scores_acled_style_notes_as_json():
    result = run_cli("eval", "events", str(ACLED_NOTES), "--json")
    report = json.loads(result.stdout)
    assert report["kind"] == "acled" and report["sentences"] == 46
    assert report["event_type"]["weighted_f1"] > 0.8 and report["sub_event_type"]["weighted_f1"] > 0.75


@needs_shared
def test_eval_events_and_actors_on_plover_gold_print_readable_reports():
    gold = SHARED / "eval" / "events" / "PLOVER_GSR_CAMEO.json"
    events = run_cli("eval", "events", str(gold), "--limit", "60").stdout.decode()
    assert "weighted F1" in events and "actor accuracy (ISO3)" in events
    actors = run_cli("eval", "actors", str(gold), "--limit", "60").stdout.decode()
    assert "code_recall" in actors


def test_eval_commands_refuse_missing_files():
    result = run_cli("eval", "geo", "no-such-file.xml")
    assert result.returncode == 2 and "does not exist" in result.stderr.decode()
