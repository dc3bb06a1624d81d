"""Watching sources: one cycle polls every watched source, fetches the new articles it lists,
and ingests them through the normal pipeline (the same engines, workers and store).

A cycle goes in committed steps, each resumable (``polemos.store.watch``):
1. poll: each source's listing (conditional GET) adds the article URLs not seen before;
2. fetch: each new URL is fetched once, politely, and its body kept in the store;
3. ingest: the kept bodies go through the pipeline; each stored document ends its item.
Fetching and ingesting are streamed: pages are fetched as the workers ask for more.
The feed entry's date is given with the page, and used when the page states none.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional
from urllib.parse import urlsplit

from polemos.engines import AlreadyStored, make_engine
from polemos.ingest.feeds import Entry, canonical_url, read_listing
from polemos.ingest.fetch import FEED_TYPES, Fetched, Fetcher
from polemos.ingest.raw import InputError, RawDocument
from polemos.ingest.readers import (
    JSONL_SUFFIXES,
    ReadOptions,
    decode,
    iter_inputs,
    jsonl_line_starts,
    read_jsonl_line,
    sniff_format,
    walk_directory,
)
from polemos.pipeline import PipelineConfig
from polemos.store import open_store
from polemos.store.watch import WatchState, body_of

MAX_SITEMAP_CHILDREN = 20  # a sitemap index's newest children read in one poll
FETCH_BATCH = 200  # new articles read from the store at a time


@dataclass
class WatchConfig:
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)
    workers: Optional[int] = None
    engine: str = "local"
    scheduler: Optional[str] = None
    max_new_per_source: int = 1000  # a first poll of a huge sitemap takes this many, the rest next cycle
    fetch_workers: int = 4  # articles fetched at once, from different hosts (one at a time per host)


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
        return (
            f"cycle {cycle}: {self.polled}/{self.sources} sources polled ({self.not_modified} not modified),"
            f" {self.new} new articles, {self.fetched} fetched, {self.added} stored, {self.present} already"
            f" present, {len(self.failures)} failed ({self.seconds:.1f} s, {rate:.1f} articles/s)"
        )


def is_directory_source(url: str) -> bool:
    return url.startswith("file://") or os.path.isdir(url)


def normalise_source(text: str) -> str:
    """A source as the user typed it → the form it is kept under: a canonical http(s) URL or
    ``file://`` plus an absolute directory path."""
    if text.startswith("file://"):
        text = text[len("file://") :]
    if os.path.isdir(text):
        return "file://" + str(Path(text).resolve())
    url = canonical_url(text)
    if url is None:
        raise ValueError(f"{text!r} is neither an http(s) URL nor an existing directory")
    return url


class Watcher:
    """Cycles of poll, fetch and ingest over one store."""

    def __init__(self, store, fetcher: Fetcher, config: WatchConfig):
        self.store = store
        self.fetcher = fetcher
        self.config = config
        self.state = WatchState(store)
        self._engine = None

    def engine(self):
        """The pipeline's engine, made at the first article and kept for later cycles."""
        if self._engine is None:
            config = self.config
            self._engine = make_engine(
                config.pipeline, self.store.path, config.workers, config.engine, config.scheduler
            )
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
        sources = self.state.sources(include_broken=False)
        summary.sources = len(sources)
        # Listings are read in parallel (one request at a time per host), and recorded here in order.
        with ThreadPoolExecutor(max_workers=max(1, self.config.fetch_workers), thread_name_prefix="poll") as pool:
            for source, listing in zip(sources, pool.map(lambda source: read_source(self.fetcher, source), sources)):
                record_poll(self.state, source, listing, self.config, summary)
        if self.state.items("new", 1) or self.state.items("fetched", 1):
            work = pending_work(self.state, self.fetcher, summary, self.config.fetch_workers)
            ingest_stream(self.state, self.store, self.engine(), work, self.config, summary)
        summary.seconds = time.perf_counter() - started
        return summary


