"""The progress log's tables, version by version, and the steps between versions.

``SCHEMA`` is the current layout; ``MIGRATIONS[n]`` takes a database at version
``n`` to ``n + 1``. The version lives in ``PRAGMA user_version``.
"""

from __future__ import annotations

from montage.session.outcomes import DONE_OUTCOMES

VERSION = 4
"""The schema version this montage writes."""

SCHEMA_V1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    workout TEXT NOT NULL,
    source TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL,
    steps_total INTEGER NOT NULL,
    steps_completed INTEGER NOT NULL DEFAULT 0,
    active_seconds REAL NOT NULL DEFAULT 0,
    pid INTEGER
);
CREATE TABLE steps (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    mode TEXT NOT NULL,
    outcome TEXT NOT NULL,
    planned_seconds REAL,
    actual_seconds REAL NOT NULL,
    reps INTEGER,
    load TEXT,
    distance TEXT,
    rounds INTEGER,
    ended_at TEXT NOT NULL,
    UNIQUE (session_id, position)
);
CREATE INDEX sessions_by_start ON sessions (started_at);
"""
"""The first layout: sessions and their steps."""

MOVES = """
CREATE TABLE moves (
    session_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    number INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    seconds REAL,
    reps INTEGER,
    load TEXT,
    load_kg REAL,
    distance TEXT,
    distance_m REAL,
    PRIMARY KEY (session_id, position, number),
    FOREIGN KEY (session_id, position) REFERENCES steps (session_id, position)
) WITHOUT ROWID;
CREATE INDEX moves_by_name ON moves (name);
"""
"""The moves table, new in version 3, and its index."""

SCHEMA = (
    """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    workout TEXT NOT NULL,
    workout_key TEXT NOT NULL,
    source TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
    steps_total INTEGER NOT NULL,
    steps_completed INTEGER NOT NULL DEFAULT 0,
    active_seconds REAL NOT NULL DEFAULT 0,
    planned_seconds REAL,
    pid INTEGER,
    owner TEXT,
    not_kept TEXT,
    athlete TEXT,
    device TEXT
);
CREATE TABLE steps (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    mode TEXT NOT NULL,
    outcome TEXT NOT NULL,
    planned_seconds REAL,
    actual_seconds REAL NOT NULL,
    reps INTEGER,
    load TEXT,
    load_kg REAL,
    distance TEXT,
    distance_m REAL,
    rounds INTEGER,
    entered INTEGER NOT NULL DEFAULT 0,
    ended_at TEXT NOT NULL,
    UNIQUE (session_id, position)
);
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE INDEX sessions_by_workout ON sessions (workout_key, started_at);
CREATE INDEX steps_by_name ON steps (name);
"""
    + MOVES
)
"""The current layout.

sessions: one row per session, written as it starts with status ``running``.
``workout_key`` is the workout's name folded to lower case, to group its sessions;
``started_at``/``ended_at`` are ISO 8601 local times with their UTC offset;
``active_seconds`` is the time spent in steps (pauses left out), and with
``steps_completed`` kept up to date as each step is written; ``owner`` names the
lock file its process holds while it runs (``montage.log.liveness``) and ``pid`` is
that process, so a session whose process has died is found and marked
``interrupted`` (in PostgreSQL ``owner`` is ``advisory:KEY``, an advisory lock the
process's connection holds). ``not_kept`` says why some of the session could not be
written (``the disk is full``); NULL when all of it was. ``athlete`` and ``device`` say
who trained and on which machine (a login name and a host name unless told otherwise).

steps: one row per finished step, committed as it ends; a step started again
with "back" replaces its row. ``outcome`` is the engine's (completed, done,
capped, skipped, stopped). ``reps``/``rounds``/``load`` hold what was done,
``entered`` is 1 when the user typed them in afterwards. ``load_kg`` and
``distance_m`` are the numbers read from ``load`` and ``distance`` when they
name a unit ("20 kg sandbag" → 20.0, "400 m" → 400.0), for totals.

moves: what is done inside an AMRAP round or an EMOM interval, one row per move of
the step at (``session_id``, ``position``), numbered from 0: what the exercise
totals count, done once per round the step records.
"""

MIGRATIONS: dict[int, str] = {
    # Rebuilt rather than altered: ALTER TABLE cannot add the CHECK on status.
    # workout_key, load_kg and distance_m are filled by the store in Python.
    1: """
CREATE TABLE sessions_v2 (
    id INTEGER PRIMARY KEY,
    workout TEXT NOT NULL,
    workout_key TEXT NOT NULL,
    source TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
    steps_total INTEGER NOT NULL,
    steps_completed INTEGER NOT NULL DEFAULT 0,
    active_seconds REAL NOT NULL DEFAULT 0,
    planned_seconds REAL,
    pid INTEGER
);
INSERT INTO sessions_v2 (id, workout, workout_key, source, started_at, ended_at, status,
                         steps_total, steps_completed, active_seconds, pid)
SELECT id, workout, lower(workout), source, started_at, ended_at,
       CASE WHEN status IN ('running', 'completed', 'stopped', 'interrupted')
            THEN status ELSE 'interrupted' END,
       steps_total, steps_completed, active_seconds, pid
FROM sessions;
CREATE TABLE steps_v2 (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    mode TEXT NOT NULL,
    outcome TEXT NOT NULL,
    planned_seconds REAL,
    actual_seconds REAL NOT NULL,
    reps INTEGER,
    load TEXT,
    load_kg REAL,
    distance TEXT,
    distance_m REAL,
    rounds INTEGER,
    entered INTEGER NOT NULL DEFAULT 0,
    ended_at TEXT NOT NULL,
    UNIQUE (session_id, position)
);
INSERT INTO steps_v2 (id, session_id, position, kind, name, mode, outcome, planned_seconds,
                      actual_seconds, reps, load, distance, rounds, ended_at)
SELECT id, session_id, position, kind, name, mode, outcome, planned_seconds,
       actual_seconds, reps, load, distance, rounds, ended_at
FROM steps;
DROP TABLE steps;
DROP TABLE sessions;
ALTER TABLE sessions_v2 RENAME TO sessions;
ALTER TABLE steps_v2 RENAME TO steps;
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE INDEX sessions_by_workout ON sessions (workout_key, started_at);
CREATE INDEX steps_by_name ON steps (name);
""",
    2: """
ALTER TABLE sessions ADD COLUMN owner TEXT;
ALTER TABLE sessions ADD COLUMN not_kept TEXT;
"""
    + MOVES,
    3: """
ALTER TABLE sessions ADD COLUMN athlete TEXT;
ALTER TABLE sessions ADD COLUMN device TEXT;
""",
}
"""SQL taking a database from the key's version to the next, run in one transaction
with foreign keys off (a table is rebuilt), then checked."""

DONE_SQL = "(" + ", ".join(f"'{outcome}'" for outcome in DONE_OUTCOMES) + ")"
"""The step outcomes that count as done, as an SQL list for ``outcome IN ...``."""
