"""Thresholds and score weights tuned from a reviewed conflicts CSV.

Tuning only reads the file: the score, kind and similarity of every reviewed row (and the
strongest hit's strength, recovered from the score and the settings the scan used, or read
from a `strength` column when there is one). Nothing is re-embedded or re-judged, so a file
of 100,000 reviewed rows tunes in about two seconds.

- `choose_threshold` / `cut_at`: precision, recall (among reviewed rows) and F1 at every cut;
  the recommended threshold is the lowest meeting a target precision, or the best F1.
- `fit`: logistic regression of the verdicts on (kind x strength, similarity), the same form
  as `scoring.score`, with an L2 pull towards the current weights (so a kind with few reviewed
  rows keeps its weight). `cross_validate` compares it with the current weights on held-out
  rows; the refit is only recommended when its cross-validated F1 is not worse.
"""
from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import OutputError, ReviewFileError
from .io import atomic_write_text
from .review import parse_verdict, read_review_file
from .settings import Settings

REQUIRED_COLUMNS = ("pair_id", "kind", "score", "similarity", "verdict")
GRID_STEP = 0.05
_EPS = 0.5e-4  # scores are written with 4 decimals


@dataclass
class Reviewed:
    """The reviewed rows of a conflicts CSV as arrays (one entry per usable reviewed row)."""

    path: Path
    total_rows: int
    all_scores: np.ndarray  # every row's score, reviewed or not (for the "flagged" counts)
    all_kinds: np.ndarray  # every row's kind
    pair_ids: list[str]
    kinds: np.ndarray
    scores: np.ndarray
    similarity: np.ndarray
    strength: np.ndarray
    labels: np.ndarray  # True: the reviewer says it is a real conflict
    ignored: int = 0  # reviewed rows not used (unknown verdict or kind)
    warnings: list[str] = field(default_factory=list)
    # reviewed rows no rule hit (near misses, empty kind): no threshold flags them, so those
    # marked yes are conflicts missed at every threshold and count against recall
    unjudged: int = 0
    missed: int = 0


@dataclass(frozen=True)
class Cut:
    """Precision/recall/F1 among reviewed rows when flagging scores >= threshold."""

    threshold: float
    precision: float
    recall: float
    f1: float
    kept: int  # reviewed rows at or above the threshold
    flagged: int = 0  # all rows of the file at or above the threshold
    met: bool = True  # reaches the target precision (always True without a target)


@dataclass
class KindSummary:
    kind: str
    reviewed: int
    yes: int
    at_choice: Cut
    own_choice: Cut | None  # the same rule applied to this kind's rows alone
    table: list[Cut]


@dataclass
class Refit:
    status: str  # "skipped", "rejected" or "accepted"
    reason: str
    cv_current: Cut | None = None  # pooled held-out figures (threshold field unused)
    cv_refit: Cut | None = None
    bias: float | None = None
    similarity_weight: float | None = None
    weights: dict | None = None
    choice: Cut | None = None  # threshold recommended with the refit weights (all reviewed rows)


@dataclass
class TuneReport:
    path: Path
    total_rows: int
    reviewed: int
    yes: int
    ignored: int
    target_precision: float | None
    table: list[Cut]
    choice: Cut | None
    kinds: list[KindSummary]
    refit: Refit
    settings: Settings  # what --write-config writes
    warnings: list[str]
    seconds: float = 0.0
    tuned: tuple[str, ...] = ("threshold",)  # the settings tune decided (written even when equal to a default)
    unjudged: int = 0  # reviewed rows no rule hit (see Reviewed)
    missed: int = 0


# --- reading ------------------------------------------------------------------------------------

