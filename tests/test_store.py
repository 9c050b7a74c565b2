"""The log store: a new file's settings, writes, marking dead sessions, and migrations."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from engines import Location
from montage.log.errors import LogError
from montage.log.liveness import process_alive
from montage.log.opening import mark_interrupted_sessions, open_log, open_store
from montage.log.schema import MIGRATIONS, SCHEMA_V1, VERSION
from montage.log.store import Store
from montage.measures import distance_m, load_kg
from montage.session.events import StepResult
from montage.session.timeline import Step, Timeline

ZONE = timezone(timedelta(hours=2))
MORNING = datetime(2024, 5, 6, 7, 30, tzinfo=ZONE)

PRESS = Step(
    index=1, kind="work", name="Wagon press", seconds=60, mode="reps", reps=12, load="20 kg sandbag"
)
TIMELINE = Timeline(
    name="Barn Taster",
    steps=(
        Step(index=0, kind="prepare", name="Get ready", seconds=10),
        PRESS,
        Step(index=2, kind="work", name="Sled pull", seconds=45, distance="40 m"),
    ),
)


def result(step: Step, outcome: str = "completed", seconds: float = 10.0) -> StepResult:
    return StepResult(step, outcome, seconds, 0.0, seconds)  # type: ignore[arg-type]


def rows(store: Store, sql: str, *parameters: object) -> list[tuple[object, ...]]:
    return store.connection.execute(sql, parameters).fetchall()


@pytest.fixture
def store(log_at: Location) -> Iterator[Store]:
    """A new log, in SQLite and in PostgreSQL."""
    with open_store(log_at) as opened:
        yield opened


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "deep" / "folder" / "montage.db") as opened:
        yield opened


def test_a_new_log_is_made_in_wal_mode_at_the_current_version(sqlite_store: Store) -> None:
    store = sqlite_store
    assert store.path.is_file()
    assert rows(store, "PRAGMA journal_mode") == [("wal",)]
    assert rows(store, "PRAGMA user_version") == [(VERSION,)]
    assert rows(store, "PRAGMA foreign_keys") == [(1,)]
    assert rows(store, "PRAGMA busy_timeout") == [(5000,)]


def test_a_session_is_written_as_it_starts_and_closed_as_it_ends(store: Store) -> None:
    session = store.start_session(TIMELINE, "barn.yaml", MORNING)
    assert rows(
        store,
        "SELECT workout, workout_key, source, started_at, status, pid,"
        " steps_total, planned_seconds, ended_at FROM sessions",
    ) == [
        (
            "Barn Taster",
            "barn taster",
            "barn.yaml",
            "2024-05-06T07:30:00+02:00",
            "running",
            os.getpid(),
            3,
            115.0,
            None,
        )
    ]
    store.finish_session(session, "completed", MORNING + timedelta(minutes=2), 115.25, 3)
    assert rows(
        store, "SELECT status, ended_at, active_seconds, steps_completed FROM sessions"
    ) == [("completed", "2024-05-06T07:32:00+02:00", 115.25, 3)]


def test_a_step_done_again_replaces_its_row(store: Store) -> None:
    session = store.start_session(TIMELINE, None, MORNING)
    store.record_step(session, result(PRESS, "skipped", 3.0), MORNING)
    store.enter_result(session, 1, reps=9)
    store.record_step(session, result(PRESS, "done", 41.5), MORNING + timedelta(seconds=50))
    assert rows(
        store,
        "SELECT position, outcome, actual_seconds, reps, entered, ended_at,"
        " load, load_kg, planned_seconds FROM steps",
    ) == [(1, "done", 41.5, 12, 0, "2024-05-06T07:30:50+02:00", "20 kg sandbag", 20.0, 60.0)]


def test_typed_results_are_kept_and_marked_entered(store: Store) -> None:
    session = store.start_session(TIMELINE, None, MORNING)
    store.record_step(session, result(PRESS, "capped", 60.0), MORNING)
    assert rows(store, "SELECT reps FROM steps") == [(None,)]  # capped: reps unknown
    assert store.enter_result(session, 1, reps=10, load="24kg")
    assert rows(store, "SELECT reps, load, load_kg, entered FROM steps") == [(10, "24kg", 24.0, 1)]
    assert store.enter_result(session, 1, rounds=3)  # what is not given stays
    assert rows(store, "SELECT reps, rounds, load FROM steps") == [(10, 3, "24kg")]
    assert not store.enter_result(session, 7, reps=1)


def test_sessions_of_an_older_montage_are_judged_by_their_pid(sqlite_store: Store) -> None:
    store = sqlite_store
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(finished.stdout)
    ids = {}
    for name, pid in (
        ("dead", dead),
        ("mine", os.getpid()),
        ("alive", os.getppid()),
        ("none", None),
    ):
        ids[name] = store.start_session(TIMELINE, None, MORNING)
        store.connection.execute(
            "UPDATE sessions SET pid = ?, owner = NULL WHERE id = ?", (pid, ids[name])
        )
    store.record_step(ids["dead"], result(TIMELINE.steps[0], seconds=10.0), MORNING)
    store.record_step(ids["dead"], result(PRESS, "done", 30.0), MORNING + timedelta(seconds=40))

    assert store.mark_interrupted() == 3
    assert store.mark_interrupted() == 0
    status = {row[0]: row[1] for row in rows(store, "SELECT id, status FROM sessions")}
    assert status == {
        ids["dead"]: "interrupted",
        ids["mine"]: "interrupted",
        ids["alive"]: "running",
        ids["none"]: "interrupted",
    }
    assert rows(
        store,
        "SELECT ended_at, active_seconds, steps_completed FROM sessions WHERE id = ?",
        ids["dead"],
    ) == [("2024-05-06T07:30:40+02:00", 40.0, 2)]
    assert len(rows(store, "SELECT * FROM steps")) == 2  # its steps are kept
    assert not process_alive(dead) and process_alive(os.getppid()) and not process_alive(None)
    assert not process_alive("1") and not process_alive(2**70)  # the log's text is not trusted


def test_open_log_marks_dead_sessions_first(log_at: Location) -> None:
    with open_store(log_at) as store:
        store.start_session(TIMELINE, None, MORNING)  # its store is closed: no longer running
    with open_log(log_at) as store:
        assert rows(store, "SELECT status FROM sessions") == [("interrupted",)]


def test_marking_alone_never_makes_a_log(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    assert mark_interrupted_sessions(path) == 0
    assert not path.exists()
    with open_store(path) as store:
        store.start_session(TIMELINE, None, MORNING)
    assert mark_interrupted_sessions(path) == 1


def test_the_status_is_checked(store: Store) -> None:
    with pytest.raises((sqlite3.IntegrityError, LogError)):
        store.connection.execute(
            "INSERT INTO sessions (workout, workout_key, started_at, status, steps_total)"
            " VALUES ('x', 'x', 'now', 'lost', 1)"
        )


def v1_log(path: Path) -> None:
    """A log as the first version wrote it: three sessions, one with an unknown status."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_V1)
    db.executemany(
        "INSERT INTO sessions (id, workout, source, started_at, ended_at, status, steps_total,"
        " steps_completed, active_seconds, pid) VALUES (?, ?, NULL, ?, ?, ?, 3, ?, ?, NULL)",
        [
            (
                1,
                "Barn Taster",
                "2024-03-04T07:00:00+01:00",
                "2024-03-04T07:10:00+01:00",
                "completed",
                3,
                600.0,
            ),
            (2, "SNOW Run", "2024-03-05T07:00:00+01:00", None, "running", 1, 60.0),
            (3, "Barn Taster", "2024-03-06T07:00:00+01:00", None, "crashed", 0, 0.0),
        ],
    )
    db.executemany(
        "INSERT INTO steps (session_id, position, kind, name, mode, outcome, planned_seconds,"
        " actual_seconds, reps, load, distance, rounds, ended_at)"
        " VALUES (?, ?, 'work', ?, 'timed', 'completed', 60, 60, ?, ?, ?, ?, '2024-03-04T07:01')",
        [
            (1, 0, "Log carry", None, "40 lb sandbag", "30 m", None),
            (1, 1, "Wagon press", 12, "heavy log", None, None),
            (1, 2, "AMRAP", None, None, None, 4),
            (2, 0, "Hill run", None, None, "1.5 km", None),
        ],
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def test_a_v1_log_is_backed_up_then_migrated_keeping_every_row(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    v1_log(path)
    original = path.read_bytes()
    with closing(sqlite3.connect(path)) as db:
        v1_sessions = db.execute("SELECT * FROM sessions ORDER BY id").fetchall()
        v1_steps = db.execute("SELECT * FROM steps ORDER BY id").fetchall()
    with open_store(path) as store:
        assert rows(store, "PRAGMA user_version") == [(VERSION,)]
        assert rows(
            store,
            "SELECT id, workout_key, status, steps_completed, active_seconds,"
            " planned_seconds FROM sessions ORDER BY id",
        ) == [
            (1, "barn taster", "completed", 3, 600.0, None),
            (2, "snow run", "running", 1, 60.0, None),
            (3, "barn taster", "interrupted", 0, 0.0, None),
        ]
        assert rows(
            store,
            "SELECT session_id, position, name, reps, rounds, load, load_kg,"
            " distance, distance_m, entered FROM steps ORDER BY id",
        ) == [
            (1, 0, "Log carry", None, None, "40 lb sandbag", 18.144, "30 m", 30.0, 0),
            (1, 1, "Wagon press", 12, None, "heavy log", None, None, None, 0),
            (1, 2, "AMRAP", None, 4, None, None, None, None, 0),
            (2, 0, "Hill run", None, None, None, None, "1.5 km", 1500.0, 0),
        ]
        assert rows(store, "PRAGMA foreign_key_check") == []
        assert rows(store, "PRAGMA journal_mode") == [("wal",)]
        indexes = {
            name for (name,) in rows(store, "SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {"sessions_by_start", "sessions_by_workout", "steps_by_name"} <= indexes
        store.start_session(TIMELINE, None, MORNING)  # and it takes new sessions
    assert path.read_bytes() != original
    with closing(sqlite3.connect(tmp_path / "montage.db.v1.bak")) as backup:
        assert backup.execute("PRAGMA user_version").fetchone() == (1,)
        assert backup.execute("SELECT * FROM sessions ORDER BY id").fetchall() == v1_sessions
        assert backup.execute("SELECT * FROM steps ORDER BY id").fetchall() == v1_steps


def test_a_v2_log_is_backed_up_then_keeps_moves_owners_and_what_was_not_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "montage.db"
    v1_log(path)
    with closing(sqlite3.connect(path)) as db:
        db.executescript(MIGRATIONS[1])
        db.execute("UPDATE steps SET distance = '20 m and back', distance_m = 20 WHERE id = 4")
        db.execute("PRAGMA user_version = 2")
        db.commit()
    with open_store(path) as store:
        assert rows(store, "PRAGMA user_version") == [(VERSION,)]
        assert rows(store, "SELECT distance_m FROM steps WHERE id = 4") == [(40.0,)]
        assert rows(store, "SELECT count(*), count(owner), count(not_kept) FROM sessions") == [
            (3, 0, 0)
        ]
        assert rows(store, "SELECT count(*) FROM moves") == [(0,)]
        assert rows(store, "PRAGMA foreign_key_check") == []
    with closing(sqlite3.connect(tmp_path / "montage.db.v2.bak")) as backup:
        assert backup.execute("PRAGMA user_version").fetchone() == (2,)
        assert backup.execute("SELECT distance_m FROM steps WHERE id = 4").fetchone() == (20.0,)


def test_a_second_backup_never_overwrites_the_first(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    v1_log(path)
    (tmp_path / "montage.db.v1.bak").write_bytes(b"an earlier backup")
    open_store(path).close()
    assert (tmp_path / "montage.db.v1.bak").read_bytes() == b"an earlier backup"
    with closing(sqlite3.connect(tmp_path / "montage.db.v1.2.bak")) as copy:
        assert copy.execute("PRAGMA user_version").fetchone() == (1,)
        assert copy.execute("SELECT count(*) FROM steps").fetchone() == (4,)


def test_a_log_from_a_newer_montage_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
        db.execute(f"PRAGMA user_version = {VERSION + 1}")
        db.commit()
    before = path.read_bytes()
    with pytest.raises(LogError, match="newer montage"):
        open_store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["montage.db"]


@pytest.mark.parametrize(
    "content",
    [os.urandom(8192), b"SQLite format 3\x00" + bytes(4080)],
    ids=["random bytes", "a damaged header"],
)
def test_a_file_that_is_no_log_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "montage.db"
    path.write_bytes(content)
    with pytest.raises(LogError, match="not a montage progress log, or damaged") as raised:
        open_store(path)
    assert "\n" not in str(raised.value)
    assert path.read_bytes() == content


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.commit()
    with pytest.raises(LogError, match="not a montage progress log"):
        open_store(path)


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("20 kg sandbag", 20.0),
        ("40 lb", 18.144),
        ("2 x 24 kg kettlebells", 48.0),
        ("24kg", 24.0),
        ("heavy log", None),
        ("10 min", None),
        (None, None),
    ],
)
def test_loads_are_read_in_kilograms(text: str | None, kg: float | None) -> None:
    assert load_kg(text) == kg


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("400 m", 400.0),
        ("1.5 km", 1500.0),
        ("1 mile", 1609.344),
        ("40m sled", 40.0),
        ("1,5 km", 1500.0),
        ("1,500 m", 1500.0),
        ("1,000 m sled drag", 1000.0),
        ("20 m and back", 40.0),
        ("20m there and back", 40.0),
        ("2 x 15 m & back", 60.0),
        ("10 m back and forth", 20.0),
        ("5 km out and back", 5000.0),
        ("20 m backwards", 20.0),
        ("5 min", None),
        ("uphill", None),
    ],
)
def test_distances_are_read_in_metres(text: str, metres: float | None) -> None:
    assert distance_m(text) == metres
