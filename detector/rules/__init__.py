"""Rule families. Each is a pure function (claim_a, claim_b) -> RuleHit | None; RULES registers them.

Adding a family: write one module with one such function and add it here.
"""
from __future__ import annotations

from ..types import Claim, RuleHit
from .causes import causes
from .dates import dates, one_happening_on_two_days
from .entities import entities, is_alias
from .modality import modality
from .negation import negation
from .numbers import numbers
from .quantities import quantities
from .status import status

RULES = {
    "modality": modality,
    "negation": negation,
    "status": status,
    "numbers": numbers,
    "quantities": quantities,
    "dates": dates,
    "entities": entities,
    "causes": causes,
}


def judge(a: Claim, b: Claim) -> tuple[RuleHit, ...]:
    """Every rule hit for a pair, strongest first (ties by kind, for stable output).

    When the two claims are reported from two different named speakers, the disagreement is
    a competing account (each outlet may be faithful to its source), listed first.
    """
    hits = sorted((hit for rule in RULES.values() if (hit := rule(a, b)) is not None), key=lambda h: (-h.strength, h.kind))
    if any(h.kind == "update" for h in hits) and not one_happening_on_two_days(a, b):
        hits = [h for h in hits if h.kind != "dates"]  # a count told at two times: the times are the update's, not a conflict
    if hits and hits[0].kind != "update" and _different_speakers(a.attribution, b.attribution):
        account = RuleHit("competing_account", hits[0].strength, f'competing accounts: {a.attribution} (A) vs {b.attribution} (B)')
        hits.insert(0, account)
    return tuple(hits)


def _different_speakers(x: str | None, y: str | None) -> bool:
    named = x and y and "(quoted)" not in (x, y)
    return bool(named) and not is_alias(x, y)