def read_source(fetcher: Fetcher, source: dict):
    """What a poll of ``source`` found: (kind, entries, etag, last_modified, feed_url), None when
    unchanged since the last poll (304), or the _PollError saying why it failed."""
    try:
        if is_directory_source(source["url"]):
            return "directory", directory_entries(source["url"]), None, None, None
        return _poll_url(fetcher, source)
    except _PollError as error:
        return error


def record_poll(state: WatchState, source: dict, listing, config: WatchConfig, summary: CycleSummary) -> None:
    """Keep what a poll found: the new entries, the source's state and its validators."""
    if isinstance(listing, _PollError):
        status = state.poll_failed(source["id"], str(listing))
        summary.failures.append((source["url"], str(listing) + (" (marked broken)" if status == "broken" else "")))
        return
    summary.polled += 1
    if listing is None:  # 304 Not Modified
        summary.not_modified += 1
        state.poll_succeeded(source["id"], source["kind"] or "feed", None, None)
        return
    kind, entries, etag, modified, feed_url = listing
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
    folder = Path(url[len("file://") :] if url.startswith("file://") else url)
    if not folder.is_dir():
        raise _PollError(f"{folder}: no such directory")
    entries = []
    for path in walk_directory(folder):
        suffixes = [suffix.lower() for suffix in path.suffixes]
        if suffixes and suffixes[-1] in JSONL_SUFFIXES:  # one article a line, lines added later are new
            entries += jsonl_entries(path.resolve())
        elif not any(suffix in JSONL_SUFFIXES for suffix in suffixes):  # one file, one article
            entries.append(Entry("file://" + str(path.resolve())))
    # A compressed JSON Lines file cannot be read a line at a time: `polemos ingest FILE` reads it.
    return entries


def jsonl_entries(path: Path) -> list[Entry]:
    """An entry per complete line of a JSON Lines file: ``file:///PATH#line=N&byte=OFFSET``."""
    try:
        return [Entry(f"file://{path}#line={number}&byte={start}") for number, start in jsonl_line_starts(path)]
    except (OSError, ValueError):  # unreadable, or not a regular file: its lines are looked at next poll
        return []


def _jsonl_line(url: str) -> Optional[tuple[Path, int, int]]:
    """(file, line number, byte offset) of a JSON Lines line's entry, or None for a whole file."""
    path, _, fragment = url[len("file://") :].partition("#")
    fields = dict(part.partition("=")[::2] for part in fragment.split("&")) if fragment else {}
    if not (fields.get("line", "").isdigit() and fields.get("byte", "").isdigit()):
        return None
    return Path(path), int(fields["line"]), int(fields["byte"])


def pending_work(
    state: WatchState, fetcher: Fetcher, summary: CycleSummary, fetch_workers: int = 1
) -> Iterator[tuple[dict, object]]:
    """Each item to ingest with what the pipeline reads for it: first the bodies a killed run
    fetched but did not store, then every new article, fetched while the pipeline works on
    the ones before (``fetch_workers`` at once, several hosts in parallel, each host one
    request at a time at its pace) and kept in the store before it is handed on."""
    for item in state.items("fetched", limit=1_000_000):
        yield item, raw_document(item)
    while items := state.items("new", FETCH_BATCH):
        for item in [item for item in items if item["url"].startswith("file://")]:
            state.fetched(item["url"], None, "file")  # read from disk at ingest
            summary.fetched += 1
            yield item, raw_document(_kept_item(state, item["url"]))
        remote = interleave_hosts([item for item in items if not item["url"].startswith("file://")])
        for item, failure in fetch_and_keep(state.store.path, fetcher, remote, fetch_workers):
            if failure is None:
                summary.fetched += 1
                yield item, raw_document(_kept_item(state, item["url"]))
            else:
                summary.failures.append((item["url"], failure))


def _kept_item(state: WatchState, url: str) -> dict:
    """A watched item just marked fetched, as the watch state keeps it."""
    kept = state.item(url)
    if kept is None:
        raise RuntimeError(f"{url}: the watch state lost an item it had just fetched")
    return kept


