"""What a session says about itself: skipped work is not complete, counts read right, the
total is the time it took, and the keys a session needs are always on screen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from fakes import FakeClock, ScriptedInput
from harness import Harness
from montage.app.screens.count_entry import CountScreen
from montage.app.screens.session import SessionScreen
from montage.app.screens.summary import SummaryScreen
from montage.log.reading import LogService
from montage.log.recording import RecordingService
from montage.paths import montage_home
from montage.plain import PlainSession
from montage.session.engine import Engine
from montage.session.events import SessionFinished
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

TWO_STEPS = "name: Two\nprepare: 2\nsteps:\n  - exercise: Chop\n    time: 10\n  - rest: 5\n"


def test_a_session_whose_work_was_all_skipped_is_kept_as_stopped() -> None:
    clock = FakeClock()
    timeline = compile_workout(parse_workout(TWO_STEPS))
    engine = Engine(timeline, clock)
    out = io.StringIO()
    script = [(1000.5, "n"), (1000.6, "n"), (1000.7, "n")]
    finished = PlainSession(engine, out, clock, ScriptedInput(clock, script), clock.advance).run()
    assert finished.status == "completed"  # it ran to its end...
    assert finished.all_skipped and finished.kept_as == "stopped"  # ...but nothing was done
    assert "NOTHING DONE - every work step was skipped" in out.getvalue()


def test_a_session_with_one_step_done_completes() -> None:
    clock = FakeClock()
    engine = Engine(compile_workout(parse_workout(TWO_STEPS)), clock)
    finished = PlainSession(
        engine, io.StringIO(), clock, ScriptedInput(clock, [(1012.5, "n")]), clock.advance
    ).run()
    assert isinstance(finished, SessionFinished)
    assert not finished.all_skipped and finished.kept_as == "completed"


async def test_the_summary_of_a_skipped_session_says_so_and_the_log_keeps_it_stopped(
    tmp_path: Path,
) -> None:
    recording = RecordingService(tmp_path / "montage.db")
    harness = Harness(recording=recording)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        for _ in range(7):
            await pilot.press("n")
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)
        assert harness.text("#summary-title") == "NOTHING DONE"
        assert harness.text("#summary-workout").endswith("every step skipped")
        assert recording.writer is not None and recording.writer.flush(5)
        await pilot.press("r")
        await pilot.pause()
        notes = harness.notes
        assert notes[-1] == "Nothing to log: no rep step or AMRAP was done in this session."
    with LogService(tmp_path / "montage.db").reading() as conn:
        assert conn is not None
        statuses = [row[0] for row in conn.execute("SELECT status FROM sessions")]
    assert statuses == ["stopped"]


async def test_the_summary_total_is_the_time_the_session_took_pauses_included() -> None:
    harness = Harness(start="Snow Run")
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.scheduler.advance_to(3.0)
        await pilot.press("space")
        harness.scheduler.advance_to(33.0)  # thirty seconds paused
        await pilot.press("space")
        harness.walk_to(400.0)
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, SummaryScreen)
        body = str(screen.query_one("#summary-body Static", Static).content)
        assert body.splitlines()[0] == "Total time      6:35  (0:30 paused)"


async def test_after_a_timed_only_session_r_says_there_was_nothing_to_count() -> None:
    harness = Harness(start="Snow Run")
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.walk_to(400.0)
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)
        await pilot.press("r")
        await pilot.pause()
        notes = harness.notes
        assert notes[-1] == "Nothing to log: no rep step or AMRAP was done in this session."


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_the_keys_a_session_needs_show_at_every_width(size: tuple[int, int]) -> None:
    harness = Harness()
    async with harness.app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(harness.app.screen, SessionScreen)
        shown = harness.app.export_screenshot().replace("&#160;", " ")
        for key in ("Pause", "Done", "Next", "Stop"):
            assert f">{key}" in shown or f" {key}" in shown, key


async def test_d_on_a_timed_step_says_why_nothing_happened() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        harness.scheduler.advance_to(6.0)  # into the timed log carry
        await pilot.press("d")
        await pilot.pause()
        notes = harness.notes
        assert notes[-1] == "This step runs its time; d ends a rep step or a move. n skips it."
        assert harness.text("#step-name") == "Log carry"


async def test_the_reps_box_starts_with_the_planned_reps(tmp_path: Path) -> None:
    harness = Harness(start="Barn Taster", recording=RecordingService(tmp_path / "montage.db"))
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.walk_to(50.0)
        await pilot.press("d", "r")
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, CountScreen)
        assert screen.query_one(Input).value == "10"
        await pilot.press("1", "2")  # typing replaces the planned number
        assert screen.query_one(Input).value == "12"


async def test_a_screenshot_from_the_palette_lands_in_montages_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "no-downloads-here"))
    harness = Harness()
    async with harness.app.run_test(size=(80, 24)) as pilot:
        shot = next(
            c
            for c in harness.app.get_system_commands(harness.app.screen)
            if c.title == "Screenshot"
        )
        shot.callback()
        saved: list[Path] = []
        for _ in range(100):  # written after a refresh: a loaded machine takes a while
            await pilot.pause(0.05)
            saved = list((montage_home() / "screenshots").glob("*.svg"))
            if saved:
                break
        await pilot.pause()
        assert len(saved) == 1
        notes = harness.notes
        assert notes[-1] == f"Screenshot saved: {saved[0]}"
