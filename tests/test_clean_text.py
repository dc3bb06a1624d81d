"""The clean stage on made-up plain text and Markdown, on messy and on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.clean import Cleaner
from polemos.clean.dates import PublicationDates
from polemos.ingest.raw import InputError, RawDocument
from polemos.lang import LanguageData

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner()


def _clean(cleaner, name: str, **given):
    path = FIXTURES / name
    return cleaner.clean(
        RawDocument(source=str(path), content=path.read_text(encoding="utf-8"), format="text", **given)
    )


def test_mojibake_and_curly_quotes_repaired(cleaner):
    record = _clean(cleaner, "mojibake.txt")
    assert '"We heard the first explosions before dawn," said a resident' in record.text
    assert "the town's main bridge" in record.text
    assert "'old quarter'." in record.text
    assert not any(marker in record.text for marker in ("\u00e2", "\u20ac", "\ufffd", "\u00c2"))


def test_non_english_kept_and_marked(cleaner):
    record = _clean(cleaner, "french.txt")
    assert record.document.language == "fr"
    assert "Au moins six soldats ont été tués" in record.text


def test_markdown_title_headings_caption_links_and_boilerplate(cleaner):
    record = _clean(cleaner, "markdown-article.md")
    document = record.document
    assert document.title == "Ceasefire collapses in the Tarn hills"
    assert [h.text for h in document.headings] == ["Aid convoys halted", "A fragile truce"]
    for heading in document.headings:
        assert record.text[heading.start : heading.end] == heading.text
    assert [(c.text, c.credit) for c in document.captions] == [
        ("Damaged houses in Esk after Monday's mortar fire.", "Jonas Brand")
    ]
    assert "The World Food Programme said it had halted two convoys bound" in record.text  # markup gone
    assert "Flour deliveries to Esk are suspended.\nMobile clinics are closed" in record.text
    assert document.url == "https://tarn-monitor.example.invalid/2022/05/ceasefire-collapses"  # from "Original post"
    assert "Original post" not in record.text and "Telegram" not in record.text
    assert "Mara Quint" not in record.text and record.text.startswith("Fighting resumed in the Tarn hills")
    assert {r.reason for r in document.removed if r.kind == "boilerplate"} >= {
        "original post marker",
        "follow prompt",
        "byline",
    }
    assert (document.published, document.published_source) == ("2022-05-02", "inferred")


def test_given_date_used_before_inference(cleaner):
    record = _clean(cleaner, "markdown-article.md", published="2022-05-09")
    assert (record.document.published, record.document.published_source) == ("2022-05-09", "given")


def test_no_date_in_text_means_no_date(cleaner):
    record = _clean(cleaner, "mojibake.txt")
    assert record.document.published is None and record.document.published_source is None


def test_scraped_duplicate_paragraph_removed_once(cleaner):
    paragraph = (
        "Police said the two men were detained near the border crossing at Lyst late on Sunday "
        "after a search of their lorry turned up rifles and ammunition."
    )
    text = f"{paragraph}\n\nThe interior ministry declined to comment on the arrests.\n\n{paragraph}\n"
    record = cleaner.clean(RawDocument(source="dup.txt", content=text, format="text"))
    assert record.text.count("Police said the two men") == 1
    assert [r.reason for r in record.document.removed] == ["paragraph repeated in the body"]


def test_template_sentences_are_not_taken_for_pull_quotes(cleaner):
    text = (
        "Aid agencies counted the damage in each district after the storm and the fighting.\n\n"
        "Here is the damage assessment for the northern district in terms of homes and roads.\n\n"
        "Here is the damage assessment for the southern district in terms of homes and roads.\n\n"
        "Here is the damage assessment for the eastern district in terms of schools, homes and roads.\n"
    )
    record = cleaner.clean(RawDocument(source="t.txt", content=text, format="text"))
    assert not [r for r in record.document.removed if r.kind == "pull_quote"]


@pytest.mark.parametrize(
    "content, reason",
    [
        ("", "empty input"),
        ("   \n\t\n  ", "empty input"),
        ("\x00\x01\x02binary\x00\x00\x03\x04" * 20, "binary content, not text or HTML"),
        ("Subscribe to our newsletter\n\nWe use cookies\n", "no article text found"),
    ],
)
def test_bad_input_raises_one_line_input_error(cleaner, content, reason):
    with pytest.raises(InputError) as error:
        cleaner.clean(RawDocument(source="bad.txt", content=content, format="text"))
    assert error.value.reason == reason
    assert error.value.source == "bad.txt"
    assert "\n" not in str(error.value)


def test_empty_html_page_raises(cleaner):
    with pytest.raises(InputError, match="no article text found"):
        cleaner.clean(RawDocument(source="e.html", content="<html><body><nav>Home</nav></body></html>", format="html"))


def test_date_inference_skips_future_dates_and_follows_relative_cues():
    infer_publication_date = PublicationDates(LanguageData.load("en")).infer_publication_date
    body = (
        "The talks opened on March 3, 2021 in the capital. A new round is due on June 30, 2021. "
        "Fighting around the airport began on March 10. Just one week ago, rebels seized the airport."
    )
    assert infer_publication_date(body) == "2021-03-17"
    assert (
        infer_publication_date(
            "This story is from March 10, 2002\n\nlucknow: the meeting on march 15, 2002 will decide."
        )
        == "2002-03-10"
    )
    assert infer_publication_date("The war began in 1994 and never ended.") is None


def test_content_labelled_html_without_tags_is_read_as_text(cleaner):
    content = (
        "Shelling hit the market in Kesh on Monday, killing three traders, officials said.\n\nThe army denied firing."
    )
    record = cleaner.clean(RawDocument(source="page.html", content=content, format="html"))
    assert record.text == content
