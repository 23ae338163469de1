"""Approximate pairing (cells of similar rows): recall against exact, group rules, automatic choice."""
from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from detector.cli import app
from detector.pairing import cells, choose_method, nearest_pairs, sample_recall, tie_recall
from detector.pipeline import ann_recall_note, scan
from detector.settings import Settings

runner = CliRunner()


def clustered(n: int, d: int = 48, clusters: int = 100, noise: float = 0.6, seed: int = 0) -> np.ndarray:
    """Unit vectors around `clusters` centres: many neighbours above 0.35, like related claims."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, d)).astype(np.float32)
    v = centres[rng.integers(0, clusters, n)] + noise * rng.standard_normal((n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def pairs(result) -> set[tuple[int, int]]:
    return set(zip(result[0].tolist(), result[1].tolist()))


def both_ways(result):
    """Each pair as a neighbour of both its rows (what sample_recall takes)."""
    i, j, s = result
    return np.concatenate([i, j]), np.concatenate([s, s])


@pytest.mark.parametrize("noise, target", [(0.8, 0.95), (0.6, 0.99)])
def test_ann_reaches_its_recall_target_on_clustered_vectors(noise, target):
    """The ANN path itself (not the exact fallback) meets ann_recall, by its own check and by
    an independent sample of rows."""
    v = clustered(8000, clusters=160, noise=noise, seed=2)
    groups = np.random.default_rng(1).integers(0, 20, len(v))
    stats: dict = {}
    approx = nearest_pairs(v, groups, 8, 0.35, method="ann", ann_recall=target, stats=stats)
    assert stats["method"] == "ann" and 2 * stats["probes"] < stats["cells"]
    assert stats["recall"] >= target and stats["recall_target"] == target
    assert sample_recall(v, groups, *both_ways(approx), 8, 0.35, sample=400, seed=9) >= target
    i, j, s = approx
    assert np.all(i < j) and np.all(groups[i] != groups[j]) and np.all(s >= 0.35)
    np.testing.assert_allclose(s, np.sum(v[i] * v[j], axis=1), atol=1e-4)
    exact = nearest_pairs(v, groups, 8, 0.35)
    assert len(pairs(exact) & pairs(approx)) >= 0.9 * len(pairs(exact))


def test_more_probes_for_a_higher_target():
    """0.99 needs the few neighbours far from their row's cell: ann probes every cell (runs exact)."""
    v = clustered(8000, clusters=160, noise=0.8, seed=2)
    groups = np.random.default_rng(1).integers(0, 20, len(v))
    probes = []
    for target in (0.5, 0.99):
        stats: dict = {}
        nearest_pairs(v, groups, 8, 0.35, method="ann", ann_recall=target, stats=stats)
        probes.append(stats["probes"])
    assert probes[0] < probes[1]


def test_cells_hold_similar_rows():
    v = clustered(4000, clusters=40, noise=0.3, seed=4)
    centres, cell = cells(v)
    assert len(centres) == 40 and len(cell) == len(v)
    nearest = np.argmax(v @ centres.T, axis=1)
    assert np.mean(nearest == cell) > 0.99  # each row sits in the cell of its nearest centre


def test_recall_counts_ties():
    """Exact kept row 5 as row 0's neighbour; row 6 is as similar, so finding it is no miss."""
    truth = (np.array([0, 0, 1]), np.array([5, 7, 2]), np.array([0.8, 0.9, 0.5], dtype=np.float32))
    tied = (np.array([0, 0, 1]), np.array([0.9, 0.8, 0.5], dtype=np.float32))
    assert tie_recall(truth, *tied) == 1.0
    lower = (np.array([0, 0, 1]), np.array([0.9, 0.7, 0.5], dtype=np.float32))
    assert tie_recall(truth, *lower) == pytest.approx(2 / 3)
    extra = (np.array([0, 0, 0, 3]), np.array([0.95, 0.9, 0.85, 0.99], dtype=np.float32))  # three for two wanted
    assert tie_recall(truth, *extra) == pytest.approx(2 / 3)
    assert tie_recall((np.zeros(0, int), np.zeros(0, int), np.zeros(0)), *tied) == 1.0


