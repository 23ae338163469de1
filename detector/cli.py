"""The command line: parse options, call the library, report. No pipeline logic lives here."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from . import __version__
from .errors import DetectorError
from .evaluate import LABEL_HELP
from .settings import setting_choices


class _Argument(TyperArgument):
    """An argument written as most tools write one: `CORPUS...` in the usage line, its help
    without a type (typer 0.2x writes `{corpus}...` and `<list[Path]>`)."""

    def _usage_display_name(self) -> str:
        name = self.metavar or self.name.upper()
        return name if self.required else f"[{name}]"

    def display_type_rich(self, ctx) -> None:
        return None


class _PlainHelp:
    """Help in the usual notation: arguments as `_Argument`, no `<bool>` after a flag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            _plain(param)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            _plain(option)
        return option


def _plain(param) -> None:
    if type(param) is TyperArgument:
        param.__class__ = _Argument  # typer builds its own parameter objects; this one only changes their help
    elif getattr(param, "is_flag", False) and param.metavar is None:
        param.metavar = ""


class _Command(_PlainHelp, TyperCommand):
    pass


class _Group(_PlainHelp, TyperGroup):
    pass


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    help="Find where news outlets contradict each other.",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"detector {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
):
    pass  # the top level only has --version (and --help); the commands follow


Device = Enum("Device", {c: c for c in setting_choices("device")}, type=str)
Engine = Enum("Engine", {c: c for c in setting_choices("engine")}, type=str)
TABLE = "(.csv, .json, .jsonl or .parquet, by the name's suffix)"
CONFIG = typer.Option(None, "--config", exists=True, dir_okay=False, metavar="FILE",
                      help="TOML settings file (keys as in Settings; CLI options override it).")
DEVICE = typer.Option(None, metavar=f"[{'|'.join(d.value for d in Device)}]",
                      help="Where the model runs (default auto: a GPU when torch sees one).")
MODEL = typer.Option(None, metavar="NAME|PATH", help="sentence-transformers model name or local path (default: the bundled all-MiniLM-L6-v2).")
THRESHOLD = typer.Option(None, min=0.0, max=1.0, metavar="FLOAT", help="Flag pairs scoring at least this (default 0.5).")
MIN_SIMILARITY = typer.Option(None, min=-1.0, max=1.0, metavar="FLOAT",
                              help="Compare claims at least this similar (default 0.3; lower for claims that time one kind of event).")
TOP_K = typer.Option(None, min=1, max=200, metavar="INTEGER", help="Cross-source neighbours considered per claim (default 8).")
BATCH_SIZE = typer.Option(None, min=1, max=4096, metavar="INTEGER", help="Sentences per encoder batch (default 64).")
QUIET = typer.Option(False, "--quiet", "-q", help="No progress messages.")
CORPUS = typer.Argument(..., metavar="CORPUS...", help="Folders (searched recursively) or article files.")


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


