"""Whether a change to the code leaves what it extracts unchanged: the records of two checkouts, compared.

    .venv/bin/python benchmarks/same_output.py --before OLD/src [--docs 50] [--shared ../shared]

A speed-up must not change a single record. This extracts the same documents with the code in
``--before`` (the ``src`` directory of another checkout, e.g. ``git archive HEAD~1 src | tar -x -C
/tmp/old``) and with this checkout's code, each in a fresh process through the whole pipeline
(``Pipeline.extract``, the defaults of ``polemos extract``), and compares the JSON of every
record. Documents: the sample article and the first ``--docs`` documents of the India corpus
(from ``--shared``), and the generated documents of ``benchmarks/worst_case.py`` at their
smallest size (our own text), where the per-document bounds do their work. Prints one line per
document that differs (the first differing field) and a summary; exits 1 when any differs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = Path("samples") / "karabakh-2023.txt"
INDIA_PATH = Path("corpora") / "india-police-events" / "docs.jsonl"
PUBLISHED = "2023-09-21"  # for the generated documents: the dating stages need a publication day


def extract_all(shared: Path, docs: int, out: Path) -> None:
    """In this process (run with the code to test first on the path): one JSON record per line."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import worst_case

    from polemos.ingest import InputError, RawDocument, iter_inputs
    from polemos.pipeline import Pipeline

    pipeline = Pipeline.load(eager=True)
    raws = [item for item in iter_inputs([str(shared / SAMPLE_PATH)]) if not isinstance(item, InputError)]
    india = (item for item in iter_inputs([str(shared / INDIA_PATH)]) if not isinstance(item, InputError))
    raws += list(itertools.islice(india, docs))
    for case, sizes in worst_case.CASES.items():
        label, make = sizes[0]
        content, kind = make()
        raws.append(RawDocument(source=f"{case}, {label}", content=content, format=kind, published=PUBLISHED))
    with out.open("w", encoding="utf-8") as handle:
        for raw in raws:
            try:
                record = pipeline.extract(raw).to_dict()
            except Exception as failure:  # noqa: BLE001 - a failure is an outcome to compare too
                record = {"source": raw.source, "failure": f"{type(failure).__name__}: {failure}"}
            handle.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")


def first_difference(before: object, after: object, path: str = "") -> str | None:
    """Where two JSON values first differ, as a path ("events[3].date.value")."""
    if type(before) is not type(after):
        return path or "(record)"
    if isinstance(before, dict):
        for key in sorted(set(before) | set(after)):
            if key not in before or key not in after:
                return f"{path}.{key}".lstrip(".")
            found = first_difference(before[key], after[key], f"{path}.{key}")
            if found:
                return found.lstrip(".")
        return None
    if isinstance(before, list):
        for index, (one, other) in enumerate(zip(before, after)):
            found = first_difference(one, other, f"{path}[{index}]")
            if found:
                return found
        return f"{path} (length {len(before)} vs {len(after)})" if len(before) != len(after) else None
    return None if before == after else path or "(record)"


def run(code: Path, shared: Path, docs: int, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(code))
    subprocess.run(
        [sys.executable, __file__, "--child", str(out), "--shared", str(shared), "--docs", str(docs)],
        check=True,
        env=env,
        cwd=ROOT,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="the src directory of the code to compare with")
    parser.add_argument("--docs", type=int, default=50, help="documents of the India corpus")
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared development material (sample article, India corpus)",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        extract_all(args.shared, args.docs, args.child)
        return
    if args.before is None:
        parser.error("--before is required")
    for path in (args.shared / SAMPLE_PATH, args.shared / INDIA_PATH):
        if not path.exists():
            sys.exit(f"same_output: {path} is missing (pass --shared)")
    with tempfile.TemporaryDirectory() as scratch:
        before, after = Path(scratch) / "before.jsonl", Path(scratch) / "after.jsonl"
        run(args.before.resolve(), args.shared, args.docs, before)
        run(ROOT / "src", args.shared, args.docs, after)
        old = before.read_text(encoding="utf-8").splitlines()
        new = after.read_text(encoding="utf-8").splitlines()
    differ = 0
    for one, other in itertools.zip_longest(old, new, fillvalue="null"):
        if one != other:
            differ += 1
            first, second = json.loads(one), json.loads(other)
            source = (second or first or {}).get("document", {}).get("source") or (second or first or {}).get("source")
            print(f"differs: {source}: {first_difference(first, second)}")
    print(f"{len(new)} records ({len(old)} before), {differ} differ")
    sys.exit(1 if differ or len(old) != len(new) else 0)


if __name__ == "__main__":
    main()
