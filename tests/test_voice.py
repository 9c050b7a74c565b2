"""The spoken coach: what it says, when, and nothing breaking without espeak-ng."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fakes import FakeClock
from harness import RecordingBackend
from montage.paths import shipped_sounds_dir
from montage.session.engine import Engine
from montage.sound.bank import load_bank
from montage.sound.lines import DROP_OUT, SAY_AFTER_CUE
from montage.sound.player import Player
from montage.sound.voice import phrases, render_phrases, voice_program
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

WORKOUT = """
name: Spoken
prepare: 10
steps:
  - exercise: Log carry
    time: 20
  - rest: 15
  - exercise: Wood chop
    reps: 10
cooldown: 5
"""

needs_espeak = pytest.mark.skipif(voice_program() is None, reason="espeak-ng is not installed")


def test_the_voice_says_go_rest_and_names_each_exercise_after_a_rest() -> None:
    timeline = compile_workout(parse_workout(WORKOUT))
    said = phrases(timeline)
    assert said["go"] == "Go!" and said["rest"] == "Rest."
    assert said["next:1"] == "Next: Log carry."
    assert said["next:3"] == "Next: Wood chop."
    assert said["name:3"] == "Wood chop."
    assert len(said) == 6


def test_a_voice_program_that_fails_gives_one_problem_and_no_sounds(tmp_path: Path) -> None:
    broken = tmp_path / "espeak-ng"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    sounds, problems = render_phrases({"go": "Go!", "rest": "Rest."}, str(broken))
    assert sounds == {}
    assert len(problems) == 1 and "voice could not say" in problems[0]


@needs_espeak
def test_spoken_phrases_play_after_the_cues_and_clear_of_the_countdown() -> None:
    timeline = compile_workout(parse_workout(WORKOUT))
    program = voice_program()
    assert program is not None
    clock = FakeClock(start=0.0)
    player = Player(
        RecordingBackend(),
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        clock,
        speech=lambda: render_phrases(phrases(timeline), program),
    )
    player.start()
    assert player.wait_ready()
    engine = Engine(timeline, clock)
    for event in engine.start():
        player(event)
    while engine.state != "finished":
        assert player.wait_idle()
        deadline = engine.next_deadline()
        if deadline is None:
            events = engine.done()
        else:
            clock.now = min(deadline, clock.now + 0.25)
            events = engine.poll()
        for event in events:
            player(event)
    clock.now += 2
    assert player.wait_idle()
    player.close()
    spoken: dict[str, float] = {}
    for name, _, at in player.played:
        if name.startswith("voice:"):
            spoken.setdefault(name, at)
    assert spoken["voice:go"] == pytest.approx(10 + SAY_AFTER_CUE)
    assert spoken["voice:rest"] == pytest.approx(30 + SAY_AFTER_CUE)
    assert spoken["voice:next:1"] < 10 - DROP_OUT
    assert 30 < spoken["voice:next:3"] < 45 - DROP_OUT


def test_without_espeak_the_plain_session_says_voice_is_off(tmp_path: Path) -> None:
    workout = tmp_path / "w.yaml"
    workout.write_text("name: Quiet\nprepare: 1\nsteps:\n  - exercise: Chop\n    time: 1\n")
    env = {**os.environ, "MONTAGE_HOME": str(tmp_path / "home"), "PATH": str(tmp_path)}
    env["ALSA_CONFIG_PATH"] = str(tmp_path / "no-such.conf")
    result = subprocess.run(
        [sys.executable, "-m", "montage", "run", str(workout), "--plain"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Voice off" in result.stdout and "FINISHED" in result.stdout


def test_the_voice_is_rendered_beside_the_session_and_speaks_once_ready() -> None:
    timeline = compile_workout(parse_workout(WORKOUT))
    spoken = load_bank(timeline, shipped_sounds_dir()).cues["halfway"]
    notices: list[str] = []
    clock = FakeClock(start=0.0)
    player = Player(
        RecordingBackend(),
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        clock,
        notify=notices.append,
        speech=lambda: ({"go": spoken}, ["the voice could not say 'Rest.' (OSError)"]),
    )
    player.start()
    assert player.wait_ready()
    assert notices == ["Voice: the voice could not say 'Rest.' (OSError)"]
    engine = Engine(timeline, clock)
    for event in engine.start():
        player(event)
    clock.now = 10.0
    for event in engine.poll():
        player(event)
    assert player.wait_idle()
    clock.now = 11.0
    assert player.wait_idle()
    player.close()
    said = [at for name, _, at in player.played if name == "voice:go"]
    assert said == [pytest.approx(10 + SAY_AFTER_CUE)]


@needs_espeak
def test_every_line_is_as_loud_as_the_cues_as_heard_and_deeper_than_espeaks_usual() -> None:
    from montage.sound.loudness import loudness
    from montage.sound.samples import Sounds
    from montage.sound.voice import PITCH

    timeline = compile_workout(parse_workout(WORKOUT))
    program = voice_program()
    assert program is not None
    lines, problems = render_phrases(phrases(timeline), program)
    assert not problems
    sounds = Sounds.of(load_bank(timeline, shipped_sounds_dir()))
    sounds.speak(lines)
    cues = [loudness(cue.samples) for cue in sounds.cues.values()]
    for key, line in sounds.voice.items():
        heard = loudness(line.samples)
        assert min(cues) - 2.0 <= heard <= max(cues) + 2.0, key
        assert abs(float(line.samples.mean())) < 1e-3  # no offset
    assert PITCH < 50  # espeak-ng's usual pitch is 50
