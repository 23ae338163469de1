"""The conflicts CSV: the review surface. Rows out, verdicts merged back in, never lost."""
from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

from .errors import ReviewFileError
from .io import UnreadableFile, decode_bytes, write_csv
from .types import ScoredPair

COLUMNS = [
    "pair_id", "dispute_id", "score", "kind", "similarity", "doc_a", "source_a", "claim_a",
    "doc_b", "source_b", "claim_b", "evidence", "verdict", "note",
]
# Written by the tool after the contract's columns: where copies and articles come from.
CONTEXT_COLUMNS = ["wire_cluster", "date_a", "date_b", "url_a", "url_b"]
OUTPUT_COLUMNS = COLUMNS + CONTEXT_COLUMNS
REVIEW_COLUMNS = ("verdict", "note")
# `status` (after the context columns): "" for a flagged pair, NEAR_MISS for one of the best
# unflagged pairs (scan --near-misses), STALE for a reviewed row whose pair is no longer written.
NEAR_MISS, STALE = "near_miss", "stale"
YES = {"yes", "y", "true", "1", "conflict", "t"}
NO = {"no", "n", "false", "0", "ok", "f"}


def pair_id(pair: ScoredPair) -> str:
    """Stable and order-independent: the same two claims give the same id on every run."""
    sides = sorted(f"{c.doc_id}\x00{c.text}" for c in (pair.pair.a, pair.pair.b))
    # A leading letter keeps spreadsheets from reading an all-digit or "12e45" id as a number.
    return "p" + hashlib.sha1("\x01".join(sides).encode()).hexdigest()[:15]


def conflict_rows(pairs: list[ScoredPair], urls: dict[str, str] | None = None, wire: dict[str, str] | None = None,
                  status: str = "") -> list[dict]:
    """One row per pair; `urls` and `wire` (doc_id -> article URL / wire cluster) fill the context columns."""
    urls, wire = urls or {}, wire or {}
    rows = []
    for sp in pairs:
        a, b = sp.pair.a, sp.pair.b
        clusters = f"{wire.get(a.doc_id, '')} | {wire.get(b.doc_id, '')}" if (a.doc_id in wire or b.doc_id in wire) else ""
        rows.append({
            "pair_id": pair_id(sp), "dispute_id": "", "score": f"{sp.score:.4f}", "kind": sp.kind,
            "similarity": f"{sp.pair.similarity:.4f}", "doc_a": a.doc_id, "source_a": a.source, "claim_a": a.text,
            "doc_b": b.doc_id, "source_b": b.source, "claim_b": b.text,
            "evidence": sp.evidence or ("no rule hit" if status else ""), "verdict": "", "note": "",
            "wire_cluster": clusters, "date_a": a.date or "", "date_b": b.date or "",
            "url_a": urls.get(a.doc_id, ""), "url_b": urls.get(b.doc_id, ""), "status": status,
        })
    return rows


def parse_verdict(value: str) -> bool | None:
    """True (a real conflict), False (not one), None (not reviewed). Raises ValueError when unreadable."""
    v = (value or "").strip().lower()
    if not v:
        return None
    if v in YES:
        return True
    if v in NO:
        return False
    raise ValueError(value)


CR_MARK = "\ue000"  # a private-use character standing in for a bare carriage return while parsing
BARE_CR_RE = re.compile(r"\r(?!\n)")


def read_review_file(path: Path, warnings: list[str] | None = None) -> tuple[list[str], list[dict]]:
    """Columns and rows of a conflicts CSV, as saved by this tool or a spreadsheet (BOM, ';', CRLF).

    Rows that share a pair_id (written by versions that kept an article's repeated sentence
    twice) become one row; when their verdicts differ, `warnings` receives a line naming them."""
    try:
        text = decode_bytes(Path(path).read_bytes(), allow_nul=True)
    except OSError as exc:
        raise ReviewFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnreadableFile as why:
        raise ReviewFileError(f"{path}: {why}") from None
    if not text.strip():
        return [], []  # an empty file holds no review to keep
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)  # as saved: comma, semicolon (some locales) or tab
    if csv.field_size_limit() < 64 * 2**20:
        csv.field_size_limit(64 * 2**20)  # a reviewer's note may be long
    # Lines end in "\n" or "\r\n": a bare "\r" is then inside a cell (Python's csv writer, for one,
    # leaves such a cell unquoted); keep it in the cell instead of splitting the row there.
    cr = CR_MARK if "\n" in text and "\r" in text and CR_MARK not in text else None
    if cr:
        text = BARE_CR_RE.sub(cr, text)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        rows, line_of = [], {}
        for row in reader:
            if cr:
                row = {k: v.replace(cr, "\r") if isinstance(v, str) else v for k, v in row.items()}
            rows.append(row)
            line_of[id(row)] = reader.line_num  # the line the row ends on, for error messages
    except csv.Error as exc:
        raise ReviewFileError(f"{path} is not a readable CSV ({exc})") from None
    columns = [c for c in (reader.fieldnames or [])]
    rows = [r for r in rows if any((v or "").strip() for k, v in r.items() if k is not None) or None in r]
    if "pair_id" not in columns:
        raise ReviewFileError(f"{path} has no pair_id column, so its verdicts cannot be matched to pairs")
    if "verdict" not in columns:
        raise ReviewFileError(f"{path} has no verdict column, so it is not a conflicts CSV written by this tool")
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise ReviewFileError(f"{path}: column {twice[0]!r} appears twice in the header")
    by_id: dict[str, list[dict]] = {}
    for row in rows:
        n = line_of[id(row)]
        if None in row:
            raise ReviewFileError(f"{path} line {n}: more cells than columns (a broken or truncated row)")
        if any(v is None for v in row.values()):
            raise ReviewFileError(f"{path} line {n}: fewer cells than columns (a truncated row?)")
        by_id.setdefault(row["pair_id"], []).append(row)
    merged = []
    for pid, same in by_id.items():
        row, differ = _merged_row(same, columns)
        merged.append(row)
        if differ and warnings is not None:
            lines = ", ".join(str(line_of[id(r)]) for r in same)
            warnings.append(f"{path} lines {lines}: pair {pid} was written {len(same)} times with different verdicts; "
                            f"kept as one row with verdict {row['verdict']!r}: choose one")
    return columns, merged


