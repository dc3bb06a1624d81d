"""``polemos eval summaries``: the main event of one-paragraph event summaries, scored as a user
reads the table, on three summaries of our own."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_cli
from polemos.eval.summaries import actor_right, bare_group_name, load
from polemos.record import Actor, Mention

pytestmark = pytest.mark.slow

THREE = ROOT / "tests" / "fixtures" / "summaries" / "three.jsonl"


def table_row(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.strip().startswith(label))
    return line[len(label) + 2 :].split()


def test_the_table_gives_each_field_right_of_scored_with_its_rate():
    result = run_cli("eval", "summaries", str(THREE), "--misses")
    output = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "3 summaries" in output
    assert table_row(output, "place within 50 km") == ["3", "3", "1.000", "0.85"]
    assert table_row(output, "date (the day)") == ["3", "3", "1.000", "0.97"]
    assert table_row(output, "deaths (where reported)") == ["2", "2", "1.000"]
    assert table_row(output, "injured (where given)") == ["2", "2", "1.000"]
    assert table_row(output, "ACLED event type") == ["3", "3", "1.000"]
    assert table_row(output, "actor") == ["3", "3", "1.000", "0.80"]
    assert "miss " not in output


def test_json_report_lists_no_misses_when_all_is_right():
    report = json.loads(run_cli("eval", "summaries", str(THREE), "--json").stdout)
    assert report["summaries"] == 3 and report["rates"]["deaths"] == {"right": 3, "count": 3, "rate": 1.0}
    assert all(not found for found in report["misses"].values())


def test_a_malformed_line_is_named_in_a_one_line_error(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(THREE.read_text(encoding="utf-8").splitlines()[0] + "\n{not json\n", encoding="utf-8")
    result = run_cli("eval", "summaries", str(broken))
    assert result.returncode == 2 and "broken.jsonl:2: not JSON" in result.stderr.decode()
    assert len(load(THREE)) == 3


def actor(name, mention, kind="armed_group", sector="REB", country=None):
    return Actor(
        id=name,
        name=name,
        kind=kind,
        sector=sector,
        country=country,
        mentions=[Mention(text=mention, start=0, end=len(mention))],
    )


def test_a_group_matches_by_its_name_or_its_mention_without_doubt_or_member_nouns():
    gold = {"actor_group": "JNIM", "actor_aliases": ["Jama'at Nusrat al-Islam wal-Muslimin"]}
    assert bare_group_name("suspected JNIM militants") == "JNIM"
    assert actor_right([actor("JNIM", "suspected JNIM militants")], gold)
    assert actor_right([actor("Group for Islam", "Jama’at Nusrat al-Islam wal-Muslimin fighters")], gold)
    assert not actor_right([actor("Islamic State", "Islamic State")], gold)
    state = {"actor_group": "Islamic State", "actor_aliases": []}
    assert not actor_right([actor("State", "State militants")], state)


def test_a_code_matches_the_country_and_the_sector():
    gold = {"actor_codes": ["IRQ.COP", "IRQ.MIL"]}
    assert actor_right([actor("Iraq (police)", "police", "state", "COP", "IRQ")], gold)
    assert not actor_right([actor("Iraq", "Iraq", "state", "GOV", "IRQ")], gold)
