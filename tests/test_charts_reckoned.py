"""The charts' series, read in one pass with the log's SQL, against the same series reckoned
plainly from every row of a simulated log, in SQLite and in PostgreSQL: the same points, the
same best so far, the same records."""

from __future__ import annotations

import math
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from engines import Location
from log_data import S, log_connection, record
from montage.log.charts import Series, exercise_progress, workout_progress
from montage.log.sql import Connection
from montage.session.outcomes import DONE_OUTCOMES

Row = tuple[int, str, float, float, bool]
"""A point as compared: session id, start, value, best so far, record."""

STEPS = [
    ("work", "Press", "reps"),
    ("work", "Carry", "timed"),
    ("work", "AMRAP", "amrap"),
    ("work", "EMOM", "emom"),
    ("rest", "Rest", "timed"),
    ("rest", "Press", "reps"),  # a rest of that name is no set of the exercise
]

step = st.builds(
    lambda what, outcome, actual, reps, rounds, kilos: S(
        what[0],
        what[1],
        what[2],
        outcome,
        None,
        actual,
        reps,
        rounds if what[2] == "amrap" else None,
        None if kilos is None else f"{kilos} kg",
        kilos,
    ),
    st.sampled_from(STEPS),
    st.sampled_from(["completed", "done", "capped", "skipped", "stopped"]),
    st.sampled_from([20.0, 30.0, 45.5]),
    st.none() | st.integers(8, 12),
    st.none() | st.integers(0, 6),
    st.none() | st.sampled_from([10.0, 20.0, 22.5]),
)
session = st.tuples(
    st.sampled_from(["Barn", "Other"]),
    st.sampled_from([f"2024-03-0{day}T07:00:00+01:00" for day in range(1, 6)]),  # ties too
    st.sampled_from(["completed", "completed", "stopped", "interrupted"]),
    st.lists(step, max_size=6),
)


def reckoned(rows: Iterable[tuple[int, str, float | None]], higher_is_better: bool) -> list[Row]:
    """Each session's value with the best before it, one at a time."""
    points: list[Row] = []
    best: float | None = None
    for session_id, started_at, value in rows:
        if value is None or not math.isfinite(value):
            continue
        better = best is not None and (value > best if higher_is_better else value < best)
        if best is None or better:
            best = value
        points.append((session_id, started_at, value, best, better))
    return points


def drawn(series: Series) -> list[Row]:
    assert [p.session_id for p in series.records] == [
        p.session_id for p in series.points if p.record
    ]
    return [(p.session_id, p.started_at, p.value, p.best, p.record) for p in series.points]


def close(found: list[Row], expected: list[Row]) -> bool:
    """The same points; values equal, or as near as an average computed elsewhere can be."""
    same = [(i, at, record) for i, at, _, _, record in found]
    return same == [(i, at, record) for i, at, _, _, record in expected] and all(
        math.isclose(a, b) and math.isclose(c, d)
        for (_, _, a, c, _), (_, _, b, d, _) in zip(found, expected, strict=True)
    )


def plain_workout(conn: Connection) -> list[list[Row]]:
    sessions = conn.execute(
        "SELECT id, started_at, status, active_seconds FROM sessions WHERE workout_key = 'barn'"
    ).fetchall()
    steps = conn.execute("SELECT session_id, kind, mode, outcome, rounds FROM steps").fetchall()
    finish, rounds = [], []
    for session_id, started_at, status, active in sorted(sessions, key=lambda s: (s[1], s[0])):
        own = [s for s in steps if s[0] == session_id]
        reps = any(mode == "reps" for _, _, mode, _, _ in own)
        skipped = any(kind == "work" and out == "skipped" for _, kind, _, out, _ in own)
        done = status == "completed" and reps and not skipped
        finish.append((session_id, started_at, active if done else None))
        counted = [r for _, _, mode, out, r in own if mode == "amrap" and out == "completed"]
        whole = [r for r in counted if isinstance(r, int)]
        rounds.append((session_id, started_at, sum(whole) if whole else None))
    return [reckoned(finish, False), reckoned(rounds, True)]


def plain_exercise(conn: Connection) -> list[list[Row]]:
    starts = dict(conn.execute("SELECT id, started_at FROM sessions").fetchall())
    sets: dict[int, list[tuple[str, float, int | None, float | None]]] = {}
    for session_id, outcome, actual, reps, kilos in conn.execute(
        "SELECT session_id, outcome, actual_seconds, reps, load_kg FROM steps"
        " WHERE name = 'Press' AND kind = 'work' AND mode NOT IN ('amrap', 'emom')"
    ).fetchall():
        sets.setdefault(session_id, []).append((outcome, actual, reps, kilos))
    reps, load, seconds = [], [], []
    for session_id in sorted(sets, key=lambda i: (starts[i], i)):
        at, done = starts[session_id], [s for s in sets[session_id] if s[0] in DONE_OUTCOMES]
        counted = [r for _, _, r, _ in done if r is not None]
        kilos = [k for _, _, _, k in done if k is not None]
        timed = [a for out, a, _, _ in sets[session_id] if out != "skipped"]
        reps.append((session_id, at, sum(counted) / len(counted) if counted else None))
        load.append((session_id, at, max(kilos) if kilos else None))
        seconds.append((session_id, at, sum(timed) if timed else None))
    return [reckoned(reps, True), reckoned(load, True), reckoned(seconds, True)]


def test_the_series_are_those_reckoned_plainly_from_every_row(log_at: Location) -> None:
    with log_connection(log_at) as conn:

        @settings(max_examples=40, deadline=None)
        @given(st.lists(session, max_size=25))
        def check(history: list[tuple[str, str, str, list[S]]]) -> None:
            for table in ("moves", "steps", "sessions"):
                conn.execute(f"DELETE FROM {table}")
            for name, started_at, status, steps in history:
                record(conn, name, started_at, steps, status)
            workout = workout_progress(conn, "Barn")
            exercise = exercise_progress(conn, "Press")
            expected = [points for points in plain_workout(conn) if points]
            assert ([] if workout is None else [drawn(s) for s in workout.series]) == expected
            expected = [points for points in plain_exercise(conn) if points]
            found = [] if exercise is None else [drawn(s) for s in exercise.series]
            assert len(found) == len(expected)
            assert all(close(f, e) for f, e in zip(found, expected, strict=True))

        check()