def _merged_row(rows: list[dict], columns: list[str]) -> tuple[dict, bool]:
    """One row for rows of one pair_id: the tool's columns from the first, and every distinct
    value a reviewer entered (verdict, note, added columns) kept, joined by " / ". Also whether
    the verdicts disagree."""
    if len(rows) == 1:
        return rows[0], False
    row = dict(rows[0])
    for c in columns:
        if c in REVIEW_COLUMNS or c not in OUTPUT_COLUMNS:
            row[c] = " / ".join(dict.fromkeys(v.strip() for r in rows if (v := r.get(c) or "").strip()))
    verdicts = {_verdict_or_text(r.get("verdict", "")) for r in rows} - {None}
    return row, len(verdicts) > 1


def _verdict_or_text(value: str):
    try:
        return parse_verdict(value)
    except ValueError:
        return value.strip().lower()


def merge_reviews(new_rows: list[dict], old_columns: list[str], old_rows: list[dict]) -> tuple[list[str], list[dict], list[str]]:
    """Carry every verdict, note and reviewer-added column over to the new rows (by pair_id).

    Reviewed rows whose pair is no longer written stay, with status "stale". Returns the
    columns, the rows and warnings (unknown verdict spellings, kept as typed).
    """
    old = {r["pair_id"]: r for r in old_rows}
    extra = [c for c in old_columns if c not in OUTPUT_COLUMNS and c != "status"]
    warnings = []
    merged = []
    new_ids = set()
    for row in new_rows:
        new_ids.add(row["pair_id"])
        prior = old.get(row["pair_id"])
        row = {"status": "", **row, **{c: "" for c in extra}}
        if prior:
            for c in (*REVIEW_COLUMNS, *extra):
                row[c] = prior.get(c) or ""
        merged.append(row)
    stale = []
    for row in old_rows:
        if row["pair_id"] not in new_ids and (any((row.get(c) or "").strip() for c in (*REVIEW_COLUMNS, *extra))):
            stale.append({**{c: row.get(c) or "" for c in OUTPUT_COLUMNS + extra}, "status": STALE})
    for n, row in enumerate(merged + stale, 2):
        try:
            parse_verdict(row.get("verdict", ""))
        except ValueError:
            warnings.append(f"row {n} (pair {row['pair_id']}): unknown verdict {row['verdict']!r} kept as typed; use yes or no")
    return with_status(OUTPUT_COLUMNS + extra, merged + stale, "status" in old_columns), merged + stale, warnings


def with_status(columns: list[str], rows: list[dict], had_status: bool = False) -> list[str]:
    """The columns, with `status` last when a row has one (or the file had the column)."""
    return columns + ["status"] if had_status or any(r.get("status") for r in rows) else columns


def conflict_table(path: Path, rows: list[dict]) -> tuple[list[str], list[dict], list[str]]:
    """The table to write at `path`: `rows` merged with any review already there (see merge_reviews)."""
    path = Path(path)
    if path.exists():
        read_warnings: list[str] = []
        old_columns, old_rows = read_review_file(path, read_warnings)
        columns, merged, warnings = merge_reviews(rows, old_columns, old_rows)
        return columns, merged, read_warnings + warnings
    return with_status(OUTPUT_COLUMNS, rows), rows, []


def write_conflicts(
    path: Path, pairs: list[ScoredPair], urls: dict[str, str] | None = None, wire: dict[str, str] | None = None,
    near_misses: list[ScoredPair] = (),
) -> list[str]:
    """Write the flagged pairs, then the `near_misses` (status near_miss), keeping any review
    already in `path`, with dispute ids filled (verdicts already entered count: a pair marked "no"
    joins no dispute, a near miss joins one only when marked "yes"). Returns warnings."""
    from .disputes import assign_dispute_ids  # disputes reads verdicts with this module's parser

    rows = conflict_rows(pairs, urls, wire) + conflict_rows(near_misses, urls, wire, status=NEAR_MISS)
    columns, rows, warnings = conflict_table(path, rows)
    write_csv(path, columns, assign_dispute_ids(rows))
    return warnings
