"""Group flagged pairs into disputes: one disagreement, its sides, and the outlets on each side.

Works on conflict rows (the CSV's dicts), so a dispute table can be rebuilt from a reviewed CSV
as well as from a fresh scan. Rows a reviewer marked as not a conflict are left out.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

from .review import NEAR_MISS, STALE, parse_verdict
from .rules.causes import explanation
from .rules.text import content_stems
from .types import Dispute, Side


def _claims(row: dict) -> tuple[tuple[str, str], tuple[str, str]]:
    return (row["doc_a"], row["claim_a"]), (row["doc_b"], row["claim_b"])


def _wire(row: dict) -> tuple[str, str]:
    a, _, b = (row.get("wire_cluster") or "").partition(" | ")
    return a.strip(), b.strip()


def _verdict(row: dict) -> bool | None:
    try:
        return parse_verdict(row.get("verdict", ""))
    except ValueError:
        return None  # an unreadable verdict is warned about elsewhere; read as not reviewed


def _in_dispute(row: dict) -> bool:
    """Flagged rows not marked "no", and near misses a reviewer marked "yes"; never stale rows."""
    status = (row.get("status") or "").strip()
    if status == NEAR_MISS:
        return _verdict(row) is True
    return status != STALE and _verdict(row) is not False


def rejected(row: dict) -> bool:
    """A written row a reviewer marked "no" (the report still shows these, under verdict no)."""
    return (row.get("status") or "").strip() != STALE and _verdict(row) is False


def group_disputes(rows: list[dict], keep=_in_dispute) -> list[Dispute]:
    """Connected flagged pairs form one dispute; its claims are split into sides that agree.
    `keep` chooses the rows that count (by default: not rejected, not stale, see _in_dispute)."""
    rows = [r for r in rows if keep(r)]
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for row in rows:
        a, b = _claims(row)
        parent[find(_key(a))] = find(_key(b))
    groups: dict = defaultdict(list)
    for row in rows:
        groups[find(_key(_claims(row)[0]))].append(row)
    disputes = [_dispute(members) for members in groups.values()]
    return sorted(disputes, key=lambda d: (-d.score, d.dispute_id))


def _key(claim: tuple[str, str]) -> str:
    """Claims with the same words (wire copies, reprints) are one node."""
    return " ".join(claim[1].lower().split())


def _dispute(rows: list[dict]) -> Dispute:
    rows = sorted(rows, key=lambda r: (-float(r["score"]), r["pair_id"]))
    source, cluster, weight = {}, {}, defaultdict(float)
    conflicts = defaultdict(set)
    for row in rows:
        (a, b), (wa, wb) = _claims(row), _wire(row)
        for claim, src, wire in ((a, row["source_a"], wa), (b, row["source_b"], wb)):
            source[claim], cluster[claim] = src, wire or src
            weight[claim] += float(row["score"])
        conflicts[_key(a)].add(_key(b))
        conflicts[_key(b)].add(_key(a))
    kinds = defaultdict(float)
    for row in rows:
        kinds[row["kind"]] += float(row["score"])
    kind = max(sorted(kinds), key=lambda k: kinds[k])
    sides = _split_sides(sorted(weight, key=lambda c: (-weight[c], c)), conflicts, need_agreement=kind in MANY_VALUED)
    built = tuple(
        Side(tuple(members), tuple(sorted({source[c] for c in members})))
        for members in sides
    )
    return Dispute(
        dispute_id="d-" + min(r["pair_id"] for r in rows)[:10],
        kind=kind,
        score=float(rows[0]["score"]),
        rows=tuple(rows),
        sides=built,
        n_outlets=len({cluster[c] for c in weight}),
    )


# Kinds where a dispute can have more than two answers (causes, agencies, figures, days): a claim
# joins a side only when it says the same thing as a member, not merely because it does not
# conflict with it (two explanations that were never compared are not one explanation).
MANY_VALUED = {"causes", "entities", "numbers", "dates", "competing_account"}
MIN_AGREEMENT = 0.4


def _split_sides(claims: list[tuple[str, str]], conflicts: dict, need_agreement: bool) -> list[list[tuple[str, str]]]:
    """Greedy: each claim (heaviest first) joins the side it agrees with most among the sides
    holding nothing it conflicts with, else starts a new side. Three competing explanations
    that all conflict make three sides."""
    sides: list[list[tuple[str, str]]] = []
    for claim in claims:
        open_sides = [s for s in sides if not any(_key(m) in conflicts[_key(claim)] for m in s)]
        agreement = {id(s): max(_agreement(claim[1], m[1]) for m in s) for s in open_sides}
        if need_agreement:
            open_sides = [s for s in open_sides if agreement[id(s)] >= MIN_AGREEMENT]
        if open_sides:
            max(open_sides, key=lambda s: agreement[id(s)]).append(claim)
        else:
            sides.append([claim])
    return sides


def _agreement(x: str, y: str) -> float:
    """Shared content words over the shorter claim's; for two explanations, of their causes."""
    ex, ey = explanation(x), explanation(y)
    if ex and ey:
        x, y = ex[1], ey[1]
    sx, sy = content_stems(x), content_stems(y)
    return len(sx & sy) / min(len(sx), len(sy)) if sx and sy else 0.0


def dispute_rows(disputes: list[Dispute]) -> list[dict]:
    """One row per dispute for the disputes CSV."""
    out = []
    for d in disputes:
        def side(k: int) -> tuple[str, str]:
            if k >= len(d.sides):
                return "", ""
            return ", ".join(d.sides[k].outlets), d.sides[k].claims[0][1]

        (ao, ac), (bo, bc) = side(0), side(1)
        others = " || ".join(f"{', '.join(s.outlets)}: {s.claims[0][1]}" for s in d.sides[2:])
        out.append({
            "dispute_id": d.dispute_id, "kind": d.kind, "score": f"{d.score:.4f}", "n_pairs": str(len(d.rows)),
            "n_outlets": str(d.n_outlets), "side_a_outlets": ao, "side_a_claim": ac, "side_b_outlets": bo,
            "side_b_claim": bc, "evidence": d.evidence, "other_sides": others,
        })
    return out


def assign_dispute_ids(rows: list[dict]) -> list[dict]:
    """The conflict rows with `dispute_id` filled (rows a reviewer rejected keep an empty id)."""
    ids = {r["pair_id"]: d.dispute_id for d in group_disputes(rows) for r in d.rows}
    return [{**r, "dispute_id": ids.get(r["pair_id"], "")} for r in rows]
