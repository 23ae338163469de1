"""Word alignment of two near-identical sentences: the one span where they differ.

"The shop was open on Sunday." / "The shop was closed on Sunday." differ by one swapped word;
"A man stands near two women." / "A man stands far from two women." by one short phrase. Rules
that judge such swaps (a different name, an opposite word) share this helper.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

PUNCT = ",.;:!?\"'“”‘’()[]"
# Differences that change no meaning when they are the only thing in a separate diff op.
TRIVIAL = frozenset({"a", "an", "the"})


@dataclass(frozen=True)
class Swap:
    """The differing span: words as written (outer punctuation stripped) and where they start."""

    a_words: tuple[str, ...]
    b_words: tuple[str, ...]
    a_start: int  # index of the span's first word among A's words
    b_start: int

    @property
    def a(self) -> str:
        return " ".join(self.a_words)

    @property
    def b(self) -> str:
        return " ".join(self.b_words)


def words(text: str) -> tuple[str, ...]:
    """Whitespace-separated words with outer punctuation stripped (empty ones dropped)."""
    return tuple(w for w in (raw.strip(PUNCT) for raw in text.split()) if w)


@lru_cache(maxsize=100_000)
def swapped_span(a: str, b: str, max_span: int = 4, min_words: int = 4, case_sensitive: bool = False) -> Swap | None:
    """The one replaced span when two sentences are the same but for it, else None.

    Words are compared without outer punctuation and (unless case_sensitive) without case; a
    separate difference in articles only ("a"/"the") is ignored. Spans longer than max_span
    words, or sentences shorter than min_words, are not swaps.
    """
    if b < a:  # difflib can align a pair differently from each side: read it in one order always
        swap = swapped_span(b, a, max_span, min_words, case_sensitive)
        return swap and Swap(swap.b_words, swap.a_words, swap.b_start, swap.a_start)
    wa, wb = words(a), words(b)
    if min(len(wa), len(wb)) < min_words or abs(len(wa) - len(wb)) > max_span:
        return None
    ka = wa if case_sensitive else tuple(w.lower() for w in wa)
    kb = wb if case_sensitive else tuple(w.lower() for w in wb)
    ops = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if set(ka[i1:i2]) | set(kb[j1:j2]) <= TRIVIAL:
            continue
        ops.append((tag, i1, i2, j1, j2))
    if len(ops) != 1 or ops[0][0] != "replace":
        return None
    _, i1, i2, j1, j2 = ops[0]
    if i2 - i1 > max_span or j2 - j1 > max_span:
        return None
    return Swap(wa[i1:i2], wb[j1:j2], i1, j1)
