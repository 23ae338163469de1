"""Polarity: the same proposition asserted by one claim and denied by the other."""
from __future__ import annotations

from ..types import Claim, RuleHit
from .text import content_stems, negated_targets, overlap, tokens, stem


def _denied_in(neg: Claim, pos: Claim) -> str | None:
    """A word that `neg` denies and `pos` asserts (present, not negated there)."""
    pos_stems = {stem(t) for t in tokens(pos.text)}
    pos_negated = negated_targets(pos.text)
    for target in sorted(negated_targets(neg.text)):
        if target in pos_stems and target not in pos_negated:
            return target
    return None


def negation(a: Claim, b: Claim) -> RuleHit | None:
    for neg, pos, side in ((a, b, "A"), (b, a, "B")):
        target = _denied_in(neg, pos)
        if target is None:
            continue
        topic = overlap(a.text, b.text)
        if topic < 0.45 or len(content_stems(neg.text) & content_stems(pos.text)) < 2:
            return None  # the denied word is shared but the propositions are not the same
        other = "B" if side == "A" else "A"
        strength = min(1.0, 0.4 + topic * 0.6)
        return RuleHit("negation", round(strength, 3), f'polarity: {side} denies "{target}…" that {other} asserts')
    return None
