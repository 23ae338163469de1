"""Cross-source candidate pairs by nearest neighbours in embedding space, computed in blocks."""
from __future__ import annotations

import numpy as np


def nearest_pairs(
    vectors: np.ndarray,
    groups: np.ndarray,
    top_k: int,
    min_similarity: float,
    block_size: int = 2048,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row, its `top_k` most similar rows of a different group, above `min_similarity`.

    `vectors` are unit-length rows; `groups` holds one integer per row (the outlet, or the
    wire cluster), and rows of one group are never paired. Memory stays at one
    block_size x n similarity block. Returns (i, j, similarity) with i < j, each pair once,
    sorted by (i, j).
    """
    n = len(vectors)
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    k = min(top_k, n - 1)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    groups = np.asarray(groups)
    found_i, found_j, found_s = [], [], []
    for start in range(0, n, block_size):
        stop = min(start + block_size, n)
        sims = vectors[start:stop] @ vectors.T
        sims[groups[start:stop, None] == groups[None, :]] = -np.inf  # also removes self-pairs
        cols = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(sims, cols, axis=1)
        rows = np.repeat(np.arange(start, stop), k)
        cols, vals = cols.ravel(), vals.ravel()
        keep = vals >= min_similarity
        found_i.append(rows[keep])
        found_j.append(cols[keep])
        found_s.append(vals[keep])
    i = np.concatenate(found_i)
    j = np.concatenate(found_j)
    s = np.concatenate(found_s).astype(np.float32)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    key = lo.astype(np.int64) * n + hi
    key, first = np.unique(key, return_index=True)  # a pair found from both ends counts once
    return lo[first], hi[first], s[first]
