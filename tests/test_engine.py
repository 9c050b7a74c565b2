"""The engine on a fake clock: exact deadlines, commands, and the events they cause."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import pytest

from fakes import FakeClock, run_to_end, run_until
from montage.session.engine import Engine
from montage.session.events import (
    Countdown,
    Event,
    Halfway,
    MoveStarted,
    Paused,
    Resumed,
    RoundFinished,
    SessionFinished,
    SessionStarted,
    StepFinished,
    StepStarted,
)
from montage.session.timeline import Timeline
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

E = TypeVar("E", bound=Event)


def timeline(text: str) -> Timeline:
    return compile_workout(parse_workout(text))


def started(text: str) -> tuple[Engine, FakeClock, list[Event]]:
    clock = FakeClock()
    engine = Engine(timeline(text), clock)
    return engine, clock, engine.start()


def of_type(events: Sequence[Event], kind: type[E]) -> list[E]:
    return [event for event in events if isinstance(event, kind)]


def starts(events: list[Event]) -> list[tuple[float, str]]:
    return [(event.at - 1000.0, event.step.name) for event in of_type(events, StepStarted)]


SIMPLE = """
name: Simple
prepare: 5s
steps:
  - exercise: Log carry
    time: 30s
  - rest: 10s
  - exercise: Sled pull
    time: 40s
"""


def test_steps_start_exactly_at_their_deadlines() -> None:
    engine, clock, first = started(SIMPLE)
    events = first + run_to_end(engine, clock)
    assert starts(events) == [(0, "Get ready"), (5, "Log carry"), (35, "Rest"), (45, "Sled pull")]
    finished = of_type(events, SessionFinished)
    assert len(finished) == 1
    assert finished[0].at == 1085.0
    assert finished[0].status == "completed"
    assert [r.seconds for r in finished[0].results] == [5, 30, 10, 40]
    assert all(r.outcome == "completed" for r in finished[0].results)


def test_a_late_poll_still_reports_each_event_at_its_due_moment() -> None:
    engine, clock, _ = started(SIMPLE)
    clock.now = 1000.0 + 47.3  # the driver woke up very late
    events = engine.poll()
    assert starts(events) == [(5, "Log carry"), (35, "Rest"), (45, "Sled pull")]
    assert engine.snapshot().step_elapsed == pytest.approx(2.3)


def test_countdown_fires_three_two_one_before_the_end_and_halfway_at_half() -> None:
    engine, clock, _ = started(SIMPLE)
    events = run_until(engine, clock, 1035.0)
    log_carry = [
        e for e in events if isinstance(e, Countdown | Halfway) and e.step.name == "Log carry"
    ]
    ticks = [(e.at - 1000.0, e.seconds_left) for e in of_type(log_carry, Countdown)]
    assert ticks == [(32, 3), (33, 2), (34, 1)]
    assert [e.at - 1000.0 for e in of_type(log_carry, Halfway)] == [20.0]


def test_no_halfway_below_twenty_seconds_and_no_countdown_before_the_start() -> None:
    engine, clock, _ = started("name: S\nprepare: 2\nsteps: [{rest: 19}]\n")
    events = run_to_end(engine, clock)
    assert not of_type(events, Halfway)
    prepare_ticks = [e.seconds_left for e in of_type(events, Countdown) if e.step.index == 0]
    assert prepare_ticks == [1]


def test_pause_freezes_the_remaining_time_exactly_and_resume_continues_from_it() -> None:
    engine, clock, _ = started(SIMPLE)
    run_until(engine, clock, 1012.25)  # 7.25 s into the 30 s log carry
    assert engine.pause() == [Paused(1012.25)]
    before = engine.snapshot()
    clock.advance(600.0)
    assert engine.next_deadline() is None
    assert engine.poll() == []
    assert engine.snapshot().step_remaining == before.step_remaining == pytest.approx(22.75)
    assert engine.resume() == [Resumed(1612.25)]
    assert engine.next_deadline() == pytest.approx(1612.25 + 7.75)  # halfway, at 15 s active
    events = run_to_end(engine, clock)
    first_at, first_name = starts(events)[0]
    assert first_at == pytest.approx(612.25 + 22.75)
    assert first_name == "Rest"
    results = of_type(events, SessionFinished)[0].results
    assert results[1].seconds == 30
    assert engine.snapshot().session_elapsed == pytest.approx(85.0)


def test_skip_ends_the_step_now_and_back_restarts_the_previous_one() -> None:
    engine, clock, _ = started(SIMPLE)
    run_until(engine, clock, 1010.0)
    skipped = engine.skip()
    assert of_type(skipped, StepFinished)[0].result.outcome == "skipped"
    assert of_type(skipped, StepFinished)[0].result.seconds == pytest.approx(5.0)
    assert starts(skipped) == [(10, "Rest")]
    clock.advance(2.0)
    back = engine.back()
    assert of_type(back, StepFinished) == []
    assert starts(back) == [(12, "Log carry")]
    assert engine.snapshot().step_remaining == 30
    events = run_to_end(engine, clock)
    assert starts(events) == [(42, "Rest"), (52, "Sled pull")]
    results = of_type(events, SessionFinished)[0].results
    assert [r.step.name for r in results] == ["Get ready", "Log carry", "Rest", "Sled pull"]
    assert results[1].outcome == "completed"


def test_back_at_the_first_step_restarts_it() -> None:
    engine, clock, _ = started(SIMPLE)
    clock.advance(3.0)
    assert starts(engine.back()) == [(3, "Get ready")]
    assert engine.next_deadline() == 1003.0 + 2  # the tick at 3 s left of 5 s


def test_skip_while_paused_shows_the_next_step_still_paused() -> None:
    engine, clock, _ = started(SIMPLE)
    clock.advance(2.0)
    engine.pause()
    clock.advance(10.0)
    assert starts(engine.skip()) == [(2, "Log carry")]
    assert engine.state == "paused"
    clock.advance(5.0)
    engine.resume()
    assert engine.snapshot().step_remaining == 30


REPS = """
name: Reps
prepare: 5s
steps:
  - exercise: Wagon press
    reps: 12
  - exercise: Chin-up
    reps: 5
    time: 20s
  - rest: 10s
