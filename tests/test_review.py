"""detector.review: the conflicts CSV is written to the contract and reviews are never lost."""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from detector.errors import ReviewFileError
from detector.review import COLUMNS, OUTPUT_COLUMNS, pair_id, parse_verdict, read_review_file, write_conflicts
from detector.types import CandidatePair, Claim, RuleHit, ScoredPair
from tests.conftest import read_csv as read_rows, save_csv as save_rows

HEADER = "pair_id,dispute_id,score,kind,similarity,doc_a,source_a,claim_a,doc_b,source_b,claim_b,evidence,verdict,note"
# The contract's 14 columns, then the context columns the tool adds after `note`.
WRITTEN_HEADER = HEADER + ",wire_cluster,date_a,date_b,url_a,url_b"


def claim(text: str, doc_id: str = "a.txt", source: str = "Outlet A", start: int = 0) -> Claim:
    return Claim(claim_id=f"{doc_id}:{start}", doc_id=doc_id, source=source, text=text, start=start, end=start + len(text))


def scored(text_a: str, text_b: str, score: float = 0.8, kind: str = "numbers", sim: float = 0.7,
           doc_a: str = "a.txt", doc_b: str = "b.txt") -> ScoredPair:
    pair = CandidatePair(claim(text_a, doc_a, "Outlet A"), claim(text_b, doc_b, "Outlet B"), sim)
    return ScoredPair(pair, (RuleHit(kind, 0.9, f"{kind}: {text_a[:10]} vs {text_b[:10]}"),), score)


P1 = scored("The fine is $5,000 per incident.", "The fine is $12,000 per incident.", 0.91)
P2 = scored("Registration is required for brokers.", "Registration is voluntary for brokers.", 0.77, "modality")
P3 = scored("The train derailed on Monday morning.", "The train derailed on Sunday evening.", 0.55, "dates")


def review(path: Path, verdicts: dict[str, tuple[str, str]], extra: dict[str, dict[str, str]] | None = None) -> None:
    """Act as a reviewer: fill verdict/note for some pair ids, optionally add columns."""
    columns, rows = read_rows(path)
    extra = extra or {}
    for col in extra:
        columns.append(col)
    for row in rows:
        if row["pair_id"] in verdicts:
            row["verdict"], row["note"] = verdicts[row["pair_id"]]
        for col, values in extra.items():
            row[col] = values.get(row["pair_id"], "")
    save_rows(path, columns, rows)


# --- writing --------------------------------------------------------------------------------

def test_header_and_rows(tmp_path):
    out = tmp_path / "conflicts.csv"
    assert write_conflicts(out, [P1, P2, P3]).warnings == []
    assert out.read_text(encoding="utf-8").split("\n", 1)[0] == WRITTEN_HEADER
    assert ",".join(COLUMNS) == HEADER and ",".join(OUTPUT_COLUMNS) == WRITTEN_HEADER
    _, rows = read_rows(out)
    assert [r["pair_id"] for r in rows] == [pair_id(P1), pair_id(P2), pair_id(P3)]
    assert [float(r["score"]) for r in rows] == [0.91, 0.77, 0.55]
    first = rows[0]
    assert first["claim_a"] == P1.pair.a.text and first["claim_b"] == P1.pair.b.text
    assert (first["doc_a"], first["source_a"], first["doc_b"], first["source_b"]) == ("a.txt", "Outlet A", "b.txt", "Outlet B")
    assert first["kind"] == "numbers" and first["evidence"] == P1.evidence
    assert float(first["similarity"]) == pytest.approx(0.7)
    assert first["verdict"] == "" and first["note"] == ""


def test_pair_id_is_stable_and_order_independent():
    swapped = ScoredPair(CandidatePair(P1.pair.b, P1.pair.a, 0.7), P1.hits, 0.3)
    assert pair_id(swapped) == pair_id(P1)
    again = scored("The fine is $5,000 per incident.", "The fine is $12,000 per incident.", 0.1)
    assert pair_id(again) == pair_id(P1)
    assert len({pair_id(P1), pair_id(P2), pair_id(P3)}) == 3
    other_doc = scored("The fine is $5,000 per incident.", "The fine is $12,000 per incident.", doc_b="c.txt")
    assert pair_id(other_doc) != pair_id(P1)


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_formula_cells_are_neutralised(tmp_path, lead):
    text = f"{lead}SUM(A1:A9) people were hurt in the crash."
    out = tmp_path / "c.csv"
    write_conflicts(out, [scored(text, "Twelve people were hurt in the crash.")])
    _, rows = read_rows(out)
    assert rows[0]["claim_a"] == "'" + text
    assert rows[0]["claim_b"] == "Twelve people were hurt in the crash."


