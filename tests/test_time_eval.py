"""The TimeML evaluation: parsing .tml files and scoring the tagger against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.eval.time import evaluate, format_report, load_timeml

SHARED_TIME = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "time"

MADE_UP_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>made-up</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-10-03" temporalFunction="false" functionInDocument="CREATION_TIME">20231003</TIMEX3></DCT>
<TEXT>
Fighting &amp; shelling began <TIMEX3 tid="t1" type="DATE" value="2023-09-19">September 19</TIMEX3> and lasted
<TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>. Talks resume <TIMEX3 tid="t3" type="DATE" value="2023-10-06">Friday</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_load_timeml_strips_tags_and_keeps_offsets(tmp_path):
    path = tmp_path / "made-up.tml"
    path.write_text(MADE_UP_TML, encoding="utf-8")
    document = load_timeml(path)
    assert str(document.creation_date) == "2023-10-03"
    assert [g.text for g in document.gold] == ["September 19", "two days", "Friday"]
    assert all(document.text[g.start : g.end] == g.text for g in document.gold)
    assert "Fighting & shelling" in document.text


def test_scores_on_a_made_up_file(tmp_path):
    (tmp_path / "made-up.tml").write_text(MADE_UP_TML, encoding="utf-8")
    report = evaluate(tmp_path)
    assert report["gold"] == 3
    assert report["relaxed"]["recall"] == 1.0
    assert report["value"]["recall"] >= 2 / 3  # "Friday" with present tense is read as past without a parse
    assert "relaxed span" in format_report(report)


@pytest.mark.skipif(not SHARED_TIME.exists(), reason="../shared/eval/time (TimeML gold) is not present")
def test_scores_on_shared_timebank_files_stay_above_a_floor():
    paths = sorted((SHARED_TIME / "TimeBank").glob("*.tml"))[:25]
    report = evaluate(paths)
    assert report["gold"] > 100
    assert report["relaxed"]["f1"] >= 0.85
    assert report["value"]["f1"] >= 0.65
