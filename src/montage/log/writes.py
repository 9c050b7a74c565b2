"""The SQL of the store's writes, and the rows they write from what the engine reports."""

from __future__ import annotations

from datetime import datetime

from montage.log.schema import DONE_SQL
from montage.measures import distance_m, load_kg
from montage.session.events import StepResult


def local_now() -> datetime:
    """The wall-clock time now, in the local timezone."""
    return datetime.now().astimezone()


def stamp(moment: datetime) -> str:
    """A moment as the log keeps it: ISO 8601 to the second, with its UTC offset (a naive
    moment is taken as local time)."""
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    return aware.isoformat(timespec="seconds")


SESSION_INSERT = (
    "INSERT INTO sessions (workout, workout_key, source, started_at, status,"
    " steps_total, planned_seconds, pid, owner, athlete, device)"
    " VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)"
)
"""SQL: write a new session, ``running``."""

STEP_UPSERT = (
    "INSERT INTO steps (session_id, position, kind, name, mode, outcome,"
    " planned_seconds, actual_seconds, reps, load, load_kg, distance, distance_m,"
    " rounds, entered, ended_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"
    " ON CONFLICT (session_id, position) DO UPDATE SET"
    " kind = excluded.kind, name = excluded.name, mode = excluded.mode,"
    " outcome = excluded.outcome, planned_seconds = excluded.planned_seconds,"
    " actual_seconds = excluded.actual_seconds, reps = excluded.reps,"
    " load = excluded.load, load_kg = excluded.load_kg,"
    " distance = excluded.distance, distance_m = excluded.distance_m,"
    " rounds = excluded.rounds, entered = 0, ended_at = excluded.ended_at"
)
"""SQL: write a finished step; one done again (after back) replaces its row."""

MOVE_INSERT = (
    "INSERT INTO moves (session_id, position, number, kind, name, seconds, reps,"
    " load, load_kg, distance, distance_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT DO NOTHING"
)
"""SQL: write a move of an AMRAP or EMOM step (the same again when the step is redone)."""

SO_FAR = (
    "active_seconds = (SELECT coalesce(sum(actual_seconds), 0) FROM steps"
    " WHERE session_id = sessions.id),"
    " steps_completed = (SELECT count(*) FROM steps"
    f" WHERE session_id = sessions.id AND outcome IN {DONE_SQL})"
)
"""SQL: a session's active time and steps done, as its recorded steps add them up."""

MARK_INTERRUPTED = (
    "UPDATE sessions SET status = 'interrupted',"
    " ended_at = coalesce(ended_at,"
    "   (SELECT max(ended_at) FROM steps WHERE session_id = sessions.id)),"
    f" {SO_FAR} WHERE id = ? AND status = 'running'"
)
"""SQL: mark a session whose process is gone, its totals taken from its steps."""


def step_row(session_id: int, result: StepResult, ended_at: str) -> tuple[object, ...]:
    """The values of ``STEP_UPSERT`` for a finished step."""
    step = result.step
    reps = step.reps if result.outcome == "done" else None
    return (
        session_id,
        step.index,
        step.kind,
        step.name,
        step.mode,
        result.outcome,
        step.seconds,
        round(result.seconds, 3),
        reps,
        step.load,
        load_kg(step.load),
        step.distance,
        distance_m(step.distance),
        result.rounds,
        ended_at,
    )


def move_rows(session_id: int, result: StepResult) -> list[tuple[object, ...]]:
    """The values of ``MOVE_INSERT`` for each move of a finished AMRAP or EMOM step."""
    step = result.step
    return [
        (
            session_id,
            step.index,
            number,
            move.kind,
            move.name,
            move.seconds,
            move.reps,
            move.load,
            load_kg(move.load),
            move.distance,
            distance_m(move.distance),
        )
        for number, move in enumerate(step.moves)
    ]
