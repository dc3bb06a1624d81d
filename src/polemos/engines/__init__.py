"""Engines: where the pipeline runs — in this process, in local worker processes, or on a Dask cluster.

Every engine takes batches of inputs and yields batches of outcomes in input order; the
caller alone writes to the store.
"""

from __future__ import annotations

from typing import Optional

from polemos.engines.local import ProcessEngine, SerialEngine, default_workers
from polemos.engines.work import AlreadyStored, Extracted, Outcome, process_batch
from polemos.pipeline import PipelineConfig

ENGINES = ("local", "dask")


def make_engine(config: PipelineConfig, store_location: Optional[str], workers: Optional[int] = None,
                engine: str = "local", scheduler: Optional[str] = None):
    if engine == "dask":
        from polemos.engines.dask_engine import DaskEngine

        if not scheduler:
            raise ValueError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        return DaskEngine(config, store_location, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    workers = default_workers() if workers is None else workers
    if workers <= 1 or not config.stages:
        return SerialEngine(config, store_location)
    return ProcessEngine(config, store_location, workers)


__all__ = ["AlreadyStored", "ENGINES", "Extracted", "Outcome", "make_engine", "process_batch"]
