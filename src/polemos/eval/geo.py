"""Scoring the geo stage on geoparsing gold sets in the XML format of Gritta et al.'s
"Pragmatic Guide to Geoparsing Evaluation" (LGL, TR-News, ...): ``<article>`` elements with
``<text>`` and ``<toponym>`` spans (``start``, ``end``, ``phrase``) whose ``<gaztag>`` carries
the GeoNames id, ``lat`` and ``lon``.

* ``mode="gold"``: the gold spans are given; only resolution is scored.
* ``mode="end2end"``: the geo stage finds the toponyms itself (spaCy's NER with the
  gazetteer's ruler patterns, and ``Geocoder.toponym_spans`` on top); span recall and the
  share of predicted spans on a gold toponym (any overlap counts) are reported, and
  resolution is scored on the gold toponyms that were found (as in the Guide).
  ``found_acc161`` is the share of all gold toponyms both found and placed within 161 km.

Resolution figures: Acc@161km, AUC of log(1 + error km) normalised by log(20039 km)
(lower is better), mean and median error in km. A toponym left unresolved counts with the
maximal error. The context method and the population baseline run on the same gazetteer.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from polemos.geo import Gazetteer, Geocoder
from polemos.geo.disambiguate import MAX_ERROR_KM
from polemos.geo.sources import haversine_km

ACCURACY_KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    geonameid: int
    lat: float
    lon: float


@dataclass
class Article:
    docid: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def load_articles(path: Path, limit: Optional[int] = None) -> list[Article]:
    """Articles with their geo-referenced gold toponyms (toponyms without coordinates are left out)."""
    articles: list[Article] = []
    for element in ET.parse(path).getroot().iter("article"):
        article = Article(element.get("docid", str(len(articles))), element.findtext("text") or "")
        for toponym in element.iter("toponym"):
            gaztag = toponym.find("gaztag")
            lat, lon = (None, None) if gaztag is None else (gaztag.findtext("lat"), gaztag.findtext("lon"))
            stated_start = toponym.findtext("start")
            if gaztag is None or lat is None or lon is None or stated_start is None:
                continue
            phrase = toponym.findtext("phrase") or ""
            start = _aligned_start(article.text, phrase, int(stated_start))
            if start is None:
                continue
            article.toponyms.append(
                GoldToponym(
                    start=start,
                    end=start + len(phrase),
                    phrase=phrase,
                    geonameid=int(gaztag.get("geonameid") or 0),
                    lat=float(lat),
                    lon=float(lon),
                )
            )
        articles.append(article)
        if limit and len(articles) >= limit:
            break
    return articles


def _aligned_start(text: str, phrase: str, start: int, slack: int = 20) -> Optional[int]:
    """``start``, or the nearest offset where ``phrase`` really occurs: some TR-News articles'
    offsets are shifted by a few characters against their text. None when it is nowhere near."""
    if text[start : start + len(phrase)] == phrase:
        return start
    nearby = [i for i in range(max(0, start - slack), start + slack + 1) if text.startswith(phrase, i)]
    return min(nearby, key=lambda i: abs(i - start)) if nearby else None


def resolution_scores(errors: list[float]) -> dict[str, float]:
    if not errors:
        return {"toponyms": 0}
    ordered = sorted(errors)
    logs = [math.log1p(e) for e in ordered]
    if len(logs) > 1:
        area = sum((a + b) / 2 for a, b in zip(logs, logs[1:])) / (len(logs) - 1)
    else:
        area = logs[0]
    return {
        "toponyms": len(errors),
        "acc161": sum(e <= ACCURACY_KM for e in errors) / len(errors),
        "auc": area / math.log1p(MAX_ERROR_KM),
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
    }


def build_nlp(gazetteer: Gazetteer):
    """The polemos spaCy pipeline with the gazetteer's ruler patterns before the NER."""
    from polemos.nlp import load_pipeline

    return load_pipeline(patterns=gazetteer.ruler_patterns())


def _predicted_spans(geocoder: Geocoder, articles: list[Article], docs: list[Any]) -> list[list[tuple[int, int]]]:
    """The toponyms the geo stage itself would find (``Geocoder.toponym_spans``)."""
    return [geocoder.toponym_spans(article.text, doc) for article, doc in zip(articles, docs)]


