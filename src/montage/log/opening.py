"""Opening the progress log: its SQLite file or its PostgreSQL database, as the path or
the settings say, with the sessions of processes that died marked ``interrupted``."""

from __future__ import annotations

from pathlib import Path

from montage.log.location import where_log_is
from montage.log.migrations import BUSY_TIMEOUT, open_file
from montage.log.store import Store
from montage.paths import DatabaseURL


def open_store(path: Path | DatabaseURL | None = None, busy_timeout: float = BUSY_TIMEOUT) -> Store:
    """Open the progress log, creating the folder and the file (or the tables) when needed.

    Args:
        path: The database file, or a PostgreSQL log's URL; where the settings put the log
            by default.
        busy_timeout: Seconds to wait for another process's write.

    Returns:
        The store, at the current schema version.

    Raises:
        LogError: The file is newer than this montage, damaged, locked, read-only,
            or cannot be made.
    """
    path = where_log_is(path)
    if isinstance(path, DatabaseURL):
        from montage.log.postgres_store import open_postgres  # psycopg loads only here

        return open_postgres(path, busy_timeout)
    connection, knowledge = open_file(path, busy_timeout)
    return Store(connection, path, knowledge)


def open_log(path: Path | DatabaseURL | None = None, busy_timeout: float = BUSY_TIMEOUT) -> Store:
    """Open the log as every command that uses it should: sessions left running by a
    process that has died are marked ``interrupted`` first.

    Args:
        path: The database file, or a PostgreSQL log's URL; where the settings put the log
            by default.
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


def mark_interrupted_sessions(path: Path | DatabaseURL | None = None) -> int:
    """Mark the sessions of dead processes ``interrupted``, as a command (or the app) that
    reads the log should first; a log that does not exist yet is not made.

    Args:
        path: The database file, or a PostgreSQL log's URL; where the settings put the log
            by default.

    Returns:
        How many sessions were marked.

    Raises:
        LogError: The log cannot be used.
    """
    path = where_log_is(path)
    if isinstance(path, Path) and not path.exists():
        return 0
    with open_store(path) as store:
        return store.mark_interrupted()