def test_summary_says_how_far_short_of_the_target():
    assert ann_recall_note({"recall": 0.97, "recall_target": 0.95, "probes": 2, "cells": 900}) == "ann, recall 0.970"
    short = ann_recall_note({"recall": 0.91, "recall_target": 0.95, "probes": 16, "cells": 900})
    assert "recall 0.910" in short and "0.040 short" in short and "16 of 900 cells" in short and "--exact" in short


def test_ann_respects_every_group_column():
    v = clustered(2000, seed=3)
    rng = np.random.default_rng(4)
    groups = np.stack([rng.integers(0, 10, len(v)), rng.integers(0, 200, len(v))], axis=1)
    i, j, _ = nearest_pairs(v, groups, 6, 0.2, method="ann")
    assert len(i) and not np.any((groups[i] == groups[j]).any(axis=1))
    exact = nearest_pairs(v, groups, 6, 0.2)
    assert not np.any((groups[exact[0]] == groups[exact[1]]).any(axis=1))


def test_rows_crowded_by_their_own_group_still_find_other_groups():
    """Outlet 0 repeats one claim 300 times; its nearest other-outlet rows lie beyond the first fetch."""
    rng = np.random.default_rng(5)
    base = rng.standard_normal(32).astype(np.float32)
    same = base + 0.01 * rng.standard_normal((300, 32)).astype(np.float32)
    other = base + 0.5 * rng.standard_normal((50, 32)).astype(np.float32)
    v = np.concatenate([same, other, rng.standard_normal((400, 32)).astype(np.float32)])
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    groups = np.concatenate([np.zeros(300, int), np.ones(50, int), 2 + np.arange(400) % 5])
    approx = nearest_pairs(v, groups, 3, 0.3, method="ann")
    exact = nearest_pairs(v, groups, 3, 0.3)
    found = {i for i, j in pairs(approx) if i < 300}
    assert len(found) == 300  # every crowded row got its other-outlet partners
    assert len(pairs(exact) & pairs(approx)) >= 0.95 * len(pairs(exact))


def test_auto_picks_ann_from_the_threshold_up():
    assert choose_method(999, "auto", 1000) == "exact"
    assert choose_method(1000, "auto", 1000) == "ann"
    assert choose_method(10**7, "exact", 1000) == "exact"
    assert choose_method(10, "ann", 1000) == "ann"
    with pytest.raises(ValueError):
        choose_method(10, "fast")


def test_exact_memory_budget_only_changes_the_block(monkeypatch):
    v = clustered(700, seed=6)
    groups = np.arange(700) % 7
    whole = nearest_pairs(v, groups, 5, 0.3)
    small = nearest_pairs(v, groups, 5, 0.3, memory_budget=6 * 700 * 10)  # 10 rows a block
    assert pairs(whole) == pairs(small)


def test_scan_with_ann_on_a_small_corpus_runs_exact(use_fake_encoder):
    """The sample's few claims make a few cells: probing half of them or more costs as much as
    exact, so exact runs, says so, and finds the same pairs."""
    exact = scan(SAMPLE, Settings(pairing="exact"))
    approx = scan(SAMPLE, Settings(pairing="ann"))
    auto = scan(SAMPLE, Settings(ann_min_claims=10))
    assert exact.stats["pairing"] == approx.stats["pairing"] == auto.stats["pairing"] == "exact"
    assert approx.stats["probes"] == approx.stats["cells"] and "recall" not in approx.summary()
    key = lambda r: {(s.pair.a.claim_id, s.pair.b.claim_id) for s in r.flagged}  # noqa: E731
    assert key(exact) == key(approx) == key(auto)


def test_cli_ann_and_exact_flags(tmp_path, use_fake_encoder):
    outputs = {}
    for flag, method in (("--ann", "ann"), ("--exact", "exact")):
        result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(tmp_path / f"{method}.csv"), flag])
        assert result.exit_code == 0, result.output
        outputs[method] = (tmp_path / f"{method}.csv").read_text()
    assert outputs["ann"] == outputs["exact"]  # the sample is small enough for ann to run exact
    bad = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(tmp_path / "x.csv"), "--config", str(_toml(tmp_path))])
    assert bad.exit_code == 2 and "pairing must be one of auto, exact, ann" in bad.stderr


def _toml(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('pairing = "fast"\n')
    return path
