"""Polarity: the same proposition asserted by one claim and denied by the other."""
from __future__ import annotations

import re

from ..types import Claim, RuleHit
from .text import NEGATION_WORDS, content_stems, negated_targets, overlap, reported_content, stem, tokens


def negated_phrase(text: str, target: str) -> str:
    """The words from the negation cue to the negated word, as written ("did not change")."""
    words = text.split()
    for k, word in enumerate(words):
        if stem(re.sub(r"\W", "", word.lower())) == target:
            for start in range(k - 1, max(-1, k - 7), -1):
                if re.sub(r"\W", "", words[start].lower()) in NEGATION_WORDS or words[start].lower().endswith("n't"):
                    return " ".join(words[start : k + 1]).strip(",.;:\"'“”")
    return target


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
        said_a, said_b = reported_content(a.text), reported_content(b.text)
        topic = overlap(said_a, said_b)
        if topic < 0.35 or len(content_stems(said_a) & content_stems(said_b)) < 2:
            return None  # the denied word is shared but the propositions are not the same
        other = "B" if side == "A" else "A"
        # How much of the denied proposition the other claim asserts: "not working at looms" is
        # not contradicted by "working" (the loom part is unasserted), "not working" is.
        denied = content_stems(reported_content(neg.text))
        covered = len(denied & content_stems(reported_content(pos.text))) / max(1, len(denied))
        strength = min(1.0, 0.2 + 0.4 * topic + 0.4 * covered)
        said = negated_phrase(neg.text, target)
        return RuleHit("negation", round(strength, 3), f'polarity: {side} says "{said}", {other} asserts the opposite')
    return None
