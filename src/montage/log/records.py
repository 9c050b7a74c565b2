"""Bests, charts, exercise totals and records, read from the progress log.

Every function takes an open ``sqlite3`` connection on the current schema and
only reads (see ``montage.log.queries``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from montage.log.queries import EVERYTHING, Cursor, Filter, session_detail, where_clause
from montage.log.schema import DONE_SQL
from montage.log.sql import Connection
from montage.log.values import Reading, finite
from montage.session.outcomes import counts_as_done

REP_BASED = "EXISTS (SELECT 1 FROM steps t WHERE t.session_id = s.id AND t.mode = 'reps')"
"""SQL: session ``s`` has a rep step, so how fast it was finished means something."""

NOTHING_SKIPPED = (
    "NOT EXISTS (SELECT 1 FROM steps t WHERE t.session_id = s.id"
    " AND t.kind = 'work' AND t.outcome = 'skipped')"
)
"""SQL: session ``s`` skipped none of its work, so its time is a real finish."""

Measure = Literal["time", "rounds"]
"""What a chart shows: a session's active time, or its AMRAP rounds."""


@dataclass(frozen=True, slots=True)
class Best:
    """A best value and the session that set it."""

    value: float
    """Seconds for the fastest, rounds or reps for the most."""
    session_id: int
    """The session that set it."""
    started_at: str
    """When that session started."""


@dataclass(frozen=True, slots=True)
class WorkoutSummary:
    """A workout's history in a line: how often, how lately, and its bests."""

    key: str
    """The workout's name folded to lower case."""
    name: str
    """Its name as last recorded."""
    sessions: int
    """Sessions of it, in any status."""
    completed: int
    """Of those, completed."""
    last_started_at: str
    """When it was last done."""
    fastest: Best | None
    """The lowest active time of a completed session with rep steps."""
    most_rounds: Best | None
    """The most AMRAP rounds of a session (its AMRAPs added up)."""
    unreadable: tuple[str, ...] = ()
    """Its fields the log holds in a form this montage cannot read (``workout``: its name
    shows U+FFFD for each byte that is not UTF-8)."""

    @property
    def measure(self) -> Measure:
        """What its chart shows: rounds for an AMRAP workout, else time."""
        return "rounds" if self.most_rounds is not None else "time"


def workouts(conn: Connection) -> list[WorkoutSummary]:
    """Every workout in the log with its bests, most recently done first."""
    rows = conn.execute(
        "SELECT s.workout_key, (SELECT w.workout FROM sessions w"
        " WHERE w.workout_key = s.workout_key ORDER BY w.started_at DESC, w.id DESC LIMIT 1),"
        " max(s.started_at), count(*), sum(CASE WHEN s.status = 'completed' THEN 1 ELSE 0 END)"
        " FROM sessions s GROUP BY s.workout_key"
    ).fetchall()
    summaries = []
    for key, name, last, sessions, completed in rows:
        read = Reading()
        summaries.append(
            WorkoutSummary(
                read.text(key, "workout_key"),
                read.text(name, "workout"),
                int(sessions),
                int(completed),
                read.text(last, "started_at"),
                fastest(conn, key),  # the key as the log holds it
                most_rounds(conn, key),
                read.found(),
            )
        )
    return sorted(summaries, key=lambda summary: summary.last_started_at, reverse=True)


def fastest(conn: Connection, workout_key: str, before: Cursor | None = None) -> Best | None:
    """The fastest completed session of a workout with rep steps, none of its work skipped.

    Args:
        conn: The log.
        workout_key: The workout.
        before: Only sessions that started before this one.

    Returns:
        The lowest active time and its session (the earliest, on a tie); None if none.
    """
    conditions = [
        "s.workout_key = ?",
        "s.status = 'completed'",
        finite("s.active_seconds"),
        REP_BASED,
        NOTHING_SKIPPED,
    ]
    parameters: list[object] = [workout_key]
    _before(conditions, parameters, before)
    row = conn.execute(
        f"SELECT s.active_seconds, s.id, s.started_at FROM sessions s {where_clause(conditions)}"
        " ORDER BY s.active_seconds, s.started_at, s.id LIMIT 1",
        parameters,
    ).fetchone()
    return _best(row[0], row[1], row[2]) if row else None


def _best(value: float, session_id: int, started_at: object) -> Best:
    return Best(value, session_id, Reading().text(started_at, "started_at"))


