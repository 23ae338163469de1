"""Dispute table and HTML report, built from a conflicts CSV as it stands on disk (with its verdicts)."""
from __future__ import annotations

from pathlib import Path

from .columns import DISPUTE_COLUMNS, DISPUTE_INPUT_COLUMNS
from .disputes import dispute_rows, group_disputes, rejected
from .errors import ReviewFileError
from .io import atomic_write_text
from .report import claim_context, render_report
from .review import read_review_file
from .tables import write_table
from .types import Dispute, Document


def write_dispute_outputs(conflicts_csv: Path, disputes_path: Path | None = None, report_path: Path | None = None,
                          warnings: list[str] | None = None, documents: list[Document] | None = None) -> int:
    """Write the disputes table and/or the HTML report for a conflicts table. Returns the number of
    disputes; `warnings` receives what reading the CSV found (see read_review_file). With the
    corpus' `documents`, the report shows each claim in its paragraph."""
    columns, rows = read_review_file(conflicts_csv, warnings)
    missing = [c for c in DISPUTE_INPUT_COLUMNS if c not in columns]
    if missing:
        raise ReviewFileError(f"{conflicts_csv} lacks column(s) {', '.join(missing)}, so its disputes cannot be grouped",
                              hint="disputes and report read a conflicts CSV written by `detector scan`")
    disputes = group_disputes(rows)
    if disputes_path:
        write_table(disputes_path, DISPUTE_COLUMNS, dispute_rows(disputes))
    if report_path:
        shown = report_disputes(rows, disputes)
        wanted = {claim for d in shown for side in d.sides for claim in side.claims}
        context = claim_context(documents, wanted) if documents else None
        atomic_write_text(report_path, render_report(shown, f"Conflicts between outlets: {Path(conflicts_csv).name}", context))
    return len(disputes)


def report_disputes(rows: list[dict], disputes: list[Dispute] | None = None) -> list[Dispute]:
    """What the report shows: the disputes, and the pairs reviewers rejected grouped on their
    own (so the report can filter on verdict "no"), best first."""
    disputes = group_disputes(rows) if disputes is None else disputes
    return sorted(disputes + group_disputes(rows, keep=rejected), key=lambda d: (-d.score, d.dispute_id))
