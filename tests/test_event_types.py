"""The event-type registry (data/events/types.csv): one row per PLOVER type, read by the events
stage (modes, reversals, refusals, intents, counts) and by fusion (families)."""

from __future__ import annotations

import csv
import re

from polemos.codes import EVENT_TYPES, EVENT_TYPES_PATH, EXTENSION_TYPES, PLOVER_TYPES, event_types
from polemos.events.describe import REVERSALS, recode, reverse
from polemos.events.modality import ModalityReading
from polemos.events.words import EventWords
from polemos.lang import LanguageData
from polemos.fusion import EventFamilies

COUNT_CATEGORIES = {"dead", "injured", "displaced", "arrested"}


def test_every_type_has_a_colour_of_its_own_for_the_workspace():
    colours = [kind.colour for kind in event_types().values()]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in colours), colours
    assert len(set(colours)) == len(colours)


def test_the_registry_holds_the_sixteen_plover_types_in_plover_order_then_polemos_extensions():
    # PLOVER 3.x's event types, in its manual's order; the code's PLOVER_TYPES are the registry's rows.
    assert PLOVER_TYPES == (
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    )
    # then polemos's own types beside them: ACCIDENT, unintended harm, which PLOVER's ASSAULT is not
    assert list(event_types()) == [*PLOVER_TYPES, "ACCIDENT"] == list(EVENT_TYPES)
    assert EXTENSION_TYPES == ("ACCIDENT",)


def test_every_row_names_known_types_counts_and_a_source():
    with EVENT_TYPES_PATH.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(row["source"].strip() for row in rows)
    for kind in event_types().values():
        assert kind.family, kind.name
        assert kind.reversal is None or kind.reversal in EVENT_TYPES, kind.name
        assert set(kind.sizes) <= COUNT_CATEGORIES, kind.name


def test_every_type_the_triggers_code_is_registered():
    coded = {row["type"] for row in LanguageData.load().rows("events_triggers")}
    assert coded <= set(event_types())


def test_fusion_families_come_from_the_registry():
    families = EventFamilies.load()
    assert families.family_of("ASSAULT") == families.family_of("COERCE") == "violence"
    assert families.family_of("REQUEST") != families.family_of("REJECT")


def test_the_stage_rules_read_the_registry_columns():
    assert REVERSALS["COERCE"] == "CONCEDE"  # "lifted the curfew"
    refused = ModalityReading(modality="negated", negation="local")
    assert recode("AID", refused) == ("REJECT", "asserted")  # "will not accept aid"
    assert recode("ASSAULT", refused) == ("ASSAULT", "negated")
    assert reverse("ASSAULT", None, EventWords(LanguageData.load())) == "ASSAULT"
