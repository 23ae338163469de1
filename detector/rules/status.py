"""Status and direction: postponed vs cancelled, confirmed vs denied, rose vs fell, open vs closed."""
from __future__ import annotations

import re

from ..types import Claim, RuleHit
from .text import is_negated, overlap, stem, tokens

# Each line: words of one state | words of the opposite state. Curated for news.
OPPOSITES = """
postpone postponed delay delayed defer deferred reschedule rescheduled shelve shelved suspend suspended pause paused | cancel cancelled canceled cancels scrap scrapped scraps abandon abandoned kill killed axed axe drop dropped
confirm confirmed confirms | deny denied denies dismiss dismissed refute refuted
rise rose risen rises increase increased increases climb climbed grow grew grown jump jumped surge surged gain gained | fall fell fallen falls decrease decreased decreases decline declined drop dropped shrink shrank slump slumped lose lost
approve approved approves pass passed accept accepted adopt adopted endorse endorsed | reject rejected rejects veto vetoed block blocked defeat defeated refuse refused
open opened opens reopen reopened reopens | close closed closes shut remain closed
alive survived survive | dead died die killed
win won wins | lose lost loses
guilty convicted | innocent acquitted
arrest arrested | release released freed
resign resigned quit | remain remained stay stayed
support supported supports back backed | oppose opposed opposes
legal lawful | illegal unlawful
success successful succeeded | fail failed failure unsuccessful
""".strip().splitlines()

_PAIRS: list[tuple[frozenset[str], frozenset[str]]] = []
for line in OPPOSITES:
    left, right = line.split("|")
    _PAIRS.append((frozenset(stem(w) for w in left.split()), frozenset(stem(w) for w in right.split())))


def status(a: Claim, b: Claim) -> RuleHit | None:
    sa = {stem(t): t for t in tokens(a.text)}
    sb = {stem(t): t for t in tokens(b.text)}
    for left, right in _PAIRS:
        for x_side, y_side in ((left, right), (right, left)):
            xs = [s for s in x_side & sa.keys() if s not in sb]
            ys = [s for s in y_side & sb.keys() if s not in sa]
            if not xs or not ys:
                continue
            x, y = sorted(xs)[0], sorted(ys)[0]
            if is_negated(a.text, x) != is_negated(b.text, y):
                continue  # "not approved" vs "rejected" agree
            ignore = left | right
            topic = overlap(a.text, b.text, ignore=ignore)
            if topic < 0.3:
                continue
            strength = min(1.0, 0.35 + 0.7 * topic)
            return RuleHit("status", round(strength, 3), f'status: A "{sa[x]}" vs B "{sb[y]}"')
    return None
