"""Racing Drago: the ghost read from the log, matched step by step, and the splits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from engines import Location
from fakes import FakeClock, ScriptedInput
from harness import DATA
from log_data import S, log_connection, new_log, record
from montage.durations import format_split
from montage.log.ghost import read_ghost
from montage.log.sql import Connection
from montage.plain import PlainSession
from montage.racing import race_lines
from montage.session.engine import Engine
from montage.session.ghost import (
    Ghost,
    GhostMatch,
    match_ghost,
    next_choice,
    race,
    split_at,
    splits,
)
from montage.session.timeline import Timeline
from montage.workout.catalogue import load_entry
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout


def barn() -> Timeline:
    timeline = load_entry(DATA / "barn-taster.yaml", "shipped").timeline
    assert timeline is not None
    return timeline


GHOST_SECONDS = (5, 40, 30, 20, 35, 120, 30)
"""Drago's Barn Taster: the presses in 30 s and 35 s, 4 AMRAP rounds; 280 s in all."""


def ghost_steps(timeline: Timeline, seconds: tuple[float, ...] = GHOST_SECONDS) -> list[S]:
    found = []
    for step, spent in zip(timeline.steps, seconds, strict=True):
        outcome = "done" if step.mode == "reps" else "completed"
        rounds = 4 if step.mode == "amrap" else None
        found.append(S(step.kind, step.name, step.mode, outcome, step.seconds, spent, None, rounds))
    return found


def ghost_log(conn: Connection, timeline: Timeline) -> None:
    """Drago's best (280 s) and a slower last session of the Barn Taster, in the log."""
    record(conn, "Barn Taster", "2024-03-04T07:00:00+01:00", ghost_steps(timeline), "completed")
    slower = (5, 40, 50, 20, 50, 120, 30)
    record(
        conn, "Barn Taster", "2024-03-06T07:00:00+01:00", ghost_steps(timeline, slower), "completed"
    )
    record(conn, "Barn Taster", "2024-03-07T07:00:00+01:00", ghost_steps(timeline)[:2], "stopped")


# ------------------------------------------------------------------ the log


def test_the_best_and_the_last_finished_session_are_read_with_their_steps(
    log_at: Location,
) -> None:
    timeline = barn()
    with log_connection(log_at) as conn:
        ghost_log(conn, timeline)
        best = read_ghost(conn, "Barn Taster", "best")
        last = read_ghost(conn, "barn taster", "last")
        assert best is not None and last is not None
        assert (best.session_id, best.choice, best.active_seconds) == (1, "best", 280)
        assert (last.session_id, last.active_seconds) == (2, 315)  # the stopped one is no finish
        assert [step.ended for step in best.steps] == [5, 45, 75, 95, 130, 250, 280]
        assert best.steps[5].rounds == 4
        assert best.started_at == "2024-03-04T07:00:00+01:00"
        assert read_ghost(conn, "Barn Taster", "none") is None
        assert read_ghost(conn, "Snow Run", "best") is None


def test_the_best_of_an_amrap_workout_is_the_one_with_most_rounds(log_at: Location) -> None:
    timeline = barn()
    fast = ghost_steps(timeline)
    more = [*fast[:5], S("work", "AMRAP", "amrap", "completed", 120, 120, None, 6), fast[6]]
    slow = [*ghost_steps(timeline, (5, 40, 59, 20, 59, 120, 30))[:5], *more[5:]]
    with log_connection(log_at) as conn:
        record(conn, "Barn Taster", "2024-03-04T07:00:00+01:00", fast, "completed")
        record(conn, "Barn Taster", "2024-03-05T07:00:00+01:00", slow, "completed")
        record(conn, "Barn Taster", "2024-03-06T07:00:00+01:00", more, "completed")
        ghost = read_ghost(conn, "Barn Taster", "best")
        assert ghost is not None and ghost.session_id == 3  # 6 rounds, faster than the other 6


