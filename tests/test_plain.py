"""The plain runner on a fake clock: what it prints, and the line commands."""

from __future__ import annotations

import io

from fakes import FakeClock, ScriptedInput
from montage.plain import PlainSession
from montage.session.engine import Engine
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

WORKOUT = """
name: Barn Taster
prepare: 3s
steps:
  - exercise: Log carry
    time: 20s
    cue: Sandbag on the shoulder.
    load: 20 kg
  - repeat: 2
    name: Press
    rest_between: 5s
    steps:
      - exercise: Wagon press
        reps: 10
        time: 30s
  - amrap: 10s
    steps:
      - exercise: Chop
        reps: 5
"""


def run(script: list[tuple[float, str]]) -> list[str]:
    clock = FakeClock(start=0.0)
    engine = Engine(compile_workout(parse_workout(WORKOUT)), clock)
    out = io.StringIO()
    PlainSession(engine, out, clock, ScriptedInput(clock, script), clock.advance).run()
    return out.getvalue().splitlines()


def test_one_line_per_event_with_the_session_time() -> None:
    lines = run([(30.0, ""), (70.0, ""), (90.0, "")])
    assert lines[0] == "MONTAGE > Barn Taster - 1m38s - 6 steps"
    assert lines[2] == "[ 0:00] PREPARE  Get ready - 3s - next: Log carry"
    assert lines[3:5] == ["[ 0:01] 2", "[ 0:02] 1"]  # a 3 s prepare has no "3"
    assert "[ 0:03] WORK  Log carry - 20s - 20 kg" in lines
    assert "          Sandbag on the shoulder." in lines
    assert "[ 0:13] halfway" in lines
    assert "[ 0:23] WORK  Wagon press - 10 reps, cap 0:30 - Press 1/2 - press Enter when done" in (
        lines
    )
    assert "[ 0:30] done: Wagon press in 0:07" in lines
    assert "[ 0:30] REST  Rest - 5s - Press 1/2 - next: Wagon press" in lines
    assert "[ 1:05] time cap: Wagon press at 0:30" in lines
    assert "[ 1:05]   - Chop x5" in lines
    assert "[ 1:10]   round 1 done" in lines
    assert lines[-2] == "[ 1:15] AMRAP: 1 round"
    assert lines[-1] == "[ 1:15] FINISHED - 1:15 of work and rest - 6 steps done"


def test_letters_pause_skip_go_back_and_stop() -> None:
    lines = run([(5.0, "p"), (65.0, "p"), (66.0, "n"), (67.0, "b"), (68.0, "x"), (69.0, "q")])
    assert "[ 0:05] PAUSED - p and Enter to resume" in lines
    assert "[ 0:05] resumed" in lines  # the pause took no session time
    assert "[ 0:06] skipped: Log carry" in lines
    assert lines.count("[ 0:07] WORK  Log carry - 20s - 20 kg") == 1
    assert any(line.startswith("Enter: done") for line in lines[2:])  # "x" shows the keys
    # back replaced the skipped result of the log carry with the one stopped by q
    assert lines[-1] == "[ 0:09] STOPPED - 0:05 of work and rest - 1 step done"