ROUNDS = (
    "SELECT s.id, s.started_at, sum(t.rounds) AS total FROM sessions s"
    " JOIN steps t ON t.session_id = s.id"
    " WHERE s.workout_key = ? AND t.mode = 'amrap' AND t.outcome = 'completed'"
    " AND t.rounds IS NOT NULL"
)
"""SQL: each session of a workout with its AMRAP rounds, from AMRAPs that ran their time."""


def most_rounds(conn: Connection, workout_key: str, before: Cursor | None = None) -> Best | None:
    """The session of a workout with the most AMRAP rounds.

    Args:
        conn: The log.
        workout_key: The workout.
        before: Only sessions that started before this one.

    Returns:
        The most rounds and its session (the earliest, on a tie); None if it has no AMRAP
        or no round of one was ever finished.
    """
    conditions: list[str] = []
    parameters: list[object] = [workout_key]
    _before(conditions, parameters, before)
    extra = "".join(f" AND {condition}" for condition in conditions)
    row = conn.execute(
        f"{ROUNDS}{extra} GROUP BY s.id ORDER BY total DESC, s.started_at, s.id LIMIT 1",
        parameters,
    ).fetchone()
    if not row or not row[2] or not math.isfinite(row[2]):
        return None  # sum() read text in the log as 0; an infinity is no best
    return _best(row[2], row[0], row[1])


def _before(conditions: list[str], parameters: list[object], before: Cursor | None) -> None:
    if before is not None:
        conditions.append("(s.started_at, s.id) < (?, ?)")
        parameters += [before.started_at, before.id]


@dataclass(frozen=True, slots=True)
class Point:
    """One session's value on a chart."""

    session_id: int
    """The session."""
    started_at: str
    """When it started."""
    value: float
    """Its active seconds, or its AMRAP rounds."""


def series(conn: Connection, workout_key: str, measure: Measure, limit: int = 60) -> list[Point]:
    """A workout's completed sessions as points of a chart, oldest first.

    Args:
        conn: The log.
        workout_key: The workout.
        measure: ``time`` for active seconds, ``rounds`` for AMRAP rounds.
        limit: The most recent this many sessions.

    Returns:
        The points, oldest first.
    """
    if measure == "rounds":
        # Newest first along the workout's index, adding up each session's rounds as it
        # goes, so that only the sessions shown are looked at.
        rows = conn.execute(
            "SELECT id, started_at, total FROM (SELECT s.id, s.started_at,"
            " (SELECT sum(t.rounds) FROM steps t"
            " WHERE t.session_id = s.id AND t.mode = 'amrap' AND t.outcome = 'completed')"
            " AS total FROM sessions s WHERE s.workout_key = ?) AS rounded"
            " WHERE total IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT ?",
            [workout_key, limit],
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT s.id, s.started_at, s.active_seconds FROM sessions s"
            f" WHERE s.workout_key = ? AND s.status = 'completed'"
            f" AND {finite('s.active_seconds')} AND {NOTHING_SKIPPED}"
            " ORDER BY s.started_at DESC, s.id DESC LIMIT ?",
            [workout_key, limit],
        ).fetchall()
    return [
        Point(session_id, Reading().text(started_at, "started_at"), value)
        for session_id, started_at, value in reversed(rows)
        if math.isfinite(value)
    ]


# --------------------------------------------------------------- exercises


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

    An AMRAP or EMOM is no exercise: the moves done inside it count, each under its own
    name, once per round the step records (an AMRAP's full rounds, an EMOM interval made
    in time), a timed move for its time each round.

    Args:
        conn: The log.
        where: Which sessions count.

    Returns:
        One total per exercise name.
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
        "SELECT name, sum(sets), coalesce(sum(reps), 0), coalesce(sum(seconds), 0),"
        " coalesce(sum(metres), 0), coalesce(sum(moved), 0), max(best) FROM ("
        f"SELECT t.name AS name, CASE WHEN {done} THEN 1 ELSE 0 END AS sets,"
        f" CASE WHEN {done} THEN {reps} END AS reps,"
        " CASE WHEN t.outcome != 'skipped' THEN t.actual_seconds END AS seconds,"
        f" CASE WHEN {done} THEN t.distance_m END AS metres,"
        f" CASE WHEN {done} THEN t.load_kg * {reps} END AS moved,"
        f" CASE WHEN {done} THEN {reps} END AS best"
        f" FROM steps t{join} WHERE t.kind = 'work' AND t.mode NOT IN ('amrap', 'emom')"
        f" UNION ALL SELECT m.name, {rounds}, {move_reps} * {rounds}, m.seconds * {rounds},"
        f" m.distance_m * {rounds}, m.load_kg * {move_reps} * {rounds}, {move_reps}"
        " FROM moves m JOIN steps t ON t.session_id = m.session_id AND t.position = m.position"
        f"{join} WHERE m.kind = 'work' AND t.mode IN ('amrap', 'emom') AND {done}"
        f" AND {rounds} IS NOT NULL) AS done GROUP BY name ORDER BY 4 DESC, name",
        parameters * 2,
    )
    return [_total(*row) for row in rows]


