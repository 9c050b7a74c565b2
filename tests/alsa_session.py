"""Run a short real-time session through simpleaudio and print what the player played.

Used by test_sound_alsa.py in a subprocess, with ALSA pointed at its file plugin.
Prints JSON: each sound played, its name and the wall-clock nanosecond it was due.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from montage.paths import shipped_sounds_dir
from montage.session.engine import Engine
from montage.sound.backends import SimpleaudioBackend
from montage.sound.bank import load_bank
from montage.sound.player import Player
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

WORKOUT = """
name: Alsa Check
bpm: 150
prepare: 4s
steps:
  - exercise: Log carry
    time: 3s
  - repeat: 2
    rest_between: 2s
    steps:
      - exercise: Press
        time: 2s
"""


LONG_WORKOUT = """
name: Alsa Long
bpm: off
prepare: 1s
steps:
  - exercise: Sled pull
    time: 20s
  - repeat: 3
    steps:
      - exercise: Chop
        time: 1s
"""
"""A halfway, a pause and a resume, and a new round and the last round of a repeat."""

PAUSE_AT, RESUME_AT = 5.0, 5.6
"""Seconds into the long session at which it is paused and resumed."""


def main() -> None:
    long = "--long" in sys.argv
    folders = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    timeline = compile_workout(parse_workout(LONG_WORKOUT if long else WORKOUT))
    player = Player(
        SimpleaudioBackend(),
        lambda: load_bank(timeline, shipped_sounds_dir(), Path(folders[0]) if folders else None),
        timeline,
        time.monotonic,
        volume=1.0,
    )
    player.start()
    assert player.wait_idle(5.0)
    engine = Engine(timeline, time.monotonic)
    wall_offset = time.time_ns() - time.monotonic_ns()
    began = time.monotonic()
    commands = [(began + PAUSE_AT, engine.pause), (began + RESUME_AT, engine.resume)]
    if not long:
        commands = []
    for event in engine.start():
        player(event)
    while engine.state != "finished":
        deadline = engine.next_deadline()
        if commands and (deadline is None or commands[0][0] < deadline):
            moment, command = commands.pop(0)
            time.sleep(max(0.0, moment - time.monotonic()))
            events = command()
        else:
            assert deadline is not None
            time.sleep(max(0.0, deadline - time.monotonic()))
            events = engine.poll()
        for event in events:
            player(event)
    player.close(ring_out=3.0)
    played = [
        {
            "name": name,
            "due_ns": round(due * 1e9) + wall_offset,
            "played_ns": round(at * 1e9) + wall_offset,
        }
        for name, due, at in player.played
    ]
    print(json.dumps(played))


if __name__ == "__main__":
    main()
