"""The conflicts CSV: the review surface. Rows out, verdicts merged back in, never lost."""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .columns import CONFLICT_COLUMNS as COLUMNS, CONTEXT_COLUMNS
from .errors import ReviewFileError
from .io import UnreadableFile, csv_format, decode_bytes, plural, sniff_delimiter
from .tables import read_records, write_table
from .types import ScoredPair

OUTPUT_COLUMNS = COLUMNS + CONTEXT_COLUMNS
REVIEW_COLUMNS = ("verdict", "note")
# `status` (after the context columns): "" for a flagged pair, NEAR_MISS for one of the best
# unflagged pairs (scan --near-misses), STALE for a reviewed row whose pair is no longer written.
NEAR_MISS, STALE = "near_miss", "stale"
YES = ("yes", "y", "true", "t", "1", "conflict")
NO = ("no", "n", "false", "f", "0", "ok")


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
    """Columns and rows of a conflicts table: a CSV as saved by this tool or a spreadsheet (BOM,
    ';', CRLF), or the .json, .jsonl or .parquet table `scan` writes for such a name.

    Rows that share a pair_id (written by versions that kept an article's repeated sentence
    twice) become one row; when their verdicts differ, `warnings` receives a line naming them."""
    if Path(path).suffix.lower() in (".json", ".jsonl", ".parquet"):
        columns, rows, places = read_records(path)
        line_of = {id(r): p for r, p in zip(rows, places)}
    else:
        columns, rows, line_of = _read_csv(path)
    if not columns:
        return [], []  # an empty file (or a JSON table of no rows) holds no review to keep
    if "pair_id" not in columns:
        raise ReviewFileError(f"{path} has no pair_id column, so its verdicts cannot be matched to pairs")
    if "verdict" not in columns:
        raise ReviewFileError(f"{path} has no verdict column, so it is not a conflicts table written by this tool")
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise ReviewFileError(f"{path}: column {twice[0]!r} appears twice in the header")
    by_id: dict[str, list[dict]] = {}
    for row in rows:
        n = line_of[id(row)]
        if None in row:
            raise ReviewFileError(f"{path} {n}: more cells than columns (a broken or truncated row)")
        if any(v is None for v in row.values()):
            raise ReviewFileError(f"{path} {n}: fewer cells than columns (a truncated row?)")
        by_id.setdefault(row["pair_id"], []).append(row)
    merged = []
    for pid, same in by_id.items():
        row, differ = _merged_row(same, columns)
        merged.append(row)
        if differ and warnings is not None:
            warnings.append(f"{path} {_places([line_of[id(r)] for r in same])}: pair {pid} was written {len(same)} times "
                            f"with different verdicts; kept as one row with verdict {row['verdict']!r}: choose one")
    return columns, merged


def _places(places: list[str]) -> str:
    """["line 4", "line 5"] -> "lines 4, 5"."""
    return f"{places[0].split()[0]}s {', '.join(p.split()[1] for p in places)}"


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


def _read_csv(path: Path) -> tuple[list[str], list[dict], dict[int, str]]:
    """Columns, non-blank rows and where each row ends ("line 7", by id of the row)."""
    try:
        text = decode_bytes(Path(path).read_bytes(), allow_nul=True)
    except OSError as exc:
        raise ReviewFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnreadableFile as why:
        raise ReviewFileError(f"{path}: {why}") from None
    if not text.strip():
        return [], [], {}  # an empty file holds no review to keep
    if csv.field_size_limit() < 64 * 2**20:
        csv.field_size_limit(64 * 2**20)  # a reviewer's note may be long
    # Lines end in "\n" or "\r\n": a bare "\r" is then inside a cell (Python's csv writer, for one,
    # leaves such a cell unquoted); keep it in the cell instead of splitting the row there.
    cr = CR_MARK if "\n" in text and "\r" in text and CR_MARK not in text else None
    if cr:
        text = BARE_CR_RE.sub(cr, text)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
        rows, line_of = [], {}
        for row in reader:
            if cr:
                row = {k: v.replace(cr, "\r") if isinstance(v, str) else v for k, v in row.items()}
            rows.append(row)
            line_of[id(row)] = f"line {reader.line_num}"  # the line the row ends on, for error messages
    except csv.Error as exc:
        raise ReviewFileError(f"{path} is not a readable CSV ({exc})") from None
    rows = [r for r in rows if any((v or "").strip() for k, v in r.items() if k is not None) or None in r]
    return list(reader.fieldnames or []), rows, line_of


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


@dataclass
class Written:
    """What `write_conflicts` did to the file: the review it kept, and what is new."""

    path: Path
    flagged: int  # pairs flagged by this scan
    new: int  # of those, pairs the file did not hold before
    verdicts: int  # rows whose verdict was carried over
    stale: int  # reviewed rows kept although no longer flagged
    rows: int  # rows in the file now
    merged: bool  # False: the file was new (or empty), no review to keep
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """E.g. "wrote c.csv: 7 flagged (3 new), 15 verdicts kept, 10 reviewed rows no longer flagged kept as stale (17 rows)"."""
        if not self.merged:
            return f"wrote {self.flagged} flagged pairs to {self.path}"
        parts = [f"{self.flagged} flagged ({self.new} new)", f"{plural(self.verdicts, 'verdict')} kept"]
        if self.stale:
            parts.append(f"{plural(self.stale, 'reviewed row')} no longer flagged kept as stale")
        return f"wrote {self.path}: {', '.join(parts)} ({plural(self.rows, 'row')})"


def write_conflicts(
    path: Path, pairs: list[ScoredPair], urls: dict[str, str] | None = None, wire: dict[str, str] | None = None,
    near_misses: list[ScoredPair] = (),
) -> Written:
    """Write the flagged pairs, then the `near_misses` (status near_miss), keeping any review
    already in `path`, with dispute ids filled (verdicts already entered count: a pair marked "no"
    joins no dispute, a near miss joins one only when marked "yes"). A CSV keeps the delimiter,
    byte-order mark and line ending it was saved with; other formats go by suffix."""
    from .disputes import assign_dispute_ids  # disputes reads verdicts with this module's parser

    path = Path(path)
    new_rows = conflict_rows(pairs, urls, wire)
    all_rows = new_rows + conflict_rows(near_misses, urls, wire, status=NEAR_MISS)
    read_warnings: list[str] = []
    old_columns, old_rows = read_review_file(path, read_warnings) if path.exists() else ([], [])
    if old_columns:
        columns, rows, warnings = merge_reviews(all_rows, old_columns, old_rows)
    else:
        columns, rows, warnings = with_status(OUTPUT_COLUMNS, all_rows), all_rows, []
    layout = csv_format(path.read_bytes()) if old_columns and path.suffix.lower() == ".csv" else None
    write_table(path, columns, assign_dispute_ids(rows), layout)
    old_ids = {r["pair_id"] for r in old_rows}
    return Written(
        path, len(new_rows), sum(r["pair_id"] not in old_ids for r in new_rows),
        sum(bool((r.get("verdict") or "").strip()) for r in rows), sum(r.get("status") == STALE for r in rows),
        len(rows), bool(old_columns), read_warnings + warnings,
    )
