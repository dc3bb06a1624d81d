"""The ``polemos`` command line: a thin layer over the Python API, one command per concern."""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import List, Optional

import typer
from rich.console import Console

from polemos.cli import evaluating, reviewing, serving, training, watching
from polemos.cli.help_text import unwrap_help
from polemos.cli.terminal import printable
from polemos.cli.ingesting import IngestSummary, extract_to_stream, ingest_paths
from polemos.budget import DEFAULT_MAX_CHARS, DEFAULT_SECONDS, DocumentBudget
from polemos.ingest import ReadOptions
from polemos.ingest.readers import DEFAULT_MAX_BYTES, DEFAULT_PIPE_WAIT
from polemos.engines import ENGINES
from polemos.pipeline import STAGE_ORDER, PipelineConfig
from polemos.store import StoreError, open_store

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Sourced, checkable event data from conflict reporting.",
)


def _print_version(value: bool) -> None:
    if value:
        from polemos import __version__

        print(f"polemos {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Sourced, checkable event data from conflict reporting."""


app.add_typer(evaluating.app, name="eval")
app.add_typer(training.app, name="train")

# No console markup: ids, titles and messages may come from documents, and "[/x]" in one
# must print as it is, not be read as a style tag.
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
out = Console(highlight=False, markup=False)

DbOption = typer.Option(
    None, "--db", envvar="POLEMOS_DB", help="Store: a SQLite file (default polemos.db) or postgresql://user@host/db"
)
PathsArgument = typer.Argument(..., help="Files, directories, JSON Lines files or - for standard input.")
PublishedOption = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs without one.")
UrlOption = typer.Option(None, "--url", help="Source URL for a single input.")
TitleOption = typer.Option(None, "--title", help="Title for a single input.")
MaxBytesOption = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse inputs larger than this many bytes.")
IdKeyOption = typer.Option(None, "--id-key", help="JSON Lines key holding the document id.")
TextKeyOption = typer.Option(None, "--text-key", help="JSON Lines key holding the text.")
HtmlKeyOption = typer.Option(None, "--html-key", help="JSON Lines key holding HTML.")
StagesOption = typer.Option(
    None, "--stages", help=f"Comma-separated stages to run (default: all of {','.join(STAGE_ORDER)})."
)
MaxCharsOption = typer.Option(
    DEFAULT_MAX_CHARS,
    "--max-chars",
    help="Analyse at most this many characters of a document (0: all); the cut is noted in the record.",
)
PipeWaitOption = typer.Option(
    DEFAULT_PIPE_WAIT,
    "--pipe-wait",
    help="Seconds to wait for a named pipe given as input to start sending (in a directory, pipes are skipped).",
)
TimeBudgetOption = typer.Option(
    DEFAULT_SECONDS,
    "--time-budget",
    help="Seconds of analysis per document (0: no limit); later stages are skipped and noted.",
)


def _read_options(
    title, url, published, max_bytes, id_key, text_key, html_key, pipe_wait=DEFAULT_PIPE_WAIT
) -> ReadOptions:
    key_map = {name: key for name, key in (("id", id_key), ("text", text_key), ("html", html_key)) if key}
    return ReadOptions(
        max_bytes=max_bytes,
        key_map=key_map,
        title=title,
        url=url,
        published=_check_date(published),
        pipe_wait=max(0.0, pipe_wait),
    )


def _check_date(value: Optional[str], option: str = "--published") -> Optional[str]:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint=option)


def _config(
    stages: Optional[str], max_chars: int = DEFAULT_MAX_CHARS, seconds: float = DEFAULT_SECONDS
) -> PipelineConfig:
    budget = DocumentBudget(max_chars=max(0, max_chars), seconds=max(0.0, seconds))
    if stages is None:
        return PipelineConfig(budget=budget)
    chosen = tuple(s.strip() for s in stages.split(",") if s.strip() and s.strip() != "clean")
    unknown = [s for s in chosen if s not in STAGE_ORDER]
    if unknown:
        raise typer.BadParameter(
            f"unknown stage {unknown[0]!r}; choose from clean,{','.join(STAGE_ORDER)}", param_hint="--stages"
        )
    return PipelineConfig(stages=chosen, budget=budget)


