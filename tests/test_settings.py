"""The settings file: where it is, and what a broken one gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from montage.settings import Settings, load_settings, save_settings, settings_path


def test_a_settings_file_nested_too_deep_gives_the_defaults_and_one_notice(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    settings, notice = load_settings(path)
    assert settings == Settings()
    assert notice == f"{path}: nested too deeply to be settings; using the default settings"


def test_broken_settings_give_the_defaults_and_say_why(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for text, why in (("[1]", "not a mapping"), ('{"mute": 3}', "mute must be true or false")):
        path.write_text(text)
        assert load_settings(path) == (Settings(), f"{path}: {why}; using the default settings")


def test_montage_home_moves_the_settings_unless_montage_config_names_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MONTAGE_CONFIG")
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path / "home"))
    assert settings_path() == tmp_path / "home" / "settings.json"
    save_settings(Settings(volume=0.3))
    assert load_settings() == (Settings(volume=0.3), None)
    monkeypatch.setenv("MONTAGE_CONFIG", str(tmp_path / "elsewhere.json"))
    assert settings_path() == tmp_path / "elsewhere.json"
    monkeypatch.delenv("MONTAGE_HOME")
    monkeypatch.delenv("MONTAGE_CONFIG")
    assert settings_path().name == "settings.json"
    assert "home" not in settings_path().parts[-2:]