def read_reviewed(path: Path, settings: Settings) -> Reviewed:
    """The reviewed rows of `path`; ReviewFileError when a needed column or value is unreadable."""
    path = Path(path)
    warnings: list[str] = []
    columns, rows = read_review_file(path, warnings)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ReviewFileError(f"{path} lacks column(s) {', '.join(missing)}, so it cannot be used for tuning",
                              hint="tune reads a conflicts CSV written by `detector scan` (it was not modified)")
    has_strength = "strength" in columns
    all_scores = np.empty(len(rows))
    all_kinds = np.array([(row.get("kind") or "").strip() for row in rows], dtype=object)
    keep_ids, kinds, scores, sims, strengths, labels = [], [], [], [], [], []
    unknown_verdicts: list[str] = []
    unknown_kinds: dict[str, int] = {}
    unjudged: list[bool] = []
    for n, row in enumerate(rows):
        where = f"{path} row {n + 1} (pair {row['pair_id']})"
        all_scores[n] = _number(row["score"], where, "score")
        try:
            verdict = parse_verdict(row.get("verdict") or "")
        except ValueError:
            unknown_verdicts.append(f"{row['pair_id']} {row['verdict']!r}")
            continue
        if verdict is None:
            continue
        kind = (row.get("kind") or "").strip()
        if not kind:
            unjudged.append(verdict)
            all_scores[n] = math.nan  # never flagged, whatever the threshold
            continue
        if kind not in settings.weights:
            unknown_kinds[kind] = unknown_kinds.get(kind, 0) + 1
            continue
        keep_ids.append(row["pair_id"])
        kinds.append(kind)
        scores.append(all_scores[n])
        sims.append(_number(row["similarity"], where, "similarity"))
        raw = (row.get("strength") or "").strip() if has_strength else ""
        strengths.append(_number(raw, where, "strength") if raw else math.nan)
        labels.append(verdict)
    if unknown_verdicts:
        shown = ", ".join(unknown_verdicts[:3]) + (" ..." if len(unknown_verdicts) > 3 else "")
        warnings.append(f"{len(unknown_verdicts)} row(s) with an unknown verdict ignored ({shown}); use yes or no")
    for kind, count in sorted(unknown_kinds.items()):
        warnings.append(f"{count} reviewed row(s) of unknown kind {kind!r} ignored")
    kinds_arr = np.array(kinds, dtype=object)
    scores_arr, sims_arr = np.array(scores, dtype=float), np.array(sims, dtype=float)
    strength = np.array(strengths, dtype=float)
    if np.isnan(strength).any():
        strength, mismatched = _recover_strength(kinds_arr, scores_arr, sims_arr, strength, settings)
        if mismatched:
            warnings.append(
                f"{mismatched} reviewed row(s) have scores the given settings cannot produce; "
                "pass --config with the settings file the scan used (stale rows from an older scan are ignored for the refit)"
            )
    return Reviewed(path, len(rows), all_scores, all_kinds, keep_ids, kinds_arr, scores_arr, sims_arr, strength,
                    np.array(labels, dtype=bool), len(unknown_verdicts) + sum(unknown_kinds.values()), warnings,
                    len(unjudged), sum(unjudged))


def _number(text: str, where: str, column: str) -> float:
    value = (text or "").strip().lstrip("'").replace(",", ".")  # a spreadsheet may write 0,8123
    try:
        number = float(value)
    except ValueError:
        raise ReviewFileError(f"{where}: {column} {text!r} is not a number") from None
    if not math.isfinite(number):
        raise ReviewFileError(f"{where}: {column} {text!r} is not a number")
    return number


def _recover_strength(kinds, scores, sims, strength, settings: Settings) -> tuple[np.ndarray, int]:
    """Where strength is missing, invert score = sigmoid(bias + M + sw*(sim - 0.5)), where M, the
    strongest weighted hit, is attributed to the row's kind: strength = M / w[kind].

    When another hit of the pair outweighs the listed kind's, this "effective" strength exceeds 1
    (up to max(weights) / w[kind]). Rows whose score the settings cannot produce at all (beyond
    those bounds, or a kind of weight 0) get NaN: they still count for thresholds, not for the refit.
    """
    p = np.clip(scores, _EPS, 1 - _EPS)
    z = np.log(p / (1 - p)) - settings.bias - settings.similarity_weight * (sims - 0.5)
    w = np.array([settings.weights.get(k, 0.0) for k in kinds], dtype=float)
    safe_w = np.where(w > 0, w, 1.0)
    recovered = np.where(w > 0, z / safe_w, np.nan)
    top = max(settings.weights.values(), default=0.0)
    # a score written with 4 decimals moves the logit by at most _EPS / (p (1 - p))
    slack = 0.02 + (_EPS / (p * (1 - p))) / safe_w
    with np.errstate(invalid="ignore"):
        bad = np.isnan(recovered) | (recovered < -slack) | (recovered > top / safe_w + slack)
    todo = np.isnan(strength)
    out = strength.copy()
    out[todo] = np.where(bad[todo], np.nan, np.maximum(recovered[todo], 0.0))
    return out, int((bad & todo).sum())


