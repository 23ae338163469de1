"""Run `evaluate` on every labeled benchmark in ../shared/benchmarks and print one table.

    python scripts/quality.py [--benchmarks DIR] [--out docs/quality.md] [--limit N]

Each benchmark is judged exactly as `detector scan` judges a candidate pair (real model,
default settings). Columns: precision, recall and F1 for `contradiction`, ROC-AUC of the
score, and the share of pairs flagged. For files with a `category` column, per-category rows
follow.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detector.embed import load_encoder  # noqa: E402
from detector.errors import LabeledFileError  # noqa: E402
from detector.evaluate import evaluate_frame, read_pairs  # noqa: E402
from detector.settings import Settings  # noqa: E402


def table_rows(report) -> list[str]:
    rows = []
    m = report.overall
    auc = f"{report.auc:.3f}" if report.auc is not None else "n/a"
    rows.append(f"| {report.name} | all | {m.tp + m.fp + m.fn + m.tn} | {m.precision:.3f} | {m.recall:.3f} | {m.f1:.3f} | {auc} | {m.flagged_rate:.1%} |")
    for key, g in report.groups.items():
        rows.append(f"| | {key} | {g.tp + g.fp + g.fn + g.tn} | {g.precision:.3f} | {g.recall:.3f} | {g.f1:.3f} | | {g.flagged_rate:.1%} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--benchmarks", type=Path, default=ROOT.parent / "shared" / "benchmarks", help="folder of labeled pair CSVs")
    parser.add_argument("--out", type=Path, help="also write the table (markdown) to this file")
    parser.add_argument("--limit", type=int, help="use only the first N rows of each file (a quick look)")
    args = parser.parse_args()
    files = sorted(args.benchmarks.glob("*.csv"))
    if not files:
        sys.exit(f"no benchmark CSVs in {args.benchmarks}")
    settings, encoder = Settings(), load_encoder()
    lines = ["| benchmark | category | pairs | precision | recall | F1 | ROC-AUC | flagged |", "|---|---|---|---|---|---|---|---|"]
    for path in files:
        frame = read_pairs(path)
        if args.limit:
            frame = frame.head(args.limit)
        try:
            report, _ = evaluate_frame(frame, settings, encoder, path.name)
        except LabeledFileError as exc:  # labels that say nothing of contradiction (RTE's not_entailment)
            print(f"skipped {path.name}: {exc}", file=sys.stderr)
            continue
        lines += table_rows(report)
        print("\n".join(table_rows(report)), flush=True)
    table = "\n".join(lines)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(f"# Detection quality\n\nDefault settings, threshold {settings.threshold}, model all-MiniLM-L6-v2. "
                            f"Produced by `python scripts/quality.py --out {args.out}`.\n\n{table}\n", encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
