"""Reading the ghost a session races: the best or the last finished session of its workout.

Plain, portable SQL over the sessions and steps tables: a derived table, no
function or NULL ordering of one engine's own.
"""

from __future__ import annotations

import sqlite3

from montage.log.migrations import workout_key
from montage.log.records import NOTHING_SKIPPED
from montage.session.ghost import Ghost, GhostChoice

FINISHED = (
    "SELECT s.id, s.started_at, s.active_seconds,"
    " coalesce((SELECT sum(t.rounds) FROM steps t WHERE t.session_id = s.id"
    " AND t.mode = 'amrap' AND t.outcome = 'completed'), 0) AS rounds"
    f" FROM sessions s WHERE s.workout_key = ? AND s.status = 'completed' AND {NOTHING_SKIPPED}"
)
"""SQL: a workout's completed sessions with none of their work skipped, with their rounds."""

ORDER = {
    # the best: the most AMRAP rounds, then the fastest, then the earliest to set it
    "best": "f.rounds DESC, f.active_seconds, f.started_at, f.id",
    "last": "f.started_at DESC, f.id DESC",
}
"""How each choice ranks the finished sessions."""


def read_ghost(conn: sqlite3.Connection, workout: str, choice: GhostChoice) -> Ghost | None:
    """The ghost of a workout: its best or its last finished session, with its steps.

    A finished session is one that completed with none of its work skipped.

    Args:
        conn: The log.
        workout: The workout's name.
        choice: best, last or none.

    Returns:
        The ghost; None for ``none``, or when the workout was never finished.
    """
    if choice == "none":
        return None
    row = conn.execute(
        f"SELECT f.id, f.started_at FROM ({FINISHED}) f ORDER BY {ORDER[choice]} LIMIT 1",
        [workout_key(workout)],
    ).fetchone()
    if row is None:
        return None
    session_id, started_at = row
    steps = conn.execute(
        "SELECT position, kind, name, mode, outcome, actual_seconds, rounds FROM steps"
        " WHERE session_id = ? ORDER BY position",
        [session_id],
    ).fetchall()
    return Ghost.of(choice, session_id, started_at, steps)
