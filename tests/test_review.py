"""The progress log in the app, driven with Pilot on a simulated week of sessions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent

from harness import Harness
from log_data import TODAY, new_log, record, snow, week_log
from montage.app.screens.picker import PickerScreen
from montage.app.screens.review import EMPTY_TEXT, ReviewScreen
from montage.app.screens.session_detail import SessionDetailScreen
from montage.app.screens.summary import SummaryScreen
from montage.app.widgets.calendar_heatmap import CalendarHeatmap
from montage.app.widgets.progress_chart import ChartPanel, ProgressChart
from montage.app.widgets.session_table import SessionTable
from montage.log.reading import LogService

FINISH_A_SESSION = ("enter", 45.0, 75.0, "d", 95.0, 150.0, "d", 160.0, "d", "d", 400.0)
"""Keys and clock moments that take Barn Taster from the picker to its summary."""


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "log.db"
    week_log(path)
    return path


def harness_for(path: Path) -> Harness:
    return Harness(log_service=LogService(path, today=lambda: TODAY))


async def settle(pilot: Pilot[None]) -> None:
    """Let the log's workers finish and their results reach the screen."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def finish_a_session(harness: Harness, pilot: Pilot[None]) -> None:
    for item in FINISH_A_SESSION:
        if isinstance(item, str):
            await pilot.press(item)
        else:
            harness.scheduler.advance_to(item)
            await pilot.pause()


