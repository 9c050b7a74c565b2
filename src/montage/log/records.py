"""Bests, charts and records, read from the progress log (exercise totals: ``exercises``).

Every function takes an open ``sqlite3`` connection on the current schema and
only reads (see ``montage.log.queries``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from montage.log.queries import Cursor, session_detail, where_clause
from montage.log.schema import DONE_SQL
from montage.log.sql import Connection
from montage.log.values import Reading, finite
from montage.session.outcomes import counts_as_done
from montage.session.rules import exercise_key

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
    best: dict[str, tuple[int, str]] = {}  # by exercise: its most reps, and its name here
    for step in detail.steps:
        if step.kind == "work" and counts_as_done(step.outcome) and step.reps:
            key = step.exercise or exercise_key(step.name)
            most, name = best.get(key, (0, step.name))
            best[key] = (max(most, step.reps), name)
    for key, (most, name) in sorted(best.items(), key=lambda item: item[1][1]):
        previous = most_reps(conn, name, here, key=key)
        if previous is not None and most > previous:
            found.append(Record("reps", name, most, previous))
    return found


def most_reps(
    conn: Connection,
    exercise: str,
    before: Cursor | None = None,
    key: str | None = None,
) -> int | None:
    """The most reps of an exercise done in one step, in any workout.

    Args:
        conn: The log.
        exercise: The exercise's name.
        before: Only sessions that started before this one.
        key: The exercise's key (``steps.exercise``); its name folded by default.

    Returns:
        The most reps, or None when it was never done with reps.
    """
    conditions = [
        "(t.exercise = ? OR (t.exercise IS NULL AND t.name = ?))",
        "t.kind = 'work'",
        f"t.outcome IN {DONE_SQL}",
    ]
    parameters: list[object] = [key or exercise_key(exercise), exercise]
    _before(conditions, parameters, before)
    sql = f"FROM steps t JOIN sessions s ON s.id = t.session_id {where_clause(conditions)}"
    (most,) = conn.execute(f"SELECT max(t.reps) {sql}", parameters).fetchone()
    if most is not None and not isinstance(most, int):
        # text sorts above every number: the log holds some; look among the numbers only
        (most,) = conn.execute(
            f"SELECT max(CASE WHEN typeof(t.reps) = 'integer' THEN t.reps END) {sql}", parameters
        ).fetchone()
    return None if most is None else int(most)
