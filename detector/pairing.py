"""Cross-source candidate pairs by nearest neighbours in embedding space.

Two methods give the same kind of answer:

* `exact` -- blocked numpy top-k: a block of rows against all rows, one matrix product at a
  time. Exact, O(n^2) time, memory bounded by `memory_budget` (the block shrinks as n grows).
* `ann` -- an HNSW graph index (faiss, IndexHNSWFlat on inner product): O(n log n), memory
  about 1.7 x the vectors, recall below 1 (measured by `recall_at_k`; see docs/performance.md).

`nearest_pairs(..., method="auto")` picks ann from `ann_min_rows` rows up.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

Progress = Callable[[int], None]  # called with the number of rows just finished

DEFAULT_MEMORY_BUDGET = 1 << 30  # bytes for one block of similarities (exact method)
BYTES_PER_CELL = 20  # similarities, masks and argpartition indices of one block, per cell
ANN_M = 16  # HNSW graph degree
ANN_EF_CONSTRUCTION = 40
ANN_EF_SEARCH = 48
ANN_MAX_FETCH = 1024  # neighbours asked per row before a row falls back to the exact method


def _empty() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    empty = np.zeros(0, dtype=np.int64)
    return empty, empty, np.zeros(0, dtype=np.float32)


def ann_available() -> bool:
    try:
        import faiss  # noqa: F401
    except ImportError:
        return False
    return True


def choose_method(n: int, method: str = "auto", ann_min_rows: int = 50_000) -> str:
    """"exact" or "ann" for `n` rows. `auto` takes ann from `ann_min_rows` rows up when faiss is installed."""
    if method == "auto":
        return "ann" if n >= ann_min_rows and ann_available() else "exact"
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
    and, for ann, `recall`: the sampled recall against exact (`sample_recall`). `map_blocks`
    runs the exact method's blocks (see `MapBlocks`; default: one after the other, here).
    """
    n = len(vectors)
    if n < 2:
        return _empty()
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    groups = np.asarray(groups)
    chosen = choose_method(n, method, ann_min_rows)
    if stats is not None:
        stats["method"] = chosen
    if chosen == "ann":
        rows, cols, sims = _ann_rows(vectors, groups, top_k, min_similarity, on_progress)
        if stats is not None:
            stats["recall"] = sample_recall(vectors, groups, rows, cols, top_k, min_similarity)
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


def _same_group_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a: rows' groups (m or m x g); b: their neighbours' groups (m x f or m x f x g)."""
    if a.ndim == 1:
        return b == a[:, None]
    return (b == a[:, None, :]).any(axis=2)


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
    if not found:
        return _empty()
    return (np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found]),
            np.concatenate([f[2] for f in found]).astype(np.float32))


# Runs exact_block(vectors, groups, q, k, min_similarity) for every block q of query rows and
# returns the results in block order: how an engine spreads the exact search (detector/spark.py).
MapBlocks = Callable[[np.ndarray, np.ndarray, list, int, float], list]


def exact_block(vectors, groups, q, k, min_similarity) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, neighbours, similarities) of the query rows `q`: each one's top k other-group rows
    at or above the floor (all of them when it has at most k)."""
    sims = vectors[q] @ vectors.T
    np.putmask(sims, _same_group(groups[q], groups), -np.inf)  # also removes self-pairs
    above = sims >= min_similarity
    dense = np.count_nonzero(above, axis=1) > k
    # rows with at most k partners above the floor keep them all; the others keep their top k
    sparse = np.flatnonzero(~dense)
    r, c = np.nonzero(above[sparse])
    found_i, found_j, found_s = [q[sparse[r]]], [c], [sims[sparse[r], c]]
    del above
    if dense.any():
        sub = sims[dense]
        cols = np.argpartition(sub, sub.shape[1] - k, axis=1)[:, -k:]
        vals = np.take_along_axis(sub, cols, axis=1)
        rr = np.repeat(q[dense], k)
        cols, vals = cols.ravel(), vals.ravel()
        keep = vals >= min_similarity
        found_i.append(rr[keep])
        found_j.append(cols[keep])
        found_s.append(vals[keep])
    return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)


