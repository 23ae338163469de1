"""Progress: a bar per stage on a terminal, nothing otherwise or with --quiet; a summary line."""
from __future__ import annotations

import io

from typer.testing import CliRunner

from conftest import SAMPLE
from detector.cli import app
from detector.pipeline import scan
from detector.progress import BarProgress, MessageProgress, Progress, as_progress, make_progress
from detector.settings import Settings

runner = CliRunner()
STAGES = ["load", "claims", "embed", "pair", "judge"]


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_make_progress_is_bars_only_on_a_terminal_and_never_when_quiet():
    assert type(make_progress(False, io.StringIO())) is Progress
    assert isinstance(make_progress(False, FakeTTY()), BarProgress)
    assert type(make_progress(True, FakeTTY())) is Progress


def test_bars_show_each_stage_with_counts_and_rates(use_fake_encoder):
    stream = FakeTTY()
    result = scan(SAMPLE, Settings(), progress=BarProgress(stream))
    shown = stream.getvalue()
    for stage in STAGES:
        assert stage in shown
    assert f"{len(result.claims)}/{len(result.claims)}" in shown  # embed and pair bars end complete
    assert "claims/s" in shown and "pairs/s" in shown


def test_a_callback_gets_one_line_per_stage(use_fake_encoder):
    lines: list[str] = []
    result = scan(SAMPLE, Settings(), progress=lines.append)
    assert [line.split(":")[0] for line in lines] == STAGES
    assert f"embed: {len(result.claims)} claims in " in lines[2]
    assert isinstance(as_progress(lines.append), MessageProgress) and type(as_progress(None)) is Progress


def test_summary_names_counts_and_every_stage_time(tmp_path, use_fake_encoder):
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    summary = next(line for line in lines if " articles, " in line)
    assert lines.index(summary) == len(lines) - 2 and lines[-1].startswith("wrote ")
    for part in ("claims", "candidate pairs", "flagged", *(f"{s} " for s in STAGES), "write "):
        assert part in summary
    assert "\r" not in result.stderr  # not a terminal: no bars


def test_quiet_prints_nothing(tmp_path, use_fake_encoder):
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(tmp_path / "o.csv"), "--quiet"])
    assert result.exit_code == 0 and result.stderr == ""
