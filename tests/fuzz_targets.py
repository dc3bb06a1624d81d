"""What the fuzz tests and the fuzz benchmark throw at polemos, and what must hold for any input.

Each ``check_*`` function takes one generated input, runs the real component on it and
asserts the component's contract: it returns normally or fails with its own one-line
error, and what it returns points back into its input. ``TARGETS`` pairs each check with
the Hypothesis strategy that feeds it.
"""

from __future__ import annotations

import json
import math
import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from polemos.clean import Cleaner
from polemos.clean.sentences import split_long_sentences
from polemos.figures import FigureExtractor
from polemos.ingest import InputError, RawDocument, ReadOptions, iter_inputs
from polemos.numbers import LARGEST_NUMBER
from polemos.time import TemporalTagger

# Pieces of news prose, markup and numbers, recombined: random unicode alone rarely reaches
# the interesting branches of a date grammar or an HTML cleaner.
WORDS = [
    "killed",
    "wounded",
    "troops",
    "civilians",
    "on",
    "March",
    "Monday",
    "last",
    "week",
    "2023",
    "19",
    "1,200",
    "hundreds",
    "of",
    "at",
    "least",
    "about",
    "-",
    "–",
    ".",
    ",",
    "said",
    "the",
    "village",
    "since",
    "ago",
    "days",
    "1e400",
    "9" * 60,
    "½",
    "\u202e",
    "\x00",
    "\x1b[31m",
    "<",
    ">",
    "&amp;",
    "[/red]",
    "between",
    "and",
    "to",
    "dozens",
    "million",
    "3-5",
    "24/7",
    "2023-09-19",
    "Q3",
    "FY2024",
]
TAGS = [
    "p",
    "div",
    "article",
    "h1",
    "h2",
    "script",
    "style",
    "nav",
    "figure",
    "figcaption",
    "blockquote",
    "li",
    "ul",
    "table",
    "td",
    "time",
    "span",
    "a",
    "br",
    "meta",
]

prose = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=80).map(" ".join)
# Mostly English, so the language check lets it through to the models and every stage.
ENGLISH = (
    "the army said its troops had shelled rebel positions near the town where residents fled after"
    " police arrested protesters in the capital on Monday and officials counted the dead"
).split()
english_prose = st.lists(st.one_of(st.sampled_from(ENGLISH), st.sampled_from(WORDS)), min_size=20, max_size=120).map(
    " ".join
)


@st.composite
def html_pages(draw, words=prose) -> str:
    parts = ["<html><head><title>", draw(words)[:80], "</title></head><body>"]
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        close = draw(st.sampled_from(["", f"</{tag}>", f"</{tag}>", "</div>"]))
        attributes = draw(st.sampled_from(["", ' class="caption"', ' datetime="2023-09-19"', ' content="x"']))
        parts += [f"<{tag}{attributes}>", draw(words), close]
    return "".join(parts + ["</body></html>"])


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@st.composite
def json_lines(draw) -> bytes:
    """A JSON Lines file: well-formed records, odd values, deep nesting and plain garbage."""
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["record", "value", "deep", "bytes", "huge"]))
        if kind == "record":
            record = draw(
                st.dictionaries(
                    st.sampled_from(["id", "text", "html", "title", "published", "url", "x"]),
                    json_values | prose,
                    max_size=6,
                )
            )
            lines.append(json.dumps(record).encode())
        elif kind == "value":
            lines.append(json.dumps(draw(json_values)).encode())
        elif kind == "deep":
            depth = draw(st.integers(500, 20_000))
            lines.append(b'{"text": ' + b"[" * depth + b"]" * depth + b"}")
        elif kind == "huge":
            lines.append(b'{"id": 1, "text": "a", "n": ' + b"9" * draw(st.integers(300, 6000)) + b"}")
        else:
            lines.append(draw(st.binary(max_size=200)).replace(b"\n", b" "))
    return b"\n".join(lines) + b"\n"


@lru_cache(maxsize=None)
def cleaner() -> Cleaner:
    return Cleaner()


@lru_cache(maxsize=None)
def tagger() -> TemporalTagger:
    return TemporalTagger.default()


