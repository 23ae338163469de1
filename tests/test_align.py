"""detector.rules.align: the one differing span of two near-identical sentences."""
from __future__ import annotations

from hypothesis import given, strategies as st

from detector.rules.align import swapped_span

WORD = st.sampled_from("the a bridge shop was is open closed safe on Sunday near far from river".split())


def test_one_swapped_word():
    swap = swapped_span("The shop was open on Sunday.", "The shop was closed on Sunday.")
    assert (swap.a_words, swap.b_words, swap.a_start, swap.b_start) == (("open",), ("closed",), 3, 3)


def test_a_word_swapped_for_a_phrase():
    swap = swapped_span("A man stands near two women.", "A man stands far away from two women.")
    assert (swap.a, swap.b) == ("near", "far away from")


def test_case_punctuation_and_a_separate_article_change_are_not_differences():
    swap = swapped_span("The bridge, engineers said, is SAFE.", "A bridge, engineers said, is unsafe")
    assert (swap.a, swap.b) == ("SAFE", "unsafe")
    swap = swapped_span("A young man stands on a cliff.", "An old man stands on a cliff.")
    assert (swap.a, swap.b) == ("A young", "An old")  # an article next to the swap stays in it


def test_not_a_swap():
    assert swapped_span("The shop was open.", "The shop was open.") is None  # identical
    assert swapped_span("The shop was open on Sunday.", "The shop was open on Sunday and Monday.") is None  # insertion
    assert swapped_span("The shop was open on Sunday.", "A bakery was closed on Sunday.") is None  # two differences
    assert swapped_span("Open.", "Closed.") is None  # too short to say what stayed the same
    long_a = "The council said on Tuesday that the shop was open."
    long_b = "The council said on Tuesday that the new bakery near the station was not yet closed."
    assert swapped_span(long_a, long_b) is None  # the span is too long


@given(st.lists(WORD, min_size=4, max_size=10), st.lists(WORD, min_size=4, max_size=10))
def test_a_swap_reads_the_same_both_ways_round(a, b):
    x, y = swapped_span(" ".join(a), " ".join(b)), swapped_span(" ".join(b), " ".join(a))
    assert (x is None) == (y is None)
    if x is not None:
        assert (x.a_words, x.b_words, x.a_start) == (y.b_words, y.a_words, y.b_start)
