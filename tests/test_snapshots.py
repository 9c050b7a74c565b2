"""How each screen looks, at a roomy and at the smallest supported size, on a fake clock.

Update the pictures after a deliberate change of look with
``.venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from harness import Harness
from log_data import TODAY, week_log
from montage.app.screens.review import ReviewScreen
from montage.app.widgets.session_table import SessionTable
from montage.log.reading import LogService

SIZES = [(100, 30), (40, 12)]

Before = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path))
    return tmp_path


Script = tuple[str | float, ...]
"""Keys to press (text) and moments of the fake clock to move to (numbers), in order."""


def scripted(harness: Harness, script: Script) -> Before:
    async def before(pilot: Pilot[None]) -> None:
        for item in script:
            if isinstance(item, str):
                await pilot.press(item)
            else:
                harness.scheduler.advance_to(item)
                await pilot.pause()

    return before


STATES: dict[str, Script] = {
    "picker": (),
    "work": ("enter", 17.01),
    "rest": ("enter", "n", "n", 20.0, "d", 23.01),
    "paused": ("enter", 23.01, "space"),
    "rep": ("enter", "n", "n", 12.01),
    "amrap": ("enter", "n", "n", "n", "n", "n", 10.0, "d", 20.0, "d", 30.0, "d", 40.01),
    "summary": ("enter", 45.0, 75.0, "d", 95.0, 150.0, "d", 160.0, "d", "d", 400.0),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_screen_looks(snap_compare: Callable[..., bool], state: str, size: tuple[int, int]) -> None:
    harness = Harness()
    before = scripted(harness, STATES[state])
    assert snap_compare(harness.app, terminal_size=size, run_before=before)


LOG_STATES: dict[str, tuple[str, ...]] = {
    "log": ("l",),
    "log-workouts": ("l", "2"),
    "log-exercises": ("l", "3"),
    "log-detail": ("l", "down", "down", "down", "down", "enter"),
    "log-empty": ("l",),
}
"""Keys that open the progress log on the simulated week (an empty log for ``log-empty``)."""


async def read_in(pilot: Pilot[None]) -> None:
    """Wait until the log screen has shown what it reads in worker threads: the empty
    log's message, or the sessions with the workouts and streaks beside them (on a
    loaded machine a worker can take several turns of the event loop)."""
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if not isinstance(screen, ReviewScreen) or screen.has_class("-message"):
            break
        if screen.workouts and screen.query_one(SessionTable).row_count:
            break
    await steady(pilot)


async def steady(pilot: Pilot[None]) -> None:
    """Wait until three screenshots in a row are the same: a change of focus redraws the
    footer some turns of the event loop later."""
    shots = [pilot.app.export_screenshot()]
    for _ in range(100):
        await pilot.pause(0.02)
        shots = [*shots[-2:], pilot.app.export_screenshot()]
        if len(shots) == 3 and len(set(shots)) == 1:
            return


LOG_SHOTS = [(state, SIZES[0]) for state in LOG_STATES] + [
    ("log", SIZES[1]),
    ("log-detail", SIZES[1]),
]


@pytest.mark.parametrize(
    ("state", "size"), LOG_SHOTS, ids=[f"{state}-{w}x{h}" for state, (w, h) in LOG_SHOTS]
)
def test_log_looks(
    snap_compare: Callable[..., bool], tmp_path: Path, state: str, size: tuple[int, int]
) -> None:
    path = tmp_path / "log.db"
    if state != "log-empty":
        week_log(path)
    harness = Harness(log_service=LogService(path, today=lambda: TODAY))

    async def before(pilot: Pilot[None]) -> None:
        for key in LOG_STATES[state]:
            await pilot.press(key)
            await read_in(pilot)

    assert snap_compare(harness.app, terminal_size=size, run_before=before)
