"""End to end with the real model: the seeds, the sample corpus and the multi-outlet test corpus.

These are the product's acceptance checks; they load the real embedding model (marked slow).
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from detector import Settings, scan
from detector.answer_key import read_key, score_key
from detector.types import CandidatePair, Claim, RuleHit, ScoredPair
from tests.conftest import ROOT, SAMPLE, SHARED, needs_shared

pytestmark = pytest.mark.slow


def test_real_model_embeds_offline_and_normalised(real_encoder):
    vectors = real_encoder.encode(["The vote was postponed.", "The vote was delayed.", "Bananas are yellow."])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def _rank(rows, pattern_a: str, pattern_b: str) -> int | None:
    for n, sp in enumerate(rows, 1):
        x, y = sp.pair.a.text.lower(), sp.pair.b.text.lower()
        if (re.search(pattern_a, x) and re.search(pattern_b, y)) or (re.search(pattern_b, x) and re.search(pattern_a, y)):
            return n
    return None


@needs_shared
def test_seed_conflicts_rank_in_top_five(real_encoder):
    result = scan(SHARED / "seeds", Settings(), encoder=real_encoder)
    modal = _rank(result.flagged, r"requir|compel|mandat", r"voluntar")
    cause = _rank(result.flagged, r"ceo|travel|washington|short notice|blocker|wording|language", r"lobb|musk|zuckerberg|sacks")
    assert modal is not None and modal <= 5
    assert cause is not None and cause <= 5


def _score_key(folder, encoder):
    # An agreement is wrongly flagged when paired as a conflict; an update may appear as kind "update".
    result = scan(folder, Settings(), encoder=encoder)
    key = score_key(result.flagged, read_key(folder / "expected.csv"))
    return result, key.found / key.conflicts, key.false_alarms


def test_sample_corpus_against_its_key(real_encoder):
    result, recall, false_alarms = _score_key(SAMPLE, real_encoder)
    # Every expected conflict is found (17/17 since a sentence that refers back, "The council voted
    # late Tuesday night", is read with the sentence before it), and no agreement is flagged.
    assert recall == 1.0, f"recall {recall:.2f}"
    assert not false_alarms, false_alarms


def test_multi_outlet_test_corpus_against_its_key(real_encoder):
    result, recall, false_alarms = _score_key(ROOT / "tests" / "corpus", real_encoder)
    # 34/43 measured. It was 35 until "postponed" and "cancelled" said of one meeting stopped being a
    # clash without a word that the meeting goes on or is dead: blind readers of real news call
    # that loose wording, not a disagreement (issue 19), and this key's one such pair went with it.
    assert recall >= 34 / 43 - 1e-9, f"recall {recall:.2f}"
    assert not false_alarms, false_alarms


# Written by helpers without sight of the rules; each was scored blind first (validation 4/39,
# validation2 19/57 with 6/43 agreements flagged, validation3 9/54 with 5/42, validation4 10/55
# with 6/46, validation5 16/60 with 0/55, validation6 4/57 with 1/46, validation7 12/60 with
# 1/52, validation8 8/58 with 1/49, validation9 15/78 with 2/60 after the frames change,
# validation10 20/57 with 0/48 after the work on real set D, validation11 8/30 with 1/35 before
# the work on real set G and 8/30 with 1/35 after it, validation12 written after most of that work:
# 12/28 with 4/34, against 9/28 with 4/34 for the rules before it; validation13 written after the
# next session's work: 10/32 with 0/38 once its rising counts were keyed as updates, 10/32 for the
# rules before that work too, and 1/38 before "spent Saturday waiting" read as a stay; validation14 written
# after the next session's work: 7/33 with 0/24, and 7/33 for the rules before that work; validation15 written after the
# next session's work: 10/19 with 2/23, and the same for the rules before that work; validation16 written during
# the next session: 10/18 with 0/24, the same for the rules before it; validation17 written during stop 37, scored once
# before it was read: 9/39 with 0/46, the same for the rules at the session's start; validation18 written during
# stop 38, scored once before it was read: 14/32 with 0/43, the same for the rules at that session's start), and the rules were then
# generalised against the failure kinds each showed. Floors are the measured values; validation11's
# one listed agreement flagged until stop 37, two steps told with two days ("arrived on Tuesday afternoon" /
# "began dropping bags on Wednesday morning"), went when an arrival was read as a response dated apart
# from any other happening (reading any two different verbs as two happenings cost 10 of the other
# corpora's conflicts). Since stop 36 a listed conflict counts as found
# only when the scan flags it as a conflict: a row it reads as an update was counted before, which
# put validation2, 3, 4, 9 and 14 at 31, 20, 35, 15 and 7 (298 / 760 in all, against 289 now).
@pytest.mark.parametrize("folder, floor, allowed", [
    ("validation", 23 / 39, 0), ("validation2", 29 / 57, 0), ("validation3", 19 / 54, 0), ("validation4", 31 / 55, 0),
    ("validation5", 18 / 60, 0), ("validation6", 17 / 57, 0), ("validation7", 17 / 60, 0), ("validation8", 15 / 58, 0),
    ("validation9", 14 / 78, 0), ("validation10", 20 / 57, 0), ("validation11", 10 / 30, 0), ("validation12", 12 / 28, 0),
    ("validation13", 14 / 32, 0), ("validation14", 6 / 33, 0), ("validation15", 10 / 19, 0),
    ("validation16", 10 / 18, 0), ("validation17", 12 / 39, 0), ("validation18", 14 / 32, 0),
])
def test_validation_corpora_against_their_keys(real_encoder, folder, floor, allowed):
    result, recall, false_alarms = _score_key(ROOT / "tests" / folder, real_encoder)
    assert recall >= floor - 1e-9, f"recall {recall:.2f}"
    assert len(false_alarms) <= allowed, false_alarms


def test_scan_is_deterministic(real_encoder, tmp_path):
    from detector.review import write_conflicts

    for name in ("one.csv", "two.csv"):
        write_conflicts(tmp_path / name, scan(SAMPLE, Settings(), encoder=real_encoder).flagged)
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


@needs_shared
def test_seed_conflicts_are_one_dispute_each_with_one_outlet_per_side(real_encoder):
    from detector.disputes import group_disputes
    from detector.review import conflict_rows

    result = scan(SHARED / "seeds", Settings(), encoder=real_encoder)
    disputes = group_disputes(conflict_rows(result.flagged, wire=result.wire))

    def holding(pattern_a, pattern_b):
        def matches(r):
            x, y = r["claim_a"].lower(), r["claim_b"].lower()
            return (re.search(pattern_a, x) and re.search(pattern_b, y)) or (re.search(pattern_b, x) and re.search(pattern_a, y))

        return [d for d in disputes if any(matches(r) for r in d.rows)]

    (modal,) = holding(r"requir|compel|mandat", r"voluntar")
    assert sorted(side.outlets for side in modal.sides) == [("000_6ff900358fad1cf9",), ("003_c07a121a448fa18e",)]
    (causes,) = holding(r"ceo|washington|blocker|wording", r"lobb|musk|zuckerberg|sacks")
    sides = {side.claims[0][1]: side.outlets for side in causes.sides}
    ceos = [o for text, o in sides.items() if "CEOs" in text]
    lobbying = [o for text, o in sides.items() if re.search(r"lobbying|pressure from AI industry", text)]
    assert ceos == [("000_6ff900358fad1cf9",)]
    assert lobbying == [("003_c07a121a448fa18e",)]  # the Post's account and the "lobbying" summary agree: one side


def test_events_of_many_corpora_in_one_folder_never_pair_across_events(real_encoder, tmp_path):
    """Every test corpus's articles in one folder (27 events, several of one kind: fires, strikes,
    failures): a pair flagged across two events would be a false alarm no reader accepts."""
    import shutil

    folders = [ROOT / "tests" / "corpus"] + sorted((ROOT / "tests").glob("validation*"))
    for folder in folders:
        for article in folder.iterdir():
            if article.suffix in (".txt", ".json", ".html") and article.name != "README.md":
                shutil.copy(article, tmp_path / f"{folder.name}__{article.name}")

    def event(doc_id: str) -> str:
        corpus, name = doc_id.split("__")
        return f"{corpus}:{name.split('_')[0]}"

    result = scan(tmp_path, Settings(), encoder=real_encoder)
    across = [(sp.pair.a.doc_id, sp.pair.b.doc_id, sp.evidence) for sp in result.flagged
              if event(sp.pair.a.doc_id) != event(sp.pair.b.doc_id)]
    assert len({event(d.doc_id) for d in result.documents}) >= 25 and len(result.flagged) > 100
    assert across == []


def test_a_listed_conflict_read_as_an_update_is_not_found():
    a = Claim("a1", "a.txt", "A", "The fire killed 64 people.", 0, 26, None, "2023-08-31")
    b = Claim("b1", "b.txt", "B", "The fire killed 73 people.", 0, 26, None, "2023-08-31")
    row = {"doc_a": "a.txt", "doc_b": "b.txt", "text_a": "64 people", "text_b": "73 people", "expected": "conflict", "dispute": "toll"}

    def flagged(kind):
        return [ScoredPair(CandidatePair(a, b, 0.9), (RuleHit(kind, 0.8, "..."),), 0.8)]
    assert (score_key(flagged("numbers"), [row]).found, score_key(flagged("numbers"), [row]).disputes_found) == (1, 1)
    assert (score_key(flagged("update"), [row]).found, score_key(flagged("update"), [row]).disputes_found) == (0, 0)