def review(harness: Harness) -> ReviewScreen:
    screen = harness.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def sessions(harness: Harness) -> list[list[str]]:
    table = harness.app.screen.query_one(SessionTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def table_rows(harness: Harness, selector: str) -> list[list[str]]:
    table = harness.app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_l_in_the_picker_opens_the_log_and_escape_goes_back(db: Path) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        review(harness)
        assert sessions(harness)[:3] == [
            ["2024-03-09 08:00", "Barn Taster", "4:35", "completed", "100%"],
            ["2024-03-08 19:00", "Barn Taster", "1:00", "interrupted", "43%"],
            ["2024-03-08 07:00", "Snow Run", "5:05", "completed", "71%"],
        ]
        assert len(sessions(harness)) == 8
        assert harness.text("#review-filter") == "all workouts  ·  all time  ·  8 sessions"
        assert harness.text("#streak") == "2 days now   longest 3 days"
        heatmap = harness.app.screen.query_one(CalendarHeatmap)
        assert heatmap.calendar is not None and len(heatmap.calendar.days) == 6
        assert heatmap.caption() == f"6 days trained in these {heatmap.weeks_shown()} weeks"
        await pilot.press("escape")
        assert isinstance(harness.app.screen, PickerScreen)


async def test_enter_opens_a_sessions_steps_and_escape_closes_them(db: Path) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")
        await settle(pilot)
        screen = harness.app.screen
        assert isinstance(screen, SessionDetailScreen)
        assert screen.detail.session.started_at == "2024-03-06T07:10:00+01:00"
        assert harness.text("#detail-meta") == "completed   4:30 active   7 of 7 steps (100%)"
        steps = table_rows(harness, "#detail-steps")
        assert steps[3] == ["4", "Wagon press", "<1:00", "0:40", "x12", "done", "16 kg kettlebell"]
        assert steps[5][:5] == ["6", "AMRAP", "2:00", "2:00", "4 rounds"]
        await pilot.press("escape")
        review(harness)
        await pilot.press("escape")
        assert isinstance(harness.app.screen, PickerScreen)


async def test_w_and_d_filter_by_workout_and_dates(db: Path) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert {row[1] for row in sessions(harness)} == {"Barn Taster"}
        assert harness.text("#review-filter") == "Barn Taster  ·  all time  ·  5 sessions"
        await pilot.press("w")
        await settle(pilot)
        assert harness.text("#review-filter") == "Snow Run  ·  all time  ·  3 sessions"
        await pilot.press("d")
        await settle(pilot)
        assert harness.text("#review-filter") == "Snow Run  ·  last 7 days  ·  2 sessions"
        assert [row[0] for row in sessions(harness)] == ["2024-03-08 07:00", "2024-03-05 18:30"]
        assert [row[0] for row in table_rows(harness, "#exercise-table")] == [
            "Hill run",
            "Box jump",
        ]
        await pilot.press("w")
        await settle(pilot)
        assert harness.text("#review-filter") == "all workouts  ·  last 7 days  ·  7 sessions"
        for _ in range(4):
            await pilot.press("d")
        await settle(pilot)
        assert harness.text("#review-filter") == "all workouts  ·  all time  ·  8 sessions"


async def test_the_workouts_tab_shows_bests_and_a_chart_and_enter_filters(db: Path) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert harness.app.screen.query_one(TabbedContent).active == "workouts-tab"
        assert [row[:3] for row in table_rows(harness, "#workout-table")] == [
            ["Barn Taster", "5", "3"],
            ["Snow Run", "3", "3"],
        ]
        assert harness.text("#workout-bests") == (
            "Fastest finish  4:30 (2024-03-06)\nMost rounds     4 (2024-03-06)"
        )
        chart = harness.app.screen.query_one("#workout-chart", ChartPanel)
        drawn = chart.query_one(ProgressChart)
        assert drawn.series is not None and drawn.series.title == "finish time"
        assert [point.value for point in drawn.series.points] == [280, 270, 275]
        assert harness.text("#workout-chart .chart-caption") == (
            "finish time: 4:40 -> 4:35  ·  best 4:30 (Drago's line)  ·  ◆ 1 record"
            "  ·  3 sessions  ·  c: next chart"
        )
        await pilot.press("c")
        assert drawn.series is not None and drawn.series.title == "AMRAP rounds"
        assert [(p.value, p.best, p.record) for p in drawn.series.points] == [
            (3, 3, False),
            (4, 4, True),
            (4, 4, False),
        ]
        await pilot.press("down")
        await settle(pilot)
        assert drawn.series is None
        assert harness.text("#workout-chart .chart-caption") == (
            "No finished session with a time or rounds."
        )
        await pilot.press("enter")
        await settle(pilot)
        assert harness.app.screen.query_one(TabbedContent).active == "sessions-tab"
        assert harness.text("#review-filter") == "Snow Run  ·  all time  ·  3 sessions"
        await pilot.press("3")
        assert table_rows(harness, "#exercise-table") == [
            ["Hill run", "3", "-", "-", "6:00", "1.2 km", "-"],
            ["Box jump", "6", "48", "8", "-", "-", "-"],  # in the EMOMs: no time of its own
        ]
        await settle(pilot)
        exercise = harness.app.screen.query_one("#exercise-chart", ChartPanel)
        assert exercise.progress is not None and exercise.progress.name == "Hill run"
        assert [s.title for s in exercise.progress.series] == ["time under work"]


async def test_l_after_a_session_opens_the_log_over_the_summary(db: Path) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await finish_a_session(harness, pilot)
        assert isinstance(harness.app.screen, SummaryScreen)
        await pilot.press("l")
        await settle(pilot)
        assert len(sessions(harness)) == 8
        await pilot.press("escape")
        assert isinstance(harness.app.screen, SummaryScreen)


async def test_the_summary_shows_the_records_the_session_broke(db: Path) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await finish_a_session(harness, pilot)
        summary = harness.app.screen
        assert isinstance(summary, SummaryScreen)
        summary.read_records(4)  # Wednesday, as the app does once the recorder has written it
        await settle(pilot)
        assert harness.text("#summary-records") == (
            "NEW RECORDS\n"
            "  Fastest Barn Taster  4:30  (was 4:40)\n"
            "  Most rounds of Barn Taster  4  (was 3)\n"
            "  Most reps of Wagon press in a set  12  (was 10)"
        )
        assert harness.app.screen.query_one("#summary-records").has_class("-shown")
        assert harness.text("#summary-versus") == (
            "vs 2024-03-04   time 4:40 -> 4:30 (-0:10)   work steps 3 -> 3   rounds 3 -> 4 (+1)"
        )


async def test_the_first_session_of_a_workout_is_the_one_to_beat(db: Path) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await finish_a_session(harness, pilot)
        summary = harness.app.screen
        assert isinstance(summary, SummaryScreen)
        summary.read_records(1)  # Monday's, the first Barn Taster
        await settle(pilot)
        assert harness.text("#summary-versus") == "First time on record: this is the one to beat."
        assert summary.query_one("#summary-versus").has_class("-shown")


async def test_a_summary_without_a_recorded_session_shows_no_records() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await finish_a_session(harness, pilot)
        await settle(pilot)
        assert not harness.app.screen.query_one("#summary-records").has_class("-shown")


async def test_no_log_yet_shows_a_friendly_empty_state(tmp_path: Path) -> None:
    new_log(tmp_path / "empty.db").close()
    for path in (tmp_path / "missing.db", tmp_path / "empty.db"):
        harness = harness_for(path)
        async with harness.app.run_test(size=(100, 30)) as pilot:
            await pilot.press("l")
            await settle(pilot)
            assert review(harness).has_class("-message")
            assert not review(harness).has_class("-error")
            assert harness.text("#review-message") == EMPTY_TEXT
            await pilot.press("w", "d", "2", "3", "1")  # nothing to filter or show: no harm
            await pilot.press("escape")
            assert isinstance(harness.app.screen, PickerScreen)


async def test_a_broken_log_shows_one_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database" * 200)
    harness = harness_for(path)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        assert review(harness).has_class("-error")
        assert harness.text("#review-message") == (
            "The progress log cannot be read.\n\n"
            f"{path}: not a montage progress log, or damaged (file is not a database);"
            " move it aside to start a new one"
        )


async def test_sessions_load_a_page_at_a_time_as_the_cursor_goes_down(tmp_path: Path) -> None:
    path = tmp_path / "long.db"
    conn = new_log(path)
    for day in range(250):
        started = f"2023-{1 + day // 28:02d}-{1 + day % 28:02d}T07:00:00+01:00"
        record(conn, "Snow Run", started, snow(), "completed")
    conn.commit()
    conn.close()
    harness = harness_for(path)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        table = harness.app.screen.query_one(SessionTable)
        assert table.row_count == 100
        await pilot.press("pagedown", "pagedown", "pagedown")
        await settle(pilot)
        assert table.row_count == 200
        await pilot.press("ctrl+end")
        await settle(pilot)
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == 250
        ids = [table.session_id(row) for row in range(table.row_count)]
        assert ids == list(range(250, 0, -1))  # none lost, none twice


async def test_the_palette_offers_the_log_and_its_keys(db: Path) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        titles = [c.title for c in harness.app.get_system_commands(harness.app.screen)]
        assert "Log (l)" in titles
        await pilot.press("l")
        await settle(pilot)
        titles = [c.title for c in harness.app.get_system_commands(harness.app.screen)]
        for title in ("Workout (w)", "Dates (d)", "Sessions (1)", "Exercises (3)", "Back (esc)"):
            assert title in titles


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (250, 70)])
async def test_the_log_works_at_every_size(db: Path, size: tuple[int, int]) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=size) as pilot:
        await pilot.press("l")
        await settle(pilot)
        assert len(sessions(harness)) == 8
        for key in ("2", "down", "3", "1", "enter"):
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(harness.app.screen, SessionDetailScreen)


async def test_escape_from_a_workouts_sessions_goes_back_to_the_workouts(db: Path) -> None:
    harness = harness_for(db)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")  # a workout's sessions
        await settle(pilot)
        assert harness.app.screen.query_one(TabbedContent).active == "sessions-tab"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(harness.app.screen, ReviewScreen)
        assert harness.app.screen.query_one(TabbedContent).active == "workouts-tab"
        assert harness.text("#review-filter").startswith("all workouts")
        await pilot.press("escape")
        assert isinstance(harness.app.screen, PickerScreen)


async def test_a_session_not_fully_kept_says_why_in_its_detail(db: Path) -> None:
    conn = sqlite3.connect(db)
    newest = conn.execute("SELECT max(id) FROM sessions").fetchone()[0]
    conn.execute("UPDATE sessions SET not_kept = 'the disk is full' WHERE id = ?", [newest])
    conn.commit()
    conn.close()
    harness = harness_for(db)
    async with harness.app.run_test(size=(120, 30)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(harness.app.screen, SessionDetailScreen)
        assert harness.text("#detail-meta").endswith("not fully kept: the disk is full")
