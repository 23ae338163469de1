"""scan(): corpus -> claims -> vectors -> candidate pairs -> judged and scored pairs.

The CLI and the Python API both call this; writing files is the caller's business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union

import numpy as np

from .cache import CachedEncoder, resolve_cache_root
from .claims import antecedents, extract_claims
from .embed import Encoder, load_encoder
from .event_pairs import event_pairs
from .features import FeatureCache, cached_claims, cached_hits, pairs_key
from .frames import prepare as prepare_frames
from .io import load_corpus, plural
from .pairing import MapBlocks, nearest_pairs
from .progress import Progress as ProgressReporter, Stage, as_progress
from .rules import judge
from .rules.dates import days_apart
from .scoring import flagged, near_misses, score
from .settings import Settings
from .types import CandidatePair, Claim, Document, ScoredPair
from .wire import wire_clusters

# A ProgressReporter (per-stage bars or messages, see detector/progress.py), or the older
# one-argument callback, which receives one line per finished stage.
Progress = Union[ProgressReporter, Callable[[str], None]]


@dataclass
class ScanResult:
    documents: list[Document]
    claims: list[Claim]
    scored: list[ScoredPair]  # every candidate pair with its score (cheap to re-threshold)
    flagged: list[ScoredPair]  # those at or above the threshold, best first
    skipped: list[str] = field(default_factory=list)  # files that could not be used, with why
    wire: dict[str, str] = field(default_factory=dict)  # doc_id -> wire cluster, for articles with near-copies
    timings: dict[str, float] = field(default_factory=dict)
    # how the scan went: "embedded" (claims sent to the model), "cached" (read from the
    # embedding cache), "pairing" (exact or ann) and, for ann, "recall" (checked against exact
    # on a sample), "recall_target", "cells" and "probes" (see detector.pairing)
    stats: dict = field(default_factory=dict)
    near_misses: list[ScoredPair] = field(default_factory=list)  # the best unflagged pairs (settings.near_misses)

    def summary(self) -> str:
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items())
        extra = ""
        if "cached" in self.stats:
            extra = f" ({self.stats['embedded']} embedded, {self.stats['cached']} from cache)"
        pairing = f" ({ann_recall_note(self.stats)})" if self.stats.get("pairing") == "ann" else ""
        return (
            f"{plural(len(self.documents), 'article')}, {plural(len(self.claims), 'claim')}{extra}, "
            f"{len(self.scored)} candidate pairs{pairing}, {len(self.flagged)} flagged ({stages})"
        )

    def outlet_warning(self) -> str | None:
        """Why a corpus of fewer than two outlets can flag nothing, naming what it saw; else None."""
        outlets = sorted({d.source for d in self.documents})
        if len(outlets) >= 2:
            return None
        return (f"{plural(len(self.documents), 'article')} from {plural(len(outlets), 'outlet')} ({', '.join(outlets)}): "
                "contradictions are only sought between different outlets, so none can be found; "
                "an article's outlet is its SOURCE header or field, else its file name")


def ann_recall_note(stats: dict) -> str:
    """The approximate pairing's checked recall against exact, and whether it reached its target."""
    if "recall" not in stats:
        return "ann"
    recall, target = stats["recall"], stats.get("recall_target", 0.0)
    if recall >= target:
        return f"ann, recall {recall:.3f}"
    return (f"ann, recall {recall:.3f}, {target - recall:.3f} short of the ann_recall target {target:.3f} "
            f"even with {stats['probes']} of {stats['cells']} cells searched; --exact finds every pair")


def extract_all(documents: list[Document], settings: Settings, on_document: Callable[[int], None] | None = None) -> list[Claim]:
    """The claims of every document, in corpus order; `on_document(1)` after each one."""
    return [c for found in extract_each(documents, settings, on_document) for c in found]


def extract_each(documents: list[Document], settings: Settings, on_document: Callable[[int], None] | None = None) -> list[list[Claim]]:
    """The claims of each document (a list per document); `on_document(1)` after each one."""
    out = []
    for doc in documents:
        out.append(extract_claims(doc, settings.min_claim_words, settings.max_claim_chars))
        if on_document:
            on_document(1)
    return out


def judge_each(pairs: list[CandidatePair], settings: Settings, on_pair: Callable[[int], None] | None = None) -> list[tuple]:
    """The rule hits of each pair (their claims parsed in one batch first); `on_pair(n)` every
    256 pairs and at the end."""
    prepare_frames((c.text for p in pairs for c in (p.a, p.b)), settings.parser_model)
    hits = []
    for n, p in enumerate(pairs, 1):
        hits.append(judge(p.a, p.b))
        if on_pair and n % 256 == 0:
            on_pair(256)
    if on_pair:
        on_pair(len(pairs) % 256)
    return hits


