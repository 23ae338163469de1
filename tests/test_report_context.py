"""The report's context for each claim: the article's headline and the sentences around the claim."""
from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from conftest import SAMPLE
from detector.cli import app
from detector.io import load_corpus
from detector.report import claim_context
from detector.types import Document

runner = CliRunner()
TEXT = "Headline words.\nFirst sentence here. The claim sits in the middle. Last sentence here.\nNext paragraph."


def test_context_is_the_sentence_before_and_after_within_the_paragraph():
    doc = Document("a.txt", "A", TEXT, title="The headline")
    found = claim_context([doc], {("a.txt", "The claim sits in the middle."), ("a.txt", "First sentence here."),
                                  ("a.txt", "Not in the article."), ("b.txt", "First sentence here.")})
    assert found[("a.txt", "The claim sits in the middle.")] == {
        "title": "The headline", "before": "First sentence here.", "after": "Last sentence here."}
    assert found[("a.txt", "First sentence here.")]["before"] == ""  # the paragraph starts with it
    assert len(found) == 2  # a claim its article does not hold, or an unknown article, has none


def report_data(path) -> dict:
    html = path.read_text(encoding="utf-8")
    raw = re.search(r'<script id="data" type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)


def claims_of(data: dict) -> list[dict]:
    return [c for d in data["disputes"] for s in d["sides"] for c in s["claims"]]


def test_scan_report_has_headlines_and_paragraphs_and_report_without_corpus_has_the_csv(tmp_path, use_fake_encoder):
    out, html = tmp_path / "c.csv", tmp_path / "r.html"
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "--report", str(html)])
    assert result.exit_code == 0, result.output
    titles = {d.doc_id: d.title for d in load_corpus(SAMPLE)[0]}
    scanned = claims_of(report_data(html))
    assert scanned and all(c["title"] == (titles[c["doc"]] or "") for c in scanned)
    assert any(c["before"] for c in scanned) and any(c["after"] for c in scanned)

    bare = tmp_path / "bare.html"
    assert runner.invoke(app, ["report", str(out), "-o", str(bare)]).exit_code == 0
    plain = claims_of(report_data(bare))
    assert [c["text"] for c in plain] == [c["text"] for c in scanned]
    assert all(c["title"] == c["before"] == c["after"] == "" for c in plain)
    assert all(c["date"] and c["url"].startswith("https://") for c in plain if c["doc"] != "metro_daily.html")

    again = tmp_path / "again.html"
    assert runner.invoke(app, ["report", str(out), "-o", str(again), "--corpus", str(SAMPLE)]).exit_code == 0
    assert claims_of(report_data(again)) == scanned
