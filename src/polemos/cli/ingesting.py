"""Running the pipeline over many inputs: into the store (ingest) or to a JSON Lines stream (extract)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Iterable, Iterator, TextIO, Union

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from polemos.ingest import InputError, ReadOptions, iter_inputs
from polemos.pipeline import Pipeline, PipelineConfig
from polemos.record import ExtractionRecord

PROGRESS_AFTER = 5  # a handful of inputs needs no progress bar


@dataclass
class IngestSummary:
    added: int = 0
    present: int = 0
    failures: list[InputError] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        if self.failures and not (self.added or self.present):
            return 1
        return 0

    def render(self, location: str) -> str:
        rate = (self.added + self.present) / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.added} added, {self.present} already present, {len(self.failures)} failed"
            f" ({self.seconds:.1f} s, {rate:.1f} documents/s) into {location}"
        ]
        if self.interrupted:
            lines.append("interrupted: documents stored so far are complete; run the same command again to finish")
        lines += [f"  failed: {failure}" for failure in self.failures[:20]]
        if len(self.failures) > 20:
            lines.append(f"  … and {len(self.failures) - 20} more failures")
        return "\n".join(lines)


Cleaned = Union[ExtractionRecord, InputError]


def _cleaned(pipeline: Pipeline, paths: Iterable[str], options: ReadOptions) -> Iterator[tuple[Cleaned, object]]:
    """Read and clean every input; errors come through in place of the record, never raised."""
    for item in iter_inputs(paths, options):
        if isinstance(item, InputError):
            yield item, None
            continue
        try:
            yield pipeline.clean(item), item
        except InputError as error:
            yield error, item


def _batched(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_paths(paths, store, options: ReadOptions, config: PipelineConfig, console: Console, show_progress: bool = True) -> IngestSummary:
    summary = IngestSummary()
    started = time.perf_counter()
    progress = _LazyProgress(console, enabled=show_progress)
    try:
        pipeline = Pipeline.load(config)
        for batch in _batched(_cleaned(pipeline, paths, options), config.batch_size):
            _ingest_batch(batch, pipeline, store, summary, console)
            progress.advance(len(batch), summary)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        progress.stop()
        summary.seconds = time.perf_counter() - started
    return summary


def _ingest_batch(batch, pipeline: Pipeline, store, summary: IngestSummary, console: Console) -> None:
    fresh = []
    seen_in_batch: set[str] = set()
    for cleaned, raw in batch:
        if isinstance(cleaned, InputError):
            summary.failures.append(cleaned)
            console.print(f"polemos: error: {cleaned}", markup=False)
        elif store.find_by_hash(cleaned.document.content_hash) or cleaned.document.content_hash in seen_in_batch:
            summary.present += 1
        else:
            seen_in_batch.add(cleaned.document.content_hash)
            fresh.append((cleaned, raw))
    records = pipeline.analyse(record for record, _raw in fresh)
    for record, (_cleaned_record, raw) in zip(records, fresh):
        status, _doc_id = store.add(record, raw_bytes=raw.raw_bytes, raw_format=raw.format)
        if status == "added":
            summary.added += 1
        else:
            summary.present += 1


def extract_to_stream(paths, options: ReadOptions, config: PipelineConfig, stream: TextIO, console: Console, indent=None) -> tuple[int, int]:
    """Write one JSON object per document to ``stream``, in input order; returns (written, failed)."""
    pipeline = Pipeline.load(config)
    written = failed = 0
    for batch in _batched(_cleaned(pipeline, paths, options), config.batch_size):
        good = [record for record, _raw in batch if not isinstance(record, InputError)]
        analysed = iter(pipeline.analyse(good))
        for cleaned, _raw in batch:
            if isinstance(cleaned, InputError):
                failed += 1
                console.print(f"polemos: error: {cleaned}", markup=False)
                continue
            record = next(analysed)
            stream.write(json.dumps(record.to_dict(), ensure_ascii=False, indent=indent) + "\n")
            written += 1
        stream.flush()
    return written, failed


class _LazyProgress:
    """A rich progress bar that appears only once more than a handful of documents went by."""

    def __init__(self, console: Console, enabled: bool):
        self.console = console
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
            self.progress = Progress(
                TextColumn("ingesting"), BarColumn(), TextColumn("{task.completed} docs"),
                TextColumn("{task.fields[rate]:.1f} docs/s"), TextColumn("{task.fields[status]}"),
                TimeElapsedColumn(), console=self.console, transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=None, rate=0.0, status="")
        rate = self.done / max(1e-9, time.perf_counter() - self.started)
        status = f"{summary.added} added, {summary.present} present, {len(summary.failures)} failed"
        self.progress.update(self.task, completed=self.done, rate=rate, status=status)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