class LocalEngine:
    """Where the scan's heavy steps run: here, in this process. detector/spark.py's engine runs
    the same library functions as Spark jobs; `scan` is the same for both."""

    map_blocks: MapBlocks | None = None  # the exact neighbour search, block by block (pairing.MapBlocks)

    def load(self, paths) -> tuple[list[Document], list[str]]:
        return load_corpus(paths)

    def extract(self, documents: list[Document], settings: Settings, on_document=None) -> list[list[Claim]]:
        return extract_each(documents, settings, on_document)

    def encoder(self, settings: Settings, given: Encoder | None) -> Encoder:
        return given or scan_encoder(settings)

    def judge(self, pairs: list[CandidatePair], settings: Settings, on_pair=None) -> list[tuple]:
        return judge_each(pairs, settings, on_pair)


def candidate_pairs(
    claims: list[Claim], vectors: np.ndarray, settings: Settings, wire: dict[str, str] | None = None,
    stage: Stage | None = None, stats: dict | None = None, map_blocks: MapBlocks | None = None,
) -> list[CandidatePair]:
    """Nearest neighbours from other outlets and other wire clusters, plus claims that time the
    same kind of event (`event_pairs`), from articles about one story (`story_similarity` at
    least `min_story_similarity`); `a` comes first in the corpus.
    The search is exact or approximate per `settings.pairing` (auto: ann from ann_min_claims up);
    `stage` counts the claims done, `stats` receives the method (and the ann recall);
    `map_blocks` runs the exact search's blocks (an engine's, see `LocalEngine`)."""
    return as_pairs(claims, *candidate_index(claims, vectors, settings, wire, stage, stats, map_blocks=map_blocks))


def as_pairs(claims: list[Claim], index: np.ndarray, sims: np.ndarray) -> list[CandidatePair]:
    return [CandidatePair(claims[x], claims[y], s) for (x, y), s in zip(index.tolist(), sims.tolist())]


