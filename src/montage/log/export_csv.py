"""``montage log --csv``: a row per step with its session's fields, newest session first.

SQLite writes each row with printf, read in pieces of a thousand rows; each piece
is decoded and made safe in one go: control characters show as escapes
(``\\x1b``), and a text field that a spreadsheet would run as a formula (it begins
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``.
Numbers stay numbers. A session holding what montage cannot read is written again
from a slower query that checks each value (see ``montage.log.export``).
"""

from __future__ import annotations

import re
import sqlite3
from typing import TextIO

from montage.log.export import (
    NUMBERS,
    SESSION_FIELDS,
    STEP_FIELDS,
    TRUSTED,
    decoded,
    looked_at,
    note_numbers,
    sessions_where,
    value_sql,
)
from montage.log.queries import NEWEST_FIRST, Filter
from montage.log.values import Unreadable, text_as
from montage.safe_text import visible

_STAMPS = frozenset(("started_at", "ended_at"))
"""Times: written bare, as montage writes them, or quoted when they are not."""

_NEVER_NULL = frozenset(("workout", "started_at", "status", "kind", "name", "mode", "outcome"))
"""Text columns that hold a value in every row that has them."""

_FORMULA = re.compile(',"(?=[=+@\t\r-])')
"""The start of a quoted CSV field that a spreadsheet would run as a formula: it begins with
= + - @, a tab or a carriage return. Every text field is quoted and a quote inside one is
doubled, so a comma, a quote and one of these is always the start of a field."""

_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")
"""A character ``visible`` would escape, bar the line feed that ends each CSV row."""

_PLAIN_BYTES = bytes(
    byte
    for byte in range(256)
    if byte == 0x0A or 0x20 <= byte < 0x7F or byte >= 0x80
    if byte not in (0xC2, 0xE2)
)
"""UTF-8 bytes that begin no character ``visible`` escapes (its C1 controls begin with
0xC2, its line separators and direction marks with 0xE2)."""


def write_csv(
    db: sqlite3.Connection, where: Filter, out: TextIO, readable: bool = False
) -> Unreadable:
    """Write a CSV row per step (and one per session without steps), newest session first.

    Args:
        db: The log.
        where: Which sessions.
        out: Where the text goes.
        readable: The log is known to hold only what this montage can read.

    Returns:
        The sessions that could not be shown in full.

    Raises:
        sqlite3.Error: The log could not be read.
    """
    condition, parameters = sessions_where(where)
    header = ["session_id", *SESSION_FIELDS[1:], *(f"step_{name}" for name in STEP_FIELDS)]
    out.write(",".join(header) + "\n")
    unreadable = Unreadable()
    bad = looked_at(db, where, readable, unreadable)
    cursor = db.execute(_csv_sql(condition, clean=False), parameters)
    cursor.arraysize = 1000
    written: set[int] = set()
    with text_as(db, bytes):
        while rows := cursor.fetchmany():
            lines = [line for (line,) in rows]
            if bad:
                lines = _cleaned(db, lines, bad, written, unreadable)
            out.write(_csv_text(lines, unreadable))
    return unreadable


def _cleaned(
    db: sqlite3.Connection,
    lines: list[bytes],
    bad: set[int],
    written: set[int],
    unreadable: Unreadable,
) -> list[bytes]:
    """The rows, each session in ``bad`` written again (all its rows, where its first one
    was) with each number checked and each time quoted."""
    kept: list[bytes] = []
    for line in lines:
        session_id = _session_of(line)
        if session_id not in bad:
            kept.append(line)
        elif session_id not in written:
            written.add(session_id)
            note_numbers(db, session_id, unreadable)
            kept.extend(
                again for (again,) in db.execute(_csv_sql("s.id = ?", clean=True), [session_id])
            )
    return kept


def _csv_sql(condition: str, clean: bool) -> str:
    """SQL: each CSV row; ``clean`` for the rows of a session ``looked_at`` found."""
    no_steps = "," * len(STEP_FIELDS)
    if clean:
        # Joined field by field: slower than printf, but a NUL in a value does not end it.
        session = " || ',' || ".join(_csv_field("s", name) for name in SESSION_FIELDS)
        step = " || ',' || ".join(_csv_field("t", name) for name in STEP_FIELDS)
        line = (
            f"CASE WHEN t.id IS NULL THEN {session} || '{no_steps}'"
            f" ELSE {session} || ',' || {step} END"
        )
    else:
        # SQLite writes each line with printf: twice as fast as the csv module on a million
        # steps. Text is always quoted (a missing value stays empty); numbers never need it.
        session_line, session_values = _csv_line("s", SESSION_FIELDS)
        step_line, step_values = _csv_line("t", STEP_FIELDS)
        line = (
            f"CASE WHEN t.id IS NULL"
            f" THEN printf('{session_line}{no_steps}', {', '.join(session_values)})"
            f" ELSE printf('{session_line},{step_line}',"
            f" {', '.join(session_values + step_values)}) END"
        )
    return (
        f"SELECT {line} FROM sessions s LEFT JOIN steps t ON t.session_id = s.id"
        f" WHERE {condition} ORDER BY {NEWEST_FIRST}, t.position"
    )


def _csv_field(table: str, name: str) -> str:
    """SQL: a field of a CSV row, each number checked and every text quoted."""
    column = f"{table}.{name}"
    if name in NUMBERS or name in TRUSTED:
        return f"coalesce({value_sql(table, name, clean=True)}, '')"
    return (
        f"CASE WHEN {column} IS NULL THEN ''"
        f""" ELSE '"' || replace(CAST({column} AS TEXT), '"', '""') || '"' END"""
    )


def _csv_text(lines: list[bytes], unreadable: Unreadable) -> str:
    """Rows of CSV as one text, decoded and made safe, in one go when they allow."""
    chunk = b"\n".join(lines) + b"\n"
    try:
        text = chunk.decode()
    except UnicodeDecodeError:
        parts = [decoded(line, _session_of(line), "text", unreadable) for line in lines]
        text = "\n".join(parts) + "\n"
    text = _FORMULA.sub(",\"'", text)
    if chunk.translate(None, _PLAIN_BYTES):  # a control character, or a letter beyond ASCII
        rows = text.split("\n")[:-1]
        if any(_CONTROL.search(row) for row in rows):
            text = "\n".join(visible(row) for row in rows) + "\n"
    return text


def _session_of(line: bytes) -> int:
    """The session a CSV row is about: its first field."""
    return int(line.partition(b",")[0])


def _csv_line(table: str, names: tuple[str, ...]) -> tuple[str, list[str]]:
    """A printf format writing ``names`` of ``table`` as CSV fields, and its arguments."""
    formats: list[str] = []
    values: list[str] = []
    for name in names:
        column = f"{table}.{name}"
        if name in NUMBERS or name in TRUSTED or name in _STAMPS:
            formats.append("%s")  # a time montage wrote needs no quotes (see looked_at)
            values.append(column if name in _STAMPS else value_sql(table, name, clean=False))
        elif name in _NEVER_NULL:
            formats.append('"%w"')  # %w doubles the double quotes
            values.append(column)
        else:
            formats.append("%s")
            values.append(
                f"""CASE WHEN {column} IS NULL THEN '' ELSE '"' || replace({column}, '"', '""')"""
                """ || '"' END"""
            )
    return ",".join(formats), values
