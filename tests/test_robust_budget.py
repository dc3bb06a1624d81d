"""Bounded work per document: long sentences are broken, long texts cut, slow analysis stopped, all noted."""

from __future__ import annotations

import json
import random
import sqlite3

from conftest import run_cli
from polemos.clean.sentences import split_long_sentences
from polemos.figures import FigureExtractor

WORDS = "army village shelling civilians fired troops road bridge officials said monday rebels town market".split()


def _unpunctuated(size: int) -> str:
    rng = random.Random(size)
    return " ".join(rng.choice(WORDS) for _ in range(size // 5))[:size]


def test_text_without_punctuation_is_analysed_in_bounded_sentences_and_cut_to_the_budget(tmp_path):
    page = tmp_path / "wall.txt"
    page.write_text(_unpunctuated(120_000))
    result = run_cli("extract", "--max-chars", "50000", str(page))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert len(record["text"]) <= 50_000
    [limit] = record["document"]["limits"]
    assert limit.startswith(f"text cut to its first {len(record['text']):,} of 1") and limit.endswith("(max_chars)")
    assert len(record["sentences"]) >= 25
    assert max(s["end"] - s["start"] for s in record["sentences"]) <= 2000


def test_a_document_over_its_time_budget_is_stored_with_what_was_done_and_marked(tmp_path):
    page = tmp_path / "wall.txt"
    page.write_text(_unpunctuated(150_000))
    (tmp_path / "normal.txt").write_text(
        "Troops shelled the village of Marlow on Monday, killing 12 civilians, officials said."
    )
    db = str(tmp_path / "p.db")
    result = run_cli("ingest", "--db", db, "-q", "--time-budget", "0.2", str(page), str(tmp_path / "normal.txt"))
    assert result.returncode == 0, result.stderr.decode()
    assert "2 added, 0 already present, 0 failed" in result.stderr.decode()
    assert "1 of them analysed in part: their records say why under document.limits" in result.stderr.decode()
    (wall_id,) = sqlite3.connect(db).execute("SELECT id FROM documents ORDER BY length(text) DESC").fetchone()
    shown = json.loads(run_cli("show", "--db", db, "--json", wall_id).stdout)
    [limit] = shown["document"]["limits"]
    assert limit.startswith("time budget of 0.2 s used up: stage ")
    assert shown["sentences"]  # what was done before the budget ran out is kept


def test_a_long_run_of_numbers_is_read_whole():
    # Its cost per length is measured in benchmarks/worst_case.py (README "Worst cases"), not here.
    text = " ".join(f"{i % 997 + 2} civilians killed" for i in range(100_000 // 20))
    quantities = FigureExtractor().extract(text)
    assert len(quantities) == 5000 and {q.category for q in quantities} == {"dead"}


def test_a_date_shift_past_the_calendar_leaves_the_rest_of_the_analysis_whole(tmp_path):
    # This used to fail the time stage with an OverflowError (the document was then kept with
    # the stage noted in its limits); now the shift is simply no date.
    page = tmp_path / "odd.txt"
    page.write_text("Troops shelled the village a million weeks ago, killing 12 civilians, officials said on Monday.\n")
    result = run_cli("extract", "--published", "2065-01-01", str(page))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["document"]["limits"] == []
    assert [q["min"] for q in record["quantities"]] == [12] and record["events"]


def test_a_run_of_numbers_without_a_space_is_broken_into_bounded_lines_of_the_same_length():
    text = ",".join(str(i % 97) for i in range(30_000))
    split = split_long_sentences(text, 2000)
    assert len(split) == len(text)  # every offset stays valid
    assert max(len(line) for line in split.split("\n")) <= 2000
    assert split.replace("\n", ",") == text  # only clause marks gave way to the breaks
