"""The actor knowledge base: packaged data, name look-ups, terms in office, ruler patterns."""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources

import pytest

from polemos.actors import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_every_data_row_names_its_source():
    folder = resources.files("polemos.data").joinpath("actors")
    files = [item for item in folder.iterdir() if item.name.endswith(".csv")]
    # the sector nouns and person titles are words of a language, in its folder
    words = resources.files("polemos.lang").joinpath("en", "tables")
    files += [item for item in words.iterdir() if item.name.startswith("actors_")]
    assert len(files) >= 9
    for item in files:
        with item.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows, item.name
        assert all(row.get("source") for row in rows), f"{item.name} has a row without a source"


def test_every_country_has_an_iso3_entry(kb):
    for code, name in [("AZE", "Azerbaijan"), ("ARM", "Armenia"), ("SDN", "Sudan"), ("XKX", "Kosovo")]:
        entry = kb.entry(code)
        assert entry is not None and entry.kind == "state" and entry.country == code
        assert kb.lookup(name)[0].id == code


def test_demonyms_capitals_and_seats_of_power(kb):
    assert kb.lookup("Azeri")[0].id == "AZE"
    assert kb.lookup("Azerbaijani")[0].id == "AZE"
    assert kb.lookup("Armenians")[0].id == "ARM"
    assert kb.lookup("Baku")[0].id == "AZE"
    assert kb.lookup("Yerevan")[0].id == "ARM"
    assert kb.lookup("the Kremlin")[0].id == "RUS"
    assert kb.lookup("Downing Street")[0].id == "GBR"
    assert kb.lookup("the White House")[0].id == "USA"
    pentagon = kb.lookup("the Pentagon")[0]
    assert (pentagon.country, pentagon.sector) == ("USA", "MIL")


def test_acronyms_keep_their_case(kb):
    assert kb.lookup("US")[0].id == "USA"
    assert kb.lookup("us") == []
    assert kb.lookup("IS")[0].id == "isis"
    assert kb.lookup("is") == []


def test_surnames_resolve_by_term_in_office(kb):
    assert kb.lookup("Aliyev", date(2023, 10, 3))[0].id == "ilham-aliyev"
    assert kb.lookup("Aliyev", date(1996, 5, 1))[0].id == "heydar-aliyev"
    assert [e.id for e in kb.lookup("Heydar Aliyev", date(2023, 10, 3))] == ["heydar-aliyev"]
    assert kb.lookup("Assad", date(1990, 1, 1))[0].id == "hafez-al-assad"
    assert kb.lookup("Assad", date(2015, 1, 1))[0].id == "bashar-al-assad"
    erdogan = kb.lookup("Erdogan", date(2020, 1, 1))[0]
    assert erdogan.id == kb.lookup("Erdoğan")[0].id == "recep-tayyip-erdogan"
    assert erdogan.role == "President of Turkey"


def test_breakaway_states_sit_in_their_sovereign_state(kb):
    artsakh = kb.lookup("Artsakh")[0]
    assert artsakh.kind == "breakaway_state" and artsakh.country == "AZE" and artsakh.sector == "PRE"
    assert kb.lookup("Nagorno-Karabakh Republic")[0].id == artsakh.id
    assert kb.lookup("Transnistria")[0].country == "MDA"


def test_organisations_and_armed_groups(kb):
    assert kb.lookup("OSCE Minsk Group")[0].sector == "IGO"
    assert kb.lookup("UN Security Council")[0].wikidata == "Q37470"
    assert kb.lookup("Doctors Without Borders")[0].sector == "NGO"
    houthis = kb.lookup("Ansar Allah")[0]
    assert houthis.id == kb.lookup("Houthis")[0].id and houthis.kind == "armed_group" and houthis.country == "YEM"


def test_ruler_patterns_cover_names_the_model_misreads(kb):
    every = kb.ruler_patterns()
    patterns = {(p["label"], p["pattern"]) for p in every if isinstance(p["pattern"], str)}
    caseless = {
        (p["label"], " ".join(t["LOWER"] for t in p["pattern"])) for p in every if isinstance(p["pattern"], list)
    }
    assert ("PERSON", "narendra modi") in caseless  # lower-cased text ("narendra modi") is matched too
    assert not any(label == "ORG" and name == "security council" for label, name in caseless)
    assert ("GPE", "Artsakh") in patterns
    assert ("PERSON", "Erdoğan") in patterns
    assert ("ORG", "OSCE Minsk Group") in patterns
    assert ("GPE", "Nakhichevan") in patterns
    # single-word surnames and city names are left to the statistical model
    assert not any(pattern == "Austin" or pattern == "Washington" for _, pattern in patterns)
