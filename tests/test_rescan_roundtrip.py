"""A scan's own output is always rescannable (issue 15): an article that repeats a sentence
(headline restated as the lede, a pull quote) gives one claim, so pair ids are unique by
construction; an older file that already holds duplicate rows is merged, never refused."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from typer.testing import CliRunner

from detector import Settings, scan
from detector.claims import extract_claims
from detector.cli import app
from detector.review import read_review_file, write_conflicts
from detector.types import Document
from tests.conftest import ROOT, SHARED, FakeEncoder, read_csv, save_csv

runner = CliRunner()
HEADLINE = "Trump killed his own AI security order on Thursday."


def test_a_sentence_an_article_repeats_is_one_claim():
    doc = Document("a.txt", "A", f"{HEADLINE}\n{HEADLINE} Officials said it was postponed.\n\u201cIt is off,\u201d he said.\n"
                                 "\"It is  off,\" he said.")
    texts = [c.text for c in extract_claims(doc)]
    assert texts == [HEADLINE, "Officials said it was postponed.", "\u201cIt is off,\u201d he said."]


def test_a_text_cut_off_mid_word_keeps_its_whole_sentences():
    doc = Document("a.txt", "A", "The quake killed 30 people in the town.\nRescuers searched all night for survivors. "
                                 "Officials said the toll could ri")
    assert [c.text for c in extract_claims(doc)] == ["The quake killed 30 people in the town.",
                                                      "Rescuers searched all night for survivors."]
    # a paragraph that does not end like prose, before the end, is still a heading or caption
    doc = Document("b.txt", "B", "Rescuers searched all night for survivors. Photo by staff\nThe quake killed 30 people.")
    assert [c.text for c in extract_claims(doc)] == ["The quake killed 30 people."]


HEADER = "pair_id,score,kind,similarity,doc_a,source_a,claim_a,doc_b,source_b,claim_b,evidence,verdict,note,reviewer\n"


def test_an_older_file_with_duplicate_rows_is_merged_keeping_every_verdict(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(HEADER + "pa,0.9,numbers,0.7,d1,A,x,d2,B,y,e,yes,checked,ann\npa,0.9,numbers,0.7,d1,A,x,d2,B,y,e,Y,,\n"
                    "pb,0.8,dates,0.6,d1,A,x,d3,C,z,e,yes,first,ann\npb,0.8,dates,0.6,d1,A,x,d3,C,z,e,no,second,bo\n"
                    "pc,0.7,dates,0.5,d1,A,u,d2,B,v,e,,,\n",
                    encoding="utf-8")
    warnings: list[str] = []
    columns, rows = read_review_file(path, warnings)
    got = {r["pair_id"]: (r["verdict"], r["note"], r["reviewer"]) for r in rows}
    assert got == {"pa": ("yes / Y", "checked", "ann"), "pb": ("yes / no", "first / second", "ann / bo"), "pc": ("", "", "")}
    # agreeing verdicts merge silently; differing ones are named, lines and all
    assert len(warnings) == 1 and "lines 4, 5" in warnings[0] and "pb" in warnings[0]


def test_tune_disputes_and_report_read_an_older_file_with_duplicate_rows(tmp_path):
    path = tmp_path / "old.csv"
    rows = [f"p{n},0.{50 + n},numbers,0.6,d1,A,a{n},d2,B,b{n},e,{'yes' if n % 2 else 'no'},,\n" for n in range(20)]
    path.write_text(HEADER + "".join(rows) + rows[3] + rows[4].replace(",no,", ",yes,"), encoding="utf-8")
    result = runner.invoke(app, ["tune", str(path)])
    assert result.exit_code == 0, result.output
    assert "different verdicts" in result.output
    for command, out in (("disputes", "d.csv"), ("report", "r.html")):
        result = runner.invoke(app, [command, str(path), "-o", str(tmp_path / out)])
        assert result.exit_code == 0 and "different verdicts" in result.output, result.output


# --- scan -> review -> rescan, again and again --------------------------------------------------

SENTENCES = [
    "The council approved the budget on Tuesday.", "The council rejected the budget on Thursday.",
    "At least 12 people were killed in the blast.", "Officials said 30 people died in the blast.",
    "The review is mandatory for all firms.", "Participation in the review is voluntary.",
    "The signing was postponed because of the wording.", "The signing was cancelled after lobbying.",
    "Rescuers worked through the night.", "It is off.",
]


@st.composite
def corpora(draw):
    """Articles of a few outlets: sentences repeated inside an article, an article copied under
    a second file name, one sentence in several outlets, near-empty articles, cut-off endings."""
    n = draw(st.integers(2, 5))
    files = {}
    for k in range(n):
        picked = draw(st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=7))
        if picked and draw(st.booleans()):
            picked.insert(0, picked[0])  # the headline restated as the lede
        body = "\n".join(" ".join(picked[i:i + 2]) for i in range(0, len(picked), 2))
        if draw(st.booleans()):
            body += "\nThe toll could ri"  # scraped text cut off mid-word
        files[f"outlet{k}.txt"] = f"SOURCE: Outlet {k % 3}\n\n{body or 'Short.'}\n"
    if draw(st.booleans()):
        files["copy_of_outlet0.txt"] = files["outlet0.txt"]
    return files


def _write_corpus(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _review_some(path: Path, rng: random.Random) -> dict[str, str]:
    """Fill random verdicts (and notes) as a reviewer would; returns every verdict in the file."""
    columns, rows = read_csv(path)
    for row in rows:
        if rng.random() < 0.5:
            row["verdict"], row["note"] = rng.choice(["yes", "no", "n", "Y"]), rng.choice(["", "checked"])
    save_csv(path, columns, rows)
    return {r["pair_id"]: r["verdict"] for r in rows if r["verdict"]}


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=corpora(), second=corpora(), seed=st.integers(0, 2**16))
def test_scan_review_rescan_never_refuses_its_own_file_nor_loses_a_verdict(tmp_path_factory, first, second, seed):
    folder, out = tmp_path_factory.mktemp("corpus"), None
    out = folder.parent / f"{folder.name}.csv"
    rng, encoder, kept = random.Random(seed), FakeEncoder(), {}
    for files in (first, first, second, first):  # the same corpus again, then a changed one, then back
        _write_corpus(folder, files)
        result = scan(folder, Settings(use_cache=False, min_story_similarity=-1.0), encoder=encoder)
        write_conflicts(out, result.flagged)
        _, rows = read_csv(out)
        ids = [r["pair_id"] for r in rows]
        assert len(ids) == len(set(ids)), "a scan wrote one pair twice"
        got = {r["pair_id"]: r["verdict"] for r in rows}
        assert all(got.get(pid) == verdict for pid, verdict in kept.items()), "a verdict was lost"
        kept.update(_review_some(out, rng))


def _corpus_folders() -> list[Path]:
    folders = [ROOT / "data" / "sample", *sorted(p for p in (ROOT / "tests").iterdir() if (p / "expected.csv").exists())]
    real = Path(os.environ.get("DETECTOR_REALNEWS", SHARED / "realnews" / "corpus"))
    return folders + ([real] if real.is_dir() else [])


@pytest.mark.parametrize("folder", _corpus_folders(), ids=lambda p: p.name)
def test_every_corpus_round_trips_with_disputes_and_report(tmp_path, use_fake_encoder, folder):
    out, rng = tmp_path / "conflicts.csv", random.Random(7)
    args = ["scan", str(folder), "-o", str(out), "--disputes", str(tmp_path / "d.csv"), "--report", str(tmp_path / "r.html"), "-q"]
    kept: dict[str, str] = {}
    for _ in range(3):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        _, rows = read_csv(out)
        assert len({r["pair_id"] for r in rows}) == len(rows)
        assert all(r["verdict"] == kept[r["pair_id"]] for r in rows if r["pair_id"] in kept)
        assert set(kept) <= {r["pair_id"] for r in rows}
        kept.update(_review_some(out, rng))
    assert runner.invoke(app, ["tune", str(out)]).exit_code in (0, 2)  # 2: too few reviewed rows of one kind is a clear error
