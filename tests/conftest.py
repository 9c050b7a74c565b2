"""Every test keeps its files in a folder of its own, never in the user's data or settings,
and runs in one time zone, whatever the machine's."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["engines"]

TEST_ZONE = "<+01>-1"
"""UTC+01:00 all year (POSIX TZ: the sign is west of Greenwich), the zone the tests' logs
were recorded in; the log shows its times in the local zone."""


@pytest.fixture(autouse=True)
def own_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MONTAGE_HOME", str(home))
    monkeypatch.setenv("MONTAGE_CONFIG", str(home / "settings.json"))
    for variable in ("MONTAGE_DB", "MONTAGE_ATHLETE"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture(autouse=True)
def one_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", TEST_ZONE)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
