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

from montage.log.checked import Knowledge
from montage.log.errors import log_error
from montage.log.liveness import SessionLock, owner_alive, process_alive
from montage.log.migrations import roll_back, workout_key
from montage.log.sql import Connection
from montage.log.targets import judge_session, reset_targets
from montage.log.writes import (
    MARK_INTERRUPTED,
    MOVE_INSERT,
    SESSION_INSERT,
    SO_FAR,
    STEP_UPSERT,
    local_now,
    move_rows,
    stamp,
    step_row,
)
from montage.measures import load_kg
from montage.paths import DatabaseURL
from montage.session.events import StepResult
from montage.session.rules import Standing
from montage.session.timeline import Timeline
from montage.settings import athlete_and_device

FinalStatus = Literal["completed", "stopped", "interrupted"]
"""How a session in the log ended."""


class Store:
    """Writes sessions and their steps to the log; safe to share between threads.

    Make one with ``open_store`` or ``open_log``.

    Args:
        connection: An open connection in autocommit mode, at the current version.
        path: The database file, for messages.
    """

    def __init__(
        self, connection: sqlite3.Connection, path: Path, knowledge: Knowledge | None = None
    ) -> None:
        self._who = athlete_and_device()
        self._db = connection
        self._lock = threading.RLock()
        self._owner: SessionLock | None = None
        self._knowledge = knowledge or Knowledge(connection, path)
        self.path = path
        """The database file."""

    @property
    def readable(self) -> bool:
        """Whether the log is known to hold only what this montage can read (so an export
        need not look for what it cannot)."""
        with self._lock:
            return self._knowledge.readable

    def found_readable(self) -> None:
        """Remember that the whole log was looked at and holds only what this montage reads."""
        with self._lock:
            self._knowledge.found_readable()

    @property
    def connection(self) -> Connection:
        """The connection, for read queries; writes go through the methods."""
        return self._db

    @property
    def location(self) -> Path | DatabaseURL:
        """Where the log is: its file, or its PostgreSQL URL."""
        return self.path

    def close(self) -> None:
        """Close the connection; a session still running is over (the next reader marks it
        ``interrupted``)."""
        with self._lock:
            self._knowledge.close(self._db)
            if self._owner is not None:
                self._owner.release()
                self._owner = None

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
        with self._lock:
            owner = self._own()
        athlete, device = self._who
        row = (
            timeline.name,
            workout_key(timeline.name),
            source,
            stamp(started_at or local_now()),
            len(timeline.steps),
            timeline.total_seconds,
            os.getpid(),
            owner,
            athlete,
            device,
        )
        with self._write() as db:
            return self._insert_session(db, SESSION_INSERT, row)

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
        row = step_row(session_id, result, stamp(ended_at or local_now()))
        with self._write() as db:
            db.execute(STEP_UPSERT, row)
            if result.step.moves:
                db.executemany(MOVE_INSERT, move_rows(session_id, result))
            # a reader sees how far a running session has got
            db.execute(f"UPDATE sessions SET {SO_FAR} WHERE id = ? AND status = 'running'", row[:1])

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
        not_kept: str | None = None,
    ) -> None:
        """Close a session.

        Args:
            session_id: The session.
            status: How it ended.
            ended_at: When it ended.
            active_seconds: Time spent in its steps, pauses left out.
            steps_completed: Steps that ran out, were done or hit their cap.
            not_kept: Why some of it could not be written (``the disk is full``); None
                when all of it was.

        Raises:
            LogError: The write failed.
        """
        row = (
            status,
            stamp(ended_at),
            round(active_seconds, 3),
            steps_completed,
            not_kept,
            session_id,
        )
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, active_seconds = ?,"
                " steps_completed = ?, not_kept = coalesce(?, not_kept) WHERE id = ?",
                row,
            )

    def judge_session(self, session_id: int, timeline: Timeline) -> dict[str, Standing]:
        """Move the targets of a finished session's steps with rules on, or back: the new
        standings by rule key (``montage.log.targets``); ``LogError`` if the write fails."""
        with self._write() as db:
            return judge_session(db, workout_key(timeline.name), session_id, timeline)

    def reset_targets(self, workout: str) -> int:
        """Forget the targets a workout's sessions have grown; returns how many steps had some.
        Raises ``LogError`` when the write fails."""
        with self._write() as db:
            return reset_targets(db, workout_key(workout))

    def mark_interrupted(self, alive: Callable[[int | None], bool] | None = None) -> int:
        """Mark ``interrupted`` every session still ``running`` whose process is gone.

        A session's lock file tells (``montage.log.liveness``); a session that names none
        (from an older montage) is judged by its pid, and one of this very process
        cannot still be running now. Its steps are kept; its end, active time and steps
        done are taken from them.

        Args:
            alive: Tells whether a process id is a live process other than this one.

        Returns:
            How many sessions were marked.

        Raises:
            LogError: The log could not be read or written.
        """
        with self._reading():
            rows = self.connection.execute(
                "SELECT id, pid, owner FROM sessions WHERE status = 'running'"
            ).fetchall()
        running = self._judge(alive or process_alive)
        stale = [(session_id,) for session_id, pid, owner in rows if not running(pid, owner)]
        if not stale:
            return 0
        with self._write() as db:
            cursor = db.executemany(MARK_INTERRUPTED, stale)
            return cursor.rowcount

    # ------------------------------------------------ what each engine does its own way

    def _own(self) -> str | None:
        """What the sessions this store starts name as their owner, taking it the first time:
        a lock file held while this process runs (``montage.log.liveness``)."""
        if self._owner is None:
            self._owner = SessionLock.take(self.path)
        return self._owner.name if self._owner is not None else None

    def _insert_session(self, db: Connection, sql: str, row: tuple[object, ...]) -> int:
        """Write a session's row; its id."""
        cursor = db.execute(sql, row)
        assert isinstance(cursor, sqlite3.Cursor) and cursor.lastrowid is not None
        return cursor.lastrowid

    def _judge(self, alive: Callable[[int | None], bool]) -> Callable[[object, object], bool]:
        """Tells from a running session's pid and owner whether its process still runs it: its
        lock file, or (from an older montage, naming none) its pid."""

        def running(pid: object, owner: object) -> bool:
            held = owner_alive(self.path, owner) if owner is not None else None
            return held if held is not None else alive(pid if isinstance(pid, int) else None)

        return running

    # -------------------------------------------------------------- internals

    @contextmanager
    def _write(self) -> Iterator[Connection]:
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
            self._knowledge.failed(error)
            raise log_error(self.path, error) from None
