"""Reading the ghost a session races: the best or the last finished session of its workout.

Plain SQL over the sessions and steps tables, the same for SQLite and PostgreSQL: a
derived table, no function or NULL ordering of one engine's own. A session whose
times the log cannot read as numbers is not raced.
"""

from __future__ import annotations

from montage.log.migrations import workout_key
from montage.log.records import NOTHING_SKIPPED
from montage.log.sql import Connection
from montage.log.values import Reading, finite, whole
from montage.session.ghost import Ghost, GhostChoice

ROUNDS = whole("t.rounds")
"""SQL: a step's AMRAP rounds, when the log holds a whole number there."""

FINISHED = (
    "SELECT s.id, s.started_at, s.active_seconds,"
    f" coalesce((SELECT sum({ROUNDS}) FROM steps t WHERE t.session_id = s.id"
    " AND t.mode = 'amrap' AND t.outcome = 'completed'), 0) AS rounds"
    f" FROM sessions s WHERE s.workout_key = ? AND s.status = 'completed' AND {NOTHING_SKIPPED}"
    f" AND {finite('s.active_seconds')} AND NOT EXISTS (SELECT 1 FROM steps t"
    f" WHERE t.session_id = s.id AND NOT {finite('t.actual_seconds')})"
)
"""SQL: a workout's completed sessions with none of their work skipped and every time a
number, with their rounds."""

ORDER = {
    # the best: the most AMRAP rounds, then the fastest, then the earliest to set it
    "best": "f.rounds DESC, f.active_seconds, f.started_at, f.id",
    "last": "f.started_at DESC, f.id DESC",
}
"""How each choice ranks the finished sessions."""


def read_ghost(conn: Connection, workout: str, choice: GhostChoice) -> Ghost | None:
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
    rows = conn.execute(
        f"SELECT t.position, t.kind, t.name, t.mode, t.outcome, t.actual_seconds, {ROUNDS}"
        " FROM steps t WHERE t.session_id = ? ORDER BY t.position",
        [session_id],
    ).fetchall()
    reading = Reading()
    steps = [
        (
            position,
            reading.text(kind, "kind"),
            reading.text(name, "name"),
            reading.text(mode, "mode"),
            reading.text(outcome, "outcome"),
            seconds,
            rounds,
        )
        for position, kind, name, mode, outcome, seconds, rounds in rows
    ]
    return Ghost.of(choice, session_id, reading.text(started_at, "started_at"), steps)
