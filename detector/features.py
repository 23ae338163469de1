"""Incremental scans: the claims of each article, the candidate pairs of a corpus and the rule
hits of each pair, stored so that a rescan of unchanged articles neither segments, pairs nor
judges them again.

One SQLite file, `<cache root>/features.sqlite`, three tables:

* claims(key, value): key = sha1(extractor code, min_claim_words, max_claim_chars, the
  document's id, source, date and text) -> the document's claims (JSON);
* hits(key, value): key = sha1(rules code, both claims' fields) -> the rule hits (JSON);
* pairs(key, meta, pairs, sims, used): key = sha1(pairing code, pairing settings, every
  document, claim and claim vector) -> the wire clusters and pairing stats (JSON) and the
  candidate pairs as claim positions (int32) and similarities (float64). Only the
  KEPT_PAIR_SETS most recently used corpus states are kept: each is as large as its corpus.

"Code" is a hash of the source files involved (detector/claims.py; detector/rules/ with its
word lists; detector/frames.py, the parse the rules read), so editing a rule or the segmenter
invalidates what it produced. Scores are not
stored: they are recomputed from the hits with the current weights and threshold.
SQLite gives atomic commits and locking, so interrupted and concurrent runs are safe (a busy
database is skipped, not waited for: the scan then computes what it needs).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from functools import lru_cache
from pathlib import Path

import numpy as np

from .types import Claim, Document, RuleHit

PACKAGE = Path(__file__).resolve().parent
_CHUNK = 500  # keys per SELECT ... IN (...)
KEPT_PAIR_SETS = 8
# The settings that change which pairs are candidates (scoring settings only rescore them).
PAIR_SETTINGS = ("top_k", "min_similarity", "event_min_similarity", "min_story_similarity", "max_story_days", "pairing", "parser_model",
                 "ann_min_claims", "ann_recall", "block_size", "pair_memory_mb")


@lru_cache(maxsize=None)
def code_hash(*relative: str) -> str:
    """sha1 over the named files / folders of the package (folders: every file in them)."""
    h = hashlib.sha1()
    for rel in relative:
        path = PACKAGE / rel
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".py", ".tsv", ".txt")) if path.is_dir() else [path]
        for f in files:
            h.update(f.relative_to(PACKAGE).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def _sha1(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def claim_fields(c: Claim) -> list:
    return [c.claim_id, c.doc_id, c.source, c.text, c.start, c.end, c.attribution, c.date]


class FeatureCache:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self.broken = False

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None and not self.broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=0.5, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute("CREATE TABLE IF NOT EXISTS hits (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute("CREATE TABLE IF NOT EXISTS pairs (key TEXT PRIMARY KEY, meta TEXT NOT NULL, "
                           "pairs BLOB NOT NULL, sims BLOB NOT NULL, used REAL NOT NULL)")
                self._db = db
            except (OSError, sqlite3.Error):
                self.broken = True  # unusable (read-only, corrupt, locked): scan without it
        return self._db

    def get(self, table: str, keys: list[str]) -> dict[str, str]:
        db = self._conn()
        found: dict[str, str] = {}
        if db is None:
            return found
        try:
            for start in range(0, len(keys), _CHUNK):
                part = keys[start:start + _CHUNK]
                rows = db.execute(f"SELECT key, value FROM {table} WHERE key IN ({','.join('?' * len(part))})", part)
                found.update(rows.fetchall())
        except sqlite3.Error:
            return {}
        return found

    def put(self, table: str, items: list[tuple[str, str]]) -> None:
        db = self._conn()
        if db is None or not items:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.executemany(f"INSERT OR REPLACE INTO {table} (key, value) VALUES (?, ?)", items)
        except sqlite3.Error:
            pass  # busy or read-only: the next run computes these again

    def get_pairs(self, key: str) -> tuple[dict, np.ndarray, np.ndarray] | None:
        """(meta, pairs [n, 2] int32, sims [n] float64) stored under `key`, or None."""
        db = self._conn()
        if db is None:
            return None
        try:
            row = db.execute("SELECT meta, pairs, sims FROM pairs WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            with db:
                db.execute("UPDATE pairs SET used = ? WHERE key = ?", (time.time(), key))
            return json.loads(row[0]), np.frombuffer(row[1], dtype=np.int32).reshape(-1, 2), np.frombuffer(row[2], dtype=np.float64)
        except (sqlite3.Error, ValueError):
            return None  # busy, or a damaged row: pair afresh

    def put_pairs(self, key: str, meta: dict, pairs: np.ndarray, sims: np.ndarray) -> None:
        db = self._conn()
        if db is None:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.execute("INSERT OR REPLACE INTO pairs (key, meta, pairs, sims, used) VALUES (?, ?, ?, ?, ?)",
                           (key, json.dumps(meta), np.ascontiguousarray(pairs, dtype=np.int32).tobytes(),
                            np.ascontiguousarray(sims, dtype=np.float64).tobytes(), time.time()))
                db.execute("DELETE FROM pairs WHERE key NOT IN (SELECT key FROM pairs ORDER BY used DESC LIMIT ?)", (KEPT_PAIR_SETS,))
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def cached_claims(documents: list[Document], extract_many, min_words: int, max_chars: int, cache: FeatureCache,
                  on_document=None) -> tuple[list[Claim], int]:
    """Every document's claims (reading order), from the cache where possible; also how many
    documents were segmented afresh. `extract_many(docs)` gives each of `docs`' claims (a list
    per document, reporting its own progress); cached documents are reported at once."""
    code = code_hash("claims.py", "types.py")
    keys = [_sha1(code, str(min_words), str(max_chars), d.doc_id, d.source, d.date or "", d.text) for d in documents]
    stored = cache.get("claims", keys)
    missing = [doc for doc, key in zip(documents, keys) if key not in stored]
    if on_document:
        on_document(len(documents) - len(missing))
    fresh = iter(extract_many(missing) if missing else [])
    claims: list[Claim] = []
    new: list[tuple[str, str]] = []
    for key in keys:
        if key in stored:
            claims += [Claim(*fields) for fields in json.loads(stored[key])]
        else:
            found = next(fresh)
            claims += found
            new.append((key, json.dumps([claim_fields(c) for c in found], ensure_ascii=False)))
    cache.put("claims", new)
    return claims, len(new)


def pairs_key(documents: list[Document], claims: list[Claim], vectors: np.ndarray, settings) -> str:
    """The key of one corpus state for `pairs`: what the wire clusters and candidate pairs follow from."""
    h = hashlib.sha1(code_hash("pipeline.py", "claims.py", "pairing.py", "event_pairs.py", "frames.py", "wire.py", "rules", "types.py").encode())
    h.update(json.dumps([getattr(settings, name) for name in PAIR_SETTINGS]).encode())
    for d in documents:
        h.update(_sha1(d.doc_id, d.source, d.date or "", d.text).encode())
    for c in claims:
        h.update(_claim_digest(c).encode())
    h.update(np.ascontiguousarray(vectors).tobytes())
    return h.hexdigest()


def _claim_digest(c: Claim) -> str:
    return _sha1(json.dumps(claim_fields(c), ensure_ascii=False))


def cached_hits(pairs, judge_many, cache: FeatureCache, on_pair=None) -> tuple[list[tuple[RuleHit, ...]], int]:
    """The rule hits of every pair, from the cache where possible; also how many were judged
    afresh. `judge_many(pairs, on_pair)` gives the hits of each of `pairs`."""
    code = code_hash("rules", "types.py", "claims.py", "frames.py")
    digests: dict[int, str] = {}  # id(claim) -> digest: a claim sits in many pairs

    def digest(c: Claim) -> str:
        if id(c) not in digests:
            digests[id(c)] = _claim_digest(c)
        return digests[id(c)]

    keys = [_sha1(code, digest(p.a), digest(p.b)) for p in pairs]
    stored = cache.get("hits", keys)
    missing = [pair for pair, key in zip(pairs, keys) if key not in stored]
    if on_pair:
        on_pair(len(pairs) - len(missing))
    fresh = iter(judge_many(missing, on_pair) if missing else [])
    out: list[tuple[RuleHit, ...]] = []
    new: list[tuple[str, str]] = []
    for key in keys:
        if key in stored:
            out.append(tuple(RuleHit(*h) for h in json.loads(stored[key])))
        else:
            hits = next(fresh)
            out.append(hits)
            new.append((key, json.dumps([[h.kind, h.strength, h.evidence] for h in hits], ensure_ascii=False)))
    cache.put("hits", new)
    return out, len(new)
