"""The store's writes on a PostgreSQL log: a pool of connections, and advisory locks for
the sessions that are running.

Each write is one short transaction on a connection of the pool, committed as it
ends, so many athletes' montages write at once and a step is kept the moment it
ends. A montage with a session running holds a session-level advisory lock on a
connection of its own; the server lets go of it when that connection ends, however
the process ends. The session's row names the lock (``advisory:KEY``), so whoever
finds a ``running`` session whose lock nobody holds marks it ``interrupted``, on
any machine. A pid means nothing on another machine, so it is not asked.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from montage.log.copying import copy_rows
from montage.log.errors import LogError
from montage.log.migrations import BUSY_TIMEOUT
from montage.log.postgres import (
    PREPARING,
    Rows,
    Session,
    configure,
    connect,
    prepare,
    settings,
    version,
)
from montage.log.schema import VERSION
from montage.log.sql import Connection
from montage.log.store import Store
from montage.paths import DatabaseURL
from montage.settings import athlete_and_device

POOL_SIZE = 4
"""Connections a montage keeps open to the log at most: a session's writer, the screens'
reads, and a spare."""

OWNER = "advisory:"
"""How a session's owner names the advisory lock of its process."""

HELD_LOCKS = (
    "SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks"
    " WHERE locktype = 'advisory' AND objsubid = 1 AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
)
"""SQL: the keys of the advisory locks held now in this database."""


def open_postgres(url: DatabaseURL, busy_timeout: float = BUSY_TIMEOUT) -> PostgresStore:
    """Open the PostgreSQL log at ``url``, making its tables when the database has none.

    Raises:
        LogError: The server cannot be reached or refuses montage, or the database holds
            something else, or a log of a newer montage.
    """
    conn = connect(url)
    try:
        prepare(Session(conn, url))
    except BaseException:
        conn.close()
        raise
    pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
        kwargs={**settings(url), "autocommit": True},
        configure=configure,
        min_size=1,
        max_size=POOL_SIZE,
        timeout=busy_timeout,
        name="montage-log",
        open=True,
    )
    return PostgresStore(url, pool, conn)


def read_postgres(url: DatabaseURL) -> Session | None:
    """A connection that reads the log at ``url`` (an older one is first brought up to date);
    None when the database holds no log yet.

    Raises:
        LogError: The log cannot be read.
    """
    conn = connect(url)
    try:
        db = Session(conn, url)
        found = version(db)
        if 0 < found < VERSION:
            prepare(db)
            found = VERSION
    except BaseException:
        conn.close()
        raise
    if found == 0:
        conn.close()
        return None
    return db


class Pooled:
    """Runs each statement on a connection of the pool (``montage.log.sql.Connection``)."""

    def __init__(self, pool: ConnectionPool[psycopg.Connection[Any]], url: DatabaseURL) -> None:
        self._pool = pool
        self._url = url

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A connection of the pool for a while.

        Raises:
            LogError: None came free in time, or the server cannot be reached.
        """
        try:
            with self._pool.connection() as conn:
                yield Session(conn, self._url)
        except PoolTimeout:
            raise LogError(
                f"{self._url}: cannot reach the PostgreSQL progress log (no connection came free"
                f" in {self._pool.timeout:g} s)",
                "cannot reach the PostgreSQL progress log",
            ) from None

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Rows:
        """Run one statement."""
        with self.session() as db:
            return db.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Rows:
        """Run one statement for each row of parameters, in one transaction."""
        with self.session() as db, db.transaction():
            return db.executemany(sql, parameters)


class PostgresStore(Store):
    """The store (``montage.log.store.Store``) of a PostgreSQL log; make one with
    ``open_store`` given a ``DatabaseURL``.

    Args:
        url: The log.
        pool: Connections for reads and writes.
        holder: The connection that holds this process's advisory lock once a session starts.
    """

    def __init__(
        self,
        url: DatabaseURL,
        pool: ConnectionPool[psycopg.Connection[Any]],
        holder: psycopg.Connection[Any],
    ) -> None:
        self._who = athlete_and_device()
        self._lock = threading.RLock()
        self._url = url
        self._pool = pool
        self._pooled = Pooled(pool, url)
        self._holder = holder
        self._key: int | None = None

    @property
    def readable(self) -> bool:
        """Never known without looking: another montage may write to the log at any time."""
        return False

    def found_readable(self) -> None:
        """Nothing to remember: the next export looks again."""

    @property
    def connection(self) -> Connection:
        """Runs read queries, each on a connection of the pool."""
        return self._pooled

    @property
    def location(self) -> DatabaseURL:
        """The log's URL."""
        return self._url

    def close(self) -> None:
        """Close the connections; a session still running is over (the next montage to open
        the log marks it ``interrupted``)."""
        with self._lock:
            self._pool.close()
            with suppress(psycopg.Error):
                self._holder.close()

    def copy_in(self, source: Connection) -> dict[str, int]:
        """Copy every row of another log into this one, which must hold no session yet, in one
        transaction (ids and all: a step keeps its session).

        Returns:
            How many rows of each table were copied.

        Raises:
            LogError: This log is not empty, or a read or a write failed.
        """
        with self._pooled.session() as db, db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(?)", [PREPARING])  # one copy at a time
            (held,) = db.execute("SELECT count(*) FROM sessions").fetchone()
            if held:
                raise LogError(
                    f"{self._url}: this PostgreSQL log already holds {held} session"
                    f"{'' if held == 1 else 's'}; a log is copied only into an empty one"
                )
            copied = copy_rows(source, db)
            for table in ("sessions", "steps"):  # new rows' ids go on after the copied ones
                db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" coalesce(max(id), 0) + 1, false) FROM {table}"
                )
        return copied

    def _own(self) -> str | None:
        if self._key is None:
            key = secrets.randbits(62)
            Session(self._holder, self._url).execute("SELECT pg_advisory_lock(?)", [key])
            self._key = key
        return f"{OWNER}{self._key}"

    def _insert_session(self, db: Connection, sql: str, row: tuple[object, ...]) -> int:
        return int(db.execute(f"{sql} RETURNING id", row).fetchone()[0])

    def _judge(self, alive: Callable[[int | None], bool]) -> Callable[[object, object], bool]:
        held = {key for (key,) in self._pooled.execute(HELD_LOCKS)}

        def running(pid: object, owner: object) -> bool:
            if not isinstance(owner, str) or not owner.startswith(OWNER):
                return False  # copied from an SQLite log: its process never writes here
            key = owner.removeprefix(OWNER)
            return key.isdigit() and int(key) in held

        return running

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._pooled.session() as db, db.transaction():
            yield db

    @contextmanager
    def _reading(self) -> Iterator[None]:
        yield  # its errors are already one-line LogErrors
