"""One real-time session through a real backend, for the sound benchmarks (run as a script).

Arguments: the backend, the volume, the workout file, the seconds to run for (0: to the
end), ``--beat`` or ``--no-beat``, ``--voice`` for espeak-ng's voice, and ``--pause`` to
pause as soon as the session starts (so its first sound is due at once). Prints JSON: when
the session started, how long the score and voice took to be ready, the CPU seconds the
process spent while the session ran, what was played and what was handed to the device.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from montage.paths import shipped_sounds_dir
from montage.session.engine import Engine
from montage.sound.backends import open_backend
from montage.sound.bank import load_bank
from montage.sound.player import Player
from montage.sound.voice import phrases, render_phrases, voice_program
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    kind, volume, workout, seconds = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
    timeline = compile_workout(parse_workout(Path(workout).read_text(encoding="utf-8")))
    wall = time.time_ns() - time.monotonic_ns()
    started = time.monotonic()
    backend, notice = open_backend(False, kind)
    assert notice is None, notice
    program = voice_program() if "--voice" in sys.argv else None
    player = Player(
        backend,
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        time.monotonic,
        volume=volume,
        beat="--no-beat" not in sys.argv,
        speech=None if program is None else lambda: render_phrases(phrases(timeline), program),
    )
    player.start()
    engine = Engine(timeline, time.monotonic)
    for event in engine.start():
        player(event)
    if "--pause" in sys.argv:
        for event in engine.pause():
            player(event)
    assert player.wait_ready(30.0)
    ready = time.monotonic() - started
    time.sleep(0.3)  # the first buffers on their way
    until = None if float(seconds) <= 0 else time.monotonic() + float(seconds)
    spent = cpu()
    begun = time.monotonic()
    while engine.state != "finished" and (until is None or time.monotonic() < until):
        deadline = engine.next_deadline()
        if deadline is None:
            break
        time.sleep(max(0.0, min(deadline, until or deadline) - time.monotonic()))
        for event in engine.poll():
            player(event)
    spent, ran = cpu() - spent, time.monotonic() - begun
    player.close(ring_out=3.0 if engine.state == "finished" else 0.0)
    print(
        json.dumps(
            {
                "started_ns": round(started * 1e9) + wall,
                "ready_seconds": ready,
                "cpu_seconds": spent,
                "seconds": ran,
                "played": [
                    [name, round(due * 1e9) + wall, round(at * 1e9) + wall]
                    for name, due, at in player.played
                ],
                "sent": [
                    [round(start * 1e9) + wall, [[n, round(o * 1e9) + wall] for n, o in parts]]
                    for start, _, parts in player.sent()
                ],
            }
        )
    )


if __name__ == "__main__":
    main()