@app.command()
def ingest(
    paths: List[str] = PathsArgument,
    db: Optional[str] = DbOption,
    published: Optional[str] = PublishedOption,
    url: Optional[str] = UrlOption,
    title: Optional[str] = TitleOption,
    max_bytes: int = MaxBytesOption,
    id_key: Optional[str] = IdKeyOption,
    text_key: Optional[str] = TextKeyOption,
    html_key: Optional[str] = HtmlKeyOption,
    stages: Optional[str] = StagesOption,
    max_chars: int = MaxCharsOption,
    time_budget: float = TimeBudgetOption,
    pipe_wait: float = PipeWaitOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Worker processes (default: one per core)."),
    engine: str = typer.Option("local", help="; ".join(f"{e.name}: {e.description}" for e in ENGINES.values()) + "."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address, with --engine dask."),
):
    """Clean, extract and store documents; the same article is stored once."""
    options = _read_options(title, url, published, max_bytes, id_key, text_key, html_key, pipe_wait)
    summary = _run_ingest(
        paths, db, options, _config(stages, max_chars, time_budget), quiet, workers, engine, scheduler
    )
    raise typer.Exit(summary.exit_code())


def _run_ingest(paths, db, options, config, quiet, workers=None, engine="local", scheduler=None) -> IngestSummary:
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose {' or '.join(ENGINES)}", param_hint="--engine")
    if ENGINES[engine].needs_scheduler and not scheduler:
        raise typer.BadParameter(f"--engine {engine} needs --scheduler ADDRESS", param_hint="--scheduler")
    try:
        store = open_store(db)
    except StoreError as error:
        err.print(f"polemos: error: {printable(error)}")
        raise typer.Exit(2)
    with store:
        summary = ingest_paths(
            paths,
            store,
            options,
            config,
            err,
            show_progress=not quiet,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
        )
        err.print(printable(summary.render(store.display_location)))
        if summary.added_ids:
            watching.after_ingest(store, summary.added_ids)
    return summary


@app.command()
def extract(
    paths: List[str] = PathsArgument,
    published: Optional[str] = PublishedOption,
    url: Optional[str] = UrlOption,
    title: Optional[str] = TitleOption,
    max_bytes: int = MaxBytesOption,
    id_key: Optional[str] = IdKeyOption,
    text_key: Optional[str] = TextKeyOption,
    html_key: Optional[str] = HtmlKeyOption,
    stages: Optional[str] = StagesOption,
    max_chars: int = MaxCharsOption,
    time_budget: float = TimeBudgetOption,
    pipe_wait: float = PipeWaitOption,
    pretty: bool = typer.Option(False, help="Indent the JSON (one document only)."),
    workers: int = typer.Option(1, "--workers", "-w", help="Worker processes (output order is kept)."),
):
    """Print the extraction record of each document as JSON Lines, without touching the store."""
    options = _read_options(title, url, published, max_bytes, id_key, text_key, html_key, pipe_wait)
    written, failed = extract_to_stream(
        paths,
        options,
        _config(stages, max_chars, time_budget),
        sys.stdout,
        err,
        indent=2 if pretty else None,
        workers=workers,
    )
    raise typer.Exit(1 if failed and not written else 0)


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="Document id (or an unambiguous prefix)."),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the full extraction record as JSON."),
):
    """Print a stored document's metadata and clean text."""
    try:
        with open_store(db) as store:
            record = store.get_record(doc_id)
    except StoreError as error:
        err.print(f"polemos: error: {printable(error)}")
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
        return
    from polemos.cli.showing import render_document

    render_document(record, out)


LISTING_FORMATS = ("table", "json", "csv")


def _listing_format(fmt: str) -> str:
    fmt = {"jsonl": "json"}.get(fmt.lower(), fmt.lower())
    if fmt not in LISTING_FORMATS:
        raise typer.BadParameter(
            f"unknown format {fmt[:40]!r}; choose one of {', '.join(LISTING_FORMATS)}", param_hint="--format"
        )
    return fmt


