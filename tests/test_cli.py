"""The command line, through typer's CliRunner, with the fake encoder (no model, no torch)."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import textwrap

import pytest
import typer.main
from typer.testing import CliRunner

from conftest import ROOT, SAMPLE, FakeEncoder, save_csv, write_file
from conftest import read_csv as read
from detector.cli import app

HEADER = ["pair_id", "dispute_id", "score", "kind", "similarity", "doc_a", "source_a", "claim_a",
          "doc_b", "source_b", "claim_b", "evidence", "verdict", "note"]
CLAIM_COLUMNS = ["claim_id", "doc_id", "source", "text", "start", "end", "attribution"]

runner = CliRunner()


def scan(tmp_path, *args, name="out.csv"):
    out = tmp_path / name
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), *args])
    return result, out


def assert_clean_failure(result):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_fake_encoder_is_deterministic_and_normalised(fake_encoder):
    v = fake_encoder.encode(["The Train derailed.", "the train DERAILED", "Something else entirely", ""])
    assert v.shape == (4, 256) and v.dtype.name == "float32"
    assert v[0] == pytest.approx(v[1])
    assert float(v[0] @ v[2]) < 0.99
    assert float(v[0] @ v[0]) == pytest.approx(1.0, abs=1e-6)
    assert (FakeEncoder().encode(["x y"]) == fake_encoder.encode(["x y"])).all()


def test_scan_writes_the_contract_csv(tmp_path, use_fake_encoder):
    result, out = scan(tmp_path)
    assert result.exit_code == 0, result.output
    columns, rows = read(out)
    assert columns[:len(HEADER)] == HEADER  # the contract; context columns may follow `note`
    assert rows, "the sample corpus has planted conflicts; the fake encoder should surface some"
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(0.5 <= s <= 1.0 for s in scores)  # default threshold
    assert len({r["pair_id"] for r in rows}) == len(rows)
    sample_files = {p.name for p in SAMPLE.iterdir()}
    for r in rows:
        assert r["source_a"] != r["source_b"]
        assert r["doc_a"] in sample_files and r["doc_b"] in sample_files
        assert r["kind"] and r["evidence"]
        assert r["verdict"] == "" and r["note"] == ""
    assert "wrote" in result.stderr


def test_scan_quiet_is_silent(tmp_path, use_fake_encoder):
    result, out = scan(tmp_path, "--quiet")
    assert result.exit_code == 0
    assert result.output == ""
    assert out.exists()


def test_scan_threshold_option_applies(tmp_path, use_fake_encoder):
    _, out = scan(tmp_path)
    result, strict_out = scan(tmp_path, "--threshold", "0.8", name="strict.csv")
    assert result.exit_code == 0
    _, rows = read(out)
    _, strict = read(strict_out)
    assert [r["pair_id"] for r in strict] == [r["pair_id"] for r in rows if float(r["score"]) >= 0.8]
    assert len(strict) < len(rows)


def test_scan_config_file_applies(tmp_path, use_fake_encoder):
    config = tmp_path / "detector.toml"
    config.write_text("threshold = 0.8\n", encoding="utf-8")
    _, plain = read(scan(tmp_path)[1])
    result, out = scan(tmp_path, "--config", str(config), name="cfg.csv")
    assert result.exit_code == 0, result.output
    _, rows = read(out)
    assert [r["pair_id"] for r in rows] == [r["pair_id"] for r in plain if float(r["score"]) >= 0.8]


def test_missing_corpus_is_one_error_line(tmp_path, use_fake_encoder):
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["scan", str(tmp_path / "nowhere"), "-o", str(out)])
    assert_clean_failure(result)
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "nowhere" in errors[0]
    assert not out.exists()


def test_bad_config_is_one_error_line(tmp_path, use_fake_encoder):
    config = tmp_path / "bad.toml"
    config.write_text("treshold = 0.8\n", encoding="utf-8")
    result, out = scan(tmp_path, "--config", str(config))
    assert_clean_failure(result)
    assert [l for l in result.output.splitlines() if l.startswith("error:")]
    assert not out.exists()


@pytest.mark.parametrize("args", [["--threshold", "2"], ["--threshold", "-0.1"], ["--top-k", "0"], ["--min-similarity", "1.5"]])
def test_out_of_range_options_are_rejected(tmp_path, use_fake_encoder, args):
    result, out = scan(tmp_path, *args)
    assert_clean_failure(result)
    assert not out.exists()


def test_broken_review_file_is_refused_and_left_alone(tmp_path, use_fake_encoder):
    out = tmp_path / "out.csv"
    content = b"id,verdict\n1,yes\n"
    out.write_bytes(content)
    result, _ = scan(tmp_path)
    assert_clean_failure(result)
    assert any(l.startswith("error:") for l in result.output.splitlines())
    assert out.read_bytes() == content


def test_claims_command(tmp_path):
    out = tmp_path / "claims.csv"
    result = runner.invoke(app, ["claims", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    columns, rows = read(out)
    assert columns == CLAIM_COLUMNS
    assert len(rows) > 20
    assert len({r["claim_id"] for r in rows}) == len(rows)
    from detector.io import load_corpus

    texts = {d.doc_id: d.text for d in load_corpus(SAMPLE)[0]}
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        assert texts[r["doc_id"]][start:end] == r["text"]
    assert {r["source"] for r in rows} >= {"Civic Ledger", "Northbay Courier", "metro_daily"}


def test_claims_missing_corpus_fails_cleanly(tmp_path):
    result = runner.invoke(app, ["claims", str(tmp_path / "nowhere"), "-o", str(tmp_path / "c.csv")])
    assert_clean_failure(result)
    assert sum(l.startswith("error:") for l in result.output.splitlines()) == 1


def test_help_for_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    names = sorted(typer.main.get_command(app).commands)
    assert {"scan", "claims"} <= set(names)
    for name in names:
        assert name in result.output
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0, (name, sub.output)
        assert "Usage" in sub.output


def test_two_scans_give_identical_bytes(tmp_path, use_fake_encoder):
    _, first = scan(tmp_path, name="one.csv")
    _, second = scan(tmp_path, name="two.csv")
    assert first.read_bytes() == second.read_bytes()
    # and rescanning onto the same file (the merge path) changes nothing
    before = first.read_bytes()
    result, again = scan(tmp_path, name="one.csv")
    assert result.exit_code == 0
    assert again.read_bytes() == before


def test_import_does_not_load_the_model_stack():
    code = textwrap.dedent("""
        import sys
        import detector
        import detector.cli
        import typer.main
        typer.main.get_command(detector.cli.app)
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "sentence_transformers", "transformers"))
        print(",".join(heavy))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


