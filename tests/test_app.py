"""The app driven with Pilot on a fake clock: every screen and every key."""

from __future__ import annotations

import re
from array import array
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.events import AppFocus
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from harness import DATA, Harness
from montage.app.screens.confirm import ConfirmScreen
from montage.app.screens.picker import PickerScreen
from montage.app.screens.session import SessionScreen
from montage.app.screens.summary import SummaryScreen
from montage.app.widgets.big_clock import BigClock
from montage.app.widgets.title_card import TitleCard
from montage.paths import shipped_sounds_dir, user_workouts_dir
from montage.session.events import StepStarted
from montage.sound.bank import Sound, read_wav
from montage.workout.catalogue import Entry


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path))
    return tmp_path


async def test_the_picker_lists_workouts_with_times_and_a_broken_file_with_its_error() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        screen = harness.app.screen
        assert isinstance(screen, PickerScreen)
        workouts = screen.query_one("#workouts", OptionList)
        labels = [str(option.prompt) for option in workouts.options]
        assert labels == [
            "Barn Taster  5:35",  # the times line up after the longest name
            "Snow Run     6:05",
            "x broken.yaml  (has problems)",
        ]
        assert harness.text("#preview-title") == "Barn Taster"
        assert harness.text("#preview-steps").splitlines() == [
            "  0:05  Get ready",
            "  0:40  Log carry - 20 kg sandbag",
            "  2:20  2 \N{MULTIPLICATION SIGN} [ Press ]   rest 0:20 between",
            " <1:00      Wagon press x10",
            "  2:00  AMRAP: Wood chop x10, Hanging sit-up x5",
            "  0:30  Cool down",
        ]
        assert "barn" in harness.text("#preview-meta").split()
        await pilot.press("down", "down")
        assert harness.text("#preview-title") == "broken.yaml"
        assert harness.text("#preview-steps") == (
            "4:5: 'rep' is not a key of a work step; did you mean 'reps'?"
        )
        await pilot.press("enter")
        assert isinstance(harness.app.screen, PickerScreen)  # a broken file does not start


async def test_the_list_is_sorted_by_name_with_broken_files_last(tmp_path: Path) -> None:
    harness = Harness()
    folder = user_workouts_dir()
    folder.mkdir(parents=True)
    (folder / "a-first.yaml").write_text("name: zz Last\nsteps:\n  - rest: 5\n")
    (folder / "z-last.yaml").write_text("name: Aardvark\nsteps:\n  - rest: 5\n")
    async with harness.app.run_test(size=(100, 30)):
        screen = harness.app.screen
        workouts = screen.query_one("#workouts", OptionList)
        labels = [str(option.prompt).split("  ")[0] for option in workouts.options]
        assert labels == ["Aardvark", "Barn Taster", "Snow Run", "zz Last", "x broken.yaml"]


async def test_the_picker_finds_new_files_when_it_is_shown_again() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        folder = user_workouts_dir()
        folder.mkdir(parents=True)
        (folder / "new.yaml").write_text("name: Fresh Powder\nsteps:\n  - rest: 5\n")
        await pilot.press("l")  # the log, then back: the picker looks again
        await pilot.pause()
        await pilot.press("escape")
        for _ in range(20):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        workouts = harness.app.screen.query_one("#workouts", OptionList)
        assert any(str(o.prompt).startswith("Fresh Powder") for o in workouts.options)
        (folder / "new.yaml").unlink()
        harness.app.post_message(AppFocus())
        for _ in range(20):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        workouts = harness.app.screen.query_one("#workouts", OptionList)
        assert not any(str(o.prompt).startswith("Fresh Powder") for o in workouts.options)


async def test_escape_leaves_the_filter_and_down_reaches_the_list() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "x", "y", "z")
        assert harness.text("#preview-title") == "No workout matches 'xyz'"
        await pilot.press("escape")
        screen = harness.app.screen
        assert isinstance(screen, PickerScreen)
        assert screen.query_one(Input).value == ""
        assert isinstance(harness.app.focused, OptionList)
        await pilot.press("slash", "s", "n", "down")
        assert isinstance(harness.app.focused, OptionList)
        assert screen.query_one(Input).value == "sn"
        await pilot.press("q")  # a key of the list again, not a letter of the filter
        assert not harness.app.is_running


