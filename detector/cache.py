"""On-disk embedding cache: .npy shards keyed by sha1(model identity, normalisation, text).

Layout: one directory per model identity under the cache root

    <root>/embeddings/<sanitised model name>-<8 hex of the identity>/
        shard-<uuid>.vec.npy    float32 [rows, dim], unit-length vectors
        shard-<uuid>.keys.npy   |S20 [rows], the sha1 digest of each row's key

Every file is written to a temporary file in the same directory and moved into place with
os.replace, vectors first and keys last, so a shard exists for readers only once both files
are complete. Concurrent runs never corrupt each other: at worst both compute the same
vectors and both shards are kept (duplicates are harmless; the first one found wins). An
interrupted run leaves at most a `*.tmp` file, removed by a later run. When a directory
holds more than MAX_SHARDS shards the next write merges them into one.

Files are plain .npy, read and written with allow_pickle=False.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
import uuid
from pathlib import Path
from typing import Callable

import numpy as np

NORMALISATION = "unit-l2-float32"  # what the encoder promises; part of every key
MAX_SHARDS = 16
STALE_TMP_SECONDS = 3600
KEY_DTYPE = "S20"


def default_cache_root() -> Path:
    """$DETECTOR_CACHE, else the user's cache directory (platformdirs) for "detector"."""
    env = os.environ.get("DETECTOR_CACHE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("detector"))


def resolve_cache_root(cache_dir: str = "") -> Path:
    return Path(cache_dir).expanduser() if cache_dir else default_cache_root()


def model_dir_name(identity: str) -> str:
    """A safe, readable directory name for a model identity (a name or a path)."""
    tail = re.sub(r"[^A-Za-z0-9._-]+", "_", identity.rstrip("/\\").split("/")[-1].split("\\")[-1]).strip("._") or "model"
    return f"{tail[:60]}-{hashlib.sha1(identity.encode('utf-8')).hexdigest()[:8]}"


def text_keys(identity: str, texts: list[str]) -> np.ndarray:
    """The sha1 digest of (identity, normalisation, text) for each text, as an |S20 array."""
    prefix = hashlib.sha1(f"{identity}\x00{NORMALISATION}\x00".encode("utf-8"))
    out = []
    for text in texts:
        h = prefix.copy()
        h.update(text.encode("utf-8", "surrogatepass"))
        out.append(h.digest())
    return np.array(out, dtype=KEY_DTYPE) if out else np.zeros(0, dtype=KEY_DTYPE)


class EmbeddingCache:
    """The shards of one model directory."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    # --- reading ---------------------------------------------------------------------------

    def _shards(self) -> list[Path]:
        try:
            return sorted(p for p in self.directory.glob("shard-*.keys.npy"))
        except OSError:
            return []

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """(found, vectors): a bool mask over `keys`, and the vectors of the found rows
        (in the order of `keys[found]`), or None when nothing was found."""
        found = np.zeros(len(keys), dtype=bool)
        if not len(keys):
            return found, None
        table_keys, table_shard, table_row, shards = [], [], [], []
        for path in self._shards():
            try:
                k = np.load(path, allow_pickle=False)
            except (OSError, ValueError, EOFError):
                continue  # removed by a concurrent merge, or unreadable: a miss
            if k.dtype != np.dtype(KEY_DTYPE) or k.ndim != 1:
                continue
            table_keys.append(k)
            table_shard.append(np.full(len(k), len(shards), dtype=np.int32))
            table_row.append(np.arange(len(k), dtype=np.int64))
            shards.append(path)
        if not shards:
            return found, None
        all_keys = np.concatenate(table_keys)
        all_shard = np.concatenate(table_shard)
        all_row = np.concatenate(table_row)
        order = np.argsort(all_keys, kind="stable")  # the first shard holding a key wins
        all_keys = all_keys[order]
        pos = np.searchsorted(all_keys, keys)
        pos_c = np.minimum(pos, len(all_keys) - 1)
        hit = all_keys[pos_c] == keys
        src_shard = all_shard[order][pos_c]
        src_row = all_row[order][pos_c]
        vectors: np.ndarray | None = None
        for s in np.unique(src_shard[hit]):
            want = np.flatnonzero(hit & (src_shard == s))
            try:
                mat = np.load(_vec_path(shards[s]), mmap_mode="r", allow_pickle=False)
                if mat.ndim != 2 or mat.dtype != np.float32 or mat.shape[0] != len(table_keys[s]):
                    continue
                rows = np.asarray(mat[src_row[want]], dtype=np.float32)
            except (OSError, ValueError, EOFError):
                continue
            if vectors is None:
                vectors = np.zeros((len(keys), mat.shape[1]), dtype=np.float32)
            elif vectors.shape[1] != mat.shape[1]:
                continue
            vectors[want] = rows
            found[want] = True
        return found, (vectors[found] if vectors is not None else None)

    # --- writing ---------------------------------------------------------------------------

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Store one shard (atomically), then merge shards if there are too many."""
        if not len(keys):
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        self._write_shard(np.asarray(keys, dtype=KEY_DTYPE), np.ascontiguousarray(vectors, dtype=np.float32))
        shards = self._shards()
        if len(shards) > MAX_SHARDS:
            self._merge(shards)
        self._remove_stale_tmp()

    def _write_shard(self, keys: np.ndarray, vectors: np.ndarray) -> Path:
        stem = self.directory / f"shard-{time.time_ns():020d}-{uuid.uuid4().hex[:12]}"
        _atomic_save(Path(f"{stem}.vec.npy"), vectors)
        keys_path = Path(f"{stem}.keys.npy")
        _atomic_save(keys_path, keys)  # the shard is visible from here on
        return keys_path

    def _merge(self, shards: list[Path]) -> None:
        keys, vectors = [], []
        for path in shards:
            try:
                k = np.load(path, allow_pickle=False)
                v = np.load(_vec_path(path), allow_pickle=False)
            except (OSError, ValueError, EOFError):
                continue
            if len(k) == len(v) and v.ndim == 2 and (not vectors or v.shape[1] == vectors[0].shape[1]):
                keys.append(k)
                vectors.append(v)
        if not keys:
            return
        k = np.concatenate(keys)
        k, first = np.unique(k, return_index=True)
        self._write_shard(k, np.concatenate(vectors)[first])
        for path in shards:  # keys first, so no reader sees keys without vectors
            for p in (path, _vec_path(path)):
                try:
                    p.unlink()
                except OSError:
                    pass

    def _remove_stale_tmp(self) -> None:
        now = time.time()
        for p in self.directory.glob("*.tmp"):
            try:
                if now - p.stat().st_mtime > STALE_TMP_SECONDS:
                    p.unlink()
            except OSError:
                pass

    def stats(self) -> dict:
        shards = self._shards()
        rows = 0
        for p in shards:
            try:
                rows += len(np.load(p, mmap_mode="r", allow_pickle=False))
            except (OSError, ValueError, EOFError):
                pass
        return {"directory": str(self.directory), "shards": len(shards), "rows": rows}


def _vec_path(keys_path: Path) -> Path:
    return keys_path.with_name(keys_path.name[: -len(".keys.npy")] + ".vec.npy")


def _atomic_save(path: Path, array: np.ndarray) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.save(fh, array, allow_pickle=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class CachedEncoder:
    """An Encoder that asks `inner` only for texts not already in the cache.

    Identical texts are encoded once. Misses are encoded in chunks of `chunk` texts, longest
    first (so each batch holds similar lengths), and each chunk is stored as soon as it is
    done: an interrupted run keeps what it had finished. `on_progress(n)` is called with the
    number of texts done (cached ones at once, the rest chunk by chunk). When everything is
    cached, `inner.encode` is never called, so a lazily loading model is never loaded.
    """

    def __init__(self, inner, cache_dir: Path | str, chunk: int = 1024):
        self.inner = inner
        self.name = inner.name
        self.identity = getattr(inner, "cache_identity", None) or inner.name
        self.cache = EmbeddingCache(Path(cache_dir) / "embeddings" / model_dir_name(self.identity))
        self.chunk = max(1, chunk)
        self.on_progress: Callable[[int], None] | None = None
        self.hits = 0
        self.encoded = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        report = self.on_progress or (lambda _n: None)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        unique: dict[str, int] = {}
        inverse = np.fromiter((unique.setdefault(t, len(unique)) for t in texts), dtype=np.int64, count=len(texts))
        utexts = list(unique)
        keys = text_keys(self.identity, utexts)
        found, cached = self.cache.lookup(keys)
        self.hits += int(found.sum())
        report(int(np.count_nonzero(found[inverse])))
        out: np.ndarray | None = None
        if cached is not None:
            out = np.zeros((len(utexts), cached.shape[1]), dtype=np.float32)
            out[found] = cached
        missing = np.flatnonzero(~found)
        if len(missing):
            counts = np.bincount(inverse, minlength=len(utexts))  # how many input rows each text covers
            missing = missing[np.argsort([-len(utexts[m]) for m in missing], kind="stable")]
            for start in range(0, len(missing), self.chunk):
                part = missing[start:start + self.chunk]
                vecs = np.asarray(self.inner.encode([utexts[m] for m in part]), dtype=np.float32)
                if out is None:
                    out = np.zeros((len(utexts), vecs.shape[1]), dtype=np.float32)
                elif vecs.shape[1] != out.shape[1]:
                    raise ValueError(f"cached vectors have {out.shape[1]} dimensions, the model gives {vecs.shape[1]}; "
                                     f"clear {self.cache.directory}")
                out[part] = vecs
                try:
                    self.cache.add(keys[part], vecs)
                except OSError:
                    pass  # a read-only or full cache slows the next run down; it does not fail this one
                self.encoded += len(part)
                report(int(counts[part].sum()))
        return out[inverse]
