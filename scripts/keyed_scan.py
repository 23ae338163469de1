"""Score a default scan of a corpus against a reader's answer key, two ways, and draw a blind sample.

    python scripts/keyed_scan.py CORPUS KEY.csv [KEY2.csv ...] [--sample 100 --seed 19 --sample-out rows.csv]

* scan: which listed conflicts (and disputes) a default scan flags, and which listed agreements
  or updates it wrongly flags;
* direct: the listed pairs handed to the judge as they are, with their real similarity (no
  pairing), which shows whether a miss is the judge's or the pairing's;
* sample: a seeded random sample of the flagged rows with no score, kind or evidence, for a
  blind reader to label (conflict / update / compatible / unclear); `--labels` then scores
  precision from such a labelled file (matched by claim texts).
Keys follow tests/*/expected.csv (doc_a, doc_b, text_a, text_b, expected, kind, why, dispute).
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector import Settings, scan  # noqa: E402
from detector.answer_key import direct_pairs, finds_conflict, read_key, score_key  # noqa: E402
from detector.pipeline import judge_pairs, scan_encoder  # noqa: E402

SAMPLE_COLUMNS = ["sample_id", "source_a", "date_a", "claim_a", "source_b", "date_b", "claim_b", "label"]


def _event(doc_id: str) -> str:
    return doc_id.split("_", 1)[0]


def _write_rows(path: Path, flagged) -> None:
    """Flagged rows with no score, kind or evidence, for a blind reader."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=SAMPLE_COLUMNS)
        w.writeheader()
        for n, sp in enumerate(flagged, 1):
            a, b = sp.pair.a, sp.pair.b
            w.writerow({"sample_id": n, "source_a": a.source, "date_a": a.date or "", "claim_a": a.text,
                        "source_b": b.source, "date_b": b.date or "", "claim_b": b.text, "label": ""})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("keys", type=Path, nargs="+")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--sample", type=int, default=0, help="rows to draw for blind labelling")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--sample-out", type=Path)
    ap.add_argument("--labels", type=Path, help="a labelled sample: precision of the flagged rows it covers")
    ap.add_argument("--unlabelled-out", type=Path, help="with --labels: write the flagged rows it does not cover, to label next")
    args = ap.parse_args()

    settings = Settings() if args.threshold is None else Settings(threshold=args.threshold)
    rows = read_key(*args.keys)
    result = scan(args.corpus, settings)
    print(result.summary())
    events = sorted({_event(r["doc_a"]) for r in rows})
    print(f"{'':<14}{'conflicts':>12}{'disputes':>12}{'agreements flagged':>20}")
    for event in events + ["all"]:
        part = [r for r in rows if event == "all" or _event(r["doc_a"]) == event]
        s = score_key(result.flagged, part)
        print(f"{event:<14}{s.found:>6} / {s.conflicts:<4}{s.disputes_found:>6} / {s.disputes:<4}"
              f"{len(s.false_alarms):>12} / {s.agreements}")
    for r in score_key(result.flagged, rows).false_alarms:
        print(f"  false alarm ({r['expected']}): {r['text_a']!r} / {r['text_b']!r}")

    vectors = scan_encoder(settings).encode([c.text for c in result.claims])
    listed = direct_pairs(result.claims, vectors, rows)
    judged = judge_pairs([p for _, p in listed if p is not None], settings)
    verdict = iter(judged)
    hits = Counter()
    for row, pair in listed:
        sp = next(verdict) if pair is not None else None
        flag = finds_conflict(sp) and sp.score >= settings.threshold
        hits[(row["expected"] == "conflict", "missing" if pair is None else flag)] += 1
    n_conf = sum(v for (c, _), v in hits.items() if c)
    print(f"direct: {hits[(True, True)]} / {n_conf} conflicts flagged ({hits[(True, 'missing')]} not extracted as claims); "
          f"{hits[(False, True)]} / {sum(v for (c, _), v in hits.items() if not c)} agreements/updates flagged")
    print("flagged by kind:", dict(Counter(sp.kind for sp in result.flagged).most_common()))
    cross = sum(_event(sp.pair.a.doc_id) != _event(sp.pair.b.doc_id) for sp in result.flagged)
    print(f"flagged across events: {cross} of {len(result.flagged)}")

    if args.sample and args.sample_out:
        drawn = random.Random(args.seed).sample(result.flagged, min(args.sample, len(result.flagged)))
        _write_rows(args.sample_out, drawn)
        print(f"wrote {len(drawn)} rows (seed {args.seed}) to {args.sample_out}")
    if args.labels:
        with open(args.labels, newline="", encoding="utf-8") as fh:
            labels = {frozenset((r["claim_a"], r["claim_b"])): r["label"].strip().lower() for r in csv.DictReader(fh)}
        keyed = [(sp, labels.get(frozenset((sp.pair.a.text, sp.pair.b.text)))) for sp in result.flagged]
        seen = Counter(label for _, label in keyed if label)
        n = sum(seen.values())
        print(f"labelled flagged rows: {n} of {len(keyed)} ({dict(seen)}); precision {seen['conflict'] / max(1, n - seen['update']):.3f} "
              f"(conflicts / rows not labelled update)")
        told = Counter(("update" if sp.kind == "update" else "conflict", label) for sp, label in keyed if label)
        for said in ("conflict", "update"):
            got = {label: v for (k, label), v in told.items() if k == said}
            print(f"  flagged as {said}: {sum(got.values())} labelled, {got.get(said, 0)} agree ({dict(got)})")
        print("  by kind:", dict(Counter((sp.kind, label) for sp, label in keyed if label).most_common()))
        if args.unlabelled_out:
            unlabelled = [sp for sp, label in keyed if not label]
            _write_rows(args.unlabelled_out, unlabelled)
            print(f"wrote {len(unlabelled)} unlabelled flagged rows to {args.unlabelled_out}")

if __name__ == "__main__":
    main()
