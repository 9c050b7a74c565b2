"""``montage log``: the sessions as a table, newest first, in the local time zone.

Every cell is safe to print (names show their control characters as escapes), a
value the log holds in a form montage cannot read shows as ``?``, and a session
not fully kept has its status marked ``*``, with the reason under the table.
"""

from __future__ import annotations

import math
import sqlite3
from typing import TextIO

from montage.log.export import sessions_where
from montage.log.queries import NEWEST_FIRST, Filter
from montage.log.sql import Connection
from montage.log.text import NOT_KEPT_MARK, UNREADABLE, LocalTimes, clock
from montage.log.values import Reading, Unreadable, decode_text, text_as
from montage.safe_text import visible

EMPTY_LOG = "No sessions in the log yet. Start one with:  montage run WORKOUT"
"""What the table says for an empty log."""

WIDEST_NAME = 32
"""The most characters of a workout's name shown."""

WIDEST_STATUS = 12
"""The most characters of a status shown (``interrupted*``)."""


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_table(db: Connection, where: Filter, out: TextIO) -> Unreadable:
    """Write the sessions as a table, newest first.

    Returns:
        The sessions that could not be shown in full.

    Raises:
        sqlite3.Error: The log could not be read.
    """
    condition, parameters = sessions_where(where)
    sql = (
        "SELECT s.id, s.started_at, s.workout, s.active_seconds, s.status, s.steps_completed,"
        f" s.steps_total, s.not_kept FROM sessions s WHERE {condition} ORDER BY {NEWEST_FIRST}"
    )
    try:
        with text_as(db, str):  # the fastest, all read before anything is written
            rows = db.execute(sql, parameters).fetchall()
    except sqlite3.Error:
        with text_as(db, decode_text):  # some of it is not UTF-8: read it again, never failing
            rows = db.execute(sql, parameters).fetchall()
    unreadable = Unreadable()
    if not rows:
        out.write(("No sessions match." if where.narrowed else EMPTY_LOG) + "\n")
        return unreadable
    times = LocalTimes()
    lines: list[tuple[str, str, str, str, str]] = []
    reasons: dict[str, None] = {}
    for session_id, started, workout, active, status, done, total, not_kept in rows:
        if (
            type(started) is str
            and type(workout) is str
            and type(status) is str
            and type(active) is float
            and type(done) is int
            and type(total) is int
            and not_kept is None
            and math.isfinite(active)
            and (day := times.minute(started)) is not None
        ):  # as montage writes it
            name = workout if workout.isprintable() else visible(workout)
            state = status if status.isprintable() else visible(status)
            lines.append((day, name, clock(active), _cut(state, WIDEST_STATUS), f"{done}/{total}"))
            continue
        read = Reading()
        start = read.text(started, "started_at")
        day = times.minute(start)
        if day is None:
            read.unreadable.append("started_at")
        seconds = read.number(active, "active_seconds")
        steps_done, steps = read.whole(done, "steps_completed"), read.whole(total, "steps_total")
        state = visible(read.text(status, "status"))
        reason = read.optional_text(not_kept, "not_kept")
        if reason is not None:
            reasons[visible(reason)] = None
            state += NOT_KEPT_MARK
        lines.append(
            (
                day or visible(start[:16]),
                visible(read.text(workout, "workout")),
                UNREADABLE if seconds is None else clock(seconds),
                _cut(state, WIDEST_STATUS),
                f"{_count(steps_done)}/{_count(steps)}",
            )
        )
        unreadable.note(session_id, read.unreadable)
    width = min(WIDEST_NAME, max(len("WORKOUT"), *(len(line[1]) for line in lines)))
    out.write(f"{'DATE':<16}  {'WORKOUT':<{width}}  {'TIME':>7}  {'STATUS':<11}  STEPS\n")
    for day, name, time, state, steps_text in lines:
        out.write(
            f"{day:<16}  {_cut(name, width):<{width}}  {time:>7}  {state:<11}  {steps_text}\n"
        )
    out.write(f"\n{len(rows)} session{'s' if len(rows) != 1 else ''}\n")
    if reasons:
        out.write(f"{NOT_KEPT_MARK} not fully kept: {'; '.join(reasons)}\n")
    return unreadable


def _count(value: int | None) -> str:
    return UNREADABLE if value is None else str(value)
