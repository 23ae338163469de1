"""The scan on Apache Spark: the local engine's stages as Spark jobs, calling the same library
functions, with the same result (byte for byte in the conflicts CSV).

What runs where (docs/scale.md has the figures):

* load -- the driver lists local folders exactly as `load_corpus` does and executors read the
  files (`io.read_article`); a URI or glob (any filesystem Spark reads) is listed and read by
  Spark (`binaryFile`) and parsed on executors (`io.parse_article`); a Parquet table or a
  DataFrame with `text` (+ `doc_id`, `source`, `date`, `url`, `title`) gives one document a row.
* claims -- executors segment the documents the claims cache does not hold (`extract_claims`).
* embed -- executors encode the texts the embedding cache does not hold, in the pieces the
  local engine encodes them in (the cache's chunks, longest text first), one `encode()` call
  per piece, with the model loaded once per Python worker (on its GPU when it has one).
* pair -- wire clusters, article similarity and the referring-back reading on the driver; the
  exact top-k search's blocks (`pairing.exact_block`) on executors, against the broadcast
  vectors: every claim's neighbours are searched among all claims, so the candidates are the
  local engine's. The approximate (HNSW) search is one index: it is built on the driver.
* judge -- executors run the rules on the pairs the feature cache does not hold; the scores
  (a logistic of the hits), disputes and the CSV merge are the driver's.

The caches stay on the driver's filesystem, keyed as the local engine keys them, so a local
rescan after a Spark run embeds, segments and judges nothing, and the other way round.
"""
from __future__ import annotations

import copy
import os
import re
import shutil
import sys
import warnings
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlparse

from .cache import CachedEncoder
from .claims import extract_claims
from .errors import CorpusError, SettingsError
from .frames import prepare as prepare_frames
from .io import NOT_ARTICLES, SUPPORTED, Skipped, finish_corpus, load_corpus, parse_article, read_article, record_document, unsupported
from .pairing import exact_block
from .rules import judge
from .settings import Settings

INSTALL_HINT = "pip install 'detector[spark]'"
GLOB_CHARS = "*?[{"
TASKS_PER_CORE = 4  # slices per job: small enough to balance uneven documents, few enough to stay cheap
TABLE_COLUMNS = ("doc_id", "text", "source", "date", "url", "title")
MASTER_RE = re.compile(r"^(?:local(?:\[[0-9*]+(?:,\s*[0-9]+)?\])?|yarn|(?:spark|k8s)://.+)$")  # the forms Spark accepts
LOG_CONFIG = Path(__file__).resolve().parent / "spark-log4j2.properties"


