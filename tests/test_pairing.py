"""detector.pairing.nearest_pairs: cross-group top-k neighbours, computed in blocks."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from detector.pairing import nearest_pairs


def unit_rows(n: int, d: int = 16, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def brute_force(vectors, groups, top_k, min_similarity):
    """Reference: for every row, its top_k other-group rows (ties may go either way), kept if >= floor."""
    n = len(vectors)
    sims = vectors.astype(np.float64) @ vectors.astype(np.float64).T
    pairs = {}
    for i in range(n):
        others = [j for j in range(n) if groups[j] != groups[i]]
        others.sort(key=lambda j: -sims[i, j])
        for j in others[:top_k]:
            if sims[i, j] >= min_similarity:
                pairs[(min(i, j), max(i, j))] = sims[i, j]
    return pairs


def as_dict(result):
    i, j, s = result
    return {(int(a), int(b)): float(x) for a, b, x in zip(i, j, s)}


def test_never_pairs_rows_of_one_group():
    v = unit_rows(60)
    groups = np.arange(60) % 3
    i, j, s = nearest_pairs(v, groups, top_k=10, min_similarity=-1.0)
    assert len(i) > 0
    assert np.all(groups[i] != groups[j])


def test_identical_vectors_in_one_group_are_not_paired():
    v = np.tile(unit_rows(1), (4, 1))
    i, j, _ = nearest_pairs(v, np.array([0, 0, 1, 1]), top_k=3, min_similarity=0.5)
    assert set(zip(i.tolist(), j.tolist())) == {(0, 2), (0, 3), (1, 2), (1, 3)}


def test_each_pair_once_with_i_less_than_j_sorted():
    v = unit_rows(50)
    groups = np.arange(50) % 5
    i, j, s = nearest_pairs(v, groups, top_k=6, min_similarity=-1.0)
    assert np.all(i < j)
    keys = list(zip(i.tolist(), j.tolist()))
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)
    assert s.dtype == np.float32
    np.testing.assert_allclose(s, np.sum(v[i] * v[j], axis=1), rtol=1e-5, atol=1e-6)


def test_respects_min_similarity():
    v = unit_rows(80)
    groups = np.arange(80) % 4
    _, _, s_all = nearest_pairs(v, groups, top_k=10, min_similarity=-1.0)
    i, j, s = nearest_pairs(v, groups, top_k=10, min_similarity=0.3)
    assert len(s) > 0 and np.all(s >= 0.3)
    assert 0 < len(s) < len(s_all)
    kept, everything = as_dict((i, j, s)), as_dict(nearest_pairs(v, groups, 10, -1.0))
    assert kept.keys() == {k for k, x in everything.items() if x >= 0.3}
    # the two runs multiply in different blocks: a similarity may differ in its last bit
    np.testing.assert_allclose([kept[k] for k in sorted(kept)], [everything[k] for k in sorted(kept)], rtol=1e-6)


def test_high_floor_gives_nothing():
    v = unit_rows(30)
    i, j, s = nearest_pairs(v, np.arange(30), top_k=5, min_similarity=1.01)
    assert len(i) == len(j) == len(s) == 0


def test_respects_top_k():
    v = unit_rows(40)
    groups = np.arange(40)  # every row its own group
    for k in (1, 3):
        found = nearest_pairs(v, groups, top_k=k, min_similarity=-1.0)
        assert len(found[0]) <= 40 * k  # each row proposes at most k partners
        assert as_dict(found).keys() == brute_force(v, groups, k, -1.0).keys()
    i1, _, _ = nearest_pairs(v, groups, top_k=1, min_similarity=-1.0)
    i3, _, _ = nearest_pairs(v, groups, top_k=3, min_similarity=-1.0)
    assert len(i1) < len(i3)


def test_top_k_larger_than_n():
    v = unit_rows(5)
    i, j, _ = nearest_pairs(v, np.arange(5), top_k=50, min_similarity=-1.0)
    assert len(i) == 10  # every cross pair, once


def test_blocks_give_the_same_result_as_one_block():
    v = unit_rows(203, seed=42)
    groups = np.random.default_rng(7).integers(0, 6, size=203)
    whole = nearest_pairs(v, groups, top_k=5, min_similarity=0.1, block_size=10_000)
    for block in (1, 16, 50, 202):
        part = nearest_pairs(v, groups, top_k=5, min_similarity=0.1, block_size=block)
        np.testing.assert_array_equal(whole[0], part[0])
        np.testing.assert_array_equal(whole[1], part[1])
        # BLAS may sum a block's dot products in a different order: equal to float32 rounding
        np.testing.assert_allclose(whole[2], part[2], rtol=0, atol=1e-6)


def test_fewer_than_two_rows_returns_empty_arrays():
    for n in (0, 1):
        i, j, s = nearest_pairs(np.zeros((n, 8), dtype=np.float32), np.zeros(n, dtype=int), top_k=3, min_similarity=0.0)
        assert len(i) == len(j) == len(s) == 0
        assert i.dtype.kind == "i" and s.dtype == np.float32


def test_all_rows_in_one_group_gives_nothing():
    i, j, s = nearest_pairs(unit_rows(10), np.zeros(10, dtype=int), top_k=3, min_similarity=-1.0)
    assert len(i) == 0


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=2, max_value=14).flatmap(
        lambda n: st.tuples(
            arrays(np.int8, (n, 4), elements=st.integers(-3, 3)),
            arrays(np.int8, n, elements=st.integers(0, 3)),
        )
    ),
    st.integers(min_value=1, max_value=6),
    st.sampled_from([-1.0, 0.0, 0.25, 0.6]),
    st.integers(min_value=1, max_value=5),
)
def test_matches_brute_force(data, top_k, floor, block_size):
    raw, groups = data
    v = raw.astype(np.float32) + np.float32(0.01) * np.arange(raw.size, dtype=np.float32).reshape(raw.shape)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    got = as_dict(nearest_pairs(v, groups.astype(np.int64), top_k, floor, block_size))
    # ties between equal similarities may be broken either way, so compare with a tie-aware reference
    sims = v.astype(np.float64) @ v.astype(np.float64).T
    n = len(v)
    for (a, b), s in got.items():
        assert a < b and groups[a] != groups[b]
        assert s >= floor
        assert abs(s - sims[a, b]) < 1e-5
    for a in range(n):
        others = sorted((sims[a, j] for j in range(n) if groups[j] != groups[a]), reverse=True)
        if not others:
            continue
        kth = others[min(top_k, len(others)) - 1]
        for j in range(n):
            if groups[j] == groups[a] or sims[a, j] < floor:
                continue
            key = (min(a, j), max(a, j))
            if sims[a, j] > kth + 1e-5:
                assert key in got, f"row {a}: neighbour {j} (sim {sims[a, j]:.3f}) above the k-th ({kth:.3f}) is missing"
    # nothing beyond what some row's top-k (with ties) could have proposed
    for (a, b), s in got.items():
        ok = False
        for x, y in ((a, b), (b, a)):
            others = sorted((sims[x, j] for j in range(n) if groups[j] != groups[x]), reverse=True)
            kth = others[min(top_k, len(others)) - 1]
            ok |= sims[x, y] >= kth - 1e-5
        assert ok, f"pair {(a, b)} is in no row's top-{top_k}"


def test_claims_timing_one_kind_of_event_are_paired_below_the_floor():
    from detector.event_pairs import event_keys, event_pairs
    from detector.settings import Settings
    from detector.types import Claim

    texts = ["The train left the tracks at 7:45 a.m. on Monday.", "A passenger train derailed on Sunday evening.",
             "A passenger train derailed near the bridge.", "The blaze began on Monday evening."]
    claims = [Claim(f"c{n}", f"doc{n}.txt", f"S{n}", t, 0, len(t)) for n, t in enumerate(texts)]
    assert [sorted(event_keys(t)) for t in texts] == [["derail"], ["derail"], [], ["begin", "fire"]]
    angle = np.deg2rad([0, 80, 10, 5])  # the two derailment claims have similarity cos(80°) = 0.17
    vectors = np.stack([np.cos(angle), np.sin(angle)], axis=1).astype(np.float32)
    found = event_pairs(claims, vectors, np.arange(4), Settings(event_min_similarity=0.15))
    assert {(i, j) for i, j, _ in found} == {(0, 1)}  # not the untimed claim, not another kind of event
    assert not event_pairs(claims, vectors, np.arange(4), Settings(event_min_similarity=0.2))


def test_claims_naming_holders_of_one_office_are_keyed_together():
    from detector.event_pairs import event_keys

    assert event_keys("Aurelle chief executive Marguerite Ostrander said the fleet would stay grounded.") == {"office:executive"}
    assert event_keys("Aurelle's chief executive, Daniel Ferrow, told analysts the grounding was necessary.") == {"office:executive"}
    assert event_keys("Former chief executive Daniel Ferrow left in 2024.") == frozenset()  # a past holder holds nothing now


def test_claims_giving_a_measure_an_age_or_a_population_are_keyed_together():
    from detector.event_pairs import event_keys

    assert event_keys("Much of the 1.6-mile bridge fell into the river.") == {"measure:length"}
    assert event_keys("The 95,000 gross-ton vessel plowed into a pier.") == {"measure:mass"}
    assert event_keys("Frenchman Paul-Henry Nargeolet, 73, is said to be the pilot.") == {"age"}
    assert event_keys("It's a village with a population of 4,900 people.") == {"population"}
    assert event_keys("At least 47 people died in the fire.") == frozenset()


def test_claims_counting_one_named_quantity_are_keyed_together():
    from detector.frames import figure_keys, frame_of

    keys = lambda text: figure_keys(frame_of(text))  # noqa: E731
    assert keys("The jet, carrying 181 passengers, veered off the runway.") & keys("The plane had 175 passengers.")
    assert keys("Four armed men burst into the hall.") & keys("According to eyewitnesses, there were at least five attackers.")
    assert keys("The assailants struck the 6,200-seat hall.") & keys("The concert hall can hold up to 6,000 people.")
    # running counts of people: every sentence of a disaster story has one, similarity pairs them
    assert keys("At least 47 people died in the fire.") == keys("Rescuers pulled out two people.") == frozenset()
    assert keys("Including 12 children, 40 passengers were hurt.") != keys("The plane had 175 passengers.")


def test_articles_telling_different_stories_are_not_paired():
    from detector.pipeline import candidate_pairs, story_similarity
    from detector.settings import Settings
    from detector.types import Claim

    # two articles of three claims each; their closest claims are similar (0.87), the articles are not
    claims = [Claim(f"{d}{n}", f"{d}.txt", d.upper(), f"claim {d}{n} here", 0, 10) for d in "ab" for n in range(3)]
    angle = np.deg2rad([-60, -50, 0, 30, 140, 150])
    vectors = np.stack([np.cos(angle), np.sin(angle)], axis=1).astype(np.float32)
    assert story_similarity(claims, vectors)("a.txt", "b.txt") < 0.5
    assert not candidate_pairs(claims, vectors, Settings())
    assert candidate_pairs(claims, vectors, Settings(min_story_similarity=-1.0))
    short = claims[1:5]  # two claims an article: too few to tell a story, compared as before
    assert candidate_pairs(short, vectors[1:5], Settings())


def test_a_claim_that_refers_back_is_as_similar_as_the_sentence_before_it():
    from detector.pipeline import candidate_pairs
    from detector.settings import Settings
    from detector.types import Claim

    first = "The City Council approved the data ordinance by a vote of 7-2."
    second = "The council voted late Tuesday night after four hours of debate."
    other = "The City Council approved the data ordinance 7-2 on Thursday afternoon."
    claims = [Claim("a0", "a.txt", "A", first, 0, len(first)), Claim("a1", "a.txt", "A", second, len(first) + 1, len(first) + 1 + len(second)),
              Claim("b0", "b.txt", "B", other, 0, len(other))]
    angle = np.deg2rad([0, 75, 10])  # the vote sentence alone is far from the other outlet's (cos 65° = 0.42)
    vectors = np.stack([np.cos(angle), np.sin(angle)], axis=1).astype(np.float32)
    sims = {(p.a.claim_id, p.b.claim_id): p.similarity for p in candidate_pairs(claims, vectors, Settings())}
    assert sims[("a1", "b0")] == round(float(np.cos(np.deg2rad(10))), 4)  # read with "The City Council approved ..."
    assert sims[("a0", "b0")] == round(float(np.cos(np.deg2rad(10))), 4)
    claims[1] = Claim("a1", "a.txt", "A", "The weather stayed mild all week.", len(first) + 1, len(first) + 34)
    sims = {(p.a.claim_id, p.b.claim_id): p.similarity for p in candidate_pairs(claims, vectors, Settings())}
    assert sims[("a1", "b0")] == round(float(np.cos(np.deg2rad(65))), 4)  # no reference back: its own similarity


def test_story_names_are_leading_words_of_names_the_corpus_never_writes_in_lower_case():
    from detector.pipeline import story_names

    names = story_names({
        "a": "Shares of Tessaro Aerospace fell after the fire. The Port of Saltmere said Sam Altman's firm was told.",
        "b": "Meteora Aerospace shares and the fire service were at the Saltmere Port Authority. Altman said so.",
    })
    # "Aerospace" only ever ends a name; "Shares" and "The" are words the corpus writes in lower case
    assert names["a"] == {"Tessaro", "Saltmere", "Sam", "Altman"}
    assert names["b"] == {"Meteora", "Saltmere", "Altman"}


def test_one_story_needs_alike_claims_a_shared_name_and_nearby_dates():
    from detector.pipeline import one_story
    from detector.settings import Settings

    s = Settings()
    assert one_story(0.7, frozenset({"Genoa"}), frozenset({"Genoa", "Italy"}), 1, s)
    assert not one_story(0.7, frozenset({"Genoa"}), frozenset({"Mexico"}), 1, s)  # two events of one kind
    assert one_story(0.7, frozenset(), frozenset({"Mexico"}), None, s)  # an article naming no one: claims decide
    assert not one_story(0.4, frozenset({"Genoa"}), frozenset({"Genoa"}), 0, s)
    assert not one_story(0.7, frozenset({"Genoa"}), frozenset({"Genoa"}), 400, s)  # a year later: another story


def test_a_claim_that_gives_an_age_in_any_form_is_bucketed_for_ages():
    from detector.event_pairs import event_keys

    for text in ("The station master is 56 years old and took up the post a month ago.",
                 "The driver, aged 61, was taken to hospital.",
                 "Police said the 59-year-old station master has been arrested."):
        assert "age" in event_keys(text)
    assert "age" not in event_keys("The station has been open for 56 years.")
