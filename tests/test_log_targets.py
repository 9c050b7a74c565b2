"""The current targets in the log, in SQLite and in PostgreSQL: judged as a session ends, read
back, reset; one exercise across workouts; the log taken from version 4 to 5, and a new
PostgreSQL log made as a migrated SQLite one is."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from engines import Location
from fakes import FakeClock, run_to_end
from log_data import PREPARE, S, log_connection, record
from montage.app.outline import TIMES, outline
from montage.log.dialect import postgres_tables
from montage.log.exercises import exercise_totals
from montage.log.opening import open_store
from montage.log.reading import LogService
from montage.log.recorder import Recorder
from montage.log.records import records_broken
from montage.log.schema import MIGRATIONS, SCHEMA, SCHEMA_V1, TARGETS, VERSION
from montage.log.sql import Connection
from montage.log.store import Store
from montage.log.targets import stored_targets
from montage.paths import DatabaseURL
from montage.session.engine import Engine
from montage.session.events import Event
from montage.session.timeline import Timeline
from montage.wiring import planned
from montage.workout.catalogue import load_entry

MORNING = datetime(2024, 3, 4, 7, 0, tzinfo=timezone(timedelta(hours=1)))

BARN = """\
name: Siberian Barn
prepare: 2s
steps:
  - exercise: Overhead wagon press
    reps: 12
    load: 20 kg
    log_reps: true
    progress: {reps: +1, load: +2.5 kg, deload: {after: 2, by: 10%}}
  - repeat: 2
    progress: {rounds: +1}
    steps:
      - exercise: Log carry
        time: 5s
