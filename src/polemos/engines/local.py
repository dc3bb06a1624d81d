"""Running batches in this process, or in a pool of worker processes on this machine.

Batches are submitted with a bounded number in flight, so a 10 GB JSON Lines file streams
through in constant memory, and results come back in input order.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Optional

from polemos.engines.work import Item, Outcome, process_batch
from polemos.ingest import InputError
from polemos.pipeline import Pipeline, PipelineConfig

# Time a fresh worker may take to load its models before its first batch is overdue.
STARTUP_GRACE = 180.0
# Slack on top of the documents' own time budgets before a batch is taken as stuck.
BATCH_GRACE = 30.0
# Time idle workers get to exit by themselves once the run is over.
CLOSE_GRACE = 10.0
_PR_SET_PDEATHSIG = 1


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


def _init_worker(config: PipelineConfig, store_location: Optional[str], parent: Optional[int] = None) -> None:
    _die_with_parent(parent)
    _worker["pipeline"] = Pipeline.load(config)
    _worker["stored_id"] = _store_lookup(store_location)


def _run_in_worker(batch: list[Item]) -> list[Outcome]:
    return process_batch(_worker["pipeline"], batch, _worker["stored_id"])


def _die_with_parent(parent: Optional[int]) -> None:
    """Have the kernel kill this worker when the process that started it dies, even by
    kill -9, so no worker outlives an interrupted run (Linux; elsewhere a no-op)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


class ProcessEngine:
    """A pool of worker processes, each loading the pipeline once.

    A watchdog gives each batch the documents' time budgets plus some slack: a batch that
    overruns it (a worker stuck where the in-process budget cannot reach, or killed) gets
    the pool replaced, and its documents are retried one by one so that only the document
    at fault fails."""

    def __init__(self, config: PipelineConfig, store_location: Optional[str], workers: int):
        self.workers = workers
        self.config = config
        self.store_location = store_location
        self.executor = self._new_pool()
        self.fresh = True  # the pool has not returned a result yet: its models are loading

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.config, self.store_location, os.getpid()),
        )

    def _replace_pool(self) -> None:
        for process in list(getattr(self.executor, "_processes", {}).values()):
            if process.is_alive():
                process.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new_pool()
        self.fresh = True

    def _limit(self, batch: list[Item]) -> Optional[float]:
        seconds = self.config.budget.seconds
        if seconds <= 0:
            return None
        return (STARTUP_GRACE if self.fresh else BATCH_GRACE) + seconds * len(batch)

    def run(self, batches: Iterable[list[Item]]) -> Iterator[list[Outcome]]:
        pending: deque[tuple[list[Item], Future]] = deque()
        batches = iter(batches)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.workers * 2:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                else:
                    pending.append((batch, self.executor.submit(_run_in_worker, batch)))
            if not pending:
                return
            batch, future = pending.popleft()
            try:
                outcomes = future.result(timeout=self._limit(batch))
                self.fresh = False
            except (TimeoutError, BrokenProcessPool):
                self._replace_pool()
                outcomes = self._one_by_one(batch)
                pending = deque((waiting, self.executor.submit(_run_in_worker, waiting)) for waiting, _f in pending)
            yield outcomes

    def _one_by_one(self, batch: list[Item]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for item in batch:
            if isinstance(item, InputError):
                outcomes.append(item)
                continue
            limit = self._limit([item])
            try:
                outcomes.extend(self.executor.submit(_run_in_worker, [item]).result(timeout=limit))
                self.fresh = False
            except TimeoutError:
                self._replace_pool()
                outcomes.append(
                    InputError(
                        item.source, f"given up after {limit:.0f} s: its worker process was stuck and was replaced"
                    )
                )
            except BrokenProcessPool:
                self._replace_pool()
                outcomes.append(InputError(item.source, "its worker process died (out of memory?) and was replaced"))
        return outcomes

    def close(self) -> None:
        """Let the workers exit, and kill those that do not in time.

        A worker stopped from outside (SIGSTOP, a frozen container) never reads the pool's
        exit request, and the pool's own clean-up at interpreter exit would wait on it for
        ever; every result is in by now, so killing it loses nothing."""
        processes = list(getattr(self.executor, "_processes", {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + CLOSE_GRACE
        waiting = [process for process in processes if process.is_alive()]
        while waiting and time.monotonic() < deadline:
            multiprocessing.connection.wait(
                [process.sentinel for process in waiting], timeout=max(0.0, deadline - time.monotonic())
            )
            waiting = [process for process in waiting if process.is_alive()]
        for process in waiting:
            process.kill()


def ordered_results(
    submit: Callable[..., Future], function, batches: Iterable, max_pending: int, collect: Optional[Callable] = None
) -> Iterator:
    """Submit ``function(batch)`` for each batch, at most ``max_pending`` at a time; yield in order.
    ``collect(future, batch)`` reads a result (by default ``future.result()``), e.g. to recover a lost batch."""
    collect = collect or (lambda future, _batch: future.result())
    pending: deque = deque()
    for batch in batches:
        pending.append((submit(function, batch), batch))
        if len(pending) >= max_pending:
            yield collect(*pending.popleft())
    while pending:
        yield collect(*pending.popleft())


def _store_lookup(location: Optional[str]) -> Optional[Callable[[str], Optional[str]]]:
    """A read-only "is this text stored already?" function for workers (None: nothing stored)."""
    if location is None:
        return None
    from polemos.store import open_store

    store = open_store(location)
    return store.find_by_hash
