"""Sessions recorded through the engine on a fake clock: synchronously, on a writer thread,
and from the plain runner, with what the user types in."""

from __future__ import annotations

import io
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from fakes import FakeClock, ScriptedInput, run_to_end, run_until
from montage.log.opening import open_store
from montage.log.recorder import Recorder, RecorderThread
from montage.log.store import Store
from montage.plain import COUNT_HELP, PlainSession
from montage.session.engine import Engine
from montage.session.events import Event
from montage.session.timeline import Timeline
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

ZONE = timezone(timedelta(hours=1))
MORNING = datetime(2024, 3, 4, 7, 0, tzinfo=ZONE)

WORKOUT = """
name: Barn Taster
prepare: 5s
steps:
  - exercise: Log carry
    time: 20s
    load: 20 kg sandbag
    distance: 30 m
  - exercise: Wagon press
    reps: 10
    time: 30s
  - exercise: Chin-up
    reps: 8
  - amrap: 10s
    steps:
      - exercise: Burpee
        time: 3s
cooldown: 5s
"""


def timeline(text: str = WORKOUT) -> Timeline:
    return compile_workout(parse_workout(text))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "montage.db") as opened:
        yield opened


def steps(store: Store, columns: str) -> list[tuple[object, ...]]:
    return store.connection.execute(f"SELECT {columns} FROM steps ORDER BY position").fetchall()


def session(store: Store, columns: str) -> tuple[object, ...]:
    rows = store.connection.execute(f"SELECT {columns} FROM sessions").fetchall()
    assert len(rows) == 1
    return tuple(rows[0])


def done_after(seconds: float):  # type: ignore[no-untyped-def]
    def when_waiting(engine: Engine, clock: FakeClock) -> list[Event]:
        clock.advance(seconds)
        return engine.done()

    return when_waiting


def test_every_step_is_recorded_with_its_times_reps_and_outcome(store: Store) -> None:
    clock = FakeClock(start=500.0)
    engine = Engine(timeline(), clock)
    recorder = Recorder(store, engine.timeline, "barn.yaml", now=lambda: MORNING)
    events = engine.start()
    events += run_until(engine, clock, 500.0 + 25 + 30)  # the press runs into its cap
    events += run_to_end(engine, clock, done_after(4.0))
    for event in events:
        recorder(event)

    assert steps(store, "position, kind, name, mode, outcome") == [
        (0, "prepare", "Get ready", "timed", "completed"),
        (1, "work", "Log carry", "timed", "completed"),
        (2, "work", "Wagon press", "reps", "capped"),
        (3, "work", "Chin-up", "reps", "done"),
        (4, "work", "AMRAP", "amrap", "completed"),
        (5, "cooldown", "Cool down", "timed", "completed"),
    ]
    assert steps(store, "planned_seconds, actual_seconds, reps, rounds, load_kg, distance_m") == [
        (5.0, 5.0, None, None, None, None),
        (20.0, 20.0, None, None, 20.0, 30.0),
        (30.0, 30.0, None, None, None, None),  # capped: the reps done are not known
        (None, 4.0, 8, None, None, None),
        (10.0, 10.0, None, 3, None, None),
        (5.0, 5.0, None, None, None, None),
    ]
    assert [str(row[0])[11:] for row in steps(store, "ended_at")] == [
        "07:00:05+01:00",
        "07:00:25+01:00",
        "07:00:55+01:00",
        "07:00:59+01:00",
        "07:01:09+01:00",
        "07:01:14+01:00",
    ]
    assert session(store, "workout, source, started_at, ended_at, status") == (
        "Barn Taster",
        "barn.yaml",
        "2024-03-04T07:00:00+01:00",
        "2024-03-04T07:01:14+01:00",
        "completed",
    )
    totals = session(store, "steps_total, steps_completed, active_seconds, planned_seconds")
    assert totals == (6, 6, 74.0, 70.0)
    moves = store.connection.execute("SELECT position, number, kind, name, seconds FROM moves")
    assert moves.fetchall() == [(4, 0, "work", "Burpee", 3.0)]  # what the AMRAP's rounds held


