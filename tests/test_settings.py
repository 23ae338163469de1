"""detector.settings.load_settings: defaults < TOML file < keyword overrides, all validated."""
from __future__ import annotations

import dataclasses

import pytest

from detector.errors import SettingsError
from detector.settings import DEFAULT_WEIGHTS, Settings, load_settings


def toml(tmp_path, text: str):
    path = tmp_path / "detector.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults():
    s = load_settings()
    assert s == Settings()
    assert (s.model, s.device, s.top_k, s.threshold, s.min_similarity, s.batch_size) == ("default", "auto", 8, 0.5, 0.3, 64)
    assert s.weights == DEFAULT_WEIGHTS
    assert s.weights is not DEFAULT_WEIGHTS  # a copy: changing one Settings never changes the defaults


def test_file_overrides_defaults(tmp_path):
    s = load_settings(toml(tmp_path, 'threshold = 0.7\ntop_k = 3\ndevice = "cpu"\n[weights]\nnumbers = 1.5\n'))
    assert (s.threshold, s.top_k, s.device) == (0.7, 3, "cpu")
    assert s.weights["numbers"] == 1.5
    assert s.weights["modality"] == DEFAULT_WEIGHTS["modality"]  # other weights keep their defaults
    assert s.min_similarity == Settings().min_similarity


def test_integer_for_a_float_setting_is_accepted(tmp_path):
    s = load_settings(toml(tmp_path, "threshold = 1\nmin_similarity = 0\n"))
    assert s.threshold == 1.0 and isinstance(s.threshold, float)


def test_keyword_overrides_beat_the_file(tmp_path):
    s = load_settings(toml(tmp_path, "threshold = 0.7\ntop_k = 3\n"), threshold=0.2)
    assert s.threshold == 0.2
    assert s.top_k == 3


def test_none_overrides_are_ignored(tmp_path):
    s = load_settings(toml(tmp_path, "threshold = 0.7\n"), threshold=None, top_k=None, model=None)
    assert s.threshold == 0.7 and s.top_k == Settings().top_k and s.model == Settings().model
    assert load_settings(threshold=None) == Settings()


@pytest.mark.parametrize("override", [
    {"threshold": 1.5}, {"threshold": -0.1}, {"top_k": 0}, {"top_k": 201}, {"min_similarity": 1.2},
    {"batch_size": 0}, {"block_size": 1}, {"min_claim_words": 0}, {"device": "tpu"},
])
def test_out_of_range_override_raises(override):
    with pytest.raises(SettingsError):
        load_settings(**override)


@pytest.mark.parametrize("text", [
    "threshold = 2.0\n", "top_k = -1\n", 'device = "gpu"\n', "[weights]\nmade_up_kind = 1.0\n",
])
def test_out_of_range_file_value_raises(tmp_path, text):
    with pytest.raises(SettingsError):
        load_settings(toml(tmp_path, text))


def test_unknown_key_raises_and_names_it(tmp_path):
    with pytest.raises(SettingsError, match="treshold"):
        load_settings(toml(tmp_path, "treshold = 0.5\n"))


@pytest.mark.parametrize("text", [
    'threshold = "high"\n', "top_k = 2.5\n", "model = 3\n", "weights = 1\n", "top_k = true\n", "threshold = true\n",
])
def test_wrong_type_raises(tmp_path, text):
    with pytest.raises(SettingsError):
        load_settings(toml(tmp_path, text))


def test_invalid_toml_raises(tmp_path):
    with pytest.raises(SettingsError, match="TOML"):
        load_settings(toml(tmp_path, "threshold = = 0.5\n[unclosed\n"))


def test_missing_file_raises(tmp_path):
    with pytest.raises(SettingsError):
        load_settings(tmp_path / "absent.toml")


def test_to_toml_round_trips(tmp_path):
    assert load_settings(toml(tmp_path, Settings().to_toml())) == Settings()
    custom = Settings().replace(threshold=0.65, top_k=12, model='path/with "quotes"\\x', weights={"dates": 0.5})
    assert load_settings(toml(tmp_path, custom.to_toml())) == custom


def test_every_field_documented_in_toml():
    text = Settings().to_toml()
    for f in dataclasses.fields(Settings):
        assert f.metadata.get("help"), f.name
        assert (f"{f.name} =" in text) or (f"[{f.name}]" in text)


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().threshold = 0.9


def test_weight_of_wrong_type_in_file_raises(tmp_path):
    with pytest.raises(SettingsError):
        load_settings(toml(tmp_path, '[weights]\nnumbers = "high"\n'))


@pytest.mark.parametrize("override", [{"threshold": "0.5"}, {"top_k": 2.5}, {"weights": {"numbers": "x"}}])
def test_keyword_override_of_wrong_type_raises(override):
    with pytest.raises(SettingsError):
        load_settings(**override)


def test_unknown_keyword_override_raises():
    with pytest.raises(SettingsError):
        load_settings(treshold=0.5)
