"""Every test keeps its files in a folder of its own, never in the user's data or settings."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def own_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MONTAGE_HOME", str(home))
    monkeypatch.setenv("MONTAGE_CONFIG", str(home / "settings.json"))
    return home
