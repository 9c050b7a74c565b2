"""Bringing a log file to the current schema: checks, a backup, creation and migrations.

A file newer than this montage, or an SQLite file that is not a log, is refused
before anything is written to it. An older one is copied to ``NAME.vN.bak``
with SQLite's backup API, then taken up one version at a time, each in one
transaction; a failed step leaves the file as it was.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

from montage.log.checked import MADE, Knowledge, Record, check
from montage.log.errors import LogError, log_error
from montage.log.schema import MIGRATIONS, SCHEMA, VERSION
from montage.log.values import tolerant
from montage.measures import distance_m, load_kg
from montage.settings import athlete_and_device

BUSY_TIMEOUT = 5.0
"""Seconds a read or a write waits for another process's write to finish before giving up."""


def workout_key(name: str) -> str:
    """The key that groups a workout's sessions: its name in lower case."""
    return name.lower()


def known_version(db: sqlite3.Connection, path: Path) -> int:
    """The schema version of a log this montage can use: 0 for an empty database.

    Args:
        db: A connection to the file.
        path: The file, for messages.

    Returns:
        The version, at most ``VERSION``.

    Raises:
        LogError: The file is from a newer montage, or an SQLite database of another program.
        sqlite3.Error: The file cannot be read (it is no database, or damaged).
    """
    version = _version(db)  # the first read: a file that is no database fails here
    if version > VERSION:
        raise LogError(
            f"{path}: this progress log was written by a newer montage (version {version};"
            f" this one knows up to {VERSION}); update montage to use it"
        )
    if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        version = _version(db)  # another process may have made the log between the two reads
        if version == 0:
            raise LogError(f"{path}: an SQLite database, but not a montage progress log")
    return version


def open_file(
    path: Path, busy_timeout: float = BUSY_TIMEOUT
) -> tuple[sqlite3.Connection, Knowledge]:
    """Open the log file at ``path``, making it (and its folder) when needed, checked and at the
    current version.

    Raises:
        LogError: The file is newer than this montage, damaged, locked, read-only, or cannot
            be made.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LogError(f"{path.parent}: cannot make the folder ({error.strerror})") from None
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise LogError(f"{path}: the progress log is read-only; montage needs to write to it")
    try:
        connection = tolerant(
            sqlite3.connect(
                path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        )
    except sqlite3.Error as error:
        raise log_error(path, error) from None
    record = Record()
    try:
        # a damaged log is refused before anything is written to it
        known = check(connection, path, record) if known_version(connection, path) else MADE
        prepare(connection, path, busy_timeout)
        knowledge = Knowledge(connection, path, known, record)
    except sqlite3.Error as error:
        connection.close()
        raise log_error(path, error) from None
    except BaseException:
        connection.close()
        raise
    return connection, knowledge


def prepare(db: sqlite3.Connection, path: Path, busy_timeout: float = BUSY_TIMEOUT) -> None:
    """Bring a freshly opened connection and its file to the current version.

    Args:
        db: The connection, in autocommit mode.
        path: The file, for messages.
        busy_timeout: Seconds to keep trying while another process holds the file.
    """
    version = known_version(db, path)
    if 0 < version < VERSION:
        _backup(db, path, version)
    _set_wal(db, time.monotonic() + busy_timeout)
    db.execute("PRAGMA synchronous = FULL")
    if version == 0:
        _create(db)
    while 0 < (version := _version(db)) < VERSION:
        _migrate(db, path, version)
    db.execute("PRAGMA foreign_keys = ON")


def _set_wal(db: sqlite3.Connection, give_up_at: float) -> None:
    """Put the file in WAL mode. While another process is making the same new file, SQLite
    answers "busy" at once, without waiting its busy timeout: so try again until it is done."""
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            busy = getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY")
            if not busy or time.monotonic() >= give_up_at:
                raise
            time.sleep(0.01)


def _version(db: sqlite3.Connection) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def _create(db: sqlite3.Connection) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        if _version(db) == 0:  # another process may have made it meanwhile
            for statement in _statements(SCHEMA):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {VERSION}")
        db.execute("COMMIT")
    except BaseException:
        roll_back(db)
        raise


def _migrate(db: sqlite3.Connection, path: Path, version: int) -> None:
    """Take the file from ``version`` to the next in one transaction."""
    db.execute("PRAGMA foreign_keys = OFF")  # tables are rebuilt; only outside a transaction
    db.execute("BEGIN IMMEDIATE")
    try:
        if _version(db) == version:  # another process may have migrated it meanwhile
            for statement in _statements(MIGRATIONS[version]):
                db.execute(statement)
            fill = _FILL_AFTER.get(version)
            if fill is not None:
                fill(db)
            if db.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise LogError(f"{path}: a step refers to a session missing from the log")
            db.execute(f"PRAGMA user_version = {version + 1}")
        db.execute("COMMIT")
    except BaseException:
        roll_back(db)
        raise


def roll_back(db: sqlite3.Connection) -> None:
    """End the open transaction, if any, keeping nothing of it."""
    if db.in_transaction:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def _fill_numbers(db: sqlite3.Connection) -> None:
    """Fill what version 2 reads in Python: workout keys, kilograms and metres."""
    sessions = db.execute("SELECT id, workout FROM sessions").fetchall()
    db.executemany(
        "UPDATE sessions SET workout_key = ? WHERE id = ?",
        [(workout_key(workout), session_id) for session_id, workout in sessions],
    )
    steps = db.execute(
        "SELECT id, load, distance FROM steps WHERE load IS NOT NULL OR distance IS NOT NULL"
    ).fetchall()
    db.executemany(
        "UPDATE steps SET load_kg = ?, distance_m = ? WHERE id = ?",
        [(load_kg(load), distance_m(distance), step_id) for step_id, load, distance in steps],
    )


def _fill_there_and_back(db: sqlite3.Connection) -> None:
    """Version 3 reads ``20 m and back`` as 40 m: read again the distances it changes."""
    steps = db.execute(
        "SELECT id, distance FROM steps WHERE distance LIKE '%back%' OR distance LIKE '%forth%'"
    ).fetchall()
    db.executemany(
        "UPDATE steps SET distance_m = ? WHERE id = ?",
        [(distance_m(distance), step_id) for step_id, distance in steps],
    )


def _fill_who(db: sqlite3.Connection) -> None:
    """Version 4 tags each session with its athlete and device: a log file's sessions so far
    were this user's, on this machine."""
    db.execute("UPDATE sessions SET athlete = ?, device = ?", athlete_and_device())


_FILL_AFTER: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _fill_numbers,
    2: _fill_there_and_back,
    3: _fill_who,
}
"""Work done in Python after a migration's SQL, in the same transaction."""


def _backup(db: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file as it is to ``NAME.vVERSION.bak`` (never over an earlier backup)."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.v{version}.{number}.bak")
    try:
        copy = sqlite3.connect(target)
        try:
            db.backup(copy)
        finally:
            copy.close()
    except sqlite3.Error as error:
        with suppress(OSError):
            target.unlink()  # our own half-made copy, not the user's file
        raise LogError(f"{target}: cannot back up the log before updating it ({error})") from None
    return target


def _statements(script: str) -> Iterator[str]:
    """Split an SQL script into statements, to run them inside one transaction."""
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                yield buffer.strip()
            buffer = ""