def candidate_index(
    claims: list[Claim], vectors: np.ndarray, settings: Settings, wire: dict[str, str] | None = None,
    stage: Stage | None = None, stats: dict | None = None, documents: list[Document] | None = None,
    map_blocks: MapBlocks | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """`candidate_pairs` as claim positions [n, 2] (sorted) and similarities (rounded to 4 places).
    With `documents`, the names that tell stories apart are read from whole articles and headlines."""
    if len(claims) < 2:
        return np.zeros((0, 2), dtype=np.int32), np.zeros(0)
    wire = wire or {}
    sources = {s: n for n, s in enumerate(sorted({c.source for c in claims}))}
    copies = {key: n for n, key in enumerate(sorted({wire.get(c.doc_id, c.doc_id) for c in claims}))}
    groups = np.array([[sources[c.source], copies[wire.get(c.doc_id, c.doc_id)]] for c in claims])
    i, j, sims = nearest_pairs(
        vectors, groups, settings.top_k, settings.min_similarity, settings.block_size,
        method=settings.pairing, ann_min_rows=settings.ann_min_claims, ann_recall=settings.ann_recall,
        memory_budget=settings.pair_memory_mb << 20, on_progress=stage.update if stage else None, stats=stats,
        map_blocks=map_blocks,
    )
    found = {(x, y): s for x, y, s in zip(i.tolist(), j.tolist(), sims.tolist())}
    for x, y, s in event_pairs(claims, vectors, groups, settings, map_blocks):
        found.setdefault((x, y), s)
    story = story_similarity(claims, vectors)
    back = antecedents(claims)

    def topical(x: int, y: int, s: float) -> float:
        """The claims' similarity, or each one's sentence before it against the other, when the
        claim refers back to that sentence: "The council voted late Tuesday" is about the ordinance."""
        for p, q in ((back[x], y), (x, back[y])):
            if p is not None and q is not None:
                s = max(s, float(vectors[p] @ vectors[q]))
        return round(float(s), 4)

    names = story_names(article_texts(claims) if documents is None else {d.doc_id: f"{d.title or ''}\n{d.text}" for d in documents})
    kept = [(xy, topical(*xy, s)) for xy, s in sorted(found.items())
            if one_story(story(a := claims[xy[0]].doc_id, b := claims[xy[1]].doc_id), names[a], names[b],
                         days_apart(claims[xy[0]].date, claims[xy[1]].date), settings)]
    return np.array([xy for xy, _ in kept], dtype=np.int32).reshape(-1, 2), np.array([s for _, s in kept], dtype=np.float64)


def pair_corpus(
    documents: list[Document], claims: list[Claim], vectors: np.ndarray, settings: Settings,
    features: FeatureCache | None = None, stage: Stage | None = None, stats: dict | None = None,
    map_blocks: MapBlocks | None = None,
) -> tuple[dict[str, str], list[CandidatePair]]:
    """The wire clusters and candidate pairs of a corpus; with `features`, read from there when
    the articles, their claims and vectors and the pairing settings are all unchanged."""
    stats = {} if stats is None else stats
    key = pairs_key(documents, claims, vectors, settings) if features is not None else None
    stored = features.get_pairs(key) if key else None
    if stored is not None:
        meta, index, sims = stored
        wire = meta["wire"]
        stats.update(meta["stats"])
        if stage:
            stage.update(len(claims))
    else:
        wire = wire_clusters(documents)
        index, sims = candidate_index(claims, vectors, settings, wire, stage, stats, documents, map_blocks)
        if key:
            features.put_pairs(key, {"wire": wire, "stats": {k: stats[k] for k in ANN_STATS if k in stats}}, index, sims)
    return wire, as_pairs(claims, index, sims)


ANN_STATS = ("method", "recall", "recall_target", "cells", "probes")


def story_similarity(claims: list[Claim], vectors: np.ndarray) -> Callable[[str, str], float]:
    """Cosine similarity of two articles' mean claim vectors: about 0.6-0.9 for two reports of
    one event, lower for two stories ("a fire broke out on Monday" in one, "on Saturday" in
    another). An article of fewer than STORY_MIN_CLAIMS claims has too few to tell: 1.0."""
    docs = {d: n for n, d in enumerate(dict.fromkeys(c.doc_id for c in claims))}
    rows = np.array([docs[c.doc_id] for c in claims])
    centroids = np.zeros((len(docs), vectors.shape[1]), dtype=np.float64)
    np.add.at(centroids, rows, vectors)
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    small = np.bincount(rows, minlength=len(docs)) < STORY_MIN_CLAIMS
    return lambda a, b: 1.0 if small[docs[a]] or small[docs[b]] else float(centroids[docs[a]] @ centroids[docs[b]])


STORY_MIN_CLAIMS = 3
# A run of capitalised words: a name ("Saltmere Port Authority", "Sam Altman").
NAME_RE = re.compile(r"\b[A-Z][a-z][\w'’-]+(?:[ \t]+[A-Z][\w'’&-]*)*")
POSSESSIVE_RE = re.compile(r"['’]s?$")
LOWER_WORD_RE = re.compile(r"\b[a-z][a-z'’-]+")
NOT_NAMES = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
                      "August September October November December President Minister Prime Police Government Ministry "
                      "Department Mr Mrs Ms Dr The This That These Those He She They It We But And".split())


def one_story(similarity: float, x: frozenset[str], y: frozenset[str], days_apart: int | None, settings: Settings) -> bool:
    """Two articles tell one story when their claims are alike, they share a name (or either
    names none) and they appeared within `max_story_days` of each other (when both are dated):
    a report months later is another story, or an update, not a disagreement about this one."""
    if similarity < settings.min_story_similarity or (x and y and not x & y):
        return False
    return days_apart is None or days_apart <= settings.max_story_days


def article_texts(claims: list[Claim]) -> dict[str, str]:
    """doc_id -> its claims' text, for when the articles themselves are not at hand."""
    texts: dict[str, list[str]] = {}
    for c in claims:
        texts.setdefault(c.doc_id, []).append(c.text)
    return {doc: " ".join(parts) for doc, parts in texts.items()}


def story_names(texts: dict[str, str]) -> dict[str, frozenset[str]]:
    """The names each article (doc_id -> its text, headline included) mentions. Two reports of
    one event share some (the place, the company, the people); two events of one kind in one
    folder ("a fire broke out" twice) share none, however alike their wording."""
    runs = {doc: [[POSSESSIVE_RE.sub("", w) for w in run.split()] for run in NAME_RE.findall(text)] for doc, text in texts.items()}
    # Not names: words the corpus also writes in lower case ("fire", "police"), and words that
    # only ever end a name ("Aerospace" in "Tessaro Aerospace", "Meteora Aerospace"): kinds of body.
    common = {w for text in texts.values() for w in LOWER_WORD_RE.findall(text)}
    leading = {run[0] for found in runs.values() for run in found}
    return {doc: frozenset(w for run in found for w in run if w in leading and w.lower() not in common) - NOT_NAMES
            for doc, found in runs.items()}


