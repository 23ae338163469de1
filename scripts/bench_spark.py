"""The local engine against the Spark engine on one machine, per stage, on bench.py's synthetic corpus.

    .venv/bin/python scripts/bench_spark.py [--claims 10000] [--hashed 10000,30000] [--master local[2]]

What each figure means:

* real model -- scan() of a corpus of about --claims claims from files on disk, cold (an empty
  cache folder for each engine, so each run segments, encodes, pairs and judges everything),
  with the default model: the local engine in this process (the model loads in the embed
  stage), then the Spark engine on --master (the model loads on each executor's Python
  worker, inside the embed stage too). Stage columns are ScanResult.timings in seconds; "total"
  is the wall time of scan(); "session" the SparkSession start, which the Spark run pays once.
* hashed -- the same, with bench.py's hashed bag-of-words vectors standing in for the model,
  so the corpus sizes of --hashed show the stages the model does not dominate.
* same CSV -- whether both engines' conflicts CSVs (write_conflicts) are byte-identical.

The corpus is bench.py's (fixed seed): ~12-sentence articles from 20 outlets about shared events.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench  # noqa: E402  (scripts/bench.py: the synthetic corpus and the hashed vectors)
from detector.pipeline import scan  # noqa: E402
from detector.review import write_conflicts  # noqa: E402
from detector.settings import Settings  # noqa: E402

STAGES = ("load", "claims", "embed", "pair", "judge")


class HashedEncoder:
    name = "hashed"

    def encode(self, texts):
        return bench.hashed_vectors(texts)


def run(folder: Path, tmp: Path, label: str, spark, hashed: bool) -> dict:
    settings = Settings(cache_dir=str(tmp / f"cache-{label}"))
    t = time.perf_counter()
    result = scan(folder, settings, encoder=HashedEncoder() if hashed else None, spark=spark)
    total = time.perf_counter() - t
    out = tmp / f"{label}.csv"
    write_conflicts(out, result.flagged, {d.doc_id: d.url for d in result.documents if d.url}, result.wire)
    return {"engine": label, "claims": len(result.claims), "pairs": len(result.scored), "flagged": len(result.flagged),
            "pairing": result.stats.get("pairing"), "timings": result.timings, "total": total, "csv": out.read_bytes()}


def compare(n_claims: int, spark, master: str, hashed: bool) -> list[list]:
    with tempfile.TemporaryDirectory(prefix="detector-bench-spark-") as name:
        tmp = Path(name)
        folder = tmp / "corpus"
        folder.mkdir()
        bench.build_corpus(folder, n_claims)
        local = run(folder, tmp, "local", None, hashed)
        spread = run(folder, tmp, master, spark, hashed)
    same = "yes" if local["csv"] == spread["csv"] else "NO"
    return [[r["engine"], "hashed" if hashed else "model", f"{r['claims']:,}", f"{r['pairs']:,}", r["pairing"],
             *[f"{r['timings'][s]:.1f}" for s in STAGES], f"{r['total']:.1f}", same] for r in (local, spread)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000, help="corpus size for the real-model comparison (0: skip it)")
    parser.add_argument("--hashed", type=bench.parse_sizes, default=[10_000, 30_000], help="corpus sizes for the hashed-vector comparison")
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args(argv)

    from pyspark import cloudpickle

    from detector.spark import spark_session

    cloudpickle.register_pickle_by_value(bench)  # executors cannot import scripts/bench.py
    t = time.perf_counter()
    spark = spark_session(args.master)
    print(f"SparkSession {args.master} started in {time.perf_counter() - t:.1f} s", flush=True)
    header = ["engine", "vectors", "claims", "pairs", "pairing", *[f"{s} s" for s in STAGES], "total s", "same CSV"]
    rows = []
    for n, hashed in ([(args.claims, False)] if args.claims else []) + [(n, True) for n in args.hashed]:
        rows += compare(n, spark, args.master, hashed)
        print(bench.table(header, rows[-2:]).splitlines()[-2:], file=sys.stderr, flush=True)  # as each size finishes
    print(bench.table(header, rows))
    print(f"\nmachine: {bench.machine()}; load average {bench.load_average()}")
    spark.stop()


if __name__ == "__main__":
    main()
