"""`detector evaluate`: labels are read in every spelling a reviewer or a benchmark uses, or refused."""
from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from detector.cli import app
from detector.columns import PREDICTION_COLUMNS

runner = CliRunner()
# One pair the rules flag (two fines), one they do not (the same fact), one more of each.
PAIRS = [
    ("p1", "The fine is $5,000 per incident.", "The fine is $12,000 per incident."),
    ("p2", "The bridge opened to traffic on Monday.", "The bridge opened to traffic on Monday."),
    ("p3", "Registration is required for all brokers.", "Registration is voluntary for all brokers."),
    ("p4", "The council met in the town hall.", "The council met in the town hall."),
]
GOLD = [True, False, True, False]


def pairs_file(tmp_path, labels, name="pairs.csv"):
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text_a", "text_b", "label"])
        for (pid, a, b), label in zip(PAIRS, labels):
            writer.writerow([pid, a, b, label])
    return path


def confusion(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("confusion"))


@pytest.mark.parametrize("yes, no", [
    ("contradiction", "not_contradiction"), ("1", "0"), ("yes", "no"), ("Y", "N"), ("TRUE", "false"),
    ("t", "f"), ("conflict", "ok"), (" Contradiction ", "neutral"), ("contradiction", "entailment"),
])
def test_every_label_spelling_reads_the_same(tmp_path, use_fake_encoder, yes, no):
    reference = runner.invoke(app, ["evaluate", str(pairs_file(tmp_path, ["contradiction" if g else "entailment" for g in GOLD], "ref.csv"))])
    result = runner.invoke(app, ["evaluate", str(pairs_file(tmp_path, [yes if g else no for g in GOLD]))])
    assert reference.exit_code == 0 and result.exit_code == 0, result.output
    assert confusion(result.stdout) == confusion(reference.stdout)
    assert "TP 0" not in confusion(result.stdout) and "TN 0" not in confusion(result.stdout)  # both kinds were read


@pytest.mark.parametrize("bad", ["maybe", "", "not_entailment", "2"])
def test_an_unreadable_label_is_one_error_line_naming_the_row_and_the_words(tmp_path, use_fake_encoder, bad):
    labels = ["yes", bad, "no", "yes"]
    out = tmp_path / "predictions.csv"
    result = runner.invoke(app, ["evaluate", str(pairs_file(tmp_path, labels)), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert "row 2 (id p2)" in errors[0] and repr(bad) in errors[0]
    for word in ("yes", "1", "contradiction", "no", "0", "entailment", "neutral", "not_contradiction"):
        assert f" {word}," in errors[0] or f" {word} (" in errors[0]
    assert sum(line.startswith("hint:") for line in result.output.splitlines()) == 1
    assert not out.exists() and "TP" not in result.output
    if bad == "not_entailment":
        assert "mixes contradictions" in errors[0]


def test_help_says_what_a_label_may_be():
    result = runner.invoke(app, ["evaluate", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for word in ("yes", "no", "1", "0", "contradiction", "entailment", "neutral", "not_contradiction"):
        assert word in result.output


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_predictions_are_written_by_suffix(tmp_path, use_fake_encoder, suffix):
    out = tmp_path / f"predictions{suffix}"
    result = runner.invoke(app, ["evaluate", str(pairs_file(tmp_path, ["1", "0", "1", "0"])), "-o", str(out)])
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        with open(out, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [list(r) for r in rows] == [PREDICTION_COLUMNS] * len(PAIRS)
    assert [r["label"] for r in rows] == ["1", "0", "1", "0"]  # as given
    assert rows[0]["predicted"] == "contradiction" and rows[1]["predicted"] == "not_contradiction"
