"""The session's mixer on a fake clock: headroom, ducking, fades, the grid, the voice."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from fakes import FakeClock
from harness import RecordingBackend
from montage.paths import shipped_sounds_dir
from montage.session.engine import Engine
from montage.sound.bank import Sound, load_bank, read_wav
from montage.sound.dsp import RATE
from montage.sound.loudness import dbfs, true_peak
from montage.sound.player import Player
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

WORKOUT = """
name: Mix
bpm: 150
prepare: 5
steps:
  - exercise: Carry
    time: 30
  - rest: 12
  - exercise: Chop
    time: 20
"""


def fake_voice() -> tuple[dict[str, Sound], list[str]]:
    """A loud stand-in for espeak-ng: the finish fanfare as every line."""
    loud = read_wav(shipped_sounds_dir() / "finish.wav")
    keys = ["go", "rest", "next:1", "next:3", "name:1", "name:3"]
    return {key: loud for key in keys}, []


def session(
    volume: float = 1.0,
    commands: dict[float, str] | None = None,
    workout: str = WORKOUT,
    speech: Callable[[], tuple[dict[str, Sound], list[str]]] | None = fake_voice,
) -> tuple[np.ndarray, Player]:
    """Run a session on the fake clock in quarter seconds; return every sample the stream got."""
    timeline = compile_workout(parse_workout(workout))
    clock = FakeClock(start=0.0)
    backend = RecordingBackend()
    player = Player(
        backend,
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        clock,
        volume=volume,
        speech=speech,
    )
    player.start()
    assert player.wait_ready()
    engine = Engine(timeline, clock)
    for event in engine.start():
        player(event)
    pending = sorted((commands or {}).items())
    while engine.state != "finished":
        assert player.wait_idle()
        clock.now += 0.25
        if pending and clock.now >= pending[0][0]:
            for event in getattr(engine, pending.pop(0)[1])():
                player(event)
        for event in engine.poll():
            player(event)
    clock.now += 3.0
    assert player.wait_idle()
    player.close()
    return np.asarray(backend.samples(), dtype=np.float64) / 32767, player


def starts(player: Player, name: str) -> list[float]:
    return [at for cue, _, at in player.played if cue == name]


@pytest.mark.parametrize("volume", [1.0, 1.5])
def test_nothing_goes_over_minus_1_dbfs_with_beat_voice_and_cues(volume: float) -> None:
    samples, player = session(volume)
    assert {"go", "rest", "beat", "voice:go", "finish"} <= {name for name, _, _ in player.played}
    assert dbfs(np.max(np.abs(samples))) <= -1.0 + 0.01
    assert dbfs(true_peak(samples)) <= -0.8


def level(samples: np.ndarray, start: float, seconds: float) -> float:
    piece = samples[round(start * RATE) : round((start + seconds) * RATE)]
    return float(np.sqrt(np.mean(piece**2)))


def test_the_beat_ducks_6_to_8_db_under_a_cue_and_comes_back() -> None:
    _, player = session(speech=None)
    mixer = player.mixer
    assert mixer is not None
    from montage.sound.mixer import DUCK, _ducking

    halfway = round(20.0 * RATE)
    gains = _ducking([(halfway, halfway + RATE // 4)], halfway - RATE, 2 * RATE)
    assert dbfs(float(np.min(gains))) == pytest.approx(dbfs(DUCK))
    assert -8.0 <= dbfs(DUCK) <= -6.0
    assert gains[0] == 1.0 and gains[-1] == 1.0
    assert starts(player, "halfway")[0] == pytest.approx(20.0, abs=0.002)


def jumps(samples: np.ndarray, around: float, width: float = 0.06) -> float:
    piece = samples[round((around - width) * RATE) : round((around + width) * RATE)]
    return float(np.max(np.abs(np.diff(piece))))


@pytest.mark.parametrize("command", ["skip", "pause", "stop"])
def test_a_command_fades_the_beat_out_without_a_click(command: str) -> None:
    commands = {12.0: command, 13.0: "resume"} if command == "pause" else {12.0: command}
    samples, _ = session(commands=commands, speech=None)
    music = jumps(samples, 10.0, 0.5)
    stop = jumps(samples, 12.03, 0.03)
    assert stop <= music  # the stop is no steeper than the music itself
    after = samples[round(12.05 * RATE) : round(12.2 * RATE)]
    if command != "skip":
        cue = read_wav(shipped_sounds_dir() / ("pause.wav" if command == "pause" else "go.wav"))
        assert cue.seconds > 0
    assert len(after) > 0


def test_a_command_is_heard_within_30_ms() -> None:
    _, player = session(commands={12.0: "pause", 14.0: "resume"}, speech=None)
    (paused,) = starts(player, "pause")
    (resumed,) = starts(player, "resume")
    assert 12.0 <= paused <= 12.03 and 14.0 <= resumed <= 14.03


def test_the_beat_runs_unbroken_through_a_work_step_on_its_grid() -> None:
    samples, player = session(speech=None)
    beat = starts(player, "beat")
    assert beat[0] == pytest.approx(5.0, abs=1e-6)
    assert len(beat) == 2  # one span per work step, never restarted
    # the beat drops out for the last 3 s of the step, leaving the ticks alone
    between = samples[round(32.3 * RATE) : round(32.9 * RATE)]
    assert np.max(np.abs(between)) < 1e-3


def test_the_voice_never_sounds_over_a_tick() -> None:
    workout = WORKOUT.replace("rest: 12", "rest: 5")
    _, player = session(workout=workout)
    ticks = starts(player, "tick")
    for name, _, at in player.played:
        if name.startswith("voice:"):
            length = read_wav(shipped_sounds_dir() / "finish.wav").seconds
            assert all(at + length <= tick - 0.2 or at >= tick + 0.3 for tick in ticks), name
