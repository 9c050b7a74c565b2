"""Run a short real-time session through simpleaudio and print what the player played.

Used by test_sound_alsa.py in a subprocess, with ALSA pointed at its file plugin.
Prints JSON: each sound played, its name and the wall-clock nanosecond it was due.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from montage.audio import SimpleaudioBackend
from montage.compiler import compile_workout
from montage.engine import Engine
from montage.loader import parse_workout
from montage.paths import shipped_sounds_dir
from montage.player import Player
from montage.sound_bank import load_bank

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


def main() -> None:
    timeline = compile_workout(parse_workout(WORKOUT))
    player = Player(
        SimpleaudioBackend(),
        lambda: load_bank(
            timeline, shipped_sounds_dir(), Path(sys.argv[1]) if len(sys.argv) > 1 else None
        ),
        timeline,
        time.monotonic,
        volume=1.0,
    )
    player.start()
    assert player.wait_idle(5.0)
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
            "played_ns": round(at * 1e9) + wall_offset,
        }
        for name, due, at in player.played
    ]
    print(json.dumps(played))


if __name__ == "__main__":
    main()
