"""``polemos.eval.geo`` on a few articles of the shared geoparsing gold sets."""

from __future__ import annotations

import pytest

from polemos.eval.geo import evaluate, format_report, resolution_scores
from tests.conftest import SHARED

GEO = SHARED / "eval" / "geo"
needs_geo_gold = pytest.mark.skipif(not GEO.exists(), reason="../shared/eval/geo (geoparsing gold) is not present")


def test_resolution_scores_on_known_errors():
    scores = resolution_scores([0.0, 100.0, 500.0, 20039.0])
    assert scores["acc161"] == 0.5
    assert scores["median_km"] == 300.0
    assert 0 < scores["auc"] < 1


@pytest.mark.slow
@needs_geo_gold
@pytest.mark.parametrize("name, floor", [("lgl.xml", 0.75), ("TR-News.xml", 0.75)])
def test_gold_span_resolution_beats_a_floor_and_the_baseline(name, floor, tmp_path_factory):
    cache = tmp_path_factory.getbasetemp() / "geo-eval-cache"
    report = evaluate(GEO / name, mode="gold", limit=25, cache_dir=cache)
    assert report["articles"] == 25 and report["context"]["toponyms"] == report["gold_toponyms"] > 50
    assert report["context"]["acc161"] >= floor
    assert report["context"]["acc161"] >= report["population"]["acc161"]
    assert "Acc@161" in format_report(report)


@pytest.mark.slow
@needs_geo_gold
def test_end_to_end_finds_most_toponyms_without_flooding(tmp_path_factory):
    cache = tmp_path_factory.getbasetemp() / "geo-eval-cache"
    report = evaluate(GEO / "lgl.xml", mode="end2end", limit=40, cache_dir=cache)
    assert report["span_recall"] >= 0.75
    assert report["span_precision"] >= 0.65
    assert report["context"]["acc161"] >= 0.75
    assert "predicted spans" in format_report(report)
