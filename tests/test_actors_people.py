"""People the knowledge base does not know, and pronouns, through the whole pipeline on made-up reporting."""

from __future__ import annotations

import pytest

from polemos.ingest.raw import RawDocument

pytestmark = pytest.mark.slow


def extract(pipeline, text, published="2010-05-01"):
    return pipeline.extract(RawDocument(source="test", content=text, format="text", published=published))


def actor_of(record, mention_text):
    found = [a for a in record.actors for m in a.mentions if m.text == mention_text]
    assert found, (
        f"no actor mentioned as {mention_text!r}: {[(a.id, [m.text for m in a.mentions]) for a in record.actors]}"
    )
    return found[0]


def test_title_gives_country_and_a_later_surname_is_the_same_person(nlp_pipeline):
    record = extract(
        nlp_pipeline,
        "Algerian President Abdelaziz Bouteflika spoke on Monday. Bouteflika said the army would stay in the barracks.",
    )
    president = actor_of(record, "Abdelaziz Bouteflika")
    assert (president.kind, president.country, president.sector) == ("person", "DZA", "GOV")
    assert actor_of(record, "Bouteflika") is president
    assert not [a for a in record.actors if a.kind == "person" and a is not president]


@pytest.mark.parametrize(
    "text, name, country, sector",
    [
        (
            "Abdelaziz Bouteflika, the president of Algeria, pardoned 200 prisoners.",
            "Abdelaziz Bouteflika",
            "DZA",
            "GOV",
        ),
        ("Haiti's Lt. Gen. Prosper Avril declared a state of siege.", "Prosper Avril", "HTI", "MIL"),
        ("King Hassan of Morocco was quoted as saying he would host the talks.", "Hassan", "MAR", "GOV"),
        (
            "Judge Alejandro Rivera opened fraud investigations against 28 Chilean officials.",
            "Alejandro Rivera",
            "CHL",
            "JUD",
        ),
        (
            "Former Prime Minister Andreas Nikolaidis demanded early elections in Greece.",
            "Andreas Nikolaidis",
            "GRC",
            "ELI",
        ),
    ],
)
def test_office_holders_take_state_and_sector_from_their_title_or_sentence(nlp_pipeline, text, name, country, sector):
    person = actor_of(extract(nlp_pipeline, text), name)
    assert (person.kind, person.country, person.sector) == ("person", country, sector)


def test_office_holder_with_no_country_in_the_sentence_takes_the_documents_state(nlp_pipeline):
    text = (
        "Angola's army said on Monday that rebels had attacked a convoy near Huambo. The Angolan government "
        "condemned the attack. On Tuesday, President Dos Santos said the talks would go on."
    )
    president = actor_of(extract(nlp_pipeline, text), "Dos Santos")
    assert (president.country, president.sector) == ("AGO", "GOV")


def test_a_state_another_title_claims_is_not_given_to_an_untitled_president(nlp_pipeline):
    record = extract(
        nlp_pipeline, "President Francois Mitterand welcomed South African leader F.W. de Klerk on Thursday."
    )
    assert actor_of(record, "F.W. de Klerk").country == "ZAF"
    assert actor_of(record, "Francois Mitterand").country != "ZAF"


def test_officials_of_an_organisation_act_for_it(nlp_pipeline):
    record = extract(nlp_pipeline, "U.N. Secretary-General Jonas Verhoef said he would send inspectors.")
    official = actor_of(record, "Jonas Verhoef")
    assert official.sector == "IGO" and official.country is None


def test_a_known_surname_does_not_capture_a_person_with_another_given_name(nlp_pipeline):
    record = extract(nlp_pipeline, "General Michel Aoun rejected the plan on Sunday.", published="2024-03-01")
    assert actor_of(record, "Michel Aoun").id != "joseph-aoun"


def test_they_is_the_group_subject_of_the_clause_or_the_sentence_before(nlp_pipeline):
    record = extract(nlp_pipeline, "The rebels said they would release the hostages on Friday.")
    assert actor_of(record, "they") is actor_of(record, "rebels")
    record = extract(
        nlp_pipeline, "Protesters clashed with police in Khartoum. They threw stones at the security forces."
    )
    assert actor_of(record, "They") is actor_of(record, "Protesters")


def test_it_inside_a_sentence_is_the_governing_subject(nlp_pipeline):
    record = extract(nlp_pipeline, "Iraq said it would allow the inspectors to return.")
    assert actor_of(record, "it").id == "IRQ"
