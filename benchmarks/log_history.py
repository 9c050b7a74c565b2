"""A long, real-looking training history written straight into a log database, fast."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from montage.log.schema import SCHEMA, VERSION

ZONE = timezone(timedelta(hours=1))

WORKOUTS: dict[str, list[tuple[str, str, str, float | None, int | None, float | None]]] = {
    # name: [(kind, step name, mode, planned seconds, reps, load kg)]
    "Siberian Barn": [
        ("prepare", "Get ready", "timed", 10, None, None),
        ("work", "Log carry", "timed", 45, None, 40),
        ("rest", "Rest", "timed", 15, None, None),
        ("work", "Sled pull", "timed", 60, None, None),
        ("work", "Overhead wagon press", "reps", 90, 12, 30),
        ("rest", "Rest", "timed", 20, None, None),
        ("work", "Sled pull", "timed", 60, None, None),
        ("work", "Overhead wagon press", "reps", 90, 12, 30),
        ("work", "AMRAP", "amrap", 480, None, None),
        ("cooldown", "Cool down", "timed", 120, None, None),
    ],
    "Snow Run": [
        ("prepare", "Get ready", "timed", 10, None, None),
        ("work", "EMOM", "emom", 60, None, None),
        ("work", "EMOM", "emom", 60, None, None),
        ("work", "EMOM", "emom", 60, None, None),
        ("work", "Hill run", "timed", 240, None, None),
        ("rest", "Rest", "timed", 60, None, None),
        ("work", "Hill run", "timed", 240, None, None),
        ("work", "Chin-up", "reps", None, 5, None),
        ("work", "Chin-up", "reps", None, 5, None),
        ("cooldown", "Cool down", "timed", 120, None, None),
    ],
    "Wood Pile": [
        ("prepare", "Get ready", "timed", 10, None, None),
        ("work", "Wood chop", "reps", 120, 30, 5),
        ("rest", "Rest", "timed", 30, None, None),
        ("work", "Log squat", "reps", 120, 15, 40),
        ("rest", "Rest", "timed", 30, None, None),
        ("work", "Wood chop", "reps", 120, 30, 5),
        ("rest", "Rest", "timed", 30, None, None),
        ("work", "Log squat", "reps", 120, 15, 40),
        ("work", "Farmer walk", "timed", 90, None, 32),
        ("cooldown", "Cool down", "timed", 120, None, None),
    ],
}
"""Three workouts of ten steps each."""

MOVES: dict[str, list[tuple[str, str, float | None, int | None, str | None, float | None]]] = {
    # block step name: [(kind, move name, seconds, reps, load, load kg)]
    "AMRAP": [
        ("work", "Burpee", None, 10, None, None),
        ("work", "Sandbag carry", 30, None, "40 kg sandbag", 40),
        ("work", "Wood chop", None, 15, "5 kg axe", 5),
    ],
    "EMOM": [
        ("work", "Box jump", None, 8, None, None),
        ("rest", "Rest", 20, None, None, None),
    ],
}
"""What each AMRAP round and EMOM interval holds."""

SESSION_SQL = (
    "INSERT INTO sessions (id, workout, workout_key, source, started_at, ended_at, status,"
    " steps_total, steps_completed, active_seconds, planned_seconds, pid)"
    " VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, NULL)"
)
MOVE_SQL = (
    "INSERT INTO moves (session_id, position, number, kind, name, seconds, reps, load, load_kg,"
    " distance, distance_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)"
)
STEP_SQL = (
    "INSERT INTO steps (session_id, position, kind, name, mode, outcome, planned_seconds,"
    " actual_seconds, reps, load, load_kg, distance, distance_m, rounds, entered, ended_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, 0, ?)"
)


def _history(
    sessions: int, end: datetime, seed: int
) -> Iterator[tuple[tuple[object, ...], list[tuple[object, ...]], list[tuple[object, ...]]]]:
    """Sessions about every 2 hours, oldest first, ending at ``end``."""
    rng = random.Random(seed)
    names = list(WORKOUTS)
    start = end - timedelta(hours=2 * sessions)
    for number in range(1, sessions + 1):
        name = names[number % len(names)]
        began = start + timedelta(hours=2 * number, minutes=rng.randrange(60))
        stamp = began.isoformat(timespec="seconds")
        status = rng.choices(["completed", "stopped", "interrupted"], [90, 8, 2])[0]
        plan = WORKOUTS[name]
        last = len(plan) if status == "completed" else rng.randrange(1, len(plan))
        steps: list[tuple[object, ...]] = []
        moves: list[tuple[object, ...]] = []
        active = 0.0
        for position, (kind, step, mode, planned, reps, load) in enumerate(plan[:last]):
            actual = planned or 60.0
            if mode == "reps":
                actual = round(rng.uniform(0.5, 1.0) * (planned or 90.0), 1)
            outcome = "done" if mode == "reps" else "completed"
            rounds = rng.randrange(4, 12) if mode == "amrap" else (1 if mode == "emom" else None)
            active += actual
            load_text = f"{load:g} kg" if load else None
            row = (number, position, kind, step, mode, outcome, planned, actual, reps, load_text)
            steps.append((*row, load, rounds, stamp))
            for count, move in enumerate(MOVES.get(step, [])):
                moves.append((number, position, count, *move))
        ended = (began + timedelta(seconds=active)).isoformat(timespec="seconds")
        session = (number, name, name.lower(), stamp, ended, status, len(plan), last, active, 1200)
        yield session, steps, moves


def write_history(path: Path, sessions: int = 100_000, seed: int = 80) -> None:
    """Write a log of ``sessions`` sessions of about ten steps each, and the moves of their
    AMRAPs and EMOMs, in one transaction."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA)
        conn.execute(f"PRAGMA user_version = {VERSION}")
        conn.execute("PRAGMA journal_mode = WAL")
        end = datetime(2026, 1, 15, 20, 0, tzinfo=ZONE)
        with conn:
            batch_sessions: list[tuple[object, ...]] = []
            batch_steps: list[tuple[object, ...]] = []
            batch_moves: list[tuple[object, ...]] = []
            for session, steps, moves in _history(sessions, end, seed):
                batch_sessions.append(session)
                batch_steps.extend(steps)
                batch_moves.extend(moves)
                if len(batch_sessions) >= 10_000:
                    conn.executemany(SESSION_SQL, batch_sessions)
                    conn.executemany(STEP_SQL, batch_steps)
                    conn.executemany(MOVE_SQL, batch_moves)
                    batch_sessions, batch_steps, batch_moves = [], [], []
            conn.executemany(SESSION_SQL, batch_sessions)
            conn.executemany(STEP_SQL, batch_steps)
            conn.executemany(MOVE_SQL, batch_moves)
    finally:
        conn.close()