async def test_slash_filters_by_name_or_tag() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "c", "a", "r", "d", "i", "o")
        screen = harness.app.screen
        workouts = screen.query_one("#workouts", OptionList)
        labels = [str(option.prompt) for option in workouts.options]
        assert labels == ["Snow Run     6:05"]
        await pilot.press("enter")  # back to the list...
        await pilot.press("enter")  # ...which starts the one left
        assert isinstance(harness.app.screen, SessionScreen)
        assert harness.app.screen.engine.timeline.name == "Snow Run"


async def test_enter_starts_a_session_that_counts_down_in_time() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(harness.app.screen, SessionScreen)
        assert harness.clock_text() == "0:05"
        assert harness.text("#phase") == "GET READY"
        assert harness.text("#next-up") == "NEXT  Log carry  0:40"
        harness.scheduler.advance_to(5.0)
        await pilot.pause()
        assert harness.text("#phase") == "WORK"
        assert harness.text("#step-name") == "Log carry"
        assert harness.text("#step-detail") == (
            "Sandbag high on the shoulder. Short steps.\n20 kg sandbag"
        )
        assert harness.clock_text() == "0:40"
        harness.scheduler.advance_to(17.5)
        await pilot.pause()
        assert harness.clock_text() == "0:28"
        assert harness.text("#totals") == "elapsed 0:17    remaining 5:18"
        assert "-work" in harness.app.screen.classes


async def test_space_pauses_with_the_time_kept_and_resumes() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        harness.scheduler.advance_to(10.0)
        await pilot.press("space")
        band = harness.text("#phase")
        assert band.strip().startswith("❚❚ PAUSE") and band.strip().endswith("SP 0:00:10")
        assert harness.text("#title-card") == "❚❚ PAUSE"
        assert "-paused" in harness.app.screen.classes
        harness.scheduler.advance_to(500.0)
        await pilot.pause()
        assert harness.clock_text() == "0:35"
        await pilot.press("space")
        assert harness.text("#phase") == "WORK"
        assert not harness.app.screen.query_one(TitleCard).shown
        harness.scheduler.advance_to(535.0)
        await pilot.pause()
        starts = [(e.at, e.step.name) for e in harness.events if isinstance(e, StepStarted)]
        assert starts[-1] == (535.0, "Wagon press")


async def test_n_skips_b_goes_back_and_d_finishes_a_rep_step() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n")
        assert harness.text("#step-name") == "Log carry"
        await pilot.press("n")
        assert harness.text("#step-name") == "Wagon press"
        assert harness.text("#count") == "\N{MULTIPLICATION SIGN}10"
        assert harness.text("#phase") == "WORK  ·  10 REPS"
        assert harness.text("#step-detail") == (
            "Drive it overhead, lock out.\ncounting up: press d when done (cap 1:00)"
        )
        assert harness.clock_text() == "+0:00"  # never a countdown at its end
        harness.scheduler.advance(7.01)
        await pilot.pause()
        assert harness.clock_text() == "+0:07"  # a rep step counts up
        await pilot.press("b")
        assert harness.text("#step-name") == "Log carry"
        await pilot.press("n")
        harness.scheduler.advance(12.0)
        await pilot.press("d")
        assert harness.text("#phase") == "REST"
        assert harness.text("#position") == "Press 1/2  step 4/7"


async def test_the_amrap_counts_rounds_and_shows_a_title_card() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        for _ in range(5):
            await pilot.press("n")
        assert harness.text("#phase") == "AMRAP 2m"
        assert harness.text("#step-name") == "Wood chop \N{MULTIPLICATION SIGN}10"
        assert harness.text("#count") == "0 ROUNDS"
        await pilot.press("d")
        assert harness.text("#step-name") == "Hanging sit-up \N{MULTIPLICATION SIGN}5"
        await pilot.press("d")
        assert harness.text("#step-detail").startswith("1 round done")
        assert harness.text("#count") == "1 ROUND"
        card = harness.app.screen.query_one(TitleCard)
        assert card.shown
        assert card.text == "Round 2"


