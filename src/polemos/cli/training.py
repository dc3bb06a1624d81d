"""``polemos train …``: fitting polemos's learned components from annotation files."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from polemos.events.classifier import MODEL_DIR
from polemos.training.events import DEFAULT_ANNOTATIONS, DEFAULT_SHARED

app = typer.Typer(no_args_is_help=True, help="Train polemos's learned components.")


@app.command("events")
def train_events(
    annotations: Optional[List[Path]] = typer.Argument(
        None, help=f"Annotation JSON Lines files or directories of them (default: {DEFAULT_ANNOTATIONS}/)."
    ),
    out: Path = typer.Option(
        MODEL_DIR,
        "--out",
        help="Directory to write the model and its training report to (default: the shipped model's).",
    ),
    seed: int = typer.Option(0, "--seed", help="Seed of the held-back split (training is otherwise deterministic)."),
    shared: Path = typer.Option(
        DEFAULT_SHARED, "--shared", help="Development material that pointer rows refer to (skipped when absent)."
    ),
):
    """Train the event classifier (event or not, PLOVER type, ACLED sub-type) and write a training report."""
    from polemos.training.events import train

    paths = list(annotations or [DEFAULT_ANNOTATIONS])
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"not found: {', '.join(missing)}", param_hint="ANNOTATIONS")
    report = train(paths, out, seed=seed, shared=shared)
    scores = report["held_back_scores"]
    typer.echo(f"trained on {report['rows']} rows ({report['held_back']} held back); wrote {out}/")
    for head, figures in scores.items():
        if "accuracy" in figures:
            typer.echo(
                f"  {head:<7} held-back accuracy {figures['accuracy']:.3f}  weighted F1 {figures['weighted_f1']:.3f}"
                f"  ECE {figures['calibrated']['ece']:.3f} (uncalibrated {figures['uncalibrated']['ece']:.3f})"
            )
