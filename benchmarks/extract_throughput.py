"""Throughput of the extraction pipeline beside bare spaCy on the same text, in the same run.

    .venv/bin/python benchmarks/extract_throughput.py [--docs 200] [--repeats 3]

Reports words/s of ``Pipeline.analyse`` (spaCy + every polemos stage) and of bare
``nlp.pipe`` with the same spaCy model over the same cleaned texts: on the sample article and
on the first N documents of the India corpus. Runs alternate (bare, polemos, bare, …) and the
medians are compared, since the machine is noisy. Cold start (a fresh process running
``polemos extract`` on the sample article) and peak memory of a fresh process extracting the
corpus slice are measured in subprocesses.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "karabakh-2023.txt"
INDIA = SHARED / "corpora" / "india-police-events" / "docs.jsonl"


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


def time_runs(pipeline, bare_nlp, records, repeats):
    import copy

    words = sum(len(r.text.split()) for r in records)
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
    return {"documents": len(records), "words": words, "bare_spacy_words_per_s": round(bare_wps),
            "polemos_words_per_s": round(full_wps), "ratio": round(full_wps / bare_wps, 3),
            "bare_runs_s": [round(t, 3) for t in bare], "polemos_runs_s": [round(t, 3) for t in full]}


def cold_start() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "polemos", "extract", str(SAMPLE)], check=True, capture_output=True)
    return round(time.perf_counter() - started, 2)


def peak_memory_mb(docs: int) -> float:
    code = (
        "import itertools, resource, sys\n"
        "from polemos.pipeline import Pipeline\n"
        f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
        "from extract_throughput import cleaned_records, INDIA\n"
        "p = Pipeline.load(eager=True)\n"
        f"list(p.analyse(cleaned_records(p, [INDIA], {docs})))\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return round(int(result.stdout.strip().splitlines()[-1]) / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit("benchmark needs ../shared (the sample article and the India corpus)")

    import spacy

    from polemos.pipeline import Pipeline

    pipeline = Pipeline.load(eager=True)
    bare_nlp = spacy.load(pipeline.config.spacy_model)
    report = {
        "sample_article": time_runs(pipeline, bare_nlp, cleaned_records(pipeline, [SAMPLE]), args.repeats),
        "india_corpus": time_runs(pipeline, bare_nlp, cleaned_records(pipeline, [INDIA], args.docs), args.repeats),
        "cold_start_extract_sample_s": cold_start(),
        "peak_memory_mb": peak_memory_mb(args.docs),
        "this_process_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
