"""Run a short real-time session through a real backend and print what the player did.

Used by test_sound_alsa.py in a subprocess, with ALSA pointed at its file plugin.
Arguments: the backend (``simpleaudio`` or ``alsa``), the volume, and ``--voice`` for a
stand-in voice on every line. On the way it pauses and resumes in the score, says done to a
rep step, and skips the last step.
Prints JSON with wall-clock nanoseconds: each sound heard (due and started), each buffer
handed to the device (its first sample's moment and when it went), each step's start and
each command.
"""

from __future__ import annotations

import json
import sys
import time

from montage.paths import shipped_sounds_dir
from montage.session.engine import Engine
from montage.session.events import Event, StepStarted
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
    time: 14s
  - exercise: Press
    reps: 10
  - rest: 4s
  - exercise: Chop
    time: 8s
"""

COMMANDS = {5.3: "pause", 6.8: "resume", 21.6: "done", 28.7: "skip"}
"""Seconds after the start, and the command given then."""

VOICE = "last-round.wav"
"""A loud stand-in for espeak-ng, said for every line."""


def voice() -> tuple[dict[str, Sound], list[str]]:
    loud = read_wav(shipped_sounds_dir() / VOICE)
    keys = ("go", "rest", "next:1", "next:2", "next:4", "name:1", "name:2", "name:4")
    return {key: loud for key in keys}, []


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
    wall = time.time_ns() - time.monotonic_ns()
    steps: list[dict[str, object]] = []
    given: list[dict[str, object]] = []

    def tell(events: list[Event]) -> None:
        for event in events:
            if isinstance(event, StepStarted):
                steps.append({"kind": event.step.kind, "at_ns": round(event.at * 1e9) + wall})
            player(event)

    begun = time.monotonic()
    tell(engine.start())
    pending = sorted(COMMANDS.items())
    while engine.state != "finished":
        deadline = engine.next_deadline()
        command = begun + pending[0][0] if pending else None
        moments = [m for m in (deadline, command) if m is not None]
        time.sleep(max(0.0, min(moments) - time.monotonic()))
        if (
            command is not None
            and time.monotonic() >= command
            and (deadline is None or command <= deadline)
        ):
            name = pending.pop(0)[1]
            given.append({"name": name, "at_ns": round(time.monotonic() * 1e9) + wall})
            tell(getattr(engine, name)())
        else:
            tell(engine.poll())
    player.close(ring_out=3.0)
    print(
        json.dumps(
            {
                "played": [
                    {
                        "name": name,
                        "due_ns": round(due * 1e9) + wall,
                        "at_ns": round(at * 1e9) + wall,
                    }
                    for name, due, at in player.played
                ],
                "sent": [
                    {
                        "start_ns": round(start * 1e9) + wall,
                        "at_ns": round(at * 1e9) + wall,
                        "parts": [[name, round(onset * 1e9) + wall] for name, onset in parts],
                    }
                    for start, at, parts in player.sent()
                ],
                "steps": steps,
                "commands": given,
                "bar_ns": 4 * 60 / 150 * 1e9,
                "voice_seconds": read_wav(shipped_sounds_dir() / VOICE).seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