@app.command(cls=_Command)
def scan(
    corpus: list[str] = typer.Argument(..., metavar="CORPUS...", help="Folders (searched recursively) or article files; with --engine spark also a URI, a glob or a .parquet table."),
    output: Path = typer.Option(Path("conflicts.csv"), "--output", "-o", metavar="FILE",
                                help=f"Conflicts table to write {TABLE}; verdicts already in it are kept."),
    config: Optional[Path] = CONFIG,
    model: Optional[str] = MODEL,
    device: Optional[Device] = DEVICE,
    threshold: Optional[float] = THRESHOLD,
    min_similarity: Optional[float] = MIN_SIMILARITY,
    top_k: Optional[int] = TOP_K,
    batch_size: Optional[int] = BATCH_SIZE,
    cache: Optional[Path] = typer.Option(None, "--cache", file_okay=False, metavar="DIR",
                                         help="Embedding cache folder (default: $DETECTOR_CACHE, else the user cache folder)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the embedding cache."),
    ann: Optional[bool] = typer.Option(None, "--ann/--exact", help="Force the approximate (cells, ann_recall) or exact nearest-neighbour search (default: ann from ann_min_claims claims up)."),
    disputes: Optional[Path] = typer.Option(None, "--disputes", metavar="FILE",
                                            help=f"Also write one row per dispute (a disagreement with its sides) here {TABLE}."),
    report: Optional[Path] = typer.Option(None, "--report", metavar="FILE", help="Also write a self-contained HTML report here."),
    near_misses: Optional[int] = typer.Option(
        None, "--near-misses", min=0, max=1_000_000, metavar="N",
        help="Also write the N best-scoring unflagged pairs (status near_miss), to mark missed conflicts yes."),
    engine: Optional[Engine] = typer.Option(None, "--engine", metavar=f"[{'|'.join(e.value for e in Engine)}]",
                                            help="Where the stages run (default local; spark: as Spark jobs, pip install 'detector[spark]')."),
    spark_master: Optional[str] = typer.Option(None, "--spark-master", metavar="URL",
                                               help="Spark master, e.g. local[4], yarn or spark://host:7077 (implies --engine spark)."),
    quiet: bool = QUIET,
):
    """Scan a corpus and write one row per pair of conflicting claims, best first."""
    from .io import check_writable, skip_summary
    from .outputs import write_dispute_outputs
    from .pipeline import scan as run_scan
    from .progress import make_progress
    from .review import read_review_file, write_conflicts
    from .settings import load_settings
    from .tables import check_table_path

    say = _say(quiet)
    try:
        settings = load_settings(config, model=model, device=device.value if device else None, threshold=threshold,
                                 min_similarity=min_similarity, top_k=top_k, batch_size=batch_size,
                                 cache_dir=str(cache) if cache else None, use_cache=False if no_cache else None,
                                 pairing=None if ann is None else ("ann" if ann else "exact"), near_misses=near_misses,
                                 engine=engine.value if engine else ("spark" if spark_master else None), spark_master=spark_master)
        for path in (output, disputes, report):  # fail before the slow part, not after it
            if path:
                check_writable(path)
                if path is not report:
                    check_table_path(path)
        if output.exists():
            read_review_file(output)
        progress = make_progress(quiet)  # a bar per stage on a terminal, else silent
        result = run_scan(corpus, settings, progress=progress)
        for line in result.skipped:
            typer.echo(f"warning: skipped {line}", err=True)
        urls = {d.doc_id: d.url for d in result.documents if d.url}
        _unless_interrupted()
        with progress.stage("write", total=len(result.flagged), unit="pairs") as stage:
            written = write_conflicts(output, result.flagged, urls, result.wire, near_misses=result.near_misses)
            n_disputes = (write_dispute_outputs(output, disputes, report, documents=result.documents)
                          if (disputes or report) else None)
            stage.update(len(result.flagged))
        result.timings["write"] = stage.seconds
        for line in written.warnings:
            typer.echo(f"warning: {line}", err=True)
    except DetectorError as exc:
        _fail(exc)
    say(result.summary())
    say(written.summary())
    if result.near_misses:
        say(f"wrote {len(result.near_misses)} near misses (status near_miss, best unflagged pairs) to {output}")
    if n_disputes is not None:
        say(f"wrote {n_disputes} disputes to {', '.join(str(p) for p in (disputes, report) if p)}")
    for line in (result.outlet_warning(), skip_summary(result.documents, result.skipped)):
        if line:
            typer.echo(f"warning: {line}", err=True)


@app.command(cls=_Command)
def claims(
    corpus: list[Path] = CORPUS,
    output: Path = typer.Option(Path("claims.csv"), "--output", "-o", metavar="FILE", help=f"Claims table to write {TABLE}."),
    config: Optional[Path] = CONFIG,
    quiet: bool = QUIET,
):
    """Write the claims extracted from a corpus (one row per claim) to inspect segmentation."""
    from dataclasses import asdict

    from .columns import CLAIM_COLUMNS
    from .io import load_corpus, skip_summary
    from .pipeline import extract_all
    from .settings import load_settings
    from .tables import check_table_path, write_table

    try:
        check_table_path(output)
        documents, skipped = load_corpus(corpus)
        for line in skipped:
            typer.echo(f"warning: skipped {line}", err=True)
        found = extract_all(documents, load_settings(config))
        _unless_interrupted()
        write_table(output, CLAIM_COLUMNS, [asdict(c) for c in found])
    except DetectorError as exc:
        _fail(exc)
    _say(quiet)(f"wrote {len(found)} claims from {len(documents)} articles to {output}")
    if summary := skip_summary(documents, skipped):
        typer.echo(f"warning: {summary}", err=True)


@app.command(cls=_Command)
def evaluate(
    pairs: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="PAIRS", help=f"Labeled pairs CSV: id, text_a, text_b, label (+ any columns). A label is {LABEL_HELP}; any case."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", "-o", metavar="FILE",
                                               help=f"Write one prediction row per input pair here {TABLE}."),
    config: Optional[Path] = CONFIG,
    model: Optional[str] = MODEL,
    threshold: Optional[float] = typer.Option(None, min=0.0, max=1.0, metavar="FLOAT", help="Decision threshold (default from settings)."),
    by: Optional[str] = typer.Option(None, metavar="COLUMN", help="Also report per value of this column (default: `category` when present)."),
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


