"""The conflicts CSV: the review surface. Rows out, verdicts merged back in, never lost."""
from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from .errors import ReviewFileError
from .io import UnreadableFile, decode_bytes, write_csv
from .types import ScoredPair

COLUMNS = [
    "pair_id", "dispute_id", "score", "kind", "similarity", "doc_a", "source_a", "claim_a",
    "doc_b", "source_b", "claim_b", "evidence", "verdict", "note",
]
REVIEW_COLUMNS = ("verdict", "note")
YES = {"yes", "y", "true", "1", "conflict", "t"}
NO = {"no", "n", "false", "0", "ok", "f"}


def pair_id(pair: ScoredPair) -> str:
    """Stable and order-independent: the same two claims give the same id on every run."""
    sides = sorted(f"{c.doc_id}\x00{c.text}" for c in (pair.pair.a, pair.pair.b))
    return hashlib.sha1("\x01".join(sides).encode()).hexdigest()[:16]


def conflict_rows(pairs: list[ScoredPair]) -> list[dict]:
    rows = []
    for sp in pairs:
        a, b = sp.pair.a, sp.pair.b
        rows.append({
            "pair_id": pair_id(sp), "dispute_id": "", "score": f"{sp.score:.4f}", "kind": sp.kind,
            "similarity": f"{sp.pair.similarity:.4f}", "doc_a": a.doc_id, "source_a": a.source, "claim_a": a.text,
            "doc_b": b.doc_id, "source_b": b.source, "claim_b": b.text, "evidence": sp.evidence, "verdict": "", "note": "",
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


def read_review_file(path: Path) -> tuple[list[str], list[dict]]:
    """Columns and rows of a conflicts CSV, as saved by this tool or a spreadsheet (BOM, ';', CRLF)."""
    try:
        text = decode_bytes(Path(path).read_bytes(), allow_nul=True)
    except OSError as exc:
        raise ReviewFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnreadableFile as why:
        raise ReviewFileError(f"{path}: {why}") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        rows = list(reader)
    except csv.Error as exc:
        raise ReviewFileError(f"{path} is not a readable CSV ({exc})") from None
    columns = [c for c in (reader.fieldnames or [])]
    rows = [r for r in rows if any((v or "").strip() for k, v in r.items() if k is not None) or None in r]
    if "pair_id" not in columns:
        raise ReviewFileError(f"{path} has no pair_id column, so its verdicts cannot be matched to pairs")
    seen = set()
    for n, row in enumerate(rows, 2):
        if None in row:
            raise ReviewFileError(f"{path} line {n}: more cells than columns (a broken or truncated row)")
        pid = row["pair_id"]
        if pid in seen:
            raise ReviewFileError(f"{path} line {n}: pair_id {pid} appears twice")
        seen.add(pid)
    return columns, rows


def merge_reviews(new_rows: list[dict], old_columns: list[str], old_rows: list[dict]) -> tuple[list[str], list[dict], list[str]]:
    """Carry every verdict, note and reviewer-added column over to the new rows (by pair_id).

    Reviewed rows whose pair is no longer flagged stay, with status "stale". Returns the
    columns, the rows and warnings (unknown verdict spellings, kept as typed).
    """
    old = {r["pair_id"]: r for r in old_rows}
    extra = [c for c in old_columns if c not in COLUMNS and c != "status"]
    warnings = []
    merged = []
    new_ids = set()
    for row in new_rows:
        new_ids.add(row["pair_id"])
        prior = old.get(row["pair_id"])
        row = {**row, **{c: "" for c in extra}}
        if prior:
            for c in (*REVIEW_COLUMNS, *extra):
                row[c] = prior.get(c) or ""
        merged.append(row)
    stale = []
    for row in old_rows:
        if row["pair_id"] not in new_ids and (any((row.get(c) or "").strip() for c in (*REVIEW_COLUMNS, *extra))):
            stale.append({**{c: row.get(c) or "" for c in COLUMNS + extra}, "status": "stale"})
    for n, row in enumerate(merged + stale, 2):
        try:
            parse_verdict(row.get("verdict", ""))
        except ValueError:
            warnings.append(f"row {n} (pair {row['pair_id']}): unknown verdict {row['verdict']!r} kept as typed; use yes or no")
    columns = COLUMNS + extra + (["status"] if stale or "status" in old_columns else [])
    if "status" in columns:
        for row in merged:
            row["status"] = ""
    return columns, merged + stale, warnings


def write_conflicts(path: Path, pairs: list[ScoredPair]) -> list[str]:
    """Write the flagged pairs, keeping any review already in `path`. Returns warnings."""
    path = Path(path)
    rows = conflict_rows(pairs)
    columns, warnings = COLUMNS, []
    if path.exists():
        old_columns, old_rows = read_review_file(path)
        columns, rows, warnings = merge_reviews(rows, old_columns, old_rows)
    write_csv(path, columns, rows)
    return warnings
