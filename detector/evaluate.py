"""Judge labeled sentence pairs exactly as `scan` judges candidates, and measure the result."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import pipeline
from .errors import LabeledFileError
from .columns import PREDICTION_COLUMNS
from .review import NO, YES
from .settings import Settings
from .tables import write_table
from .types import CandidatePair, Claim

POSITIVE = "contradiction"
# A label is a verdict word (as in a reviewed conflicts CSV) or an NLI label.
POSITIVE_LABELS = (*YES, POSITIVE)
NEGATIVE_LABELS = (*NO, "entailment", "neutral", "not_contradiction")
LABEL_HELP = f"{', '.join(POSITIVE_LABELS)} (a contradiction) or {', '.join(NEGATIVE_LABELS)} (not one)"


def gold_labels(frame, name: str) -> np.ndarray:
    """True where a row's label says contradiction; LabeledFileError naming the first row whose
    label is none of the accepted words (an unread label must not count as "no")."""
    words = {**dict.fromkeys(POSITIVE_LABELS, True), **dict.fromkeys(NEGATIVE_LABELS, False)}
    gold = []
    for n, (pid, label) in enumerate(zip(frame["id"], frame["label"]), 1):
        value = words.get(label.strip().lower())
        if value is None:
            why = " (it mixes contradictions with unknowns)" if label.strip().lower() == "not_entailment" else ""
            raise LabeledFileError(f"{name} row {n} (id {pid}): cannot read label {label!r}{why}; a label is {LABEL_HELP}",
                                   hint="fix or remove that row; labels are read case-insensitively")
        gold.append(value)
    return np.array(gold, dtype=bool)


@dataclass
class Metrics:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def flagged_rate(self) -> float:
        n = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.fp) / n if n else 0.0


@dataclass
class Report:
    name: str
    threshold: float
    overall: Metrics
    auc: float | None
    groups: dict[str, Metrics] = field(default_factory=dict)  # per category value
    kinds: dict[str, Metrics] = field(default_factory=dict)  # per predicted rule kind (precision only is meaningful)
    group_column: str | None = None


def metrics(gold: np.ndarray, predicted: np.ndarray) -> Metrics:
    return Metrics(
        tp=int(np.sum(gold & predicted)), fp=int(np.sum(~gold & predicted)),
        fn=int(np.sum(gold & ~predicted)), tn=int(np.sum(~gold & ~predicted)),
    )


def roc_auc(gold: np.ndarray, scores: np.ndarray) -> float | None:
    """Probability that a random positive outscores a random negative (ties count half)."""
    pos, neg = scores[gold], scores[~gold]
    if len(pos) == 0 or len(neg) == 0:
        return None
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    allscores = np.concatenate([pos, neg])[order]
    # average ranks for ties
    _, first, counts = np.unique(allscores, return_index=True, return_counts=True)
    avg = first + (counts - 1) / 2.0 + 1
    ranks[order] = np.repeat(avg, counts)
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def read_pairs(path: Path):
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise LabeledFileError(f"cannot read {path} as CSV: {exc}") from None
    missing = {"id", "text_a", "text_b", "label"} - set(frame.columns)
    if missing:
        raise LabeledFileError(f"{path} lacks column(s): {', '.join(sorted(missing))}")
    return frame


def evaluate_frame(frame, settings: Settings, encoder=None, name: str = "pairs", by: str | None = None):
    """Score every row; returns (report, per-row predictions as a list of dicts)."""
    gold = gold_labels(frame, name)  # before the model loads: a bad label fails fast
    texts = sorted(set(frame["text_a"]) | set(frame["text_b"]))
    encoder = encoder or pipeline.load_encoder(settings.model, settings.device, settings.batch_size)
    vectors = dict(zip(texts, encoder.encode(texts))) if texts else {}
    rows, scores, predicted, kinds = [], [], [], []
    for rec in frame.to_dict("records"):
        a = Claim(f"{rec['id']}:a", "a", "A", rec["text_a"], 0, len(rec["text_a"]))
        b = Claim(f"{rec['id']}:b", "b", "B", rec["text_b"], 0, len(rec["text_b"]))
        sim = round(float(np.dot(vectors[a.text], vectors[b.text])), 4)
        sp = pipeline.judge_pairs([CandidatePair(a, b, sim)], settings)[0]
        flag = bool(sp.hits) and sp.score >= settings.threshold
        scores.append(sp.score)
        predicted.append(flag)
        kinds.append(sp.kind)
        rows.append({"id": rec["id"], "label": rec["label"], "score": f"{sp.score:.4f}",
                     "predicted": POSITIVE if flag else "not_contradiction", "kind": sp.kind, "evidence": sp.evidence})
    pred = np.array(predicted, dtype=bool)
    score_arr = np.array(scores, dtype=float)
    if by is None and "category" in frame.columns:
        by = "category"
    groups = {}
    if by:
        if by not in frame.columns:
            raise LabeledFileError(f"no column {by!r} to group by")
        values = frame[by].to_numpy()
        groups = {v: metrics(gold[values == v], pred[values == v]) for v in sorted(set(values))}
    kind_arr = np.array(kinds)
    kind_metrics = {k: metrics(gold[kind_arr == k], pred[kind_arr == k]) for k in sorted(set(kinds)) if k}
    report = Report(name, settings.threshold, metrics(gold, pred), roc_auc(gold, score_arr), groups, kind_metrics, by)
    return report, rows


def evaluate_file(path: Path, settings: Settings, predictions: Path | None = None, by: str | None = None,
                  encoder=None, progress=None) -> Report:
    frame = read_pairs(path)
    if progress:
        progress(f"judging {len(frame)} labeled pairs from {path}")
    report, rows = evaluate_frame(frame, settings, encoder, Path(path).name, by)
    if predictions:
        write_table(predictions, PREDICTION_COLUMNS, rows)
    return report


def format_report(report: Report) -> str:
    m = report.overall
    auc = f"{report.auc:.3f}" if report.auc is not None else "n/a"
    lines = [
        f"{report.name}: threshold {report.threshold:.2f}",
        f"contradiction  precision {m.precision:.3f}  recall {m.recall:.3f}  F1 {m.f1:.3f}  ROC-AUC {auc}",
        f"confusion      TP {m.tp}  FP {m.fp}  FN {m.fn}  TN {m.tn}  (flagged {m.flagged_rate:.1%} of pairs)",
    ]
    for title, table in ((f"by {report.group_column}", report.groups), ("by predicted kind", report.kinds)):
        if table:
            lines += ["", f"{title:<24} {'n':>6} {'prec':>6} {'recall':>6} {'F1':>6} {'flagged':>8}"]
            for key, g in table.items():
                n = g.tp + g.fp + g.fn + g.tn
                lines.append(f"{str(key)[:24]:<24} {n:>6} {g.precision:>6.3f} {g.recall:>6.3f} {g.f1:>6.3f} {g.flagged_rate:>8.1%}")
    return "\n".join(lines)
