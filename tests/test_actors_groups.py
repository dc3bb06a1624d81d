"""Groups, places and names the NER splits, through the whole pipeline on made-up reporting."""

from __future__ import annotations

import pytest

from polemos.actors import ActorResolver
from polemos.ingest.raw import RawDocument

pytestmark = pytest.mark.slow


def extract(pipeline, text, published="2024-05-01"):
    return pipeline.extract(RawDocument(source="test", content=text, format="text", published=published))


def actor_of(record, mention_text):
    found = [a for a in record.actors for m in a.mentions if m.text == mention_text]
    assert found, (
        f"no actor mentioned as {mention_text!r}: {[(a.id, [m.text for m in a.mentions]) for a in record.actors]}"
    )
    return found[0]


def mentioned(record):
    return {m.text for a in record.actors for m in a.mentions}


def test_names_behind_an_arabic_article_stay_whole(nlp_pipeline):
    record = extract(nlp_pipeline, "Al-Shabaab militants attacked an army base in Somalia on Friday.")
    group = actor_of(record, "Al-Shabaab militants")
    assert (group.id, group.kind, group.sector, group.country) == ("al-shabaab", "armed_group", "REB", "SOM")
    assert not [a for a in record.actors if a.name.rstrip().endswith("-") or a.id in ("al", "al.REB")]


def test_demonym_and_civilian_nouns_name_civilians_of_that_state(nlp_pipeline):
    record = extract(nlp_pipeline, "Israeli settlers attacked Palestinian villagers near Nablus.")
    settlers = actor_of(record, "Israeli settlers")
    assert (settlers.country, settlers.sector, settlers.kind) == ("ISR", "CVL", "group")
    assert actor_of(record, "Palestinian villagers").sector == "CVL"


def test_generic_armed_groups_become_actors_of_the_state_named_around_them(nlp_pipeline):
    record = extract(
        nlp_pipeline, "Bandits killed 12 villagers in Zamfara state, Nigeria. Armed men abducted 20 students on Sunday."
    )
    bandits = actor_of(record, "Bandits")
    assert (bandits.kind, bandits.sector, bandits.country) == ("group", "CRM", "NGA")
    gunmen = actor_of(record, "Armed men")
    assert (gunmen.kind, gunmen.sector, gunmen.country) == ("group", "UAF", "NGA")
    assert "Zamfara state" not in mentioned(record)  # a province, not a government
    assert record.events and record.events[0].actor == [bandits.id]


def test_settlers_do_not_take_the_country_of_their_victims(nlp_pipeline):
    record = extract(nlp_pipeline, "Settlers burned olive trees belonging to Palestinian farmers near Ramallah.")
    assert actor_of(record, "Settlers").country is None


def test_place_after_a_locative_preposition_is_no_actor(nlp_pipeline):
    record = extract(nlp_pipeline, "Fighters in Wad Madani attacked a market on Monday.")
    assert not [a for a in record.actors if a.kind in ("person", "organisation")]


def test_bare_police_takes_the_state_the_document_is_about(nlp_pipeline):
    text = (
        "Clashes erupted in Sudan on Monday. Dozens were killed in the fighting. Police later imposed a "
        "curfew. Witnesses said the streets were quiet."
    )
    assert actor_of(extract(nlp_pipeline, text), "Police").id == "SDN.COP"


def test_with_the_gazetteer_towns_tagged_as_people_are_places(nlp_pipeline):
    stages = dict(nlp_pipeline.stages)
    resolver = ActorResolver(stages["actors"].kb, gazetteer=stages["geo"].gazetteer)
    text = "Sudan's army shelled Omdurman on Tuesday. The army recaptured Kidal from the rebels."
    record = nlp_pipeline.clean(RawDocument(source="test", content=text, format="text", published="2024-05-01"))
    doc = nlp_pipeline.nlp(record.text)
    nlp_pipeline.annotate(record, doc)
    record.actors = []
    resolver.annotate(record, doc)
    for name, country in (("Omdurman", "SDN"), ("Kidal", "MLI")):
        place = actor_of(record, name)
        assert (place.kind, place.country) == ("place", country)
