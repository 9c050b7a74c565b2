"""How each screen looks at the smallest supported size, a roomy one and a big one seen
from across the room, on a fake clock: every scene in every kind of step, every title card,
the summary, the picker, the help and the progress log.

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
from montage.session.timeline import SCENES, Scene

SIZES = [(40, 12), (100, 30), (200, 60)]
"""The smallest terminal montage supports, a common one, and a big screen across a room."""

Before = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path))
    return tmp_path


Script = tuple[str | float, ...]
"""Keys to press (text) and moments of the fake clock to move to (numbers), in order."""


def scripted(harness: Harness, script: Script) -> Before:
    async def before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for item in script:
            if isinstance(item, str):
                await pilot.press(item)
            else:
                harness.scheduler.advance_to(item)
                await pilot.pause()

    return before


def shot_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


# The Barn Taster of the tests: get ready 5 s, a 40 s log carry, two rounds of a wagon press
# (reps, capped at a minute) with 20 s between them, a 2-minute AMRAP, a 30 s cool-down.

STEPS: dict[str, Script] = {
    "work": ("enter", 17.01),
    "rest": ("enter", "n", "n", 20.0, "d", 23.01),
    "paused": ("enter", 23.01, "space"),
    "rep": ("enter", "n", "n", 12.01),
    "amrap": ("enter", "n", "n", "n", "n", "n", 10.0, "d", 20.0, "d", 30.0, "d", 40.01),
}
"""A session in each kind of step (the title cards gone by then)."""


@pytest.mark.parametrize("size", SIZES, ids=shot_id)
@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("scene", SCENES)
def test_each_scene_in_each_kind_of_step(
    snap_compare: Callable[..., bool], scene: Scene, step: str, size: tuple[int, int]
) -> None:
    harness = Harness(scene=scene)
    before = scripted(harness, STEPS[step])
    assert snap_compare(harness.app, terminal_size=size, run_before=before)


CARDS: dict[str, Script] = {
    "get-ready": ("enter", 0.5),
    "exercise": ("enter", 5.5),
    "final-round": ("enter", "n", "n", 3.0, "d", 3.5, "n", 4.0),
    "amrap-round": ("enter", "n", "n", "n", "n", "n", 10.0, "d", 20.0, "d", 20.5),
    "cool-down": ("enter", "n", "n", "n", "n", "n", "n", 0.5),
}
"""A title card up: GET READY, the exercise, FINAL ROUND, an AMRAP's next round, COOL DOWN."""


@pytest.mark.parametrize("size", SIZES, ids=shot_id)
@pytest.mark.parametrize("card", list(CARDS))
def test_every_title_card(
    snap_compare: Callable[..., bool], card: str, size: tuple[int, int]
) -> None:
    harness = Harness(scene="neon")
    assert snap_compare(harness.app, terminal_size=size, run_before=scripted(harness, CARDS[card]))


SCREENS: dict[str, Script] = {
    "picker": (),
    "complete": ("enter", 45.0, 75.0, "d", 95.0, 150.0, "d", 160.0, "d", "d", 400.0),
    "stopped": ("enter", 20.0, "q", "enter"),
    "help": ("enter", 17.01, "question_mark"),
}
"""The picker, the summary of a finished and of a stopped session, and the session's help."""


@pytest.mark.parametrize("size", SIZES, ids=shot_id)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_picker_the_summaries_and_the_help(
    snap_compare: Callable[..., bool], screen: str, size: tuple[int, int]
) -> None:
    harness = Harness()
    before = scripted(harness, SCREENS[screen])
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


LOG_SHOTS = [(state, SIZES[1]) for state in LOG_STATES] + [
    ("log", SIZES[0]),
    ("log-detail", SIZES[0]),
    ("log", SIZES[2]),
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