def test_a_session_whose_times_are_no_numbers_is_not_raced(tmp_path: Path) -> None:
    timeline = barn()
    conn = new_log(tmp_path / "log.db")
    ghost_log(conn, timeline)
    conn.execute("UPDATE steps SET actual_seconds = 'fast' WHERE session_id = 1 AND position = 2")
    conn.execute("UPDATE sessions SET active_seconds = 'quick' WHERE id = 2")
    assert read_ghost(conn, "Barn Taster", "best") is None  # neither is read as a finish
    conn.execute("UPDATE steps SET actual_seconds = 30 WHERE session_id = 1")
    conn.execute("UPDATE steps SET rounds = 'lots' WHERE session_id = 1")
    ghost = read_ghost(conn, "Barn Taster", "best")
    assert ghost is not None and ghost.session_id == 1
    assert [step.rounds for step in ghost.steps] == [None] * 7
    conn.close()


def test_choices_cycle_best_last_none() -> None:
    assert [next_choice("best"), next_choice("last"), next_choice("none")] == [
        "last",
        "none",
        "best",
    ]


# ----------------------------------------------------------------- matching


def ghost_of(timeline: Timeline, seconds: tuple[float, ...] = GHOST_SECONDS) -> Ghost:
    rows = [
        (i, s.kind, s.name, s.mode, s.outcome, s.actual, s.rounds)
        for i, s in enumerate(ghost_steps(timeline, seconds))
    ]
    return Ghost.of("best", 1, "2024-03-04T07:00:00+01:00", rows)


def test_the_same_workout_matches_every_step() -> None:
    timeline = barn()
    match = match_ghost(timeline, ghost_of(timeline))
    assert len(match.pairs) == 7 and not match.changed and match.note() is None


CHANGED = """
name: Barn Taster
prepare: 5s
steps:
  - exercise: Log carry
    time: 40s
  - exercise: Sled pull
    time: 30s
  - repeat: 3
    name: Press
    rest_between: 20s
    steps:
      - exercise: Wagon press
        reps: 10
  - amrap: 2m
    steps:
      - exercise: Wood chop
        reps: 10
"""


def test_a_changed_workout_matches_the_steps_it_can_by_kind_name_and_place() -> None:
    changed = compile_workout(parse_workout(CHANGED))
    match = match_ghost(changed, ghost_of(barn()))
    names = {index: (step.name, step.position) for index, step in match.pairs.items()}
    # the sled pull is new; the first two presses and the first rest match his, in order;
    # the third press, the second rest and the cool down have no partner
    assert names == {
        0: ("Get ready", 0),
        1: ("Log carry", 1),
        3: ("Wagon press", 2),
        4: ("Rest", 3),
        5: ("Wagon press", 4),
        8: ("AMRAP", 5),
    }
    assert (match.unmatched, match.left_over, match.changed) == (3, 1, True)
    assert match.note() == (
        "The workout has changed: 6 of 9 steps race Drago (3 new, 1 of his gone)."
    )


def test_a_workout_with_nothing_in_common_says_there_is_no_race() -> None:
    other = compile_workout(parse_workout("name: X\nprepare: 3s\nsteps:\n  - rest: 5s\n"))
    ghost = Ghost.of("best", 1, "2024-03-04", [(0, "work", "Sled", "timed", "completed", 9, None)])
    assert match_ghost(other, ghost).note() == (
        "The workout has changed: no step matches Drago's, so no race."
    )


# ------------------------------------------------------------------- splits


def run_barn(done_at: list[float]) -> tuple[Engine, GhostMatch]:
    """Run the Barn Taster on a fake clock, saying done at these moments."""
    timeline = barn()
    clock = FakeClock(start=0.0)
    engine = Engine(timeline, clock)
    moments = list(done_at)

    engine.start()
    while engine.state != "finished":
        deadline = engine.next_deadline()
        if moments and (deadline is None or moments[0] < deadline):
            clock.now = moments.pop(0)
            engine.done()
        else:
            assert deadline is not None
            clock.now = deadline
            engine.poll()
    assert not moments
    return engine, match_ghost(timeline, ghost_of(timeline))