def _total(
    name: object,
    sets: int,
    reps: float,
    seconds: float,
    metres: float,
    moved: float,
    best: int | None,
) -> ExerciseTotal:
    """An exercise's total as SQLite added it up: an infinity in the log reads as 0."""
    read = Reading()
    return ExerciseTotal(
        read.text(name, "name"),
        int(sets),
        int(read.number(reps, "reps") or 0),
        read.number(seconds, "actual_seconds") or 0.0,
        read.number(metres, "distance_m") or 0.0,
        read.number(moved, "load_kg") or 0.0,
        read.whole(best, "reps"),
    )


# ----------------------------------------------------------------- records


RecordKind = Literal["fastest", "rounds", "reps"]
"""A best: fastest finish, most AMRAP rounds, most reps of an exercise in one step."""


@dataclass(frozen=True, slots=True)
class Record:
    """A best that a session beat."""

    kind: RecordKind
    """Which best."""
    what: str
    """The workout (fastest, rounds) or the exercise (reps)."""
    value: float
    """The new best: seconds, rounds or reps."""
    previous: float
    """The best before it."""


def records_broken(conn: Connection, session_id: int) -> list[Record]:
    """The bests a session beat, against every session that started before it.

    A first time is not a record: there must be an earlier best to beat, and a tie
    does not beat it.

    Args:
        conn: The log.
        session_id: The session, usually one that just finished.

    Returns:
        Fastest, then rounds, then reps by exercise name; empty when none.
    """
    detail = session_detail(conn, session_id)
    if detail is None:
        return []
    session = detail.session
    here = session.cursor
    found: list[Record] = []
    skipped = any(step.kind == "work" and step.outcome == "skipped" for step in detail.steps)
    rep_based = any(step.mode == "reps" for step in detail.steps)
    if session.status == "completed" and rep_based and not skipped:
        before = fastest(conn, session.workout_key, here)
        if before is not None and session.active_seconds < before.value:
            found.append(Record("fastest", session.workout, session.active_seconds, before.value))
    rounds = [
        step.rounds
        for step in detail.steps
        if step.mode == "amrap" and step.outcome == "completed" and step.rounds is not None
    ]
    if rounds:
        before = most_rounds(conn, session.workout_key, here)
        if before is not None and sum(rounds) > before.value:
            found.append(Record("rounds", session.workout, sum(rounds), before.value))
    reps: dict[str, int] = {}
    for step in detail.steps:
        if step.kind == "work" and counts_as_done(step.outcome) and step.reps:
            reps[step.name] = max(step.reps, reps.get(step.name, 0))
    for name in sorted(reps):
        previous = most_reps(conn, name, here)
        if previous is not None and reps[name] > previous:
            found.append(Record("reps", name, reps[name], previous))
    return found


def most_reps(conn: Connection, exercise: str, before: Cursor | None = None) -> int | None:
    """The most reps of an exercise done in one step.

    Args:
        conn: The log.
        exercise: The exercise's name.
        before: Only sessions that started before this one.

    Returns:
        The most reps, or None when it was never done with reps.
    """
    conditions = ["t.name = ?", "t.kind = 'work'", f"t.outcome IN {DONE_SQL}"]
    parameters: list[object] = [exercise]
    _before(conditions, parameters, before)
    sql = f"FROM steps t JOIN sessions s ON s.id = t.session_id {where_clause(conditions)}"
    (most,) = conn.execute(f"SELECT max(t.reps) {sql}", parameters).fetchone()
    if most is not None and not isinstance(most, int):
        # text sorts above every number: the log holds some; look among the numbers only
        (most,) = conn.execute(
            f"SELECT max(CASE WHEN typeof(t.reps) = 'integer' THEN t.reps END) {sql}", parameters
        ).fetchone()
    return None if most is None else int(most)