def _errors(geocoder: Geocoder, article: Article, spans: list[tuple[int, int]]) -> tuple[list[float], int, int]:
    """Errors of the gold toponyms matched by ``spans``; also (#matched gold, #spans on a gold toponym)."""
    places = geocoder.resolve(article.text, spans)
    errors, matched = [], 0
    for gold in article.toponyms:
        index = next((i for i, (s, e) in enumerate(spans) if s < gold.end and gold.start < e), None)
        if index is None:
            continue
        matched += 1
        place = places[index]
        point = (place.lat, place.lon) if place is not None else (None, None)
        if point[0] is None or point[1] is None:
            errors.append(MAX_ERROR_KM)
        else:
            errors.append(haversine_km((point[0], point[1]), (gold.lat, gold.lon)))
    on_gold = sum(any(s < g.end and g.start < e for g in article.toponyms) for s, e in spans)
    return errors, matched, on_gold


def evaluate(
    path,
    mode: str = "gold",
    limit: Optional[int] = None,
    cache_dir: Optional[Path] = None,
    gazetteer: Optional[Gazetteer] = None,
    nlp: Any = None,
) -> dict:
    if mode not in ("gold", "end2end"):
        raise ValueError(f"mode must be 'gold' or 'end2end', not {mode!r}")
    started = time.perf_counter()
    gazetteer = gazetteer or Gazetteer.open(cache_dir)
    articles = load_articles(Path(path), limit)
    geocoders = {"context": Geocoder(gazetteer), "population": Geocoder(gazetteer, strategy="population")}
    if mode == "gold":
        spans = [[(t.start, t.end) for t in a.toponyms] for a in articles]
    else:
        nlp = nlp or build_nlp(gazetteer)
        spans = _predicted_spans(
            geocoders["context"], articles, list(nlp.pipe((a.text for a in articles), batch_size=16))
        )
    report: dict[str, Any] = {
        "dataset": Path(path).name,
        "mode": mode,
        "articles": len(articles),
        "gold_toponyms": sum(len(a.toponyms) for a in articles),
    }
    for name, geocoder in geocoders.items():
        errors, matched, on_gold = [], 0, 0
        for article, article_spans in zip(articles, spans):
            article_errors, article_matched, article_on_gold = _errors(geocoder, article, article_spans)
            errors += article_errors
            matched += article_matched
            on_gold += article_on_gold
        report[name] = resolution_scores(errors)
        # share of all gold toponyms both found and placed within 161 km
        report[name]["found_acc161"] = sum(e <= ACCURACY_KM for e in errors) / max(1, report["gold_toponyms"])
    if mode == "end2end":
        report["span_recall"] = matched / max(1, report["gold_toponyms"])
        report["predicted_spans"] = sum(len(s) for s in spans)
        report["span_precision"] = on_gold / max(1, report["predicted_spans"])
    report["seconds"] = time.perf_counter() - started
    return report


def format_report(report: dict) -> str:
    lines = [
        f"{report['dataset']} ({report['mode']} spans): {report['articles']} articles, "
        f"{report['gold_toponyms']} gold toponyms with coordinates"
    ]
    if report["mode"] == "end2end":
        lines.append(
            f"  toponyms found (span recall): {report['span_recall']:.3f}; "
            f"{report['predicted_spans']} predicted spans, {report['span_precision']:.3f} on a gold toponym "
            "(the gold sets leave some places unmarked)"
        )
    lines.append(
        f"  {'method':<12}{'resolved':>9}{'Acc@161':>9}{'AUC':>7}{'mean km':>9}{'median km':>11}{'found+Acc@161':>15}"
    )
    for name in ("context", "population"):
        s = report[name]
        if not s.get("toponyms"):
            lines.append(f"  {name:<12}{0:>9}")
            continue
        lines.append(
            f"  {name:<12}{s['toponyms']:>9}{s['acc161']:>9.3f}{s['auc']:>7.3f}"
            f"{s['mean_km']:>9.0f}{s['median_km']:>11.1f}{s['found_acc161']:>15.3f}"
        )
    lines.append(f"  ({report['seconds']:.1f} s)")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Score the geo stage on a geoparsing gold set.")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--mode", choices=("gold", "end2end", "both"), default="both")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    gazetteer = Gazetteer.open()
    nlp = build_nlp(gazetteer) if args.mode != "gold" else None
    for path in args.paths:
        for mode in ("gold", "end2end") if args.mode == "both" else (args.mode,):
            print(format_report(evaluate(path, mode, args.limit, gazetteer=gazetteer, nlp=nlp)))


if __name__ == "__main__":
    main()
