"""The app keeps each session in the progress log, and takes the reps typed for it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input, Static

from harness import Harness
from montage.app.screens.count_entry import CountScreen
from montage.app.screens.summary import SummaryScreen
from montage.log.errors import LogError
from montage.log.reading import LogService
from montage.log.recording import RecordingService
from montage.log.store import Store
from montage.session.events import StepStarted
from montage.workout.catalogue import load_entry


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


async def test_a_session_is_logged_step_by_step_and_its_reps_can_be_typed(tmp_path: Path) -> None:
    db = tmp_path / "montage.db"
    recording = RecordingService(db)
    harness = Harness(recording=recording, log_service=LogService(db))
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        harness.walk_to(50.0)
        await pilot.press("d")  # the first wagon press, done after 5 s
        await pilot.press("r")
        assert isinstance(harness.app.screen, CountScreen)
        harness.app.screen.query_one(Input).value = "12 @ 20kg"
        await pilot.press("enter")
        assert not isinstance(harness.app.screen, CountScreen)
        assert recording.writer is not None and recording.writer.flush(5)
        mid = rows(db, "SELECT position, name, outcome, reps, load, entered FROM steps")
        assert mid[:2] == [
            (0, "Get ready", "completed", None, None, 0),
            (1, "Log carry", "completed", None, "20 kg sandbag", 0),
        ]
        assert mid[2] == (2, "Wagon press", "done", 12, "20kg", 1)
        harness.walk_to(400.0)
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)
        assert recording.session_id(5) == 1
        await pilot.pause(0.1)
        assert harness.app.last_session_id == 1
    status = rows(db, "SELECT status, steps_total, steps_completed FROM sessions")
    assert status == [("completed", 7, 7)]
    positions = [row[0] for row in rows(db, "SELECT position FROM steps ORDER BY position")]
    assert positions == list(range(7))


async def test_a_step_with_log_reps_asks_and_the_timer_runs_on_underneath(tmp_path: Path) -> None:
    workout = tmp_path / "ask.yaml"
    workout.write_text(
        "name: Ask Me\nprepare: 2\nsteps:\n"
        "  - exercise: Sled pull\n    time: 10\n    log_reps: true\n"
        "  - rest: 30\n  - exercise: Wood chop\n    time: 10\n"
    )
    db = tmp_path / "montage.db"
    recording = RecordingService(db)
    harness = Harness(start="Ask Me", recording=recording, extra=[load_entry(workout, "path")])
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.walk_to(12.5)
        await pilot.pause()
        assert isinstance(harness.app.screen, CountScreen)
        assert "Sled pull: reps done?" in str(
            harness.app.screen.query_one("#count-question", Static).content
        )
        harness.walk_to(45.0)
        await pilot.pause()
        starts = [e.step.name for e in harness.events if isinstance(e, StepStarted)]
        assert starts[-1] == "Wood chop"
        harness.app.screen.query_one(Input).value = "30"
        await pilot.press("enter")
        assert recording.writer is not None and recording.writer.flush(5)
    assert rows(db, "SELECT reps, entered FROM steps WHERE name = 'Sled pull'") == [(30, 1)]


async def test_a_session_that_ends_under_an_open_question_still_reaches_the_summary(
    tmp_path: Path,
) -> None:
    harness = Harness(start="Barn Taster", recording=RecordingService(tmp_path / "montage.db"))
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.walk_to(50.0)
        await pilot.press("d", "r")  # the reps question, with the clock running under it
        await pilot.pause()
        assert isinstance(harness.app.screen, CountScreen)
        harness.walk_to(10_000.0)
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)


async def test_without_a_usable_log_the_session_runs_with_one_notice(tmp_path: Path) -> None:
    def broken(path: Path | None) -> Store:
        raise LogError(f"{tmp_path / 'montage.db'}: the file is not a montage log")

    harness = Harness(recording=RecordingService(tmp_path / "montage.db", opener=broken))
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        harness.walk_to(50.0)
        await pilot.press("d")
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(harness.app.screen, CountScreen)
        notes = harness.notes
        assert sum("not a montage log" in note for note in notes) == 1
        assert any("log is off" in note for note in notes)
        harness.walk_to(120.0)
        await pilot.pause()
        assert harness.app.screen.id == "session"


async def test_a_question_for_the_last_step_is_asked_over_the_summary(tmp_path: Path) -> None:
    workout = tmp_path / "last.yaml"
    workout.write_text(
        "name: Last Ask\nprepare: 2\nsteps:\n  - exercise: Sled pull\n    time: 10\n"
        "    log_reps: true\n"
    )
    db = tmp_path / "montage.db"
    recording = RecordingService(db)
    harness = Harness(start="Last Ask", recording=recording, extra=[load_entry(workout, "path")])
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.walk_to(13.0)
        await pilot.pause()
        stack = [type(screen).__name__ for screen in harness.app.screen_stack]
        assert stack[-2:] == ["SummaryScreen", "CountScreen"]
        harness.app.screen.query_one(Input).value = "25"
        await pilot.press("enter")
        assert isinstance(harness.app.screen, SummaryScreen)
        assert recording.writer is not None and recording.writer.flush(5)
    assert rows(db, "SELECT reps, entered FROM steps WHERE name = 'Sled pull'") == [(25, 1)]


async def test_a_log_slow_to_open_never_holds_up_the_session(tmp_path: Path) -> None:
    import threading

    from montage.log.opening import open_log

    db = tmp_path / "montage.db"
    release = threading.Event()

    def slow(path: Path | None) -> Store:
        release.wait(10)  # as an old log being migrated, or another program's long write
        return open_log(path)

    recording = RecordingService(db, opener=slow)
    harness = Harness(start="Snow Run", recording=recording)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert harness.app.screen.id == "session"
        harness.scheduler.advance_to(70.0)
        await pilot.pause()
        assert sum(isinstance(e, StepStarted) for e in harness.events) >= 2
        release.set()
        assert recording.writer is not None and recording.writer.flush(5)
    assert len(rows(db, "SELECT id FROM steps")) >= 2
