"""Scoring a scan against an answer key written by a reader: which of the pairs they listed as
conflicts the scan flags, which listed agreements it wrongly flags, and how the judge does on the
listed pairs when handed them directly (no pairing involved).

A key is a CSV with `doc_a, doc_b, text_a, text_b, expected` (conflict / update / agreement) and
optional `kind, why, dispute`; text_a/text_b are distinctive substrings of a claim of each article.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .types import CandidatePair, Claim, ScoredPair


def read_key(*paths: Path) -> list[dict]:
    rows: list[dict] = []
    for path in paths:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows += list(csv.DictReader(fh))
    return rows


def _holds(row: dict, x: Claim, y: Claim) -> bool:
    return x.doc_id == row["doc_a"] and y.doc_id == row["doc_b"] and row["text_a"] in x.text and row["text_b"] in y.text


def key_outcomes(flagged: list[ScoredPair], rows: list[dict]) -> list[tuple[dict, ScoredPair | None]]:
    """Each key row with the flagged pair that matches it, or None: the documents match and each
    claim contains the key's substring (either order)."""
    by_docs: dict[frozenset, list[ScoredPair]] = {}
    for sp in flagged:
        by_docs.setdefault(frozenset((sp.pair.a.doc_id, sp.pair.b.doc_id)), []).append(sp)
    out = []
    for row in rows:
        match = next((sp for sp in by_docs.get(frozenset((row["doc_a"], row["doc_b"])), [])
                      if _holds(row, sp.pair.a, sp.pair.b) or _holds(row, sp.pair.b, sp.pair.a)), None)
        out.append((row, match))
    return out


def key_pairs(claims: list[Claim], rows: list[dict]) -> list[tuple[dict, tuple[int, int] | None]]:
    """Each key row with the positions of the two claims it names (a before b), or None when
    either substring is in no claim of its article (not extracted as a claim)."""
    by_doc: dict[str, list[int]] = {}
    for n, c in enumerate(claims):
        by_doc.setdefault(c.doc_id, []).append(n)

    def find(doc: str, text: str) -> int | None:
        return next((n for n in by_doc.get(doc, []) if text in claims[n].text), None)

    out = []
    for row in rows:
        x, y = find(row["doc_a"], row["text_a"]), find(row["doc_b"], row["text_b"])
        out.append((row, None if x is None or y is None else (min(x, y), max(x, y))))
    return out


@dataclass
class KeyScore:
    conflicts: int
    found: int  # conflict rows the scan flags as a conflict (a row it reads as an update finds none)
    disputes: int
    disputes_found: int  # disputes with at least one of their rows flagged
    agreements: int  # agreement and update rows
    false_alarms: list[dict]  # agreement rows flagged, or update rows flagged as anything but an update


def finds_conflict(sp: ScoredPair | None) -> bool:
    """A judged pair finds a listed conflict only when a rule hit reads it as a conflict: one read as an update does not."""
    return sp is not None and bool(sp.hits) and sp.kind != "update"


def score_key(flagged: list[ScoredPair], rows: list[dict]) -> KeyScore:
    outcomes = key_outcomes(flagged, rows)
    conflicts = [(r, m) for r, m in outcomes if r["expected"] == "conflict"]
    others = [(r, m) for r, m in outcomes if r["expected"] != "conflict"]
    disputes: dict[str, bool] = {}
    for r, m in conflicts:
        key = r.get("dispute") or f"{r['doc_a']}|{r['text_a']}"
        disputes[key] = disputes.get(key, False) or finds_conflict(m)
    # a flagged pair that carries a listed conflict is no false alarm for another of its listed facts
    # ("Peter Havel, 44" / "Peter Havel, 61": one name, told alike, and two ages)
    conflicting = {id(m) for _, m in conflicts if m is not None}
    alarms = [r for r, m in others if m is not None and id(m) not in conflicting and not (r["expected"] == "update" and m.kind == "update")]
    return KeyScore(len(conflicts), sum(finds_conflict(m) for _, m in conflicts), len(disputes), sum(disputes.values()),
                    len(others), alarms)


def direct_pairs(claims: list[Claim], vectors, rows: list[dict]) -> list[tuple[dict, CandidatePair | None]]:
    """The key's pairs as candidate pairs with their real similarity, for judging them directly."""
    out = []
    for row, xy in key_pairs(claims, rows):
        if xy is None:
            out.append((row, None))
        else:
            x, y = xy
            out.append((row, CandidatePair(claims[x], claims[y], round(float(vectors[x] @ vectors[y]), 4))))
    return out