"""


@pytest.fixture
def store(log_at: Location) -> Iterator[Store]:
    """A new log, in SQLite and in PostgreSQL."""
    with open_store(log_at) as opened:
        yield opened


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "montage.db") as opened:
        yield opened


def barn(tmp_path: Path, text: str = BARN) -> Path:
    path = tmp_path / "barn.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def plan(store: Store, path: Path) -> Timeline:
    """The workout as a front end starts it: its targets as the log has them."""
    entry = planned([load_entry(path, "path")], LogService(store.location))[0]
    assert entry.timeline is not None
    return entry.timeline


def session(store: Store, timeline: Timeline, count: int | None = None) -> Recorder:
    """Run a whole session on a fake clock, saying done at once; type ``count`` at the end."""
    clock = FakeClock(start=100.0)
    engine = Engine(timeline, clock)
    recorder = Recorder(store, timeline, "barn.yaml", now=lambda: MORNING)

    def done(engine: Engine, clock: FakeClock) -> list[Event]:
        clock.advance(1.0)
        return engine.done()

    for event in engine.start() + run_to_end(engine, clock, done):
        recorder(event)
    if count is not None:
        press = next(step for step in timeline.steps if step.target is not None)
        assert recorder.enter_count(press, count)
    return recorder


def press(timeline: Timeline) -> tuple[int | None, str | None, int]:
    rounds = sum(step.name == "Log carry" for step in timeline.steps)
    first = timeline.steps[1]
    return first.reps, first.load, rounds


def test_the_wagon_press_asks_for_13_reps_after_a_session_at_12(
    store: Store, tmp_path: Path
) -> None:
    path = barn(tmp_path)
    assert press(plan(store, path)) == (12, "20 kg", 2)
    session(store, plan(store, path))
    assert press(plan(store, path)) == (13, "22.5 kg", 3)
    session(store, plan(store, path))
    assert press(plan(store, path)) == (14, "25 kg", 4)


def test_a_count_typed_after_the_end_judges_the_session_again(store: Store, tmp_path: Path) -> None:
    path = barn(tmp_path)
    session(store, plan(store, path), count=10)  # under 12: missed
    assert press(plan(store, path)) == (12, "20 kg", 3)  # the rounds were made
    (entry,) = [s for s in stored_targets(store.connection, "siberian barn") if s.place == "1"]
    assert entry.standing.misses == 1
    recorder = session(store, plan(store, path), count=12)
    assert press(plan(store, path)) == (13, "22.5 kg", 4)
    # typed again: the same session judged once more, not twice; a second miss in a row
    press_step = plan(store, path).steps[1]
    recorder.enter_count(press_step, 9)
    assert press(plan(store, path)) == (11, "17.5 kg", 4)  # 10% less, on the steps of the rules
    rows = store.connection.execute("SELECT count(*) FROM targets WHERE place = '1'").fetchone()
    assert rows == (2,)


def test_two_misses_in_a_row_deload(store: Store, tmp_path: Path) -> None:
    path = barn(tmp_path)
    for _ in range(3):
        session(store, plan(store, path))
    assert press(plan(store, path))[:2] == (15, "27.5 kg")
    session(store, plan(store, path), count=1)
    session(store, plan(store, path), count=1)
    assert press(plan(store, path))[:2] == (14, "25 kg")  # 15 and 27.5 kg less 10%


def test_reset_starts_over_from_the_file(store: Store, tmp_path: Path) -> None:
    path = barn(tmp_path)
    session(store, plan(store, path))
    assert store.reset_targets("Siberian Barn") == 2
    assert press(plan(store, path)) == (12, "20 kg", 2)
    assert store.reset_targets("siberian barn") == 0


def test_an_edited_file_keeps_the_targets_it_can(store: Store, tmp_path: Path) -> None:
    path = barn(tmp_path)
    session(store, plan(store, path))
    moved = BARN.replace("steps:\n  - exercise", "steps:\n  - rest: 5s\n  - exercise", 1)
    barn(tmp_path, moved.replace("reps: 12", "reps: 12\n    cue: Lock out"))
    timeline = plan(store, path)
    assert (timeline.steps[2].reps, timeline.steps[2].load) == (13, "22.5 kg")
    barn(tmp_path, BARN.replace("reps: 12", "reps: 10"))
    assert press(plan(store, path))[:2] == (10, "22.5 kg")  # a new start; the load kept


def test_a_workout_without_rules_is_not_looked_up(tmp_path: Path) -> None:
    path = barn(tmp_path, "name: Plain\nsteps:\n  - {exercise: Chop, time: 5s}\n")
    entry = load_entry(path, "path")
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 100)
    told: list[str] = []
    assert planned([entry], LogService(broken), told.append) == [entry]
    assert told == []
    barn(tmp_path)
    ruled = load_entry(path, "path")
    assert planned([ruled], LogService(broken), told.append)[0].timeline is not None
    assert len(told) == 1 and "the targets are the workout files' own" in told[0]


def test_the_targets_table_is_plain_sql() -> None:
    for word in ("WITHOUT ROWID", "AUTOINCREMENT", "typeof", "PRAGMA", "STRICT", "INSERT OR"):
        assert word.lower() not in TARGETS.lower()
    assert "ALTER TABLE steps ADD COLUMN exercise TEXT" in MIGRATIONS[4]
    assert "athlete" in MIGRATIONS[3] and VERSION == 5  # after the athlete and the device
    # a load of 0.1 kg steps is kept as SQLite keeps it: 8 bytes, not PostgreSQL's 4
    assert "load DOUBLE PRECISION" in postgres_tables(TARGETS)
    assert "WITHOUT ROWID" not in postgres_tables(MIGRATIONS[4] + SCHEMA)


V4 = SCHEMA.replace("    exercise TEXT,\n", "").split("CREATE INDEX steps_by_exercise")[0]
"""The layout of version 4: today's, without what version 5 adds."""


def v4_log(at: Location) -> None:
    """A log of version 4 at ``at``, with a session of a timed step and an AMRAP in it."""
    assert "exercise" not in V4 and "targets" not in V4 and "athlete" in V4
    if isinstance(at, Path):
        with closing(sqlite3.connect(at)) as db:
            db.executescript(V4)
            _one_session(db)
            db.execute("PRAGMA user_version = 4")
            db.commit()
        return
    from montage.log.postgres import VERSION_TABLE, Session, connect

    server = Session(connect(at), at)
    try:
        server.execute(VERSION_TABLE)
        server.execute("INSERT INTO montage_version VALUES (4)")
        for statement in postgres_tables(V4).split(";"):
            if statement.strip():
                server.execute(statement)
        _one_session(server)
    finally:
        server.close()


