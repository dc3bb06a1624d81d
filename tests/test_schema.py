"""The published JSON Schema of the extraction record matches the code and the real output."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema

from conftest import DEMO, run_cli
from polemos.schema import record_schema


def _shipped_schema() -> dict:
    return json.loads((resources.files("polemos") / "data" / "extraction-record.schema.json").read_text())


def test_shipped_schema_is_the_one_derived_from_the_record_types():
    assert _shipped_schema() == record_schema(), "regenerate with: python -m polemos.schema > src/polemos/data/extraction-record.schema.json"


def test_extract_output_validates_against_the_schema():
    result = run_cli("extract", str(DEMO))
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 5, result.stderr.decode()
    validator = jsonschema.Draft202012Validator(_shipped_schema())
    for record in records:
        validator.validate(record)
        for kind in ("timexes", "places", "quantities"):
            for item in record[kind]:
                assert record["text"][item["start"]:item["end"]] == item["text"]
        for actor in record["actors"]:
            for mention in actor["mentions"]:
                assert record["text"][mention["start"]:mention["end"]] == mention["text"]
        for event in record["events"]:
            for span in event["evidence"]:
                assert record["text"][span["start"]:span["end"]] == span["text"]
