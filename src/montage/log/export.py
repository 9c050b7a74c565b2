"""``montage log``: the sessions of the progress log as a table, JSON or CSV.

Each export is one query that is written out as it is read, so a log of any
size streams out in constant memory: JSON is built by SQLite itself, a session
and its steps per row; CSV is the sessions joined with their steps, a row per
step with its session's fields, also written by SQLite.
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Literal, TextIO

from montage.durations import format_clock
from montage.log.errors import LogError, log_error
from montage.log.queries import MOST_ROWS, NEWEST_FIRST, Filter
from montage.log.schema import SCHEMA
from montage.log.store import open_log

Format = Literal["table", "json", "csv"]
"""How ``montage log`` prints."""

SESSION_FIELDS = (
    "id",
    "workout",
    "source",
    "started_at",
    "ended_at",
    "status",
    "steps_completed",
    "steps_total",
    "active_seconds",
    "planned_seconds",
)
"""A session's fields in the exports, in order."""

STEP_FIELDS = (
    "position",
    "kind",
    "name",
    "mode",
    "outcome",
    "planned_seconds",
    "actual_seconds",
    "reps",
    "rounds",
    "load",
    "load_kg",
    "distance",
    "distance_m",
    "entered",
    "ended_at",
)
"""A step's fields in the exports, in order."""

EMPTY_LOG = "No sessions in the log yet. Start one with:  montage run WORKOUT"
"""What the table says for an empty log."""


def _sessions_where(where: Filter) -> tuple[str, list[object]]:
    """The SQL condition on ``sessions`` (as ``s``) for a filter, its limit included: the
    newest ``limit`` sessions it lets through."""
    conditions, parameters = where.where()
    if where.limit is not None:
        inner = " AND ".join(conditions) or "1"
        conditions = [
            f"s.id IN (SELECT s.id FROM sessions s WHERE {inner} ORDER BY {NEWEST_FIRST} LIMIT ?)"
        ]
        parameters.append(min(where.limit, MOST_ROWS))
    return " AND ".join(conditions) or "1", parameters


