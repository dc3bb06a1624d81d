"""``polemos.eval.cleaning`` on a tiny made-up set in the WCXB layout, and on the dev set."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from polemos.eval.cleaning import count_leaks, evaluate, format_report
from conftest import SHARED, needs_shared

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
# What a person marks as the article on figure-headings.html: paragraphs and section headings.
MAIN_CONTENT = """Artillery fire struck the river port of Valmora on Wednesday morning, killing four dock workers and setting fire to two grain barges, the regional governor said. The port had been closed to shipping for three days after earlier strikes on the nearby rail bridge.

Firefighters worked through the afternoon to contain the blaze, which spread to a warehouse holding fertiliser. Residents of the riverside district were told to keep their windows shut while the smoke drifted over the town.

Grain corridor in doubt

Valmora is the last working outlet for grain from the eastern plain. Traders said insurers had already raised premiums for vessels calling at the port, and two shipping lines suspended bookings until further notice.

The agriculture ministry said stocks in the port silos would last about a month if exports stopped entirely, and that it was studying a rail route through the northern border crossing.

Talks postponed

Negotiators from both sides had been due to meet in the neutral city of Ostrand on Friday to discuss a local ceasefire around the river. Mediators said the meeting was postponed after the shelling and gave no new date."""


@pytest.fixture
def tiny_set(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth").mkdir()
    page = (FIXTURES / "figure-headings.html").read_bytes()
    (tmp_path / "html" / "0001.html.gz").write_bytes(gzip.compress(page))
    truth = {
        "ground_truth": {
            "title": "Shelling hits river port of Valmora",
            "publish_date": "2024-03-14",
            "main_content": MAIN_CONTENT,
            "with": ["Valmora is the last working outlet for grain from the eastern plain."],
            "without": [
                "Sign up for our newsletter to get the latest news delivered to your inbox.",
                "We use cookies to give you the best experience.",
                "Home",
            ],
        }
    }
    (tmp_path / "ground-truth" / "0001.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_report_scores_both_systems(tiny_set):
    report = evaluate(tiny_set)
    assert report["pages"] == 1
    ours = report["systems"]["polemos"]
    assert ours["macro"]["f1"] > 0.99
    assert ours["leaked_snippets"] == 0 and ours["kept_snippets"] == 1
    assert report["polemos_metadata"] == {"title_exact": 1, "dated_pages": 1, "date_exact": 1}
    assert 0.0 < report["systems"]["trafilatura"]["macro"]["f1"] <= 1.0
    text = format_report(report)
    assert "polemos" in text and "trafilatura" in text and "macro F1" in text


def test_leak_needs_the_snippet_outside_the_true_text():
    truth = {"main_content": "Police said the home of the mayor was searched.", "without": ["Home", "Subscribe now"]}
    assert count_leaks("Police said the home of the mayor was searched. Subscribe now", truth) == 1


@needs_shared
@pytest.mark.shared
def test_polemos_at_least_as_good_as_trafilatura_on_dev_pages():
    report = evaluate(SHARED / "eval" / "cleaning" / "wcxb-dev", limit=25)
    ours, plain = report["systems"]["polemos"], report["systems"]["trafilatura"]
    assert ours["macro"]["f1"] >= plain["macro"]["f1"] - 0.005
    assert ours["leaked_snippets"] <= plain["leaked_snippets"]
