"""Incremental scans: the claims of each article and the rule hits of each candidate pair, stored
so that a rescan of unchanged articles neither segments nor judges them again.

One SQLite file, `<cache root>/features.sqlite`, two tables of JSON values:

* claims(key, value): key = sha1(extractor code, min_claim_words, max_claim_chars, the
  document's id, source, date and text) -> the document's claims;
* hits(key, value): key = sha1(rules code, both claims' fields) -> the rule hits.

"Code" is a hash of the source files involved (detector/claims.py; detector/rules/ with its
word lists), so editing a rule or the segmenter invalidates what it produced. Scores are not
stored: they are recomputed from the hits with the current weights and threshold.
SQLite gives atomic commits and locking, so interrupted and concurrent runs are safe (a busy
database is skipped, not waited for: the scan then computes what it needs).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import lru_cache
from pathlib import Path

from .types import Claim, Document, RuleHit

PACKAGE = Path(__file__).resolve().parent
_CHUNK = 500  # keys per SELECT ... IN (...)


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

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def cached_claims(documents: list[Document], extract, min_words: int, max_chars: int, cache: FeatureCache,
                  on_document=None) -> tuple[list[Claim], int]:
    """Every document's claims (reading order), from the cache where possible; also how many
    documents were segmented afresh. `extract(doc)` gives one document's claims."""
    code = code_hash("claims.py", "types.py")
    keys = [_sha1(code, str(min_words), str(max_chars), d.doc_id, d.source, d.date or "", d.text) for d in documents]
    stored = cache.get("claims", keys)
    claims: list[Claim] = []
    new: list[tuple[str, str]] = []
    for doc, key in zip(documents, keys):
        if key in stored:
            claims += [Claim(*fields) for fields in json.loads(stored[key])]
        else:
            found = extract(doc)
            claims += found
            new.append((key, json.dumps([claim_fields(c) for c in found], ensure_ascii=False)))
        if on_document:
            on_document(1)
    cache.put("claims", new)
    return claims, len(new)


def cached_hits(pairs, judge, cache: FeatureCache, on_pair=None) -> tuple[list[tuple[RuleHit, ...]], int]:
    """The rule hits of every pair, from the cache where possible; also how many were judged afresh."""
    code = code_hash("rules", "types.py", "claims.py")
    keys = [_sha1(code, json.dumps([claim_fields(p.a), claim_fields(p.b)], ensure_ascii=False)) for p in pairs]
    stored = cache.get("hits", keys)
    out: list[tuple[RuleHit, ...]] = []
    new: list[tuple[str, str]] = []
    for n, (pair, key) in enumerate(zip(pairs, keys), 1):
        if key in stored:
            out.append(tuple(RuleHit(*h) for h in json.loads(stored[key])))
        else:
            hits = judge(pair.a, pair.b)
            out.append(hits)
            new.append((key, json.dumps([[h.kind, h.strength, h.evidence] for h in hits], ensure_ascii=False)))
        if on_pair and n % 256 == 0:
            on_pair(256)
    if on_pair:
        on_pair(len(pairs) % 256)
    cache.put("hits", new)
    return out, len(new)