@app.command(cls=_Command)
def tune(
    reviewed: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="CONFLICTS",
                                    help="Conflicts table written by `scan`, with verdicts filled in (yes/no)."),
    target_precision: Optional[float] = typer.Option(
        None, "--target-precision", min=0.0, max=1.0, metavar="FLOAT",
        help="Recommend the lowest threshold reaching this precision (default: the threshold with the best F1)."),
    write_config: Optional[Path] = typer.Option(
        None, "--write-config", dir_okay=False, metavar="FILE", help="Write the recommended settings to this TOML file (for scan --config)."),
    config: Optional[Path] = typer.Option(
        None, "--config", exists=True, dir_okay=False, metavar="FILE", help="TOML settings the scan used (default: built-in defaults)."),
    by_kind: bool = typer.Option(False, "--by-kind", help="Also print the threshold table of every rule kind."),
    quiet: bool = QUIET,
):
    """Recommend a threshold (and refit score weights) from the verdicts in a reviewed conflicts CSV."""
    from .settings import load_settings
    from .tune import format_tune_report, tune_file, write_config as write_settings

    say = _say(quiet)
    try:
        report = tune_file(reviewed, load_settings(config), target_precision)
        typer.echo(format_tune_report(report, by_kind))
        for line in report.warnings:
            typer.echo(f"warning: {line}", err=True)
        if write_config:
            _unless_interrupted()
            write_settings(write_config, report)
            say(f"wrote {write_config} (threshold {report.settings.threshold:g}"
                f"{', refit weights' if report.refit.status == 'accepted' else ''}); use: detector scan --config {write_config}")
    except DetectorError as exc:
        _fail(exc)
    say(f"tuned from {report.reviewed} reviewed rows in {report.seconds:.2f}s")


@app.command(cls=_Command)
def explain(
    first: str = typer.Argument(..., metavar="CLAIM_A|CONFLICTS", help="Claim A, or a conflicts table (with --pair)."),
    second: Optional[str] = typer.Argument(None, metavar="CLAIM_B", help="Claim B (when the first argument is claim A)."),
    pair: Optional[str] = typer.Option(None, "--pair", metavar="ID", help="pair_id of the row to explain."),
    date_a: Optional[str] = typer.Option(None, "--date-a", metavar="DATE", help="Article date of claim A (YYYY-MM-DD), for relative days."),
    date_b: Optional[str] = typer.Option(None, "--date-b", metavar="DATE", help="Article date of claim B (YYYY-MM-DD)."),
    config: Optional[Path] = CONFIG,
    model: Optional[str] = typer.Option(None, metavar="NAME|PATH", help="sentence-transformers model name or local path (two claims only)."),
    threshold: Optional[float] = typer.Option(None, min=0.0, max=1.0, metavar="FLOAT", help="Threshold to compare the score with (default 0.5)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the embedding cache."),
):
    """Show why a pair is or is not flagged: each rule family's finding, similarity, score, threshold."""
    from .errors import SettingsError
    from .explain import explain_row, explain_texts, format_explanation
    from .pipeline import scan_encoder
    from .settings import load_settings

    try:
        settings = load_settings(config, model=model, threshold=threshold, use_cache=False if no_cache else None)
        if second is not None:
            if pair:
                raise SettingsError("--pair is for a conflicts CSV, not two claims", hint="detector explain conflicts.csv --pair ID")
            for day in (date_a, date_b):
                _check_date(day)
            found = explain_texts(first, second, settings, scan_encoder(settings), date_a, date_b)
        elif pair is None:
            raise SettingsError("give two claims, or a conflicts CSV and --pair ID",
                                hint='detector explain "claim A" "claim B", or detector explain conflicts.csv --pair ID')
        elif not Path(first).is_file():
            raise SettingsError(f"no such conflicts CSV: {first}", hint="pass the CSV that `detector scan` wrote")
        else:
            found = explain_row(Path(first), pair, settings)
    except DetectorError as exc:
        _fail(exc)
    typer.echo(format_explanation(found))


def _check_date(day: Optional[str]) -> None:
    from datetime import date

    from .errors import SettingsError

    try:
        if day is not None:
            date.fromisoformat(day)
    except ValueError:
        raise SettingsError(f"{day!r} is not a date", hint="write it as YYYY-MM-DD, e.g. 2024-03-21") from None


