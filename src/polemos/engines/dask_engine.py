"""Running batches on an existing Dask cluster.

Each Dask worker loads the pipeline once, through a worker plugin, and processes the batches
(partitions) it is given; results flow back to this process, which alone writes them to the
store, a batch at a time. Workers need polemos installed (``pip install polemos``) and, to
skip already stored documents, read access to the store (a shared PostgreSQL database, or a
SQLite file on a shared path); without it they extract everything and this process drops
the duplicates on write.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from distributed import Client, WorkerPlugin, get_worker

from polemos.engines.local import ordered_results
from polemos.ingest.raw import InputError, one_line
from polemos.engines.work import Item, Outcome, process_batch
from polemos.pipeline import Pipeline, PipelineConfig

PLUGIN_NAME = "polemos-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline on each worker when it joins the cluster, and keeps it on the worker."""

    name = PLUGIN_NAME

    def __init__(self, config: PipelineConfig, store_location: Optional[str]):
        self.config = config
        self.store_location = store_location

    def setup(self, worker) -> None:
        lookup = None
        if self.store_location:
            try:
                from polemos.store import open_store

                lookup = open_store(self.store_location).find_by_hash
            except Exception:  # noqa: BLE001 - a worker that cannot see the store still extracts
                lookup = None
        worker.polemos = (Pipeline.load(self.config, eager=True), lookup)


def run_on_worker(batch: list[Item]) -> list[Outcome]:
    # The plugin's own attribute on the worker: loaded once per worker process (``setup``).
    pipeline, lookup = get_worker().polemos  # type: ignore[attr-defined]
    return process_batch(pipeline, batch, lookup)


class DaskEngine:
    def __init__(self, config: PipelineConfig, store_location: Optional[str], scheduler: str):
        self.client = Client(scheduler)
        self.client.register_plugin(PipelinePlugin(config, store_location), name=PLUGIN_NAME)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def run(self, batches: Iterable[list[Item]]) -> Iterator[list[Outcome]]:
        def submit(function, batch):
            return self.client.submit(function, batch, pure=False)

        yield from ordered_results(submit, run_on_worker, batches, max_pending=self.workers * 3, collect=self._collect)

    def _collect(self, future, batch: list[Item]) -> list[Outcome]:
        """The batch's outcomes; when the batch was lost with its worker (the process died: out of
        memory, killed, a crash in native code), its documents are tried again one at a time,
        so only a document that kills a worker again fails, and is reported."""
        try:
            return future.result()
        except Exception as error:  # noqa: BLE001 - KilledWorker, a lost connection, an error on the worker
            lost = one_line(error)
        singles = [self.client.submit(run_on_worker, [item], pure=False) for item in batch]
        return [outcome for item, single in zip(batch, singles) for outcome in self._alone(item, single, lost)]

    def _alone(self, item: Item, single, lost: str) -> list[Outcome]:
        """One document's outcomes. Tried beside the batch's other documents, it may die with a
        worker another one killed: then it is run once more by itself before it is failed."""
        try:
            return single.result()
        except Exception:  # noqa: BLE001 - tried again below, alone
            pass
        try:
            return self.client.submit(run_on_worker, [item], pure=False).result()
        except Exception as error:  # noqa: BLE001 - this document fails alone, with the reason
            return [InputError(item.source, f"lost with its Dask worker, twice ({one_line(error)}; first: {lost})")]

    def close(self) -> None:
        self.client.close()
