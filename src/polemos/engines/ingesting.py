"""Ingesting inputs into a store through an engine: the run behind ``polemos ingest``, the
incidents evaluation and watched sources. Callers watch it through two callbacks (a failed
input, progress); it prints nothing itself."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional

from polemos.engines import AlreadyStored, Outcome, make_engine
from polemos.ingest import InputError, ReadOptions, iter_inputs
from polemos.pipeline import PipelineConfig
from polemos.store import StoreError


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
            lines.append(
                "stopped: the store failed; documents stored so far are complete; run the same command again to finish"
            )
        lines += [f"  failed: {failure}" for failure in self.failures[:20]]
        if len(self.failures) > 20:
            lines.append(f"  … and {len(self.failures) - 20} more failures")
        return "\n".join(lines)


def ingest_inputs(
    paths,
    store,
    options: ReadOptions,
    config: PipelineConfig,
    workers: Optional[int] = None,
    engine: str = "local",
    scheduler: Optional[str] = None,
    on_failure: Callable[[object], None] = lambda failure: None,
    on_progress: Callable[[int, "IngestSummary"], None] = lambda done, summary: None,
) -> "IngestSummary":
    """Run every input through the chosen engine and write new documents to ``store``.
    ``on_failure`` hears of each failed input (and of a store that failed), ``on_progress``
    of each batch done."""
    summary = IngestSummary()
    started = time.perf_counter()
    runner = None
    try:
        runner = make_engine(config, store.path, workers, engine, scheduler)
        for outcomes in runner.run(batched(iter_inputs(paths, options), config.batch_size)):
            for outcome in outcomes:
                _record_outcome(outcome, store, summary, on_failure)
            on_progress(len(outcomes), summary)
    except KeyboardInterrupt:
        summary.interrupted = True
    except StoreError as error:
        summary.store_error = str(error)
        on_failure(error)
    finally:
        if runner is not None:
            runner.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _record_outcome(outcome: Outcome, store, summary: IngestSummary, on_failure: Callable[[object], None]) -> None:
    if isinstance(outcome, InputError):
        summary.failures.append(outcome)
        on_failure(outcome)
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


def batched(items: Iterator, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