def test_a_running_session_shows_how_far_it_has_got(store: Store) -> None:
    clock = FakeClock(start=500.0)
    engine = Engine(timeline(), clock)
    recorder = Recorder(store, engine.timeline, "barn.yaml", now=lambda: MORNING)
    for event in engine.start() + run_until(engine, clock, 500.0 + 26):
        recorder(event)
    fields = "status, steps_completed, active_seconds"
    assert session(store, fields) == ("running", 2, 25.0)  # prepare and the carry are kept


def test_back_replaces_a_step_and_stop_ends_the_session(store: Store) -> None:
    clock = FakeClock()
    engine = Engine(timeline(), clock)
    recorder = Recorder(store, engine.timeline, now=lambda: MORNING)
    for event in engine.start() + run_until(engine, clock, clock.now + 8.0):
        recorder(event)
    clock.advance(1.0)
    for command in (engine.skip, engine.back):  # skip the carry, then redo it
        for event in command():
            recorder(event)
    for event in run_until(engine, clock, clock.now + 20.0):  # the carry runs out this time
        recorder(event)
    clock.advance(2.0)
    for event in engine.stop():
        recorder(event)

    assert steps(store, "position, outcome, actual_seconds") == [
        (0, "completed", 5.0),
        (1, "completed", 20.0),
        (2, "stopped", 2.0),
    ]
    assert session(store, "status, steps_completed, active_seconds") == ("stopped", 2, 27.0)


def test_a_failed_write_is_told_once_and_the_session_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    store = open_store(path, busy_timeout=0.05)
    notices: list[str] = []
    clock = FakeClock()
    engine = Engine(timeline(), clock)
    recorder = Recorder(store, engine.timeline, notify=notices.append, now=lambda: MORNING)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the log
    for event in engine.start() + run_until(engine, clock, clock.now + 25.0):
        recorder(event)
    assert len(notices) == 1
    assert "locked" in notices[0] and "the session goes on" in notices[0]
    blocker.execute("COMMIT")
    for event in run_to_end(engine, clock, done_after(3.0)):
        recorder(event)

    assert len(notices) == 1
    # the session was written at the first write that worked, with its real start
    assert session(store, "started_at, status") == ("2024-03-04T07:00:00+01:00", "completed")
    assert [row[0] for row in steps(store, "position")] == [2, 3, 4, 5]
    # and it says it is not fully kept, and why
    assert session(store, "not_kept") == ("the progress log is locked by another program",)
    store.close()
    blocker.close()


