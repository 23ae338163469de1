"""Entities in the same role: a different agency, person, place or group in the same slot."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from ..types import Claim, RuleHit
from .text import STOPWORDS

WORD_RE = re.compile(r"[A-Za-z][\w'’.&-]*|\d[\d,.]*")
TITLE_WORDS = {"Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Chief", "Judge", "Senator", "Governor", "Mayor", "The"}


@lru_cache(maxsize=100_000)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.rstrip(".") for w in WORD_RE.findall(text))


def _is_name(words: list[str], first_index: int) -> bool:
    """Capitalised words that are not merely sentence-initial."""
    caps = [w for k, w in enumerate(words) if w[:1].isupper() and (first_index + k > 0) and w not in TITLE_WORDS]
    return bool(caps)


def is_alias(x: str, y: str) -> bool:
    """"FTA" for "Federal Transport Agency", "Ms Okafor" for "Adaeze Okafor", "St. Louis" for "Saint Louis"."""
    nx, ny = _norm(x), _norm(y)
    if not nx or not ny or nx == ny:
        return True
    if set(nx.split()) <= set(ny.split()) or set(ny.split()) <= set(nx.split()):
        return True
    for short, long in ((x, y), (y, x)):
        initials = "".join(w[0] for w in long.split() if w[:1].isupper())
        if short.replace(".", "").isupper() and short.replace(".", "") in (initials, initials.replace("O", "")):
            return True
    return False


def _norm(name: str) -> str:
    name = re.sub(r"\b(?:the|of|and|St|Saint|Mt|Mount|Ft|Fort)\b\.?", " ", name, flags=re.I)
    return " ".join(name.lower().split())


def entities(a: Claim, b: Claim) -> RuleHit | None:
    wa, wb = _words(a.text), _words(b.text)
    la, lb = [w.lower() for w in wa], [w.lower() for w in wb]
    matcher = SequenceMatcher(None, la, lb, autojunk=False)
    matched = sum(size for _, _, size in matcher.get_matching_blocks())
    content_a = [w for w in la if w not in STOPWORDS]
    if matched < 0.6 * min(len(la), len(lb)) or len(content_a) < 3:
        return None  # the sentences are not parallel enough to have a "same slot"
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or (i2 - i1) > 5 or (j2 - j1) > 5:
            continue
        xa, xb = list(wa[i1:i2]), list(wb[j1:j2])
        if not (_is_name(xa, i1) and _is_name(xb, j1)):
            continue
        x, y = " ".join(xa), " ".join(xb)
        if is_alias(x, y) or x.lower() in b.text.lower() or y.lower() in a.text.lower():
            continue
        strength = min(1.0, matched / max(len(la), len(lb)) + 0.2)
        return RuleHit("entities", round(strength, 3), f'same role, different entity: A "{x}" vs B "{y}"')
    return None
