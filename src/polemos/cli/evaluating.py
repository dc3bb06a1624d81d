"""``polemos eval …``: scoring each stage against evaluation sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(no_args_is_help=True, help="Score polemos against evaluation sets.")


@app.command("cleaning")
def eval_cleaning(
    directory: Path = typer.Argument(
        ..., exists=True, file_okay=False, help="A directory with html/ and ground-truth/."
    ),
    limit: Optional[int] = typer.Option(None, help="Score only the first N pages."),
    as_json: bool = typer.Option(False, "--json"),
):
    """Word-level P/R/F1 of article extraction and boilerplate leaks, beside plain trafilatura."""
    from polemos.eval import cleaning

    _print_report(cleaning, cleaning.evaluate(directory, limit=limit), as_json)


@app.command("time")
def eval_time(
    directory: List[Path] = typer.Argument(..., exists=True, help="Directories or .tml files (TimeML with a DCT)."),
    limit: Optional[int] = typer.Option(None, help="Score only the first N documents."),
    parse: bool = typer.Option(True, help="Give the tagger the spaCy parse (clause tense)."),
    as_json: bool = typer.Option(False, "--json"),
):
    """TempEval-3 scores of the temporal tagger: strict/relaxed span F1, value F1, type accuracy."""
    from polemos.eval import time as time_eval
    from polemos.nlp import load_pipeline

    nlp = load_pipeline() if parse else None
    _print_report(time_eval, time_eval.evaluate(list(directory), nlp=nlp, limit=limit), as_json)


@app.command("geo")
def eval_geo(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="LGL / TR-News style XML gold file."),
    mode: str = typer.Option("both", help="gold (gold spans given), end2end (our NER finds them) or both."),
    limit: Optional[int] = typer.Option(None, help="Score only the first N articles."),
    as_json: bool = typer.Option(False, "--json"),
):
    """Acc@161km, AUC, mean and median error of place resolution, with gold spans and end to end."""
    from polemos.eval import geo as geo_eval
    from polemos.geo import Gazetteer

    if mode not in ("gold", "end2end", "both"):
        raise typer.BadParameter("choose gold, end2end or both", param_hint="--mode")
    gazetteer = Gazetteer.open()
    nlp = geo_eval.build_nlp(gazetteer) if mode != "gold" else None
    for chosen in ("gold", "end2end") if mode == "both" else (mode,):
        report = geo_eval.evaluate(path, mode=chosen, limit=limit, gazetteer=gazetteer, nlp=nlp)
        _print_report(geo_eval, report, as_json)


@app.command("actors")
def eval_actors(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="PLOVER-coded sentences (JSON)."),
    limit: Optional[int] = typer.Option(None, help="Score only the first N sentences."),
    as_json: bool = typer.Option(False, "--json"),
):
    """How often the actor layer finds the gold source/target country codes of PLOVER sentences."""
    from polemos.eval import actors as actor_eval

    _print_report(actor_eval, actor_eval.evaluate(path, limit=limit), as_json)


@app.command("events")
def eval_events(
    path: Path = typer.Argument(
        ...,
        exists=True,
        dir_okay=False,
        help="PLOVER-coded sentences (JSON), ACLED-style notes (JSON Lines with event_type/sub_event_type) "
        "or CASE 2021 task 2 snippets (TSV: id, EventSnippet, SubType).",
    ),
    limit: Optional[int] = typer.Option(None, help="Score only the first N sentences."),
    as_json: bool = typer.Option(False, "--json"),
):
    """Per-type P/R/F1 of PLOVER event coding and actor/recipient accuracy; or ACLED typing F1 on notes;
    or, on CASE 2021 snippets, ACLED sub-type F1 of the rules, the model and both side by side."""
    from polemos.eval import events as event_eval

    _print_report(event_eval, event_eval.evaluate(path, limit=limit), as_json)


@app.command("incidents")
def eval_incidents(
    directory: Path = typer.Argument(
        ...,
        exists=True,
        file_okay=False,
        help="A directory with docs.jsonl and incidents.jsonl (e.g. ../shared/eval/incidents/gva-dev).",
    ),
    limit: Optional[int] = typer.Option(None, help="Score only the documents of the first N incidents."),
    workers: Optional[int] = typer.Option(None, help="Extraction processes (default: one per core)."),
    keep_store: Optional[Path] = typer.Option(
        None, "--keep-store", dir_okay=False, help="Keep the store the documents were ingested into at this path."
    ),
    refuse: Optional[Path] = typer.Option(
        None,
        "--refuse",
        exists=True,
        dir_okay=False,
        help="Do not extract: fuse again the events of a store kept by --keep-store"
        " (same directory and --limit) and score them.",
    ),
    as_json: bool = typer.Option(False, "--json"),
):
    """Date, place, killed and injured of each article's main violent event, and fusion across articles."""
    from polemos.eval import incidents

    _print_report(
        incidents,
        incidents.evaluate(directory, limit=limit, workers=workers, store_path=keep_store, refuse_store=refuse),
        as_json,
    )


@app.command("summaries")
def eval_summaries(
    path: Path = typer.Argument(
        ...,
        exists=True,
        dir_okay=False,
        help="One-paragraph event summaries with gold (JSON Lines, e.g. annotations/summaries/written-s1.jsonl).",
    ),
    limit: Optional[int] = typer.Option(None, help="Score only the first N summaries."),
    show_misses: bool = typer.Option(False, "--misses", help="List each field's misses, gold beside what was found."),
    as_json: bool = typer.Option(False, "--json"),
):
    """Place, date, deaths, injured, actor and ACLED type of each summary's main event."""
    from polemos.eval import summaries

    try:
        report = summaries.evaluate(path, limit=limit)
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    print(json.dumps(report, indent=2, default=str) if as_json else summaries.format_report(report, show_misses))


def _print_report(module, report: dict, as_json: bool) -> None:
    print(json.dumps(report, indent=2, default=str) if as_json else module.format_report(report))