def _one_session(db: Connection) -> None:
    db.execute(
        "INSERT INTO sessions (id, workout, workout_key, started_at, status, steps_total,"
        " athlete, device) VALUES (1, 'Barn', 'barn', '2024-03-04T07:00', 'completed', 2,"
        " 'rocky', 'barn-laptop')"
    )
    db.executemany(
        "INSERT INTO steps (session_id, position, kind, name, mode, outcome, actual_seconds,"
        " reps, ended_at) VALUES (1, ?, 'work', ?, ?, 'done', 30, ?, '2024-03-04T07:01')",
        [(0, "LOG  Carry", "timed", None), (1, "AMRAP", "amrap", None)],
    )
    db.execute(
        "INSERT INTO moves (session_id, position, number, kind, name) VALUES"
        " (1, 1, 0, 'work', 'Wood-chop')"
    )


def test_a_v4_log_keys_its_exercises_and_gains_targets(log_at: Location) -> None:
    v4_log(log_at)
    with open_store(log_at) as opened:
        conn = opened.connection
        if isinstance(log_at, Path):
            assert conn.execute("PRAGMA user_version").fetchone() == (VERSION,)
        else:
            assert conn.execute("SELECT version FROM montage_version").fetchone() == (VERSION,)
        assert conn.execute("SELECT exercise FROM steps ORDER BY position").fetchall() == [
            ("log carry",),
            (None,),
        ]
        assert conn.execute("SELECT exercise FROM moves").fetchall() == [("wood chop",)]
        assert conn.execute("SELECT count(*) FROM targets").fetchone() == (0,)
        # the athlete and the device of version 4 are kept as they were
        assert conn.execute("SELECT athlete, device FROM sessions").fetchall() == [
            ("rocky", "barn-laptop")
        ]


Layout = tuple[dict[str, list[tuple[str, str]]], set[str]]
"""Each table's columns (name and type, in order), and the names of the indexes."""

AS_POSTGRES = {"INTEGER": "integer", "TEXT": "text", "REAL": "double precision"}
"""The type PostgreSQL gives a column of each of SQLite's types (``montage.log.dialect``)."""


def sqlite_layout(db: Connection) -> Layout:
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {
        table: [
            (name, "bigint" if name == "id" else AS_POSTGRES[kind])
            for _, name, kind, *_ in db.execute(f"PRAGMA table_info({table})")
        ]
        for table in tables
    }
    indexes = db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    return columns, {name for (name,) in indexes}


def postgres_layout(db: Connection) -> Layout:
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, name, kind in db.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name <> 'montage_version'"
        " ORDER BY table_name, ordinal_position"
    ):
        columns.setdefault(table, []).append((name, kind))
    indexes = db.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        " AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'"
    )
    return columns, {name for (name,) in indexes}


def test_a_new_postgresql_log_is_laid_out_as_a_migrated_sqlite_one(
    tmp_path: Path, postgres_log: DatabaseURL
) -> None:
    oldest = tmp_path / "oldest.db"
    with closing(sqlite3.connect(oldest)) as db:
        db.executescript(SCHEMA_V1)
        db.execute("PRAGMA user_version = 1")
        db.commit()
    with open_store(oldest) as migrated, open_store(tmp_path / "new.db") as new:
        expected = sqlite_layout(migrated.connection)
        assert sqlite_layout(new.connection) == expected
    assert sorted(expected[0]) == ["moves", "sessions", "steps", "targets"]
    assert ("load", "double precision") in expected[0]["targets"]
    with open_store(postgres_log) as made:
        assert postgres_layout(made.connection) == expected


def test_a_postgresql_log_of_version_4_is_migrated_to_the_same_layout(
    tmp_path: Path, postgres_log: DatabaseURL
) -> None:
    v4_log(postgres_log)
    with open_store(postgres_log) as migrated, open_store(tmp_path / "new.db") as new:
        assert postgres_layout(migrated.connection) == sqlite_layout(new.connection)