@app.command()
def documents(
    db: Optional[str] = DbOption,
    search: Optional[str] = typer.Option(
        None, "--search", "-s", help="Only documents whose title, id, URL or text contains this."
    ),
    fmt: str = typer.Option("table", "--format", "-f", help=f"{', '.join(LISTING_FORMATS)} (JSON Lines)."),
    limit: int = typer.Option(50, help="At most this many documents."),
    offset: int = typer.Option(0),
):
    """List stored documents, newest first, with their event counts."""
    from polemos.cli.showing import write_document_list

    fmt = _listing_format(fmt)
    try:
        with open_store(db) as store:
            items, total = store.search_documents(search, limit, offset)
            write_document_list(items, total, fmt, sys.stdout, out)
    except StoreError as error:
        err.print(f"polemos: error: {printable(error)}")
        raise typer.Exit(1)


DEMO_DB = "polemos-demo.db"


@app.command()
def demo(
    db: Optional[str] = typer.Option(None, "--db", envvar="POLEMOS_DB", help=f"Store for the demo. Default: {DEMO_DB}"),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Open the web workspace afterwards."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port of the web workspace."),
):
    """Ingest the bundled demo articles, show what polemos found, and open the web workspace."""
    from polemos.cli.showing import render_demo_summary

    db = db or DEMO_DB
    folder = resources.files("polemos") / "data" / "demo"
    with resources.as_file(folder) as demo_dir:
        summary = _run_ingest([str(demo_dir)], db, ReadOptions(), PipelineConfig(), quiet=True, workers=1)
    with open_store(db) as store:
        render_demo_summary(store, out)
    if summary.exit_code() or not serve:
        raise typer.Exit(summary.exit_code())
    out.print(f"\nWeb workspace: http://127.0.0.1:{port}/  (Ctrl-C to stop)")
    from polemos.cli.serving import serve as serve_command

    serve_command(db=db, host="127.0.0.1", port=port, token=None, private=False, allow_private_fetch=False)


