"""Re-extraction: ``polemos reextract`` cleans and extracts stored documents again from their raw
input, keeping their ids and every analyst review; re-ingesting an article keeps its reviews too."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from polemos.store import EventFilter, open_store

pytestmark = pytest.mark.slow

ARTICLE = (
    "Shelling hits Goris\n\n"
    "Azerbaijani forces shelled the Armenian town of Goris on 3 March 2024, killing four civilians, "
    "local officials said.\n\n"
    "Armenian soldiers attacked an Azerbaijani checkpoint near Lachin on 4 March 2024, "
    "the defence ministry in Baku said.\n"
)
JSON_ARTICLE = {
    "id": "made-up-border",
    "title": "Clashes on the border",
    "published": "2024-04-02",
    "text": (
        "Azerbaijani troops fired on Armenian positions near Sotk on 1 April 2024, wounding two soldiers, "
        "the Armenian defence ministry said. Talks in Brussels are due next week."
    ),
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """A store holding the made-up article (a text file) and a JSON Lines record, by ``polemos ingest``."""
    folder = tmp_path_factory.mktemp("reextract")
    article, lines = folder / "goris.txt", folder / "more.jsonl"
    article.write_text(ARTICLE, encoding="utf-8")
    lines.write_text(json.dumps(JSON_ARTICLE) + "\n", encoding="utf-8")
    db = str(folder / "store.db")
    result = run_cli("ingest", "--quiet", "--db", db, "--published", "2024-03-05", str(article), str(lines))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    return db, article


def _goris_doc(store) -> str:
    return next(row["id"] for row in store.documents() if row["id"] != JSON_ARTICLE["id"])


def test_a_review_survives_reextraction_and_re_ingest(stored):
    db, article = stored
    with open_store(db) as store:
        doc_id = _goris_doc(store)
        events, _ = store.events(EventFilter(doc=doc_id))
        assert events, "the pipeline found no event in the made-up article"
        target = events[0]
        store.review_event(target.id, "corrected", {"type": "COERCE"}, note="checked", reviewer="ana")
        text_before = store.get_record(doc_id).text

    result = run_cli("reextract", "--db", db, doc_id)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert "1 re-extracted (1 with unchanged text), 0 failed" in result.stderr.decode()
    with open_store(db) as store:
        again = store.event(target.id)
        assert again is not None and again.type == "COERCE" and again.review.note == "checked"
        assert store.get_record(doc_id).text == text_before
        assert store.get_record(doc_id).document.published == "2024-03-05"  # given with the input, kept
        assert store.count("documents") == 2

    ingest_again = run_cli("ingest", "--quiet", "--db", db, "--published", "2024-03-05", str(article))
    assert "0 added, 1 already present" in ingest_again.stderr.decode()
    with open_store(db) as store:
        assert store.event(target.id).review.status == "corrected"
        assert [e.id for e in store.events(EventFilter(type="COERCE"))[0]] == [target.id]


def test_every_document_is_reextracted_from_its_raw_input(stored):
    db, _article = stored
    with open_store(db) as store:
        canonical_before = store.count("canonical_events")
        reports_before = sorted(e.id for e in store.events(EventFilter(include_rejected=True), limit=500)[0])
    result = run_cli("reextract", "--db", db, "--all")
    assert result.returncode == 0 and "2 re-extracted" in result.stderr.decode(), result.stderr.decode()[-2000:]
    with open_store(db) as store:
        record = store.get_record(JSON_ARTICLE["id"])  # the JSON Lines record: its text field, its own id
        assert record.text.startswith("Azerbaijani troops fired") and record.document.title == JSON_ARTICLE["title"]
        assert sorted(e.id for e in store.events(EventFilter(include_rejected=True), limit=500)[0]) == reports_before
        assert store.count("canonical_events") == canonical_before


def test_reextract_refuses_unclear_requests(stored):
    db, _article = stored
    assert run_cli("reextract", "--db", db).returncode == 2  # neither ids nor --all
    missing = run_cli("reextract", "--db", db, "no-such-document")
    assert missing.returncode == 1 and "no-such-document: no such document" in missing.stderr.decode()
