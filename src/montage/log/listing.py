"""``montage log``, ``montage stats`` and ``montage stats NAME``: open the log as every
command does, print it, and say what went wrong.

Sessions left running by a process that has died are marked ``interrupted``
first. When the disk is full that write cannot be made: the log is then shown
as it is, and the user is told why. What the log holds but montage cannot read
is named in one line after the output.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Literal, TextIO

from montage.log.charts import progress_of
from montage.log.copying import export_copy
from montage.log.errors import LogError, log_error
from montage.log.export import write_json
from montage.log.export_csv import write_csv
from montage.log.location import where_log_is
from montage.log.migrations import known_version
from montage.log.opening import mark_interrupted_sessions, open_log
from montage.log.queries import EVERYTHING, Filter
from montage.log.reading import LogService, read_connection
from montage.log.records import workouts
from montage.log.schema import SCHEMA, VERSION
from montage.log.sql import Connection
from montage.log.streaks import days_within, streaks_of, training_days, undated
from montage.log.table import write_table
from montage.log.text import progress_lines, stats_lines
from montage.log.values import Unreadable
from montage.paths import DatabaseURL
from montage.safe_text import visible

Format = Literal["table", "json", "csv"]
"""How ``montage log`` prints."""

SHOWN_AS_IT_IS = (
    "the disk is full, so sessions that ended unexpectedly cannot be marked interrupted;"
    " the log is shown as it is"
)
"""What ``montage log`` says when it can read the log but not write to it."""


def write_log(
    db: Connection, how: Format, where: Filter, out: TextIO, readable: bool = False
) -> Unreadable:
    """Print the log's sessions, newest first.

    Args:
        db: A connection to the log.
        how: As a table, JSON (sessions with their steps) or CSV (a row per step).
        where: Which sessions.
        out: Where the text goes.
        readable: The log is known to hold only what this montage can read.

    Returns:
        The sessions that could not be shown in full.

    Raises:
        sqlite3.Error: The log could not be read.
    """
    if how == "table":
        return write_table(db, where, out)
    if not isinstance(db, sqlite3.Connection):
        # a PostgreSQL log: what it shows is copied to an SQLite file, exported as any is
        with (
            TemporaryDirectory(prefix="montage-export-") as folder,
            closing(export_copy(db, where, Path(folder))) as copy,
        ):
            return write_log(copy, how, EVERYTHING, out)
    if how == "json":
        return write_json(db, where, out, readable)
    return write_csv(db, where, out, readable)


def print_log(
    path: Path | DatabaseURL | None,
    how: Format,
    where: Filter,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run ``montage log``: open the log as commands do, and print it.

    A missing log prints as an empty one, and is not made. A log that cannot be
    used gets one line on ``err``; so does what could not be read of one that can.

    Args:
        path: The database file, or a PostgreSQL log's URL; where the settings put it when None.
        how: As a table, JSON or CSV.
        where: Which sessions.
        out: Where the log goes; standard output by default.
        err: Where a problem is told; standard error by default.

    Returns:
        The exit status: 0, or 1 when the log cannot be used.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        path = where_log_is(path)
    except LogError as error:
        print(visible(f"montage: {error}"), file=err)
        return 1
    if isinstance(path, Path) and not path.exists():
        with closing(sqlite3.connect(":memory:")) as empty:
            empty.executescript(SCHEMA)
            write_log(empty, how, where, out)
        return 0
    notes: list[str] = []
    try:
        try:
            with open_log(path) as store:
                unreadable = _write(store.connection, path, how, where, out, store.readable)
                if unreadable.all_readable:
                    store.found_readable()  # the next export need not look again
        except LogError as error:
            if not error.disk_full or not isinstance(path, Path):
                raise
            notes.append(f"{path}: {SHOWN_AS_IT_IS}")
            with closing(read_connection(path)) as conn:
                if known_version(conn, path) != VERSION:
                    raise
                unreadable = _write(conn, path, how, where, out)
    except LogError as error:
        out.flush()
        print(visible(f"montage: {error}"), file=err)
        return 1
    if unreadable:
        notes.append(f"{path}: {unreadable.line()}")
    out.flush()
    for note in notes:
        print(visible(f"montage: {note}"), file=err)
    return 0


def _write(
    db: Connection,
    path: Path | DatabaseURL,
    how: Format,
    where: Filter,
    out: TextIO,
    readable: bool = False,
) -> Unreadable:
    try:
        return write_log(db, how, where, out, readable)
    except sqlite3.Error as error:
        if isinstance(path, DatabaseURL):  # the export's copy
            raise LogError(f"{path}: cannot export the log ({error})") from None
        raise log_error(path, error) from None


def print_stats(service: LogService, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``montage stats``: each workout's bests, the streaks and the training days of
    the last 4 weeks, read as every command reads the log; what could not be read is named.

    Args:
        service: The log, and what day it is.
        out: Where the lines go; standard output by default.
        err: Where a problem is told; standard error by default.

    Returns:
        The exit status: 0, or 1 when the log cannot be used.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    today = service.today()
    notes: list[str] = []
    unreadable = Unreadable()
    try:
        _mark_interrupted(service, notes)
        with service.reading() as conn:
            done = [] if conn is None else workouts(conn)
            days = {} if conn is None else training_days(conn)
            for session_id, fields in ({} if conn is None else undated(conn)).items():
                unreadable.note(session_id, fields)
    except LogError as error:
        print(visible(f"montage: {error}"), file=err)
        return 1
    for workout in done:
        unreadable.note_workout(workout.unreadable)
    if unreadable:
        notes.append(f"{service.path}: {unreadable.line()}")
    if not done:
        print("No sessions in the progress log yet. Start one with:  montage run WORKOUT", file=out)
    else:
        lines = stats_lines(done, streaks_of(days, today), days_within(days, today))
        print("\n".join(lines), file=out)
    out.flush()
    for note in notes:
        print(visible(f"montage: {note}"), file=err)
    return 0


def print_progress(
    service: LogService,
    name: str,
    as_json: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run ``montage stats NAME``: a workout's or an exercise's progress over time, each
    session's value with the best so far and the records marked.

    Args:
        service: The log.
        name: The workout's name, or else an exercise's, in any case.
        as_json: Print JSON instead of lines.
        out: Where the output goes; standard output by default.
        err: Where a problem is told; standard error by default.

    Returns:
        The exit status: 0, or 1 when the log cannot be used or has nothing of that name.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    notes: list[str] = []
    try:
        _mark_interrupted(service, notes)
        with service.reading() as conn:
            found = None if conn is None else progress_of(conn, name)
    except LogError as error:
        print(visible(f"montage: {error}"), file=err)
        return 1
    if found is None:
        missing = f"no workout or exercise called {visible(name)!r} in the progress log"
        print(f"montage: {missing}", file=err)
        return 1
    if as_json:
        print(json.dumps(found.to_json(), indent=2, ensure_ascii=False), file=out)
    else:
        print("\n".join(visible(line) for line in progress_lines(found)), file=out)
    out.flush()
    for note in notes:
        print(visible(f"montage: {note}"), file=err)
    return 0


def _mark_interrupted(service: LogService, notes: list[str]) -> None:
    """Mark the sessions of dead processes interrupted; when the disk is full, say the log
    is shown as it is (it can still be read)."""
    try:
        mark_interrupted_sessions(service.path)
    except LogError as error:
        if not error.disk_full:
            raise
        notes.append(f"{service.path}: {SHOWN_AS_IT_IS}")
