"""scan(): corpus -> claims -> vectors -> candidate pairs -> judged and scored pairs.

The CLI and the Python API both call this; writing files is the caller's business.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from .claims import extract_claims
from .embed import Encoder, load_encoder
from .io import load_corpus
from .pairing import nearest_pairs
from .rules import judge
from .scoring import flagged, score
from .settings import Settings
from .types import CandidatePair, Claim, Document, ScoredPair

Progress = Callable[[str], None]


@dataclass
class ScanResult:
    documents: list[Document]
    claims: list[Claim]
    scored: list[ScoredPair]  # every candidate pair with its score (cheap to re-threshold)
    flagged: list[ScoredPair]  # those at or above the threshold, best first
    skipped: list[str] = field(default_factory=list)  # files that could not be used, with why
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items())
        return (
            f"{len(self.documents)} articles, {len(self.claims)} claims, {len(self.scored)} candidate pairs, "
            f"{len(self.flagged)} flagged ({stages})"
        )


def extract_all(documents: list[Document], settings: Settings) -> list[Claim]:
    return [c for doc in documents for c in extract_claims(doc, settings.min_claim_words, settings.max_claim_chars)]


def candidate_pairs(claims: list[Claim], vectors: np.ndarray, settings: Settings) -> list[CandidatePair]:
    """Nearest cross-source neighbours; the pair's `a` is the claim that comes first in the corpus."""
    sources = {s: n for n, s in enumerate(sorted({c.source for c in claims}))}
    groups = np.array([sources[c.source] for c in claims])
    i, j, sims = nearest_pairs(vectors, groups, settings.top_k, settings.min_similarity, settings.block_size)
    return [CandidatePair(claims[x], claims[y], round(float(s), 4)) for x, y, s in zip(i.tolist(), j.tolist(), sims.tolist())]


def judge_pairs(pairs: list[CandidatePair], settings: Settings) -> list[ScoredPair]:
    return [score(p, judge(p.a, p.b), settings) for p in pairs]


def scan(
    paths: list[Path] | Path,
    settings: Settings | None = None,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Run the whole pipeline over a corpus. `encoder` defaults to the settings' model."""
    settings = settings or Settings()
    say = progress or (lambda _msg: None)
    timings: dict[str, float] = {}

    t = time.perf_counter()
    documents, skipped = load_corpus(paths)
    timings["load"] = time.perf_counter() - t
    say(f"loaded {len(documents)} articles ({len(skipped)} files skipped)")

    t = time.perf_counter()
    claims = extract_all(documents, settings)
    timings["claims"] = time.perf_counter() - t
    say(f"extracted {len(claims)} claims")

    t = time.perf_counter()
    if len({c.source for c in claims}) < 2:
        vectors = np.zeros((len(claims), 1), dtype=np.float32)  # nothing to compare: skip the model
    else:
        encoder = encoder or load_encoder(settings.model, settings.device, settings.batch_size)
        vectors = encoder.encode([c.text for c in claims])
    timings["embed"] = time.perf_counter() - t
    say(f"embedded {len(claims)} claims")

    t = time.perf_counter()
    pairs = candidate_pairs(claims, vectors, settings) if len(claims) > 1 else []
    timings["pair"] = time.perf_counter() - t

    t = time.perf_counter()
    scored = judge_pairs(pairs, settings)
    timings["judge"] = time.perf_counter() - t
    result = ScanResult(documents, claims, scored, flagged(scored, settings.threshold), skipped, timings)
    say(result.summary())
    return result
