"""Editing a workout from the picker with Pilot: a copy of a shipped one, reloaded, and
never undone by a scan that was already out."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import DATA, Harness
from montage.workout.catalogue import Entry


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path))
    return tmp_path


async def test_e_edits_a_copy_of_a_shipped_workout_and_reloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = Harness()
    edited: list[Path] = []

    def fake_edit(path: Path) -> None:
        edited.append(path)
        path.write_text(path.read_text().replace("Barn Taster", "Barn Roaster"))

    monkeypatch.setattr(harness.app, "edit_file", fake_edit)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        assert edited == [tmp_path / "workouts" / "barn-taster.yaml"]
        assert (DATA / "barn-taster.yaml").read_text().count("Barn Roaster") == 0
        assert harness.text("#preview-title") == "Barn Roaster"


async def test_a_scan_that_started_before_an_edit_never_undoes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    harness = Harness()
    find = harness.app._find_entries
    release = threading.Event()

    def slow_find() -> list[Entry]:
        found = find()
        if threading.current_thread() is not threading.main_thread():
            release.wait(5)  # the scan of the picker's start is still out when the edit lands
        return found

    monkeypatch.setattr(harness.app, "_find_entries", slow_find)

    def fake_edit(path: Path) -> None:
        path.write_text(path.read_text().replace("Barn Taster", "Barn Roaster"))

    monkeypatch.setattr(harness.app, "edit_file", fake_edit)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        assert harness.text("#preview-title") == "Barn Roaster"
        release.set()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert harness.text("#preview-title") == "Barn Roaster"
