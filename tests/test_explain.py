"""`detector explain`: why a pair is or is not flagged, for two claims or a row of a conflicts CSV."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE, FakeEncoder
from conftest import read_csv as read
from detector.cli import app
from detector.explain import claim, explain_pair, explain_row, explain_texts
from detector.pipeline import scan
from detector.rules import RULES
from detector.rules.dates import explain_dates
from detector.rules.numbers import explain_numbers
from detector.settings import Settings

runner = CliRunner()
FINE_A = "Each violation carries a fine of $12,000 under the ordinance."
FINE_B = "Violations of the ordinance carry a fine of up to $5,000."


def explain(*args):
    return runner.invoke(app, ["explain", *args])


def test_two_claims_show_every_rule_family_similarity_score_and_threshold(use_fake_encoder):
    result = explain(FINE_A, FINE_B)
    assert result.exit_code == 0, result.output
    out = result.stdout
    rules = out.split("rules:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split()[0] for line in rules] == list(RULES)  # one line per family, in the registry's order
    numbers = next(line for line in rules if line.split()[0] == "numbers")
    assert "12,000" in numbers and "5,000" in numbers and "no finding" not in numbers
    assert all("no finding" in line for line in rules if line.split()[0] in ("modality", "causes"))
    vectors = FakeEncoder().encode([FINE_A, FINE_B])
    similarity = float(re.search(r"similarity (\S+) \(from model", out).group(1))
    assert similarity == pytest.approx(float(vectors[0] @ vectors[1]), abs=1e-4)
    score = float(re.search(r"^score (\S+) = logistic", out, re.M).group(1))
    margin = float(re.search(r"score (\S+) (above|below) the threshold", out).group(1))
    assert score == pytest.approx(0.5 + margin, abs=1e-4) and "threshold 0.5: flagged" in out


def test_threshold_option_moves_the_verdict_and_the_margin(use_fake_encoder):
    out = explain(FINE_A, FINE_B, "--threshold", "0.99").stdout
    score = float(re.search(r"^score (\S+)", out, re.M).group(1))
    assert "threshold 0.99: not flagged" in out
    assert f"score {0.99 - score:.4f} below the threshold" in out


def test_no_rule_hit_says_the_pair_cannot_be_flagged_and_what_numbers_and_dates_compared(use_fake_encoder):
    out = explain("The bridge reopened to traffic on Monday morning.", "Two engineers inspected the bridge last year, records show.").stdout
    assert "no rule hit" in out and "never flagged" in out and "not flagged" in out
    dates = next(line for line in out.splitlines() if line.strip().startswith("dates"))
    assert '"Monday"' in dates and "morning (part of the day)" in dates and "B: no day or time" in dates
    numbers = next(line for line in out.splitlines() if line.strip().startswith("numbers"))
    assert "A: no figure" in numbers and '"Two engineers' in numbers and "(count)" in numbers


def test_article_dates_resolve_weekdays(use_fake_encoder):
    out = explain("The council voted on Tuesday to approve the ordinance.", "The council approved the ordinance on March 10.",
                  "--date-a", "2026-03-12").stdout
    dates = next(line for line in out.splitlines() if line.strip().startswith("dates"))
    assert "rmd:3-10" in dates  # the Tuesday on or before 12 March 2026


def test_model_option_and_no_cache_reach_the_encoder(monkeypatch, private_embedding_cache):
    import detector.pipeline

    asked = []

    def load(name, *args, **kwargs):
        asked.append(name)
        return FakeEncoder()

    monkeypatch.setattr(detector.pipeline, "load_encoder", load)
    assert explain(FINE_A, FINE_B, "--model", "my/model", "--no-cache").exit_code == 0
    assert asked == ["my/model"]
    assert not any(private_embedding_cache.rglob("*.*"))  # nothing read or written to the cache
    assert explain(FINE_A, FINE_B).exit_code == 0
    assert any(private_embedding_cache.rglob("*.*"))  # while the default does cache the two vectors


@pytest.fixture(scope="module")
def sample_scan():
    return scan(SAMPLE, Settings(use_cache=False, near_misses=10), encoder=FakeEncoder())


def test_explaining_a_pair_judges_and_scores_it_as_the_scan_did(sample_scan):
    settings = Settings()
    assert sample_scan.scored
    for sp in sample_scan.scored:
        e = explain_pair(sp.pair.a, sp.pair.b, sp.pair.similarity, settings)
        assert (e.score, e.hits) == (sp.score, sp.hits)
        assert e.flagged == (sp in sample_scan.flagged)
        assert [f.family for f in e.findings] == list(RULES)
        assert {f.hit for f in e.findings if f.counted} <= set(sp.hits)


def test_a_csv_row_is_explained_with_its_similarity(tmp_path, use_fake_encoder, sample_scan):
    out = tmp_path / "c.csv"
    assert runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "--near-misses", "3"]).exit_code == 0
    _, rows = read(out)
    top, miss = rows[0], next(r for r in rows if r["status"] == "near_miss")
    result = explain(str(out), "--pair", top["pair_id"])
    assert result.exit_code == 0, result.output
    assert f"similarity {top['similarity']} (from the row of c.csv)" in result.stdout
    assert f"score {top['score']} = logistic" in result.stdout and "threshold 0.5: flagged" in result.stdout
    assert top["claim_a"] in result.stdout and top["source_b"] in result.stdout
    missed = explain(str(out), "--pair", miss["pair_id"]).stdout
    assert "status near_miss" in missed and "not flagged" in missed and "below the threshold" in missed
    e = explain_row(out, miss["pair_id"], Settings())
    assert f"{e.score:.4f}" == miss["score"] and e.margin < 0


@pytest.mark.parametrize("args, says", [
    (["nowhere.csv", "--pair", "p1"], "no such conflicts CSV"),
    (["only one claim"], "give two claims"),
    (["claim A here", "claim B here", "--pair", "p1"], "--pair is for a conflicts CSV"),
    (["claim A here", "claim B here", "--date-a", "12/03/2026"], "is not a date"),
])
def test_misuse_is_one_error_line_and_a_hint(use_fake_encoder, args, says):
    result = explain(*args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and says in errors[0]
    assert any(line.startswith("hint:") for line in result.stderr.splitlines())


def test_unknown_pair_id_names_a_real_one(tmp_path, use_fake_encoder):
    out = tmp_path / "c.csv"
    runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out)])
    result = explain(str(out), "--pair", "p000")
    assert result.exit_code == 2 and "no row with pair_id p000" in result.stderr
    assert read(out)[1][0]["pair_id"] in result.stderr


def test_hooks_say_what_each_side_holds():
    a, b = claim("A", "At least 12 people were killed on Monday."), claim("B", "Nine people died in the crash on Tuesday.", "2026-03-11")
    numbers = explain_numbers(a, b)
    assert '"At least 12 people' in numbers and "(count, dead)" in numbers and "both sides measure count:" in numbers
    dates = explain_dates(a, b)
    assert '"Monday" (wd:monday)' in dates and "rmd:3-10" in dates and "(article undated)" in dates.split(";")[0]


def test_family_without_hook_reports_no_finding_only():
    e = explain_texts(FINE_A, FINE_B, Settings(), FakeEncoder())
    modality = next(f for f in e.findings if f.family == "modality")
    assert modality.hit is None and modality.compared == ""
    numbers = next(f for f in e.findings if f.family == "numbers")
    assert numbers.hit is not None and numbers.compared == ""  # a hook runs only for a family that found nothing
