"""Questions asked of the progress log about its sessions: which, page by page, and their steps.

Every function takes an open ``sqlite3`` connection on the current schema
(``montage.log.schema.SCHEMA``) and only reads. Dates are the local dates the
sessions were recorded in: the first ten characters of ``started_at``.

Bests, charts, totals and records are in ``montage.log.records``; streaks and the
calendar of training days in ``montage.log.streaks``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from montage.log.schema import DONE_SQL
from montage.log.sql import Connection
from montage.log.values import Reading

TRAINED = (
    "EXISTS (SELECT 1 FROM steps t WHERE t.session_id = s.id"
    f" AND t.kind = 'work' AND t.outcome IN {DONE_SQL})"
)
"""SQL: session ``s`` finished at least one work step."""

NEWEST_FIRST = "s.started_at DESC, s.id DESC"
"""SQL: the order sessions ``s`` are listed in, newest first (along the start index)."""

MOST_ROWS = 2**63 - 1
"""The most rows SQLite can count: a larger limit lets every row through."""

SESSION_COLUMNS = (
    "s.id, s.workout, s.workout_key, s.started_at, s.ended_at, s.status,"
    " s.steps_total, s.steps_completed, s.active_seconds, s.planned_seconds, s.not_kept"
)
"""SQL: what ``SessionRow`` is made of, in its order."""


@dataclass(frozen=True, slots=True)
class Filter:
    """Which sessions to show; every field left None lets all through."""

    workout_key: str | None = None
    """Only this workout (its name folded to lower case: ``workout_key``)."""
    since: date | None = None
    """Only sessions on or after this local date."""
    until: date | None = None
    """Only sessions on or before this local date."""
    limit: int | None = None
    """Only the most recent this many, where a listing asks for it (``montage log``)."""

    @property
    def narrowed(self) -> bool:
        """Whether anything is left out."""
        fields = (self.workout_key, self.since, self.until, self.limit)
        return any(value is not None for value in fields)

    def where(self) -> tuple[list[str], list[object]]:
        """SQL conditions on sessions ``s`` and their parameters (the limit is not one)."""
        conditions: list[str] = []
        parameters: list[object] = []
        if self.workout_key is not None:
            conditions.append("s.workout_key = ?")
            parameters.append(self.workout_key)
        if self.since is not None:
            # started_at begins with the local date, so text order is date order
            conditions.append("s.started_at >= ?")
            parameters.append(self.since.isoformat())
        if self.until is not None:
            conditions.append("s.started_at < ?")  # before the next day begins
            parameters.append((self.until + timedelta(days=1)).isoformat())
        return conditions, parameters


EVERYTHING = Filter()
"""The filter that lets every session through."""


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One session as the log lists it."""

    id: int
    """Its row id."""
    workout: str
    """The workout's name."""
    workout_key: str
    """The workout's name folded to lower case."""
    started_at: str
    """ISO 8601 local time with its offset."""
    ended_at: str | None
    """When it ended; None while running or after a crash."""
    status: str
    """running, completed, stopped or interrupted (or what a newer montage wrote)."""
    steps_total: int
    """Steps in its timeline."""
    steps_completed: int
    """Steps finished."""
    active_seconds: float
    """Time spent in steps, pauses left out."""
    planned_seconds: float | None
    """The workout's planned length."""
    not_kept: str | None = None
    """Why some of it could not be written (``the disk is full``); None when all of it was."""
    unreadable: tuple[str, ...] = ()
    """The fields whose value the log holds in a form this montage cannot read (text in a
    number column, bytes that are not UTF-8): numbers among them read as 0, text shows
    U+FFFD for each bad byte. Named by column (``active_seconds``)."""

    @property
    def day(self) -> date | None:
        """The local date it started on; None when its start cannot be read."""
        try:
            return date.fromisoformat(self.started_at[:10])
        except ValueError:
            return None

    @property
    def completion(self) -> float:
        """The share of its steps finished, 0 to 1."""
        if self.steps_total <= 0:
            return 0.0
        return min(1.0, max(0.0, self.steps_completed / self.steps_total))

    @property
    def fully_kept(self) -> bool:
        """Whether every write of it was kept."""
        return self.not_kept is None

    @property
    def cursor(self) -> Cursor:
        """The keyset position just after this row."""
        return Cursor(self.started_at, self.id)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ends: the next page starts with sessions before this one."""

    started_at: str
    """The last row's start."""
    id: int
    """The last row's id, to break ties."""


@dataclass(frozen=True, slots=True)
class Page:
    """Some sessions, newest first, and where the next page starts."""

    rows: tuple[SessionRow, ...]
    """The sessions."""
    next: Cursor | None
    """Pass to ``sessions_page`` for the next page; None when this is the last."""


