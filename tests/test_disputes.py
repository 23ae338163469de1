"""Wire clusters, grouping of flagged pairs into disputes, the disputes CSV and the report."""
from __future__ import annotations

import csv
import json
import re

import pytest

from detector.columns import DISPUTE_COLUMNS
from detector.disputes import assign_dispute_ids, dispute_rows, group_disputes
from detector.report import render_report
from detector.types import Document
from detector.wire import wire_clusters
from tests.conftest import ROOT

WIRE = ("A fire at a chemical plant in Kelvara forced about 250 residents from their homes on Monday, "
        "officials said. Firefighters from four stations fought the blaze for most of the day. "
        "The cause of the fire is under investigation, and the company said it would cooperate fully.")


def row(pid, a, b, score="0.8", kind="numbers", verdict="", wire="", src_a=None, src_b=None):
    (doc_a, text_a), (doc_b, text_b) = a, b
    return {"pair_id": pid, "dispute_id": "", "score": score, "kind": kind, "similarity": "0.7",
            "doc_a": doc_a, "source_a": src_a or doc_a.split(".")[0], "claim_a": text_a,
            "doc_b": doc_b, "source_b": src_b or doc_b.split(".")[0], "claim_b": text_b,
            "evidence": f'{kind}: A "x" vs B "y"', "verdict": verdict, "note": "", "wire_cluster": wire}


def test_near_copies_form_one_wire_cluster_and_others_stay_apart():
    docs = [
        Document("wire.txt", "Wire", WIRE),
        Document("reprint.txt", "Gazette", "Breaking: " + WIRE.replace("about 250", "some 250")),
        Document("trimmed.txt", "Daily", WIRE.rsplit(".", 2)[0] + "."),
        Document("own.txt", "Courier", "The council met on Tuesday to discuss the stadium plan and the budget for next year."),
    ]
    clusters = wire_clusters(docs)
    assert clusters["wire.txt"] == clusters["reprint.txt"] == clusters["trimmed.txt"]
    assert "own.txt" not in clusters
    # the id depends only on the members, so an unrelated article does not change it
    assert wire_clusters(docs[:3]) == clusters


def test_three_competing_explanations_make_one_dispute_with_three_sides():
    rail = ("rail.txt", "The derailment was caused by a broken rail.")
    speed = ("speed.txt", "Officials blamed excessive speed for the derailment.")
    signal = ("signal.txt", "A signal failure triggered the derailment.")
    disputes = group_disputes([row("p1", rail, speed, kind="causes"), row("p2", rail, signal, kind="causes"),
                               row("p3", speed, signal, kind="causes", score="0.6")])
    assert len(disputes) == 1 and len(disputes[0].sides) == 3


def test_sides_gather_agreeing_outlets_and_wire_copies_count_once():
    required = "Operators are required to delete the data within 30 days."
    voluntary = "Deleting the data within 30 days is voluntary for operators."
    rows = [
        row("p1", ("a.txt", required), ("w1.txt", voluntary), wire=" | wire-1"),
        row("p2", ("a.txt", required), ("w2.txt", voluntary), wire=" | wire-1"),
        row("p3", ("b.txt", required), ("w1.txt", voluntary), wire=" | wire-1"),
    ]
    (d,) = group_disputes(rows)
    assert len(d.sides) == 2
    outlets = sorted(s.outlets for s in d.sides)
    assert outlets == [("a", "b"), ("w1", "w2")]
    assert d.n_outlets == 3  # a, b, and the wire cluster once


def test_unrelated_disagreements_stay_separate_and_ids_are_stable():
    p1 = row("aaa1", ("x.txt", "The fine is up to $5,000."), ("y.txt", "The fine is $12,000."))
    p2 = row("bbb2", ("x.txt", "The vote was postponed."), ("y.txt", "The vote was cancelled."), kind="status")
    first = {d.dispute_id for d in group_disputes([p1, p2])}
    assert len(first) == 2
    p3 = row("ccc3", ("z.txt", "The bridge is open."), ("q.txt", "The bridge is closed."), kind="status")
    assert first <= {d.dispute_id for d in group_disputes([p1, p2, p3])}


def test_a_pair_marked_no_joins_no_dispute():
    rows = assign_dispute_ids([row("p1", ("a.txt", "x one"), ("b.txt", "y two"), verdict="no"),
                               row("p2", ("c.txt", "x three"), ("d.txt", "y four"))])
    assert rows[0]["dispute_id"] == "" and rows[1]["dispute_id"].startswith("d-")


def test_dispute_rows_follow_the_column_contract():
    rows = dispute_rows(group_disputes([row("p1", ("a.txt", "up to 60 days"), ("b.txt", "at least 90 days"))]))
    assert list(rows[0]) == DISPUTE_COLUMNS
    assert rows[0]["side_a_claim"] and rows[0]["side_b_claim"] and rows[0]["n_pairs"] == "1"


def test_report_escapes_article_text_and_needs_no_network():
    hostile = 'The fine is <script>alert("x")</script></script><!-- $5,000.'
    html = render_report(group_disputes([row("p1", ("a.txt", hostile), ("b.txt", "The fine is $12,000."))]))
    assert "<script>alert" not in html and "</script><!--" not in html
    data = re.search(r'<script id="data" type="application/json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["disputes"][0]["sides"]
    assert not re.search(r'(?:src|href)="https?:', html)  # nothing loaded from the network


@pytest.mark.slow
def test_test_corpus_disputes_each_hold_one_planted_disagreement(real_encoder, tmp_path):
    """Every dispute holds pairs of a single planted disagreement, and the number of disputes
    equals the number of distinct planted disagreements among the pairs found (within one)."""
    from detector import Settings, scan
    from detector.review import pair_id
    from tests.conftest import expected_outcomes

    corpus = ROOT / "tests" / "corpus"
    result = scan(corpus, Settings(), encoder=real_encoder)
    label = {}
    for key, match in expected_outcomes(result.flagged, corpus / "expected.csv"):
        if match is not None:
            label[pair_id(match)] = key["dispute"] or key["kind"]
    from detector.review import conflict_rows

    disputes = group_disputes(conflict_rows(result.flagged, wire=result.wire))
    for d in disputes:
        assert len({label.get(r["pair_id"], r["pair_id"]) for r in d.rows}) == 1, d.dispute_id
    found = {label[pid] for pid in label}
    assert abs(len(disputes) - len(found)) <= 1
    with open(corpus / "disputes.csv", newline="", encoding="utf-8") as fh:
        planted = {r["dispute"] for r in csv.DictReader(fh)}
    assert found - {"update"} <= planted
