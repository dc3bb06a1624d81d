"""Running batches in this process, or in a pool of worker processes on this machine.

Batches are submitted with a bounded number in flight, so a 10 GB JSON Lines file streams
through in constant memory, and results come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Optional

from polemos.engines.work import Item, Outcome, process_batch
from polemos.pipeline import Pipeline, PipelineConfig


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


class SerialEngine:
    """Everything in this process: the right choice for one core or a handful of documents."""

    def __init__(self, config: PipelineConfig, store_location: Optional[str]):
        self.pipeline = Pipeline.load(config)
        self.stored_id = _store_lookup(store_location)

    def run(self, batches: Iterable[list[Item]]) -> Iterator[list[Outcome]]:
        for batch in batches:
            yield process_batch(self.pipeline, batch, self.stored_id)

    def close(self) -> None:
        pass


# Each worker process holds its own pipeline and read-only store handle, set up once by
# the pool initializer: process-local by construction, never shared.
_worker: dict = {}


def _init_worker(config: PipelineConfig, store_location: Optional[str]) -> None:
    _worker["pipeline"] = Pipeline.load(config)
    _worker["stored_id"] = _store_lookup(store_location)


def _run_in_worker(batch: list[Item]) -> list[Outcome]:
    return process_batch(_worker["pipeline"], batch, _worker["stored_id"])


class ProcessEngine:
    """A pool of worker processes, each loading the pipeline once."""

    def __init__(self, config: PipelineConfig, store_location: Optional[str], workers: int):
        context = multiprocessing.get_context("spawn")
        self.workers = workers
        self.executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                            initargs=(config, store_location))

    def run(self, batches: Iterable[list[Item]]) -> Iterator[list[Outcome]]:
        yield from ordered_results(self.executor.submit, _run_in_worker, batches, max_pending=self.workers * 2)

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def ordered_results(submit: Callable[..., Future], function, batches: Iterable, max_pending: int) -> Iterator:
    """Submit ``function(batch)`` for each batch, at most ``max_pending`` at a time; yield in order."""
    pending: deque[Future] = deque()
    for batch in batches:
        pending.append(submit(function, batch))
        if len(pending) >= max_pending:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _store_lookup(location: Optional[str]) -> Optional[Callable[[str], Optional[str]]]:
    """A read-only "is this text stored already?" function for workers (None: nothing stored)."""
    if location is None:
        return None
    from polemos.store import open_store

    store = open_store(location)
    return store.find_by_hash
