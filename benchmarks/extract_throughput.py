"""Throughput of the extraction pipeline beside bare spaCy on the same text, in the same run.

    .venv/bin/python benchmarks/extract_throughput.py [--docs 200] [--repeats 3] [--shared ../shared]

Reports words/s of ``Pipeline.analyse`` (spaCy with our components + every polemos stage) and of
bare ``nlp.pipe`` with the same spaCy model over the same cleaned texts, on the sample article and
on the first N documents of the India corpus, and their ratio. Runs alternate (bare, polemos,
bare, ...) and medians are compared, since the machine is shared and noisy. For the corpus it
also reports where the time goes: cleaning, spaCy, and each stage on the parsed documents
(median of the repeats), with the share events add to extraction. Cold start (a fresh process
running ``polemos extract`` on the sample article) and the peak memory of a fresh process
extracting the corpus slice are measured in subprocesses.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = Path("samples") / "karabakh-2023.txt"
INDIA_PATH = Path("corpora") / "india-police-events" / "docs.jsonl"


def cleaned_records(pipeline, paths, limit=None):
    from polemos.ingest import InputError, iter_inputs

    records = []
    for item in iter_inputs([str(p) for p in paths]):
        if isinstance(item, InputError):
            continue
        try:
            records.append(pipeline.clean(item))
        except InputError:
            continue
        if limit and len(records) >= limit:
            break
    return records


def words_in(records) -> int:
    return sum(len(r.text.split()) for r in records)


def time_runs(pipeline, bare_nlp, records, repeats):
    """Median words/s of bare spaCy and of ``Pipeline.analyse``, runs interleaved."""
    words = words_in(records)
    bare, full = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        for _doc in bare_nlp.pipe((r.text for r in records), batch_size=pipeline.config.batch_size):
            pass
        bare.append(time.perf_counter() - started)
        fresh = [copy.deepcopy(r) for r in records]
        started = time.perf_counter()
        for _record in pipeline.analyse(fresh):
            pass
        full.append(time.perf_counter() - started)
    bare_wps, full_wps = words / statistics.median(bare), words / statistics.median(full)
    return {
        "documents": len(records),
        "words": words,
        "bare_spacy_words_per_s": round(bare_wps),
        "polemos_words_per_s": round(full_wps),
        "ratio": round(full_wps / bare_wps, 3),
        "bare_runs_s": [round(t, 3) for t in bare],
        "polemos_runs_s": [round(t, 3) for t in full],
    }


def stage_seconds(pipeline, raws, repeats):
    """Median seconds of cleaning, of spaCy (with our components) and of each stage, separately."""
    from polemos.nlp import add_sentences

    runs: dict[str, list[float]] = {}

    def timed(name, work):
        started = time.perf_counter()
        result = work()
        runs.setdefault(name, []).append(time.perf_counter() - started)
        return result

    for _ in range(repeats):
        records = timed("clean", lambda: [pipeline.clean(raw) for raw in raws])
        docs = timed(
            "spacy", lambda: list(pipeline.nlp.pipe([r.text for r in records], batch_size=pipeline.config.batch_size))
        )
        for record, doc in zip(records, docs):
            add_sentences(record, doc)
        for name, stage in pipeline.stages:
            timed(name, lambda: [stage.annotate(record, doc) for record, doc in zip(records, docs)])
    medians = {name: round(statistics.median(times), 3) for name, times in runs.items()}
    extract = sum(medians.values())
    if "events" in medians:
        medians["events_share_of_extract"] = round(medians["events"] / (extract - medians["events"]), 3)
    return medians


def raw_documents(paths, limit):
    from polemos.ingest import InputError, iter_inputs

    raws = (item for item in iter_inputs([str(p) for p in paths]) if not isinstance(item, InputError))
    return list(itertools.islice(raws, limit))


def cold_start(sample: Path, repeats: int = 2) -> float:
    """Median seconds of a fresh ``polemos extract`` on the sample article (imports, models, one document)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "polemos", "extract", str(sample)], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 2)


def peak_memory_mb(india: Path, docs: int) -> float:
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from polemos.pipeline import Pipeline\n"
        f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
        "from extract_throughput import cleaned_records\n"
        "p = Pipeline.load(eager=True)\n"
        f"list(p.analyse(cleaned_records(p, [Path({str(india)!r})], {docs})))\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return round(int(result.stdout.strip().splitlines()[-1]) / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("POLEMOS_SHARED", ROOT.parent / "shared")),
        help="the shared development material (sample article, India corpus)",
    )
    args = parser.parse_args()
    sample, india = args.shared / SAMPLE_PATH, args.shared / INDIA_PATH
    if not sample.exists() or not india.exists():
        sys.exit(f"benchmark needs {sample} and {india} (pass --shared)")

    import spacy

    from polemos.pipeline import Pipeline

    pipeline = Pipeline.load(eager=True)
    bare_nlp = spacy.load(pipeline.config.spacy_model)
    corpus = raw_documents([india], args.docs)
    report = {
        "sample_article": time_runs(pipeline, bare_nlp, cleaned_records(pipeline, [sample]), args.repeats),
        "india_corpus": time_runs(pipeline, bare_nlp, [pipeline.clean(raw) for raw in corpus], args.repeats),
        "india_corpus_stage_seconds": stage_seconds(pipeline, corpus, args.repeats),
        "spacy_components": pipeline.nlp.pipe_names,
        "cold_start_extract_sample_s": cold_start(sample),
        "peak_memory_mb": peak_memory_mb(india, args.docs),
        "this_process_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