def test_the_writer_thread_never_holds_up_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    store = open_store(path)
    writers: set[str] = set()
    record_step = store.record_step

    def spy(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        writers.add(threading.current_thread().name)
        record_step(*args, **kwargs)

    store.record_step = spy  # type: ignore[method-assign]
    clock = FakeClock()
    engine = Engine(timeline(), clock)
    writer = RecorderThread(Recorder(store, engine.timeline, now=lambda: MORNING))
    writer.start()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    began = time.perf_counter()
    for event in engine.start() + run_to_end(engine, clock, done_after(5.0)):
        writer(event)
    writer.enter_count(engine.timeline.steps[4], 5)  # the AMRAP's rounds
    assert time.perf_counter() - began < 0.2  # queued, while the log is locked
    assert not writer.flush(timeout=0.2)
    blocker.execute("COMMIT")
    assert writer.flush(timeout=5.0)
    assert writers == {"montage-log"}
    assert steps(store, "position, rounds, entered")[4] == (4, 5, 1)
    assert session(store, "status") == ("completed",)
    assert writer.close()
    store.close()
    blocker.close()


def test_a_bug_on_the_writer_thread_is_told_and_the_thread_goes_on(store: Store) -> None:
    notices: list[str] = []

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    store.record_step = broken  # type: ignore[assignment,method-assign]
    clock = FakeClock()
    engine = Engine(timeline(), clock)
    writer = RecorderThread(Recorder(store, engine.timeline, notify=notices.append))
    writer.start()
    for event in engine.start() + run_to_end(engine, clock, done_after(5.0)):
        writer(event)
    assert writer.close()
    assert notices == [
        "the progress log failed: RuntimeError('boom'); the session goes on, but is not fully"
        " logged"
    ]
    assert session(store, "status") == ("completed",)


PLAIN = """
name: Press Day
prepare: 2s
steps:
  - exercise: Wagon press
    reps: 10
  - rest: 10s
  - exercise: Push-up
    time: 20s
    log_reps: true
  - amrap: 10s
    log_reps: true
    steps:
      - exercise: Chop
        reps: 5
  - exercise: Sit-up
    reps: 20
cooldown: 10s
"""


def test_the_plain_runner_keeps_what_is_typed_in(store: Store) -> None:
    clock = FakeClock(start=0.0)
    engine = Engine(timeline(PLAIN), clock)
    recorder = Recorder(store, engine.timeline, now=lambda: MORNING)
    script = [
        (5.0, ""),  # the press is done
        (7.0, "9 @ 24 kg"),  # ... with 9 reps, in the rest
        (40.0, "31"),  # push-ups, asked for
        (45.0, "x2"),  # not a number: the keys are shown
        (47.0, "4"),  # AMRAP rounds, as the sit-ups run
        (55.0, ""),
        (58.0, "17"),  # sit-ups
    ]
    out = io.StringIO()
    waiter = ScriptedInput(clock, script)
    PlainSession(
        engine, out, clock, waiter, clock.advance, [recorder], keep_count=recorder.enter_count
    ).run()
    lines = out.getvalue().splitlines()

    assert "[ 0:07] logged: Wagon press - 9 reps @ 24 kg" in lines
    asked = [line for line in lines if "how many" in line]
    assert asked == [
        "[ 0:35] how many reps? type the number and Enter (12, or 12 @ 20kg), or carry on",
        "[ 0:45] how many rounds? type the number and Enter (5, or 5 @ 20kg), or carry on",
    ]
    assert "[ 0:40] logged: Push-up - 31 reps" in lines
    assert "[ 0:47] logged: AMRAP - 4 rounds" in lines
    assert "[ 0:58] logged: Sit-up - 17 reps" in lines
    assert steps(store, "name, outcome, reps, rounds, load, load_kg, entered") == [
        ("Get ready", "completed", None, None, None, None, 0),
        ("Wagon press", "done", 9, None, "24 kg", 24.0, 1),
        ("Rest", "completed", None, None, None, None, 0),
        ("Push-up", "completed", 31, None, None, None, 1),
        ("AMRAP", "completed", None, 4, None, None, 1),
        ("Sit-up", "done", 17, None, None, None, 1),
        ("Cool down", "completed", None, None, None, None, 0),
    ]


def test_a_number_with_nothing_to_log_says_so() -> None:
    clock = FakeClock(start=0.0)
    engine = Engine(timeline(PLAIN), clock)
    out = io.StringIO()
    waiter = ScriptedInput(clock, [(1.0, "12"), (3.0, "12"), (4.0, ""), (5.0, "12 @"), (6.0, "9")])
    PlainSession(engine, out, clock, waiter, clock.advance).run()
    lines = out.getvalue().splitlines()
    nothing = "note: no step to log a number for: type it after a rep step or an AMRAP ends"
    assert lines.count(nothing) == 2  # in the prepare, and while the press runs
    assert "[ 0:04] done: Wagon press in 0:02" in lines
    assert f"note: {COUNT_HELP}" in lines
    assert "note: the progress log is off for this session; the number is not kept" in lines


def test_log_reps_follows_the_workout_unless_a_step_says_otherwise() -> None:
    text = """
name: Asks
log_reps: true
steps:
  - exercise: Push-up
    time: 20s
  - exercise: Carry
    time: 20s
    log_reps: false
  - rest: 10s
  - amrap: 1m
    steps:
      - exercise: Chop
        reps: 5
"""
    compiled = timeline(text)
    assert [step.log_reps for step in compiled.steps] == [False, True, False, False, True]
    assert Timeline.from_data(compiled.to_data()) == compiled
    assert [step.to_json().get("log_reps") for step in compiled.steps] == [
        None,
        True,
        None,
        None,
        True,
    ]
    assert "log_reps" not in timeline().to_data()["steps"][1]  # kept only when asked for
