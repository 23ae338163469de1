"""What the tool's own files look like (every table's columns, the report's mark), so a corpus
folder that holds them can pass them over."""
from __future__ import annotations

# The conflicts table's contract, then the context columns the tool adds after `note`.
CONFLICT_COLUMNS = [
    "pair_id", "dispute_id", "score", "kind", "similarity", "doc_a", "source_a", "claim_a",
    "doc_b", "source_b", "claim_b", "evidence", "verdict", "note",
]
CONTEXT_COLUMNS = ["wire_cluster", "date_a", "date_b", "url_a", "url_b"]
DISPUTE_COLUMNS = [
    "dispute_id", "kind", "score", "n_pairs", "n_outlets", "side_a_outlets", "side_a_claim",
    "side_b_outlets", "side_b_claim", "evidence", "other_sides",
]
# What grouping disputes reads of a conflicts table (the rest may be missing).
DISPUTE_INPUT_COLUMNS = ("pair_id", "score", "kind", "doc_a", "source_a", "claim_a", "doc_b", "source_b", "claim_b", "evidence")
CLAIM_COLUMNS = ["claim_id", "doc_id", "source", "text", "start", "end", "attribution"]
PREDICTION_COLUMNS = ["id", "label", "score", "predicted", "kind", "evidence"]

OWN_TABLES = {"conflicts": CONFLICT_COLUMNS, "disputes": DISPUTE_COLUMNS, "claims": CLAIM_COLUMNS,
              "predictions": PREDICTION_COLUMNS}


def own_table(columns) -> str | None:
    """Which of the tool's tables has these columns ("conflicts", "claims", ...), or None.
    Every column of the table must be there; a reviewer's added columns do not matter."""
    have = {(c or "").strip().lower() for c in columns}
    return next((name for name, cols in OWN_TABLES.items() if have.issuperset(cols)), None)


# In the <head> of every HTML report (detector/report.py).
REPORT_MARK = '<meta name="generator" content="detector">'
