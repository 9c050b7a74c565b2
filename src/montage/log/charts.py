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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, islice
from operator import ne
from typing import Any, Literal, overload

from montage.log.migrations import workout_key
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


class Points(Sequence[ChartPoint]):
    """A series' points, kept as columns: a point is made only when it is asked for, so a long
    history drawn thinned makes the few it draws, not one for each session."""

    __slots__ = ("_bests", "_ids", "_records", "_rows", "_started", "_values", "record_indices")

    def __init__(
        self,
        ids: Sequence[int],
        started: Sequence[object],
        rows: Sequence[int],
        values: Sequence[float],
        bests: Sequence[float],
    ) -> None:
        """Args:
        ids: Every session's id, as read.
        started: Every session's start, as read.
        rows: Which of those sessions have a value, in order.
        values: Their values.
        bests: The best up to and including each of them.
        """
        self._ids = ids
        self._started = started
        self._rows = rows
        self._values = values
        self._bests = bests
        # A record is where the best moved: it stays the very same value until beaten.
        self.record_indices: tuple[int, ...] = tuple(
            compress(range(1, len(bests)), map(ne, islice(bests, 1, None), bests))
        )
        """Where the points that set a record are, in order."""
        self._records = frozenset(self.record_indices)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> ChartPoint: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[ChartPoint, ...]: ...

    def __getitem__(self, index: int | slice) -> ChartPoint | tuple[ChartPoint, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        row = self._rows[index]
        stamp = Reading().text(self._started[row], "started_at")
        best = self._bests[index]
        value = float(self._values[index])
        return ChartPoint(self._ids[row], stamp, value, best, index in self._records)

    def __iter__(self) -> Iterator[ChartPoint]:
        return (self[i] for i in range(len(self)))


def points_of(
    ids: Sequence[int],
    started: Sequence[object],
    values: Sequence[float | None],
    higher_is_better: bool,
) -> Points:
    """A series' points from columns of every session, oldest first: those with no value left
    out, each with the best so far.

    Args:
        ids: The sessions' ids.
        started: When each started.
        values: Each one's value: a finite number, or None.
        higher_is_better: Whether more is better.
    """
    rows = [i for i, value in enumerate(values) if value is not None]
    kept = [values[i] for i in rows]
    # max and min keep the first of equals, so a tie leaves the best as it was.
    bests = list(accumulate(kept, max if higher_is_better else min))  # type: ignore[arg-type]
    return Points(ids, started, rows, kept, bests)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Series:
    """Values over time, oldest first."""

    title: str
    """What it shows: ``finish time``, ``AMRAP rounds``, ``reps per set``, ``load``..."""
    unit: Unit
    """What it counts."""
    higher_is_better: bool
    """Whether more is better (rounds, reps, load) or less (time)."""
    points: Points
    """The sessions' values, oldest first."""

    @property
    def records(self) -> tuple[ChartPoint, ...]:
        """The points that set a record."""
        return tuple(self.points[i] for i in self.points.record_indices)

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
    ids, started, values = columns(list(rows), 3)
    values = [None if value is None or not math.isfinite(value) else value for value in values]
    return Series(title, unit, higher_is_better, points_of(ids, started, values, higher_is_better))


def columns(rows: list[Any], width: int) -> list[Sequence[Any]]:
    """Rows read from the log as ``width`` columns (empty ones when there is no row)."""
    return list(zip(*rows, strict=True)) if rows else [()] * width


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
    # One pass along the workout's index, each session's steps read once in a join that
    # keeps only those that decide something: its finish time counts when it has a rep step
    # and skipped no work, and its AMRAP rounds are summed.
    rows = conn.execute(
        "SELECT s.id, s.started_at,"
        " CASE WHEN s.status = 'completed' AND count(CASE WHEN t.mode = 'reps' THEN 1 END) > 0"
        " AND count(CASE WHEN t.kind = 'work' AND t.outcome = 'skipped' THEN 1 END) = 0"
        f" THEN {number('s.active_seconds')} END,"
        " sum(CASE WHEN t.mode = 'amrap' AND t.outcome = 'completed'"
        f" THEN {whole('t.rounds')} END)"
        " FROM sessions s LEFT JOIN steps t ON t.session_id = s.id"
        " AND (t.mode IN ('reps', 'amrap') OR t.outcome = 'skipped')"
        " WHERE s.workout_key = ? GROUP BY s.started_at, s.id ORDER BY s.started_at, s.id",
        [key],
    ).fetchall()
    ids, started, finish, rounds = columns(rows, 4)
    made = (
        Series("finish time", "seconds", False, points_of(ids, started, finish, False)),
        Series("AMRAP rounds", "rounds", True, points_of(ids, started, rounds, True)),
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
    under_work = f"sum(CASE WHEN t.outcome != 'skipped' THEN {number('t.actual_seconds')} END)"
    rows = conn.execute(
        f"SELECT s.id, s.started_at,"
        f" avg(CASE WHEN {done} THEN {whole('t.reps')} END),"
        f" max(CASE WHEN {done} THEN {number('t.load_kg')} END),"
        # A sum of finite times can still overflow to an infinity.
        f" {number(under_work)}"
        " FROM steps t JOIN sessions s ON s.id = t.session_id"
        f" WHERE t.name = ? AND {EXERCISE}"
        " GROUP BY s.started_at, s.id ORDER BY s.started_at, s.id",
        [exact[0]],
    ).fetchall()
    ids, started, reps, load, seconds = columns(rows, 5)
    made = (
        Series("reps per set", "reps", True, points_of(ids, started, reps, True)),
        Series("load", "kg", True, points_of(ids, started, load, True)),
        Series("time under work", "seconds", True, points_of(ids, started, seconds, True)),
    )
    shown = Reading().text(exact[0], "name")
    return Progress(shown, "exercise", tuple(series for series in made if series.points))


def progress_of(conn: Connection, name: str) -> Progress | None:
    """The charts of a workout of that name, else of an exercise of that name."""
    return workout_progress(conn, name) or exercise_progress(conn, name)
