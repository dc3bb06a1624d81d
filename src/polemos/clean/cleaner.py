"""The clean stage: a ``RawDocument`` in, an ``ExtractionRecord`` with clean body text out."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from polemos.clean.blocks import HEADING, Extraction, assemble
from polemos.clean.boilerplate import BoilerplateFilter, load_boilerplate_patterns
from polemos.clean.captions import CaptionDetector, load_photo_agencies
from polemos.clean.dates import PublicationDates
from polemos.clean.html import extract_html
from polemos.clean.pullquotes import PullQuoteFilter
from polemos.clean.sentences import split_long_sentences
from polemos.clean.repair import looks_binary, normalise_for_matching
from polemos.clean.text import extract_text
from polemos.clean.words import CleanWords
from polemos.ingest.raw import InputError, RawDocument
from polemos.lang import LanguageData
from polemos.record import DocumentInfo, ExtractionRecord


_HTML_TAG = re.compile(r"<[a-zA-Z!/?]")  # content labelled html with no tag at all is read as text


@dataclass
class CleanOptions:
    min_text_chars: int = 20  # less clean body text than this is "no article text found"
    boilerplate_max_words: int = 60  # longer blocks are never taken for boilerplate
    pull_quote_max_words: int = 60  # longer paragraphs are never taken for pull quotes
    pull_quote_containment: float = 0.7  # share of a pull quote's trigrams found in the original
    fallback_below_words: int = 30  # HTML: try the density fallback below this many words
    min_language_chars: int = 40  # shorter bodies get no language rather than a guess
    max_sentence_chars: int = 2000  # longer runs without a sentence end get line breaks
    boilerplate_path: Optional[Path] = None  # default: the language's tables/clean_boilerplate.csv
    trailers_path: Optional[Path] = None  # default: the language's tables/clean_boilerplate_trailers.csv
    photo_agencies_path: Optional[Path] = None  # default: polemos/data/photo_agencies.csv


def content_hash(text: str) -> str:
    """sha256 of the body reduced to lower-cased words, so the same article read from its
    HTML page and from a text copy hashes the same despite typography and layout."""
    return hashlib.sha256(normalise_for_matching(text).encode("utf-8")).hexdigest()


class Cleaner:
    """Built once (it loads the pattern tables and the language model), then ``clean`` per input."""

    def __init__(self, options: Optional[CleanOptions] = None, language: Optional[LanguageData] = None):
        self.options = options or CleanOptions()
        # The language it reads publication dates, captions and boilerplate in (English when none is given).
        language = language or LanguageData.load()
        self.dates = PublicationDates(language)
        self.words = CleanWords(language)
        self.captions = CaptionDetector(load_photo_agencies(self.options.photo_agencies_path), self.words)
        self.boilerplate = BoilerplateFilter(
            load_boilerplate_patterns(self.options.boilerplate_path, language),
            self.words,
            load_boilerplate_patterns(self.options.trailers_path, language, "clean_boilerplate_trailers"),
            max_words=self.options.boilerplate_max_words,
        )
        self.pull_quotes = PullQuoteFilter(
            max_words=self.options.pull_quote_max_words,
            containment=self.options.pull_quote_containment,
        )
        self.language_model = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)

    def clean(self, raw: RawDocument) -> ExtractionRecord:
        self._check_input(raw)
        extraction = self._extract(raw)
        self.boilerplate.apply(extraction)
        self.pull_quotes.apply(extraction)
        _drop_dangling_headings(extraction)
        text, headings = assemble(extraction.blocks)
        text = split_long_sentences(text, self.options.max_sentence_chars)
        if len(text.strip()) < self.options.min_text_chars:
            raise InputError(raw.source, "no article text found")
        published, published_source = self._publication_date(raw, extraction, text)
        digest = content_hash(text)
        document = DocumentInfo(
            id=raw.id or digest[:16],
            title=raw.title or extraction.title,
            url=raw.url or extraction.url,
            published=published,
            published_source=published_source,
            language=self.language_of(text),
            source=raw.source,
            content_hash=digest,
            headings=headings,
            captions=extraction.captions,
            removed=extraction.removed,
        )
        return ExtractionRecord(document=document, text=text)

    def language_of(self, text: str) -> Optional[str]:
        """ISO 639-1 code of the body's language, or None for too little text to tell."""
        if len(text) < self.options.min_language_chars:
            return None
        language, _ = self.language_model.classify(text[:20000])
        return language

    def _check_input(self, raw: RawDocument) -> None:
        if raw.content is None or not raw.content.strip():
            raise InputError(raw.source, "empty input")
        if looks_binary(raw.content):
            raise InputError(raw.source, "binary content, not text or HTML")
        if raw.format not in ("html", "text"):
            raise InputError(raw.source, f"unknown format {raw.format!r} (expected html or text)")

    def _extract(self, raw: RawDocument) -> Extraction:
        if raw.format == "html" and _HTML_TAG.search(raw.content):
            return extract_html(
                raw.content, self.captions, url=raw.url, fallback_below_words=self.options.fallback_below_words
            )
        return extract_text(raw.content, self.captions, self.words, given_title=raw.title)

    def _publication_date(
        self, raw: RawDocument, extraction: Extraction, text: str
    ) -> tuple[Optional[str], Optional[str]]:
        if extraction.published:
            return extraction.published, "metadata"
        if raw.published:
            return raw.published, "given"
        if extraction.page_date:
            return extraction.page_date, "inferred"
        datelines = [r.text for r in extraction.removed if r.reason == "dateline"]
        inferred = self.dates.infer_publication_date(
            text, datelines + [caption.text for caption in extraction.captions]
        )
        return (inferred, "inferred") if inferred else (None, None)


def _drop_dangling_headings(extraction: Extraction) -> None:
    """Headings left at the very end of the body (their section was boilerplate) go too."""
    while extraction.blocks and extraction.blocks[-1].kind == HEADING:
        heading = extraction.blocks.pop()
        extraction.remove("boilerplate", heading.text, "heading with no text under it")
