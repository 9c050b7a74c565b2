"""A simulated month of the Barn Taster: every other day through March 2024, getting faster
and stronger, with a bad day and a stopped session on the way."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from log_data import CARRY, PREPARE, S, amrap, new_log, record, rest
from montage.log.sql import Connection

MONTH_TODAY = date(2024, 3, 31)
"""The day after the month's last session."""


def press(seconds: float, reps: int, kilos: float) -> S:
    return S("work", "Wagon press", "reps", "done", 60, seconds, reps, None, f"{kilos:g} kg", kilos)


def month(conn: Connection) -> list[int]:
    """Fifteen sessions, 1 to 29 March; return their ids."""
    ids = []
    for number in range(15):
        day = 1 + 2 * number
        started = f"2024-03-{day:02d}T07:00:00+01:00"
        bad = number == 9  # a bad day: slower, fewer rounds
        seconds = 52 - 1.5 * number + (9 if bad else 0) + (number % 3)
        reps = 10 + number // 4
        kilos = 16 + 2 * (number // 5)
        rounds = 3 + number // 4 - (1 if bad else 0)
        steps = [
            PREPARE,
            CARRY,
            press(seconds, reps, kilos),
            rest(20),
            press(seconds + 4, reps, kilos),
            amrap(rounds),
            S("cooldown", "Cool down", "timed", "completed", 30, 30),
        ]
        status = "completed"
        if number == 6:
            steps, status = steps[:3], "stopped"
        ids.append(record(conn, "Barn Taster", started, steps, status))
    if isinstance(conn, sqlite3.Connection):
        conn.commit()
    return ids


def month_log(path: Path) -> list[int]:
    """A log file at ``path`` holding the month."""
    conn = new_log(path)
    try:
        return month(conn)
    finally:
        conn.close()
