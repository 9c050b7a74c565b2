"""Hostile text through every screen: names are shown as written, never run as markup.

A workout shared by a stranger, or a log edited by hand, may name things
``[/]``, ``[@click=app.quit]...`` or with escape sequences. Every screen must show
them literally: no crash, no action run, no file written, no raw control byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from harness import Harness
from hostile_corpus import FOLDER, VALID, all_files, valid_files
from log_data import S, new_log, record
from montage.app.screens.count_entry import CountScreen
from montage.app.screens.picker import PickerScreen
from montage.app.screens.review import ReviewScreen
from montage.app.screens.session import SessionScreen
from montage.app.screens.session_detail import SessionDetailScreen
from montage.app.screens.summary import SummaryScreen
from montage.log.reading import LogService
from montage.safe_text import visible
from montage.session.timeline import Move, Step, Timeline
from montage.workout.catalogue import Entry, load_entry
from montage.workout.problems import Problem, WorkoutError


def hostile_names(folder: Path) -> list[str]:
    """Names that break or hijack a screen that reads them as markup or sends them raw."""
    return [
        "[/]",
        "Barn [/bold] Burner",
        f"[@click=app.screenshot('pwned.svg','{folder}')]Barn Burner[/]",
        "[@click=app.quit]Quit Barn[/]",
        "[reverse blink]Styled[/]",
        "Title \x1b]0;pwned\x07 \x1b[2J\x1b[?1049h",
        "RTL \u202eevil\u202c and zero\u200bwidth",
        "[b]unclosed",
        "W" * 10_000,
    ]


def hostile_timeline(name: str, cue: str) -> Timeline:
    steps = (
        Step(0, "prepare", "Get ready", 3),
        Step(1, "work", name, 5, cue=cue, load=cue, distance=cue),
        Step(2, "work", name, None, mode="reps", reps=12, cue=cue, log_reps=True),
        Step(
            3,
            "work",
            "AMRAP",
            6,
            mode="amrap",
            moves=(Move("work", name, None, reps=5, cue=cue),),
            cue=cue,
        ),
        Step(4, "rest", "Rest", 3, cue=cue),
    )
    return Timeline(name, steps, description=cue, tags=(cue,))


def hostile_entries(folder: Path) -> list[Entry]:
    names = hostile_names(folder)
    entries = [
        Entry(folder / f"hostile-{number}.yaml", "user", hostile_timeline(name, names[-2]), None)
        for number, name in enumerate(names)
    ]
    broken = folder / "broken [@click=!] \x1b[2J file.yaml"
    problem = Problem(str(broken), 3, 5, "'[/]' is not a key; did you mean '[@click=app.quit]'?")
    entries.append(Entry(broken, "user", None, WorkoutError([problem])))
    return entries


def hostile_log(path: Path, names: list[str]) -> None:
    conn = new_log(path)
    for day, name in enumerate(names, start=1):
        steps = [
            S("work", name, "timed", "completed", 30, 30, load=name, distance=name),
            S("work", name, "reps", "done", None, 20, reps=12, load=name),
        ]
        record(conn, name, f"2024-03-{day:02d}T07:00:00+01:00", steps, "completed")
    conn.commit()
    conn.close()


def rendered(pilot: Pilot[None]) -> str:
    """Every character the screen shows now, as plain text."""
    return pilot.app.export_screenshot()


async def settle(pilot: Pilot[None], rounds: int = 5) -> None:
    for _ in range(rounds):
        await pilot.pause()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    place = tmp_path / "shared"
    place.mkdir()
    return place


def nothing_written(folder: Path) -> bool:
    return not any(folder.glob("*.svg"))


async def test_the_picker_shows_every_hostile_name_literally_and_runs_nothing(
    folder: Path,
) -> None:
    harness = Harness(extra=hostile_entries(folder))
    async with harness.app.run_test(size=(100, 30)) as pilot:
        screen = harness.app.screen
        assert isinstance(screen, PickerScreen)
        options = screen.query_one("#workouts", OptionList)
        labels = [str(option.prompt) for option in options.options]
        assert any(label.startswith("[/]  ") for label in labels)
        assert any(label.startswith("[@click=app.quit]Quit Barn[/]") for label in labels)
        assert any("\\x1b]0;pwned\\x07" in label for label in labels)
        assert not any("\x1b" in label for label in labels)
        for row in range(len(labels)):
            options.highlighted = row
            await settle(pilot, 2)
            preview = str(screen.query_one("#preview-title", Static).content)
            assert "\x1b" not in preview
        for row in range(min(options.option_count, 12)):
            await pilot.click(options, offset=(3, row))
            await settle(pilot, 2)
            assert harness.app.is_running
        assert nothing_written(folder)
        assert "\x1b" not in rendered(pilot).replace("\x1b", "")  # the export is SVG text


async def test_the_broken_file_shows_its_short_name_and_problems_as_written(
    folder: Path,
) -> None:
    harness = Harness(extra=hostile_entries(folder))
    async with harness.app.run_test(size=(100, 30)) as pilot:
        screen = harness.app.screen
        assert isinstance(screen, PickerScreen)
        options = screen.query_one("#workouts", OptionList)
        broken = next(
            row for row, option in enumerate(options.options) if "click=!" in str(option.prompt)
        )
        options.highlighted = broken
        await settle(pilot)
        assert "[@click=!]" in str(screen.query_one("#preview-title", Static).content)
        problems = str(screen.query_one("#preview-steps", Static).content)
        assert "did you mean '[@click=app.quit]'?" in problems
        await pilot.press("enter")  # refused with a notice that names the file as written
        await settle(pilot)
        assert harness.app.is_running


@pytest.mark.parametrize("index", range(9))
async def test_a_session_of_a_hostile_workout_runs_to_its_summary(folder: Path, index: int) -> None:
    entries = hostile_entries(folder)
    harness = Harness(extra=entries)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        harness.app.start_session(entries[index])
        await settle(pilot)
        assert isinstance(harness.app.screen, SessionScreen)
        name = hostile_names(folder)[index]
        top = str(harness.app.screen.query_one("#workout-name", Static).content)
        assert top.startswith(visible(name)[:50])
        harness.walk_to(4.0)
        await settle(pilot)
        assert "\x1b" not in harness.drawn("#step-name")
        harness.walk_to(9.0)
        await pilot.press("d")  # the rep step, which asks for its reps
        await settle(pilot)
        if isinstance(harness.app.screen, CountScreen):
            await pilot.press("escape")
            await settle(pilot)
        harness.walk_to(30.0)
        await settle(pilot)
        assert isinstance(harness.app.screen, SummaryScreen)
        assert nothing_written(folder)


async def test_the_palette_offers_hostile_workouts_as_written(folder: Path) -> None:
    harness = Harness(extra=hostile_entries(folder))
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        lines: list[str] = []
        for _ in range(50):
            await pilot.pause(0.02)
            palette = harness.app.screen
            if isinstance(palette, CommandPalette):
                lines = [str(o.prompt) for o in palette.query_one(CommandList).options]
                if any(line.startswith("Start [/]") for line in lines):
                    break
        assert any(line.startswith("Start [@click=app.quit]Quit Barn[/]") for line in lines)
        assert not any("\x1b" in line for line in lines)
        assert harness.app.is_running


async def test_the_review_shows_hostile_rows_as_written(folder: Path, tmp_path: Path) -> None:
    names = hostile_names(folder)
    path = tmp_path / "montage.db"
    hostile_log(path, names)
    harness = Harness(log_service=LogService(path))
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        for _ in range(20):
            await settle(pilot, 1)
            screen = harness.app.screen
            if (
                isinstance(screen, ReviewScreen)
                and screen.query_one("#sessions", DataTable).row_count
            ):
                break
        screen = harness.app.screen
        assert isinstance(screen, ReviewScreen)
        table = screen.query_one("#sessions", DataTable)
        shown = {str(table.get_row_at(row)[1]) for row in range(table.row_count)}
        assert "[@click=app.quit]Quit Barn[/]" in shown
        assert not any("\x1b" in cell for cell in shown)
        for key in ("2", "3", "1"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("enter")  # the newest session's steps
        for _ in range(20):
            await settle(pilot, 1)
            if isinstance(harness.app.screen, SessionDetailScreen):
                break
        assert isinstance(harness.app.screen, SessionDetailScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert harness.app.is_running
        assert nothing_written(folder)


def corpus_entries() -> list[Entry]:
    """Every file of ``tests/hostile/``, as the picker would list it."""
    return [load_entry(path, "user") for path in all_files()]


async def test_every_file_of_the_hostile_corpus_goes_through_the_picker(folder: Path) -> None:
    entries = corpus_entries()
    assert sum(entry.timeline is not None for entry in entries) == len(valid_files())
    harness = Harness(extra=entries)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        screen = harness.app.screen
        assert isinstance(screen, PickerScreen)
        options = screen.query_one("#workouts", OptionList)
        labels = [str(option.prompt) for option in options.options]
        for name in VALID.values():
            assert any(label.startswith(visible(name)[:40]) for label in labels), name
        for row in range(options.option_count):
            options.highlighted = row
            await settle(pilot, 1)
        assert harness.app.is_running
        assert nothing_written(folder)


@pytest.mark.parametrize("name", sorted(VALID))
async def test_every_valid_hostile_workout_runs_through_the_session_screen(name: str) -> None:
    entry = load_entry(FOLDER / name, "user")
    assert entry.timeline is not None
    harness = Harness(extra=[entry])
    async with harness.app.run_test(size=(100, 30)) as pilot:
        harness.app.start_session(entry)
        await settle(pilot)
        assert isinstance(harness.app.screen, SessionScreen)
        for moment in (2.0, 20.0, 60.0):
            harness.walk_to(moment)
            await settle(pilot, 2)
        while isinstance(harness.app.screen, SessionScreen | CountScreen):
            if isinstance(harness.app.screen, CountScreen):
                await pilot.press("escape")
            else:
                await pilot.press("n")
            await settle(pilot, 2)
        assert isinstance(harness.app.screen, SummaryScreen)
