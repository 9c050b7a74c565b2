"""Copying a log's rows from one engine to the other, every column as it is.

``montage log --to-postgres URL`` copies an SQLite log into an empty PostgreSQL
log, ids and all, in one transaction: a copy that fails keeps nothing of itself.
The exports (``--format json``/``csv``) of a PostgreSQL log copy the sessions they
show into a temporary SQLite file and write them as an SQLite log's are written,
so both engines export alike.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from montage.log.errors import LogError, log_error
from montage.log.queries import Filter
from montage.log.schema import SCHEMA, VERSION
from montage.log.sql import Connection
from montage.paths import DatabaseURL
from montage.safe_text import visible

TABLES = ("sessions", "steps", "moves")
"""The log's tables, in the order their rows can be written (a step needs its session)."""

BATCH = 2000
"""Rows read and written at a time."""


def columns(table: str) -> tuple[str, ...]:
    """The columns of one of the log's tables, as the current schema has them."""
    with sqlite3.connect(":memory:") as schema:
        schema.executescript(SCHEMA)
        return tuple(row[1] for row in schema.execute(f"PRAGMA table_info({table})"))


def copy_rows(
    source: Connection,
    target: Connection,
    condition: str = "1 = 1",
    parameters: tuple[object, ...] = (),
) -> dict[str, int]:
    """Copy the sessions ``s`` that ``condition`` lets through, with their steps and moves,
    from one log to another, every column as it is.

    Returns:
        How many rows of each table were copied.

    Raises:
        LogError: A read or a write failed (``sqlite3.Error`` from an SQLite log).
    """
    copied = {}
    for table in TABLES:
        names = columns(table)
        if table == "sessions":
            read = f"SELECT {_of('s', names)} FROM sessions s WHERE {condition}"
        else:
            read = (
                f"SELECT {_of('x', names)} FROM {table} x"
                f" JOIN sessions s ON s.id = x.session_id WHERE {condition}"
            )
        write = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        copied[table] = 0
        for rows in _batches(source, read, parameters):
            target.executemany(write, rows)
            copied[table] += len(rows)
    return copied


def _of(alias: str, names: tuple[str, ...]) -> str:
    return ", ".join(f"{alias}.{name}" for name in names)


def _batches(
    source: Connection, sql: str, parameters: tuple[object, ...]
) -> Iterator[list[tuple[object, ...]]]:
    rows = source.execute(sql, parameters)
    batch: list[tuple[object, ...]] = []
    for row in rows:
        batch.append(tuple(row))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def export_copy(source: Connection, where: Filter, folder: Path) -> sqlite3.Connection:
    """The sessions ``where`` lets through, with their steps and moves, in a new SQLite log in
    ``folder`` (a temporary one: the caller removes it).

    Raises:
        LogError: The log could not be read.
    """
    from montage.log.export import sessions_where

    condition, parameters = sessions_where(where)
    copy = sqlite3.connect(folder / "export.db", isolation_level=None)
    copy.execute("PRAGMA synchronous = OFF")
    copy.executescript(SCHEMA)
    copy.execute(f"PRAGMA user_version = {VERSION}")
    copy.execute("BEGIN")
    try:
        copy_rows(source, copy, condition, tuple(parameters))
    except sqlite3.Error as error:
        copy.close()
        raise LogError(f"{folder}: cannot make the export's copy ({error})") from None
    copy.execute("COMMIT")
    return copy


def print_copy(
    source: Path, target: DatabaseURL, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run ``montage log --to-postgres URL``: copy the SQLite log at ``source`` into the empty
    PostgreSQL log at ``target``, and say how much was copied (or, in one line, why not).

    Returns:
        The exit status: 0, or 1 when nothing was copied.
    """
    from montage.log.postgres_store import PostgresStore
    from montage.log.store import open_log, open_store

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        if not source.is_file():
            raise LogError(f"{source}: no progress log here to copy")
        with open_log(source) as log, open_store(target) as postgres:
            assert isinstance(postgres, PostgresStore)
            try:
                copied = postgres.copy_in(log.connection)
            except sqlite3.Error as error:
                raise log_error(source, error) from None
    except LogError as error:
        print(visible(f"montage: {error}"), file=err)
        return 1
    sessions, steps = copied["sessions"], copied["steps"]
    print(
        visible(
            f"Copied {sessions} session{'' if sessions == 1 else 's'} and {steps}"
            f" step{'' if steps == 1 else 's'} from {source} to {target}."
        ),
        file=out,
    )
    return 0
