"""The published JSON Schema of the extraction record matches the code and the real output."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from conftest import DEMO, run_cli
from polemos.record import AcledCode, EventDate, Figure, plain, size_figure
from polemos.schema import record_schema


def _shipped_schema() -> dict:
    return json.loads((resources.files("polemos") / "data" / "extraction-record.schema.json").read_text())


def test_shipped_schema_is_the_one_derived_from_the_record_types():
    assert _shipped_schema() == record_schema(), (
        "regenerate with: python -m polemos.schema > src/polemos/data/extraction-record.schema.json"
    )


@pytest.fixture(scope="module")
def demo_records() -> list[dict]:
    result = run_cli("extract", str(DEMO))
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_extract_output_validates_against_the_schema(demo_records):
    records = demo_records
    assert len(records) == 5
    validator = jsonschema.Draft202012Validator(_shipped_schema())
    for record in records:
        validator.validate(record)
        for kind in ("timexes", "places", "quantities"):
            for item in record[kind]:
                assert record["text"][item["start"] : item["end"]] == item["text"]
        for actor in record["actors"]:
            for mention in actor["mentions"]:
                assert record["text"][mention["start"] : mention["end"]] == mention["text"]
        for event in record["events"]:
            for span in event["evidence"]:
                assert record["text"][span["start"] : span["end"]] == span["text"]


def test_the_typed_values_of_an_event_give_back_its_json_key_for_key(demo_records):
    """``EventDate``, ``Figure`` and ``AcledCode`` read the JSON an extraction writes and
    write it back the same, keys in the same order."""
    events = [event for record in demo_records for event in record["events"]]
    assert any(event["date"] for event in events) and any(event["size"] for event in events)
    assert any(event["acled"] for event in events)
    for event in events:
        if event["date"] is not None:
            assert list(plain(EventDate.from_dict(event["date"])).items()) == list(event["date"].items())
        for figure in event["size"].values():
            assert list(plain(Figure.from_dict(figure)).items()) == list(figure.items())
        if event["acled"] is not None:
            assert list(plain(AcledCode.from_dict(event["acled"])).items()) == list(event["acled"].items())


def test_a_count_is_read_from_a_report_or_a_canonical_size_alike():
    report_size = {"dead": {"min": 3, "max": 3, "text": "three people"}}
    canonical_size = {"dead": {"value": 3, "rule": "lowest", "min": 3, "max": 5}}
    assert size_figure(report_size, "dead")["text"] == "three people"
    assert size_figure(canonical_size, "dead")["value"] == 3
    assert size_figure(report_size, "injured") == {} == size_figure(None, "dead") == size_figure({"dead": None}, "dead")
