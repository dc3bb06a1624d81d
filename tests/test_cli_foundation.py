"""The foundation, end to end through the real CLI: ingest, extract, show, dedup, bad input, interruption."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import DEMO, SAMPLE, needs_shared, run_cli

ARTICLE_PARAGRAPHS = [
    "Rebel fighters seized the river town of Kalvar on Tuesday after two days of fighting, local officials said.",
    "The army said it had withdrawn to positions north of the town to protect civilians.",
    "Aid agencies reported that about 3,000 residents had fled towards the regional capital.",
]


def _html_page() -> str:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return (
        "<html><head><title>Rebels seize Kalvar</title>"
        '<meta property="article:published_time" content="2024-03-05"></head>'
        f"<body><nav>Home | World</nav><article><h1>Rebels seize Kalvar</h1>{body}</article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )


def test_same_article_from_html_and_text_is_stored_once(tmp_path):
    (tmp_path / "kalvar.html").write_text(_html_page())
    (tmp_path / "kalvar.txt").write_text("\n\n".join(ARTICLE_PARAGRAPHS) + "\n")
    db = str(tmp_path / "p.db")

    result = run_cli(
        "ingest", "--db", db, "--stages", "clean", str(tmp_path / "kalvar.html"), str(tmp_path / "kalvar.txt")
    )

    assert result.returncode == 0, result.stderr.decode()
    assert "1 added, 1 already present, 0 failed" in result.stderr.decode()
    again = run_cli("ingest", "--db", db, "--stages", "clean", str(tmp_path))
    assert "0 added, 2 already present" in again.stderr.decode()
    (count,) = sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()
    assert count == 1


def test_extract_prints_json_lines_in_input_order_and_keeps_json_ids(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"id": f"wire-{i}", "text": f"Story {i}. " + ARTICLE_PARAGRAPHS[i % 3]}) for i in range(5))
    )
    result = run_cli(
        "extract",
        "--stages",
        "clean",
        str(feed),
        str(tmp_path / "missing.txt"),
        "-",
        stdin=b"Police detained nine protesters in the capital.",
    )
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["document"]["id"] for line in lines[:5]] == [f"wire-{i}" for i in range(5)]
    assert lines[5]["text"] == "Police detained nine protesters in the capital."
    assert lines[5]["document"]["source"] == "<stdin>"
    assert result.stderr.decode().strip() == f"polemos: error: {tmp_path / 'missing.txt'}: no such file"
    assert result.returncode == 0


def test_bad_inputs_get_one_line_errors_and_never_abort_the_batch(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 50)
    (tmp_path / "good.txt").write_text(ARTICLE_PARAGRAPHS[0])
    (tmp_path / "broken.jsonl").write_text('{"text": "Troops shelled the border post."}\n{"text": \n')
    db = str(tmp_path / "p.db")

    result = run_cli("ingest", "--db", db, "--stages", "clean", str(tmp_path))

    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("polemos: error:")]
    assert sorted(e.split(": ")[2].split("/")[-1] for e in errors) == ["blob.txt", "broken.jsonl:2", "empty.txt"]
    assert "2 added, 0 already present, 3 failed" in result.stderr.decode()
    assert result.returncode == 0

    nothing = run_cli("ingest", "--db", db, str(tmp_path / "empty.txt"))
    assert nothing.returncode == 1 and "empty.txt: empty" in nothing.stderr.decode()


def test_show_prints_metadata_and_clean_text(tmp_path):
    db = str(tmp_path / "p.db")
    (tmp_path / "a.html").write_text(_html_page())
    run_cli("ingest", "--db", db, "--stages", "clean", str(tmp_path / "a.html"))
    doc_id = sqlite3.connect(db).execute("SELECT id FROM documents").fetchone()[0]

    shown = run_cli("show", "--db", db, doc_id[:6])
    text = shown.stdout.decode()
    assert "Rebels seize Kalvar" in text and "2024-03-05 (metadata)" in text and ARTICLE_PARAGRAPHS[1] in text
    assert "newsletter" not in text
    as_json = json.loads(run_cli("show", "--db", db, doc_id, "--json").stdout)
    assert as_json["document"]["id"] == doc_id
    missing = run_cli("show", "--db", db, "zzz")
    assert (
        missing.returncode == 1 and missing.stderr.decode().strip() == f"polemos: error: zzz: no such document in {db}"
    )


def test_kill_9_mid_ingest_leaves_only_whole_documents_and_a_rerun_completes(tmp_path):
    feed = tmp_path / "many.jsonl"
    total = 4000
    with feed.open("w") as handle:
        for i in range(total):
            text = f"Report {i}: {ARTICLE_PARAGRAPHS[i % 3]} The count stood at {i} on day {i % 28 + 1}."
            handle.write(json.dumps({"id": f"r{i}", "text": text}) + "\n")
    db = tmp_path / "p.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "polemos", "ingest", "--db", str(db), "--stages", "clean", "-q", str(feed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = sqlite3.connect(db, timeout=1).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 50:
                break
    assert process.poll() is None, "ingest finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()

    connection = sqlite3.connect(db)
    partial = connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 0 < partial < total
    assert connection.execute("SELECT COUNT(*) FROM documents WHERE record_zlib IS NULL").fetchone()[0] == 0
    assert connection.execute("SELECT COUNT(DISTINCT doc_id) FROM sentences").fetchone()[0] in (0, partial)
    connection.close()

    rerun = run_cli("ingest", "--db", str(db), "--stages", "clean", "-q", str(feed))
    assert f"{total - partial} added, {partial} already present, 0 failed" in rerun.stderr.decode()


@needs_shared
def test_sample_article_is_cleaned_as_an_analyst_would(tmp_path):
    result = run_cli("extract", "--stages", "clean", str(SAMPLE))
    record = json.loads(result.stdout)
    doc = record["document"]
    assert [h["text"] for h in doc["headings"]] == [
        "Perpetual War",
        "Between Imperialism, Capitalism, and Nationalism",
        "Beginning of the End",
        "Turkish Influence",
        'The Day After "the End"',
        "War Regime",
    ]
    assert all(record["text"][h["start"] : h["end"]] == h["text"] for h in doc["headings"])
    assert doc["captions"][0]["credit"] == "Emmanuel Dunand / AFP via Getty Images"
    assert "Getty Images" not in record["text"]
    assert doc["published"].startswith("2023-10") and doc["published_source"] == "inferred"
    pull_quotes = [removed["text"] for removed in doc["removed"] if removed["kind"] == "pull_quote"]
    assert len(pull_quotes) >= 4
    paragraphs = record["text"].split("\n\n")
    body_trigrams = _trigrams(record["text"])
    for quote in pull_quotes:  # gone as a paragraph of its own, while the passage it quotes stays
        assert quote not in paragraphs
        quote_trigrams = _trigrams(quote)
        assert len(quote_trigrams & body_trigrams) >= 0.6 * len(quote_trigrams), quote
    for leftover in ("Leave a Reply", "We use cookies", "Subscribe to our Newsletter", "Original post", "spam"):
        assert leftover not in record["text"]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = [w.strip(".,;:'\"").lower() for w in text.split()]
    return set(zip(words, words[1:], words[2:]))


def test_demo_input_ingests_cleanly(tmp_path):
    result = run_cli("ingest", "--db", str(tmp_path / "p.db"), "--stages", "clean", str(DEMO))
    assert "5 added, 0 already present, 0 failed" in result.stderr.decode(), result.stderr.decode()


def test_non_english_documents_are_stored_and_marked_but_not_run_through_the_english_model(tmp_path):
    french = (
        "Les forces gouvernementales ont bombardé la ville de Kalvar mardi, selon les habitants. "
        "Des milliers de personnes ont fui vers la capitale régionale, a indiqué une agence humanitaire. "
        "Le ministère de la Défense n'a pas commenté ces informations."
    )
    (tmp_path / "kalvar-fr.txt").write_text(french)
    db = str(tmp_path / "p.db")
    result = run_cli("ingest", "--db", db, str(tmp_path / "kalvar-fr.txt"))
    assert "1 added" in result.stderr.decode(), result.stderr.decode()
    record = json.loads(
        run_cli(
            "show", "--db", db, "--json", sqlite3.connect(db).execute("SELECT id FROM documents").fetchone()[0]
        ).stdout
    )
    assert record["document"]["language"] == "fr" and record["text"].startswith("Les forces")
    assert record["actors"] == [] and record["events"] == [] and record["places"] == []