async def test_q_asks_before_stopping_and_the_summary_follows() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        harness.scheduler.advance_to(20.0)
        before = harness.clock_text()
        await pilot.press("q")
        assert isinstance(harness.app.screen, ConfirmScreen)
        harness.scheduler.advance_to(30.01)  # the clock stands still under the question
        await pilot.press("n")  # "next" outside the question: no answer to it
        assert isinstance(harness.app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert isinstance(harness.app.screen, SessionScreen)
        assert harness.clock_text() == before
        harness.scheduler.advance_to(31.01)
        assert harness.clock_text() != before  # and runs on once it is answered
        await pilot.press("q", "y")
        assert isinstance(harness.app.screen, SummaryScreen)
        assert harness.text("#summary-title") == "STOPPED"
        assert harness.app.screen.query_one("#summary-title").has_class("-stopped")
        await pilot.press("enter")
        assert isinstance(harness.app.screen, PickerScreen)


async def test_a_finished_session_shows_its_summary() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        harness.scheduler.advance_to(45.0)
        await pilot.pause()
        harness.scheduler.advance(30.0)
        await pilot.press("d")
        harness.scheduler.advance(20.0)
        await pilot.pause()
        harness.scheduler.advance(50.0)
        await pilot.press("d")
        for _ in range(3):
            await pilot.press("d", "d")
        harness.scheduler.advance(200.0)
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, SummaryScreen)
        assert harness.text("#summary-title") == "COMPLETE"
        assert not harness.app.screen.query_one("#summary-title").has_class("-stopped")
        body = str(screen.query_one("#summary-body Static", Static).content)
        assert "AMRAP rounds    3\n" in body
        assert "Wagon press" in body and "0:30" in body and "0:50" in body


async def test_run_with_a_workout_opens_the_session_directly() -> None:
    harness = Harness(start="Snow Run")
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(harness.app.screen, SessionScreen)
        harness.scheduler.advance_to(5.0)
        await pilot.pause()
        assert harness.text("#phase") == "EMOM"
        assert harness.text("#position") == "EMOM 1/3  step 2/5"


async def test_mute_and_volume_keys_change_the_settings() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "m")
        assert harness.settings.mute is True
        await pilot.press("m", "minus", "minus", "plus")
        assert harness.settings.mute is False
        assert harness.settings.volume == pytest.approx(0.7)


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


async def palette_offers(pilot: Pilot[None], wanted: str, unwanted: str = "\0") -> list[str]:
    """What the open command palette offers, once a line starts with ``wanted`` and none
    with ``unwanted`` (it searches on a worker), or after a second."""
    lines: list[str] = []
    for _ in range(50):
        await pilot.pause(0.02)
        palette = pilot.app.screen
        if isinstance(palette, CommandPalette):
            lines = [str(option.prompt) for option in palette.query_one(CommandList).options]
            if any(line.startswith(wanted) for line in lines) and not any(
                line.startswith(unwanted) for line in lines
            ):
                break
    return lines


async def test_the_palette_offers_each_key_and_every_workout() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        offered = await palette_offers(pilot, "Start Barn Taster")
        assert any(line.startswith("Start Barn Taster") for line in offered)
        assert any(line.startswith("Start Snow Run") for line in offered)
        assert not any(line.startswith("Start Broken") for line in offered)
        assert sum(line.startswith("Quit") for line in offered) == 1
        await pilot.press("s", "n", "o", "w")
        found = await palette_offers(pilot, "Start Snow Run", unwanted="Start Barn")
        assert any(line.startswith("Start Snow Run") for line in found)
        assert not any(line.startswith("Start Barn") for line in found)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(harness.app.screen, PickerScreen)
        await pilot.press("enter")
        await pilot.pause()
        titles = [c.title for c in harness.app.get_system_commands(harness.app.screen)]
        for title in ("Pause (space)", "Next (n)", "Back (b)", "Done (d)", "Stop (q)"):
            assert title in titles


