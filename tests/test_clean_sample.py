"""The clean stage on the real sample article (../shared/samples/karabakh-2023.txt)."""

from __future__ import annotations

import pytest

from polemos.clean import Cleaner
from polemos.clean.repair import normalise_for_matching
from polemos.ingest.raw import RawDocument
from conftest import SAMPLE, needs_shared

pytestmark = [needs_shared, pytest.mark.shared]

HEADINGS = [
    "Perpetual War",
    "Between Imperialism, Capitalism, and Nationalism",
    "Beginning of the End",
    "Turkish Influence",
    'The Day After "the End"',
    "War Regime",
]

# Each pull quote as printed, and a passage of the running-text paragraph it was lifted from.
PULL_QUOTES = {
    "The pursuit of blockade, war, and control becomes a tool to serve Azerbaijani elites' interests": "The pursuit of blockade, war, and control becomes a tool to serve its interests",
    "Nagorno-Karabakh is to be dissolved next January 1. Yet the state of conflict keeps going.": "Nagorno-Karabakh is to be dissolved next January 1. Yet the state of conflict keeps going. The suspension",
    "The euphoria that followed the 2020 war, and claims about the conflict coming to an end, soon waned.": "But in Azerbaijan, too, the euphoria that followed the 2020 war",
    "If Azerbaijani authorities complained that Russia's presence in Nagorno-Karabakh": "But if Azerbaijani authorities complained that Russia's presence",
    "After the 2020 war, Azerbaijan strengthened its strategic alliance with both Turkey and Russia.": "Azerbaijan strengthened its strategic alliance with both Turkey and Russia - powers",
}

TAIL_BOILERPLATE = [
    "We'd love to keep you updated",
    "We don't spam",
    "Original post",
    "Leave a Reply",
    "We use cookies",
    "Cookies help us deliver",
    "Thank you for your Subscription",
    "Subscribe to our Newsletter",
]


@pytest.fixture(scope="module")
def record():
    raw = RawDocument(source=str(SAMPLE), content=SAMPLE.read_text(encoding="utf-8"), format="text")
    return Cleaner().clean(raw)


def _normal(text: str) -> str:
    return normalise_for_matching(text)


def test_six_section_headings_with_valid_offsets(record):
    assert [h.text for h in record.document.headings] == HEADINGS
    for heading in record.document.headings:
        assert record.text[heading.start : heading.end] == heading.text
        # a heading is its own paragraph line
        assert record.text[heading.end : heading.end + 2] == "\n\n"


def test_photo_caption_and_credit_leave_the_body(record):
    [caption] = record.document.captions
    assert caption.text.startswith("This photograph taken on October 1, 2023")
    assert caption.credit == "Emmanuel Dunand / AFP via Getty Images"
    assert "Getty Images" not in record.text
    assert "This photograph taken" not in record.text
    assert [r.kind for r in record.document.removed].count("caption") == 1


def test_each_pull_quote_removed_once_and_original_kept(record):
    removed = [r for r in record.document.removed if r.kind == "pull_quote"]
    assert len(removed) == len(PULL_QUOTES)
    body = _normal(record.text)
    for quote, original in PULL_QUOTES.items():
        matches = [r for r in removed if _normal(r.text).startswith(_normal(quote))]
        assert len(matches) == 1, quote
        assert _normal(original) in body, original
    # the copy that stays is the one inside the longer paragraph, not a standalone line
    paragraphs = [_normal(p) for p in record.text.split("\n\n")]
    for quote in PULL_QUOTES:
        assert not any(p == _normal(quote) for p in paragraphs)


def test_no_boilerplate_left(record):
    for phrase in TAIL_BOILERPLATE:
        assert phrase.lower() not in record.text.lower(), phrase
    boilerplate = [r.text for r in record.document.removed if r.kind == "boilerplate"]
    assert len(boilerplate) == len(TAIL_BOILERPLATE)
    assert record.text.rstrip().endswith("further acts of war.")


def test_standfirst_kept_as_first_paragraph(record):
    assert record.text.startswith("Azerbaijan's brutal offensive in Karabakh has killed hundreds")
    assert record.document.title is None


def test_publication_date_inferred_in_early_october_2023(record):
    assert record.document.published_source == "inferred"
    assert "2023-10-01" <= record.document.published <= "2023-10-10"


def test_language_and_clean_typography(record):
    assert record.document.language == "en"
    for char in "\u2019\u2018\u201c\u201d":
        assert char not in record.text
    assert record.document.id == record.document.content_hash[:16]


def test_india_corpus_comes_out_without_mojibake():
    import json

    from conftest import INDIA

    cleaner = Cleaner()
    with open(INDIA, encoding="utf-8") as lines:
        for number, line in zip(range(150), lines):
            raw = RawDocument(source=f"{INDIA}:{number + 1}", content=json.loads(line)["doc_text"], format="text")
            record = cleaner.clean(raw)
            for marker in ("\u00e2\u20ac", "\u00c3", "\u00c2", "\ufffd", "\u2019", "\u201c"):
                assert marker not in record.text, (raw.source, marker)
            assert record.document.language == "en"
            datelines = [r.text for r in record.document.removed if r.reason == "dateline"]
            if datelines:  # "This story is from March 10, 2002" gives the publication date
                assert record.document.published_source == "inferred"
                [stated] = cleaner.dates.find_date_mentions(datelines[0])
                assert record.document.published == stated.day.isoformat()
                assert record.document.published.startswith("2002-")
            assert "This story is from" not in record.text
            assert not record.text.rstrip().endswith("Facebook Twitter Linkedin Mail")