def test_empty_result_writes_header_only(tmp_path):
    out = tmp_path / "c.csv"
    write_conflicts(out, [])
    assert out.read_text(encoding="utf-8") == WRITTEN_HEADER + "\n"


# --- rescanning onto a reviewed file -------------------------------------------------------------

def test_rescan_keeps_reviews_extra_columns_and_stale_rows(tmp_path):
    out = tmp_path / "c.csv"
    write_conflicts(out, [P1, P2, P3])
    id1, id2, id3 = pair_id(P1), pair_id(P2), pair_id(P3)
    review(out, {id1: ("yes", "checked the minutes"), id2: ("no", "")}, extra={"reviewer": {id1: "ana", id2: "bo"}})

    # the next scan flags P1 (new score) and a new pair P4, no longer P2 (reviewed) nor P3 (unreviewed)
    p1_new = ScoredPair(P1.pair, P1.hits, 0.95)
    p4 = scored("The bridge is 240 metres long.", "The bridge is 400 metres long.", 0.6)
    assert write_conflicts(out, [p1_new, p4]).warnings == []

    columns, rows = read_rows(out)
    assert columns[:len(OUTPUT_COLUMNS)] == OUTPUT_COLUMNS
    assert set(columns[len(OUTPUT_COLUMNS):]) == {"reviewer", "status"}
    by_id = {r["pair_id"]: r for r in rows}
    assert set(by_id) == {id1, pair_id(p4), id2}
    assert [r["pair_id"] for r in rows][:2] == [id1, pair_id(p4)]  # flagged rows first, in the given order
    assert (by_id[id1]["verdict"], by_id[id1]["note"], by_id[id1]["reviewer"]) == ("yes", "checked the minutes", "ana")
    assert by_id[id1]["score"] == "0.9500" and by_id[id1]["status"] == ""
    assert (by_id[pair_id(p4)]["verdict"], by_id[pair_id(p4)]["reviewer"], by_id[pair_id(p4)]["status"]) == ("", "", "")
    assert (by_id[id2]["verdict"], by_id[id2]["reviewer"], by_id[id2]["status"]) == ("no", "bo", "stale")
    assert by_id[id2]["claim_a"] == P2.pair.a.text


def test_rescan_is_idempotent(tmp_path):
    out = tmp_path / "c.csv"
    write_conflicts(out, [P1, P2])
    review(out, {pair_id(P2): ("y", "- looks right")})
    write_conflicts(out, [P1])
    first = out.read_bytes()
    write_conflicts(out, [P1])
    assert out.read_bytes() == first
    _, rows = read_rows(out)
    assert [r["status"] for r in rows] == ["", "stale"]


def test_reads_a_spreadsheet_saved_file(tmp_path):
    out = tmp_path / "c.csv"
    write_conflicts(out, [P1, P2])
    columns, rows = read_rows(out)
    rows[0]["verdict"], rows[0]["note"] = "Yes", "été vérifié; ok"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    out.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))

    cols, got = read_review_file(out)
    assert cols == OUTPUT_COLUMNS
    assert got[0]["pair_id"] == pair_id(P1) and got[0]["note"] == "été vérifié; ok"

    write_conflicts(out, [P2, P1])
    _, merged = read_review_file(out)
    by_id = {r["pair_id"]: r for r in merged}
    assert (by_id[pair_id(P1)]["verdict"], by_id[pair_id(P1)]["note"]) == ("Yes", "été vérifié; ok")
    # written back as the spreadsheet saved it, so a semicolon locale still opens it in columns
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + WRITTEN_HEADER.replace(",", ";").encode() + b"\r\n")
    assert data.count(b"\r\n") == len(merged) + 1


def _assert_refused(path: Path, content: bytes, match: str | None = None):
    path.write_bytes(content)
    with pytest.raises(ReviewFileError, match=match) as info:
        write_conflicts(path, [P1, P2])
    assert path.read_bytes() == content
    assert info.value.hint
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind


