"""Run a short real-time session through a real backend and print what the player played.

Used by test_sound_alsa.py in a subprocess, with ALSA pointed at its file plugin.
Arguments: the backend (``simpleaudio`` or ``alsa``), the volume, and ``--voice`` for a
stand-in voice on every line. Prints JSON: each sound heard, its name and the wall-clock
nanosecond it was due and started.
"""

from __future__ import annotations

import json
import sys
import time

from montage.paths import shipped_sounds_dir
from montage.session.engine import Engine
from montage.sound.backends import open_backend
from montage.sound.bank import Sound, load_bank, read_wav
from montage.sound.player import Player
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

WORKOUT = """
name: Alsa Check
bpm: 150
prepare: 4s
steps:
  - exercise: Log carry
    time: 8s
  - rest: 4s
  - exercise: Press
    time: 6s
"""


def voice() -> tuple[dict[str, Sound], list[str]]:
    loud = read_wav(shipped_sounds_dir() / "finish.wav")
    return {key: loud for key in ("go", "rest", "next:1", "next:3")}, []


def main() -> None:
    kind, volume = sys.argv[1], float(sys.argv[2])
    timeline = compile_workout(parse_workout(WORKOUT))
    backend, notice = open_backend(False, kind)
    assert notice is None, notice
    player = Player(
        backend,
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        time.monotonic,
        volume=volume,
        speech=voice if "--voice" in sys.argv else None,
    )
    player.start()
    assert player.wait_ready(20.0)
    engine = Engine(timeline, time.monotonic)
    wall_offset = time.time_ns() - time.monotonic_ns()
    for event in engine.start():
        player(event)
    while engine.state != "finished":
        deadline = engine.next_deadline()
        assert deadline is not None
        time.sleep(max(0.0, deadline - time.monotonic()))
        for event in engine.poll():
            player(event)
    player.close(ring_out=3.0)
    played = [
        {
            "name": name,
            "due_ns": round(due * 1e9) + wall_offset,
            "at_ns": round(at * 1e9) + wall_offset,
        }
        for name, due, at in player.played
    ]
    print(json.dumps(played))


if __name__ == "__main__":
    main()