# --- thresholds ---------------------------------------------------------------------------------

def _curve(scores: np.ndarray, labels: np.ndarray, missed: int = 0):
    """Thresholds (each distinct score, highest first) and tp / kept / precision / recall / F1 there.
    `missed`: further conflicts no threshold reaches (recall counts them)."""
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], labels[order]
    last = np.r_[s[1:] != s[:-1], True]
    tp = np.cumsum(y)[last].astype(float)
    kept = np.arange(1, len(s) + 1)[last].astype(float)
    precision = tp / kept
    recall = tp / max(int(y.sum()) + missed, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return s[last], tp, kept, precision, recall, f1


def choose_threshold(scores: np.ndarray, labels: np.ndarray, target: float | None, missed: int = 0) -> Cut | None:
    """The lowest threshold whose precision reaches `target`; without a target, the best F1.

    When no threshold reaches the target, the most precise one (met=False). Ties go to the
    lower threshold.
    """
    if len(scores) == 0:
        return None
    t, _, kept, p, r, f1 = _curve(scores, labels, missed)  # t is descending: the last index is the lowest
    met = True
    if target is None:
        i = len(t) - 1 - int(np.argmax(f1[::-1]))
    else:
        meeting = np.flatnonzero(p >= target - 1e-12)
        if len(meeting):
            i = int(meeting[-1])
        else:
            i, met = len(t) - 1 - int(np.argmax(p[::-1])), False
    return Cut(float(t[i]), float(p[i]), float(r[i]), float(f1[i]), int(kept[i]), met=met)


def cut_at(threshold: float, scores: np.ndarray, labels: np.ndarray, all_scores: np.ndarray | None = None,
           missed: int = 0) -> Cut:
    keep = scores >= threshold - 1e-12
    tp, kept, positives = int((keep & labels).sum()), int(keep.sum()), int(labels.sum()) + missed
    p = tp / kept if kept else 0.0
    r = tp / positives if positives else 0.0
    flagged = int((all_scores >= threshold - 1e-12).sum()) if all_scores is not None else kept
    return Cut(threshold, p, r, 2 * p * r / (p + r) if p + r else 0.0, kept, flagged)


def grid(scores: np.ndarray) -> list[float]:
    scores = scores[np.isfinite(scores)]  # rows no rule hit have no threshold
    if len(scores) == 0:
        return []
    lo = math.floor(float(scores.min()) / GRID_STEP + 1e-9) * GRID_STEP
    hi = float(scores.max())
    return [round(t, 2) for t in np.arange(lo, hi + 1e-9, GRID_STEP)]


# --- refitting the score weights ----------------------------------------------------------------

def features(kinds: np.ndarray, strength: np.ndarray, similarity: np.ndarray, kind_names: list[str]) -> np.ndarray:
    """[1, strength if kind == k (one column per kind), similarity - 0.5]: the terms of `scoring.score`."""
    x = np.zeros((len(kinds), len(kind_names) + 2))
    x[:, 0] = 1.0
    column = {k: n + 1 for n, k in enumerate(kind_names)}
    idx = np.array([column[k] for k in kinds], dtype=int)
    x[np.arange(len(kinds)), idx] = strength
    x[:, -1] = similarity - 0.5
    return x


def params_of(settings: Settings, kind_names: list[str]) -> np.ndarray:
    return np.array([settings.bias, *(settings.weights[k] for k in kind_names), settings.similarity_weight], dtype=float)


def scores_of(x: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Scores as a scan writes them (4 decimals), so thresholds chosen here reproduce exactly."""
    return np.round(1.0 / (1.0 + np.exp(-np.clip(x @ theta, -500, 500))), 4)


def fit(x: np.ndarray, y: np.ndarray, prior: np.ndarray, l2: float) -> np.ndarray:
    """L2-regularised logistic regression (Newton's method), pulled towards `prior`.

    Rule weights are kept >= 0 (a hit never counts against a conflict).
    """
    theta = prior.copy()
    ridge = 2 * l2 * np.eye(len(prior)) + 1e-6 * np.eye(len(prior))
    yf = y.astype(float)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ theta, -500, 500)))
        grad = x.T @ (p - yf) + 2 * l2 * (theta - prior)
        hess = (x * (p * (1 - p))[:, None]).T @ x + ridge
        step = np.linalg.solve(hess, grad)
        norm = float(np.abs(step).max())
        if norm > 5.0:
            step *= 5.0 / norm
        theta = theta - step
        if norm < 1e-8:
            break
    theta[1:-1] = np.maximum(theta[1:-1], 0.0)
    return theta


def fold_ids(labels: np.ndarray, k: int) -> np.ndarray:
    """Deterministic, stratified folds: each fold gets its share of yes and of no rows."""
    order = np.random.default_rng(0).permutation(len(labels))
    folds = np.empty(len(labels), dtype=int)
    for cls in (True, False):
        members = order[labels[order] == cls]
        folds[members] = np.arange(len(members)) % k
    return folds


def cross_validate(x, y, current_scores, prior, l2: float, k: int, target: float | None) -> tuple[Cut, Cut]:
    """Held-out precision/recall/F1 of the current scores and of a refit, each with its threshold
    chosen on the training folds by the same rule as the recommendation. Pooled over the folds."""
    folds = fold_ids(y, k)
    counts = {"current": np.zeros(3), "refit": np.zeros(3)}  # tp, kept, positives
    for f in range(k):
        train, test = folds != f, folds == f
        theta = fit(x[train], y[train], prior, l2)
        for name, train_scores, test_scores in (
            ("current", current_scores[train], current_scores[test]),
            ("refit", scores_of(x[train], theta), scores_of(x[test], theta)),
        ):
            choice = choose_threshold(train_scores, y[train], target)
            keep = test_scores >= choice.threshold - 1e-12
            counts[name] += (int((keep & y[test]).sum()), int(keep.sum()), int(y[test].sum()))
    out = []
    for name in ("current", "refit"):
        tp, kept, positives = counts[name]
        p = tp / kept if kept else 0.0
        r = tp / positives if positives else 0.0
        out.append(Cut(math.nan, p, r, 2 * p * r / (p + r) if p + r else 0.0, int(kept)))
    return out[0], out[1]


def refit(data: Reviewed, settings: Settings, target: float | None) -> Refit:
    usable = ~np.isnan(data.strength)
    n = int(usable.sum())
    y = data.labels[usable]
    yes, no = int(y.sum()), int((~y).sum())
    need = settings.refit_min_reviewed
    if n < need:
        return Refit("skipped", f"refit needs {need} reviewed rows, {n} usable: review {need - n} more")
    if min(yes, no) < settings.refit_folds:
        return Refit("skipped", f"refit needs at least {settings.refit_folds} rows marked yes and as many marked no "
                                f"(have {yes} yes, {no} no)")
    kind_names = sorted(settings.weights)
    x = features(data.kinds[usable], data.strength[usable], data.similarity[usable], kind_names)
    prior = params_of(settings, kind_names)
    cv_current, cv_refit = cross_validate(x, y, data.scores[usable], prior, settings.refit_l2, settings.refit_folds, target)
    theta = fit(x, y, prior, settings.refit_l2)
    weights = {k: round(float(w), 4) for k, w in zip(kind_names, theta[1:-1])}
    result = Refit("accepted" if cv_refit.f1 >= cv_current.f1 else "rejected", "", cv_current, cv_refit,
                   round(float(theta[0]), 4), round(float(theta[-1]), 4), weights)
    if result.status == "rejected":
        result.reason = "the refit weights would do worse on held-out rows; keeping the current weights"
        return result
    rounded = np.array([result.bias, *(weights[k] for k in kind_names), result.similarity_weight])
    result.choice = choose_threshold(scores_of(x, rounded), y, target, data.missed)
    return result


# --- the whole tune -----------------------------------------------------------------------------

def tune(data: Reviewed, settings: Settings, target: float | None = None) -> TuneReport:
    """Threshold table, per-kind figures, recommendation and (when enough rows) a checked refit."""
    started = time.perf_counter()
    scores, labels = data.scores, data.labels
    reviewed, yes = len(labels), int(labels.sum())
    warnings = list(data.warnings)
    if reviewed == 0:
        unjudged = f" (only {data.unjudged} near misses no rule hit, which no threshold can flag)" if data.unjudged else ""
        raise ReviewFileError(f"{data.path} has no reviewed rows to tune from{unjudged}",
                              hint="fill the verdict column with yes or no for some rows, then run tune again")
    if reviewed < settings.tune_min_reviewed:
        warnings.append(f"only {reviewed} reviewed rows: review at least {settings.tune_min_reviewed - reviewed} more "
                        f"({settings.tune_min_reviewed}) before trusting the recommended threshold")
    if yes == 0 or yes == reviewed:
        warnings.append(f"every reviewed row is marked {'no' if yes == 0 else 'yes'}: "
                        "review rows of both kinds so precision can be measured")
    choice = choose_threshold(scores, labels, target, data.missed)
    if target is not None and not choice.met:
        warnings.append(f"no threshold reaches precision {target:.2f} among the reviewed rows; "
                        f"recommending the most precise one ({choice.precision:.3f} at {choice.threshold:.4f})")
    choice = dataclasses.replace(cut_at(choice.threshold, scores, labels, data.all_scores, data.missed), met=choice.met)
    if choice.kept < 10 and reviewed >= 10:
        lo, hi = wilson(round(choice.precision * choice.kept), choice.kept)
        warnings.append(f"the recommended threshold keeps only {choice.kept} reviewed rows, so its precision is a rough "
                        f"estimate (95% interval {lo:.2f}-{hi:.2f})")
    points = sorted(set(grid(data.all_scores)) | {choice.threshold})
    table = [cut_at(t, scores, labels, data.all_scores, data.missed) for t in points]

    kinds = []
    for kind in sorted(set(data.kinds.tolist())):
        mask, in_file = data.kinds == kind, data.all_scores[data.all_kinds == kind]
        own = choose_threshold(scores[mask], labels[mask], target) if labels[mask].any() else None
        kinds.append(KindSummary(
            kind, int(mask.sum()), int(labels[mask].sum()), cut_at(choice.threshold, scores[mask], labels[mask], in_file),
            own, [cut_at(t, scores[mask], labels[mask], in_file) for t in points],
        ))

    result = refit(data, settings, target)
    if result.status == "accepted":
        out = settings.replace(bias=result.bias, similarity_weight=result.similarity_weight, weights=result.weights,
                               threshold=result.choice.threshold)
    else:
        out = settings.replace(threshold=choice.threshold)
    tuned = ("threshold", "bias", "similarity_weight", "weights") if result.status == "accepted" else ("threshold",)
    return TuneReport(data.path, data.total_rows, reviewed, yes, data.ignored, target, table, choice, kinds, result,
                      out, warnings, time.perf_counter() - started, tuned, data.unjudged, data.missed)


def tune_file(path: Path, settings: Settings, target: float | None = None) -> TuneReport:
    started = time.perf_counter()
    report = tune(read_reviewed(path, settings), settings, target)
    report.seconds = time.perf_counter() - started
    return report


def write_config(path: Path, report: TuneReport) -> None:
    how = "refit weights" if report.refit.status == "accepted" else "weights unchanged"
    target = f"target precision {report.target_precision:g}" if report.target_precision is not None else "best F1"
    header = f"# written by `detector tune {report.path.name}`: {report.reviewed} reviewed rows, {target}, {how}\n"
    try:
        atomic_write_text(Path(path), header + report.settings.to_toml(only=report.settings.changed() | set(report.tuned)))
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


# --- the printed report -------------------------------------------------------------------------

def _row(label: str, c: Cut, mark: str = "") -> str:
    precision = f"{c.precision:>9.3f}" if c.kept else f"{'-':>9}"
    return f"{label:>9}  {precision}  {c.recall:>6.3f}  {c.f1:>6.3f}  {c.kept:>6}  {c.flagged:>7}{mark}"


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval of a proportion (Wilson score): how sure a precision measured on n rows is."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _summary(c: Cut, target: float | None) -> str:
    lo, hi = wilson(round(c.precision * c.kept), c.kept)
    rule = f"lowest reaching precision {target:g}" if target is not None and c.met else (
        f"most precise; none reaches {target:g}" if target is not None else "best F1")
    return (f"{c.threshold:.4f} ({rule}): precision {c.precision:.3f} (95% interval {lo:.2f}-{hi:.2f}, "
            f"{c.kept} reviewed rows kept), recall {c.recall:.3f}, F1 {c.f1:.3f}")


def format_tune_report(report: TuneReport, by_kind: bool = False) -> str:
    target = f"target precision {report.target_precision:.2f}" if report.target_precision is not None else "best F1 (no target precision)"
    lines = [
        f"{report.path.name}: {report.total_rows} rows, {report.reviewed} reviewed "
        f"({report.yes} yes, {report.reviewed - report.yes} no)" + (f", {report.ignored} ignored" if report.ignored else "")
        + (f"; {report.unjudged} reviewed rows no rule hit, {report.missed} of them marked yes: "
           "missed at every threshold, counted in recall" if report.unjudged else ""),
        "precision and recall are among reviewed rows; kept = reviewed rows at or above the threshold, "
        "flagged = all rows",
        "",
        f"{'threshold':>9}  {'precision':>9}  {'recall':>6}  {'F1':>6}  {'kept':>6}  {'flagged':>7}",
    ]
    for cut in report.table:
        mark = "  <- recommended" if report.choice and abs(cut.threshold - report.choice.threshold) < 1e-9 else ""
        lines.append(_row(f"{cut.threshold:.4f}" if mark else f"{cut.threshold:.2f}", cut, mark))
    c = report.choice
    lines += ["", f"by kind, at threshold {c.threshold:.4f}:",
              f"{'kind':<18} {'reviewed':>8} {'yes':>5} {'precision':>9} {'recall':>6} {'F1':>6} {'kept':>6}  own threshold"]
    for k in report.kinds:
        own = "-" if k.own_choice is None else f"{k.own_choice.threshold:.4f}" + ("" if k.own_choice.met else " (target not met)")
        a = k.at_choice
        precision = f"{a.precision:>9.3f}" if a.kept else f"{'-':>9}"
        lines.append(f"{k.kind:<18} {k.reviewed:>8} {k.yes:>5} {precision} {a.recall:>6.3f} {a.f1:>6.3f} {a.kept:>6}  {own}")
    if by_kind:
        for k in report.kinds:
            lines += ["", f"{k.kind} ({k.reviewed} reviewed, {k.yes} yes)",
                      f"{'threshold':>9}  {'precision':>9}  {'recall':>6}  {'F1':>6}  {'kept':>6}  {'flagged':>7}"]
            lines += [_row(f"{t.threshold:.4f}" if abs(t.threshold - c.threshold) < 1e-9 else f"{t.threshold:.2f}", t)
                      for t in k.table]
    lines += ["", f"threshold with the current weights: {_summary(c, report.target_precision)}; flags {c.flagged} of {report.total_rows} rows"]
    r = report.refit
    if r.status == "skipped":
        lines.append(f"weights: not refit ({r.reason})")
    else:
        lines.append(
            f"weights refit from {report.reviewed} reviewed rows; on held-out rows ({report.settings.refit_folds}-fold cross-validation): "
            f"F1 {r.cv_current.f1:.3f} (current) -> {r.cv_refit.f1:.3f} (refit), {r.cv_refit.f1 - r.cv_current.f1:+.3f}; "
            f"precision {r.cv_current.precision:.3f} -> {r.cv_refit.precision:.3f}"
        )
        if r.status == "accepted":
            weights = ", ".join(f"{k} {r.weights[k]:g}" for k in sorted(r.weights))
            lines += [f"refit weights: bias {r.bias:g}, similarity_weight {r.similarity_weight:g}, {weights}",
                      f"threshold with the refit weights: {_summary(r.choice, report.target_precision)}"]
        else:
            lines.append(f"refit not recommended: {r.reason}")
    which = "the refit weights" if r.status == "accepted" else "the current weights"
    lines.append(f"recommended: threshold {report.settings.threshold:.4f} with {which} (--write-config saves them)")
    return "\n".join(lines)