"""


def test_done_ends_a_rep_step_and_records_how_long_it_took() -> None:
    engine, clock, _ = started(REPS)
    run_until(engine, clock, 1005.0)
    assert engine.next_deadline() is None  # the uncapped rep step waits for done
    clock.advance(41.5)
    events = engine.done()
    result = of_type(events, StepFinished)[0].result
    assert (result.step.name, result.outcome, result.seconds) == ("Wagon press", "done", 41.5)
    assert starts(events) == [(46.5, "Chin-up")]


def test_done_leaves_a_timed_step_alone() -> None:
    engine, clock, _ = started(SIMPLE)
    clock.advance(1.0)
    assert engine.done() == []
    assert engine.index == 0


def test_a_capped_rep_step_ends_at_its_cap() -> None:
    engine, clock, _ = started(REPS)
    run_until(engine, clock, 1005.0)
    clock.advance(10.0)
    engine.done()
    events = run_to_end(engine, clock)
    capped = of_type(events, StepFinished)[0].result
    assert (capped.step.name, capped.outcome, capped.seconds) == ("Chin-up", "capped", 20)
    assert [e.seconds_left for e in of_type(events, Countdown) if e.step.name == "Chin-up"] == [
        3,
        2,
        1,
    ]
    assert starts(events)[0] == (35, "Rest")


AMRAP = """
name: Amrap
prepare: 5s
steps:
  - amrap: 2m
    steps:
      - exercise: Wood chop
        reps: 10
      - exercise: Plank
        time: 10s
  - rest: 30s
"""


def test_amrap_loops_its_moves_and_counts_finished_rounds() -> None:
    engine, clock, _ = started(AMRAP)
    run_until(engine, clock, 1005.0)
    rounds: list[int] = []
    for _ in range(3):
        clock.advance(20.0)
        engine.done()  # wood chop done; the plank runs 10 s by itself
        events = run_until(engine, clock, clock.now + 10.0)
        rounds += [e.rounds for e in of_type(events, RoundFinished)]
    assert rounds == [1, 2, 3]
    assert engine.snapshot().rounds == 3
    move = engine.snapshot().move
    assert move is not None
    assert move.name == "Wood chop"
    events = run_until(engine, clock, 1125.0)
    result = of_type(events, StepFinished)[0].result
    assert (result.outcome, result.seconds, result.rounds, result.ended_at) == (
        "completed",
        120,
        3,
        1125.0,
    )


EMOM = """
name: Emom
prepare: 5s
steps:
  - emom: 3
    every: 1m
    steps:
      - exercise: Chin-up
        reps: 5
      - exercise: Hold
        time: 10s
