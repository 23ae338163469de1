"""The command line, through typer's CliRunner, with the fake encoder (no model, no torch)."""
from __future__ import annotations

import csv
import subprocess
import sys
import textwrap

import pytest
import typer.main
from typer.testing import CliRunner

from conftest import ROOT, SAMPLE, FakeEncoder
from conftest import read_csv as read
from detector.cli import app

HEADER = ["pair_id", "dispute_id", "score", "kind", "similarity", "doc_a", "source_a", "claim_a",
          "doc_b", "source_b", "claim_b", "evidence", "verdict", "note"]
CLAIM_COLUMNS = ["claim_id", "doc_id", "source", "text", "start", "end", "attribution"]

runner = CliRunner()


def scan(tmp_path, *args, name="out.csv"):
    out = tmp_path / name
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), *args])
    return result, out


def assert_clean_failure(result):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_fake_encoder_is_deterministic_and_normalised(fake_encoder):
    v = fake_encoder.encode(["The Train derailed.", "the train DERAILED", "Something else entirely", ""])
    assert v.shape == (4, 256) and v.dtype.name == "float32"
    assert v[0] == pytest.approx(v[1])
    assert float(v[0] @ v[2]) < 0.99
    assert float(v[0] @ v[0]) == pytest.approx(1.0, abs=1e-6)
    assert (FakeEncoder().encode(["x y"]) == fake_encoder.encode(["x y"])).all()


def test_scan_writes_the_contract_csv(tmp_path, use_fake_encoder):
    result, out = scan(tmp_path)
    assert result.exit_code == 0, result.output
    columns, rows = read(out)
    assert columns[:len(HEADER)] == HEADER  # the contract; context columns may follow `note`
    assert rows, "the sample corpus has planted conflicts; the fake encoder should surface some"
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(0.5 <= s <= 1.0 for s in scores)  # default threshold
    assert len({r["pair_id"] for r in rows}) == len(rows)
    sample_files = {p.name for p in SAMPLE.iterdir()}
    for r in rows:
        assert r["source_a"] != r["source_b"]
        assert r["doc_a"] in sample_files and r["doc_b"] in sample_files
        assert r["kind"] and r["evidence"]
        assert r["verdict"] == "" and r["note"] == ""
    assert "wrote" in result.stderr


def test_scan_quiet_is_silent(tmp_path, use_fake_encoder):
    result, out = scan(tmp_path, "--quiet")
    assert result.exit_code == 0
    assert result.output == ""
    assert out.exists()


def test_scan_threshold_option_applies(tmp_path, use_fake_encoder):
    _, out = scan(tmp_path)
    result, strict_out = scan(tmp_path, "--threshold", "0.8", name="strict.csv")
    assert result.exit_code == 0
    _, rows = read(out)
    _, strict = read(strict_out)
    assert [r["pair_id"] for r in strict] == [r["pair_id"] for r in rows if float(r["score"]) >= 0.8]
    assert len(strict) < len(rows)


def test_scan_config_file_applies(tmp_path, use_fake_encoder):
    config = tmp_path / "detector.toml"
    config.write_text("threshold = 0.8\n", encoding="utf-8")
    _, plain = read(scan(tmp_path)[1])
    result, out = scan(tmp_path, "--config", str(config), name="cfg.csv")
    assert result.exit_code == 0, result.output
    _, rows = read(out)
    assert [r["pair_id"] for r in rows] == [r["pair_id"] for r in plain if float(r["score"]) >= 0.8]


def test_missing_corpus_is_one_error_line(tmp_path, use_fake_encoder):
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["scan", str(tmp_path / "nowhere"), "-o", str(out)])
    assert_clean_failure(result)
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "nowhere" in errors[0]
    assert not out.exists()


def test_bad_config_is_one_error_line(tmp_path, use_fake_encoder):
    config = tmp_path / "bad.toml"
    config.write_text("treshold = 0.8\n", encoding="utf-8")
    result, out = scan(tmp_path, "--config", str(config))
    assert_clean_failure(result)
    assert [l for l in result.output.splitlines() if l.startswith("error:")]
    assert not out.exists()


@pytest.mark.parametrize("args", [["--threshold", "2"], ["--threshold", "-0.1"], ["--top-k", "0"], ["--min-similarity", "1.5"]])
def test_out_of_range_options_are_rejected(tmp_path, use_fake_encoder, args):
    result, out = scan(tmp_path, *args)
    assert_clean_failure(result)
    assert not out.exists()


def test_broken_review_file_is_refused_and_left_alone(tmp_path, use_fake_encoder):
    out = tmp_path / "out.csv"
    content = b"id,verdict\n1,yes\n"
    out.write_bytes(content)
    result, _ = scan(tmp_path)
    assert_clean_failure(result)
    assert any(l.startswith("error:") for l in result.output.splitlines())
    assert out.read_bytes() == content


def test_claims_command(tmp_path):
    out = tmp_path / "claims.csv"
    result = runner.invoke(app, ["claims", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    columns, rows = read(out)
    assert columns == CLAIM_COLUMNS
    assert len(rows) > 20
    assert len({r["claim_id"] for r in rows}) == len(rows)
    from detector.io import load_corpus

    texts = {d.doc_id: d.text for d in load_corpus(SAMPLE)[0]}
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        assert texts[r["doc_id"]][start:end] == r["text"]
    assert {r["source"] for r in rows} >= {"Civic Ledger", "Northbay Courier", "metro_daily"}


def test_claims_missing_corpus_fails_cleanly(tmp_path):
    result = runner.invoke(app, ["claims", str(tmp_path / "nowhere"), "-o", str(tmp_path / "c.csv")])
    assert_clean_failure(result)
    assert sum(l.startswith("error:") for l in result.output.splitlines()) == 1


def test_help_for_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    names = sorted(typer.main.get_command(app).commands)
    assert {"scan", "claims"} <= set(names)
    for name in names:
        assert name in result.output
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0, (name, sub.output)
        assert "Usage" in sub.output


def test_two_scans_give_identical_bytes(tmp_path, use_fake_encoder):
    _, first = scan(tmp_path, name="one.csv")
    _, second = scan(tmp_path, name="two.csv")
    assert first.read_bytes() == second.read_bytes()
    # and rescanning onto the same file (the merge path) changes nothing
    before = first.read_bytes()
    result, again = scan(tmp_path, name="one.csv")
    assert result.exit_code == 0
    assert again.read_bytes() == before


def test_import_does_not_load_the_model_stack():
    code = textwrap.dedent("""
        import sys
        import detector
        import detector.cli
        import typer.main
        typer.main.get_command(detector.cli.app)
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "sentence_transformers", "transformers"))
        print(",".join(heavy))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
