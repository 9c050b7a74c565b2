"""Exercise totals, read from the progress log: one exercise is one in every workout.

A step's exercise is its key (``steps.exercise``: its ``exercise_id`` or its name, folded
as ``montage.session.rules.exercise_key`` folds it), so ``Log carry`` in three workouts, or
``Carry the log`` with ``exercise_id: log carry``, add up as one. Every function takes an
open connection (``montage.log.sql.Connection``, either engine) on the current schema and
only reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from montage.log.queries import EVERYTHING, Filter
from montage.log.schema import DONE_SQL
from montage.log.sql import Connection
from montage.log.values import Reading

KEY = "coalesce({0}.exercise, lower({0}.name))"
"""SQL: the exercise a step or move is; a row written by hand without a key goes by its name."""

NAMED = "{0}.ended_at || ' ' || {0}.name"
"""SQL: a step's name after when it ended, so that the greatest is the name last used."""


@dataclass(frozen=True, slots=True)
class ExerciseTotal:
    """Everything done of one exercise."""

    name: str
    """The exercise."""
    sets: int
    """Work steps of it done."""
    reps: int
    """Reps done, added up."""
    seconds: float
    """Time under work, skipped steps left out."""
    distance_m: float
    """Metres covered, from steps whose distance names a unit."""
    load_moved_kg: float
    """Load times reps, added up, from steps whose load names a unit."""
    best_reps: int | None
    """The most reps in one step."""


def exercise_totals(
    conn: Connection,
    where: Filter = EVERYTHING,
) -> list[ExerciseTotal]:
    """Totals of every exercise, the one with the most time under work first.

    One exercise is one however its workouts word it (``steps.exercise``). An AMRAP or
    EMOM is no exercise: the moves done inside it count, each under its own
    name, once per round the step records (an AMRAP's full rounds, an EMOM interval made
    in time), a timed move for its time each round.

    Args:
        conn: The log.
        where: Which sessions count.

    Returns:
        One total per exercise, under the name it was last done under.
    """
    conditions, parameters = where.where()
    join = ""
    if conditions:
        join = " JOIN sessions s ON s.id = t.session_id AND " + " AND ".join(conditions)
    done = f"t.outcome IN {DONE_SQL}"
    reps = "CASE WHEN typeof(t.reps) = 'integer' THEN t.reps END"
    rounds = "CASE WHEN typeof(t.rounds) = 'integer' AND t.rounds > 0 THEN t.rounds END"
    move_reps = "CASE WHEN typeof(m.reps) = 'integer' THEN m.reps END"
    rows = conn.execute(
        "SELECT coalesce(max(named), ' ' || min(name)), sum(sets), coalesce(sum(reps), 0),"
        " coalesce(sum(seconds), 0), coalesce(sum(metres), 0), coalesce(sum(moved), 0),"
        " max(best) FROM ("
        f"SELECT {KEY.format('t')} AS exercise, t.name AS name,"
        f" {NAMED.format('t')} AS named,"
        f" CASE WHEN {done} THEN 1 ELSE 0 END AS sets, CASE WHEN {done} THEN {reps} END AS reps,"
        " CASE WHEN t.outcome != 'skipped' THEN t.actual_seconds END AS seconds,"
        f" CASE WHEN {done} THEN t.distance_m END AS metres,"
        f" CASE WHEN {done} THEN t.load_kg * {reps} END AS moved,"
        f" CASE WHEN {done} THEN {reps} END AS best"
        f" FROM steps t{join} WHERE t.kind = 'work' AND t.mode NOT IN ('amrap', 'emom')"
        f" UNION ALL SELECT {KEY.format('m')}, m.name, t.ended_at || ' ' || m.name,"
        f" {rounds}, {move_reps} * {rounds}, m.seconds * {rounds},"
        f" m.distance_m * {rounds}, m.load_kg * {move_reps} * {rounds}, {move_reps}"
        " FROM moves m JOIN steps t ON t.session_id = m.session_id AND t.position = m.position"
        f"{join} WHERE m.kind = 'work' AND t.mode IN ('amrap', 'emom') AND {done}"
        f" AND {rounds} IS NOT NULL) AS done_steps GROUP BY exercise",
        parameters * 2,
    )
    totals = [_total(*row) for row in rows]
    return sorted(totals, key=lambda total: (-total.seconds, total.name))


def _total(
    name: object,
    sets: int,
    reps: float,
    seconds: float,
    metres: float,
    moved: float,
    best: int | None,
) -> ExerciseTotal:
    """An exercise's total as SQLite added it up: an infinity in the log reads as 0; its
    name is the one it was last done under."""
    read = Reading()
    return ExerciseTotal(
        read.text(name, "name").split(" ", 1)[-1],
        int(sets),
        int(read.number(reps, "reps") or 0),
        read.number(seconds, "actual_seconds") or 0.0,
        read.number(metres, "distance_m") or 0.0,
        read.number(moved, "load_kg") or 0.0,
        read.whole(best, "reps"),
    )
