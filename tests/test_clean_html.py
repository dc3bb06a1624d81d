"""The clean stage on made-up HTML pages: structure, captions, boilerplate, metadata, fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura

from polemos.clean import Cleaner
from polemos.ingest.raw import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner()


def _clean(cleaner, name: str, **given):
    path = FIXTURES / name
    return cleaner.clean(
        RawDocument(source=str(path), content=path.read_text(encoding="utf-8"), format="html", **given)
    )


def test_h2_headings_kept_as_lines_with_offsets(cleaner):
    record = _clean(cleaner, "figure-headings.html")
    assert [h.text for h in record.document.headings] == ["Grain corridor in doubt", "Talks postponed"]
    for heading in record.document.headings:
        assert record.text[heading.start : heading.end] == heading.text
    assert "\n\nGrain corridor in doubt\n\nValmora is the last working outlet" in record.text


def test_figcaption_and_credit_separated(cleaner):
    record = _clean(cleaner, "figure-headings.html")
    [caption] = record.document.captions
    assert caption.text == "Smoke rises from grain barges moored at Valmora after the shelling on March 13."
    assert caption.credit == "Lena Okafor / Northgate Ledger"
    assert "Smoke rises" not in record.text and "Lena Okafor" not in record.text
    assert any(r.kind == "caption" and "Smoke rises" in r.text for r in record.document.removed)


def test_cookie_banner_newsletter_and_footer_stay_out(cleaner):
    record = _clean(cleaner, "figure-headings.html")
    lowered = record.text.lower()
    for phrase in ("cookies", "newsletter", "share this article", "all rights reserved", "subscribe"):
        assert phrase not in lowered
    assert record.text.startswith("Artillery fire struck the river port of Valmora")
    assert record.text.endswith("gave no new date.")


def test_metadata_title_url_and_published_date(cleaner):
    record = _clean(cleaner, "figure-headings.html")
    document = record.document
    assert document.title == "Shelling hits river port of Valmora"  # the headline, not "... | Northgate Ledger"
    assert document.url == "https://ledger.example.invalid/2024/03/14/valmora-port-shelling"
    assert (document.published, document.published_source) == ("2024-03-14", "metadata")
    assert document.language == "en"


def test_given_metadata_wins_over_the_page(cleaner):
    record = _clean(
        cleaner,
        "figure-headings.html",
        id="valmora-1",
        title="Valmora port hit",
        url="https://mirror.example.invalid/valmora",
    )
    assert record.document.id == "valmora-1"
    assert record.document.title == "Valmora port hit"
    assert record.document.url == "https://mirror.example.invalid/valmora"
    assert record.document.published_source == "metadata"


def test_fallback_reads_a_story_trafilatura_skips(cleaner):
    html = (FIXTURES / "aside-story.html").read_text(encoding="utf-8")
    plain = trafilatura.extract(html, include_comments=False) or ""
    assert "Militia fighters" not in plain  # the reason the fallback exists
    record = _clean(cleaner, "aside-story.html")
    assert record.text.startswith("Checkpoints close the Harrow valley road\n\nMilitia fighters closed")
    assert "rationing insulin" in record.text
    assert "Front page" not in record.text
    assert [h.text for h in record.document.headings] == [
        "Checkpoints close the Harrow valley road",
        "Villagers cut off",
    ]
    assert record.document.published is None and record.document.published_source is None


def test_same_article_as_html_and_text_hashes_the_same(cleaner):
    html_record = _clean(cleaner, "figure-headings.html")
    text_copy = (
        "Shelling hits river port of Valmora\n\n"
        + html_record.text.replace("'", "\u2019")
        + "\n\nSubscribe to our newsletter\n"
    )
    text_record = cleaner.clean(RawDocument(source="copy.txt", content=text_copy, format="text"))
    assert text_record.document.content_hash == html_record.document.content_hash
    assert text_record.document.id == html_record.document.id
    assert text_record.document.title == "Shelling hits river port of Valmora"
