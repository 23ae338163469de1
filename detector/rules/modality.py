"""Obligation vs voluntariness: "required / mandatory / compelled" against "voluntary / optional / not required"."""
from __future__ import annotations

import re
from functools import lru_cache

from ..types import Claim, RuleHit
from .text import overlap, stem, topic_stems

OBLIGATION = re.compile(
    r"\b(?:requir(?:e|es|ed|ing|ement|ements)|mandat(?:e|es|ed|ory)|compel(?:s|led|ling)?|compulsory|obligat(?:ed|ory|ion)"
    r"|obliged|must|shall|forced to|ordered(?=(?:\s+\S+){0,5}?\s+to\b)|(?<!non-)(?<!non)binding|have to|has to|had to|enforceable|condition of (?:the |its |their |a )?(?:[\w-]+(?:'s|’s) )?(?:licen[cs]e|permit|approval|bail|contract))\b",
    re.I,
)
VOLUNTARY = re.compile(
    r"\b(?:voluntar(?:y|ily)|optional|opt[- ]in|encourag(?:e|es|ed|ing)|non-?binding|at (?:their|its|his|her) discretion"
    r"|free to (?:choose|decide)|(?:the|an) option to|invited to|recommend(?:s|ed|ation|ations)?|urged to|advisory|advised|may wish to"
    r"|(?<!not )(?<!not been )(?<!never been )(?<!n't been )asked(?=(?:\s+[\w,]+){0,6}?\s+to\s+[a-z])"
    r"|left (?:the )?(?:final )?(?:decision|choice) to|(?:was|is|were|as) (?:only |merely |just )?an? (?:request|suggestion|appeal)\b)\b",
    re.I,
)
# "not required", "no requirement", "no longer mandatory": a denied obligation is voluntariness.
DENIED_OBLIGATION = re.compile(
    r"\b(?:not|no|never|n't|no longer|without any|without a|short of|rather than|instead of)\s+(?:\w+\s+){0,2}?"
    r"(?:requir\w*|mandat\w*|compel\w*|compulsory|obligat\w*|obliged|forced|binding|order\w*|condition of|rule)\b",
    re.I,
)
CUE_STEMS = frozenset(stem(w) for w in "require mandatory mandate compel voluntary optional encourage binding must shall".split())


ADDED_DUTY_RE = re.compile(
    r"\b(?:also|additionally|further|too)\s+(?:\w+\s+)?(?:have to|has to|must|required|obliged|mandated|compelled)\b", re.I
)
COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|remains?|stays?)\s+(?:\w+\s+)?$", re.I)


@lru_cache(maxsize=50_000)
def scope(text: str) -> frozenset[str]:
    """Stems of what the obligations in a sentence are about: the words after each cue
    ("required to delete the data") and the subject before it ("the trust must", more of it
    before a copula: "Registration with the clerk is voluntary")."""
    words = []
    for m in (*OBLIGATION.finditer(text), *VOLUNTARY.finditer(text), *DENIED_OBLIGATION.finditer(text)):
        words += text[m.end() :].split()[:16]
        # the subject the obligation falls on ("the trust must"), more of it before a copula
        words += text[: m.start()].split()[-(8 if COPULA_BEFORE.search(text[: m.start()]) else 4) :]
    return topic_stems(" ".join(words)) - CUE_STEMS


@lru_cache(maxsize=100_000)
def stance(text: str) -> tuple[str, str] | None:
    """("obligation"|"voluntary", the cue) of the last modality cue in the sentence.

    The last cue wins so that "an earlier draft compelled X but it was watered down to
    voluntary" reads as voluntary.
    """
    cues = [(m.start(), "voluntary", m.group(0)) for m in DENIED_OBLIGATION.finditer(text)]
    denied = [(s, s + len(c)) for s, _, c in cues]
    for m in OBLIGATION.finditer(text):
        if not any(lo <= m.start() < hi for lo, hi in denied):
            cues.append((m.start(), "obligation", m.group(0)))
    cues += [(m.start(), "voluntary", m.group(0)) for m in VOLUNTARY.finditer(text)]
    if not cues:
        return None
    _, kind, cue = max(cues)
    return kind, cue


def modality(a: Claim, b: Claim) -> RuleHit | None:
    sa, sb = stance(a.text), stance(b.text)
    if not sa or not sb or sa[0] == sb[0]:
        return None
    topic = overlap(a.text, b.text, ignore=CUE_STEMS)
    about_a, about_b = scope(a.text), scope(b.text)
    shared = about_a & about_b
    if topic < 0.2 or len(shared) < 2 or (len(shared) < 0.25 * min(len(about_a), len(about_b)) and topic < 0.3):
        return None  # one is about a different obligation
    strong = {"mandatory", "voluntary", "compulsory", "optional", "compelled", "required", "not required"}
    strength = 0.9 if (sa[1].lower() in strong or sb[1].lower() in strong) else 0.7
    strength *= min(1.0, 0.6 + topic)
    if ADDED_DUTY_RE.search(a.text) or ADDED_DUTY_RE.search(b.text):
        strength *= 0.5  # "brokers will also have to ...": a further duty, likely not the one the other claim calls voluntary
    return RuleHit("modality", round(strength, 3), f'obligation: A says "{sa[1]}" ({sa[0]}), B says "{sb[1]}" ({sb[0]})')
