"""The plain data that flows between pipeline stages (see DESIGN.md)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    doc_id: str  # path relative to the corpus root, "/"-separated
    source: str  # the outlet
    text: str  # cleaned text; claim spans index into it
    date: str | None = None  # ISO date when known
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Claim:
    claim_id: str
    doc_id: str
    source: str
    text: str
    start: int
    end: int
    attribution: str | None = None  # who the claim is reported from, if not the outlet
    date: str | None = None  # the document's date, for updates and relative dates


@dataclass(frozen=True)
class CandidatePair:
    a: Claim
    b: Claim
    similarity: float


@dataclass(frozen=True)
class RuleHit:
    kind: str
    strength: float  # 0..1, how sure the rule is
    evidence: str  # human-readable, names the conflicting spans


@dataclass(frozen=True)
class ScoredPair:
    pair: CandidatePair
    hits: tuple[RuleHit, ...]
    score: float

    @property
    def kind(self) -> str:
        return self.hits[0].kind if self.hits else ""

    @property
    def evidence(self) -> str:
        return "; ".join(h.evidence for h in self.hits)


@dataclass(frozen=True)
class Side:
    """Claims that agree with each other within a dispute, and the outlets that made them."""

    claims: tuple[tuple[str, str], ...]  # (doc_id, text), representative first
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Dispute:
    """One disagreement: its flagged pairs (conflict rows, best first) and its sides."""

    dispute_id: str
    kind: str
    score: float
    rows: tuple[dict, ...]
    sides: tuple[Side, ...]
    n_outlets: int  # independent outlets: copies in one wire cluster count once

    @property
    def evidence(self) -> str:
        return self.rows[0]["evidence"]
