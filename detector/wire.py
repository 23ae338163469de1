"""Wire clusters: near-identical articles from different outlets (syndicated copy, light reprints).

Copies count as one independent source: they are never paired with each other, and outlets are
counted once per cluster. Method: overlap of hashed 5-word shingles, found through an inverted
index so unrelated articles are never compared (cost grows with shared shingles, not n^2).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from .types import Document

SHINGLE_WORDS = 5
MIN_CONTAINMENT = 0.5  # share of the shorter article's shingles found in the other
COMMON_SHINGLE = 50  # a shingle in more articles than this is boilerplate, not evidence of copying
WORD_RE = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    # Python's own hash is enough: shingles are only compared within one run, and only equality matters.
    words = WORD_RE.findall(text.lower())
    return {hash(tuple(words[k : k + SHINGLE_WORDS])) for k in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def wire_clusters(documents: list[Document], min_containment: float = MIN_CONTAINMENT) -> dict[str, str]:
    """doc_id -> cluster id for every article that has a near-copy; others are absent.

    The id is a hash of the members' doc ids, so it is stable as long as the cluster is.
    """
    sets = [shingles(d.text) for d in documents]
    index: dict[int, list[int]] = defaultdict(list)
    for n, s in enumerate(sets):
        for h in s:
            index[h].append(n)
    parent = list(range(len(documents)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for n, s in enumerate(sets):
        shared = Counter(m for h in s if len(index[h]) <= COMMON_SHINGLE for m in index[h] if m > n)
        for m, count in shared.items():
            if count >= min_containment * min(len(s), len(sets[m])):
                parent[find(m)] = find(n)
    members: dict[int, list[str]] = defaultdict(list)
    for n, doc in enumerate(documents):
        members[find(n)].append(doc.doc_id)
    clusters = {}
    for ids in members.values():
        if len(ids) > 1:
            cid = "wire-" + hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:8]
            clusters.update({doc_id: cid for doc_id in ids})
    return clusters
