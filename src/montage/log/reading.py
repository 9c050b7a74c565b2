"""Opening the progress log to read it: read-only, one short-lived connection per task.

A log is read even when its disk is full: SQLite then cannot make the small
shared-memory file WAL mode reads through, so the file is read through memory of
this process instead, locked for the moment of the read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from montage.log.errors import LogError, disk_full, log_error
from montage.log.location import where_log_is
from montage.log.migrations import BUSY_TIMEOUT, known_version
from montage.log.schema import VERSION
from montage.log.sql import Connection
from montage.log.values import tolerant
from montage.paths import DatabaseURL

if TYPE_CHECKING:
    from montage.log.postgres import Session


def read_connection(path: Path) -> sqlite3.Connection:
    """A connection that reads the log at ``path`` and never writes to it.

    Its text factory reads text that is not UTF-8 (``montage.log.values``).

    Raises:
        LogError: The file cannot be opened or read.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    except sqlite3.Error as error:
        raise log_error(path, error) from None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read
        return tolerant(conn)
    except sqlite3.Error as error:
        conn.close()
        full = getattr(error, "sqlite_errorname", "").startswith(("SQLITE_IOERR", "SQLITE_FULL"))
        if not (full and disk_full(path)):
            raise log_error(path, error) from None
    return _read_without_shared_memory(path)


def _read_without_shared_memory(path: Path) -> sqlite3.Connection:
    """Read a log on a full disk: in exclusive locking mode SQLite keeps the WAL's index in
    this process's memory and needs no shared-memory file. Only reads go through it."""
    try:
        conn = tolerant(sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None))
    except sqlite3.Error as error:
        raise log_error(path, error) from None
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        conn.close()
        raise log_error(path, error) from None
    return conn


class LogService:
    """Opens the log database for reading, and knows what day it is.

    Args:
        path: The database; the one in montage's data folder (looked up when
            opened) by default.
        today: The local date today; the system's by default.
    """

    def __init__(
        self, path: Path | DatabaseURL | None = None, today: Callable[[], date] = date.today
    ) -> None:
        self._path = path
        self._today = today

    @property
    def path(self) -> Path | DatabaseURL:
        """The database file, or the PostgreSQL log's URL.

        Raises:
            LogError: The settings name a database montage cannot use.
        """
        return where_log_is(self._path)

    def today(self) -> date:
        """The local date today."""
        return self._today()

    def connect(self) -> sqlite3.Connection | Session | None:
        """A read-only connection to the log, for the calling thread.

        A log from an older montage is first brought up to date (with a backup) by
        the store, as any command that writes to it would.

        Returns:
            The connection, or None when there is no log yet (no file, or no tables).

        Raises:
            LogError: The file cannot be read, is not a montage log, or is from a
                newer montage; the text is one line for the user.
        """
        path = self.path
        if isinstance(path, DatabaseURL):
            from montage.log.postgres_store import read_postgres  # psycopg loads only here

            return read_postgres(path)
        if not path.is_file():
            return None
        conn, version = self._open(path)
        if 0 < version < VERSION:
            conn.close()
            from montage.log.opening import open_store  # only for an old file, which is rare

            open_store(path).close()
            conn, version = self._open(path)
        if version == 0:
            conn.close()
            return None
        return conn

    def connect_current(self) -> sqlite3.Connection | Session | None:
        """A read-only connection to the log when it is at this montage's version, else None:
        nothing is brought up to date (an older log has nothing a newer version adds).

        Raises:
            LogError: The file cannot be read, is not a montage log, or is from a newer
                montage.
        """
        path = self.path
        if isinstance(path, DatabaseURL):
            from montage.log.postgres_store import read_postgres  # psycopg loads only here

            return read_postgres(path, update=False)
        if not path.is_file():
            return None
        conn, version = self._open(path)
        if version != VERSION:
            conn.close()
            return None
        return conn

    @staticmethod
    def _open(path: Path) -> tuple[sqlite3.Connection, int]:
        conn = read_connection(path)
        try:
            return conn, known_version(conn, path)
        except sqlite3.Error as error:
            conn.close()
            raise log_error(path, error) from None
        except LogError:
            conn.close()
            raise

    @contextmanager
    def reading(self) -> Iterator[Connection | None]:
        """``connect`` for a ``with`` block, closing the connection after it.

        Raises:
            LogError: The log cannot be opened, or a query on it failed.
        """
        conn = self.connect()
        if conn is None:
            yield None
            return
        with closing(conn):
            try:
                yield conn
            except sqlite3.Error as error:
                path = self.path
                assert isinstance(path, Path)  # only an SQLite log raises SQLite's errors
                raise log_error(path, error) from None