def judge_pairs(
    pairs: list[CandidatePair], settings: Settings, stage: Stage | None = None, features: FeatureCache | None = None,
    judge_many: Callable = judge_each,
) -> list[ScoredPair]:
    """Rule hits and score of every pair; with `features`, hits of pairs judged before are reused
    (the parser is then loaded only when some pair is new). `judge_many(pairs, settings,
    on_pair)` judges the others (an engine's, see `LocalEngine`)."""
    on_pair = stage.update if stage else None
    if features is not None:
        hits, _ = cached_hits(pairs, lambda todo, on: judge_many(todo, settings, on), features, on_pair)
    else:
        hits = judge_many(pairs, settings, on_pair)
    return [score(p, h, settings) for p, h in zip(pairs, hits)]


def scan_encoder(settings: Settings) -> Encoder:
    """The settings' model (loaded lazily), behind the embedding cache unless use_cache is off."""
    encoder = load_encoder(settings.model, settings.device, settings.batch_size)
    if settings.use_cache:
        encoder = CachedEncoder(encoder, resolve_cache_root(settings.cache_dir), chunk=max(256, 16 * settings.batch_size))
    return encoder


def _embed(claims: list[Claim], encoder: Encoder, stage: Stage, stats: dict) -> np.ndarray:
    texts = [c.text for c in claims]
    if not isinstance(encoder, CachedEncoder):
        vectors = encoder.encode(texts)
        stage.update(len(claims))
        return vectors
    encoder.on_progress = stage.update
    hits, encoded = encoder.hits, encoder.encoded
    try:
        vectors = encoder.encode(texts)
    finally:
        encoder.on_progress = None
    stats["embedded"], stats["cached"] = encoder.encoded - encoded, encoder.hits - hits
    return vectors


def scan(
    paths: list[Path] | Path,
    settings: Settings | None = None,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
    spark=None,
) -> ScanResult:
    """Run the whole pipeline over a corpus. `encoder` defaults to the settings' model behind
    the embedding cache (`scan_encoder`); an encoder passed in is used as it is.
    `progress` shows the stages (see detector/progress.py); None is silent. The caller
    prints `ScanResult.summary()` (after adding its own stages, such as write, to timings).
    With `spark` (a SparkSession), or `settings.engine` "spark", the stages run as Spark jobs
    (detector/spark.py) with the same result; `paths` may then also be a URI, a glob, a
    Parquet table or a Spark DataFrame."""
    settings = settings or Settings()
    settings.validate()  # a Settings built directly, not through load_settings, is checked here
    if spark is not None or settings.engine == "spark":
        from .spark import SparkEngine, spark_session  # pyspark is imported only when asked for

        engine = SparkEngine(spark or spark_session(settings.spark_master or None))
    else:
        engine = LocalEngine()
    reporter = as_progress(progress)
    timings: dict[str, float] = {}
    stats: dict = {}

    with reporter.stage("load", unit="articles") as st:
        documents, skipped = engine.load(paths)
        st.update(len(documents))
    timings["load"] = st.seconds

    features = FeatureCache(resolve_cache_root(settings.cache_dir) / "features.sqlite") if settings.use_cache else None
    with reporter.stage("claims", total=len(documents), unit="articles") as st:
        if features is not None:
            claims, _ = cached_claims(documents, lambda docs: engine.extract(docs, settings, st.update),
                                      settings.min_claim_words, settings.max_claim_chars, features, st.update)
        else:
            claims = [c for found in engine.extract(documents, settings, st.update) for c in found]
    timings["claims"] = st.seconds

    with reporter.stage("embed", total=len(claims), unit="claims") as st:
        if len({c.source for c in claims}) < 2:
            vectors = np.zeros((len(claims), 1), dtype=np.float32)  # nothing to compare: skip the model
            st.update(len(claims))
        else:
            vectors = _embed(claims, engine.encoder(settings, encoder), st, stats)
    timings["embed"] = st.seconds

    with reporter.stage("pair", total=len(claims), unit="claims") as st:
        wire, pairs = pair_corpus(documents, claims, vectors, settings, features, st, stats, engine.map_blocks)
    timings["pair"] = st.seconds
    stats["pairing"] = stats.pop("method", "exact")

    with reporter.stage("judge", total=len(pairs), unit="pairs") as st:
        scored = judge_pairs(pairs, settings, st, features, engine.judge)
    timings["judge"] = st.seconds
    if features is not None:
        features.close()
    return ScanResult(documents, claims, scored, flagged(scored, settings.threshold), skipped, wire, timings, stats,
                      near_misses(scored, settings.threshold, settings.near_misses))
