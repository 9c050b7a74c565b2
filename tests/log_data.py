"""Progress logs for tests: the current schema, and a simulated week of real-looking sessions.

The week runs from Monday 4 to Saturday 9 March 2024 (with one session the week
before), recorded at UTC+01:00. ``TODAY`` is the Sunday after it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from montage.log.opening import open_store
from montage.log.schema import SCHEMA, VERSION
from montage.log.sql import Connection
from montage.paths import DatabaseURL
from montage.session.rules import exercise_key

TODAY = date(2024, 3, 10)
"""The day the tests run on: the Sunday after the week, nothing done yet."""


@dataclass(frozen=True, slots=True)
class M:
    """One move inside a recorded AMRAP or EMOM step."""

    kind: str
    name: str
    seconds: float | None = None
    reps: int | None = None
    load: str | None = None
    load_kg: float | None = None
    distance: str | None = None
    distance_m: float | None = None


@dataclass(frozen=True, slots=True)
class S:
    """One recorded step."""

    kind: str
    name: str
    mode: str
    outcome: str
    planned: float | None
    actual: float
    reps: int | None = None
    rounds: int | None = None
    load: str | None = None
    load_kg: float | None = None
    distance: str | None = None
    distance_m: float | None = None
    moves: tuple[M, ...] = ()


def new_log(path: Path | str) -> sqlite3.Connection:
    """A new, empty log on the current schema."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.execute(f"PRAGMA user_version = {VERSION}")
    return conn


@contextmanager
def log_connection(at: Path | DatabaseURL) -> Iterator[Connection]:
    """A new, empty log at ``at`` (an SQLite file or a PostgreSQL log), and a connection to it."""
    if isinstance(at, Path):
        conn = new_log(at)
        try:
            yield conn
        finally:
            conn.close()
    else:
        with open_store(at) as store:
            yield store.connection


def record(conn: Connection, workout: str, started_at: str, steps: list[S], status: str) -> int:
    """Write a session and its steps as the recorder would; return its id."""
    active = sum(step.actual for step in steps)
    done = sum(step.outcome in ("completed", "done", "capped") for step in steps)
    cursor = conn.execute(
        "INSERT INTO sessions (workout, workout_key, source, started_at, ended_at, status,"
        " steps_total, steps_completed, active_seconds, planned_seconds)"
        " VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [workout, workout.lower(), started_at, started_at, status, 7, done, active, 330.0],
    )
    session_id = int(cursor.fetchone()[0])
    conn.executemany(
        "INSERT INTO steps (session_id, position, kind, name, mode, outcome, planned_seconds,"
        " actual_seconds, reps, load, load_kg, distance, distance_m, rounds, ended_at,"
        " exercise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                session_id,
                position,
                step.kind,
                step.name,
                step.mode,
                step.outcome,
                step.planned,
                step.actual,
                step.reps,
                step.load,
                step.load_kg,
                step.distance,
                step.distance_m,
                step.rounds,
                started_at,
                exercise_key(step.name) if step.mode in ("timed", "reps") else None,
            )
            for position, step in enumerate(steps)
        ],
    )
    conn.executemany(
        "INSERT INTO moves (session_id, position, number, kind, name, seconds, reps, load,"
        " load_kg, distance, distance_m, exercise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                session_id,
                position,
                number,
                *(getattr(move, f) for f in M.__dataclass_fields__),
                exercise_key(move.name) if move.kind == "work" else None,
            )
            for position, step in enumerate(steps)
            for number, move in enumerate(step.moves)
        ],
    )
    return session_id


PREPARE = S("prepare", "Get ready", "timed", "completed", 5, 5)
CARRY = S(
    "work", "Log carry", "timed", "completed", 40, 40, None, None, "20 kg sandbag", 20, "30 m", 30
)


def rest(seconds: float) -> S:
    return S("rest", "Rest", "timed", "completed", seconds, seconds)


def press(seconds: float, reps: int = 10, outcome: str = "done") -> S:
    return S(
        "work", "Wagon press", "reps", outcome, 60, seconds, reps, None, "16 kg kettlebell", 16
    )


BURPEE = M("work", "Burpee", reps=5)
SANDBAG = M("work", "Sandbag carry", 20, None, "20 kg sandbag", 20, "20 m and back", 40)
BOX_JUMP = M("work", "Box jump", reps=8)


def amrap(rounds: int) -> S:
    moves = (BURPEE, SANDBAG, M("rest", "Rest", 10))
    return S("work", "AMRAP", "amrap", "completed", 120, 120, None, rounds, moves=moves)


def barn(press_seconds: float, rounds: int, reps: int = 10) -> list[S]:
    """Barn Taster, all done: 230 s plus the press."""
    return [
        PREPARE,
        CARRY,
        rest(15),
        press(press_seconds, reps),
        rest(20),
        amrap(rounds),
        S("cooldown", "Cool down", "timed", "completed", 30, 30),
    ]


def snow(made: tuple[int, int, int] = (1, 1, 0)) -> list[S]:
    """Snow Run, all done: 305 s."""
    return [
        PREPARE,
        *(S("work", "EMOM", "emom", "completed", 60, 60, None, r, moves=(BOX_JUMP,)) for r in made),
        S("work", "Hill run", "timed", "completed", 120, 120, distance="400 m", distance_m=400),
    ]


def week(conn: Connection) -> dict[str, int]:
    """Write the simulated week; return each session's id by a short name."""
    ids = {
        "feb28": record(conn, "Snow Run", "2024-02-28T18:00:00+01:00", snow(), "completed"),
        "mon": record(conn, "Barn Taster", "2024-03-04T07:00:00+01:00", barn(50, 3), "completed"),
        "tue": record(conn, "Snow Run", "2024-03-05T18:30:00+01:00", snow(), "completed"),
        "wed": record(
            conn, "Barn Taster", "2024-03-06T07:10:00+01:00", barn(40, 4, reps=12), "completed"
        ),
        "thu": record(
            conn,
            "Barn Taster",
            "2024-03-07T06:50:00+01:00",
            [PREPARE, S("work", "Log carry", "timed", "stopped", 40, 10)],
            "stopped",
        ),
        "fri": record(conn, "Snow Run", "2024-03-08T07:00:00+01:00", snow(), "completed"),
        "fri-pm": record(
            conn,
            "Barn Taster",
            "2024-03-08T19:00:00+01:00",
            [PREPARE, CARRY, rest(15)],
            "interrupted",
        ),
        "sat": record(conn, "Barn Taster", "2024-03-09T08:00:00+01:00", barn(45, 4), "completed"),
    }
    if isinstance(conn, sqlite3.Connection):
        conn.commit()
    return ids


def week_log(path: Path) -> dict[str, int]:
    """A log file at ``path`` holding the simulated week."""
    conn = new_log(path)
    try:
        return week(conn)
    finally:
        conn.close()