def spark_session(master: str | None = None):
    """A SparkSession on `master` (default: the one spark-submit gives, else local[*]).
    SettingsError with the install hint when pyspark is missing, or when Spark cannot start."""
    if master and not MASTER_RE.match(master):
        raise SettingsError(f"--spark-master must be local[N], yarn, spark://HOST:PORT or k8s://URL, got {master!r}")
    # pyspark warns about any pandas >= 3 it meets, though the engine uses no pandas interop
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SettingsError("--engine spark needs pyspark, which is not installed", hint=INSTALL_HINT) from None
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else shutil.which("java")
    if not java or not os.access(java, os.X_OK):
        raise SettingsError(f"--engine spark needs Java 17, which is not found ({'JAVA_HOME=' + os.environ['JAVA_HOME'] if os.environ.get('JAVA_HOME') else 'no java on PATH'})",
                            hint="apt-get install openjdk-17-jre-headless (or set JAVA_HOME to a Java 17)")
    builder = SparkSession.builder.appName("detector").config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    if (master or "local").startswith("local") and "PYSPARK_GATEWAY_PORT" not in os.environ:  # ours, not spark-submit's
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # local workers run this interpreter, with its detector
        builder = builder.config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={LOG_CONFIG.as_uri()}")
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # no Java, a bad master URL: pyspark raises several types
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SettingsError(f"cannot start Spark ({reason})", hint="check --spark-master and that Java 17 runs (java -version)") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine:
    """pipeline.LocalEngine's steps as Spark jobs over `spark` (a SparkSession)."""

    def __init__(self, spark):
        self.spark = spark
        self.sc = spark.sparkContext

    def _slices(self, n: int) -> int:
        return max(1, min(n, TASKS_PER_CORE * self.sc.defaultParallelism))

    def _map(self, function, items: list) -> list:
        """`function` over `items` on the executors, results in order."""
        return self.sc.parallelize(items, self._slices(len(items))).map(function).collect() if items else []

    # --- load --------------------------------------------------------------------------------

    def load(self, paths):
        if _is_dataframe(paths):
            return self._table(paths, "table", "the DataFrame")
        items = [paths] if isinstance(paths, (str, Path)) else list(paths)
        remote = [str(p) for p in items if _is_table(p) or _is_uri_or_glob(p)]
        if not remote:
            return load_corpus([Path(p) for p in items], read_all=lambda files: self._map(_read_entry, [(str(p), d) for p, d in files]))
        if len(items) > 1:
            raise CorpusError("a URI, glob or table is read on its own", hint="give one URI, glob or table, or local paths only")
        where = remote[0]
        if _is_table(where):
            return self._table(self.spark.read.parquet(where), Path(urlparse(where).path.rstrip("/")).stem, where)
        return self._files(where)

    def _files(self, pattern: str):
        """The articles a URI or glob names (a folder: every file under it), ids relative to
        the folder before the first glob character."""
        base_path = _base_path(pattern)
        try:
            rows = (self.spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(pattern)
                    .select("path", "content").rdd.map(partial(_parse_row, base_path)).collect())
        except Exception as exc:  # a path that matches nothing: AnalysisException (a pyspark type)
            if "PATH_NOT_FOUND" in str(exc) or "does not exist" in str(exc):
                raise CorpusError(f"no such file or folder: {pattern}") from None
            raise
        docs, skipped = [], []
        for _, found, passed in sorted((r for r in rows if r is not None), key=lambda r: r[0]):
            docs += found
            skipped += passed
        return finish_corpus(docs, skipped, pattern)

    def _table(self, frame, name: str, where: str):
        if "text" not in frame.columns:
            raise CorpusError(f"{where} has no 'text' column", hint="a table needs a text column (and source, date, url when known)")
        frame = frame.select(*[c for c in TABLE_COLUMNS if c in frame.columns])
        rows = frame.rdd.zipWithIndex().map(partial(_table_row, name)).collect()
        docs = [d for found, _ in rows for d in found]
        return finish_corpus(docs, [s for _, passed in rows for s in passed], where)

    # --- claims, embeddings, pairs, hits -------------------------------------------------------

    def extract(self, documents, settings: Settings, on_document=None):
        out = self._map(partial(extract_claims, min_words=settings.min_claim_words, max_chars=settings.max_claim_chars), documents)
        if on_document:
            on_document(len(documents))
        return out

    def encoder(self, settings: Settings, given):
        from .pipeline import scan_encoder

        given = given or scan_encoder(settings)
        if isinstance(given, CachedEncoder):  # the cache stays here; its misses are encoded out there
            spread = copy.copy(given)
            spread.inner = SparkEncoder(self, given.inner, piece=given.chunk)
            spread.chunk = given.chunk * max(8, TASKS_PER_CORE * self.sc.defaultParallelism)
            return spread
        return SparkEncoder(self, given, piece=max(256, 16 * settings.batch_size))

    def map_blocks(self, vectors, groups, blocks: list, k: int, min_similarity: float) -> list:
        """pairing.MapBlocks: every block of query rows against all rows, on the executors."""
        if len(blocks) < 2:  # one block (an event bucket, a small corpus) is cheaper here than a job
            return [exact_block(vectors, groups, q, k, min_similarity) for q in blocks]
        shared = self.sc.broadcast((vectors, groups))
        try:
            return self._map(partial(_block, shared, k, min_similarity), blocks)
        finally:
            shared.unpersist()

    def judge(self, pairs, settings: Settings, on_pair=None):
        items = [(p.a, p.b) for p in pairs]
        out = (self.sc.parallelize(items, self._slices(len(items))).mapPartitions(partial(_judge_pairs, settings.parser_model)).collect()
               if items else [])
        if on_pair:
            on_pair(len(pairs))
        return out


