"""Watching sources: one cycle polls every watched source, fetches the new articles it lists,
and ingests them through the normal pipeline (the same engines, workers and store).

A cycle goes in three committed steps, each resumable (``polemos.store.watch``):
1. poll: each source's listing (conditional GET) adds the article URLs not seen before;
2. fetch: each new URL is fetched once, politely, and its body kept in the store;
3. ingest: the kept bodies go through the pipeline; each stored document ends its item.
The feed entry's date is given with the page, and used when the page states none.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

from polemos.engines import AlreadyStored, make_engine
from polemos.ingest.feeds import Entry, canonical_url, read_listing
from polemos.ingest.fetch import FEED_TYPES, Fetcher
from polemos.ingest.raw import InputError, RawDocument
from polemos.ingest.readers import ReadOptions, decode, iter_inputs, sniff_format, walk_directory
from polemos.pipeline import PipelineConfig
from polemos.store.watch import WatchState, body_of

MAX_SITEMAP_CHILDREN = 20  # a sitemap index's newest children read in one poll
FETCH_BATCH = 200  # articles fetched (and kept) per round before ingesting them


@dataclass
class WatchConfig:
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)
    workers: Optional[int] = None
    engine: str = "local"
    scheduler: Optional[str] = None
    max_new_per_source: int = 1000  # a first poll of a huge sitemap takes this many, the rest next cycle


@dataclass
class CycleSummary:
    sources: int = 0
    polled: int = 0
    not_modified: int = 0
    new: int = 0
    fetched: int = 0
    added: int = 0
    present: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source or URL, reason)
    added_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self, cycle: int) -> str:
        rate = (self.added + self.present) / self.seconds if self.seconds else 0.0
        return (f"cycle {cycle}: {self.polled}/{self.sources} sources polled ({self.not_modified} not modified),"
                f" {self.new} new articles, {self.fetched} fetched, {self.added} stored, {self.present} already"
                f" present, {len(self.failures)} failed ({self.seconds:.1f} s, {rate:.1f} articles/s)")


def is_directory_source(url: str) -> bool:
    return url.startswith("file://") or os.path.isdir(url)


def normalise_source(text: str) -> str:
    """A source as the user typed it → the form it is kept under: a canonical http(s) URL or
    ``file://`` plus an absolute directory path."""
    if text.startswith("file://"):
        text = text[len("file://"):]
    if os.path.isdir(text):
        return "file://" + str(Path(text).resolve())
    url = canonical_url(text)
    if url is None:
        raise ValueError(f"{text!r} is neither an http(s) URL nor an existing directory")
    return url


class Watcher:
    """Cycles of poll, fetch and ingest over one store; the pipeline's engine is made at the
    first article and kept for every later round and cycle."""

    def __init__(self, store, fetcher: Fetcher, config: WatchConfig):
        self.store = store
        self.fetcher = fetcher
        self.config = config
        self.state = WatchState(store)
        self._engine = None

    def engine(self):
        if self._engine is None:
            config = self.config
            self._engine = make_engine(config.pipeline, self.store.path, config.workers, config.engine, config.scheduler)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def cycle(self) -> CycleSummary:
        """Poll, fetch and ingest once; returns what happened."""
        started = time.perf_counter()
        summary = CycleSummary()
        self.state.requeue_retries()
        for source in self.state.sources(include_broken=False):
            summary.sources += 1
            poll_source(self.state, self.fetcher, source, self.config, summary)
        while True:
            ingested_now = ingest_fetched(self.state, self.store, self.engine, self.config, summary)  # left by a killed run first
            fetched_now = fetch_new(self.state, self.fetcher, summary)
            if not fetched_now and not ingested_now:
                break
        summary.seconds = time.perf_counter() - started
        return summary


def poll_source(state: WatchState, fetcher: Fetcher, source: dict, config: WatchConfig, summary: CycleSummary) -> None:
    try:
        if is_directory_source(source["url"]):
            entries = directory_entries(source["url"])
            kind, etag, modified, feed_url = "directory", None, None, None
        else:
            found = _poll_url(fetcher, source)
            if found is None:  # 304 Not Modified
                summary.polled += 1
                summary.not_modified += 1
                state.poll_succeeded(source["id"], source["kind"] or "feed", None, None)
                return
            kind, entries, etag, modified, feed_url = found
    except _PollError as error:
        status = state.poll_failed(source["id"], str(error))
        summary.failures.append((source["url"], str(error) + (" (marked broken)" if status == "broken" else "")))
        return
    summary.polled += 1
    added = state.add_items(source["id"], entries, config.max_new_per_source)
    summary.new += added
    if added >= config.max_new_per_source:  # more to take next cycle: no 304 must hide them
        etag = modified = ""
    state.poll_succeeded(source["id"], kind, etag, modified, feed_url)


class _PollError(Exception):
    pass