# --- what a rescan did to the review file (issue 16) ------------------------------------------

def _written_line(result) -> str:
    return next(line for line in result.stderr.splitlines() if line.startswith("wrote") and "disputes" not in line)


def test_a_first_scan_says_how_many_pairs_it_wrote(tmp_path, use_fake_encoder):
    result, out = scan(tmp_path)
    _, rows = read(out)
    assert _written_line(result) == f"wrote {len(rows)} flagged pairs to {out}"


def test_a_rescan_says_what_it_kept_and_what_is_new(tmp_path, use_fake_encoder):
    _, out = scan(tmp_path, "--threshold", "0.7")
    columns, strict = read(out)
    for n, row in enumerate(strict):
        row["verdict"] = "yes" if n % 2 else "no"
    strict[0]["verdict"], strict[0]["note"] = "", "look again"  # reviewed by a note only
    save_csv(out, columns, strict)

    result, _ = scan(tmp_path)  # default 0.5: more pairs
    _, rows = read(out)
    new = len(rows) - len(strict)
    assert new > 0
    verdicts = len(strict) - 1
    assert _written_line(result) == (f"wrote {out}: {len(rows)} flagged ({new} new), {verdicts} verdicts kept ({len(rows)} rows)")

    result, _ = scan(tmp_path, "--threshold", "0.7")  # back: the extra pairs were never reviewed, so they go
    _, again = read(out)
    assert len(again) == len(strict)
    assert _written_line(result) == f"wrote {out}: {len(strict)} flagged (0 new), {verdicts} verdicts kept ({len(strict)} rows)"

    result, _ = scan(tmp_path, "--threshold", "0.95")
    _, rows = read(out)
    flagged = sum(r.get("status") != "stale" for r in rows)
    stale = sum(r.get("status") == "stale" for r in rows)
    assert stale > 0 and len(rows) == len(strict)  # every reviewed row is still there
    assert _written_line(result) == (f"wrote {out}: {flagged} flagged (0 new), {verdicts} verdicts kept, "
                                     f"{stale} reviewed rows no longer flagged kept as stale ({len(rows)} rows)")


