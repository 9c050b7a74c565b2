"""The progress log's SQLite file: opened safely, and written one short transaction at a time.

A ``Store`` is one connection to the log. Each write commits at once, so a
session killed at any moment keeps every step it finished. The file is in WAL
mode (readers never wait for the writer) with a busy timeout; its schema
version lives in ``PRAGMA user_version``. An older file is first copied to a
backup beside it, then migrated step by step; the user's file is never
overwritten or deleted. Whatever goes wrong (a newer, damaged, locked or
read-only file, a full disk) is one ``LogError`` with a one-line message.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Literal

from montage.log.errors import LogError, describe
from montage.log.migrations import BUSY_TIMEOUT, prepare, roll_back, workout_key
from montage.log.schema import DONE_SQL
from montage.measures import distance_m, load_kg
from montage.paths import log_database_file
from montage.session.events import StepResult
from montage.session.timeline import Timeline

FinalStatus = Literal["completed", "stopped", "interrupted"]
"""How a session in the log ended."""


def local_now() -> datetime:
    """The wall-clock time now, in the local timezone."""
    return datetime.now().astimezone()


def stamp(moment: datetime) -> str:
    """A moment as the log keeps it: ISO 8601 to the second, with its UTC offset (a naive
    moment is taken as local time)."""
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    return aware.isoformat(timespec="seconds")


def open_store(path: Path | None = None, busy_timeout: float = BUSY_TIMEOUT) -> Store:
    """Open the progress log, creating the folder and the file when needed.

    Args:
        path: The database file; ``log_database_file()`` by default.
        busy_timeout: Seconds to wait for another process's write.

    Returns:
        The store, at the current schema version.

    Raises:
        LogError: The file is newer than this montage, damaged, locked, read-only,
            or cannot be made.
    """
    path = path or log_database_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LogError(f"{path.parent}: cannot make the folder ({error.strerror})") from None
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise LogError(f"{path}: the progress log is read-only; montage needs to write to it")
    try:
        connection = sqlite3.connect(
            path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise LogError(describe(path, error)) from None
    try:
        prepare(connection, path, busy_timeout)
    except sqlite3.Error as error:
        connection.close()
        raise LogError(describe(path, error)) from None
    except BaseException:
        connection.close()
        raise
    return Store(connection, path)


def open_log(path: Path | None = None, busy_timeout: float = BUSY_TIMEOUT) -> Store:
    """Open the log as every command that uses it should: sessions left running by a
    process that has died are marked ``interrupted`` first.

    Args:
        path: The database file; ``log_database_file()`` by default.
        busy_timeout: Seconds to wait for another process's write.

    Returns:
        The store.

    Raises:
        LogError: The log cannot be used.
    """
    store = open_store(path, busy_timeout)
    try:
        store.mark_interrupted()
    except BaseException:
        store.close()
        raise
    return store


def mark_interrupted_sessions(path: Path | None = None) -> int:
    """Mark the sessions of dead processes ``interrupted``, as a command (or the app) that
    reads the log should first; a log that does not exist yet is not made.

    Args:
        path: The database file; ``log_database_file()`` by default.

    Returns:
        How many sessions were marked.

    Raises:
        LogError: The log cannot be used.
    """
    path = path or log_database_file()
    if not path.exists():
        return 0
    with open_store(path) as store:
        return store.mark_interrupted()


class Store:
    """Writes sessions and their steps to the log; safe to share between threads.

    Make one with ``open_store`` or ``open_log``.

    Args:
        connection: An open connection in autocommit mode, at the current version.
        path: The database file, for messages.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self._lock = threading.RLock()
        self.path = path
        """The database file."""

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection, for read queries; writes go through the methods."""
        return self._db

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # ----------------------------------------------------------------- writes

    def start_session(
        self, timeline: Timeline, source: str | None = None, started_at: datetime | None = None
    ) -> int:
        """Write a new session, ``running``, owned by this process.

        Args:
            timeline: The workout being done.
            source: Where the workout came from (its file).
            started_at: When it started; now by default.

        Returns:
            The session's id.

        Raises:
            LogError: The write failed.
        """
        row = (
            timeline.name,
            workout_key(timeline.name),
            source,
            stamp(started_at or local_now()),
            len(timeline.steps),
            timeline.total_seconds,
            os.getpid(),
        )
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO sessions (workout, workout_key, source, started_at, status,"
                " steps_total, planned_seconds, pid) VALUES (?, ?, ?, ?, 'running', ?, ?, ?)",
                row,
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def record_step(
        self, session_id: int, result: StepResult, ended_at: datetime | None = None
    ) -> None:
        """Write a finished step; a step done again (after back) replaces its row.

        Args:
            session_id: The session.
            result: What happened in the step.
            ended_at: When it ended; now by default.

        Raises:
            LogError: The write failed.
        """
        step = result.step
        reps = step.reps if result.outcome == "done" else None
        row = (
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
            stamp(ended_at or local_now()),
        )
        with self._write() as db:
            db.execute(
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
                " rounds = excluded.rounds, entered = 0, ended_at = excluded.ended_at",
                row,
            )

    def enter_result(
        self,
        session_id: int,
        position: int,
        reps: int | None = None,
        rounds: int | None = None,
        load: str | None = None,
    ) -> bool:
        """Keep what the user typed in for a finished step; what is None stays as it was.

        Args:
            session_id: The session.
            position: The step's place in the timeline.
            reps: Reps done.
            rounds: Rounds done, for an AMRAP.
            load: The load used, as text (``20kg``).

        Returns:
            Whether the step was found.

        Raises:
            LogError: The write failed.
        """
        with self._write() as db:
            cursor = db.execute(
                "UPDATE steps SET reps = coalesce(?, reps), rounds = coalesce(?, rounds),"
                " load = coalesce(?, load), load_kg = CASE WHEN ? THEN ? ELSE load_kg END,"
                " entered = 1 WHERE session_id = ? AND position = ?",
                (reps, rounds, load, load is not None, load_kg(load), session_id, position),
            )
            return cursor.rowcount > 0

    def finish_session(
        self,
        session_id: int,
        status: FinalStatus,
        ended_at: datetime,
        active_seconds: float,
        steps_completed: int,
    ) -> None:
        """Close a session.

        Args:
            session_id: The session.
            status: How it ended.
            ended_at: When it ended.
            active_seconds: Time spent in its steps, pauses left out.
            steps_completed: Steps that ran out, were done or hit their cap.

        Raises:
            LogError: The write failed.
        """
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, active_seconds = ?,"
                " steps_completed = ? WHERE id = ?",
                (status, stamp(ended_at), round(active_seconds, 3), steps_completed, session_id),
            )

    def mark_interrupted(self, alive: Callable[[int | None], bool] | None = None) -> int:
        """Mark ``interrupted`` every session still ``running`` whose process is gone
        (or is this very process: a session of ours cannot still be running now).

        Its steps are kept; its end, active time and steps done are taken from them.

        Args:
            alive: Tells whether a process id is a live process other than this one.

        Returns:
            How many sessions were marked.

        Raises:
            LogError: The log could not be read or written.
        """
        alive = alive or process_alive
        with self._reading():
            rows = self._db.execute("SELECT id, pid FROM sessions WHERE status = 'running'")
            stale = [(session_id,) for session_id, pid in rows.fetchall() if not alive(pid)]
        if not stale:
            return 0
        with self._write() as db:
            cursor = db.executemany(
                "UPDATE sessions SET status = 'interrupted',"
                " ended_at = coalesce(ended_at,"
                "   (SELECT max(ended_at) FROM steps WHERE session_id = sessions.id)),"
                " active_seconds ="
                "   (SELECT coalesce(sum(actual_seconds), 0) FROM steps"
                "    WHERE session_id = sessions.id),"
                " steps_completed = (SELECT count(*) FROM steps"
                f"   WHERE session_id = sessions.id AND outcome IN {DONE_SQL})"
                " WHERE id = ? AND status = 'running'",
                stale,
            )
            return cursor.rowcount

    # -------------------------------------------------------------- internals

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction: taken at once, committed at the end."""
        with self._lock, self._reading():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                roll_back(self._db)
                raise

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn SQLite's errors into one-line ``LogError`` messages."""
        try:
            with self._lock:
                yield
        except sqlite3.Error as error:
            raise LogError(describe(self.path, error)) from None


def process_alive(pid: int | None) -> bool:
    """Whether ``pid`` is a live process other than this one."""
    if pid is None or pid <= 0 or pid == os.getpid():
        return False
    if os.name == "nt":
        # os.kill would end the process there; keep its session as it is.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OSError, OverflowError):
        return False
    return True
