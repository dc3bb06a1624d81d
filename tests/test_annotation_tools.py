"""The event annotations and the tools around them: the sentence sampler, the label files, the
agreement and adjudication script, and the precision benchmark's sample and score."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, needs_shared, run_cli

ANNOTATIONS = ROOT / "annotations" / "events"


def load_script(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


sampler = load_script(ROOT / "scripts" / "sample_event_sentences.py")
stats = load_script(ROOT / "scripts" / "annotation_stats.py")
agreement = load_script(ROOT / "scripts" / "annotation_agreement.py")
precision = load_script(ROOT / "benchmarks" / "precision_sample.py")


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sampler.sentence_spans(text)]


def test_splitter_cuts_at_sentence_ends_and_line_breaks_only():
    text = (
        "Police said Mr. Osei was stabbed at 2 a.m. Two men fled on foot.\n\n"
        "Related stories\nthe mob dispersed by 5 p.m. on sunday. r. k. menon said \"we will return.\" nothing more"
    )
    assert sentences(text) == [
        "Police said Mr. Osei was stabbed at 2 a.m.",
        "Two men fled on foot.",
        "Related stories",
        "the mob dispersed by 5 p.m. on sunday.",
        "r. k. menon said \"we will return.\"",
        "nothing more",
    ]


def label_files():
    return sorted(p for p in ANNOTATIONS.glob("*.jsonl") if p.stem.split("-")[0] in stats.LABEL_FILES)


def test_every_label_row_follows_the_scheme_and_real_rows_carry_no_text():
    assert label_files(), "no annotation files"
    for path in label_files():
        rows = stats.read_rows(path)
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), f"{path.name}: a sentence labelled twice"
        for row in rows:
            assert stats.problems_of(row) == [], (path.name, row["id"])
            if stats.is_written_overlap(path):
                assert "text" not in row, (path.name, row["id"])  # the text stays in the written file
            elif not path.stem.startswith("written-"):
                assert "text" not in row
                assert row["id"] == f"{row['corpus']}:{row['doc']}:{row['start']}-{row['end']}"


def test_written_rows_have_the_annotators_id_prefix_and_a_text_of_one_to_three_sentences():
    for path in label_files():
        if not path.stem.startswith("written-"):
            continue
        annotator = path.stem.removeprefix("written-")
        texts = set()
        for row in stats.read_rows(path):
            assert row["id"].startswith(f"w-{annotator}-") and row["annotator"] == annotator, (path.name, row["id"])
            assert row["text"].strip() == row["text"] and row["text"], (path.name, row["id"])
            assert row["text"] not in texts, (path.name, row["id"], "written twice")
            texts.add(row["text"])


def test_blind_relabellings_of_written_sentences_point_at_rows_of_that_written_file():
    overlaps = [p for p in label_files() if stats.is_written_overlap(p)]
    for path in overlaps:
        second, first = path.stem.removeprefix("overlap-").split("-on-")
        authored = {row["id"] for row in stats.read_rows(path.parent / f"written-{first}.jsonl")}
        rows = stats.read_rows(path)
        assert {row["annotator"] for row in rows} == {second}
        assert {row["id"] for row in rows} <= authored, path.name


def test_agreement_on_written_sentences_compares_the_relabelling_with_the_author(tmp_path):
    def row(number, event, plover, annotator):
        return {
            "id": f"w-x1-{number}",
            "event": event,
            "plover": plover,
            "acled": None,
            "modality": "asserted",
            "negative": None if event else "opinion",
            "annotator": annotator,
        }

    authored = [row(1, True, "ASSAULT", "x1"), row(2, False, None, "x1"), row(3, True, "PROTEST", "x1")]
    (tmp_path / "written-x1.jsonl").write_text(
        "".join(json.dumps({**r, "text": f"sentence {n}"}) + "\n" for n, r in enumerate(authored))
    )
    relabelled = [row(1, True, "ASSAULT", "x2"), row(2, False, "ASSAULT", "x2"), row(3, True, "PROTEST", "x2")]
    overlap = tmp_path / "overlap-x2-on-x1.jsonl"
    overlap.write_text("".join(json.dumps(r) + "\n" for r in relabelled))
    labels, ids = agreement.written_overlap_labels(overlap)
    assert ids == ["w-x1-1", "w-x1-2", "w-x1-3"] and set(labels) == {"x1", "x2"}
    report = "\n".join(agreement.agreement_report(labels, ids, agreement.FIELDS + ("negative",)))
    assert "| event | 1.000 |" in report
    assert "| plover | 0.667 |" in report


def test_each_blind_relabelling_fills_its_own_datasheet_block(tmp_path):
    row = {
        "id": "w-x1-1",
        "event": True,
        "plover": "ASSAULT",
        "acled": "ATTACK",
        "modality": "asserted",
        "negative": None,
        "annotator": "x1",
    }
    (tmp_path / "written-x1.jsonl").write_text(json.dumps({**row, "text": "sentence"}) + "\n")
    overlap = tmp_path / "overlap-x2-on-x1.jsonl"
    overlap.write_text(json.dumps({**row, "annotator": "x2"}) + "\n")
    other_block = "<!-- written-agreement:x3-on-x4:begin -->\nearlier figures\n<!-- written-agreement:x3-on-x4:end -->"
    datasheet = tmp_path / "DATASHEET.md"
    datasheet.write_text(
        f"{other_block}\n\n<!-- written-agreement:x2-on-x1:begin -->\n<!-- written-agreement:x2-on-x1:end -->\n"
    )
    agreement.main(["--written", str(overlap), "--datasheet", str(datasheet)])
    text = datasheet.read_text()
    assert other_block in text
    filled = text.split("<!-- written-agreement:x2-on-x1:begin -->")[1].split(
        "<!-- written-agreement:x2-on-x1:end -->"
    )[0]
    assert "1 sentences labelled by all of x1, x2" in filled and "| event | 1.000 |" in filled


@needs_shared
def test_real_rows_point_at_the_sentences_that_were_labelled():
    texts = {}
    for corpus, (path, id_field, text_field) in sampler.CORPORA.items():
        with open(SHARED / path, encoding="utf-8") as handle:
            texts[corpus] = {str(d[id_field]): d[text_field] for d in map(json.loads, handle)}
    for path in label_files():
        if path.stem.startswith("written-") or stats.is_written_overlap(path):
            continue
        for row in stats.read_rows(path):
            sentence = texts[row["corpus"]][row["doc"]][row["start"] : row["end"]]
            assert hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:12] == row["sha1"], (path.name, row["id"])


def test_kappa_is_one_for_identical_labels_and_zero_for_chance():
    assert agreement.cohen_kappa(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == 1.0
    # each annotator says "a" half the time, independently of the other: no agreement beyond chance
    assert agreement.cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.0
    assert agreement.fleiss_kappa([["x", "x", "x"], ["y", "y", "y"]]) == 1.0


def test_adjudication_takes_the_majority_and_names_every_tie():
    pointer = {"corpus": "gva-dev", "doc": "d", "start": 0, "end": 9, "sha1": "0" * 12}

    def row(event, plover, negative):
        return {
            "id": "gva-dev:d:0-9",
            **pointer,
            "event": event,
            "plover": plover,
            "acled": None,
            "modality": "asserted",
            "negative": negative,
        }

    labels = {
        "a1": {"gva-dev:d:0-9": row(False, "COERCE", "negation")},
        "a2": {"gva-dev:d:0-9": row(False, None, "statement")},
        "a3": {"gva-dev:d:0-9": row(True, "ASSAULT", None)},
    }
    [adjudicated] = agreement.adjudicate(labels, ["gva-dev:d:0-9"], {"gva-dev:d:0-9": {"plover": "COERCE"}})
    assert adjudicated["event"] is False
    assert adjudicated["plover"] == "COERCE"
    assert adjudicated["negative"] in ("negation", "statement")  # a tie too, settled and named
    assert "tie on plover" in adjudicated["note"] and "tie on negative" in adjudicated["note"]
    assert stats.problems_of(adjudicated) == []


def test_wilson_interval_stays_inside_zero_and_one():
    low, high = precision.wilson_interval(85, 100)
    assert 0.76 < low < 0.77 and 0.90 < high < 0.91
    assert precision.wilson_interval(10, 10)[1] <= 1.0
    assert precision.wilson_interval(0, 10)[0] == 0.0


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("precision")
    docs = folder / "docs.jsonl"
    articles = [
        "Gunmen opened fire on a minibus near Kisangani on Sunday, killing four passengers. "
        "Police arrested two suspects on Monday. The governor condemned the attack.",
        "Protesters marched through Mombasa on Tuesday to demand the release of a detained "
        "journalist. Officers fired tear gas to disperse the crowd and detained eleven people.",
    ]
    with open(docs, "w", encoding="utf-8") as handle:
        for number, text in enumerate(articles):
            handle.write(json.dumps({"id": f"doc{number}", "text": text}) + "\n")
    db = folder / "store.db"
    result = run_cli("ingest", "--db", str(db), "--workers", "1", "-q", str(docs))
    assert result.returncode == 0, result.stderr.decode()
    return db


def test_precision_sample_is_reproducible_and_its_pointers_hold_no_text(small_store, tmp_path):
    sheet, pointers = tmp_path / "sheet.jsonl", tmp_path / "pointers.jsonl"
    assert precision.main([str(small_store), "--n", "3", "--out", str(sheet), "--pointers", str(pointers)]) == 0
    again = tmp_path / "again.jsonl"
    precision.main([str(small_store), "--n", "3", "--out", str(again)])
    assert sheet.read_text() == again.read_text()

    rows, pointer_rows = precision.read_jsonl(sheet), precision.read_jsonl(pointers)
    assert len(rows) == 3 and [r["event"] for r in rows] == [p["event"] for p in pointer_rows]
    for row, pointer in zip(rows, pointer_rows):
        assert row["evidence"] and all(e["text"] for e in row["evidence"])
        assert "text" not in json.dumps(pointer["evidence"]) and "text" not in json.dumps(pointer["size"])
        assert [e["sha1"] for e in pointer["evidence"]] == [
            hashlib.sha1(e["text"].encode("utf-8")).hexdigest()[:12] for e in row["evidence"]
        ]


def test_precision_score_counts_an_event_right_only_when_its_type_is_right_and_it_happened(
    small_store, tmp_path, capsys
):
    sheet = tmp_path / "sheet.jsonl"
    precision.main([str(small_store), "--n", "3", "--out", str(sheet)])
    events = [row["event"] for row in precision.read_jsonl(sheet)]
    judgements = tmp_path / "judgements.jsonl"
    verdicts = [(True, True), (True, False), (False, True)]
    with open(judgements, "w", encoding="utf-8") as handle:
        for event, (type_right, happened) in zip(events, verdicts):
            handle.write(
                json.dumps({"event": event, "type_right": type_right, "happened": happened, "note": ""}) + "\n"
            )
    assert precision.main(["--score", str(judgements), "--sheet", str(sheet)]) == 0
    assert "precision 0.333 (1/3)" in capsys.readouterr().out

    with open(judgements, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"event": "not-sampled", "type_right": True, "happened": True, "note": ""}) + "\n")
    assert precision.main(["--score", str(judgements), "--sheet", str(sheet)]) == 1


def test_precision_sample_can_leave_out_documents_with_labelled_sentences(small_store, tmp_path):
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "real-x.jsonl").write_text(json.dumps({"id": "c:doc0:0-5", "doc": "doc0"}) + "\n")
    sheet = tmp_path / "sheet.jsonl"
    precision.main([str(small_store), "--n", "50", "--out", str(sheet), "--exclude-annotated", str(labels)])
    docs = {row["doc"] for row in precision.read_jsonl(sheet)}
    assert docs == {"doc1"}
