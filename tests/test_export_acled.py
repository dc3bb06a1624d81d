"""The ACLED CSV as an ACLED user reads it (pandas, the codebook's columns and codes), the typed
Parquet file, and canonical exports that keep the analyst's review.

The events are written here: each sentence made up, each coded as ACLED would code it."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import run_cli
from polemos.geo import Gazetteer
from polemos.geo.gazetteer import default_cache_dir
from polemos.record import Actor, DocumentInfo, Event, EventDate, Evidence, ExtractionRecord, Mention, Place, Sentence
from polemos.store import EventFilter, open_store

CODEBOOK_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

SENTENCES = [
    "Police opened fire on protesters in Ahmedabad on Monday, killing two.",  # excessive force
    "Rebels raided a village near Ahmedabad and shot farmers.",  # violence against civilians
    "Russian drones struck Kharkiv overnight.",  # foreign forces, no second actor, no toll
    "Thousands of teachers marched peacefully across Gujarat against the state government.",  # peaceful protest
    "The state government met the teachers' union for talks.",  # no ACLED type
    "Rebels will attack the police post, a commander warned.",  # announced, did not happen
    "Rebels ambushed a police convoy in the hills.",  # a battle on no known date
]
TEXT = " ".join(SENTENCES)


def _span(index: int) -> tuple[int, int]:
    start = TEXT.index(SENTENCES[index])
    return start, start + len(SENTENCES[index])


def _evidence(index: int) -> list[Evidence]:
    start, end = _span(index)
    return [Evidence(TEXT[start:end], start, end)]


def _mention(text: str, sentence: int) -> Mention:
    start = TEXT.index(text, _span(sentence)[0])
    return Mention(text, start, start + len(text), sentence)


def _place(
    text: str, name: str, geonameid: int, lat: float, lon: float, country: str, feature: str, sentence: int
) -> Place:
    start = TEXT.index(text, _span(sentence)[0])
    return Place(text, start, start + len(text), name, geonameid, lat, lon, country, feature, sentence)


DAY = {"value": "2024-03-04", "begin": "2024-03-04", "end": "2024-03-04", "text": "Monday", "precision": "day"}
MARCH = {"value": "2024-03", "begin": "2024-03-01", "end": "2024-03-31", "text": None, "precision": "month"}


def acled(event_type: str, sub_event_type: str) -> dict:
    return {"event_type": event_type, "sub_event_type": sub_event_type}


def made_up_record() -> ExtractionRecord:
    return ExtractionRecord(
        document=DocumentInfo(
            id="wire",
            title="Unrest and strikes",
            content_hash="hash-wire",
            published="2024-03-05",
            url="https://www.daily-ledger.example/world/unrest",
        ),
        text=TEXT,
        sentences=[Sentence(*_span(i)) for i in range(len(SENTENCES))],
        actors=[
            Actor("IND.COP", "Indian police", "state", "COP", "IND", mentions=[_mention("Police", 0)]),
            Actor("IND.CVL.protesters", "protesters", "group", "CVL", "IND", mentions=[_mention("protesters", 0)]),
            Actor("IND.REB", "rebels", "armed_group", "REB", "IND", mentions=[_mention("Rebels", 1)]),
            Actor("IND.AGR", "farmers", "group", "AGR", "IND", mentions=[_mention("farmers", 1)]),
            Actor("RUS.MIL", "Russian military", "state", "MIL", "RUS", mentions=[_mention("Russian drones", 2)]),
            Actor("IND.EDU", "teachers", "group", "EDU", "IND", mentions=[_mention("teachers", 3)]),
            Actor(
                "IND.GOV.gujarat",
                "Gujarat government",
                "state",
                "GOV",
                "IND",
                mentions=[_mention("state government", 3)],
            ),
        ],
        places=[
            _place("Ahmedabad", "Ahmedabad", 1279233, 23.02579, 72.58727, "IND", "city", 0),
            _place("Kharkiv", "Kharkiv", 706483, 49.98081, 36.25272, "UKR", "city", 2),
            _place("Gujarat", "Gujarat", 1270770, 22.38501, 71.74526, "IND", "admin1", 3),
        ],
        events=[
            Event(
                "e1",
                "ASSAULT",
                mode="firearms",
                actor=["IND.COP"],
                recipient=["IND.CVL.protesters"],
                date=dict(DAY),
                place=0,
                size={"dead": {"min": 2, "max": 2, "text": "two"}},
                evidence=_evidence(0),
                trigger="opened fire",
                acled=acled("Protests", "Excessive force against protesters"),
            ),
            Event(
                "e2",
                "ASSAULT",
                mode="firearms",
                actor=["IND.REB"],
                recipient=["IND.AGR"],
                date=dict(MARCH),
                place=0,
                evidence=_evidence(1),
                trigger="shot",
                acled=acled("Violence against civilians", "Attack"),
            ),
            Event(
                "e3",
                "ASSAULT",
                mode="drone",
                actor=["RUS.MIL"],
                date=dict(DAY),
                place=1,
                evidence=_evidence(2),
                trigger="struck",
                acled=acled("Explosions/Remote violence", "Air/drone strike"),
            ),
            Event(
                "e4",
                "PROTEST",
                mode="demonstrate",
                actor=["IND.EDU"],
                recipient=["IND.GOV.gujarat"],
                date=dict(DAY),
                place=2,
                evidence=_evidence(3),
                trigger="marched",
                acled=acled("Protests", "Peaceful protest"),
            ),
            Event(
                "e5",
                "CONSULT",
                actor=["IND.GOV.gujarat"],
                recipient=["IND.EDU"],
                date=dict(DAY),
                place=2,
                evidence=_evidence(4),
                trigger="met",
            ),
            Event(
                "e6",
                "ASSAULT",
                actor=["IND.REB"],
                recipient=["IND.COP"],
                date=dict(DAY),
                modality="future",
                evidence=_evidence(5),
                trigger="attack",
            ),
            Event(
                "e7",
                "ASSAULT",
                mode="firearms",
                actor=["IND.REB"],
                recipient=["IND.COP"],
                evidence=_evidence(6),
                trigger="ambushed",
                acled=acled("Battles", "Armed clash"),
            ),
        ],
    )


@pytest.fixture(scope="module")
def gazetteer_built():
    """The export names divisions from the gazetteer ingest builds; build it if it is not there yet."""
    Gazetteer.open(default_cache_dir()).close()


@pytest.fixture()
def db(tmp_path, gazetteer_built):
    path = str(tmp_path / "acled.db")
    with open_store(path) as store:
        store.add(made_up_record())
        (drone,), _ = store.events(EventFilter(type="ASSAULT", q="drones"))
        store.review_event(drone.id, "confirmed", note="seen in two videos", reviewer="lee")
    return path


def export_csv(db: str, *options: str) -> pd.DataFrame:
    result = run_cli("export", "--db", db, "-f", "acled-csv", *options, "-")
    assert result.returncode == 0, result.stderr.decode()
    return pd.read_csv(
        io.StringIO(result.stdout.decode()),
        dtype={"fatalities": "Int64", "inter2": "Int64"},
        keep_default_na=False,
        na_values=[""],
    )


def test_acled_csv_has_the_codebook_columns_in_order_and_types(db):
    table = export_csv(db)
    assert list(table.columns[: len(CODEBOOK_COLUMNS)]) == CODEBOOK_COLUMNS
    assert {"plover_type", "plover_mode", "modality", "review_status", "evidence_offsets"} <= set(table.columns)
    assert table["year"].dtype == "int64" and set(table["year"]) == {2024}
    assert str(table["fatalities"].dtype) == "Int64"
    assert pd.to_datetime(table["event_date"], format="%Y-%m-%d").notna().all()
    assert table["iso"].dtype == "int64" and table["inter1"].dtype == "int64" and table["interaction"].dtype == "int64"
    assert table["timestamp"].dtype == "int64" and (table["timestamp"] > 1_600_000_000).all()  # seconds since 1970
    by_type = {row.sub_event_type: row for row in table.itertuples()}
    force = by_type["Excessive force against protesters"]
    assert force.fatalities == 2 and force.time_precision == 1 and force.geo_precision == 1
    assert (force.iso, force.region, force.country) == (356, "South Asia", "India")
    assert force.source == "daily-ledger.example" and force.notes.startswith("Police opened fire")
    assert pd.isna(by_type["Air/drone strike"].fatalities)  # no toll reported: unknown, not 0
    assert by_type["Attack"].time_precision == 3  # known to the month only


def test_inter_codes_interaction_and_disorder_follow_the_codebook(db):
    rows = {row["sub_event_type"]: row for row in export_csv(db).to_dict("records")}
    force = rows["Excessive force against protesters"]
    assert (force["inter1"], force["inter2"], force["interaction"]) == (1, 6, 16)  # state forces on protesters
    assert force["disorder_type"] == "Political violence; Demonstrations" and pd.isna(force["civilian_targeting"])
    attack = rows["Attack"]
    assert (attack["inter1"], attack["inter2"], attack["interaction"]) == (2, 7, 27)  # rebels on civilians
    assert attack["disorder_type"] == "Political violence" and attack["civilian_targeting"] == "Civilian targeting"
    strike = rows["Air/drone strike"]
    # A state's forces outside their own country are external forces; alone, the code then 0.
    assert (strike["inter1"], strike["interaction"], strike["country"], strike["region"]) == (
        8,
        80,
        "Ukraine",
        "Europe",
    )
    assert pd.isna(strike["actor2"]) and pd.isna(strike["inter2"])
    march = rows["Peaceful protest"]
    # The target of a peaceful protest is no party to it: no actor2, protesters alone.
    assert (march["inter1"], march["interaction"], march["disorder_type"]) == (6, 60, "Demonstrations")
    assert pd.isna(march["actor2"]) and march["geo_precision"] == 3  # known at province level only


def test_divisions_come_from_the_gazetteer(db):
    rows = {row["sub_event_type"]: row for row in export_csv(db).to_dict("records")}
    force, march, strike = (
        rows["Excessive force against protesters"],
        rows["Peaceful protest"],
        rows["Air/drone strike"],
    )
    assert force["admin1"].startswith("Gujar") and force["admin2"].startswith("Ahm") and pd.isna(force["admin3"])
    assert march["admin1"] == force["admin1"] and pd.isna(march["admin2"])  # the province itself, no district
    assert strike["admin1"].startswith("Kharkiv")


def test_only_acled_events_by_default_and_every_type_when_asked(db):
    coded = export_csv(db)
    assert sorted(coded["plover_type"]) == ["ASSAULT", "ASSAULT", "ASSAULT", "PROTEST"]
    every = export_csv(db, "--all-types")
    assert sorted(every["plover_type"]) == ["ASSAULT"] * 5 + ["CONSULT", "PROTEST"]
    undated = every[every["sub_event_type"] == "Armed clash"].iloc[0]  # ACLED codes no undated event
    assert pd.isna(undated["event_date"]) and pd.isna(undated["year"]) and undated["inter1"] == 2
    # Indian police where the country is unknown: India's own forces or foreign ones? Left empty.
    assert pd.isna(undated["inter2"]) and pd.isna(undated["interaction"])
    talks = every[every["plover_type"] == "CONSULT"].iloc[0]
    assert pd.isna(talks["event_type"]) and pd.isna(talks["disorder_type"]) and pd.isna(talks["interaction"])
    announced = every[every["modality"] == "future"].iloc[0]
    assert pd.isna(announced["event_type"]) and pd.isna(announced["fatalities"])


def test_parquet_columns_are_typed_and_evidence_nested(db, tmp_path):
    path = tmp_path / "events.parquet"
    assert run_cli("export", "--db", db, "-f", "parquet", str(path)).returncode == 0
    schema = pq.read_schema(path)
    assert schema.field("event_date").type == pa.date32()
    for name in ("year", "fatalities", "inter1", "interaction", "iso", "time_precision", "geo_precision"):
        assert schema.field(name).type == pa.int64(), name
    assert schema.field("latitude").type == pa.float64() and schema.field("longitude").type == pa.float64()
    assert schema.field("evidence").type == pa.list_(
        pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("doc_id", pa.string())])
    )
    table = pq.read_table(path).to_pandas()
    assert len(table) == 7  # Parquet keeps every event, as polemos stores them
    strike = table[table["sub_event_type"] == "Air/drone strike"].iloc[0]
    assert str(strike["event_date"]) == "2024-03-04" and pd.isna(strike["fatalities"])
    (span,) = strike["evidence"]
    assert (
        span["text"] == SENTENCES[2] and TEXT[span["start"] : span["end"]] == SENTENCES[2] and span["doc_id"] == "wire"
    )


def test_canonical_exports_keep_the_review(db, tmp_path):
    table = export_csv(db, "--canonical")
    strike = table[table["sub_event_type"] == "Air/drone strike"].iloc[0]
    assert strike["review_status"] == "confirmed" and strike["reviewer"] == "lee"
    assert strike["review_note"] == "seen in two videos" and strike["event_id_cnty"].startswith("ce-")
    unreviewed = table[table["sub_event_type"] == "Attack"].iloc[0]
    assert pd.isna(unreviewed["review_status"])
    plover = run_cli("export", "--db", db, "-f", "plover-jsonl", "--canonical", "-").stdout.decode()
    record = next(
        r for r in map(json.loads, plover.splitlines()) if r["event"] == ["ASSAULT"] and r["mode"] == ["drone"]
    )
    assert record["coder"] == "polemos; reviewed confirmed by lee" and record["comment"] == "seen in two videos"
    path = tmp_path / "canonical.parquet"
    assert run_cli("export", "--db", db, "-f", "parquet", "--canonical", str(path)).returncode == 0
    reviewed = pq.read_table(path).to_pandas().set_index("sub_event_type")
    assert reviewed.loc["Air/drone strike", "review_status"] == "confirmed"


def test_the_source_is_the_outlet_even_behind_a_web_archive():
    from polemos.export.acled import publication

    assert publication("https://www.daily-ledger.example/world/unrest") == "daily-ledger.example"
    archived = "http://web.archive.org/web/20170316053012/https://www.city-herald.example/local/shooting.html?ref=1"
    assert publication(archived) == "city-herald.example"
    assert publication("reports/day1.txt") is None and publication(None) is None


def test_time_precision_follows_the_span_of_the_date():
    from polemos.export.acled import _when

    def when(date: dict) -> dict:
        return _when(EventDate.from_dict(date))

    assert when(DAY) == {"event_date": "2024-03-04", "year": 2024, "time_precision": 1}
    # Reported without a date: the day of publication or the one before, a span of two days.
    undated_report = {"value": "2024-03-05", "begin": "2024-03-04", "end": "2024-03-05", "precision": "day"}
    assert when(undated_report)["time_precision"] == 2
    # Known to the month only, with or without a span: its first day, precision 3.
    assert when(MARCH) == {"event_date": "2024-03-01", "year": 2024, "time_precision": 3}
    assert when({"value": "2024-03", "begin": None, "end": None, "precision": "month"})["event_date"] == "2024-03-01"
