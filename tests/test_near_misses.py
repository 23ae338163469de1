"""`scan --near-misses N`: the best unflagged pairs, written for review, kept across rescans, read by tune."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE, FakeEncoder
from conftest import read_csv as read, save_csv as save
from detector.cli import app
from detector.disputes import group_disputes
from detector.pipeline import scan as run_scan
from detector.review import NEAR_MISS, pair_id, write_conflicts
from detector.scoring import near_misses
from detector.settings import Settings
from detector.tune import read_reviewed, tune
from detector.types import CandidatePair, Claim, RuleHit, ScoredPair

runner = CliRunner()


def scan(out, *args):
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return read(out)


def mark(path, verdicts: dict[str, str]) -> None:
    columns, rows = read(path)
    for row in rows:
        row["verdict"] = verdicts.get(row["pair_id"], row["verdict"])
    save(path, columns, rows)


@pytest.fixture(scope="module")
def result():
    return run_scan(SAMPLE, Settings(use_cache=False), encoder=FakeEncoder())


def test_near_misses_are_the_best_unflagged_pairs_written_after_the_flagged(tmp_path, use_fake_encoder, result):
    columns, rows = scan(tmp_path / "c.csv", "--near-misses", "6")
    assert columns[columns.index("note") + 1:][-1] == "status"  # after note, with the context columns
    flagged = [r for r in rows if r["status"] == ""]
    missed = [r for r in rows if r["status"] == NEAR_MISS]
    assert [r["pair_id"] for r in flagged] == [pair_id(p) for p in result.flagged]
    assert rows == flagged + missed and len(missed) == 6
    unflagged = sorted((p for p in result.scored if p not in result.flagged), key=lambda p: -p.score)
    assert [float(r["score"]) for r in missed] == [p.score for p in unflagged[:6]]
    assert all(float(r["score"]) < 0.5 or not r["kind"] for r in missed)
    assert all(r["evidence"] for r in missed)  # a near miss no rule judged says so
    assert all(r["dispute_id"] == "" for r in missed)  # unreviewed near misses join no dispute


def test_without_the_option_nothing_changes(tmp_path, use_fake_encoder):
    columns, rows = scan(tmp_path / "c.csv")
    assert "status" not in columns


def test_near_misses_helper_never_returns_a_flagged_pair(result):
    for n in (0, 1, 5, 10_000):
        got = near_misses(result.scored, 0.5, n)
        assert len(got) == min(n, len(result.scored) - len(result.flagged))
        assert not set(got) & set(result.flagged)
        assert [p.score for p in got] == sorted((p.score for p in got), reverse=True)


def test_a_rescan_keeps_near_miss_verdicts_and_a_flagged_one_keeps_its_verdict(tmp_path, use_fake_encoder):
    out = tmp_path / "c.csv"
    _, rows = scan(out, "--near-misses", "5")
    missed = [r for r in rows if r["status"] == NEAR_MISS]
    hit = next(r for r in missed if r["kind"])  # a rule found something, the threshold kept it out
    other = missed[-1]  # the weakest: not flagged at the lower threshold below
    assert other is not hit and (float(other["score"]) < float(hit["score"]) - 0.001 or not other["kind"])
    mark(out, {hit["pair_id"]: "yes", other["pair_id"]: "no"})

    _, again = scan(out, "--near-misses", "5")
    by_id = {r["pair_id"]: r for r in again}
    assert (by_id[hit["pair_id"]]["verdict"], by_id[hit["pair_id"]]["status"]) == ("yes", NEAR_MISS)
    assert by_id[other["pair_id"]]["verdict"] == "no"
    assert by_id[hit["pair_id"]]["dispute_id"]  # a near miss marked yes is a conflict: it joins a dispute

    # a lower threshold flags the reviewed near miss: it keeps its verdict, no longer a near miss
    _, lower = scan(out, "--threshold", f"{float(hit['score']) - 0.001:.4f}")
    by_id = {r["pair_id"]: r for r in lower}
    assert (by_id[hit["pair_id"]]["verdict"], by_id[hit["pair_id"]]["status"]) == ("yes", "")
    # without --near-misses, the reviewed near misses not flagged stay, stale; unreviewed ones go
    assert by_id[other["pair_id"]]["status"] == "stale" and by_id[other["pair_id"]]["verdict"] == "no"
    assert not [r for r in lower if r["status"] == NEAR_MISS]


def claim(text: str, doc: str) -> Claim:
    return Claim(f"{doc}:0", doc, doc.split(".")[0], text, 0, len(text))


def pair(n: int, score: float, kind: str | None) -> ScoredPair:
    hits = (RuleHit(kind, 0.8, f"{kind}: x vs y"),) if kind else ()
    return ScoredPair(CandidatePair(claim(f"Claim {n} of A.", "a.txt"), claim(f"Claim {n} of B.", "b.txt"), 0.6), hits, score)


def test_tune_counts_a_near_miss_no_rule_judged_as_a_missed_conflict(tmp_path):
    flagged = [pair(n, 0.9 - n / 100, "numbers") for n in range(6)]
    below = [pair(10, 0.45, "dates"), pair(11, 0.30, None), pair(12, 0.28, None)]
    out = tmp_path / "c.csv"
    write_conflicts(out, flagged, near_misses=below)
    verdicts = {pair_id(p): v for p, v in zip(flagged + below, ["yes", "yes", "no", "yes", "no", "yes", "yes", "yes", "no"])}
    mark(out, verdicts)
    data = read_reviewed(out, Settings())
    assert (data.unjudged, data.missed) == (2, 1)
    assert len(data.labels) == 7  # the flagged rows and the near miss with a rule hit
    report = tune(data, Settings())
    # 6 conflicts a threshold can reach + 1 no rule found: recall never reaches 1
    assert max(c.recall for c in report.table) == pytest.approx(5 / 6)
    assert report.choice.threshold <= 0.45  # the near miss marked yes pulls the threshold down to it
    assert all(c.flagged <= 7 for c in report.table)  # rows no rule hit are never counted as flagged

    # without the no-rule near misses, the same rows reach full recall
    mark(out, {pair_id(p): "" for p in below[1:]})
    assert max(c.recall for c in tune(read_reviewed(out, Settings()), Settings()).table) == pytest.approx(1.0)


def test_tune_cli_names_the_missed_conflicts(tmp_path):
    flagged = [pair(n, 0.9 - n / 100, "numbers") for n in range(4)]
    below = [pair(11, 0.30, None)]
    out = tmp_path / "c.csv"
    write_conflicts(out, flagged, near_misses=below)
    mark(out, {pair_id(p): v for p, v in zip(flagged + below, ["yes", "no", "yes", "no", "yes"])})
    result = runner.invoke(app, ["tune", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 reviewed rows no rule hit, 1 of them marked yes" in result.stdout


def test_only_near_misses_marked_yes_join_disputes(tmp_path):
    out = tmp_path / "c.csv"
    write_conflicts(out, [pair(1, 0.9, "numbers")], near_misses=[pair(2, 0.4, "dates"), pair(3, 0.3, None)])
    _, rows = read(out)
    assert [len(d.rows) for d in group_disputes(rows)] == [1]
    for row in rows[1:]:
        row["verdict"] = "yes"
    assert sorted(len(d.rows) for d in group_disputes(rows)) == [1, 1, 1]
