"""The montage look: each session in its workout's scene, the help key, the cards' timing."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import Harness
from montage.app.app import MontageApp
from montage.app.commands import PICKER_COMMANDS, SESSION_COMMANDS, key_names
from montage.app.screens.help import HelpScreen
from montage.app.screens.picker import PickerScreen
from montage.app.screens.session import SessionScreen
from montage.app.screens.session_text import paused_band
from montage.app.widgets.big_clock import BigClock
from montage.app.widgets.title_card import TitleCard
from montage.paths import log_database_file
from montage.settings import Settings
from montage.workout.catalogue import load_entry


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path))
    return tmp_path


async def test_a_session_takes_its_workouts_scene_and_the_picker_its_own_look() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        assert harness.app.theme == "montage"
        await pilot.press("enter")  # Barn Taster: tagged strength, so the barn
        assert harness.app.theme == "barn"
        await pilot.press("q", "enter")  # stopped: the summary keeps the scene
        assert harness.app.theme == "barn"
        await pilot.press("enter")
        assert isinstance(harness.app.screen, PickerScreen)
        assert harness.app.theme == "montage"
        assert harness.settings.theme == "montage"  # a scene is never saved as a choice


async def test_a_theme_the_user_chose_is_kept_for_every_session() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        harness.app.theme = "nord"
        await pilot.pause()
        assert harness.settings.theme == "nord"
        await pilot.press("enter")
        assert harness.app.theme == "nord"


async def test_a_workout_started_from_the_command_line_opens_in_its_scene(home: Path) -> None:
    path = home / "lab.yaml"
    path.write_text("name: Lab\nscene: lab\nsteps:\n  - exercise: Row\n    time: 1m\n")
    harness = Harness(start="Lab", extra=[load_entry(path, "path")])
    assert harness.app.theme == "lab"  # before the first frame
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(harness.app.screen, SessionScreen)
        assert harness.app.theme == "lab"
        assert harness.app.screen.query_one(BigClock).unlit  # the LED's dark segments show


async def test_question_mark_lists_every_key_of_the_screen_and_closes_again() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(harness.app.screen, HelpScreen)
        keys = harness.text("#help-keys")
        for command in PICKER_COMMANDS:
            assert key_names(command) in keys and command.help in keys
        assert "ctrl+p" in keys
        await pilot.press("escape")
        assert isinstance(harness.app.screen, PickerScreen)
        await pilot.press("enter", "question_mark")
        assert isinstance(harness.app.screen, HelpScreen)
        keys = harness.text("#help-keys")
        for command in SESSION_COMMANDS:
            assert f"{key_names(command)} " in keys and command.help in keys
        assert "runs on" in harness.text("#help-note")
        harness.scheduler.advance_to(3.0)  # the session runs on underneath
        await pilot.press("question_mark")
        assert isinstance(harness.app.screen, SessionScreen)
        assert harness.clock_text() == "0:02"


async def test_cards_open_a_session_its_rounds_and_steps_and_go_after_two_seconds() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        card = harness.app.screen.query_one(TitleCard)
        assert card.shown and card.text == "GET READY"
        harness.scheduler.advance_to(2.01)
        await pilot.pause()
        assert not card.shown
        harness.scheduler.advance_to(5.0)  # the log carry: named on its card
        await pilot.pause()
        assert card.shown and card.text == "Log carry"
        clock = harness.app.screen.query_one(BigClock)
        assert clock.reserve == card.size.height == 6  # the digits make way, nothing moves
        assert card.region.y == clock.region.y  # the card lies over the top of their room
        digits = [line for line in harness.drawn("#clock").splitlines() if line.strip()]
        assert len(digits) == clock.size.height - 6
        harness.scheduler.advance_to(7.01)
        await pilot.pause()
        assert not card.shown
        assert clock.reserve == 0
        await pilot.press("n", "d")  # the press, then the rest between rounds...
        await pilot.press("n")  # ...skipped: round 2 of 2 opens on its card
        assert card.shown and card.text == "Final round"


async def test_a_card_that_does_not_fit_in_letters_names_no_exercise() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter")
        card = harness.app.screen.query_one(TitleCard)
        assert card.shown and card.text == "GET READY"  # one bold line
        assert "G E T   R E A D Y" in harness.drawn("#title-card")
        harness.scheduler.advance_to(5.0)
        await pilot.pause()
        assert not card.shown  # no room to name the exercise: the name under the digits does


async def test_the_app_makes_its_sound_and_log_reader_when_first_wanted(home: Path) -> None:
    app = MontageApp(Settings(voice=False), save=False, mute=True)
    assert app._audio is None and app._log_service is None  # nothing made before it runs
    assert app.log_service.path == log_database_file()
    assert app.audio is app.audio
    app.audio.close()


def test_the_pause_display_says_who_paused_only_where_it_fits() -> None:
    note = "the coach has paused the class"
    wide = paused_band(62.5, 80, note)
    assert (len(wide), wide.split()[:2], wide.split()[-2:]) == (
        80,
        ["❚❚", "PAUSE"],
        ["SP", "0:01:02"],
    )
    assert note in wide
    narrow = paused_band(62.5, 40, note)
    assert len(narrow) == 40 and note not in narrow and "SP 0:01:02" in narrow
