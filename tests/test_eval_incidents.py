"""``polemos eval incidents``: articles about incidents scored against the incidents' records.

The fixture articles and records in ``tests/fixtures/incidents/`` are our own writing: two
articles on one shooting, one on another.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from polemos.eval.incidents import count_right, date_right, evaluate, main_event, place_right
from conftest import SHARED, needs_shared

FIXTURES = Path(__file__).parent / "fixtures" / "incidents"
GVA_DEV = SHARED / "eval" / "incidents" / "gva-dev"


def test_a_date_is_right_within_a_day_and_only_when_known_to_the_day():
    assert date_right("2015-03-04", "2015-03-04", "2015-03-03")
    assert not date_right("2015-03-05", "2015-03-05", "2015-03-03")
    assert not date_right("2015-03-01", "2015-03-31", "2015-03-03")  # a month is not a date
    assert not date_right(None, None, "2015-03-03")


def test_counts_cover_the_record_and_no_figure_means_none():
    assert count_right({"min": 2, "max": 2}, 2)
    assert count_right({"min": 243, "max": 271}, 250)
    assert count_right({"min": 100, "max": None}, 140)  # "more than 100"
    assert not count_right({"min": 3, "max": 3}, 2)
    assert count_right(None, 0) and count_right({}, 0)
    assert not count_right(None, 1)


def test_place_is_right_within_25_km():
    assert place_right(39.76, -84.19, 39.7589, -84.1916)
    assert not place_right(39.96, -83.0, 39.7589, -84.1916)  # Columbus is not Dayton
    assert not place_right(None, None, 39.7589, -84.1916)


def test_the_main_event_is_the_most_confident_asserted_one_then_the_earliest():
    reports = [
        {"modality": "future", "confidence": 0.99, "start": 0},
        {"modality": "asserted", "confidence": 0.8, "start": 50},
        {"modality": "asserted", "confidence": 0.8, "start": 10},
    ]
    assert main_event(reports)["start"] == 10
    assert main_event([{"modality": "negated", "confidence": 0.9, "start": 0}]) is None


@pytest.mark.slow
def test_fixture_articles_are_scored_end_to_end():
    report = evaluate(FIXTURES, workers=1)
    assert report["documents"] == 3 and report["incidents"] == 2
    main = report["main_event"]
    assert main["found"] == 1.0
    assert main["date_right"] == 1.0 and main["place_right"] == 1.0
    assert main["killed_right"] == 1.0
    fusion = report["fusion"]
    # The two articles on the Dayton shooting become one canonical event; Tulsa stays apart.
    assert fusion["gold_pairs"] == 1 and fusion["pairwise_recall"] == 1.0
    assert fusion["pairwise_precision"] == 1.0
    assert fusion["bcubed"]["f1"] == 1.0 and fusion["bcubed_no_fusion_f1"] < 1.0


@pytest.mark.slow
def test_cli_prints_the_report_and_json(tmp_path):
    kept = tmp_path / "kept.db"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "polemos",
            "eval",
            "incidents",
            str(FIXTURES),
            "--workers",
            "1",
            "--keep-store",
            str(kept),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["main_event"]["found"] == 1.0
    assert kept.exists()
    # Fusing the kept store again, without extracting, scores the same.
    refused = subprocess.run(
        [sys.executable, "-m", "polemos", "eval", "incidents", str(FIXTURES), "--refuse", str(kept), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode == 0, refused.stderr
    assert json.loads(refused.stdout) == report


@needs_shared
@pytest.mark.slow
def test_dev_set_subset_runs():
    report = evaluate(GVA_DEV, limit=5, workers=1)
    assert report["incidents"] == 5
    assert 0 <= report["main_event"]["found"] <= 1