def test_file_without_pair_id_is_refused_untouched(tmp_path):
    _assert_refused(tmp_path / "c.csv", b"id,verdict,note\n1,yes,\n", match="pair_id")


def test_row_with_too_many_cells_is_refused_untouched(tmp_path):
    pid = pair_id(P1).encode()
    _assert_refused(tmp_path / "c.csv", b"pair_id,verdict,note\n" + pid + b",yes,a,extra,cells\n")


def test_unterminated_quote_is_refused_untouched(tmp_path):
    pid = pair_id(P1).encode()
    _assert_refused(tmp_path / "c.csv", b"pair_id,verdict,note\n" + pid + b',yes,"never closed\n')


def test_unknown_verdict_warns_and_is_kept(tmp_path):
    out = tmp_path / "c.csv"
    write_conflicts(out, [P1, P2])
    review(out, {pair_id(P2): ("maybe", "")})
    warnings = write_conflicts(out, [P1, P2]).warnings
    assert len(warnings) == 1
    assert "maybe" in warnings[0]
    assert pair_id(P2) in warnings[0] or "row 3" in warnings[0]
    _, rows = read_rows(out)
    assert rows[1]["verdict"] == "maybe"


@pytest.mark.parametrize("value, expected", [
    ("yes", True), ("YES", True), ("y", True), ("True", True), ("1", True), ("Conflict", True), (" yes ", True),
    ("no", False), ("N", False), ("false", False), ("0", False), ("OK", False), ("No", False),
    ("", None), ("  ", None),
])
def test_parse_verdict(value, expected):
    assert parse_verdict(value) is expected


@pytest.mark.parametrize("value", ["maybe", "yes!", "2", "?"])
def test_parse_verdict_rejects_unknown(value):
    with pytest.raises(ValueError):
        parse_verdict(value)


# --- property: verdicts survive any rescan ------------------------------------------------------

VERDICTS = st.sampled_from(["yes", "no", "Y", "n", "TRUE", "0", "conflict", "ok", "maybe", ""])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.sets(st.integers(0, 30), max_size=12),
    second=st.sets(st.integers(0, 30), max_size=12),
    verdicts=st.dictionaries(st.integers(0, 30), st.tuples(VERDICTS, st.text(max_size=8)), max_size=12),
)
def test_every_entered_verdict_survives_a_rescan(first, second, verdicts):
    def make(n: int) -> ScoredPair:
        return scored(f"Claim number {n} says the fine is {n} dollars.", f"Claim {n} says otherwise.", 1 - n / 100)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "c.csv"
        write_conflicts(out, [make(n) for n in sorted(first)])
        entered = {pair_id(make(n)): v for n, v in verdicts.items() if n in first and v[0]}
        review(out, entered)
        write_conflicts(out, [make(n) for n in sorted(second)])
        _, rows = read_rows(out)

    ids = [r["pair_id"] for r in rows]
    assert len(ids) == len(set(ids))
    by_id = {r["pair_id"]: r for r in rows}
    for pid, (verdict, note) in entered.items():
        assert pid in by_id, "a reviewed row was dropped"
        assert by_id[pid]["verdict"] == verdict
        assert sum(r["verdict"] == verdict and r["pair_id"] == pid for r in rows) == 1
    assert {pair_id(make(n)) for n in second} <= set(by_id)
    for pid, row in by_id.items():
        flagged_now = pid in {pair_id(make(n)) for n in second}
        assert row["status"] == ("" if flagged_now else "stale") if "status" in row else flagged_now


def test_blank_rows_left_by_a_spreadsheet_are_ignored(tmp_path):
    out = tmp_path / "c.csv"
    write_conflicts(out, [P1])
    review(out, {pair_id(P1): ("yes", "")})
    text = out.read_text(encoding="utf-8")
    out.write_text(text + "," * (len(COLUMNS) - 1) + "\n" + "," * (len(COLUMNS) - 1) + "\n", encoding="utf-8")
    write_conflicts(out, [P1])
    _, rows = read_rows(out)
    assert [(r["pair_id"], r["verdict"]) for r in rows] == [(pair_id(P1), "yes")]
