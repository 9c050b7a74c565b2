"""``montage log --json`` (and what ``--csv`` shares): every session, newest first, with its
steps.

Each export is one query that is written out as it is read, so a log of any
size streams out in constant memory: JSON is built by SQLite itself, a session
and its steps per row; CSV is the sessions joined with their steps, a row per
step with its session's fields, also written by SQLite.

What the log holds is not trusted: a number column holding text (or an
infinity) exports as null or an empty field, text that is not UTF-8 shows U+FFFD
for each bad byte, and the sessions concerned are named (``Unreadable``). CSV is
written in ``montage.log.export_csv``.
"""

from __future__ import annotations

import sqlite3
from typing import TextIO

from montage.log.queries import MOST_ROWS, NEWEST_FIRST, Filter
from montage.log.values import (
    Reading,
    Unreadable,
    any_unreadable,
    decode_text,
    number,
    text_as,
)

SESSION_FIELDS = (
    "id",
    "workout",
    "source",
    "started_at",
    "ended_at",
    "status",
    "steps_completed",
    "steps_total",
    "active_seconds",
    "planned_seconds",
    "not_kept",
)
"""A session's fields in the exports, in order."""

STEP_FIELDS = (
    "position",
    "kind",
    "name",
    "mode",
    "outcome",
    "planned_seconds",
    "actual_seconds",
    "reps",
    "rounds",
    "load",
    "load_kg",
    "distance",
    "distance_m",
    "entered",
    "ended_at",
)
"""A step's fields in the exports, in order."""

MOVE_FIELDS = ("number", "kind", "name", "seconds", "reps", "load", "distance")
"""A move's fields in the JSON export: ``moves`` of an AMRAP or EMOM step, what each of its
rounds held."""

NUMBERS = frozenset(
    (
        "steps_completed",
        "steps_total",
        "active_seconds",
        "planned_seconds",
        "position",
        "actual_seconds",
        "reps",
        "rounds",
        "load_kg",
        "distance_m",
        "seconds",
        "number",
    )
)
"""Number columns: what they hold is exported only when it is a finite number."""

TRUSTED = frozenset(("id", "entered"))
"""Columns whose value SQLite itself guarantees (a row id), or a flag read as 1 or 0."""


def sessions_where(where: Filter) -> tuple[str, list[object]]:
    """The SQL condition on ``sessions`` (as ``s``) for a filter, its limit included: the
    newest ``limit`` sessions it lets through."""
    conditions, parameters = where.where()
    if where.limit is not None:
        inner = " AND ".join(conditions) or "1 = 1"
        conditions = [
            f"s.id IN (SELECT s.id FROM sessions s WHERE {inner} ORDER BY {NEWEST_FIRST} LIMIT ?)"
        ]
        parameters.append(min(where.limit, MOST_ROWS))
    return " AND ".join(conditions) or "1 = 1", parameters


def value_sql(table: str, name: str, clean: bool) -> str:
    """SQL: a column as the exports show it; ``clean`` for a row known to hold something
    that is no number where a number belongs (it then shows as NULL)."""
    column = f"{table}.{name}"
    if name in NUMBERS:
        return number(column) if clean else column
    if name == "entered":
        return f"CASE WHEN {column} THEN 1 ELSE 0 END"
    if name in TRUSTED:
        return column
    return f"CAST({column} AS TEXT)"  # bytes as text: JSON holds no bytes


def number_columns(table: str, names: tuple[str, ...]) -> list[str]:
    """The number columns among ``names``, as ``table.name``."""
    return [f"{table}.{name}" for name in names if name in NUMBERS]


def decoded(raw: bytes, session_id: int, field: str, unreadable: Unreadable) -> str:
    """Text read as bytes, decoded; a byte that is not UTF-8 shows as U+FFFD and ``field``
    of the session is named."""
    try:
        return raw.decode()
    except UnicodeDecodeError:
        unreadable.note(session_id, [field])
        return decode_text(raw)


def note_numbers(db: sqlite3.Connection, session_id: int, unreadable: Unreadable) -> None:
    """Name the number fields of a session and its steps that hold no number."""
    read = Reading()
    row = db.execute(
        f"SELECT {', '.join(number_columns('s', SESSION_FIELDS))} FROM sessions s WHERE s.id = ?",
        [session_id],
    ).fetchone()
    for name, value in zip([n for n in SESSION_FIELDS if n in NUMBERS], row, strict=True):
        read.number(value, name)
    step_numbers = [n for n in STEP_FIELDS if n in NUMBERS]
    steps = db.execute(
        f"SELECT {', '.join(number_columns('t', STEP_FIELDS))} FROM steps t WHERE t.session_id = ?",
        [session_id],
    )
    for step in steps:
        for name, value in zip(step_numbers, step, strict=True):
            read.number(value, "step_planned_seconds" if name == "planned_seconds" else name)
    moves = db.execute(
        "SELECT m.number, m.seconds, m.reps FROM moves m WHERE m.session_id = ?", [session_id]
    )
    for move in moves:
        for name, value in zip(("move_number", "move_seconds", "move_reps"), move, strict=True):
            read.number(value, name)
    unreadable.note(session_id, read.unreadable)


