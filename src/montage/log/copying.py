"""Copying a log's rows from one engine to the other, every column as it is.

``montage log --to-postgres URL`` copies an SQLite log into an empty PostgreSQL
log, ids and all, in one transaction: a copy that fails keeps nothing of itself.
The exports (``--format json``/``csv``) of a PostgreSQL log copy the sessions they
show into a temporary SQLite file and write them as an SQLite log's are written,
so both engines export alike.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from montage.log.errors import LogError
from montage.log.queries import Filter
from montage.log.schema import SCHEMA, VERSION
from montage.log.sql import Connection

TABLES = ("sessions", "steps", "moves", "targets")
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
    """Copy the sessions ``s`` that ``condition`` lets through, with their steps, moves and
    the targets they judged, from one log to another, every column as it is.

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
