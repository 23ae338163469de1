"""Dispute table and HTML report, built from a conflicts CSV as it stands on disk (with its verdicts)."""
from __future__ import annotations

from pathlib import Path

from .disputes import DISPUTE_COLUMNS, dispute_rows, group_disputes
from .io import atomic_write_text, write_csv
from .report import render_report
from .errors import ReviewFileError
from .review import read_review_file

DISPUTE_INPUT_COLUMNS = ("pair_id", "score", "kind", "doc_a", "source_a", "claim_a", "doc_b", "source_b", "claim_b", "evidence")


def write_dispute_outputs(conflicts_csv: Path, disputes_path: Path | None = None, report_path: Path | None = None,
                          warnings: list[str] | None = None) -> int:
    """Write the disputes CSV and/or the HTML report for a conflicts CSV. Returns the number of
    disputes; `warnings` receives what reading the CSV found (see read_review_file)."""
    columns, rows = read_review_file(conflicts_csv, warnings)
    missing = [c for c in DISPUTE_INPUT_COLUMNS if c not in columns]
    if missing:
        raise ReviewFileError(f"{conflicts_csv} lacks column(s) {', '.join(missing)}, so its disputes cannot be grouped",
                              hint="disputes and report read a conflicts CSV written by `detector scan`")
    disputes = group_disputes(rows)
    if disputes_path:
        write_csv(disputes_path, DISPUTE_COLUMNS, dispute_rows(disputes))
    if report_path:
        atomic_write_text(report_path, render_report(disputes, f"Conflicts between outlets: {Path(conflicts_csv).name}"))
    return len(disputes)
