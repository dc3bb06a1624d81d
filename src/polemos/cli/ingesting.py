"""Running the pipeline over many inputs: into the store (ingest) or to a JSON Lines stream (extract)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from polemos.cli.terminal import printable
from polemos.engines import AlreadyStored, Outcome, make_engine
from polemos.ingest import InputError, ReadOptions, iter_inputs
from polemos.pipeline import PipelineConfig
from polemos.store import StoreError

PROGRESS_AFTER = 5  # a handful of inputs needs no progress bar
LINE_COUNT_LIMIT = 2 * 1024**3  # count JSON Lines up to this size for the ETA; beyond, no ETA


@dataclass
class IngestSummary:
    added: int = 0
    present: int = 0
    partial: int = 0  # added, but analysed in part (text cut, a stage stopped or broken)
    failures: list[InputError] = field(default_factory=list)
    interrupted: bool = False
    store_error: Optional[str] = None  # why writing stopped, when the store failed mid-run
    seconds: float = 0.0
    added_ids: list[str] = field(default_factory=list)  # documents stored by this run, for the watchlists

    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        if self.store_error:
            return 1
        if self.failures and not (self.added or self.present):
            return 1
        return 0

    def render(self, location: str) -> str:
        rate = (self.added + self.present) / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.added} added, {self.present} already present, {len(self.failures)} failed"
            f" ({self.seconds:.1f} s, {rate:.1f} documents/s) into {location}"
        ]
        if self.partial:
            lines.append(f"  {self.partial} of them analysed in part: their records say why under document.limits")
        if self.interrupted:
            lines.append("interrupted: documents stored so far are complete; run the same command again to finish")
        if self.store_error:
            lines.append("stopped: the store failed; documents stored so far are complete; run the same command again to finish")
        lines += [f"  failed: {failure}" for failure in self.failures[:20]]
        if len(self.failures) > 20:
            lines.append(f"  … and {len(self.failures) - 20} more failures")
        return "\n".join(lines)


def ingest_paths(paths, store, options: ReadOptions, config: PipelineConfig, console: Console,
                 show_progress: bool = True, workers: Optional[int] = None, engine: str = "local",
                 scheduler: Optional[str] = None) -> IngestSummary:
    """Run every input through the chosen engine and write new documents to ``store``."""
    summary = IngestSummary()
    started = time.perf_counter()
    progress = _LazyProgress(console, enabled=show_progress, total=estimate_documents(paths))
    runner = None
    try:
        runner = make_engine(config, store.path, workers, engine, scheduler)
        for outcomes in runner.run(_batched(iter_inputs(paths, options), config.batch_size)):
            for outcome in outcomes:
                _record_outcome(outcome, store, summary, console)
            progress.advance(len(outcomes), summary)
    except KeyboardInterrupt:
        summary.interrupted = True
    except StoreError as error:
        summary.store_error = str(error)
        console.print(f"polemos: error: {printable(error)}", markup=False)
    finally:
        progress.stop()
        if runner is not None:
            runner.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _record_outcome(outcome: Outcome, store, summary: IngestSummary, console: Console) -> None:
    if isinstance(outcome, InputError):
        summary.failures.append(outcome)
        console.print(f"polemos: error: {printable(outcome)}", markup=False)
    elif isinstance(outcome, AlreadyStored):
        summary.present += 1
    else:
        status, doc_id = store.add(outcome.record, raw_bytes=outcome.raw_bytes, raw_format=outcome.raw_format)
        if status == "added":
            summary.added += 1
            summary.added_ids.append(doc_id)
            summary.partial += bool(outcome.record.document.limits)
        else:
            summary.present += 1


def _batched(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_to_stream(paths, options: ReadOptions, config: PipelineConfig, stream: TextIO, console: Console,
                      indent=None, workers: Optional[int] = None) -> tuple[int, int]:
    """Write one JSON object per document to ``stream``, in input order; returns (written, failed)."""
    written = failed = 0
    runner = make_engine(config, None, 1 if workers is None else workers)
    try:
        for outcomes in runner.run(_batched(iter_inputs(paths, options), config.batch_size)):
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
        files = [target] if target.is_file() else [p for p in target.rglob("*") if p.is_file()] if target.is_dir() else []
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
        self.progress = None
        self.task = None

    def advance(self, count: int, summary: IngestSummary) -> None:
        self.done += count
        if not self.enabled or self.done <= PROGRESS_AFTER:
            return
        if self.progress is None:
            # What a user waits for first (how many of how many, how fast, how long still), so an
            # 80-column terminal shows it whole; the bar and the failures come after.
            self.progress = Progress(
                TextColumn("ingesting"), MofNCompleteColumn(), TextColumn("{task.fields[rate]:.1f} docs/s"),
                TextColumn("ETA"), TimeRemainingColumn(), BarColumn(bar_width=16), TimeElapsedColumn(),
                TextColumn("{task.fields[status]}"), console=self.console, transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=self.total, rate=0.0, status="")
        rate = self.done / max(1e-9, time.perf_counter() - self.started)
        status = f"{len(summary.failures)} failed" if summary.failures else ""
        self.progress.update(self.task, completed=self.done, rate=rate, status=status)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
