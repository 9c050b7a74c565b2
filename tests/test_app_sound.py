"""The app's sound driven with Pilot on a fake clock: cues, volume, mute, the beat key, and
a session with no sound card."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import Harness
from montage.sound.backends import AudioError, Playing
from montage.sound.bank import Sound


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONTAGE_HOME", str(tmp_path))
    return tmp_path


async def test_mute_and_volume_keys_change_the_settings() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "m")
        assert harness.settings.mute is True
        await pilot.press("m", "minus", "minus", "plus")
        assert harness.settings.mute is False
        assert harness.settings.volume == pytest.approx(0.7)
        await pilot.press(*["plus"] * 9)
        assert harness.settings.volume == pytest.approx(1.5)
        notes = harness.notes
        assert "Volume 150% (boost, limited: never clips)" in notes
        assert "Volume 100%" in notes


async def test_the_session_sounds_its_cues_and_the_keys_set_volume_and_mute() -> None:
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        harness.walk_to(5.0)
        await pilot.pause()
        assert harness.cues() == ["tick", "tick", "tick", "go", "beat"]
        await pilot.press("space")
        await pilot.press("space")
        harness.walk_to(5.5)
        assert sorted(harness.cues()[-3:]) == ["beat", "pause", "resume"]
        await pilot.press("minus", "minus", "minus")
        harness.walk_to(25.0)
        await pilot.pause()
        assert harness.cues()[-1] == "halfway"
        assert harness.settings.volume == pytest.approx(0.5)
        player = harness.audio.player
        assert player is not None and player.mixer is not None
        assert player.mixer.volume.value == pytest.approx(0.5)
        for _ in range(6):
            await pilot.press("plus")
        assert harness.settings.volume == pytest.approx(1.1)
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


class NoCard:
    """simpleaudio through ALSA with no sound card: the device cannot be opened."""

    name = "no card"

    def check(self) -> None:
        raise AudioError("Error opening PCM device (No such file or directory)")

    def play(self, sound: Sound) -> Playing:
        raise AudioError("Error opening PCM device")


async def test_with_no_sound_card_a_session_says_so_once_as_it_starts() -> None:
    harness = Harness(backend=NoCard())
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        player = harness.audio.player
        assert player is not None and player.wait_ready() and player.wait_idle()
        await pilot.pause()

        def no_sound() -> list[str]:
            return [note for note in harness.notes if note.startswith("No sound")]

        assert len(no_sound()) == 1  # in the prepare, before any cue
        harness.walk_to(30.0)
        await pilot.pause()
        assert len(no_sound()) == 1 and harness.cues() == []
