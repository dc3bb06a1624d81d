"""The command line's face of ingest and extract: one-line errors and a progress bar over the engines' runs."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from polemos.cli.terminal import printable
from polemos.engines import make_engine
from polemos.engines.ingesting import IngestSummary, batched, ingest_inputs
from polemos.ingest import InputError, ReadOptions, iter_inputs
from polemos.pipeline import PipelineConfig

PROGRESS_AFTER = 5  # a handful of inputs needs no progress bar
LINE_COUNT_LIMIT = 2 * 1024**3  # count JSON Lines up to this size for the ETA; beyond, no ETA


def ingest_paths(
    paths,
    store,
    options: ReadOptions,
    config: PipelineConfig,
    console: Console,
    show_progress: bool = True,
    workers: Optional[int] = None,
    engine: str = "local",
    scheduler: Optional[str] = None,
) -> IngestSummary:
    """``ingest_inputs`` with each failure printed in one line and a progress bar on a terminal."""
    progress = _LazyProgress(console, enabled=show_progress, total=estimate_documents(paths))

    def report(failure) -> None:
        console.print(f"polemos: error: {printable(failure)}", markup=False)

    try:
        return ingest_inputs(
            paths, store, options, config, workers, engine, scheduler, on_failure=report, on_progress=progress.advance
        )
    finally:
        progress.stop()


def extract_to_stream(
    paths,
    options: ReadOptions,
    config: PipelineConfig,
    stream: TextIO,
    console: Console,
    indent=None,
    workers: Optional[int] = None,
) -> tuple[int, int]:
    """Write one JSON object per document to ``stream``, in input order; returns (written, failed)."""
    written = failed = 0
    runner = make_engine(config, None, 1 if workers is None else workers)
    try:
        for outcomes in runner.run(batched(iter_inputs(paths, options), config.batch_size)):
            for outcome in outcomes:
                if isinstance(outcome, InputError):
                    failed += 1
                    console.print(f"polemos: error: {printable(outcome)}", markup=False)
                    continue
                stream.write(json.dumps(outcome.record.to_dict(), ensure_ascii=False, indent=indent) + "\n")
                written += 1
            stream.flush()
    finally:
        runner.close()
    return written, failed


def estimate_documents(paths) -> Optional[int]:
    """How many documents the inputs hold, when that is cheap to know (for the progress bar's ETA)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        target = Path(path)
        files = (
            [target] if target.is_file() else [p for p in target.rglob("*") if p.is_file()] if target.is_dir() else []
        )
        for file in files:
            if file.suffix == ".jsonl" and file.stat().st_size < LINE_COUNT_LIMIT:
                total += _count_lines(file)
            elif file.suffix.lower() in (".gz", ".jsonl"):
                return None
            else:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            count += block.count(b"\n")
    return count


class _LazyProgress:
    """A rich progress bar that appears only once more than a handful of documents went by."""

    def __init__(self, console: Console, enabled: bool, total: Optional[int] = None):
        self.console = console
        self.total = total
        self.enabled = enabled
        self.done = 0
        self.started = time.perf_counter()
        self.progress: Optional[Progress] = None
        self.task = TaskID(0)  # the progress bar's one task, added with the bar

    def advance(self, count: int, summary: IngestSummary) -> None:
        self.done += count
        if not self.enabled or self.done <= PROGRESS_AFTER:
            return
        if self.progress is None:
            # What a user waits for first (how many of how many, how fast, how long still), so an
            # 80-column terminal shows it whole; the bar and the failures come after.
            self.progress = Progress(
                TextColumn("ingesting"),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} docs/s"),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                BarColumn(bar_width=16),
                TimeElapsedColumn(),
                TextColumn("{task.fields[status]}"),
                console=self.console,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=self.total, rate=0.0, status="")
        rate = self.done / max(1e-9, time.perf_counter() - self.started)
        status = f"{len(summary.failures)} failed" if summary.failures else ""
        self.progress.update(self.task, completed=self.done, rate=rate, status=status)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