config_app = typer.Typer(cls=_Group, no_args_is_help=True, help="Inspect the effective settings.")
app.add_typer(config_app, name="config")


@config_app.command("show", cls=_Command)
def config_show(
    config: Optional[Path] = CONFIG,
    model: Optional[str] = MODEL,
    device: Optional[Device] = DEVICE,
    threshold: Optional[float] = THRESHOLD,
    min_similarity: Optional[float] = MIN_SIMILARITY,
    top_k: Optional[int] = TOP_K,
    batch_size: Optional[int] = BATCH_SIZE,
):
    """Print every setting, its effective value and where it came from (default, file or option)."""
    from .settings import describe_settings, resolve_settings

    try:
        settings, sources = resolve_settings(config, model=model, device=device.value if device else None, threshold=threshold,
                                             min_similarity=min_similarity, top_k=top_k, batch_size=batch_size)
    except DetectorError as exc:
        _fail(exc)
    typer.echo(describe_settings(settings, sources))


class _Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM. A subclass, so CPython does not re-kill the process at exit when the
    signal landed inside C++ code running Python (torch's import), and the exit code stays 130."""


_SIGNALS: list[int] = []


def _interrupt(signum, frame):
    _SIGNALS.append(signum)
    raise _Interrupted  # temporary files are removed on the way out, as for any exception


def _unless_interrupted() -> None:
    """Stop before writing when a signal came while Python swallows exceptions (a destructor)."""
    if _SIGNALS:
        raise _Interrupted


REVIEWED = typer.Argument(..., exists=True, dir_okay=False, metavar="CONFLICTS",
                          help="A conflicts table written by `detector scan` (verdicts may be filled).")


@app.command("disputes", cls=_Command)
def disputes_command(
    conflicts: Path = REVIEWED,
    output: Path = typer.Option(Path("disputes.csv"), "--output", "-o", metavar="FILE", help=f"Disputes table to write {TABLE}."),
    quiet: bool = QUIET,
):
    """Group the pairs of a conflicts table into disputes (pairs marked "no" are left out)."""
    _dispute_outputs(conflicts, quiet, disputes_path=output)


@app.command("report", cls=_Command)
def report_command(
    conflicts: Path = REVIEWED,
    output: Path = typer.Option(Path("report.html"), "--output", "-o", metavar="FILE", help="HTML file to write (self-contained, opens from disk)."),
    corpus: Optional[list[Path]] = typer.Option(
        None, "--corpus", metavar="PATH", help="The scanned corpus (repeatable): show each claim's headline and paragraph."),
    quiet: bool = QUIET,
):
    """Write an HTML report of a conflicts table: disputes best first, sides side by side, verdicts shown."""
    _dispute_outputs(conflicts, quiet, corpus, report_path=output)


def _dispute_outputs(conflicts: Path, quiet: bool, corpus: Optional[list[Path]] = None, **paths) -> None:
    from .io import load_corpus
    from .outputs import write_dispute_outputs
    from .tables import check_table_path

    warnings: list[str] = []
    try:
        if paths.get("disputes_path"):
            check_table_path(paths["disputes_path"])
        documents = load_corpus(corpus)[0] if corpus else None
        _unless_interrupted()
        n = write_dispute_outputs(conflicts, **paths, warnings=warnings, documents=documents)
    except DetectorError as exc:
        _fail(exc)
    for line in warnings:
        typer.echo(f"warning: {line}", err=True)
    _say(quiet)(f"wrote {n} disputes to {next(iter(paths.values()))}")


def main() -> None:
    import signal

    # typer's click (vendored in recent typer, the click package in older ones), found through a public name
    click_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
    signal.signal(signal.SIGTERM, _interrupt)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)
    try:
        code = app(standalone_mode=False)
    except click_error as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `detector` or `detector config`: show the help
            typer.echo(exc.ctx.get_help(), err=True)
            sys.exit(2)
        # a bad option value, a missing argument, an unknown command: one line, and where to look
        typer.echo(f"error: {exc.format_message()}", err=True)
        where = getattr(getattr(exc, "ctx", None), "command_path", None) or "detector"
        typer.echo(f"hint: see `{where} --help`", err=True)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        code = 130
    if code == 130:
        typer.echo("interrupted; no output file was changed", err=True)
    sys.exit(code if isinstance(code, int) and not isinstance(code, bool) else 0)