def looked_at(
    db: sqlite3.Connection, where: Filter, readable: bool, unreadable: Unreadable
) -> set[int]:
    """The sessions to write again with every value checked (none when the log is known to
    need none); when every session was looked at and none needs it, ``unreadable`` says so."""
    if readable:
        return set()
    condition, parameters = sessions_where(where)
    found = _suspects(db, condition, parameters)
    unreadable.all_readable = not found and not where.narrowed
    return found


def _suspects(db: sqlite3.Connection, condition: str, parameters: list[object]) -> set[int]:
    """The sessions a filter lets through that hold something that is no number where a
    number belongs (in their own row, a step or a move), or a time CSV cannot hold bare
    (one not written as montage writes times). One pass over each table: cheaper than
    asking it of every row as it is written."""
    chosen = f"SELECT s.id FROM sessions s WHERE {condition}"
    session = [
        any_unreadable(number_columns("s", SESSION_FIELDS)),
        _not_bare("s.started_at"),
        _not_bare("s.ended_at"),
    ]
    step = [any_unreadable(number_columns("t", STEP_FIELDS)), _not_bare("t.ended_at")]
    rows = db.execute(
        f"SELECT s.id FROM sessions s WHERE {condition} AND ({' OR '.join(session)})"
        f" UNION SELECT t.session_id FROM steps t WHERE t.session_id IN ({chosen})"
        f" AND ({' OR '.join(step)})"
        f" UNION SELECT m.session_id FROM moves m WHERE m.session_id IN ({chosen})"
        f" AND {any_unreadable(['m.number', 'm.seconds', 'm.reps'])}",
        parameters * 3,
    )
    return {session_id for (session_id,) in rows}


def _not_bare(column: str) -> str:
    """SQL: a time that cannot stand unquoted in CSV: it does not begin with a digit, or it
    holds a comma, a quote or a line break."""
    return (
        f"(NOT ({column} BETWEEN '0' AND ':') OR instr({column}, ',') OR instr({column}, '\"')"
        f" OR instr({column}, char(10)) OR instr({column}, char(13)))"
    )


def write_json(
    db: sqlite3.Connection, where: Filter, out: TextIO, readable: bool = False
) -> Unreadable:
    """Write the sessions as a JSON list, newest first, each with its steps.

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
    unreadable = Unreadable()
    bad = looked_at(db, where, readable, unreadable)
    first = True
    out.write("[")
    with text_as(db, bytes):
        for session_id, head, steps in db.execute(_json_sql(condition, clean=False), parameters):
            if session_id in bad:  # read it again, each number checked
                note_numbers(db, session_id, unreadable)
                _, head, steps = db.execute(
                    _json_sql("s.id = ?", clean=True), [session_id]
                ).fetchone()
            head_text = decoded(head, session_id, "text", unreadable)
            steps_text = decoded(steps, session_id, "step_text", unreadable)
            out.write("\n" if first else ",\n")
            out.write(f'{head_text[:-1]},"steps":{steps_text}}}')
            first = False
    out.write("]\n" if first else "\n]\n")
    return unreadable


def _json_sql(condition: str, clean: bool) -> str:
    """SQL: each session's id, its JSON, and its steps' JSON list."""
    # SQLite writes each session's JSON itself: three times faster than building it here.
    session = ", ".join(f"'{name}', {value_sql('s', name, clean)}" for name in SESSION_FIELDS)
    move = ", ".join(f"'{name}', {value_sql('m', name, clean)}" for name in MOVE_FIELDS)
    moves = (
        f"json((SELECT json_group_array(json_object({move})) FROM moves m"
        " WHERE m.session_id = t.session_id AND m.position = t.position))"
    )
    step = ", ".join(
        "'entered', CASE WHEN t.entered THEN json('true') ELSE json('false') END"
        if name == "entered"
        else f"'{name}', {value_sql('t', name, clean)}"
        for name in STEP_FIELDS
    )
    blocks = "t.mode IN ('amrap', 'emom')"
    # The steps come in order through the (session_id, position) index. The session and its
    # steps are two texts joined here: a JSON value does not keep its "is JSON" mark through
    # a subquery on every SQLite, and json() to restore it would parse every list again.
    return (
        f"SELECT s.id, json_object({session}),"
        f" (SELECT json_group_array(CASE WHEN {blocks} THEN json_object({step}, 'moves', {moves})"
        f" ELSE json_object({step}) END) FROM steps t WHERE t.session_id = s.id)"
        f" FROM sessions s WHERE {condition} ORDER BY {NEWEST_FIRST}"
    )