ActorOption = typer.Option(None, "--actor", help="Actor id or name (e.g. AZE.MIL, 'Azerbaijan').")
TypeOption = typer.Option(None, "--type", help="PLOVER event type(s), comma-separated (e.g. ASSAULT,COERCE).")
CountryOption = typer.Option(None, "--country", help="Only events in this country (ISO 3166 alpha-3, e.g. SDN).")
PlaceOption = typer.Option(None, "--place", help="Only events whose place name holds these words (e.g. Kharkiv).")
AcledOption = typer.Option(None, "--acled", help="ACLED event type or sub-event type (e.g. Riots, 'Armed clash').")
SinceOption = typer.Option(None, "--since", help="Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
UntilOption = typer.Option(None, "--until", help="Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).")
NearOption = typer.Option(None, "--near", help="LAT,LON,KM: only events within KM of a point.")
DocOption = typer.Option(None, "--doc", help="Only events from this document.")
SearchOption = typer.Option(None, "--search", "-s", help="Full-text search in the evidence.")
RejectedOption = typer.Option(False, "--include-rejected", help="Include events an analyst rejected.")
ReviewOption = typer.Option(
    None, "--review", help="Only events whose review is unreviewed, confirmed, corrected or rejected."
)
DivisionOption = typer.Option(
    None,
    "--admin1",
    help="Only events placed in this first-level division, as the map names it"
    " (CODE|Name, or CODE; see /api/map/areas).",
)
ModalityOption = typer.Option(
    None,
    "--modality",
    help="Only events of these modalities, comma-separated: asserted (it happened), future, hypothetical, negated.",
)


def _event_filter(
    store,
    actor,
    type,
    since,
    until,
    near,
    doc,
    q,
    include_rejected,
    review=None,
    modality=None,
    acled=None,
    country=None,
    place=None,
    admin1=None,
):
    from polemos.store import REVIEW_FILTERS, EventFilter
    from polemos.store import split_modalities

    try:
        point = EventFilter.parse_near(near) if near else None
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--near")
    if review is not None and review not in REVIEW_FILTERS:
        raise typer.BadParameter(f"choose one of {', '.join(REVIEW_FILTERS)}", param_hint="--review")
    try:
        split_modalities(modality)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--modality")
    try:
        chosen = EventFilter(
            actor=actor,
            type=type,
            since=since,
            until=until,
            near=point,
            doc=store.resolve_id(doc) if doc else None,
            q=q,
            include_rejected=include_rejected,
            review=review,
            modality=modality,
            acled=acled,
            country=country,
            place=place,
            admin1=admin1,
        )
    except ValueError as error:  # "type: 'ATTACK' is not a PLOVER type; choose among …"
        option, _, message = str(error).partition(": ")
        raise typer.BadParameter(message, param_hint=f"--{option}")
    if chosen.admin1:  # the events stored since the map last looked get their division first
        from polemos.geo.admin1_areas import Admin1Areas
        from polemos.store.map_areas import place_new_points

        place_new_points(store, Admin1Areas())
    return chosen


@app.command()
def events(
    db: Optional[str] = DbOption,
    actor: Optional[str] = ActorOption,
    type: Optional[str] = TypeOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    near: Optional[str] = NearOption,
    doc: Optional[str] = DocOption,
    q: Optional[str] = SearchOption,
    include_rejected: bool = RejectedOption,
    review: Optional[str] = ReviewOption,
    modality: Optional[str] = ModalityOption,
    acled: Optional[str] = AcledOption,
    country: Optional[str] = CountryOption,
    place: Optional[str] = PlaceOption,
    admin1: Optional[str] = DivisionOption,
    reports: bool = typer.Option(
        False, "--reports", help="List each document's events (reports) instead of canonical events."
    ),
    sort: Optional[str] = typer.Option(
        None,
        help="date, type, place, country, dead, sources (canonical), confidence (reports)…;"
        " prefix - for descending. Default -date.",
    ),
    fmt: str = typer.Option("table", "--format", "-f", help=f"{', '.join(LISTING_FORMATS)} (JSON Lines)."),
    limit: int = typer.Option(100, help="At most this many events."),
    offset: int = typer.Option(0),
):
    """List stored events, filtered.

    By default canonical events: each real event once, fused across documents, with its sources,
    canonical death toll and range, and earliest report. --reports lists each document's own
    events with their reviews."""
    from polemos.cli.listing import write_canonical_events, write_events

    fmt = _listing_format(fmt)
    try:
        with open_store(db) as store:
            chosen = _event_filter(
                store,
                actor,
                type,
                since,
                until,
                near,
                doc,
                q,
                include_rejected,
                review,
                modality,
                acled,
                country,
                place,
                admin1,
            )
            listed = store.events if reports else store.canonical_events
            items, total = listed(chosen, limit=limit, offset=offset, sort=sort)
    except ValueError as error:  # an unknown --sort
        raise typer.BadParameter(str(error), param_hint="--sort")
    except StoreError as error:
        err.print(f"polemos: error: {printable(error)}")
        raise typer.Exit(1)
    (write_events if reports else write_canonical_events)(items, total, fmt, sys.stdout, out)


@app.command()
def export(
    out_path: str = typer.Argument(..., metavar="OUT", help="Output file, or - for standard output."),
    fmt: str = typer.Option(
        ..., "--format", "-f", help="plover-jsonl, acled-csv, geojson or parquet (as in the web's export links)."
    ),
    db: Optional[str] = DbOption,
    actor: Optional[str] = ActorOption,
    type: Optional[str] = TypeOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    near: Optional[str] = NearOption,
    doc: Optional[str] = DocOption,
    q: Optional[str] = SearchOption,
    include_rejected: bool = RejectedOption,
    review: Optional[str] = ReviewOption,
    modality: Optional[str] = ModalityOption,
    acled: Optional[str] = AcledOption,
    country: Optional[str] = CountryOption,
    place: Optional[str] = PlaceOption,
    admin1: Optional[str] = DivisionOption,
    canonical: bool = typer.Option(
        False,
        "--canonical",
        help="One row per canonical event (fused across documents) instead of one per document's report.",
    ),
    all_types: bool = typer.Option(
        False,
        "--all-types",
        help="ACLED CSV: also the events of types ACLED does not code"
        " (talks, accusations...), with an empty event_type.",
    ),
):
    """Export stored events in the formats of the field.

    By default one row per document's event report, with its evidence and review, as coders check
    them. --canonical writes one row per real event: consensus date, place and actors, the
    canonical (most conservative) figure with the range of the sources, every source's evidence,
    and all its documents as the source. The ACLED CSV holds the events ACLED would code
    unless --all-types; its admin1 and admin2 come from the gazetteer built by ingest."""
    from polemos.export import export_events, export_format
    from polemos.geo.admin import AdminAreas, built_gazetteer

    try:
        fmt = export_format(fmt).name
    except ValueError as error:
        raise typer.BadParameter(str(error).partition(": ")[2], param_hint="--format")
    try:
        with open_store(db) as store:
            chosen = _event_filter(
                store,
                actor,
                type,
                since,
                until,
                near,
                doc,
                q,
                include_rejected,
                review,
                modality,
                acled,
                country,
                place,
                admin1,
            )
            gazetteer = built_gazetteer()
            try:
                count = export_events(
                    store,
                    chosen,
                    fmt,
                    out_path,
                    canonical=canonical,
                    all_types=all_types,
                    admin_areas=AdminAreas(gazetteer) if gazetteer else None,
                )
            finally:
                if gazetteer:
                    gazetteer.close()
    except (StoreError, ValueError, OSError) as error:
        err.print(f"polemos: error: {printable(error)}")
        raise typer.Exit(1)
    kind = "canonical events" if canonical else "events"
    err.print(f"{count} {kind} written to {'standard output' if out_path == '-' else out_path} ({fmt})")


@app.command()
def reextract(
    doc_ids: List[str] = typer.Argument(
        None, metavar="[DOC_ID]...", help="Documents to re-extract (ids or unambiguous prefixes)."
    ),
    all_documents: bool = typer.Option(False, "--all", help="Re-extract every stored document."),
    db: Optional[str] = DbOption,
):
    """Extract stored documents again, keeping their ids and reviews.

    Each document is cleaned and extracted again from its raw input after the cleaner or the
    extractors improved; its id and every review are kept (event ids are stable)."""
    from polemos.ingest import InputError
    from polemos.pipeline import Pipeline
    from polemos.ingest.stored import stored_raw_document

    if bool(doc_ids) == all_documents:
        raise typer.BadParameter("give document ids or --all (not both)", param_hint="DOC_ID")
    counts = {"updated": 0, "unchanged": 0, "failed": 0}
    try:
        with open_store(db) as store:
            chosen = _all_document_ids(store) if all_documents else [store.resolve_id(doc_id) for doc_id in doc_ids]
            pipeline = Pipeline.load()
            for doc_id in chosen:
                try:
                    record = pipeline.extract(stored_raw_document(store, doc_id))
                    record.document.id = doc_id
                    counts[store.update_document(record)] += 1
                except (InputError, StoreError) as error:
                    counts["failed"] += 1
                    err.print(f"polemos: error: {printable(doc_id)}: {printable(error)}")
                except Exception as error:  # noqa: BLE001 - a stage failing on one document must not stop the rest
                    counts["failed"] += 1
                    err.print(
                        f"polemos: error: {printable(doc_id)}: extraction failed ({type(error).__name__}: {printable(error)})"
                    )
            location = store.display_location
    except StoreError as error:
        err.print(f"polemos: error: {printable(error)}")
        raise typer.Exit(1)
    done = counts["updated"] + counts["unchanged"]
    err.print(
        f"{done} re-extracted ({counts['unchanged']} with unchanged text), {counts['failed']} failed in {location}"
    )
    raise typer.Exit(1 if counts["failed"] and not done else 0)


def _all_document_ids(store) -> list[str]:
    ids: list[str] = []
    page = 1000
    while batch := [row["id"] for row in store.documents(limit=page, offset=len(ids))]:
        ids += batch
    return ids


serving.register(app)
app.add_typer(reviewing.app, name="review")
app.add_typer(watching.app, name="watch")
from polemos.cli import alerting  # noqa: E402 - it takes the event filter options defined above

app.add_typer(alerting.app, name="alerts")
unwrap_help(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
