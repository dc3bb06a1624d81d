"""Draw batches of real sentences for event annotation, deterministically.

    python scripts/sample_event_sentences.py [--shared ../shared] [--out ../annot-batches] [--seed 2021]

Splits the documents of the India corpus (``doc_id``/``doc_text``) and of the gva-dev articles
(``id``/``text``) into sentences with a plain splitter (sentence punctuation followed by space,
and line breaks), keeps sentences of 6 to 80 words, and draws batches in which half the
sentences contain a conflict, violence or politics cue word (so events are well represented)
and half are drawn from all sentences (so negatives are as common as in real reporting).

Each output row is ``{"id", "corpus", "doc", "start", "end", "sha1", "text"}`` where
``text == field[start:end]`` of the raw field as ``json.loads`` returns it and ``sha1`` is the
first 12 hex digits of the SHA-1 of its UTF-8 bytes. The text is there for annotators to read:
the batches are written outside the repository, and annotation files keep only the pointer.

Batches: ``batch-00`` is the overlap batch every annotator labels (60 India + 60 gva), then
150-sentence batches alternating India and gva (``batch-01`` India, ``batch-02`` gva, ...).
No sentence appears in two batches.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CORPORA = {
    # corpus name: (path under shared/, id field, text field)
    "india-police-events": (Path("corpora/india-police-events/docs.jsonl"), "doc_id", "doc_text"),
    "gva-dev": (Path("eval/incidents/gva-dev/docs.jsonl"), "id", "text"),
}

MIN_WORDS, MAX_WORDS = 6, 80

# A sentence ends at ., ! or ? (possibly repeated), optionally followed by closing quotes or
# brackets -- including the mojibake forms of curly quotes the India corpus carries -- and then
# whitespace. Line breaks always end a sentence.
SENTENCE_END = re.compile(
    r"[.!?]+(?:[\"'\u201d\u2019)\]]|\u00e2\u20ac\ufffd|\u00e2\u20ac\u2122|\u00e2\u20ac\x9d)*(?=\s)"
)
LINE_BREAK = re.compile(r"\n+")
# A period after these does not end a sentence (titles, months, a.m./p.m., initials).
ABBREVIATION = re.compile(
    r"\(?(?:mr|mrs|ms|dr|st|jr|sr|no|nos|vs|gen|col|lt|sgt|capt|gov|sen|rep|supt|insp|"
    r"jan|feb|aug|sept|oct|nov|dec|inc|co|corp|ltd|a\.m|p\.m|i\.e|e\.g|u\.s|[a-z])",
    re.IGNORECASE,
)

TIME_OF_DAY = re.compile(r"[ap]\.m", re.IGNORECASE)

CUE_WORDS = re.compile(
    r"\b(?:kill|killed|killing|dead|death|died|shot|shoot|shooting|gunm[ae]n|gunfire|fired|firing|"
    r"stab|stabbed|wounded|injur|murder|attack|assault|bomb|blast|explo|grenade|riot|mob|"
    r"violen|clash|arson|torch|burn|set ablaze|loot|curfew|police|cops?|arrest|detain|custody|"
    r"charged|army|troops|soldier|militar|militant|terror|rebel|protest|demonstrat|rally|strike|"
    r"bandh|agitat|minister|government|governor|party|election|congress|bjp|vhp|talks|meeting|"
    r"met|agree|accord|deal|ceasefire|demand|appeal|urge|accuse|blame|condemn|threat|warn|"
    r"sanction|ban|deploy|withdr[ae]w|surrender|release|refuse|reject|deny|denied|kidnap|abduct|"
    r"rape|weapon|gun|rifle|pistol|handgun|suspect|victim|hostage|siege|raid)",
    re.IGNORECASE,
)


def sentence_spans(text: str):
    """(start, end) of each sentence of ``text``, trimmed of surrounding whitespace."""
    for line_start, line_end in _line_spans(text):
        start = line_start
        for match in SENTENCE_END.finditer(text, line_start, line_end):
            if match.group() == "." and _ends_with_abbreviation(
                text[start : match.start()], text[match.end() : line_end]
            ):
                continue
            yield from _trimmed(text, start, match.end())
            start = match.end()
        yield from _trimmed(text, start, line_end)


def _ends_with_abbreviation(before: str, after: str) -> bool:
    """Whether the period between ``before`` and ``after`` closes an abbreviation, not a sentence.

    "a.m." and "p.m." followed by a capital letter do end a sentence ("... at 3 a.m. Two men")."""
    words = before.split()
    if not words or ABBREVIATION.fullmatch(words[-1]) is None:
        return False
    if TIME_OF_DAY.fullmatch(words[-1]):
        return not after.lstrip()[:1].isupper()
    return True


def _line_spans(text: str):
    start = 0
    for match in LINE_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def short_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def corpus_sentences(shared: Path, corpus: str) -> list[dict]:
    """Every sentence of 6-80 words of a corpus, in document order, as pointer rows with text."""
    path, id_field, text_field = CORPORA[corpus]
    rows = []
    with open(shared / path, encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            doc_id, text = str(doc[id_field]), doc[text_field] or ""
            for start, end in sentence_spans(text):
                sentence = text[start:end]
                if MIN_WORDS <= len(sentence.split()) <= MAX_WORDS:
                    rows.append(
                        {
                            "id": f"{corpus}:{doc_id}:{start}-{end}",
                            "corpus": corpus,
                            "doc": doc_id,
                            "start": start,
                            "end": end,
                            "sha1": short_sha1(sentence),
                            "text": sentence,
                        }
                    )
    return rows


class Drawer:
    """Draws sentences of one corpus without replacement: half with a cue word, half from all."""

    def __init__(self, sentences: list[dict], rng: random.Random):
        self.rng = rng
        self.cued = [s for s in sentences if CUE_WORDS.search(s["text"])]
        self.all = list(sentences)
        rng.shuffle(self.cued)
        rng.shuffle(self.all)
        self.used: set[str] = set()

    def _take(self, pool: list[dict], n: int) -> list[dict]:
        taken = []
        while pool and len(taken) < n:
            row = pool.pop()
            if row["id"] not in self.used:
                self.used.add(row["id"])
                taken.append(row)
        return taken

    def draw(self, n: int) -> list[dict]:
        batch = self._take(self.cued, n // 2)
        batch += self._take(self.all, n - len(batch))
        self.rng.shuffle(batch)
        return batch


def write_batch(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the development material (default: ../shared beside the checkout)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT.parent / "annot-batches",
        help="where to write the batches: outside the repository, since they hold text",
    )
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--overlap", type=int, default=60, help="sentences per corpus in batch-00")
    parser.add_argument("--size", type=int, default=150, help="sentences per ordinary batch")
    parser.add_argument("--batches", type=int, default=6, help="ordinary batches, alternating corpora")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    drawers = {corpus: Drawer(corpus_sentences(args.shared, corpus), rng) for corpus in CORPORA}
    for corpus, drawer in drawers.items():
        print(
            f"{corpus}: {len(drawer.all)} sentences of {MIN_WORDS}-{MAX_WORDS} words, {len(drawer.cued)} with a cue word"
        )

    args.out.mkdir(parents=True, exist_ok=True)
    overlap = drawers["india-police-events"].draw(args.overlap) + drawers["gva-dev"].draw(args.overlap)
    write_batch(args.out / "batch-00.jsonl", overlap)
    print(f"batch-00.jsonl: {len(overlap)} (overlap)")
    order = ["india-police-events", "gva-dev"]
    for number in range(1, args.batches + 1):
        corpus = order[(number - 1) % 2]
        rows = drawers[corpus].draw(args.size)
        write_batch(args.out / f"batch-{number:02d}.jsonl", rows)
        print(f"batch-{number:02d}.jsonl: {len(rows)} ({corpus})")
    (args.out / "READY").write_text(f"seed {args.seed}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
