"""Why a pair was (not) flagged: every rule family's finding, the similarity, the score and the
threshold. Pure functions returning plain data; `format_explanation` renders it for the CLI.

A rule module may expose `explain_<family>(a, b) -> str` saying what it compared (which values
or slots each side has); it is called only when that family found nothing, and a family
without one is reported as "no finding".
"""
from __future__ import annotations

import importlib
import math
from dataclasses import dataclass
from pathlib import Path

from .claims import attribution
from .errors import ReviewFileError
from .review import read_review_file
from .rules import RULES, judge
from .scoring import TENSION_CAP, is_flagged, logit_terms, score
from .settings import Settings
from .types import CandidatePair, Claim, RuleHit


@dataclass(frozen=True)
class Finding:
    family: str
    hit: RuleHit | None
    counted: bool  # the hit is among the pair's hits (judge may set one aside, e.g. dates of an update)
    compared: str  # what the family compared, from its explain_<family> hook ("" without one)


@dataclass(frozen=True)
class Explanation:
    a: Claim
    b: Claim
    similarity: float
    similarity_from: str  # "model NAME" or "the row of FILE"
    findings: tuple[Finding, ...]
    hits: tuple[RuleHit, ...]  # what judge returns: the hits the score reads
    score: float
    terms: dict[str, float]  # the logit's terms when a rule hit (empty otherwise)
    counted: RuleHit | None  # the hit whose weight the score uses
    threshold: float
    flagged: bool
    row: dict | None = None  # the CSV row explained, if any

    @property
    def margin(self) -> float:
        """How far the score is above (+) or below (-) the threshold."""
        return round(self.score - self.threshold, 4)


def claim(label: str, text: str, date: str | None = None, doc_id: str | None = None, source: str | None = None) -> Claim:
    """A claim as a scan would extract it, from a sentence given on its own."""
    text = text.strip()
    return Claim(f"{label}-0", doc_id or label, source or label, text, 0, len(text), attribution(text), date or None)


def _hook(family: str):
    rule = RULES[family]
    return getattr(importlib.import_module(rule.__module__), f"explain_{family}", None)


def explain_pair(a: Claim, b: Claim, similarity: float, settings: Settings, similarity_from: str = "",
                 row: dict | None = None) -> Explanation:
    """Judge and score one pair exactly as a scan does, keeping each family's own finding."""
    hits = judge(a, b)
    findings = []
    for family, rule in RULES.items():
        hit = rule(a, b)
        hook = _hook(family) if hit is None else None
        findings.append(Finding(family, hit, hit is not None and hit in hits, hook(a, b) if hook else ""))
    scored = score(CandidatePair(a, b, similarity), hits, settings)
    counted, terms = logit_terms(hits, similarity, settings) if hits else (None, {})
    return Explanation(a, b, similarity, similarity_from, tuple(findings), hits, scored.score, terms, counted,
                       settings.threshold, is_flagged(scored, settings.threshold), row)


def explain_texts(text_a: str, text_b: str, settings: Settings, encoder, date_a: str | None = None,
                  date_b: str | None = None) -> Explanation:
    """Two sentences given on their own (as from two outlets), their similarity from `encoder`."""
    a, b = claim("A", text_a, date_a), claim("B", text_b, date_b)
    vectors = encoder.encode([a.text, b.text])
    similarity = round(float(vectors[0] @ vectors[1]), 4)
    return explain_pair(a, b, similarity, settings, f"model {settings.model}")


def explain_row(path: Path, pair_id: str, settings: Settings) -> Explanation:
    """One row of a conflicts CSV, judged again with the current rules and the row's similarity."""
    _, rows = read_review_file(path)
    row = next((r for r in rows if r["pair_id"] == pair_id.strip()), None)
    if row is None:
        raise ReviewFileError(f"{path} has no row with pair_id {pair_id}",
                              hint=f"pair ids are in the first column of {Path(path).name} (e.g. {rows[0]['pair_id']})"
                              if rows else f"{Path(path).name} has no rows")
    try:
        similarity = float((row.get("similarity") or "").replace(",", "."))
    except ValueError:
        similarity = math.nan
    if not math.isfinite(similarity):
        raise ReviewFileError(f"{path} pair {pair_id}: similarity {row.get('similarity')!r} is not a number")
    a, b = (claim(side.upper(), row[f"claim_{side}"], row.get(f"date_{side}"), row.get(f"doc_{side}"), row.get(f"source_{side}"))
            for side in "ab")
    return explain_pair(a, b, similarity, settings, f"the row of {Path(path).name}", row)


def format_explanation(e: Explanation) -> str:
    lines = []
    for label, c in (("A", e.a), ("B", e.b)):
        where = ", ".join(x for x in (c.source if c.source != label else "", c.date or "",
                                      f"reported from {c.attribution}" if c.attribution else "") if x)
        lines.append(f'{label}: "{c.text}"' + (f" ({where})" if where else ""))
    if e.row is not None:
        status = (e.row.get("status") or "").strip()
        lines.append(f"row {e.row['pair_id']}: score {e.row.get('score', '')} {e.row.get('kind', '')}"
                     + (f", status {status}" if status else "") + f", verdict {e.row.get('verdict') or '(none)'}")
    lines += [f"similarity {e.similarity:.4f} (from {e.similarity_from})", "", "rules:"]
    width = max(len(f) for f in RULES)
    for f in e.findings:
        if f.hit is not None:
            aside = "" if f.counted else " (set aside when judged together with the others)"
            lines.append(f"  {f.family:<{width}}  {f.hit.kind} {f.hit.strength:g}: {f.hit.evidence}{aside}")
        else:
            lines.append(f"  {f.family:<{width}}  no finding" + (f": {f.compared}" if f.compared else ""))
    own = {f.hit for f in e.findings}
    lines += [f"  {'':<{width}}  {h.kind} {h.strength:g}: {h.evidence}" for h in e.hits if h not in own]
    lines.append("")
    if e.counted is not None:
        t = e.terms
        lines.append(f"score {e.score:.4f} = logistic(bias {t['bias']:g} + {e.counted.kind} {t['rule']:.3f} "
                     f"+ similarity {t['similarity']:+.3f})")
    else:
        lines.append(f"score {e.score:.4f}: no rule hit, so only wording cues rank it (below {TENSION_CAP:g}); "
                     "a pair no rule judged is never flagged")
    where = "above" if e.margin >= 0 else "below"
    lines.append(f"threshold {e.threshold:g}: {'flagged' if e.flagged else 'not flagged'} "
                 f"(score {abs(e.margin):.4f} {where} the threshold)")
    return "\n".join(lines)
