"""The dated military, diplomatic and humanitarian events of the Karabakh sample article.

Our own reading of ../shared/samples/karabakh-2023.txt (an analysis piece published in
early October 2023): each event below must be coded once, with its actors, date and
place, and the article's opinion passages must yield no event.
"""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE, needs_shared

pytestmark = [pytest.mark.slow, pytest.mark.shared, needs_shared]


@pytest.fixture(scope="module")
def article():
    from polemos.eval.events import SentenceCoder

    record, _doc = SentenceCoder().code_one(SAMPLE.read_text(encoding="utf-8"), "2023-10-03")
    return record


def base(actor_ids) -> set[str]:
    """Country-level ids: AZE.MIL and AZE both stand for Azerbaijan here."""
    return {a.split(".")[0] for a in actor_ids}


def events(record, event_type, date_prefix=None):
    return [
        e
        for e in record.events
        if e.type == event_type
        and (date_prefix is None or (e.date and (e.date["value"] or "").startswith(date_prefix)))
    ]


def place_name(record, event) -> str:
    return "" if event.place is None else (record.places[event.place].name or record.places[event.place].text)


def test_september_offensive_once_by_azerbaijan_on_karabakh(article):
    offensives = events(article, "ASSAULT", "2023-09")
    assert len(offensives) == 1
    offensive = offensives[0]
    assert "AZE" in base(offensive.actor)
    assert offensive.date["value"] == "2023-09-19"
    assert "Karabakh" in place_name(article, offensive)
    assert len(offensive.evidence) >= 2  # the invasion and the "anti-terror" attack


def test_blockade_from_december_2022(article):
    (siege,) = events(article, "COERCE", "2022-12")
    assert siege.mode == "restrict" and base(siege.actor) == {"AZE"}
    assert "Karabakh" in place_name(article, siege)
    assert any("nine-month blockade" in e.text for e in siege.evidence)


def test_surrender_of_artsakh(article):
    (surrender,) = events(article, "RETREAT", "2023-09-19")
    assert surrender.actor == ["AZE-NKR"]


def test_displacement_of_armenians(article):
    displacement = events(article, "SANCTION")
    assert displacement and all(e.mode == "expel" for e in displacement)
    assert any("ARM" in base(e.recipient) for e in displacement)


def test_the_2020_war_is_one_event(article):
    wars = [e for e in events(article, "ASSAULT", "2020") if e.date["basis"] == "clause"]
    assert len(wars) == 1
    assert len(wars[0].evidence) >= 5


def test_1994_ceasefire_agreement(article):
    assert len(events(article, "AGREE", "1994")) == 1


def test_november_2020_trilateral_agreement_with_provisions(article):
    (agreement,) = events(article, "AGREE", "2020-11-09")
    assert {"RUS", "ARM", "AZE"} <= base(agreement.actor)
    (relation,) = [r for r in article.relations if r.type == "agreement" and r.begin == "2020-11-09"]
    assert {"RUS", "ARM", "AZE"} <= base(relation.actors)
    assert "the deployment of Russian peacekeepers" in relation.provisions
    assert "the withdrawal of Armenian forces" in relation.provisions


def test_russian_peacekeepers_deployed_in_karabakh(article):
    peacekeeping = [e for e in events(article, "AID") if "peacekeeping" in e.context]
    assert len(peacekeeping) == 1
    assert base(peacekeeping[0].actor) == {"RUS"}
    assert "Karabakh" in place_name(article, peacekeeping[0])


def test_shusha_declaration_alliance(article):
    (shusha,) = [r for r in article.relations if r.name == "Shusha Declaration"]
    assert shusha.type == "alliance" and shusha.begin == "2021-06"
    assert {"AZE", "TUR"} <= base(shusha.actors)


def test_russia_mediated_between_armenia_and_azerbaijan(article):
    (mediation,) = [r for r in article.relations if r.type == "mediation"]
    assert {"RUS", "ARM", "AZE"} <= base(mediation.actors)


def test_azerbaijani_police_deployed_in_karabakh(article):
    (police,) = events(article, "MOBILIZE")
    assert police.actor == ["AZE.COP"]
    assert "Karabakh" in place_name(article, police)


def test_dissolution_is_future(article):
    (dissolution,) = events(article, "CONCEDE", "2024-01-01")
    assert dissolution.modality == "future" and dissolution.actor == ["AZE-NKR"]


def test_russia_blamed_armenia(article):
    (blame,) = [e for e in events(article, "ACCUSE") if e.modality == "asserted"]
    assert blame.actor == ["RUS"] and blame.recipient == ["ARM"]


@pytest.mark.parametrize(
    "opinion",
    [
        "a war that aims to create and maintain social order can have no end",
        "The oldest form of total war, it seeks a total victory",
        "one cannot win such a war",
        "Today we are again pitched back into the nightmare",
    ],
)
def test_opinion_sentences_report_nothing(article, opinion):
    for event in article.events:
        assert not any(opinion in e.text for e in event.evidence), (event.type, event.trigger)
