"""Progress over time, read from the log: the series the review charts and ``montage stats NAME``
prints.

Per workout: the finish time of each finished session (a workout with rep steps) and
its AMRAP rounds. Per exercise: reps per set, the load and the time under work of
each session that did it. Every point carries the best so far (the line the ghost,
your best, runs on) and whether it set a record (beat the best before it; a first
time does not).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from montage.log.migrations import workout_key
from montage.log.records import NOTHING_SKIPPED, REP_BASED
from montage.log.schema import DONE_SQL
from montage.log.sql import Connection
from montage.log.values import Reading, number, whole

EXERCISE = "t.kind = 'work' AND t.mode NOT IN ('amrap', 'emom')"
"""SQL: step ``t`` is a set of an exercise (an AMRAP or an EMOM is none: its moves are)."""

Unit = Literal["seconds", "rounds", "reps", "kg"]
"""What a series counts."""


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One session's value in a series."""

    session_id: int
    """The session."""
    started_at: str
    """When it started, ISO 8601."""
    value: float
    """Its value."""
    best: float
    """The best up to and including this session."""
    record: bool
    """Whether it beat the best before it."""


@dataclass(frozen=True, slots=True)
class Series:
    """Values over time, oldest first."""

    title: str
    """What it shows: ``finish time``, ``AMRAP rounds``, ``reps per set``, ``load``..."""
    unit: Unit
    """What it counts."""
    higher_is_better: bool
    """Whether more is better (rounds, reps, load) or less (time)."""
    points: tuple[ChartPoint, ...]
    """The sessions' values, oldest first."""

    @property
    def records(self) -> tuple[ChartPoint, ...]:
        """The points that set a record."""
        return tuple(point for point in self.points if point.record)

    def to_json(self) -> dict[str, Any]:
        """The series as JSON-ready data."""
        return {
            "title": self.title,
            "unit": self.unit,
            "higher_is_better": self.higher_is_better,
            "points": [
                {
                    "session_id": point.session_id,
                    "started_at": point.started_at,
                    "value": point.value,
                    "best": point.best,
                    "record": point.record,
                }
                for point in self.points
            ],
        }


def series_of(
    title: str,
    unit: Unit,
    higher_is_better: bool,
    rows: Iterable[tuple[int, str, float | None]],
) -> Series:
    """A series from (session id, started at, value) rows, oldest first; rows with no value
    (or one that is no finite number) are left out.

    Args:
        title: What it shows.
        unit: What it counts.
        higher_is_better: Whether more is better.
        rows: The sessions' values.
    """
    points: list[ChartPoint] = []
    best: float | None = None
    reading = Reading()
    for session_id, started_at, value in rows:
        if value is None or not math.isfinite(value):
            continue
        better = best is not None and (value > best if higher_is_better else value < best)
        if best is None or better:
            best = value
        stamp = reading.text(started_at, "started_at")
        points.append(ChartPoint(session_id, stamp, float(value), best, better))
    return Series(title, unit, higher_is_better, tuple(points))


@dataclass(frozen=True, slots=True)
class Progress:
    """Everything charted for one workout or one exercise."""

    name: str
    """The workout or the exercise, as last recorded."""
    kind: Literal["workout", "exercise"]
    """Which it is."""
    series: tuple[Series, ...]
    """Its series; those with no point left out."""

    def to_json(self) -> dict[str, Any]:
        """As ``montage stats NAME --json`` prints it."""
        return {
            "name": self.name,
            "kind": self.kind,
            "series": [series.to_json() for series in self.series],
        }


def workout_progress(conn: Connection, name: str) -> Progress | None:
    """A workout's finish times (when it has rep steps) and AMRAP rounds, oldest first.

    Args:
        conn: The log.
        name: The workout's name, in any case.

    Returns:
        The series; None when the log has no session of it.
    """
    key = workout_key(name)
    found = conn.execute(
        "SELECT workout FROM sessions WHERE workout_key = ? ORDER BY started_at DESC LIMIT 1",
        [key],
    ).fetchone()
    if found is None:
        return None
    # One pass along the workout's index: each session's finish time (when it is one) and
    # its AMRAP rounds, so that a long history is read once.
    rows = conn.execute(
        "SELECT s.id, s.started_at,"
        f" CASE WHEN s.status = 'completed' AND {NOTHING_SKIPPED} AND {REP_BASED}"
        f" THEN {number('s.active_seconds')} END,"
        f" (SELECT sum({whole('t.rounds')}) FROM steps t WHERE t.session_id = s.id"
        " AND t.mode = 'amrap' AND t.outcome = 'completed') FROM sessions s WHERE s.workout_key = ?"
        " ORDER BY s.started_at, s.id",
        [key],
    ).fetchall()
    made = (
        series_of("finish time", "seconds", False, ((r[0], r[1], r[2]) for r in rows)),
        series_of("AMRAP rounds", "rounds", True, ((r[0], r[1], r[3]) for r in rows)),
    )
    shown = Reading().text(found[0], "workout")
    return Progress(shown, "workout", tuple(series for series in made if series.points))


def exercise_progress(conn: Connection, name: str) -> Progress | None:
    """An exercise's reps per set, load and time under work in each session, oldest first.

    Args:
        conn: The log.
        name: The exercise's name as recorded; another case is found too, more slowly.

    Returns:
        The series; None when the log has no work step of that name (the moves inside an
        AMRAP or EMOM are not charted).
    """
    exact = conn.execute(
        f"SELECT name FROM steps t WHERE name = ? AND {EXERCISE} LIMIT 1", [name]
    ).fetchone()
    if exact is None:
        exact = conn.execute(
            f"SELECT name FROM steps t WHERE lower(name) = ? AND {EXERCISE} LIMIT 1",
            [name.lower()],
        ).fetchone()
    if exact is None:
        return None
    done = f"t.outcome IN {DONE_SQL}"
    rows = conn.execute(
        f"SELECT s.id, s.started_at,"
        f" avg(CASE WHEN {done} THEN {whole('t.reps')} END),"
        f" max(CASE WHEN {done} THEN {number('t.load_kg')} END),"
        f" sum(CASE WHEN t.outcome != 'skipped' THEN {number('t.actual_seconds')} END)"
        " FROM steps t JOIN sessions s ON s.id = t.session_id"
        f" WHERE t.name = ? AND {EXERCISE}"
        " GROUP BY s.id, s.started_at ORDER BY s.started_at, s.id",
        [exact[0]],
    ).fetchall()
    made = (
        series_of("reps per set", "reps", True, ((r[0], r[1], r[2]) for r in rows)),
        series_of("load", "kg", True, ((r[0], r[1], r[3]) for r in rows)),
        series_of("time under work", "seconds", True, ((r[0], r[1], r[4]) for r in rows)),
    )
    shown = Reading().text(exact[0], "name")
    return Progress(shown, "exercise", tuple(series for series in made if series.points))


def progress_of(conn: Connection, name: str) -> Progress | None:
    """The charts of a workout of that name, else of an exercise of that name."""
    return workout_progress(conn, name) or exercise_progress(conn, name)