def _poll_url(fetcher: Fetcher, source: dict):
    """(kind, entries, etag, last_modified, feed_url), or None when unchanged since the last poll."""
    target = source["feed_url"] or source["url"]
    answer = fetcher.fetch(target, accept=FEED_TYPES, etag=source["etag"], last_modified=source["last_modified"])
    if answer.not_modified:
        return None
    if answer.error:
        raise _PollError(answer.error)
    listing = _read(answer.body, answer.content_type, answer.url)
    feed_url = None
    if listing.kind == "page":  # a web page: follow the feed it names
        if not listing.feed_url:
            raise _PollError("a web page naming no feed (no <link rel=\"alternate\" type=\"application/rss+xml\">)")
        feed_url = listing.feed_url
        answer = fetcher.fetch(feed_url, accept=FEED_TYPES)
        if answer.error:
            raise _PollError(f"its feed {feed_url}: {answer.error}")
        listing = _read(answer.body, answer.content_type, answer.url)
    entries = listing.entries
    if listing.kind == "sitemap-index":
        for child in (listing.children or [])[-MAX_SITEMAP_CHILDREN:]:
            page = fetcher.fetch(child, accept=FEED_TYPES)
            if not page.error:
                entries += _read(page.body, page.content_type, page.url).entries
    kind = "page" if feed_url or source["feed_url"] else listing.kind
    return kind, entries, answer.etag, answer.last_modified, feed_url  # the validators of the listing itself


def _read(body: bytes, content_type: str, url: str):
    try:
        return read_listing(body, content_type, url)
    except Exception as error:  # noqa: BLE001 - any malformed listing is that source's failure, never the run's
        raise _PollError(f"unreadable listing ({type(error).__name__}: {str(error)[:160]})") from None


def directory_entries(url: str) -> list[Entry]:
    folder = Path(url[len("file://"):] if url.startswith("file://") else url)
    if not folder.is_dir():
        raise _PollError(f"{folder}: no such directory")
    return [Entry("file://" + str(path.resolve())) for path in walk_directory(folder)]


def fetch_new(state: WatchState, fetcher: Fetcher, summary: CycleSummary) -> int:
    """Fetch up to ``FETCH_BATCH`` new articles, keeping each body in the store; returns how many were tried."""
    items = state.items("new", FETCH_BATCH)
    for item in items:
        if item["url"].startswith("file://"):
            state.fetched(item["url"], None, "file")  # read from disk at ingest
            summary.fetched += 1
            continue
        answer = fetcher.fetch(item["url"])
        if answer.ok:
            state.fetched(item["url"], answer.body, answer.content_type)
            summary.fetched += 1
            continue
        final = answer.error is not None and ("robots" in answer.error or "content type" in answer.error
                                              or "larger than" in answer.error or answer.status in (404, 410))
        reason = answer.error or f"HTTP {answer.status}"
        status = state.fetch_failed(item["url"], reason, final=final)
        summary.failures.append((item["url"], reason if status == "failed" else f"{reason} (tried again next cycle)"))
    return len(items)


def ingest_fetched(state: WatchState, store, engine: Callable, config: WatchConfig, summary: CycleSummary) -> int:
    """Run every fetched article through the pipeline and store it; returns how many items were taken."""
    items = state.items("fetched", FETCH_BATCH)
    if not items:
        return 0
    batches = list(_batches(items, config.pipeline.batch_size))
    outcomes_by_batch = engine().run(iter([[document for _item, document in batch] for batch in batches]))
    for batch, outcomes in zip(batches, outcomes_by_batch):
        for (item, _document), outcome in zip(batch, outcomes):
            _store_outcome(state, store, item, outcome, summary)
    return len(items)


def _batches(items: list[dict], size: int) -> Iterator[list[tuple[dict, object]]]:
    """Items paired with what the pipeline reads for each (a file item may hold several documents:
    only its first is ingested with the item; a JSON Lines file is best ingested with `polemos ingest`)."""
    batch = []
    for item in items:
        batch.append((item, raw_document(item)))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def raw_document(item: dict):
    """What the pipeline reads for a fetched item: its kept body, or its file on disk."""
    url = item["url"]
    if url.startswith("file://"):
        path = url[len("file://"):]
        found = next(iter_inputs([path], ReadOptions(published=item.get("published"))), None)
        return found if found is not None else InputError(path, "no document in the file")
    body = body_of(item) or b""
    try:
        text = decode(body)
    except ValueError as error:
        return InputError(url, str(error))
    kind = "html" if "html" in (item.get("content_type") or "") else sniff_format(text)
    return RawDocument(source=url, content=text, format=kind, url=url, published=item.get("published"), raw_bytes=body)


def _store_outcome(state: WatchState, store, item: dict, outcome, summary: CycleSummary) -> None:
    url = item["url"]
    if isinstance(outcome, InputError):
        state.skipped(url, outcome.reason)
        summary.failures.append((url, outcome.reason))
    elif isinstance(outcome, AlreadyStored):
        state.stored(url, outcome.doc_id)
        summary.present += 1
    else:
        status, doc_id = store.add(outcome.record, raw_bytes=outcome.raw_bytes, raw_format=outcome.raw_format)
        state.stored(url, doc_id)
        if status == "added":
            summary.added += 1
            summary.added_ids.append(doc_id)
        else:
            summary.present += 1