"""


def test_emom_turns_what_is_left_of_each_interval_into_rest() -> None:
    engine, clock, _ = started(EMOM)
    run_until(engine, clock, 1005.0)
    clock.advance(18.0)
    engine.done()
    events = run_until(engine, clock, 1005.0 + 60.0)
    moves = [
        (e.at - 1000.0, e.move.name if e.move else "rest") for e in of_type(events, MoveStarted)
    ]
    assert moves[:2] == [(33, "rest"), (65, "Chin-up")]
    assert starts(events) == [(65, "EMOM")]
    first = of_type(events, StepFinished)[0].result
    assert (first.seconds, first.rounds) == (60, 1)
    snapshot = engine.snapshot()
    assert snapshot.move is not None and snapshot.move.name == "Chin-up"
    # an interval whose work is not finished still ends on the minute, with no round
    events = run_until(engine, clock, 1005.0 + 120.0)
    second = of_type(events, StepFinished)[0].result
    assert (second.ended_at, second.rounds) == (1125.0, 0)


def test_emom_done_after_the_work_does_nothing() -> None:
    engine, clock, _ = started(EMOM)
    run_until(engine, clock, 1005.0)
    engine.done()
    run_until(engine, clock, 1015.0)
    assert engine.snapshot().move is None  # resting out the interval
    assert engine.done() == []


def test_stop_ends_the_session_with_what_was_done() -> None:
    engine, clock, _ = started(SIMPLE)
    run_until(engine, clock, 1020.0)
    events = engine.stop()
    finished = of_type(events, SessionFinished)[0]
    assert finished.status == "stopped"
    assert [(r.step.name, r.outcome, r.seconds) for r in finished.results] == [
        ("Get ready", "completed", 5),
        ("Log carry", "stopped", 15.0),
    ]
    assert engine.state == "finished"
    assert engine.next_deadline() is None
    assert engine.skip() == engine.done() == engine.pause() == engine.stop() == []


def test_commands_before_start_do_nothing_and_start_is_once() -> None:
    clock = FakeClock()
    engine = Engine(timeline(SIMPLE), clock)
    assert engine.skip() == engine.pause() == engine.done() == engine.poll() == []
    first = engine.start()
    assert isinstance(first[0], SessionStarted)
    assert engine.start() == []


def test_a_three_hour_session_ends_exactly_on_time() -> None:
    text = """
name: Long haul
prepare: 10s
steps:
  - repeat: 180
    steps:
      - exercise: Chop
        time: 37s
      - rest: 13s
      - exercise: Carry
        time: 7s
      - rest: 3s
cooldown: 50s
"""
    clock = FakeClock(start=123456.789)
    plan = timeline(text)
    assert plan.total_seconds == 3 * 3600 + 60
    engine = Engine(plan, clock)
    events = engine.start() + run_to_end(engine, clock)
    finished = of_type(events, SessionFinished)[0]
    assert finished.at == pytest.approx(123456.789 + 10860, abs=1e-6)
    step_starts = [e.at for e in of_type(events, StepStarted)]
    planned = [123456.789]
    for step in plan.steps[:-1]:
        planned.append(planned[-1] + (step.seconds or 0))
    assert step_starts == pytest.approx(planned, abs=1e-6)


def test_snapshot_adds_up_the_session() -> None:
    engine, clock, _ = started(SIMPLE)
    run_until(engine, clock, 1017.0)
    snapshot = engine.snapshot()
    assert snapshot.step.name == "Log carry"
    assert snapshot.next_step is not None and snapshot.next_step.name == "Rest"
    assert snapshot.step_elapsed == pytest.approx(12.0)
    assert snapshot.session_elapsed == pytest.approx(17.0)
    assert snapshot.session_remaining == pytest.approx(18 + 10 + 40)
    assert snapshot.progress == pytest.approx(17 / 85)
