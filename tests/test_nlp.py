"""The spaCy pipeline polemos runs: our entity ruler fixes the conflict names a small model gets
wrong, and paragraphs never fuse into one sentence."""

from __future__ import annotations

from polemos.nlp import add_sentences
from polemos.record import DocumentInfo, ExtractionRecord

TEXT = (
    "Erdoğan met the OSCE Minsk Group in Stepanakert and Shushi, near the Zangezur Corridor "
    "and Nakhichevan.\n\nPerpetual War\n\nArtsakh surrendered within a day."
)


def test_the_ruler_labels_conflict_names_before_the_statistical_ner(nlp_pipeline):
    doc = nlp_pipeline.nlp(TEXT)
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["Erdoğan"] == "PERSON"  # the bare model calls him an organisation
    assert labels["OSCE Minsk Group"] == "ORG"
    assert labels["Shushi"] == "GPE"  # the bare model calls it a nationality
    assert labels["Zangezur Corridor"] == "LOC"  # the bare model calls it a building
    assert labels["Stepanakert"] == labels["Nakhichevan"] == labels["Artsakh"] == "GPE"


def test_headings_and_paragraphs_are_sentences_of_their_own(nlp_pipeline):
    record = ExtractionRecord(document=DocumentInfo(id="t"), text=TEXT)
    add_sentences(record, nlp_pipeline.nlp(TEXT))
    sentences = [TEXT[s.start : s.end] for s in record.sentences]
    assert "Perpetual War" in sentences
    assert sentences[-1] == "Artsakh surrendered within a day."