def session_row(row: tuple[object, ...]) -> SessionRow:
    """A ``SessionRow`` from the values of ``SESSION_COLUMNS``, whatever the log holds."""
    read = Reading()
    session = SessionRow(
        id=int(row[0]),  # type: ignore[call-overload]  # an INTEGER PRIMARY KEY is one
        workout=read.text(row[1], "workout"),
        workout_key=read.text(row[2], "workout_key"),
        started_at=read.text(row[3], "started_at"),
        ended_at=read.optional_text(row[4], "ended_at"),
        status=read.text(row[5], "status"),
        steps_total=read.whole(row[6], "steps_total") or 0,
        steps_completed=read.whole(row[7], "steps_completed") or 0,
        active_seconds=read.number(row[8], "active_seconds") or 0.0,
        planned_seconds=read.number(row[9], "planned_seconds"),
        not_kept=read.optional_text(row[10], "not_kept"),
    )
    return replace(session, unreadable=read.found()) if read.unreadable else session


def sessions_page(
    conn: Connection,
    where: Filter = EVERYTHING,
    after: Cursor | None = None,
    limit: int = 100,
) -> Page:
    """A page of sessions, newest first, by keyset so that any page is as fast as the first.

    Args:
        conn: The log.
        where: Which sessions.
        after: The ``next`` of the previous page; None for the first page.
        limit: At most this many rows.

    Returns:
        The page.
    """
    conditions, parameters = where.where()
    if after is not None:
        conditions.append("(s.started_at, s.id) < (?, ?)")
        parameters += [after.started_at, after.id]
    sql = (
        f"SELECT {SESSION_COLUMNS} FROM sessions s {where_clause(conditions)}"
        f" ORDER BY {NEWEST_FIRST} LIMIT ?"
    )
    rows = tuple(
        session_row(row) for row in conn.execute(sql, [*parameters, min(limit, MOST_ROWS - 1) + 1])
    )
    if len(rows) > limit:
        return Page(rows[:limit], rows[limit - 1].cursor)
    return Page(rows, None)


def count_sessions(conn: Connection, where: Filter = EVERYTHING) -> int:
    """How many sessions a filter lets through."""
    conditions, parameters = where.where()
    sql = f"SELECT count(*) FROM sessions s {where_clause(conditions)}"
    return int(conn.execute(sql, parameters).fetchone()[0])


def where_clause(conditions: list[str]) -> str:
    return "WHERE " + " AND ".join(conditions) if conditions else ""


@dataclass(frozen=True, slots=True)
class StepRow:
    """One step of a session, as it was recorded."""

    position: int
    """Its place in the timeline, from 0."""
    kind: str
    """prepare, work, rest or cooldown."""
    name: str
    """What it was called."""
    mode: str
    """timed, reps, amrap or emom."""
    outcome: str
    """completed, done, capped, skipped or stopped."""
    planned_seconds: float | None
    """Its planned length or cap."""
    actual_seconds: float
    """Time spent in it."""
    reps: int | None
    """Reps done."""
    rounds: int | None
    """AMRAP rounds, or 1/0 for an EMOM interval made in time."""
    load: str | None
    """What was lifted or carried."""
    distance: str | None
    """How far."""
    unreadable: tuple[str, ...] = ()
    """The fields the log holds in a form this montage cannot read (see
    ``SessionRow.unreadable``); ``step_planned_seconds`` for its planned time."""


STEP_COLUMNS = (
    "position, kind, name, mode, outcome, planned_seconds, actual_seconds,"
    " reps, rounds, load, distance"
)
"""SQL: what ``StepRow`` is made of, in its order."""


def step_row(row: tuple[object, ...]) -> StepRow:
    """A ``StepRow`` from the values of ``STEP_COLUMNS``, whatever the log holds."""
    read = Reading()
    step = StepRow(
        position=read.whole(row[0], "position") or 0,
        kind=read.text(row[1], "kind"),
        name=read.text(row[2], "name"),
        mode=read.text(row[3], "mode"),
        outcome=read.text(row[4], "outcome"),
        planned_seconds=read.number(row[5], "step_planned_seconds"),
        actual_seconds=read.number(row[6], "actual_seconds") or 0.0,
        reps=read.whole(row[7], "reps"),
        rounds=read.whole(row[8], "rounds"),
        load=read.optional_text(row[9], "load"),
        distance=read.optional_text(row[10], "distance"),
    )
    return replace(step, unreadable=read.found()) if read.unreadable else step


@dataclass(frozen=True, slots=True)
class SessionDetail:
    """A session and every step it recorded."""

    session: SessionRow
    """The session."""
    steps: tuple[StepRow, ...]
    """Its steps in timeline order."""

    @property
    def unreadable(self) -> tuple[str, ...]:
        """The fields of the session and of its steps that could not be read as they are."""
        fields = [*self.session.unreadable]
        for step in self.steps:
            fields.extend(step.unreadable)
        return tuple(dict.fromkeys(fields))


def session_detail(conn: Connection, session_id: int) -> SessionDetail | None:
    """A session with its steps; None when there is no such session."""
    row = conn.execute(f"SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.id = ?", [session_id])
    found = row.fetchone()
    if found is None:
        return None
    steps = conn.execute(
        f"SELECT {STEP_COLUMNS} FROM steps WHERE session_id = ? ORDER BY position", [session_id]
    )
    return SessionDetail(session_row(found), tuple(step_row(step) for step in steps))