def interleave_hosts(items: list[dict]) -> list[dict]:
    """The items taken one host after another (a, b, c, a, b, c…), so parallel fetchers are not
    all queued behind one host's pace while another host waits."""
    by_host: dict[str, deque] = {}
    for item in items:
        by_host.setdefault(urlsplit(item["url"]).netloc, deque()).append(item)
    ordered = []
    while by_host:
        for host in list(by_host):
            ordered.append(by_host[host].popleft())
            if not by_host[host]:
                del by_host[host]
    return ordered


def fetch_and_keep(
    location: str, fetcher: Fetcher, items: list[dict], fetch_workers: int
) -> Iterator[tuple[dict, Optional[str]]]:
    """(item, None) once its body is committed, or (item, why it failed), as fetches end.

    Fetching threads hand each answer to one recording thread with a store connection of its
    own, which commits it at once: whatever was fetched is kept even while the pipeline is
    busy and this generator waits, so a kill at any moment repeats no fetch."""
    answers: queue.Queue = queue.Queue()
    recorded: queue.Queue = queue.Queue()

    def fetch(item: dict) -> None:
        try:
            answers.put((item, fetcher.fetch(item["url"])))
        except Exception as error:  # noqa: BLE001 - a fetcher bug fails its article, never hangs the cycle
            answers.put((item, Fetched(item["url"], error=f"{type(error).__name__}: {str(error)[:160]}")))

    def record() -> None:
        try:
            with open_store(location) as own:
                own_state = WatchState(own)
                while (answer := answers.get()) is not None:
                    recorded.put((answer[0], record_fetch(own_state, *answer)))
        except Exception as error:  # noqa: BLE001 - handed to the cycle, which reports it
            recorded.put(error)

    recorder = threading.Thread(target=record, name="fetch-recorder", daemon=True)
    recorder.start()
    pool = ThreadPoolExecutor(max_workers=max(1, fetch_workers), thread_name_prefix="fetch")
    try:
        for item in items:
            pool.submit(fetch, item)
        for _ in items:
            outcome = recorded.get()
            if isinstance(outcome, Exception):
                raise outcome
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        answers.put(None)
        recorder.join()


def record_fetch(state: WatchState, item: dict, answer: Fetched) -> Optional[str]:
    """Keep a fetched article's body (None), or record why the fetch failed and return it."""
    if answer.ok:
        state.fetched(item["url"], answer.body, answer.content_type)
        return None
    final = answer.error is not None and (
        "robots" in answer.error
        or "content type" in answer.error
        or "larger than" in answer.error
        or answer.status in (404, 410)
    )
    reason = answer.error or f"HTTP {answer.status}"
    status = state.fetch_failed(item["url"], reason, final=final)
    return reason if status == "failed" else f"{reason} (tried again next cycle)"


def ingest_stream(
    state: WatchState, store, engine, work: Iterator[tuple[dict, object]], config: WatchConfig, summary: CycleSummary
) -> None:
    """Run the work through the engine a batch at a time and store each outcome, in order."""
    handed_on: deque = deque()

    def batches():
        batch = []
        for pair in work:
            batch.append(pair)
            if len(batch) >= config.pipeline.batch_size:
                handed_on.append(batch)
                yield [document for _item, document in batch]
                batch = []
        if batch:
            handed_on.append(batch)
            yield [document for _item, document in batch]

    for outcomes in engine.run(batches()):
        for (item, _document), outcome in zip(handed_on.popleft(), outcomes):
            _store_outcome(state, store, item, outcome, summary)


def raw_document(item: dict):
    """What the pipeline reads for a fetched item: its kept body, or its file on disk (one article)."""
    url = item["url"]
    if url.startswith("file://"):
        line = _jsonl_line(url)
        if line is not None:
            return read_jsonl_line(*line, ReadOptions(published=item.get("published")))
        path = url[len("file://") :]
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
