"""Who acted, on made-up reporting through the whole pipeline: passive agents, unnamed but
classed attackers, names in lower-cased text and ambiguous names read in their country."""

from __future__ import annotations

import pytest

from polemos.ingest.raw import RawDocument

pytestmark = pytest.mark.slow


def extract(pipeline, text, published="2021-05-04"):
    return pipeline.extract(RawDocument(source="test", content=text, format="text", published=published))


def assault(record):
    found = [e for e in record.events if e.type == "ASSAULT"]
    assert found, [(e.type, e.trigger) for e in record.events]
    return found[0]


def test_the_user_of_a_weapon_in_a_by_phrase_is_the_actor(nlp_pipeline):
    record = extract(nlp_pipeline, "On 2 May 2021, four farmers were killed by Afghan military airstrikes in Helmand.")
    assert assault(record).actor == ["AFG.MIL"]
    record = extract(nlp_pipeline, "Three students were wounded by police gunfire in Nairobi on Monday.")
    assert assault(record).actor == ["KEN.COP"]


@pytest.mark.parametrize(
    "text, sector",
    [
        ("A gunman killed two shoppers at a mall on Friday.", "UAF"),
        ("Unidentified assailants shot dead a shopkeeper on Monday.", "UAF"),
        ("The shooter wounded three people outside a bar on Sunday.", "UAF"),
        ("Police officers shot a man outside a bar on Sunday.", "COP"),
        ("A man opened fire outside a bar on Sunday.", "CVL"),
    ],
)
def test_unnamed_attackers_are_actors_of_their_kind(nlp_pipeline, text, sector):
    record = extract(nlp_pipeline, text)
    actors = {a.id: a for a in record.actors}
    assert [actors[i].sector for i in assault(record).actor] == [sector]


def test_lower_cased_indian_story(nlp_pipeline):
    text = (
        "vadodara: the congress on tuesday blamed chief minister narendra modi for the violence in the city. "
        "prime minister atal bihari vajpayee appealed for calm in gujarat."
    )
    record = extract(nlp_pipeline, text, published="2002-03-05")
    by_id = {a.id: a for a in record.actors}
    assert "inc" in by_id and not any(a.id.startswith("USA") for a in record.actors)
    assert by_id["narendra-modi"].kind == "person"
    assert [m.text for m in by_id["atal-bihari-vajpayee"].mentions] == ["atal bihari vajpayee"]


def test_congress_of_an_american_story_is_the_us_legislature(nlp_pipeline):
    record = extract(
        nlp_pipeline, "Congress voted on Tuesday to send more troops to Iraq, officials in Washington said."
    )
    assert any(a.id == "USA.LEG" for a in record.actors) and not any(a.id == "inc" for a in record.actors)


def test_acronyms_in_a_lower_cased_story(nlp_pipeline):
    text = "gandhinagar: the bjp government and the vhp blamed the congress for the violence in ahmedabad on monday."
    record = extract(nlp_pipeline, text, published="2002-03-05")
    assert {"vhp", "inc"} <= {a.id for a in record.actors}


def test_a_town_taken_for_a_person_in_lower_cased_text_is_no_actor(nlp_pipeline):
    text = (
        "ahmedabad: two days after godhra, the army was called out as mobs burned shops in the walled city on friday."
    )
    record = extract(nlp_pipeline, text, published="2002-03-02")
    assert not any(a.kind == "person" and a.name == "godhra" for a in record.actors)


def test_section_headings_name_no_actors(nlp_pipeline):
    text = (
        "Gunmen attacked a checkpoint near Kidal on Monday, killing four soldiers, officials said.\n\n"
        "Human Rights Watch\n\n"
        "The group said civilians had fled the town.\n"
    )
    record = extract(nlp_pipeline, text)
    assert "Human Rights Watch" in [h.text for h in record.document.headings]
    assert not any(m.text == "Human Rights Watch" for a in record.actors for m in a.mentions)