class SparkEncoder:
    """An Encoder whose `encode` runs on the executors: the texts in pieces of `piece` (one
    task and one `encode()` call each, in order), the inner encoder's model loaded once per
    Python worker."""

    def __init__(self, engine: SparkEngine, inner, piece: int):
        self.engine, self.inner, self.piece = engine, inner, piece
        self.name = inner.name
        self.cache_identity = getattr(inner, "cache_identity", None) or inner.name

    def encode(self, texts: list[str]):
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        pieces = [texts[start:start + self.piece] for start in range(0, len(texts), self.piece)]
        # one slice per piece: a piece is one encode() call, as the local engine makes it. The
        # encoder travels with the task (small: a model is never pickled, see embed.py).
        done = self.engine.sc.parallelize(pieces, len(pieces)).map(partial(_encode_piece, self.inner)).collect()
        return np.concatenate(done)


# --- what the executors run (module functions: pickled by reference, not with the engine) -------

_WORKER_ENCODERS: dict = {}  # one loaded model per Python worker process and model


def _encode_piece(inner, texts: list[str]):
    key = (type(inner).__qualname__, getattr(inner, "cache_identity", None) or inner.name,
           getattr(inner, "batch_size", None), getattr(inner, "_device", None))
    return _WORKER_ENCODERS.setdefault(key, inner).encode(texts)


def _read_entry(entry: tuple[str, str]):
    return read_article(Path(entry[0]), entry[1])


def _parse_row(base_path: str, row):
    """(doc_id, documents, skip lines) of one file Spark read, or None for a file that is no
    article (hidden, an answer key, a README): as `load_corpus` passes them over."""
    path = unquote(urlparse(row.path).path)
    doc_id = path[len(base_path):].lstrip("/") if path.startswith(base_path) else path.rsplit("/", 1)[-1]
    parts = doc_id.split("/")
    if any(p.startswith(".") for p in parts) or NOT_ARTICLES.match(parts[-1]):
        return None
    suffix = Path(parts[-1]).suffix
    if suffix.lower() not in SUPPORTED:
        return doc_id, [], [unsupported(doc_id, suffix)]
    return (doc_id, *parse_article(bytes(row.content), parts[-1], doc_id))


def _table_row(name: str, indexed):
    """([document], []) of one table row, or ([], [skip line]) when it has no text."""
    row, index = indexed
    rec = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.asDict().items() if v is not None}
    doc_id = str(rec.get("doc_id") or f"{name}#{index + 1}")
    if not isinstance(rec.get("text"), str) or not rec["text"].strip():
        return [], [Skipped(doc_id, "record has no text", "no text", record=True)]
    doc = record_document(doc_id, rec, name)
    if not doc.text.strip():
        return [], [Skipped(doc_id, "record has no text after removing markup", "no text", record=True)]
    return [doc], []


def _block(shared, k: int, min_similarity: float, q):
    vectors, groups = shared.value
    return exact_block(vectors, groups, q, k, min_similarity)


def _judge_pairs(parser_model: str, pairs):
    """The hits of one partition's pairs, their claims parsed in one batch first (as judge_each does)."""
    pairs = list(pairs)
    prepare_frames((c.text for pair in pairs for c in pair), parser_model)
    return [judge(a, b) for a, b in pairs]


def _base_path(pattern: str) -> str:
    """The path part of the folder that a URI or glob's ids are relative to, ending in '/'."""
    cut = min((pattern.index(c) for c in GLOB_CHARS if c in pattern), default=None)
    folder = pattern[:cut].rsplit("/", 1)[0] if cut is not None else pattern.rstrip("/")
    if "://" not in folder and not folder.startswith("file:"):
        folder = os.path.abspath(folder or ".")
    return urlparse(folder).path.rstrip("/") + "/"


def _is_dataframe(paths) -> bool:
    return type(paths).__name__ == "DataFrame" and hasattr(paths, "rdd")


def _is_table(path) -> bool:
    return str(path).rstrip("/").lower().endswith(".parquet")


def _is_uri_or_glob(path) -> bool:
    text = str(path)
    if os.path.lexists(text):
        return False  # a local file or folder, even one with a glob character in its name
    return "://" in text or text.startswith("file:") or any(c in text for c in GLOB_CHARS)
