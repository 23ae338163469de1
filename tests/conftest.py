"""Shared test helpers: a fast deterministic encoder so no test loads torch or a real model."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"{SHARED} is not present")

_TOKEN = re.compile(r"\w+")


class FakeEncoder:
    """Bag of hashed lower-cased word tokens, 256 dims, L2-normalised float32. Deterministic."""

    name = "fake"
    dim = 256

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _TOKEN.findall(text.lower()):
                h = int.from_bytes(hashlib.md5(token.encode("utf-8")).digest()[:4], "little")
                out[row, h % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return (out / norms).astype(np.float32)


@pytest.fixture(autouse=True)
def private_embedding_cache(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets an empty embedding cache of its own (subprocesses inherit it), so no
    test reads or writes the user's cache and no test depends on another's leftovers."""
    folder = tmp_path_factory.mktemp("embedding-cache")
    monkeypatch.setenv("DETECTOR_CACHE", str(folder))
    return folder


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def use_fake_encoder(monkeypatch) -> FakeEncoder:
    """Make every scan (API or CLI) use FakeEncoder instead of loading a real model."""
    import detector.pipeline

    enc = FakeEncoder()
    monkeypatch.setattr(detector.pipeline, "load_encoder", lambda *args, **kwargs: enc)
    return enc


def write_file(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes, creating folders; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    """Columns and rows of a CSV as written by the tool (UTF-8, comma)."""
    import csv

    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def save_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write rows back the way a reviewer's tool would (plain CSV)."""
    import csv

    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="session")
def real_encoder():
    """The default sentence-transformers model, loaded once for all slow tests."""
    from detector.embed import load_encoder

    return load_encoder()


def expected_outcomes(flagged, expected_csv: Path) -> list[tuple[dict, object]]:
    """Each row of an expected.csv key with the flagged pair that matches it (or None)."""
    from detector.answer_key import key_outcomes, read_key

    return key_outcomes(flagged, read_key(expected_csv))
