"""Cross-source candidate pairs by nearest neighbours in embedding space.

Two methods give the same kind of answer:

* `exact` -- blocked numpy top-k: a block of rows against all rows, one matrix product at a
  time. Exact, O(n^2) time, memory bounded by `memory_budget` (the block shrinks as n grows).
* `ann` -- cells: the rows are split into cells of about ANN_CELL_ROWS similar rows (spherical
  k-means, see `cells`), and each cell is searched exactly, as one block, against the rows of
  the `probes` cells whose centres are nearest its own. `probes` follows from the wanted
  recall: the exact neighbours of a sample of rows tell how many cells hold the share
  `ann_recall` of them; after the search a second sample checks the recall, and when it falls
  short `probes` is set again for a higher share and the search runs again. Time: the k-means
  (a few rounds of n x n / ANN_CELL_ROWS products) and the search
  (n x probes x ANN_CELL_ROWS products), about 1/30 of exact at 1M rows; memory: the vectors,
  one sorted copy of them while a centre update runs and one block (see docs/performance.md).

`nearest_pairs(..., method="auto")` picks ann from `ann_min_rows` rows up.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

Progress = Callable[[int], None]  # called with the number of rows just finished

DEFAULT_MEMORY_BUDGET = 1 << 30  # bytes for one block of similarities (exact method)
BYTES_PER_CELL = 20  # similarities, masks and argpartition indices of one block, per cell
ANN_CELL_ROWS = 100  # rows per cell: about the claims of one story
ANN_KMEANS_ROUNDS = 6  # k-means rounds on the sample
ANN_FULL_ROUNDS = 2  # and then over all rows
ANN_TRAIN_PER_CELL = 8  # sampled rows per cell that the k-means starts from
ANN_SAMPLE = 500  # rows whose exact neighbours set `probes`, and as many again to check the recall
ANN_RETRIES = 3  # times `probes` is raised when the check falls short of the target
TIE = 1e-5  # a returned neighbour this close to the exact k-th similarity is as good as it


def _empty() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    empty = np.zeros(0, dtype=np.int64)
    return empty, empty, np.zeros(0, dtype=np.float32)


def choose_method(n: int, method: str = "auto", ann_min_rows: int = 50_000) -> str:
    """"exact" or "ann" for `n` rows. `auto` takes ann from `ann_min_rows` rows up."""
    if method == "auto":
        return "ann" if n >= ann_min_rows else "exact"
    if method not in ("exact", "ann"):
        raise ValueError(f"pairing method must be auto, exact or ann, got {method!r}")
    return method


def nearest_pairs(
    vectors: np.ndarray,
    groups: np.ndarray,
    top_k: int,
    min_similarity: float,
    block_size: int = 2048,
    *,
    method: str = "exact",
    ann_min_rows: int = 50_000,
    ann_recall: float = 0.95,
    memory_budget: int = DEFAULT_MEMORY_BUDGET,
    on_progress: Progress | None = None,
    stats: dict | None = None,
    map_blocks: MapBlocks | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row, its `top_k` most similar rows of a different group, above `min_similarity`.

    `vectors` are unit-length rows; `groups` holds one integer per row (the outlet), or one
    row of integers per row (n x g: outlet, wire cluster, ...), and rows that share a group in
    any column are never paired. Returns (i, j, similarity) with
    i < j, each pair once, sorted by (i, j). `stats`, when given, receives the method used
    and, for ann, what `_ann_rows` reports: the checked recall, its target, cells and probes.
    `map_blocks` runs the exact method's blocks (see `MapBlocks`; default: one after the other, here).
    """
    n = len(vectors)
    if n < 2:
        return _empty()
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    groups = np.asarray(groups)
    chosen = choose_method(n, method, ann_min_rows)
    stats = {} if stats is None else stats
    stats["method"] = chosen
    if chosen == "ann":
        rows, cols, sims = _ann_rows(vectors, groups, top_k, min_similarity, ann_recall, memory_budget, on_progress, stats)
    else:
        rows, cols, sims = _exact_rows(vectors, groups, np.arange(n), top_k, min_similarity, block_size, memory_budget,
                                       on_progress, map_blocks)
    return _unique_pairs(rows, cols, sims, n)


