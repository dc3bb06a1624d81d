"""The event lexicons and the ACLED mapping, without the spaCy model."""

from __future__ import annotations

import csv

import pytest

from polemos.events import PLOVER_TYPES, Lexicon, acled_type
from polemos.events.lexicon import DATA_DIR
from polemos.events.words import EventWords
from polemos.lang import LanguageData
from polemos.record import Actor, Event


@pytest.fixture(scope="module")
def words() -> EventWords:
    """The English words the events stage reads, loaded once as the pipeline loads them."""
    return EventWords(LanguageData.load())


def test_every_lexicon_row_names_its_source_and_a_plover_type():
    lexicon = Lexicon.load()
    assert len(lexicon.triggers) > 300
    assert {entry.type for entry in lexicon.triggers} == set(PLOVER_TYPES)
    for path in DATA_DIR.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert row["source"].strip(), (path.name, row)


def test_phrases_are_indexed_by_every_word_longest_first():
    lexicon = Lexicon.load()
    fire = [entry.text for entry in lexicon.by_lemma["fire"]]
    assert fire.index("open fire") < fire.index("fire")


ARMY = Actor(id="AAA.MIL", name="Army of A", kind="state", sector="MIL", country="AAA")
REBELS = Actor(id="AAA.REB", name="Rebels of A", kind="armed_group", sector="REB", country="AAA")
VILLAGERS = Actor(id="AAA.CVL", name="Villagers", kind="group", sector="CVL", country="AAA")
ACTORS = {a.id: a for a in (ARMY, REBELS, VILLAGERS)}


@pytest.mark.parametrize(
    "event, expected",
    [
        (
            Event(id="e1", type="ASSAULT", mode="drone", actor=["AAA.MIL"]),
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        (
            Event(id="e2", type="ASSAULT", mode="heavy-weapons", actor=["AAA.MIL"]),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            Event(id="e3", type="ASSAULT", actor=["AAA.MIL"], recipient=["AAA.CVL"]),
            ("Violence against civilians", "Attack"),
        ),
        (Event(id="e4", type="ASSAULT", actor=["AAA.MIL", "AAA.REB"]), ("Battles", "Armed clash")),
        (
            Event(id="e5", type="ASSAULT", mode="abduct", actor=["AAA.REB"], recipient=["AAA.CVL"]),
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        (Event(id="e6", type="PROTEST", mode="demo", actor=["AAA.CVL"]), ("Protests", "Peaceful protest")),
        (Event(id="e7", type="PROTEST", mode="riot", actor=["AAA.CVL"]), ("Riots", "Violent demonstration")),
        (Event(id="e8", type="COERCE", mode="arrest", actor=["AAA.MIL"]), ("Strategic developments", "Arrests")),
        (Event(id="e9", type="AGREE", actor=["AAA.MIL", "AAA.REB"]), ("Strategic developments", "Agreement")),
        (
            Event(id="e10", type="ASSAULT", actor=["AAA.REB"], context=["military", "territory"], trigger="captured"),
            ("Battles", "Non-state actor overtakes territory"),
        ),
    ],
)
def test_acled_types(event, expected, words):
    assert acled_type(event, ACTORS, words=words) == {"event_type": expected[0], "sub_event_type": expected[1]}


def test_no_acled_type_for_talks_or_unrealised_events(words):
    assert acled_type(Event(id="e1", type="CONSULT", actor=["AAA.MIL"]), ACTORS, words=words) is None
    assert acled_type(Event(id="e2", type="ASSAULT", mode="aerial", modality="future"), ACTORS, words=words) is None
