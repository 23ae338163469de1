"""The command line: parse options, call the library, report. No pipeline logic lives here."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import DetectorError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find where news outlets contradict each other.",
    pretty_exceptions_enable=False,
)

CONFIG = typer.Option(None, "--config", exists=True, dir_okay=False, help="TOML settings file (keys as in Settings; CLI options override it).")
QUIET = typer.Option(False, "--quiet", "-q", help="No progress messages.")


def _say(quiet: bool):
    def say(message: str) -> None:
        if not quiet:
            typer.echo(message, err=True)

    return say


def _fail(exc: DetectorError) -> None:
    typer.echo(f"error: {exc}", err=True)
    if exc.hint:
        typer.echo(f"hint: {exc.hint}", err=True)
    raise typer.Exit(2)


@app.command()
def scan(
    corpus: list[Path] = typer.Argument(..., help="Folders (searched recursively) or article files."),
    output: Path = typer.Option(Path("conflicts.csv"), "--output", "-o", help="Conflicts CSV to write; verdicts already in it are kept."),
    config: Optional[Path] = CONFIG,
    model: Optional[str] = typer.Option(None, help="sentence-transformers model name or local path (default: bundled all-MiniLM-L6-v2)."),
    device: Optional[str] = typer.Option(None, help="auto, cpu or cuda."),
    threshold: Optional[float] = typer.Option(None, min=0.0, max=1.0, help="Flag pairs scoring at least this (default 0.5)."),
    min_similarity: Optional[float] = typer.Option(None, min=-1.0, max=1.0, help="Never compare claims less similar than this (default 0.35)."),
    top_k: Optional[int] = typer.Option(None, min=1, max=200, help="Cross-source neighbours considered per claim (default 8)."),
    batch_size: Optional[int] = typer.Option(None, min=1, max=4096, help="Sentences per encoder batch (default 64)."),
    quiet: bool = QUIET,
):
    """Scan a corpus and write one CSV row per pair of conflicting claims, best first."""
    from .pipeline import scan as run_scan
    from .review import write_conflicts
    from .settings import load_settings

    say = _say(quiet)
    try:
        settings = load_settings(config, model=model, device=device, threshold=threshold,
                                 min_similarity=min_similarity, top_k=top_k, batch_size=batch_size)
        result = run_scan(corpus, settings, progress=say)
        for line in result.skipped:
            typer.echo(f"warning: skipped {line}", err=True)
        for line in write_conflicts(output, result.flagged):
            typer.echo(f"warning: {line}", err=True)
    except DetectorError as exc:
        _fail(exc)
    say(f"wrote {len(result.flagged)} flagged pairs to {output}")


@app.command()
def claims(
    corpus: list[Path] = typer.Argument(..., help="Folders (searched recursively) or article files."),
    output: Path = typer.Option(Path("claims.csv"), "--output", "-o", help="Claims CSV to write."),
    config: Optional[Path] = CONFIG,
    quiet: bool = QUIET,
):
    """Write the claims extracted from a corpus (one row per claim) to inspect segmentation."""
    from dataclasses import asdict

    from .io import load_corpus, write_csv
    from .pipeline import extract_all
    from .settings import load_settings

    columns = ["claim_id", "doc_id", "source", "text", "start", "end", "attribution"]
    try:
        documents, skipped = load_corpus(corpus)
        for line in skipped:
            typer.echo(f"warning: skipped {line}", err=True)
        found = extract_all(documents, load_settings(config))
        write_csv(output, columns, [asdict(c) for c in found])
    except DetectorError as exc:
        _fail(exc)
    _say(quiet)(f"wrote {len(found)} claims from {len(documents)} articles to {output}")


@app.command()
def evaluate(
    pairs: Path = typer.Argument(..., exists=True, dir_okay=False, help="Labeled pairs CSV: id, text_a, text_b, label (+ any columns)."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", "-o", help="Write one prediction row per input pair here."),
    config: Optional[Path] = CONFIG,
    model: Optional[str] = typer.Option(None, help="sentence-transformers model name or local path."),
    threshold: Optional[float] = typer.Option(None, min=0.0, max=1.0, help="Decision threshold (default from settings)."),
    by: Optional[str] = typer.Option(None, help="Also report per value of this column (default: `category` when present)."),
    quiet: bool = QUIET,
):
    """Judge labeled pairs exactly as `scan` judges candidates; print precision, recall, F1."""
    from .evaluate import evaluate_file, format_report
    from .settings import load_settings

    try:
        settings = load_settings(config, model=model, threshold=threshold)
        report = evaluate_file(pairs, settings, predictions=predictions, by=by, progress=_say(quiet))
    except DetectorError as exc:
        _fail(exc)
    typer.echo(format_report(report))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted; no output file was changed", err=True)
        sys.exit(130)
