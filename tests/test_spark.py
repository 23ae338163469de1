"""The Spark engine (detector/spark.py) on Spark local[2]: the same conflicts CSV, byte for byte,
as the local engine, and the same caches. Marked `spark` (deselect with -m "not spark"); they
skip when pyspark or Java is missing."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SAMPLE, FakeEncoder
from detector.cli import app
from detector.pipeline import scan
from detector.settings import Settings

runner = CliRunner()
CORPORA = [SAMPLE, ROOT / "tests" / "corpus", ROOT / "tests" / "validation", ROOT / "tests" / "validation2"]


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (apt-get install openjdk-17-jre-headless)")
    from pyspark import cloudpickle

    from detector.spark import spark_session

    cloudpickle.register_pickle_by_value(sys.modules[FakeEncoder.__module__])  # executors cannot import conftest
    session = spark_session("local[2]")
    yield session
    session.stop()


def cli_scan(corpus, out, *args):
    result = runner.invoke(app, ["scan", str(corpus), "-o", str(out), "--disputes", str(out.with_suffix(".disputes.csv")), "-q", *args])
    assert result.exit_code == 0, result.output
    return out.read_bytes(), out.with_suffix(".disputes.csv").read_bytes()


@pytest.mark.spark
@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_spark_writes_the_local_engines_conflicts_and_disputes_byte_for_byte(spark, corpus, tmp_path, use_fake_encoder):
    # each run has its own empty cache: the Spark run computes every stage itself
    local = cli_scan(corpus, tmp_path / "local.csv", "--cache", str(tmp_path / "cache-local"))
    spread = cli_scan(corpus, tmp_path / "spark.csv", "--cache", str(tmp_path / "cache-spark"), "--engine", "spark", "--spark-master", "local[2]")
    assert local[0].count(b"\n") > 10, "the corpus should give flagged pairs"
    assert spread == local


@pytest.mark.spark
def test_the_caches_are_shared_both_ways(spark, tmp_path, use_fake_encoder, monkeypatch):
    import detector.pipeline

    settings = Settings(cache_dir=str(tmp_path / "cache"))
    first = scan(ROOT / "tests" / "corpus", settings, spark=spark)
    assert first.stats["embedded"] == len({c.text for c in first.claims}) > 0  # encoded on the executors

    def never(*args, **kwargs):
        raise AssertionError("a warm rescan should read this from the cache")

    for name in ("extract_claims", "judge", "candidate_index"):
        monkeypatch.setattr(detector.pipeline, name, never)
    again = scan(ROOT / "tests" / "corpus", settings)  # the local engine after the Spark run
    assert again.stats["embedded"] == 0 and again.stats["cached"] == len({c.text for c in first.claims})
    assert [(s.pair, s.hits, s.score) for s in again.scored] == [(s.pair, s.hits, s.score) for s in first.scored]
    monkeypatch.undo()

    other = Settings(cache_dir=str(tmp_path / "cache2"))
    scan(SAMPLE, other)  # and the other way round: Spark after a local run
    monkeypatch.setattr(use_fake_encoder, "encode", never)
    assert scan(SAMPLE, other, spark=spark).stats["embedded"] == 0


def flagged_rows(result):
    from detector.review import conflict_rows

    return conflict_rows(result.flagged, {d.doc_id: d.url for d in result.documents if d.url}, result.wire)


@pytest.mark.spark
def test_a_glob_uri_and_a_parquet_table_read_as_the_folder(spark, tmp_path):
    corpus = ROOT / "tests" / "corpus"
    settings = Settings(use_cache=False)
    local = scan(corpus, settings, encoder=FakeEncoder())
    glob = scan(f"file://{corpus}/*.txt", settings, encoder=FakeEncoder(), spark=spark)
    assert glob.documents == local.documents and flagged_rows(glob) == flagged_rows(local)

    sample = scan(SAMPLE, settings, encoder=FakeEncoder())
    rows = [{"doc_id": d.doc_id, "text": d.text, "source": d.source, "date": d.date, "url": d.url, "title": d.title}
            for d in sample.documents]
    frame = spark.createDataFrame(rows, "doc_id string, text string, source string, date string, url string, title string")
    frame.write.parquet(str(tmp_path / "articles.parquet"))
    table = scan(str(tmp_path / "articles.parquet"), settings, encoder=FakeEncoder(), spark=spark)
    assert table.documents == sample.documents and flagged_rows(table) == flagged_rows(sample)
    direct = scan(frame.drop("doc_id"), settings, encoder=FakeEncoder(), spark=spark)  # ids from row numbers
    assert [d.text for d in direct.documents] == [d.text for d in sample.documents]
    assert len(direct.flagged) == len(sample.flagged)


@pytest.mark.spark
def test_a_missing_path_or_a_table_without_text_is_one_error(spark, tmp_path):
    missing = runner.invoke(app, ["scan", f"file://{tmp_path}/nowhere/*.txt", "--engine", "spark", "-o", str(tmp_path / "x.csv")])
    assert missing.exit_code == 2 and "error: no such file or folder" in missing.output and "Traceback" not in missing.output
    spark.createDataFrame([("a",)], "body string").write.parquet(str(tmp_path / "t.parquet"))
    no_text = runner.invoke(app, ["scan", str(tmp_path / "t.parquet"), "--engine", "spark", "-o", str(tmp_path / "x.csv")])
    assert no_text.exit_code == 2 and "has no 'text' column" in no_text.output


@pytest.mark.spark
@pytest.mark.slow
def test_spark_with_the_real_model_writes_the_local_engines_conflicts(spark, tmp_path):
    local = cli_scan(SAMPLE, tmp_path / "local.csv", "--cache", str(tmp_path / "cache-local"))
    spread = cli_scan(SAMPLE, tmp_path / "spark.csv", "--cache", str(tmp_path / "cache-spark"), "--engine", "spark")
    assert spread == local


def test_without_pyspark_engine_spark_is_one_error_with_the_install_hint(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    result = runner.invoke(app, ["scan", str(SAMPLE), "--engine", "spark", "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert result.output.splitlines() == ["error: --engine spark needs pyspark, which is not installed",
                                          "hint: pip install 'detector[spark]'"]
    assert not (tmp_path / "x.csv").exists()


def test_without_java_engine_spark_is_one_error(tmp_path):
    pytest.importorskip("pyspark")
    env = {**os.environ, "JAVA_HOME": str(tmp_path / "no-java")}
    done = subprocess.run([sys.executable, "-m", "detector", "scan", str(SAMPLE), "--engine", "spark", "-o", str(tmp_path / "x.csv")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("error: --engine spark needs Java 17") and lines[1].startswith("hint: apt-get install"), done.stderr


def test_the_local_engine_never_imports_pyspark():
    code = "import sys, detector.cli, detector.pipeline, detector.spark; assert 'pyspark' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_a_master_url_spark_cannot_take_is_one_error(tmp_path):
    result = runner.invoke(app, ["scan", str(SAMPLE), "--spark-master", "foo", "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == "error: --spark-master must be local[N], yarn, spark://HOST:PORT or k8s://URL, got 'foo'"