def build_ann_index(vectors: np.ndarray, on_progress: Progress | None = None):
    """An HNSW inner-product index over `vectors` (faiss)."""
    try:
        import faiss
    except ImportError:
        raise ImportError("approximate pairing needs faiss-cpu (pip install faiss-cpu); use the exact method instead") from None
    index = faiss.IndexHNSWFlat(vectors.shape[1], ANN_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ANN_EF_CONSTRUCTION
    step = 50_000
    for start in range(0, len(vectors), step):
        index.add(vectors[start:start + step])
        if on_progress:
            on_progress(0)  # building: keep the bar alive without counting rows
    return index


def _ann_rows(vectors, groups, top_k, min_similarity, on_progress):
    """Top-k other-group neighbours of every row through an HNSW index.

    Each row asks for more neighbours than it needs (rows of its own group are dropped
    afterwards); a row whose answer held too few other-group rows above the floor asks again
    with four times as many, and after ANN_MAX_FETCH goes to the exact method."""
    import faiss

    n = len(vectors)
    k = min(top_k, n - 1)
    index = build_ann_index(vectors, on_progress)
    found_i, found_j, found_s = [], [], []
    pending = np.arange(n)
    fetch = min(n, 2 * k + 8)
    chunk = 20_000
    while len(pending) and fetch <= ANN_MAX_FETCH:
        params = faiss.SearchParametersHNSW(efSearch=max(ANN_EF_SEARCH, fetch))
        again = []
        for start in range(0, len(pending), chunk):
            q = pending[start:start + chunk]
            sims, cols = index.search(vectors[q], fetch, params=params)
            valid = (cols >= 0) & ~_same_group_rows(groups[q], groups[np.maximum(cols, 0)]) & (sims >= min_similarity)
            # rows are sorted by similarity; keep each row's first k valid entries
            rank = np.cumsum(valid, axis=1)
            keep = valid & (rank <= k)
            # unfinished: fewer than k kept, and the answer's last similarity still above the floor
            short = (rank[:, -1] < k) & (sims[:, -1] >= min_similarity) & (fetch < n)
            r, c = np.nonzero(keep & ~short[:, None])  # a retried row starts over
            found_i.append(q[r])
            found_j.append(cols[r, c])
            found_s.append(sims[r, c])
            again.append(q[short])
            if on_progress:
                on_progress(int(len(q) - short.sum()))
        pending = np.concatenate(again)
        fetch = min(n, fetch * 4)
    if len(pending):  # crowded rows: many same-group rows closer than any other-group row
        ei, ej, es = _exact_rows(vectors, groups, pending, top_k, min_similarity, 2048, DEFAULT_MEMORY_BUDGET, on_progress)
        found_i.append(ei)
        found_j.append(ej)
        found_s.append(es)
    if not found_i:
        return _empty()
    return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s).astype(np.float32)


def sample_recall(vectors, groups, found_i, found_j, top_k, min_similarity, sample: int = 500, seed: int = 0) -> float:
    """Recall of directed neighbour lists (found_i -> found_j) against the exact method, on a
    random sample of rows: the share of the sampled rows' exact top-k other-group neighbours
    above the floor that the lists also hold (1.0 when exact finds none)."""
    n = len(vectors)
    rows = np.sort(np.random.default_rng(seed).choice(n, size=min(sample, n), replace=False))
    ei, ej, _ = _exact_rows(vectors, groups, rows, top_k, min_similarity, 2048, DEFAULT_MEMORY_BUDGET, None)
    if not len(ei):
        return 1.0
    sampled = np.isin(found_i, rows)
    exact = set(zip(ei.tolist(), ej.tolist()))
    approx = set(zip(found_i[sampled].tolist(), found_j[sampled].tolist()))
    return len(exact & approx) / len(exact)


def recall_at_k(vectors: np.ndarray, groups: np.ndarray, top_k: int, min_similarity: float,
                sample: int = 2000, seed: int = 0) -> float:
    """Recall of the ann method against exact (see `sample_recall`), building its own index."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    groups = np.asarray(groups)
    ai, aj, _ = _ann_rows(vectors, groups, top_k, min_similarity, None)
    return sample_recall(vectors, groups, ai, aj, top_k, min_similarity, sample, seed)