@lru_cache(maxsize=None)
def figures() -> FigureExtractor:
    return FigureExtractor()


def check_reader(data: bytes, suffix: str) -> None:
    """Any file: each input yields documents or one-line errors, never an exception."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for item in iter_inputs([str(path)], ReadOptions(max_bytes=2_000_000)):
            assert isinstance(item, (RawDocument, InputError))
            if isinstance(item, InputError):
                assert "\n" not in str(item)
            else:
                assert isinstance(item.content, str) and item.content.strip()


def check_cleaner(content: str, kind: str) -> None:
    """Any page: a record whose text is clean and whose headings point into it, or an InputError."""
    try:
        record = cleaner().clean(RawDocument(source="fuzz", content=content, format=kind))
    except InputError:
        return
    assert record.text.strip()
    for heading in record.document.headings:
        assert 0 <= heading.start <= heading.end <= len(record.text)


def check_sentence_split(text: str, max_chars: int) -> None:
    """Same length and characters (spaces turned into line breaks), and only long runs broken."""
    split = split_long_sentences(text, max_chars)
    assert len(split) == len(text)
    assert all(a == b or (a in " \t" and b == "\n") for a, b in zip(text, split))
    if len(text) <= max_chars:
        assert split == text


def check_time(text: str, year: int) -> None:
    """Any text and anchor: timexes that quote their own span, with ordered calendar bounds."""
    for timex in tagger().tag(text, date(year, 6, 15)):
        assert text[timex.start : timex.end] == timex.text
        if timex.begin and timex.end_date:
            assert timex.begin <= timex.end_date


def check_figures(text: str) -> None:
    """Any text: counts that quote their span, with finite values in order."""
    for amount in figures().amounts.find(text):
        assert 0 <= amount.start < amount.end <= len(text)
    for quantity in figures().extract(text):
        assert text[quantity.start : quantity.end] == quantity.text
        for value in (quantity.min, quantity.max):
            assert value is None or (math.isfinite(value) and 0 <= value <= LARGEST_NUMBER)
        if quantity.min is not None and quantity.max is not None:
            assert quantity.min <= quantity.max


def check_number(text: str) -> None:
    value = figures().words.numbers.parse(text)
    assert value is None or (math.isfinite(value) and value <= LARGEST_NUMBER)


review_changes = st.fixed_dictionaries(
    {},
    optional={
        "type": st.one_of(
            st.sampled_from(["ASSAULT", "assault", "PROTEST", "NOPE"]), st.text(max_size=20), json_values
        ),
        "place": st.one_of(st.integers(-5, 10**22), st.floats(), json_values),
        "size": st.one_of(
            json_values,
            st.dictionaries(
                st.sampled_from(["dead", "injured"]),
                st.fixed_dictionaries({}, optional={"min": st.floats() | st.integers(), "max": json_values}),
            ),
        ),
        "actors": st.one_of(st.lists(st.text(max_size=30), max_size=4), json_values),
        "date": st.one_of(
            st.dictionaries(st.sampled_from(["value", "begin", "end"]), st.text(max_size=12)), json_values
        ),
    },
)
review_bodies = st.one_of(
    st.fixed_dictionaries(
        {"status": st.sampled_from(["confirmed", "rejected", "corrected", "maybe"]) | st.text(max_size=8)},
        optional={"changes": review_changes, "note": st.text(max_size=50) | json_values},
    ),
    json_values,
)

TARGETS = {
    "reader-jsonl": (lambda data: check_reader(data, ".jsonl"), json_lines()),
    "reader-bytes": (lambda data: check_reader(data, ".txt"), st.binary(max_size=3000)),
    "reader-html-bytes": (lambda data: check_reader(data, ".html"), html_pages().map(str.encode)),
    "cleaner-html": (lambda page: check_cleaner(page, "html"), html_pages()),
    "cleaner-text": (lambda text: check_cleaner(text, "text"), prose),
    "sentence-split": (lambda args: check_sentence_split(*args), st.tuples(prose, st.integers(1, 200))),
    "time": (lambda args: check_time(*args), st.tuples(prose, st.integers(1900, 2100))),
    "figures": (check_figures, prose),
    "numbers": (check_number, prose),
}
