"""How progress looks after a simulated month: the review's charts, a session racing Drago, and
the race in the summary; ``montage stats NAME`` prints the same series."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from harness import Harness
from montage.cli import main
from montage.log.reading import LogService
from montage.session.timeline import Scene
from month_data import MONTH_TODAY, month_log

CHARTS: dict[str, tuple[str, ...]] = {
    "finish-time": ("l", "2"),
    "rounds": ("l", "2", "c"),
    "reps-per-set": ("l", "3"),
    "load": ("l", "3", "c"),
}
"""Keys that open a chart of the month in the review (the press is the first exercise)."""


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path))
    return tmp_path


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.mark.parametrize("chart", list(CHARTS))
def test_the_charts_of_a_month(
    snap_compare: Callable[..., bool], tmp_path: Path, chart: str
) -> None:
    path = tmp_path / "log.db"
    month_log(path)
    harness = Harness(log_service=LogService(path, today=lambda: MONTH_TODAY))

    async def before(pilot: Pilot[None]) -> None:
        for key in CHARTS[chart]:
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(harness.app, terminal_size=(100, 30), run_before=before)


@pytest.mark.parametrize("scene", ["barn", "lab"])
def test_a_session_racing_drago(
    snap_compare: Callable[..., bool], tmp_path: Path, scene: Scene
) -> None:
    path = tmp_path / "log.db"
    month_log(path)
    harness = Harness(start="Barn Taster", log_service=LogService(path), scene=scene)

    async def before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        harness.walk_to(45.0 + 26.0)  # his best (the 29th) pressed in 33 s: ahead
        await pilot.press("d")
        harness.walk_to(45.0 + 26.0 + 20 + 12.0)  # into the second press: his time shows
        await settle(pilot)

    assert snap_compare(harness.app, terminal_size=(100, 30), run_before=before)


def test_stats_name_prints_the_series_with_the_records_marked(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month_log(home / "montage.db")
    assert main(["stats", "barn taster"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["Barn Taster (workout)", "", "finish time  (best 4:45, 12 records)"]
    assert lines[3] == "  2024-03-01 07:00          5:23  best         5:23"
    assert "  2024-03-19 07:00          5:14  best         5:03" in lines  # the bad day
    assert "AMRAP rounds  (best 6 rounds, 3 records)" in lines
    assert main(["stats", "wagon press", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["name"], data["kind"]) == ("Wagon press", "exercise")
    titles = [series["title"] for series in data["series"]]
    assert titles == ["reps per set", "load", "time under work"]
    reps = data["series"][0]["points"]
    assert len(reps) == 15 and reps[-1]["best"] == 13
    assert [p["value"] for p in reps if p["record"]] == [11, 12, 13]


def test_stats_of_an_unknown_name_says_so_in_one_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month_log(home / "montage.db")
    assert main(["stats", "Sled pull"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err == "montage: no workout or exercise called 'Sled pull' in the progress log\n"
    )
