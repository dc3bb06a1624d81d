"""``polemos watch``: keep the store up to date from feeds, sitemaps, pages and directories."""

from __future__ import annotations

import re
import time
from typing import Any, List, Optional

import typer
from rich.console import Console

from polemos.cli.terminal import printable
from polemos.store import StoreError, open_store

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Watch RSS/Atom feeds, sitemaps, web pages and directories, and ingest what is new.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
out = Console(highlight=False, markup=False, soft_wrap=True)

DbOption = typer.Option(
    None, "--db", envvar="POLEMOS_DB", help="Store: a SQLite file (default polemos.db) or postgresql://user@host/db"
)
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """``"15m"`` → 900.0; a plain number is seconds."""
    match = DURATION.match(text.lower())
    if not match or float(match.group(1)) <= 0:
        raise typer.BadParameter(f"{text!r}: expected a duration such as 90s, 15m or 1h", param_hint="--every")
    return float(match.group(1)) * UNIT_SECONDS[match.group(2)]


def _open(db):
    try:
        return open_store(db)
    except StoreError as error:
        err.print(f"polemos: error: {printable(error)}")
        raise typer.Exit(2)


@app.command("add")
def add(
    urls: List[str] = typer.Argument(..., help="Feed, sitemap or web page URLs, or local directories."),
    db: Optional[str] = DbOption,
):
    """Watch sources: RSS or Atom feeds, sitemaps (news sitemaps too), web pages naming their
    feed in <link rel="alternate">, or local directories (their new files)."""
    from polemos.engines.watch import normalise_source
    from polemos.store.watch import WatchState

    failed = False
    with _open(db) as store:
        state = WatchState(store)
        for url in urls:
            try:
                normalised = normalise_source(url)
            except ValueError as error:
                err.print(f"polemos: error: {printable(error)}")
                failed = True
                continue
            ident, new = state.add_source(normalised)
            out.print(f"{ident}  {printable(normalised)}" + ("" if new else "  (already watched)"))
    raise typer.Exit(1 if failed else 0)


@app.command("list")
def list_sources(db: Optional[str] = DbOption):
    """Watched sources: state, last success, articles per day (last 7 days), errors."""
    from polemos.store.watch import WatchState

    with _open(db) as store:
        report = WatchState(store).source_report()
    if not report:
        out.print("no sources watched; add one with: polemos watch add URL")
        return
    for source in report:
        out.print(f"{source['id']}  {printable(source['url'])}")
        out.print(
            f"    {source['kind'] or 'not polled yet'}, {source['state']}; last success {source['last_success'] or 'never'};"
            f" {source['stored']} articles stored ({source['per_day']}/day), {source['pending']} pending,"
            f" {source['failed']} failed"
        )
        if source["last_error"]:
            out.print(f"    last poll error: {printable(source['last_error'])}")
        if source["last_article_error"]:
            out.print(f"    last article error: {printable(source['last_article_error'])}")


@app.command("remove")
def remove(
    keys: List[str] = typer.Argument(..., help="Source ids (or URLs) as `polemos watch list` shows them."),
    db: Optional[str] = DbOption,
):
    """Stop watching sources (their documents stay in the store)."""
    from polemos.store.watch import WatchState

    failed = False
    with _open(db) as store:
        state = WatchState(store)
        for key in keys:
            source = state.find_source(key)
            if source is None:
                err.print(f"polemos: error: {printable(key)}: no such watched source")
                failed = True
                continue
            state.remove_source(source["id"])
            out.print(f"removed {source['id']}  {printable(source['url'])}")
    raise typer.Exit(1 if failed else 0)


@app.command("run")
def run(
    db: Optional[str] = DbOption,
    every: str = typer.Option("15m", "--every", help="Time between the starts of two cycles (90s, 15m, 1h)."),
    once: bool = typer.Option(False, "--once", help="One cycle, then stop."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Worker processes (default: one per core)."),
    engine: str = typer.Option("local", help="local (this machine) or dask (an existing Dask cluster)."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address, with --engine dask."),
    host_interval: float = typer.Option(1.0, "--host-interval", help="Seconds between two requests to one host."),
    fetch_workers: int = typer.Option(
        4,
        "--fetch-workers",
        min=1,
        max=64,
        help="Articles fetched at once, from different hosts (each host: one at a time).",
    ),
    timeout: float = typer.Option(15.0, "--timeout", help="Seconds before a request is given up."),
    max_bytes: int = typer.Option(5 * 1024 * 1024, "--max-bytes", help="Refuse pages larger than this many bytes."),
    retries: int = typer.Option(2, "--retries", help="Retries of a failed request, with backoff, within a cycle."),
):
    """Poll every watched source, fetch new articles and ingest them; then check watchlists and
    deliver alerts. Safe to kill at any moment: the next run repeats and misses nothing."""
    from polemos.ingest.fetch import FetchPolicy, Fetcher
    from polemos.engines.watch import WatchConfig, Watcher

    interval = parse_duration(every)
    config = WatchConfig(workers=workers, engine=engine, scheduler=scheduler, fetch_workers=fetch_workers)
    policy = FetchPolicy(
        timeout=timeout, max_bytes=max_bytes, host_interval=max(0.0, host_interval), retries=max(0, retries)
    )
    totals: dict[str, Any] = {"cycles": 0, "new": 0, "added": 0, "present": 0, "failures": []}
    try:
        with _open(db) as store, Fetcher(policy) as fetcher, Watcher(store, fetcher, config) as watcher:
            while True:
                started = time.monotonic()
                summary = watcher.cycle()
                totals["cycles"] += 1
                for key in ("new", "added", "present"):
                    totals[key] += getattr(summary, key)
                totals["failures"] += summary.failures
                err.print(printable(summary.line(totals["cycles"])))
                after_ingest(store, summary.added_ids)
                if once:
                    break
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
    except KeyboardInterrupt:
        err.print("interrupted: what was fetched and stored so far is kept; run again to go on")
        _print_totals(totals)
        raise typer.Exit(130)
    _print_totals(totals)


def after_ingest(store, added_ids: list[str]) -> None:
    """Check the watchlists against what was just stored, and deliver pending alerts; an alert
    problem is reported, never allowed to stop the watcher."""
    from polemos.alerts import check_and_deliver

    try:
        for line in check_and_deliver(store, added_ids):
            err.print(printable(line))
    except Exception as error:  # noqa: BLE001 - alerts never block ingest
        err.print(f"polemos: alerts: {type(error).__name__}: {printable(error)}")


def _print_totals(totals: dict) -> None:
    err.print(
        f"{totals['cycles']} cycle(s): {totals['new']} new articles, {totals['added']} stored,"
        f" {totals['present']} already present, {len(totals['failures'])} failed"
    )
    for where, reason in totals["failures"][:20]:
        err.print(f"  failed: {printable(where)}: {printable(reason)}")
    if len(totals["failures"]) > 20:
        err.print(f"  … and {len(totals['failures']) - 20} more failures")