async def test_the_montage_theme_is_the_default_and_others_work() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        assert harness.app.theme == "montage"
        await pilot.press("enter")
        for theme in ("nord", "textual-light", "montage"):
            harness.app.theme = theme
            await pilot.pause()
            assert harness.app.screen.query_one(BigClock).styles.color is not None
        assert harness.settings.theme == "montage"


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (100, 30), (250, 70)])
async def test_every_size_from_40x12_to_250x70_works(size: tuple[int, int]) -> None:
    harness = Harness()
    async with harness.app.run_test(size=size) as pilot:
        await pilot.press("enter")
        harness.scheduler.advance_to(7.5)  # into the log carry, its title card gone
        await pilot.pause()
        lines = [line for line in harness.drawn("#clock").splitlines() if line.strip()]
        assert lines
        if size == (40, 12):
            assert len(lines) <= 4
        if size == (250, 70):
            assert len(lines) >= 40


async def test_a_resize_never_moves_a_deadline_and_the_stop_question_pauses_exactly() -> None:
    harness = Harness(start="Snow Run")
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.scheduler.advance_to(30.0)
        await pilot.resize_terminal(40, 12)
        harness.scheduler.advance_to(130.0)
        await pilot.resize_terminal(120, 40)
        await pilot.press("q")  # asked at 130 s: everything later moves by the 10 s it is open
        harness.scheduler.advance_to(140.0)
        await pilot.press("escape")
        harness.scheduler.advance_to(400.0)
        await pilot.pause()
        starts = [(e.at, e.step.name) for e in harness.events if isinstance(e, StepStarted)]
        assert starts == [
            (0.0, "Get ready"),
            (5.0, "EMOM"),
            (65.0, "EMOM"),
            (125.0, "EMOM"),
            (195.0, "Mountain climb"),
        ]


async def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert harness.app.no_color
        svg = harness.app.export_screenshot()
        colours = {c.lower() for c in re.findall(r"fill: (#[0-9a-fA-F]{6})", svg)}
        channels = [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colours]
        assert len(colours) > 2
        assert all(max(rgb) - min(rgb) <= 4 for rgb in channels)  # shades of grey only


def peak(sound: Sound) -> int:
    samples = array("h")
    samples.frombytes(sound.pcm)
    return max(abs(sample) for sample in samples)


async def test_the_session_sounds_its_cues_and_the_keys_set_volume_and_mute() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        harness.walk_to(5.0)
        await pilot.pause()
        assert harness.cues() == ["tick", "tick", "tick", "go", "beat"]
        await pilot.press("space")
        await pilot.press("space")
        assert harness.cues()[-3:] == ["pause", "resume", "beat"]
        await pilot.press("minus", "minus", "minus")
        harness.walk_to(25.0)
        await pilot.pause()
        assert harness.cues()[-1] == "halfway"
        assert harness.settings.volume == pytest.approx(0.5)
        full = peak(read_wav(shipped_sounds_dir() / "halfway.wav"))
        assert peak(harness.backend.sounds[-1]) == pytest.approx(full * 0.5, abs=2)
        await pilot.press("m")
        count = len(harness.cues())
        harness.walk_to(45.0)
        await pilot.pause()
        assert len(harness.cues()) == count  # muted: nothing more


async def test_the_beat_key_stops_the_beat_at_once_and_brings_it_back_in_time() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        harness.walk_to(6.0)
        await pilot.pause()
        assert harness.cues()[-1] == "beat"
        await pilot.press("t")
        harness.walk_to(20.0)
        await pilot.pause()
        assert harness.settings.beat is False
        assert "beat" not in harness.cues()[5:]
        await pilot.press("t")
        harness.walk_to(20.5)
        await pilot.pause()
        assert harness.settings.beat is True
        name, due, _ = harness.audio.player.played[-1] if harness.audio.player else ("", 0, 0)
        assert name == "beat" and due == pytest.approx(20.0, abs=0.3)


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
