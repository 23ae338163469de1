"""Approximate pairing (HNSW via faiss): recall against exact, group rules, automatic choice."""
from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from detector.cli import app
from detector.pairing import choose_method, nearest_pairs, recall_at_k
from detector.pipeline import scan
from detector.settings import Settings

pytest.importorskip("faiss")
runner = CliRunner()


def clustered(n: int, d: int = 48, clusters: int = 100, noise: float = 0.6, seed: int = 0) -> np.ndarray:
    """Unit vectors around `clusters` centres: many neighbours above 0.35, like related claims."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, d)).astype(np.float32)
    v = centres[rng.integers(0, clusters, n)] + noise * rng.standard_normal((n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def pairs(result) -> set[tuple[int, int]]:
    return set(zip(result[0].tolist(), result[1].tolist()))


def test_ann_finds_nearly_every_exact_pair():
    v = clustered(3000)
    groups = np.random.default_rng(1).integers(0, 20, len(v))
    exact = nearest_pairs(v, groups, 8, 0.35)
    stats: dict = {}
    approx = nearest_pairs(v, groups, 8, 0.35, method="ann", stats=stats)
    assert stats["method"] == "ann" and stats["recall"] >= 0.95
    assert len(pairs(exact) & pairs(approx)) >= 0.95 * len(pairs(exact))
    i, j, s = approx
    assert np.all(i < j) and np.all(groups[i] != groups[j]) and np.all(s >= 0.35)
    np.testing.assert_allclose(s, np.sum(v[i] * v[j], axis=1), atol=1e-4)
    assert recall_at_k(v, groups, 8, 0.35, sample=300) >= 0.95


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


def test_scan_with_ann_matches_exact_on_the_sample(use_fake_encoder):
    exact = scan(SAMPLE, Settings(pairing="exact"))
    approx = scan(SAMPLE, Settings(pairing="ann"))
    assert exact.stats["pairing"] == "exact" and approx.stats["pairing"] == "ann"
    assert "recall" in approx.summary()
    key = lambda r: {(s.pair.a.claim_id, s.pair.b.claim_id) for s in r.flagged}  # noqa: E731
    assert len(key(exact) & key(approx)) >= 0.9 * len(key(exact))
    auto = scan(SAMPLE, Settings(ann_min_claims=10))
    assert auto.stats["pairing"] == "ann"


def test_cli_ann_and_exact_flags(tmp_path, use_fake_encoder):
    for flag, method in (("--ann", "ann"), ("--exact", "exact")):
        result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(tmp_path / f"{method}.csv"), flag])
        assert result.exit_code == 0, result.output
        assert ("(ann, recall" in result.stderr) == (method == "ann")
    bad = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(tmp_path / "x.csv"), "--config", str(_toml(tmp_path))])
    assert bad.exit_code == 2 and "pairing must be one of auto, exact, ann" in bad.stderr


def _toml(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('pairing = "fast"\n')
    return path