def print_log(
    path: Path, how: Format, where: Filter, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run ``montage log``: open the log as commands do, and print it.

    A missing log prints as an empty one, and is not made. A log that cannot be
    used gets one line on ``err``.

    Args:
        path: The database file.
        how: As a table, JSON or CSV.
        where: Which sessions.
        out: Where the log goes; standard output by default.
        err: Where a problem is told; standard error by default.

    Returns:
        The exit status: 0, or 1 when the log cannot be used.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if not path.exists():
        with closing(sqlite3.connect(":memory:")) as empty:
            empty.executescript(SCHEMA)
            write_log(empty, how, where, out)
        return 0
    try:
        with open_log(path) as store:
            try:
                write_log(store.connection, how, where, out)
            except sqlite3.Error as error:
                raise log_error(path, error) from None
    except LogError as error:
        out.flush()
        print(f"montage: {error}", file=err)
        return 1
    return 0


def write_log(db: sqlite3.Connection, how: Format, where: Filter, out: TextIO) -> None:
    """Print the log's sessions, newest first.

    Args:
        db: A connection to the log.
        how: As a table, JSON (sessions with their steps) or CSV (a row per step).
        where: Which sessions.
        out: Where the text goes.

    Raises:
        sqlite3.Error: The log could not be read.
    """
    if how == "table":
        _write_table(db, where, out)
    elif how == "json":
        _write_json(db, where, out)
    else:
        _write_csv(db, where, out)


def _write_json(db: sqlite3.Connection, where: Filter, out: TextIO) -> None:
    # SQLite writes each session's JSON itself: three times faster than building it here.
    condition, parameters = _sessions_where(where)
    session = ", ".join(f"'{name}', s.{name}" for name in SESSION_FIELDS)
    step = ", ".join(
        f"'{name}', CASE WHEN t.entered THEN json('true') ELSE json('false') END"
        if name == "entered"
        else f"'{name}', t.{name}"
        for name in STEP_FIELDS
    )
    # The steps come in order through the (session_id, position) index. The session and its
    # steps are two texts joined here: a JSON value does not keep its "is JSON" mark through
    # a subquery on every SQLite, and json() to restore it would parse every list again.
    cursor = db.execute(
        f"SELECT json_object({session}), (SELECT json_group_array(json_object({step}))"
        " FROM steps t WHERE t.session_id = s.id)"
        f" FROM sessions s WHERE {condition} ORDER BY {NEWEST_FIRST}",
        parameters,
    )
    first = True
    out.write("[")
    for head, steps in cursor:
        out.write("\n" if first else ",\n")
        out.write(f'{head[:-1]},"steps":{steps}}}')
        first = False
    out.write("]\n" if first else "\n]\n")


def _write_csv(db: sqlite3.Connection, where: Filter, out: TextIO) -> None:
    # SQLite writes each line with printf: twice as fast as the csv module on a million
    # steps. Text is always quoted (a missing value stays empty); numbers and stamps never
    # need it.
    condition, parameters = _sessions_where(where)
    session_line, session_values = _csv_line("s", SESSION_FIELDS)
    step_line, step_values = _csv_line("t", STEP_FIELDS)
    no_steps = "," * len(STEP_FIELDS)
    cursor = db.execute(
        f"SELECT CASE WHEN t.id IS NULL"
        f" THEN printf('{session_line}{no_steps}', {', '.join(session_values)})"
        f" ELSE printf('{session_line},{step_line}', {', '.join(session_values + step_values)})"
        " END FROM sessions s LEFT JOIN steps t ON t.session_id = s.id"
        f" WHERE {condition} ORDER BY {NEWEST_FIRST}, t.position",
        parameters,
    )
    header = ["session_id", *SESSION_FIELDS[1:], *(f"step_{name}" for name in STEP_FIELDS)]
    out.write(",".join(header) + "\n")
    cursor.arraysize = 1000
    while rows := cursor.fetchmany():
        out.write("\n".join([row[0] for row in rows]))
        out.write("\n")


_TEXT = frozenset(("workout", "status", "kind", "name", "mode", "outcome"))
"""Text columns never NULL in a row that has them."""

_TEXT_OR_NULL = frozenset(("source", "load", "distance"))
"""Text columns that may be NULL."""


def _csv_line(table: str, names: tuple[str, ...]) -> tuple[str, list[str]]:
    """A printf format writing ``names`` of ``table`` as CSV fields, and its arguments."""
    formats: list[str] = []
    values: list[str] = []
    for name in names:
        column = f"{table}.{name}"
        if name in _TEXT:
            formats.append('"%w"')  # %w doubles the double quotes
            values.append(column)
        elif name in _TEXT_OR_NULL:
            formats.append("%s")
            values.append(
                f"""CASE WHEN {column} IS NULL THEN '' ELSE '"' || replace({column}, '"', '""')"""
                """ || '"' END"""
            )
        else:
            formats.append("%s")
            values.append(column)
    return ",".join(formats), values


def _write_table(db: sqlite3.Connection, where: Filter, out: TextIO) -> None:
    condition, parameters = _sessions_where(where)
    rows = db.execute(
        "SELECT s.started_at, s.workout, s.active_seconds, s.status, s.steps_completed,"
        f" s.steps_total FROM sessions s WHERE {condition} ORDER BY {NEWEST_FIRST}",
        parameters,
    ).fetchall()
    if not rows:
        out.write(("No sessions match." if where.narrowed else EMPTY_LOG) + "\n")
        return
    width = min(32, max(len("WORKOUT"), *(len(row[1]) for row in rows)))
    out.write(f"{'DATE':<16}  {'WORKOUT':<{width}}  {'TIME':>7}  {'STATUS':<11}  STEPS\n")
    for started, workout, active, status, done, total in rows:
        day = started[:16].replace("T", " ")
        name = workout if len(workout) <= width else workout[: width - 1] + "…"
        clock = format_clock(active)
        out.write(f"{day:<16}  {name:<{width}}  {clock:>7}  {status:<11}  {done}/{total}\n")
    out.write(f"\n{len(rows)} session{'s' if len(rows) != 1 else ''}\n")
