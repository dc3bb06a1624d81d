"""ACLED event and sub-event types: made-up notes in the style of ACLED, through the real pipeline.

The fixture ``tests/fixtures/events/acled_style.jsonl`` holds our own snippets with gold ACLED
categories (a third more are kept apart in ``acled_style_heldout.jsonl`` and only scored
as a final check). Single sentences below pin the distinctions a user of ACLED-typed data
would notice: who was hurt, what weapon, whether a protest was met with force, who took a town.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.events.acled import Incident, acled_type
from polemos.events.words import EventWords
from polemos.eval.events import SentenceCoder, acled_of, evaluate_acled, label_f1
from polemos.lang import LanguageData
from polemos.record import Actor, Event

FIXTURES = Path(__file__).parent / "fixtures" / "events"


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


@pytest.fixture(scope="module")
def words() -> EventWords:
    """The English words the events stage reads, loaded once as the pipeline loads them."""
    return EventWords(LanguageData.load())


def acled(coder: SentenceCoder, text: str) -> tuple[str, str]:
    record, doc = coder.code_one(text, "2024-05-01")
    return acled_of(record, doc)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Police fired tear gas at students demonstrating against fee increases in Kampala.",
            ("Protests", "Protest with intervention"),
        ),
        (
            "Police opened fire on demonstrators in Bamako, killing 4 protesters.",
            ("Protests", "Excessive force against protesters"),
        ),
        ("Protesters burned tyres and threw stones at police in Lubumbashi.", ("Riots", "Violent demonstration")),
        (
            "Hundreds of nurses marched to the health ministry in Accra demanding back pay.",
            ("Protests", "Peaceful protest"),
        ),
        ("A mob lynched two suspected thieves in Mwanza.", ("Riots", "Mob violence")),
        (
            "Government troops recaptured the town of Damasak from ISWAP fighters.",
            ("Battles", "Government regains territory"),
        ),
        (
            "Al-Shabaab militants captured the town of Mahas after heavy fighting with Somali troops.",
            ("Battles", "Non-state actor overtakes territory"),
        ),
        (
            "A suicide bomber blew himself up at a checkpoint in Mogadishu, killing 3 soldiers.",
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
        (
            "A roadside bomb struck a minibus near Gao, killing 6 passengers.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        ("Gunmen killed 7 villagers in an attack on a village near Bankass.", ("Violence against civilians", "Attack")),
        (
            "Gunmen kidnapped 15 students from a school in Kebbi.",
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        (
            "Soldiers of the 33rd division clashed with rebels of the Kachin Independence Army near Bhamo.",
            ("Battles", "Armed clash"),
        ),
        (
            "Soldiers demolished 6 houses in a village near Jenin.",
            ("Strategic developments", "Looting/property destruction"),
        ),
    ],
)
def test_acled_category_of_a_note(coder, text, expected):
    assert acled(coder, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Demonstrators attacked two policemen with sticks outside the parliament in Nairobi.",
            "Violent demonstration",
        ),
        (
            "Students protesting the closure of their campus clashed with police in Kumasi on Tuesday.",
            "Violent demonstration",
        ),
        (
            "Riot police beat peaceful demonstrators with batons in Harare, leaving several in hospital.",
            "Excessive force against protesters",
        ),
        (
            "Police shot and wounded 5 students protesting against fuel prices in Conakry.",
            "Excessive force against protesters",
        ),
        (
            "Soldiers seized 40 rifles and 2,000 rounds of ammunition from a rebel hideout near Beni.",
            "Disrupted weapons use",
        ),
        ("Unidentified men burned down the office of a local radio station in Goma.", "Looting/property destruction"),
        ("A man wearing an explosive vest detonated it at a market in Maiduguri, killing 9 people.", "Suicide bomb"),
        ("The rebels released 12 hostages in Kidal on Sunday.", "Other"),
        (
            "Doctors said 20 people were treated after a shell released chlorine gas in the town of Saraqib.",
            "Chemical weapon",
        ),
    ],
)
def test_who_did_what_to_whom_decides_the_sub_event_type(coder, text, expected):
    """Protesters who attack riot; police who beat or shoot protesters use excessive force; seized
    rifles are disrupted weapons use; a building burnt with no one hurt is property destruction."""
    assert acled(coder, text)[1] == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        ("A gunman shot dead a shopkeeper outside his store in Bamenda on Friday.", "Attack"),
        ("A man stabbed two worshippers outside a church in Lyon before fleeing.", "Attack"),
        ("Unknown gunmen opened fire at a wedding party near Kandahar, killing 3 guests.", "Attack"),
        ("Soldiers and ADF rebels exchanged gunfire for two hours near Oicha.", "Armed clash"),
        ("Militiamen fired on a peaceful rally in Nasiriyah, killing 2 people.", "Excessive force against protesters"),
        ("Authorities imposed a dusk-to-dawn curfew in Jos on Tuesday.", "Change to group/activity"),
        (
            "The bomb squad carried out a controlled explosion on a device found near the court in Peshawar.",
            "Disrupted weapons use",
        ),
    ],
)
def test_one_sided_violence_and_codebook_distinctions(coder, text, expected):
    """Violence with no armed opponent, or by one person, is an attack, not a battle or a mob; any
    actor who kills peaceful protesters uses excessive force; curfews change what forces and people
    may do; explosives destroyed by a bomb squad are disrupted weapons use."""
    assert acled(coder, text)[1] == expected


@pytest.mark.parametrize(
    "event, incident, expected",
    [
        (
            Event(id="p1", type="ASSAULT", actor=["AAA.MIL"]),
            Incident(cues=frozenset({"protest", "beating"})),
            "Excessive force against protesters",
        ),
        (
            Event(id="p2", type="ASSAULT"),
            Incident(cues=frozenset({"protest"}), doers=frozenset({"protesters"})),
            "Violent demonstration",
        ),
        (Event(id="p3", type="COERCE", mode="seize"), Incident(cues=frozenset({"weapons"})), "Disrupted weapons use"),
        (
            Event(id="p4", type="ASSAULT", mode="destroy"),
            Incident(doers=frozenset({"civilians"})),
            "Looting/property destruction",
        ),
        (Event(id="p5", type="RETREAT", mode="release"), Incident(), "Other"),
        (Event(id="p6", type="RETREAT", mode="release"), Incident(cues=frozenset({"shelling"})), None),
    ],
)
def test_codebook_rules_on_incident_cues(event, incident, expected, words):
    found = acled_type(event, ACTORS, incident=incident, words=words)
    assert (found or {}).get("sub_event_type") == expected


@pytest.mark.slow
def test_tuning_snippets_reach_the_fine_tuned_level(coder):
    report = evaluate_acled(FIXTURES / "acled_style.jsonl", coder=coder)
    assert report["sentences"] >= 100
    assert report["event_type"]["weighted_f1"] >= 0.85
    assert report["sub_event_type"]["weighted_f1"] >= 0.84


ARMY = Actor(id="AAA.MIL", name="Army of A", kind="state", sector="MIL", country="AAA")
REBELS = Actor(id="AAA.REB", name="Rebels of A", kind="armed_group", sector="REB", country="AAA")
ACTORS = {a.id: a for a in (ARMY, REBELS)}


@pytest.mark.parametrize(
    "event, incident, expected",
    [
        (
            Event(id="e1", type="ASSAULT", actor=["AAA.MIL"], recipient=["AAA.REB"]),
            Incident(cues=frozenset({"shelling"})),
            "Shelling/artillery/missile attack",
        ),
        (
            Event(id="e2", type="ASSAULT", actor=["AAA.REB"]),
            Incident(cues=frozenset({"explosive", "suicide"})),
            "Suicide bomb",
        ),
        (
            Event(id="e3", type="ASSAULT", actor=["AAA.MIL"]),
            Incident(cues=frozenset({"protest", "lethal", "forces"})),
            "Excessive force against protesters",
        ),
        (Event(id="e4", type="COERCE", mode="arrest", actor=["AAA.REB"]), Incident(), "Abduction/forced disappearance"),
        (Event(id="e5", type="ASSAULT"), Incident(doers=frozenset({"mob"})), "Mob violence"),
        (
            Event(id="e6", type="RETREAT", mode="withdraw", actor=["AAA.REB"]),
            Incident(),
            "Non-violent transfer of territory",
        ),
        (Event(id="e7", type="ASSAULT", mode="destroy", actor=["AAA.REB"]), Incident(), "Looting/property destruction"),
        (
            Event(id="e8", type="ASSAULT", mode="destroy", actor=["AAA.REB"]),
            Incident(cues=frozenset({"lethal"}), targets=frozenset({"civilians"})),
            "Attack",
        ),
    ],
)
def test_incident_cues_decide_the_sub_event_type(event, incident, expected, words):
    assert acled_type(event, ACTORS, incident=incident, words=words)["sub_event_type"] == expected


def test_label_f1_weights_by_support():
    figures = label_f1(["a", "a", "b"], ["a", "a", "a"])
    assert figures["per_label"]["a"]["precision"] == pytest.approx(2 / 3)
    assert figures["per_label"]["b"]["f1"] == 0.0
    assert figures["weighted_f1"] == pytest.approx(2 / 3 * 0.8)