# --- a corpus of one outlet -------------------------------------------------------------------

@pytest.mark.parametrize("sources", [["Daily Star"], ["Daily Star", "Daily Star"]])
def test_one_outlet_is_a_warning_naming_how_many_it_saw(tmp_path, use_fake_encoder, sources):
    corpus = tmp_path / "corpus"
    for n, source in enumerate(sources):
        write_file(corpus / f"a{n}.txt", f"SOURCE: {source}\n\nThe council approved the ordinance on Tuesday by a vote of {n + 5} to two.\n")
    result = runner.invoke(app, ["scan", str(corpus), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.stderr
    articles = f"{len(sources)} article{'s' if len(sources) > 1 else ''}"
    assert f"{articles} from 1 outlet (Daily Star)" in warnings[0] and "between different outlets" in warnings[0]


def test_two_outlets_give_no_outlet_warning(tmp_path, use_fake_encoder):
    result, _ = scan(tmp_path)
    assert result.exit_code == 0
    assert not [line for line in result.stderr.splitlines() if line.startswith("warning:")]


# --- output formats by suffix -----------------------------------------------------------------

def _table(path):
    """Columns and rows of a table the tool wrote, whatever its format."""
    if path.suffix == ".csv":
        return read(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        return table.column_names, table.to_pylist()
    text = path.read_text(encoding="utf-8")
    rows = json.loads(text) if path.suffix == ".json" else [json.loads(line) for line in text.splitlines()]
    return list(rows[0]), rows


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".parquet"])
def test_scan_writes_the_format_its_suffix_names(tmp_path, use_fake_encoder, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    _, csv_out = scan(tmp_path)
    result, out = scan(tmp_path, name=f"out{suffix}")
    assert result.exit_code == 0, result.output
    columns, rows = _table(out)
    want_columns, want = read(csv_out)
    assert columns == want_columns
    # the same cells; only CSV cells get the spreadsheet formula guard
    assert [{c: r[c].lstrip("'") for c in columns} for r in want] == [{c: r[c].lstrip("'") for c in columns} for r in rows]


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".parquet"])
def test_a_rescan_onto_a_json_or_parquet_file_keeps_the_verdicts(tmp_path, use_fake_encoder, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    from detector.tables import write_table

    _, out = scan(tmp_path, name=f"out{suffix}")
    columns, rows = _table(out)
    for n, row in enumerate(rows):
        row["verdict"] = "yes" if n % 2 else "no"
    rows[0]["note"] = "checked with the court"
    write_table(out, columns + ["reviewer"], [{**r, "reviewer": "ana"} for r in rows])

    result, _ = scan(tmp_path, "--threshold", "0.95", name=f"out{suffix}")
    assert result.exit_code == 0, result.output
    got_columns, got = _table(out)
    assert got_columns[-2:] == ["reviewer", "status"]
    by_id = {r["pair_id"]: r for r in got}
    assert len(got) == len(rows)
    for row in rows:
        assert (by_id[row["pair_id"]]["verdict"], by_id[row["pair_id"]]["note"], by_id[row["pair_id"]]["reviewer"]) == (
            row["verdict"], row["note"], "ana")
    assert any(r["status"] == "stale" for r in got)
    assert f"{len(rows)} verdicts kept" in result.stderr


def test_tune_disputes_and_report_read_a_jsonl_review(tmp_path, use_fake_encoder):
    _, csv_out = scan(tmp_path)
    _, out = scan(tmp_path, name="out.jsonl")
    for path in (csv_out, out):  # the same verdicts in both formats
        columns, rows = _table(path)
        for n, row in enumerate(rows):
            row["verdict"] = "no" if n % 3 == 0 else "yes"
        if path is out:
            from detector.tables import write_table

            write_table(out, columns, rows)
        else:
            save_csv(csv_out, columns, rows)
    tuned = [runner.invoke(app, ["tune", str(p)]) for p in (csv_out, out)]
    assert tuned[0].exit_code == 0 and tuned[1].exit_code == 0, tuned[1].output
    assert tuned[0].stdout.replace(csv_out.name, "X") == tuned[1].stdout.replace(out.name, "X")
    disputes = [runner.invoke(app, ["disputes", str(p), "-o", str(tmp_path / f"d{n}.json")]) for n, p in enumerate((csv_out, out))]
    assert all(d.exit_code == 0 for d in disputes), disputes[1].output
    assert _table(tmp_path / "d0.json") == _table(tmp_path / "d1.json")
    report = runner.invoke(app, ["report", str(out), "-o", str(tmp_path / "r.html")])
    assert report.exit_code == 0 and (tmp_path / "r.html").stat().st_size > 0


def test_claims_are_written_by_suffix(tmp_path):
    out = tmp_path / "claims.json"
    result = runner.invoke(app, ["claims", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    columns, rows = _table(out)
    assert runner.invoke(app, ["claims", str(SAMPLE), "-o", str(tmp_path / "claims.csv")]).exit_code == 0
    want_columns, want = read(tmp_path / "claims.csv")
    assert columns == want_columns == CLAIM_COLUMNS
    assert [{c: r[c].lstrip("'") for c in columns} for r in rows] == [{c: r[c].lstrip("'") for c in columns} for r in want]


@pytest.mark.parametrize("name", ["out.txt", "out.xlsx", "out"])
def test_an_unknown_output_suffix_is_refused_before_scanning(tmp_path, use_fake_encoder, name, monkeypatch):
    import detector.pipeline

    monkeypatch.setattr(detector.pipeline, "load_corpus", lambda *a: pytest.fail("scanned before refusing the output"))
    result, out = scan(tmp_path, name=name)
    assert_clean_failure(result)
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and name in errors[0]
    assert ".csv, .json" in next(line for line in result.output.splitlines() if line.startswith("hint:"))
    assert not out.exists()


def test_parquet_without_pyarrow_is_one_error_line(tmp_path, use_fake_encoder, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result, out = scan(tmp_path, name="out.parquet")
    assert_clean_failure(result)
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith("error:")] == [f"error: writing {out} needs pyarrow, which is not installed"]
    assert any(line.startswith("hint:") and "detector[parquet]" in line for line in lines)
    assert not out.exists()


# --- a spreadsheet-saved review file keeps its layout -----------------------------------------

@pytest.mark.parametrize("bom, delimiter, newline, encoding", [
    (b"\xef\xbb\xbf", ";", "\r\n", "utf-8"),  # Excel, semicolon locale
    (b"\xff\xfe", "\t", "\r\n", "utf-16-le"),  # Excel's "Unicode text"
    (b"", ";", "\n", "utf-8"),  # LibreOffice, semicolon locale
])
def test_a_rescan_keeps_the_layout_a_spreadsheet_saved(tmp_path, use_fake_encoder, bom, delimiter, newline, encoding):
    _, out = scan(tmp_path)
    columns, rows = read(out)
    rows[0]["verdict"], rows[0]["note"] = "yes", "vérifié"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, delimiter=delimiter, lineterminator=newline)
    writer.writeheader()
    writer.writerows(rows)
    out.write_bytes(bom + buf.getvalue().encode(encoding))

    result, _ = scan(tmp_path)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(bom + delimiter.join(columns).encode(encoding) + newline.encode(encoding))
    text = data[len(bom):].decode(encoding)
    assert text.count(newline) == len(rows) + 1 + sum(r[c].count("\n") for r in rows for c in columns)  # every row ends so
    got = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert (got[0]["verdict"], got[0]["note"]) == ("yes", "vérifié")


def test_a_legacy_encoding_is_written_back_as_utf8_with_a_bom(tmp_path, use_fake_encoder):
    _, out = scan(tmp_path)
    columns, rows = read(out)
    rows[0]["note"] = "vérifié"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    out.write_bytes(buf.getvalue().encode("cp1252", errors="replace"))  # a spreadsheet's "CSV" on Windows
    result, _ = scan(tmp_path)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ";".join(columns).encode() + b"\r\n")  # a spreadsheet reads the BOM as UTF-8
    assert "vérifié" in data.decode("utf-8-sig")


# --- the tool's own outputs inside the corpus folder ------------------------------------------

def test_own_outputs_inside_the_corpus_are_skipped_silently(tmp_path, use_fake_encoder):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    first = runner.invoke(app, ["scan", str(corpus), "-o", str(corpus / "conflicts.csv"), "--disputes", str(corpus / "fights.csv"),
                                "--report", str(corpus / "report.html")])
    assert first.exit_code == 0, first.output
    for args in (["scan", str(corpus), "-o", str(corpus / "conflicts.jsonl"), "--disputes", str(corpus / "fights.json")],
                 ["claims", str(corpus), "-o", str(corpus / "claims.csv")],
                 ["claims", str(corpus), "-o", str(corpus / "claims.jsonl")],
                 ["scan", str(corpus), "-o", str(corpus / "conflicts.parquet")] if _has_pyarrow() else ["--version"]):
        assert runner.invoke(app, args).exit_code == 0
    (corpus / "predictions.csv").write_text("id,label,score,predicted,kind,evidence\np1,yes,0.9,contradiction,numbers,x\n")

    again = runner.invoke(app, ["scan", str(corpus), "-o", str(tmp_path / "again.csv")])
    assert again.exit_code == 0, again.output
    assert "warning" not in again.stderr and "skipped" not in again.stderr
    assert again.stderr.splitlines()[0].split(",")[0] == first.stderr.splitlines()[0].split(",")[0]  # "7 articles"
    assert read(tmp_path / "again.csv")[1] == read(corpus / "conflicts.csv")[1]


def _has_pyarrow() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


# --- CLI conventions --------------------------------------------------------------------------

def _commands() -> list[list[str]]:
    group = typer.main.get_command(app)
    found = [[]]
    for name, command in group.commands.items():
        found.append([name])
        found += [[name, sub] for sub in getattr(command, "commands", {})]
    return found


def test_version():
    from importlib import metadata

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"detector {metadata.version('detector')}\n"


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_help_is_h_or_help_in_80_columns_without_type_names(command):
    long = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80", "TERMINAL_WIDTH": None})
    short = runner.invoke(app, [*command, "-h"], env={"COLUMNS": "80", "TERMINAL_WIDTH": None})
    assert long.exit_code == 0 and short.exit_code == 0, long.output
    assert short.output == long.output
    text = long.output
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text  # nothing cut off
    assert not re.search(r"<[a-z][\w\[\]| ]*>", text), text  # <list[Path]>, <float range>, <bool>, <path>
    assert "{" not in text and "}" not in text  # {corpus}...
    usage = next(line for line in text.splitlines() if "Usage:" in line)
    if command in (["scan"], ["claims"]):
        assert usage.strip().endswith("[OPTIONS] CORPUS...")


def test_device_lists_its_choices_and_refuses_others(tmp_path, use_fake_encoder):
    help_text = runner.invoke(app, ["scan", "--help"], env={"COLUMNS": "80"}).output
    assert "[auto|cpu|cuda]" in help_text
    result, out = scan(tmp_path, "--device", "gpu")
    assert_clean_failure(result)
    assert not out.exists()
    result, out = scan(tmp_path, "--device", "cpu", name="cpu.csv")
    assert result.exit_code == 0, result.output
