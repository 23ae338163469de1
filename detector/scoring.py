"""Rule hits + similarity -> one score in [0, 1]. The threshold is applied here, and only here."""
from __future__ import annotations

import heapq
import math

from .rules.text import NEGATION_WORDS, tokens
from .settings import Settings
from .types import CandidatePair, RuleHit, ScoredPair


# Words of reported dispute: two claims full of them ("X said that ..., but Y denied ...") are
# more often at odds than two plain statements, even with no rule hit.
TENSION_CUES = (
    frozenset("but however although though despite yet nevertheless nonetheless whereas instead".split()),
    frozenset("deny denies denied denying dispute disputes disputed disputing reject rejects rejected rejecting refute refutes "
              "refuted contradict contradicts contradicted counter countered challenge challenged dismiss dismissed dismisses "
              "criticize criticized criticised blame blamed blaming accuse accused accuses insist insists insisted false "
              "falsely wrong baseless misleading untrue".split()),
    frozenset("said says say told according argued argues claimed claims claim stated added noted".split()),
    frozenset({"that"}),
)
TENSION_CAP = 0.45  # unflagged pairs are ranked below every flag at the default threshold


def tension(a: str, b: str) -> float:
    """A weak score in [0, TENSION_CAP) for a pair no rule judged: which cue families each side
    uses, plus negation on one side only. It orders unflagged pairs; it never flags one."""
    ta, tb = set(tokens(a)), set(tokens(b))
    cues = sum(bool(ta & cue) + bool(tb & cue) for cue in TENSION_CUES)
    cues += bool(ta & NEGATION_WORDS) != bool(tb & NEGATION_WORDS)
    return TENSION_CAP * cues / (cues + 3.0)


def score(pair: CandidatePair, hits: tuple[RuleHit, ...], settings: Settings) -> ScoredPair:
    """A logistic combination of the strongest weighted rule hit and the similarity.

    No hit means no flag: topical closeness alone is never disagreement. Such a pair gets only
    its `tension`, so that scores still rank pairs below the threshold.
    """
    if not hits:
        return ScoredPair(pair, hits, round(tension(pair.a.text, pair.b.text), 4))
    _, terms = logit_terms(hits, pair.similarity, settings)
    return ScoredPair(pair, hits, round(1.0 / (1.0 + math.exp(-sum(terms.values()))), 4))


def logit_terms(hits: tuple[RuleHit, ...], similarity: float, settings: Settings) -> tuple[RuleHit, dict[str, float]]:
    """The hit that counts (the strongest weighted one) and the logit's terms: bias, that hit's
    weight x strength, similarity_weight x (similarity - 0.5). Needs at least one hit."""
    top = max(hits, key=lambda h: settings.weights.get(h.kind, 0.0) * h.strength)
    return top, {"bias": settings.bias, "rule": settings.weights.get(top.kind, 0.0) * top.strength,
                 "similarity": settings.similarity_weight * (similarity - 0.5)}


def flagged(scored: list[ScoredPair], threshold: float) -> list[ScoredPair]:
    """Pairs at or above the threshold, best first; ties broken by claim position for stable output."""
    return sorted((s for s in scored if is_flagged(s, threshold)), key=_order)


def near_misses(scored: list[ScoredPair], threshold: float, n: int) -> list[ScoredPair]:
    """The `n` best-scoring pairs that are not flagged, best first: what a reviewer checks for
    conflicts the rules or the threshold missed."""
    return heapq.nsmallest(n, (s for s in scored if not is_flagged(s, threshold)), key=_order) if n > 0 else []


def is_flagged(s: ScoredPair, threshold: float) -> bool:
    return bool(s.hits) and s.score >= threshold


def _order(s: ScoredPair) -> tuple:
    return -s.score, s.pair.a.doc_id, s.pair.a.start, s.pair.b.doc_id, s.pair.b.start
