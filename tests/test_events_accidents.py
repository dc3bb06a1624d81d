"""Unintended harm is no attack: a shooting nobody meant is polemos's ACCIDENT, not PLOVER's
ASSAULT, whether its own sentence says so or another sentence of the article does; a denied or
disputed accident, and an intentional shooting, stay ASSAULT (fusion's joining of an ACCIDENT with
another report's ASSAULT of the same shooting: tests/test_fusion.py)."""

from __future__ import annotations

from polemos.codes import EVENT_TYPES, EXTENSION_TYPES, PLOVER_TYPES, event_types
from polemos.fusion import EventFamilies
from polemos.ingest.raw import RawDocument

PUBLISHED = "2019-03-18"  # a Monday


def shootings(pipeline, text: str, title: str = "Man shot in Elmwood") -> list:
    record = pipeline.extract(
        RawDocument(source="made-up", content=text, format="text", title=title, published=PUBLISHED)
    )
    return [e for e in record.events if e.type in ("ASSAULT", "ACCIDENT") and e.modality == "asserted"]


def test_accident_is_a_polemos_type_beside_plover_with_the_violence_family():
    assert "ACCIDENT" in EVENT_TYPES and "ACCIDENT" in EXTENSION_TYPES and "ACCIDENT" not in PLOVER_TYPES
    accident = event_types()["ACCIDENT"]
    assert not accident.plover and {"dead", "injured"} <= set(accident.sizes)
    assert EventFamilies.load().family_of("ACCIDENT") == EventFamilies.load().family_of("ASSAULT")


def test_a_sentence_that_says_the_shooting_was_accidental_is_an_accident(nlp_pipeline):
    found = shootings(
        nlp_pipeline, "A 12-year-old boy accidentally shot his younger brother with a pistol on Saturday in Elmwood."
    )
    assert [e.type for e in found] == ["ACCIDENT"]
    assert found[0].mode == "firearms"  # the mode is kept
    assert found[0].acled is None  # ACLED codes no accidents


def test_a_later_sentence_calling_the_shooting_accidental_makes_the_main_event_an_accident(nlp_pipeline):
    text = (
        "A 34-year-old man was shot in the leg on Saturday night at a home on Birch Lane in Elmwood.\n\n"
        "He was taken to a hospital and is expected to recover.\n\n"
        "Police said the shooting appears to have been accidental."
    )
    found = shootings(nlp_pipeline, text)
    assert found and found[0].type == "ACCIDENT"
    assert found[0].size["injured"]["min"] == 1  # still counted: an incident with a victim


def test_a_gun_thought_unloaded_is_an_accident(nlp_pipeline):
    text = "A man was shot in the arm on Saturday in Elmwood. His friend told police he thought the gun was unloaded."
    assert [e.type for e in shootings(nlp_pipeline, text)][:1] == ["ACCIDENT"]


def test_a_denied_or_disputed_accident_stays_an_assault(nlp_pipeline):
    opening = "A 34-year-old man was shot in the leg on Saturday night at a home on Birch Lane in Elmwood.\n\n"
    for denial in (
        "Police do not believe the shooting was accidental.",
        "Detectives have ruled out an accident.",
        "His sister believes it was no accident.",
    ):
        found = shootings(nlp_pipeline, opening + denial)
        assert found and {e.type for e in found} == {"ASSAULT"}, denial
        assert all("accidental" not in e.context for e in found), denial


def test_a_question_left_open_is_no_accident(nlp_pipeline):
    text = "A man was shot in the leg on Saturday in Elmwood. It is unclear whether he accidentally shot himself."
    assert {e.type for e in shootings(nlp_pipeline, text)} == {"ASSAULT"}


def test_an_accident_only_imagined_is_no_accident(nlp_pipeline):
    text = (
        "A man was shot in the leg on Saturday in Elmwood. His mother said that if it had been a mistake, "
        "he would have come home and told her the gun went off."
    )
    assert {e.type for e in shootings(nlp_pipeline, text)} == {"ASSAULT"}


def test_an_intentional_shooting_stays_an_assault(nlp_pipeline):
    text = (
        "A gunman shot a 34-year-old man in the leg on Saturday night outside a bar on Birch Lane in Elmwood.\n\n"
        "The suspect fled in a dark sedan, police said."
    )
    found = shootings(nlp_pipeline, text)
    assert found and {e.type for e in found} == {"ASSAULT"}
    assert found[0].acled is not None
