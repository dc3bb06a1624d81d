"""Worst-case time and memory for one document, beside a normal article, in the same run.

    .venv/bin/python benchmarks/worst_case.py [--only CASE] [--sizes '50 KB,100 KB'] [--json]
    .venv/bin/python benchmarks/worst_case.py --before OLD/src --repeats 3 [--only CASE]

Cases, each at three sizes to show how the cost grows: text without sentence punctuation
(up to 1 MB, of which the default budget analyses 200,000 characters), a one-line run of numbers
(up to 100 KB), HTML nested 10,000 elements deep, and a long news report of many dated
paragraphs (up to 200 KB). Every document is given a publication day, so the stages that date
events across the document do their work.
Each case runs in a fresh process through the real pipeline with its default budget
(``polemos extract``'s defaults): a normal 5 KB article of our own writing first (the
baseline), then the hostile document, then the normal article again, to show the pipeline
is still answering. Reported per case: seconds for the hostile document, the process's peak
memory (loaded models included), the normal article's seconds before and after, and what
the document's record says was cut (``document.limits``). With ``--before``, each size runs
with the other code and this checkout's in turn (``--repeats`` times), and the medians and the
growth from each size to the next are printed per code: linear work grows about as the size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NORMAL_PARAGRAPHS = [
    "Artillery fire struck the market town of Velmar early on Tuesday, killing at least 14 civilians and wounding"
    " dozens more, according to the regional health office.",
    "The interior ministry said government troops had returned fire at rebel positions in the hills north of the"
    " town after an overnight raid on a checkpoint on the road to Oskar.",
    "Aid workers said about 3,000 residents had fled towards the provincial capital since the weekend, many of"
    " them on foot, and that the only bridge over the river had been damaged.",
    "A spokesman for the rebel coalition denied that its fighters had fired first and accused the army of"
    " shelling residential streets on Monday night.",
    "The United Nations envoy called on both sides to respect the ceasefire agreed in March and to allow"
    " convoys carrying food and medicine to reach the town.",
    "Hospital staff in the provincial capital described operating theatres running through the night, with"
    " generators failing twice and supplies of blood close to running out by Wednesday morning.",
    "Local officials in Dravo, twenty kilometres to the east, reported that two schools had been turned into"
    " shelters and that families were sleeping in classrooms without heating.",
    "Police arrested nine men at a roadblock outside the city on Thursday and accused them of smuggling weapons"
    " to the insurgents, a charge their relatives rejected.",
    "The defence minister told parliament that reinforcements, including an armoured brigade and two helicopter"
    " squadrons, would be sent to the northern districts within days.",
    "Opposition lawmakers walked out of the session in protest, saying the government had ignored warnings"
    " about the build-up of armed groups along the border for months.",
    "In the neighbouring country, the foreign ministry summoned the ambassador and demanded guarantees that"
    " the fighting would not spill across the frontier.",
    "Farmers near the river said they had abandoned the harvest after mortar rounds landed in their fields,"
    " and feared that the lost crop would mean hunger in the winter.",
    "A convoy of the Red Crescent carrying flour, tents and medical kits was stopped for six hours at a"
    " checkpoint before soldiers allowed it to continue on Friday.",
    "Human rights monitors said they were investigating reports that at least three detainees had died in"
    " custody at a military base outside Velmar last month.",
    "The rebel coalition released a video showing what it said were captured army vehicles, which could not"
    " be independently verified.",
    "Talks between the two sides, brokered by regional mediators, are due to resume next week in the coastal"
    " city of Marisa, diplomats said.",
    "Residents who stayed behind described empty streets, shuttered shops and long queues for water at the"
    " only working well in the old quarter.",
    "The central bank warned that the conflict had already cost the economy several hundred million dollars"
    " in lost trade since the spring.",
    "Teachers' unions called for a national day of mourning and for the reopening of schools in districts"
    " where the fighting had stopped.",
    "By Saturday evening the shelling had eased, but sporadic gunfire could still be heard near the bridge,"
    " according to a journalist in the town.",
    "The army said it had cleared two villages of fighters and found weapons caches hidden in a mosque and"
    " a grain store, claims the rebels called propaganda.",
    "Humanitarian agencies appealed for 40 million dollars to support displaced families through the winter,"
    " saying their warehouses were nearly empty.",
    "A curfew from dusk to dawn was imposed across the province, and mobile internet was cut in three districts"
    " for what officials called security reasons.",
    "Analysts said the renewed fighting threatened a fragile peace process that had held, with few breaches,"
    " for almost two years.",
    "Funerals for several of the victims were held on Sunday under heavy security, as mourners chanted slogans"
    " against both the army and the rebels.",
    "The president, speaking on state television, promised compensation for families who had lost their"
    " homes and vowed that those responsible would be punished.",
    "Aid groups said the number of people displaced by the fighting could double if the offensive reached"
    " the larger towns further down the valley.",
    "Witnesses said a drone had struck a fuel depot on the outskirts of the city late on Sunday, sending"
    " a column of black smoke over the rooftops.",
    "The rebel command said it would observe a three-day truce for the religious holiday, but the army"
    " dismissed the offer as a ploy to regroup.",
    "Medical charities reported shortages of insulin and antibiotics in clinics across the province, with some"
    " patients travelling for days to find treatment.",
    "Engineers from the water board said repairs to the pumping station damaged on Tuesday would take at least"
    " a fortnight, leaving half of the town dependent on tanker lorries.",
    "Journalists were barred from the front line by the military, and two reporters who tried to reach the"
    " villages were detained for several hours and had their cameras confiscated.",
]
WORDS = (
    "army village shelling civilians fired troops road bridge officials said monday rebels town market"
    " killed wounded fled convoy ministry checkpoint river hills night fighters aid envoy"
).split()


def normal_article() -> str:
    """About 5 KB of ordinary reporting, written for this benchmark."""
    return "\n\n".join(NORMAL_PARAGRAPHS)


def unpunctuated(size: int) -> str:
    rng = random.Random(size)
    words, length = [], 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:size]


def numbers(size: int) -> str:
    rng = random.Random(size)
    parts, length = [], 0
    while length < size:
        part = rng.choice(
            [
                str(rng.randint(1, 99999)),
                f"{rng.randint(1, 999)},{rng.randint(100, 999)}",
                f"{rng.randint(2, 90)} killed",
                f"{rng.randint(2, 900)} civilians",
            ]
        )
        parts.append(part)
        length += len(part) + 1
    return " ".join(parts)[:size]


DAYS = [
    "on Monday",
    "on Tuesday",
    "on September 12",
    "last week",
    "on 14 September 2023",
    "earlier this month",
    "on Friday night",
    "in March",
    "two days later",
    "on the same day",
]


def long_report(size: int) -> str:
    """A long news report: paragraphs of two of ours each, dated ("On Monday, ..."), no two
    alike (the cleaner drops a repeated paragraph), until ``size``. Its many events of the same
    few kinds, dates and parties are what the dating and merging of events read across the
    whole document."""
    rng = random.Random(size)
    paragraphs, length, seen = [], 0, set()
    while length < size:
        parts = (rng.choice(DAYS), *rng.sample(NORMAL_PARAGRAPHS, 2))
        if parts in seen:
            continue
        seen.add(parts)
        paragraph = f"{parts[0].capitalize()}, {parts[1]} {parts[2]}"
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def nested_html(depth: int) -> str:
    opening = "".join(f"<div class=\"level{i % 7}\"><span>{WORDS[i % len(WORDS)]} </span>" for i in range(depth))
    return (
        f"<html><head><title>Nested</title></head><body>{opening}"
        f"<p>{NORMAL_PARAGRAPHS[0]}</p>" + "</div>" * depth + "</body></html>"
    )


CASES = {
    "unpunctuated text": [
        (f"{size // 1000} KB", lambda size=size: (unpunctuated(size), "text")) for size in (100_000, 200_000, 1_000_000)
    ],
    "one line of numbers": [
        (f"{size // 1000} KB", lambda size=size: (numbers(size), "text")) for size in (25_000, 50_000, 100_000)
    ],
    "nested HTML elements": [
        (f"{depth:,} deep", lambda depth=depth: (nested_html(depth), "html")) for depth in (2_500, 5_000, 10_000)
    ],
    "long news report": [
        (f"{size // 1000} KB", lambda size=size: (long_report(size), "text")) for size in (50_000, 100_000, 200_000)
    ],
}
PUBLISHED = "2023-09-21"  # every document is dated: the dating stages read across a dated report


def run_case(case: str, label: str) -> dict:
    """In this (fresh) process: normal article, hostile document, normal article again."""
    from polemos.ingest import RawDocument
    from polemos.pipeline import Pipeline

    pipeline = Pipeline.load(eager=True)
    normal = RawDocument(source="normal", content=normal_article(), format="text", published=PUBLISHED)
    content, kind = dict(CASES[case])[label]()
    timings = {}
    for name, raw in (
        ("normal_before", normal),
        ("hostile", RawDocument(source="hostile", content=content, format=kind, published=PUBLISHED)),
        ("normal_after", normal),
    ):
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            record = pipeline.extract(raw)
            limits, error = record.document.limits, None
        except Exception as failure:  # noqa: BLE001 - a failure is a result here
            limits, error = [], f"{type(failure).__name__}: {failure}"
        timings[name] = time.perf_counter() - started
        if name == "hostile":
            # CPU seconds too: on a loaded machine they move far less with the load than the clock
            outcome = {
                "limits": limits,
                "error": error,
                "bytes": len(content.encode()),
                "hostile_cpu": round(time.process_time() - cpu_started, 2),
            }
    return {
        "case": case,
        "size": label,
        **outcome,
        **{k: round(v, 2) for k, v in timings.items()},
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="One JSON object per case instead of a table.")
    parser.add_argument("--only", help="Run the cases whose name contains this text.")
    parser.add_argument("--sizes", help="Run only these sizes (comma-separated labels, e.g. '50 KB,100 KB').")
    parser.add_argument(
        "--before", type=Path, help="The src directory of other code to time beside this checkout's, run after run."
    )
    parser.add_argument("--repeats", type=int, default=1, help="Runs of each size (each code); medians reported.")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(*args.child)))
        return
    codes = {"before": args.before.resolve(), "after": ROOT / "src"} if args.before else {"this": ROOT / "src"}

    def wanted(label: str) -> bool:  # labels may hold commas themselves ("5,000 deep")
        return not args.sizes or re.search(rf"(^|[,;])\s*{re.escape(label)}\s*($|[,;])", args.sizes) is not None

    for case, sizes in CASES.items():
        if args.only and args.only not in case:
            continue
        labels = [label for label, _make in sizes if wanted(label)]
        runs: dict[tuple[str, str], list[dict]] = {(code, label): [] for code in codes for label in labels}
        for _ in range(args.repeats):  # sizes and codes in turn, so that all meet the same load
            for label in labels:
                for code, source in codes.items():
                    result = _run_child(case, label, source)
                    runs[code, label].append(result)
                    tag = f"{code:<6} " if args.before else ""
                    print(json.dumps(dict(result, code=code)) if args.json else tag + _row(result), flush=True)
        medians: dict[str, list[tuple[str, float]]] = {code: [] for code in codes}
        for (code, label), results in runs.items():
            timed = [r["hostile"] for r in results if "hostile" in r]
            if timed:
                medians[code].append((label, statistics.median(timed)))
        for code, timed in medians.items():
            # growth per round (the two sizes ran back to back), then its median: load that
            # drifts over the whole run cancels out
            steps = ", ".join(
                f"{small} -> {large}: {_growth(runs[code, small], runs[code, large]):.2f} times"
                f" (CPU {_growth(runs[code, small], runs[code, large], 'hostile_cpu'):.2f})"
                for (small, _), (large, _) in zip(timed, timed[1:])
            )
            cpu = {
                label: statistics.median([r["hostile_cpu"] for r in runs[code, label] if "hostile_cpu" in r] or [0])
                for label, _ in timed
            }
            print(
                f"{case}: {code}: medians of {args.repeats}: "
                + ", ".join(f"{label} {t:.1f} s (CPU {cpu[label]:.1f} s)" for label, t in timed)
                + (f"; growth {steps}" if steps else ""),
                flush=True,
            )


def _growth(small: list[dict], large: list[dict], key: str = "hostile") -> float:
    """Median over the rounds of the larger size's time (``key``: seconds, or CPU seconds) over the smaller's."""
    ratios = [b[key] / max(a[key], 0.01) for a, b in zip(small, large) if key in a and key in b]
    return statistics.median(ratios) if ratios else float("nan")


def _run_child(case: str, label: str, source: Path) -> dict:
    """One case at one size in a fresh process, with the code in ``source`` imported."""
    child = subprocess.run(
        [sys.executable, __file__, "--child", case, label],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(source)),
    )
    if child.returncode != 0:
        return {"case": case, "size": label, "error": child.stderr.strip().splitlines()[-1:]}
    return json.loads(child.stdout.strip().splitlines()[-1])


def _row(result: dict) -> str:
    if "hostile" not in result:
        return f"{result['case']:<22} {result['size']:>12}  failed to run: {result['error']}"
    note = result["error"] or "; ".join(result["limits"]) or "analysed whole"
    return (
        f"{result['case']:<22} {result['size']:>12}  {result['hostile']:7.1f} s (CPU {result['hostile_cpu']:5.1f} s)"
        f"  peak {result['peak_mb']:5d} MB"
        f"  normal 5 KB article: {result['normal_before']:.2f} s before, {result['normal_after']:.2f} s after  [{note}]"
    )


if __name__ == "__main__":
    main()
