"""Rule hits + similarity -> one score in [0, 1]. The threshold is applied here, and only here."""
from __future__ import annotations

import math

from .settings import Settings
from .types import CandidatePair, RuleHit, ScoredPair


def score(pair: CandidatePair, hits: tuple[RuleHit, ...], settings: Settings) -> ScoredPair:
    """A logistic combination of the strongest weighted rule hit and the similarity.

    No hit means score 0: topical closeness alone is never disagreement.
    """
    if not hits:
        return ScoredPair(pair, hits, 0.0)
    z = settings.bias + max(settings.weights.get(h.kind, 0.0) * h.strength for h in hits)
    z += settings.similarity_weight * (pair.similarity - 0.5)
    return ScoredPair(pair, hits, round(1.0 / (1.0 + math.exp(-z)), 4))


def flagged(scored: list[ScoredPair], threshold: float) -> list[ScoredPair]:
    """Pairs at or above the threshold, best first; ties broken by claim position for stable output."""
    keep = [s for s in scored if s.score >= threshold and s.hits]
    return sorted(keep, key=lambda s: (-s.score, s.pair.a.doc_id, s.pair.a.start, s.pair.b.doc_id, s.pair.b.start))
