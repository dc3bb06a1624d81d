"""Engines: where the pipeline runs — in this process, in local worker processes, or on a Dask cluster.

Every engine takes batches of inputs and yields batches of outcomes in input order; the
caller alone writes to the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from polemos.engines.local import ProcessEngine, SerialEngine, default_workers
from polemos.engines.work import AlreadyStored, Extracted, Outcome, process_batch
from polemos.pipeline import PipelineConfig


@dataclass(frozen=True)
class Engine:
    """One place the pipeline can run: its name (``--engine``), what it is, whether it needs a
    scheduler address, and how it is made from the pipeline's config."""

    name: str
    description: str
    needs_scheduler: bool
    make: Callable[[PipelineConfig, Optional[str], Optional[int], Optional[str]], Any]


def _local(config: PipelineConfig, store_location: Optional[str], workers: Optional[int], scheduler: Optional[str]):
    workers = default_workers() if workers is None else workers
    if workers <= 1 or not config.stages:
        return SerialEngine(config, store_location)
    return ProcessEngine(config, store_location, workers)


def _dask(config: PipelineConfig, store_location: Optional[str], workers: Optional[int], scheduler: Optional[str]):
    from polemos.engines.dask_engine import DaskEngine  # dask is imported only when it is asked for

    if not scheduler:
        raise ValueError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    return DaskEngine(config, store_location, scheduler)


# The engines `--engine` offers, by name. A new engine is one more entry here.
ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("local", "this machine: the calling process, or worker processes", False, _local),
        Engine("dask", "an existing Dask cluster", True, _dask),
    )
}


def make_engine(
    config: PipelineConfig,
    store_location: Optional[str],
    workers: Optional[int] = None,
    engine: str = "local",
    scheduler: Optional[str] = None,
):
    chosen = ENGINES.get(engine)
    if chosen is None:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    return chosen.make(config, store_location, workers, scheduler)


__all__ = ["AlreadyStored", "ENGINES", "Engine", "Extracted", "Outcome", "make_engine", "process_batch"]