def _unique_pairs(i: np.ndarray, j: np.ndarray, s: np.ndarray, n: int):
    lo, hi = np.minimum(i, j).astype(np.int64), np.maximum(i, j).astype(np.int64)
    key = lo * n + hi
    key, first = np.unique(key, return_index=True)  # a pair found from both ends counts once
    return lo[first], hi[first], s[first].astype(np.float32)


def _as_columns(groups: np.ndarray) -> np.ndarray:
    return groups[:, None] if groups.ndim == 1 else groups


def _same_group(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """len(a) x len(b): whether two rows share a group in any column."""
    a, b = _as_columns(a), _as_columns(b)
    same = a[:, None, 0] == b[None, :, 0]
    for col in range(1, a.shape[1]):
        same |= a[:, None, col] == b[None, :, col]
    return same


def _block_neighbours(vectors, groups, q, cand, k, min_similarity):
    """Top-k other-group neighbours of rows `q` among rows `cand` (None: all rows), from one
    similarity block: rows with at most k partners above the floor keep them all."""
    sims = vectors[q] @ (vectors if cand is None else vectors[cand]).T
    np.putmask(sims, _same_group(groups[q], groups if cand is None else groups[cand]), -np.inf)  # also removes self-pairs
    above = sims >= min_similarity
    dense = np.count_nonzero(above, axis=1) > k
    sparse = np.flatnonzero(~dense)
    r, c = np.nonzero(above[sparse])
    found = [(q[sparse[r]], c, sims[sparse[r], c])]
    del above
    if dense.any():
        sub = sims[dense]
        cols = np.argpartition(sub, sub.shape[1] - k, axis=1)[:, -k:]
        vals = np.take_along_axis(sub, cols, axis=1)
        rr = np.repeat(q[dense], k)
        cols, vals = cols.ravel(), vals.ravel()
        keep = vals >= min_similarity
        found.append((rr[keep], cols[keep], vals[keep]))
    i, j, s = (np.concatenate(parts) for parts in zip(*found))
    return i, (j if cand is None else cand[j]), s


def _concat(found: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not found:
        return _empty()
    i, j, s = (np.concatenate(parts) for parts in zip(*found))
    return i, j, s.astype(np.float32)


def _exact_rows(vectors, groups, query_rows, top_k, min_similarity, block_size, memory_budget, on_progress, map_blocks=None):
    """Top-k other-group neighbours of `query_rows` against all rows, by blocks of rows.

    Memory: one block x n similarity matrix (float32), its masks and, for rows with more than
    k partners above the floor, argpartition's int64 indices: at most ~20 bytes a cell, so a
    block holds memory_budget / (20 n) rows."""
    n = len(vectors)
    k = min(top_k, n - 1)
    rows_per_block = max(1, min(block_size, memory_budget // (BYTES_PER_CELL * n)))
    blocks = [query_rows[start:start + rows_per_block] for start in range(0, len(query_rows), rows_per_block)]
    if map_blocks is not None:
        found = map_blocks(vectors, groups, blocks, k, min_similarity)
        if on_progress:
            on_progress(len(query_rows))
    else:
        found = []
        for q in blocks:
            found.append(exact_block(vectors, groups, q, k, min_similarity))
            if on_progress:
                on_progress(len(q))
    return _concat(found)


# Runs exact_block(vectors, groups, q, k, min_similarity) for every block q of query rows and
# returns the results in block order: how an engine spreads the exact search (detector/spark.py).
MapBlocks = Callable[[np.ndarray, np.ndarray, list, int, float], list]


def exact_block(vectors, groups, q, k, min_similarity) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, neighbours, similarities) of the query rows `q`: each one's top k other-group rows
    at or above the floor (all of them when it has at most k)."""
    return _block_neighbours(vectors, groups, q, None, k, min_similarity)


# --- cells (the ann method) ---------------------------------------------------------------

def _nearest(x: np.ndarray, centres: np.ndarray, chunk: int = 1 << 26) -> np.ndarray:
    """The nearest centre (inner product) of each row of x, a block of rows at a time."""
    rows = max(1, chunk // max(1, len(centres)))
    return np.concatenate([np.argmax(x[s:s + rows] @ centres.T, axis=1) for s in range(0, len(x), rows)])


def _update(x: np.ndarray, labels: np.ndarray, centres: np.ndarray) -> None:
    """Each centre moves to the normalised mean of its rows (a centre without rows keeps its place)."""
    order = np.argsort(labels, kind="stable")
    counts = np.bincount(labels, minlength=len(centres))
    used = np.flatnonzero(counts)
    sums = np.add.reduceat(x[order], np.cumsum(counts)[used] - counts[used], axis=0)
    centres[used] = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, rounds: int) -> np.ndarray:
    """Spherical k-means from k rows of x: the unit centres after `rounds` rounds."""
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    for _ in range(rounds):
        _update(x, _nearest(x, centres), centres)
    return centres


def cells(vectors: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(centres, cell of each row): about n / ANN_CELL_ROWS cells of similar rows, by spherical
    k-means in all dimensions, trained on ANN_TRAIN_PER_CELL rows a cell, then ANN_FULL_ROUNDS
    rounds over all rows. A projection to the main directions was tried and dropped: 128 of 384
    split random clusters (a third of all cells probed at 1M), and the directions holding 99%
    of the variance were ~370 of 384, no faster and no better (docs/performance.md). Coarser k-means levels first
    would be cheaper, but a level with cells much larger than one story splits stories between cells."""
    n = len(vectors)
    rng = np.random.default_rng(seed)
    k = max(1, round(n / ANN_CELL_ROWS))
    sample = vectors[np.sort(rng.choice(n, size=min(n, max(ANN_TRAIN_PER_CELL * k, 10_000)), replace=False))]
    centres = _kmeans(sample, k, rng, ANN_KMEANS_ROUNDS)
    for _ in range(ANN_FULL_ROUNDS):
        _update(vectors, _nearest(vectors, centres), centres)
    cell = _nearest(vectors, centres)
    centres[:] = 0  # the centres probed are the means of the cells as they end (an empty one: 0, never near)
    _update(vectors, cell, centres)
    return centres, cell


def _cell_neighbourhoods(centres: np.ndarray, cell: np.ndarray, probes: int):
    """(its `probes` nearest cells, nearest first, its rows) for every cell with rows."""
    order = np.argsort(cell, kind="stable")
    starts = np.concatenate([[0], np.cumsum(np.bincount(cell, minlength=len(centres)))])
    for first in range(0, len(centres), 1024):  # nearest cells of 1024 cells at a time
        block = np.arange(first, min(first + 1024, len(centres)))
        for c, near in zip(block, _centre_order(centres, block, probes)):
            if starts[c + 1] > starts[c]:
                yield near, order[starts[c]:starts[c + 1]]


def _centre_order(centres: np.ndarray, of: np.ndarray, probes: int) -> np.ndarray:
    """For each centre in `of`, the `probes` centres nearest it, nearest first (itself first)."""
    sims = centres[of] @ centres.T
    near = np.argpartition(-sims, probes - 1, axis=1)[:, :probes]
    return np.take_along_axis(near, np.argsort(-np.take_along_axis(sims, near, axis=1), axis=1), axis=1)


def probes_for(centres: np.ndarray, cell: np.ndarray, truth: tuple, target: float) -> int:
    """The fewest probed cells that hold the share `target` of the exact neighbours `truth`
    (i, j, s) of sampled rows: each neighbour's cell ranked by how near its centre is to the
    centre of the row's cell (rank 0: the row's own cell)."""
    ti, tj, _ = truth
    if not len(ti):
        return 1
    rows, at = np.unique(ti, return_inverse=True)
    ranks = np.argsort(np.argsort(-(centres[cell[rows]] @ centres.T), axis=1, kind="stable"), axis=1)
    rank = np.sort(ranks[at, cell[tj]])
    return int(rank[max(0, math.ceil(target * len(rank)) - 1)]) + 1


def _cell_rows(vectors, groups, centres, cell, probes, k, min_similarity, memory_budget, on_progress):
    """Each cell's rows against the rows of its `probes` nearest cells, one block per cell."""
    order = np.argsort(cell, kind="stable")
    starts = np.concatenate([[0], np.cumsum(np.bincount(cell, minlength=len(centres)))])
    found = []
    for near, q in _cell_neighbourhoods(centres, cell, probes):
        cand = np.sort(np.concatenate([order[starts[x]:starts[x + 1]] for x in near]))
        step = max(1, memory_budget // (BYTES_PER_CELL * len(cand)))
        for s in range(0, len(q), step):
            found.append(_block_neighbours(vectors, groups, q[s:s + step], cand, k, min_similarity))
        if on_progress:
            on_progress(len(q))
    return _concat(found)


def _ann_rows(vectors, groups, top_k, min_similarity, target, memory_budget, on_progress, stats):
    """Top-k other-group neighbours of every row through cells. `probes` comes from one sample's
    exact neighbours and the result is checked on another; while the check falls short (at most
    ANN_RETRIES times) `probes` is set again from both samples, aiming higher by the shortfall,
    and the search runs again. `stats` receives recall (the check, ties counted), recall_target,
    cells and probes. When the probed cells are half of all cells the exact method runs instead."""
    n = len(vectors)
    k = min(top_k, n - 1)
    centres, cell = cells(vectors)
    exact = lambda rows: _exact_rows(vectors, groups, np.sort(rows), k, min_similarity, 2048, memory_budget, None)  # noqa: E731
    first, second = np.array_split(np.random.default_rng(1).choice(n, size=min(n, 2 * ANN_SAMPLE), replace=False), 2)
    calibration, truth = exact(first), exact(second)
    both = tuple(np.concatenate(parts) for parts in zip(calibration, truth))
    probes = probes_for(centres, cell, calibration, target)
    stats.update(recall_target=target, cells=len(centres))
    for attempt in range(ANN_RETRIES + 1):
        progress = on_progress if attempt == 0 else None  # a repeated search does not count its rows again
        if 2 * probes >= len(centres):
            stats.update(method="exact", probes=len(centres), recall=1.0)
            return _exact_rows(vectors, groups, np.arange(n), top_k, min_similarity, 2048, memory_budget, progress)
        found = _cell_rows(vectors, groups, centres, cell, probes, k, min_similarity, memory_budget, progress)
        recall = tie_recall(truth, found[0], found[2])
        stats.update(probes=probes, recall=recall)
        if recall >= target:
            break
        probes = max(probes + 1, probes_for(centres, cell, both, min(1.0, 2 * target - recall)))
    return found


def tie_recall(truth: tuple, found_i: np.ndarray, found_s: np.ndarray) -> float:
    """Share of the exact neighbours `truth` (i, j, s: each sampled row's top-k other-group rows
    above the floor) that directed neighbour lists also hold: rows found_i, similarities
    found_s, each an other-group row above the floor and listed once per row. Ties count: a
    found neighbour at least as similar as the row's exact k-th is as good as the one exact
    kept. 1.0 when exact finds none."""
    ti, _, ts = truth
    if not len(ti):
        return 1.0
    rows, at = np.unique(ti, return_inverse=True)
    wanted = np.bincount(at)
    kth = np.full(len(rows), np.inf)
    np.minimum.at(kth, at, ts)
    pos = np.searchsorted(rows, found_i)
    mine = (pos < len(rows)) & (rows[np.minimum(pos, len(rows) - 1)] == found_i)
    good = mine.copy()
    good[mine] = found_s[mine] >= kth[pos[mine]] - TIE
    hits = np.bincount(pos[good], minlength=len(rows))
    return float(np.minimum(hits, wanted).sum() / wanted.sum())


def sample_recall(vectors, groups, found_i, found_s, top_k, min_similarity, sample: int = 500, seed: int = 0) -> float:
    """`tie_recall` of directed neighbour lists against the exact method on `sample` random rows."""
    n = len(vectors)
    rows = np.sort(np.random.default_rng(seed).choice(n, size=min(sample, n), replace=False))
    truth = _exact_rows(vectors, groups, rows, top_k, min_similarity, 2048, DEFAULT_MEMORY_BUDGET, None)
    return tie_recall(truth, found_i, found_s)
