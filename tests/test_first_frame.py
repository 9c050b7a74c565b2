"""The first frame of a session: drawn whole, at once, before its sound and log are made."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.widgets import Static

from harness import Harness
from montage.app.screens.session import Listeners, SessionScreen
from montage.app.widgets.big_clock import BigClock
from montage.session.timeline import Timeline

CURSOR_HOME = b"\x1b[1;1H"
"""Where each full frame the app writes begins, and where it puts the cursor after."""

ESCAPE = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b.")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path))
    return tmp_path


async def test_a_session_screen_has_its_words_before_its_first_layout() -> None:
    harness = Harness(start="Snow Run")
    app = harness.app
    seen: dict[str, str] = {}

    class Watched(SessionScreen):
        def on_mount(self) -> None:
            super().on_mount()
            seen["position"] = str(self.query_one("#position", Static).content)
            seen["phase"] = str(self.query_one("#phase", Static).content)
            seen["next"] = str(self.query_one("#next-up", Static).content)
            seen["clock"] = self.query_one(BigClock).text

    def watched(timeline: Timeline, listeners: Listeners) -> SessionScreen:
        return Watched(timeline, app.clock, app.scheduler, listeners)

    app.session_screen = watched  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Watched)
        assert seen == {
            "position": harness.text("#position"),
            "phase": harness.text("#phase"),
            "next": harness.text("#next-up"),
            "clock": harness.clock_text(),
        }
        assert seen["position"] == "step 1/5" and seen["phase"] == "GET READY"
        assert seen["clock"] == "0:05"


def test_the_first_frame_written_to_the_terminal_is_the_whole_session_screen(
    tmp_path: Path,
) -> None:
    workout = tmp_path / "barn.yaml"
    workout.write_text(
        "name: Barn Morning\nprepare: 3s\nsteps:\n  - exercise: Log carry\n    time: 10s\n",
        encoding="utf-8",
    )
    env = {**os.environ, "MONTAGE_HOME": str(tmp_path / "home"), "TERM": "xterm-256color"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, in the pseudo-terminal
        os.execve(
            sys.executable, [sys.executable, "-m", "montage", "run", str(workout), "--mute"], env
        )
    seen = b""
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and seen.count(CURSOR_HOME) < 3:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
    finally:
        os.kill(pid, 15)
        os.waitpid(pid, 0)
        os.close(fd)
    frames = [ESCAPE.sub(b"", part) for part in seen.split(CURSOR_HOME)]
    first = next(frame for frame in frames if frame.strip()).decode()
    assert "Barn Morning" in first
    assert "step 1/2" in first
    assert "NEXT  Log carry" in first
    assert "remaining 0:13" in first


def test_a_session_screen_wears_its_first_steps_classes_before_it_is_styled() -> None:
    from fakes import FakeClock, ManualScheduler
    from montage.session.timeline import Step

    clock = FakeClock()
    timeline = Timeline("Barn", (Step(0, "work", "Chop", 30), Step(1, "rest", "Rest", 10)))
    screen = SessionScreen(timeline, clock, ManualScheduler(clock))
    assert "-work" in screen.classes and "-rest" not in screen.classes
    assert "-paused" not in screen.classes


LOADED_AT_FIRST_FRAME = """
import asyncio, sys
from montage.app.app import MontageApp
from montage.app.screens.session import SessionScreen
from montage.cli.shared import planned_entry
from montage.settings import Settings
from montage.workout.catalogue import find

seen = []

class Watched(SessionScreen):
    def on_mount(self):
        super().on_mount()
        seen.extend(name for name in ("montage.session.ghost", "montage.session.rules")
                    if name in sys.modules)

app = MontageApp(Settings(voice=False), start=planned_entry(find(sys.argv[1])), mute=True)
app.session_screen = lambda timeline, listeners: Watched(
    timeline, app.clock, app.scheduler, listeners)

async def main():
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print(type(app.screen).__name__, seen)

asyncio.run(main())
"""
"""Runs a session of the workout named on its command line, and prints which of the ghost's
and the progression rules' modules were loaded as its screen drew its first frame."""


def test_the_ghost_and_the_progression_rules_load_only_once_they_are_wanted(
    tmp_path: Path,
) -> None:
    """Neither is needed for the first frame of a workout without ``progress:`` rules: the
    ghost is read from the log only after it, the rules only for a workout that has them."""
    workout = tmp_path / "barn.yaml"
    workout.write_text(
        "name: Barn Morning\nprepare: 3s\nsteps:\n  - exercise: Log carry\n    time: 10s\n",
        encoding="utf-8",
    )
    env = {**os.environ, "MONTAGE_HOME": str(tmp_path / "home")}
    runs = [  # the first compiles the workout (with the rules) and keeps its timeline
        subprocess.run(
            [sys.executable, "-c", LOADED_AT_FIRST_FRAME, str(workout)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        for _ in range(2)
    ]
    assert [run.stdout.strip() for run in runs] == [
        "Watched ['montage.session.rules']",
        "Watched []",
    ], [run.stderr[-2000:] for run in runs]
