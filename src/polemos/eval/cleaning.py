"""Scoring article extraction against a WCXB-style set: ``html/NNNN.html.gz`` pages with
``ground-truth/NNNN.json`` (``ground_truth.main_content``, ``with`` / ``without`` snippets,
``title``, ``publish_date``).

Both polemos's clean stage and plain ``trafilatura.extract(html)`` are scored in the same run:

* word-level precision, recall and F1 of the body against ``main_content`` (bags of
  lower-cased words), macro-averaged over pages (the usual figure for this benchmark) and
  micro-averaged over all words;
* leaks: ``without`` snippets (page furniture) found in the body, counting only snippets that
  do not also occur in ``main_content`` itself, so a word like "Home" in the article is no leak;
* kept: ``with`` snippets (passages the body must contain) found in the body;
* for polemos, how often the title and the metadata date match the ground truth.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import trafilatura

from polemos.clean import Cleaner
from polemos.clean.repair import normalise_for_matching
from polemos.ingest.raw import InputError, RawDocument

SYSTEMS = ("polemos", "trafilatura")


@dataclass
class Page:
    name: str
    html: str
    truth: dict


@dataclass
class Tally:
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    overlap: int = 0
    predicted: int = 0
    expected: int = 0
    leaks: int = 0
    kept: int = 0
    empty: int = 0
    seconds: float = 0.0

    def add(self, body: str, truth: dict, seconds: float) -> None:
        predicted = Counter(normalise_for_matching(body).split())
        expected = Counter(normalise_for_matching(truth.get("main_content") or "").split())
        overlap = sum((predicted & expected).values())
        precision = overlap / sum(predicted.values()) if predicted else 0.0
        recall = overlap / sum(expected.values()) if expected else 0.0
        self.precision.append(precision)
        self.recall.append(recall)
        self.f1.append(_f1(precision, recall))
        self.overlap += overlap
        self.predicted += sum(predicted.values())
        self.expected += sum(expected.values())
        self.leaks += count_leaks(body, truth)
        self.kept += count_found(body, truth.get("with") or [])
        self.empty += not predicted
        self.seconds += seconds

    def summary(self) -> dict:
        pages = len(self.f1) or 1
        micro_p = self.overlap / self.predicted if self.predicted else 0.0
        micro_r = self.overlap / self.expected if self.expected else 0.0
        return {
            "macro": {
                "precision": sum(self.precision) / pages,
                "recall": sum(self.recall) / pages,
                "f1": sum(self.f1) / pages,
            },
            "micro": {"precision": micro_p, "recall": micro_r, "f1": _f1(micro_p, micro_r)},
            "leaked_snippets": self.leaks,
            "kept_snippets": self.kept,
            "empty_pages": self.empty,
            "seconds": round(self.seconds, 2),
        }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def count_found(body: str, snippets: list[str]) -> int:
    normal_body = normalise_for_matching(body)
    return sum(_contains(normal_body, normalise_for_matching(snippet)) for snippet in snippets)


def count_leaks(body: str, truth: dict) -> int:
    """``without`` snippets in the body that the true main content does not explain."""
    normal_body = normalise_for_matching(body)
    normal_truth = normalise_for_matching(truth.get("main_content") or "")
    leaks = 0
    for snippet in truth.get("without") or []:
        needle = normalise_for_matching(snippet)
        if _contains(normal_body, needle) and not _contains(normal_truth, needle):
            leaks += 1
    return leaks


def load_pages(directory: Path, limit: Optional[int] = None) -> list[Page]:
    directory = Path(directory)
    truths = sorted((directory / "ground-truth").glob("*.json"))[:limit]
    pages = []
    for truth_path in truths:
        html_path = directory / "html" / f"{truth_path.stem}.html.gz"
        if not html_path.exists():
            html_path = directory / "html" / f"{truth_path.stem}.html"
        if not html_path.exists():
            continue
        data = html_path.read_bytes()
        raw = gzip.decompress(data) if html_path.suffix == ".gz" else data
        truth = json.loads(truth_path.read_text(encoding="utf-8")).get("ground_truth", {})
        pages.append(Page(truth_path.stem, raw.decode("utf-8", errors="replace"), truth))
    return pages


def _timed(extract: Callable[[], str]) -> tuple[str, float]:
    started = time.perf_counter()
    body = extract()
    return body, time.perf_counter() - started


def evaluate(directory, limit: Optional[int] = None, cleaner: Optional[Cleaner] = None) -> dict:
    """Score polemos and plain trafilatura on the pages under ``directory``."""
    cleaner = cleaner or Cleaner()
    pages = load_pages(Path(directory), limit)
    tallies = {name: Tally() for name in SYSTEMS}
    titles = dates = dated = 0
    for page in pages:
        record = None

        def run_polemos() -> str:
            nonlocal record
            try:
                record = cleaner.clean(RawDocument(source=page.name, content=page.html, format="html"))
            except InputError:
                return ""
            return record.text

        body, seconds = _timed(run_polemos)
        tallies["polemos"].add(body, page.truth, seconds)
        body, seconds = _timed(lambda: trafilatura.extract(page.html) or "")
        tallies["trafilatura"].add(body, page.truth, seconds)
        if record is not None:
            title = page.truth.get("title")
            titles += bool(title) and normalise_for_matching(title or "") == normalise_for_matching(
                record.document.title or ""
            )
            if page.truth.get("publish_date"):
                dated += 1
                dates += record.document.published == str(page.truth["publish_date"])[:10]
    return {
        "directory": str(directory),
        "pages": len(pages),
        "with_snippets": sum(len(page.truth.get("with") or []) for page in pages),
        "without_snippets": sum(len(page.truth.get("without") or []) for page in pages),
        "systems": {name: tally.summary() for name, tally in tallies.items()},
        "polemos_metadata": {"title_exact": titles, "dated_pages": dated, "date_exact": dates},
    }


def format_report(report: dict) -> str:
    lines = [
        f"Cleaning evaluation: {report['pages']} pages in {report['directory']}",
        "word-level scores against main_content; macro = mean over pages, micro = over all words",
        "",
        f"{'system':<12} {'macro P':>8} {'macro R':>8} {'macro F1':>9} {'micro F1':>9} "
        f"{'leaks':>6} {'kept':>6} {'empty':>6} {'seconds':>8}",
    ]
    for name, scores in report["systems"].items():
        macro, micro = scores["macro"], scores["micro"]
        lines.append(
            f"{name:<12} {macro['precision']:>8.3f} {macro['recall']:>8.3f} {macro['f1']:>9.3f} "
            f"{micro['f1']:>9.3f} {scores['leaked_snippets']:>6} {scores['kept_snippets']:>6} "
            f"{scores['empty_pages']:>6} {scores['seconds']:>8.1f}"
        )
    meta = report["polemos_metadata"]
    lines += [
        "",
        f"leaks: of {report['without_snippets']} boilerplate ('without') snippets, how many are in the body;"
        f" kept: of {report['with_snippets']} 'with' snippets, how many are in the body",
        f"polemos metadata: title exact {meta['title_exact']}/{report['pages']},"
        f" date exact {meta['date_exact']}/{meta['dated_pages']} dated pages",
    ]
    return "\n".join(lines)
