"""The unit of work every engine runs: a batch of inputs in, a batch of outcomes out.

A worker cleans each input, asks the store (read-only) whether that text is already there,
and runs the models only on new documents, so a resumed ingest skips finished documents
cheaply. Only the main process writes to the store: workers never hold a write lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Union

from polemos.ingest import InputError, RawDocument
from polemos.ingest.raw import one_line
from polemos.pipeline import Pipeline
from polemos.record import ExtractionRecord


@dataclass
class Extracted:
    record: ExtractionRecord
    raw_bytes: Optional[bytes]
    raw_format: str


@dataclass
class AlreadyStored:
    source: str
    doc_id: str


Outcome = Union[Extracted, AlreadyStored, InputError]
Item = Union[RawDocument, InputError]


def process_batch(
    pipeline: Pipeline, items: list[Item], stored_id: Callable[[str], Optional[str]] | None = None
) -> list[Outcome]:
    """Outcomes for ``items``, in the same order."""
    outcomes: list[Outcome] = []
    fresh: list[tuple[int, ExtractionRecord, RawDocument]] = []
    hashes_in_batch: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            outcomes.append(item)
            continue
        try:
            record = pipeline.clean(item)
        except InputError as error:
            outcomes.append(error)
            continue
        except Exception as error:  # noqa: BLE001 - a page that breaks the cleaner fails alone
            outcomes.append(InputError(item.source, f"cleaning failed ({one_line(error)})"))
            continue
        content_hash = record.document.content_hash or ""
        known = _stored_id(stored_id, content_hash)
        if known or content_hash in hashes_in_batch:
            outcomes.append(AlreadyStored(item.source, known or record.document.id))
            continue
        hashes_in_batch.add(content_hash)
        outcomes.append(None)  # type: ignore[arg-type]  # filled in below, keeping input order
        fresh.append((len(outcomes) - 1, record, item))
    for index, record, raw in _analyse(pipeline, fresh):
        outcomes[index] = (
            Extracted(record, raw.raw_bytes, raw.format) if isinstance(record, ExtractionRecord) else record
        )
    return outcomes


def _analyse(pipeline: Pipeline, fresh: list[tuple[int, ExtractionRecord, RawDocument]]):
    """Analyse the batch in one spaCy pass; if a document breaks a stage, retry one by one so
    only that document fails, with its reason."""
    try:
        analysed = list(pipeline.analyse(record for _i, record, _raw in fresh))
        return [(index, record, raw) for (index, _old, raw), record in zip(fresh, analysed)]
    except Exception:  # noqa: BLE001 - a bug in one document must not sink the batch
        results: list[tuple[int, ExtractionRecord | InputError, RawDocument]] = []
        for index, record, raw in fresh:
            try:
                results.append((index, next(pipeline.analyse([record])), raw))
            except Exception as error:  # noqa: BLE001
                results.append((index, InputError(raw.source, f"extraction failed ({one_line(error)})"), raw))
        return results


def _stored_id(stored_id: Callable[[str], Optional[str]] | None, content_hash: str) -> Optional[str]:
    """The id of the stored document with this text; None also when the store cannot be
    asked just now: the writer checks again, so the worst case is extracting it twice."""
    if stored_id is None:
        return None
    try:
        return stored_id(content_hash)
    except Exception:  # noqa: BLE001 - e.g. a lost database connection in a worker
        return None