def work(name: str, reps: int, outcome: str = "done") -> S:
    return S("work", name, "reps", outcome, None, 30, reps)


def test_one_exercise_across_workouts_and_wordings(log_at: Location) -> None:
    with log_connection(log_at) as conn:
        one_exercise(conn)


def one_exercise(conn: Connection) -> None:
    record(conn, "Barn A", "2024-03-04T07:00", [PREPARE, work("Log carry", 8)], "completed")
    record(conn, "Barn B", "2024-03-05T07:00", [PREPARE, work("log-carry", 9)], "completed")
    third = record(
        conn, "Barn C", "2024-03-06T07:00", [PREPARE, work("LOG CARRY", 10)], "completed"
    )
    totals = exercise_totals(conn)
    assert [(t.name, t.sets, t.reps, t.best_reps) for t in totals] == [("LOG CARRY", 3, 27, 10)]
    broken = records_broken(conn, third)
    assert [(r.kind, r.what, r.value, r.previous) for r in broken] == [("reps", "LOG CARRY", 10, 9)]
    # a step that names its exercise: one with the others, however it is worded
    fourth = record(
        conn, "Barn D", "2024-03-07T07:00", [PREPARE, work("Carry the log", 11)], "completed"
    )
    conn.execute("UPDATE steps SET exercise = 'log carry' WHERE session_id = ?", (fourth,))
    assert [(t.name, t.sets) for t in exercise_totals(conn)] == [("Carry the log", 4)]
    assert [r.value for r in records_broken(conn, fourth)] == [11]


async def test_the_picker_previews_the_progressed_plan_and_a_session_asks_it(
    sqlite_store: Store, tmp_path: Path
) -> None:
    store = sqlite_store
    from textual.widgets import OptionList

    from harness import Harness
    from montage.app.screens.picker import PickerScreen
    from montage.app.screens.session import SessionScreen

    path = barn(tmp_path)
    session(store, plan(store, path))
    harness = Harness(log_service=LogService(store.location), extra=[load_entry(path, "path")])
    async with harness.app.run_test(size=(120, 40)) as pilot:
        screen = harness.app.screen
        assert isinstance(screen, PickerScreen)
        labels = [
            str(option.prompt) for option in screen.query_one("#workouts", OptionList).options
        ]
        siberian = next(index for index, label in enumerate(labels) if "Siberian" in label)
        await pilot.press(*["down"] * siberian)
        assert harness.text("#preview-title") == "Siberian Barn"
        preview = harness.text("#preview-steps")
        assert "Overhead wagon press x13 - 22.5 kg  [12 → 13 reps, 20 → 22.5 kg]" in preview
        # the look's preview: each block once, its rounds grown and from what
        assert f"3 {TIMES} [ Round ]  [2 → 3 rounds]" in preview
        assert preview.count("Log carry") == 1
        await pilot.press("enter")
        running = harness.app.screen
        assert isinstance(running, SessionScreen)
        press_step = running.engine.timeline.steps[1]
        assert (press_step.reps, press_step.load) == (13, "22.5 kg")


NESTED = """\
name: Nest
prepare: 2s
steps:
  - repeat: 2
    name: Outer
    steps:
      - repeat: 2
        name: Inner
        progress: {rounds: +1}
        steps:
          - exercise: Chop
            time: 5s
            progress: {time: +5s}
"""


def test_the_preview_says_which_repeat_grew(sqlite_store: Store, tmp_path: Path) -> None:
    path = barn(tmp_path, NESTED)
    written = outline(plan(sqlite_store, path).steps)
    assert not any("→" in line for line in written)
    session(sqlite_store, plan(sqlite_store, path))
    timeline = plan(sqlite_store, path)
    assert [line.strip() for line in outline(timeline.steps, timeline)] == [
        "0:02  Get ready",
        f"1:00  2 {TIMES} [ Outer ]",
        f"0:30      3 {TIMES} [ Inner ]  [2 → 3 rounds]",
        "0:10          Chop  [0:05 → 0:10]",
    ]
