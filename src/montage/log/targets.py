"""The current targets of steps with progression rules, kept in the log's ``targets`` table.

Each session that judges a step adds a row of where it stands after it; the newest row of
a step is its current targets. A session judged again (a count typed after its end)
replaces its own rows. The rules' logic is ``montage.session.progression``'s; this module
only reads and writes their rows, in plain SQL.
"""

from __future__ import annotations

from collections.abc import Mapping

from montage.log.sql import Connection
from montage.log.values import Reading
from montage.session.progression import Kept, after_session, standings
from montage.session.rules import Standing, Stored, Targets
from montage.session.timeline import Timeline

_EVER = 2**63 - 1
"""A session id after every session: the newest rows of all."""

_COLUMNS = (
    "reps, seconds, load, rounds, written_reps, written_seconds, written_load,"
    " written_rounds, misses"
)


def stored_targets(conn: Connection, workout_key: str, before: int | None = None) -> list[Stored]:
    """Where each step of a workout with rules stood after its newest session that judged it.

    Args:
        conn: The log, at the current version.
        workout_key: The workout (``montage.log.migrations.workout_key``).
        before: Only sessions before this one (by id); every session by default.

    Returns:
        One entry per step, by its place and exercise when it was judged.
    """
    rows = conn.execute(
        f"SELECT place, exercise, {_COLUMNS} FROM targets t WHERE t.workout_key = ?"
        " AND t.session_id = (SELECT max(u.session_id) FROM targets u"
        " WHERE u.workout_key = t.workout_key AND u.place = t.place"
        " AND u.exercise = t.exercise AND u.session_id < ?) ORDER BY place, exercise",
        (workout_key, _EVER if before is None else before),
    ).fetchall()
    return [_stored(*row) for row in rows]


def _stored(place: object, exercise: object, *values: object) -> Stored:
    read = Reading()
    reps, seconds, load, rounds, w_reps, w_seconds, w_load, w_rounds, misses = (
        _number(value) for value in values
    )
    return Stored(
        read.text(place, "place"),
        read.text(exercise, "exercise"),
        Standing(
            Targets(_whole(reps), _whole(seconds), load, _whole(rounds)),
            Targets(_whole(w_reps), _whole(w_seconds), w_load, _whole(w_rounds)),
            _whole(misses) or 0,
        ),
    )


def _number(value: object) -> float | None:
    """A number from the log; text or an infinity edited in reads as nothing."""
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e12:
        return float(value)
    return None


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)


def judge_session(
    db: Connection, workout_key: str, session_id: int, timeline: Timeline
) -> dict[str, Standing]:
    """Judge a session's steps with rules and keep where they stand after it.

    Runs inside the caller's write transaction. A session judged before has its rows
    replaced, so a count typed after its end is taken into account.

    Args:
        db: The log, in a write transaction.
        workout_key: The session's workout.
        session_id: The session.
        timeline: The workout as the session ran it.

    Returns:
        The new standings the session brought, by rule key.
    """
    db.execute("DELETE FROM targets WHERE session_id = ?", (session_id,))
    if not timeline.rules:
        return {}
    before = standings(timeline.rules, stored_targets(db, workout_key, session_id))
    kept = {
        position: Kept(str(outcome), reps if isinstance(reps, int) else None, bool(entered))
        for position, outcome, reps, entered in db.execute(
            "SELECT position, outcome, reps, entered FROM steps WHERE session_id = ?",
            (session_id,),
        )
        if isinstance(position, int)
    }
    after = after_session(timeline, before, kept)
    rules = {rule.key: rule for rule in timeline.rules}
    db.executemany(
        f"INSERT INTO targets (workout_key, place, exercise, session_id, {_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                workout_key,
                rules[key].place,
                rules[key].exercise,
                session_id,
                *_values(standing.targets),
                *_values(standing.written),
                standing.misses,
            )
            for key, standing in after.items()
        ],
    )
    return after


def _values(targets: Targets) -> tuple[int | float | None, ...]:
    return (targets.reps, targets.seconds, targets.load, targets.rounds)


def reset_targets(db: Connection, workout_key: str) -> int:
    """Forget every target a workout's sessions have grown: it starts over from its file.

    Args:
        db: The log, in a write transaction.
        workout_key: The workout.

    Returns:
        How many steps had targets of their own.
    """
    (steps,) = db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT place, exercise FROM targets"
        " WHERE workout_key = ?) AS kept",
        (workout_key,),
    ).fetchone()
    db.execute("DELETE FROM targets WHERE workout_key = ?", (workout_key,))
    return int(steps)


def current_standings(
    conn: Connection | None, workout_key: str, timeline: Timeline
) -> Mapping[str, Standing]:
    """Where each rule of a workout stands now, from the log (fresh without one).

    Args:
        conn: The log, or None when there is none yet.
        workout_key: The workout.
        timeline: The workout as its file writes it.

    Returns:
        The standing of every rule, by key.
    """
    if not timeline.rules:
        return {}
    stored = [] if conn is None else stored_targets(conn, workout_key)
    return standings(timeline.rules, stored)