def test_the_split_at_each_step_end_is_right_to_ten_milliseconds() -> None:
    # presses done 33.37 s and 30.00 s in; Drago took 30 s and 35 s
    engine, match = run_barn([45 + 33.37, 45 + 33.37 + 20 + 30.0])
    found = {split.step.index: split.seconds for split in splits(match, engine.results)}
    expected = {0: 0.0, 1: 0.0, 2: 3.37, 3: 3.37, 4: -1.63, 5: -1.63, 6: -1.63}
    assert found.keys() == expected.keys()
    for index, seconds in expected.items():
        assert found[index] == pytest.approx(seconds, abs=0.01)
    assert format_split(found[2]) == "+0:03" and format_split(found[4]) == "-0:02"
    press = engine.timeline.steps[4]
    one = split_at(match, engine.results, press)
    assert one is not None and one.change == pytest.approx(-5.0, abs=0.01) and one.ahead


def test_the_race_says_ahead_by_how_much_and_where_time_was_won_and_lost() -> None:
    engine, match = run_barn([45 + 33.37, 45 + 33.37 + 20 + 30.0])
    ended = race(match, engine.results)
    assert ended is not None
    assert ended.final.seconds == pytest.approx(-1.63, abs=0.01)
    assert ended.gained is not None and ended.gained.step.index == 4
    assert ended.lost is not None and ended.lost.step.index == 2
    assert race_lines(ended) == [
        "Beat Drago by 0:02 (-0:02)",
        "gained most: Wagon press (Press 2/2) -0:05",
        "lost most: Wagon press (Press 1/2) +0:03",
    ]


def test_a_skipped_step_counts_its_time_and_an_amrap_has_his_rounds_at_his_pace() -> None:
    timeline = barn()
    amrap = match_ghost(timeline, ghost_of(timeline)).step(timeline.steps[5])
    assert amrap is not None
    assert [amrap.rounds_at(t) for t in (0, 29.9, 30, 60, 119, 500)] == [0, 0, 1, 2, 3, 4]


# --------------------------------------------------------------- line mode


def test_plain_prints_a_ghost_line_with_the_signed_split_at_every_step() -> None:
    timeline = barn()
    clock = FakeClock(start=0.0)
    engine = Engine(timeline, clock)
    match = match_ghost(timeline, ghost_of(timeline))
    out = io.StringIO()
    script = [(45 + 33.37, ""), (45 + 33.37 + 20 + 30.0, "")]
    session = PlainSession(
        engine,
        out,
        clock,
        ScriptedInput(clock, script),
        clock.advance,
        ghost=match,
        ghost_intro="Racing Drago: your best, 2024-03-04 (4:40)",
    )
    session.run()
    lines = out.getvalue().splitlines()
    ghost_lines = [line for line in lines if " ghost " in line]
    assert "Racing Drago: your best, 2024-03-04 (4:40)" in lines
    assert ghost_lines[:5] == [
        "[ 0:05] ghost ±0:00 level Drago - Get ready",
        "[ 0:45] ghost ±0:00 level Drago - Log carry",
        "[ 1:18] ghost +0:03 behind Drago - Wagon press",
        "[ 1:38] ghost +0:03 behind Drago - Rest",
        "[ 2:08] ghost -0:02 ahead Drago - Wagon press",
    ]
    assert lines[-3:] == [
        "[ 4:38] ghost: Beat Drago by 0:02 (-0:02)",
        "[ 4:38] ghost: gained most: Wagon press (Press 2/2) -0:05",
        "[ 4:38] ghost: lost most: Wagon press (Press 1/2) +0:03",
    ]


def test_plain_without_a_ghost_prints_no_ghost_line() -> None:
    timeline = barn()
    clock = FakeClock(start=0.0)
    engine = Engine(timeline, clock)
    out = io.StringIO()
    PlainSession(engine, out, clock, ScriptedInput(clock, []), clock.advance).run()
    assert "ghost" not in out.getvalue()
