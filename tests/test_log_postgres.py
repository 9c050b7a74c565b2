"""The PostgreSQL log: many writers at once, sessions of dead processes, the copy from SQLite,
the exports, refusals, and credentials that never show."""

from __future__ import annotations

import io
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from log_data import week_log
from montage.log.errors import LogError
from montage.log.listing import print_log
from montage.log.opening import open_log, open_store
from montage.log.queries import Filter
from montage.log.to_postgres import print_copy
from montage.paths import DatabaseURL, without_password
from test_store import MORNING, PRESS, TIMELINE, result, rows

WRITERS = 12
STEPS = 25


def test_many_athletes_writing_at_once_lose_nothing(postgres_log: DatabaseURL) -> None:
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def athlete() -> None:
        try:
            with open_store(postgres_log) as store:
                start.wait(timeout=30)
                session = store.start_session(TIMELINE, None, MORNING)
                for number in range(STEPS):
                    step = replace(PRESS, index=number)
                    store.record_step(session, result(step, "done", 1.0), MORNING)
                store.finish_session(session, "completed", MORNING, STEPS, STEPS)
        except BaseException as error:  # noqa: BLE001 - told below
            failures.append(error)

    threads = [threading.Thread(target=athlete) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    with open_log(postgres_log) as store:
        assert rows(store, "SELECT count(*), sum(steps_completed) FROM sessions") == [
            (WRITERS, WRITERS * STEPS)
        ]
        assert rows(store, "SELECT count(*) FROM steps") == [(WRITERS * STEPS,)]
        assert rows(store, "SELECT DISTINCT status FROM sessions") == [("completed",)]


HOLDER = """
import sys
from datetime import datetime
from montage.log.opening import open_store
from montage.paths import DatabaseURL
from montage.session.timeline import Step, Timeline
store = open_store(DatabaseURL(sys.argv[1]))
step = Step(index=0, kind="work", name="Row", seconds=10)
session = store.start_session(Timeline(name="Row", steps=(step,)), None, datetime.now())
print(session, flush=True)
sys.stdin.readline()  # runs until told
"""


def test_a_session_whose_process_died_is_found_interrupted_and_a_live_one_is_not(
    postgres_log: DatabaseURL,
) -> None:
    def holder() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", HOLDER, postgres_log.secret],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    alive, dying = holder(), holder()
    try:
        assert alive.stdout is not None and dying.stdout is not None
        live_id, dead_id = int(alive.stdout.readline()), int(dying.stdout.readline())
        dying.kill()  # killed: its connection ends, and with it its lock
        dying.wait(timeout=10)
        with open_log(postgres_log) as store:
            status = {row[0]: row[1] for row in rows(store, "SELECT id, status FROM sessions")}
            assert status == {live_id: "running", dead_id: "interrupted"}
            (owner,) = rows(store, "SELECT owner FROM sessions WHERE id = ?", live_id)[0]
            assert str(owner).startswith("advisory:")
    finally:
        alive.kill()
        alive.wait(timeout=10)
        dying.wait(timeout=10)


def test_each_session_is_tagged_with_its_athlete_and_device(
    log_at: Path | DatabaseURL, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONTAGE_ATHLETE", "Rocky")
    with open_store(log_at) as store:
        store.start_session(TIMELINE, None, MORNING)
        assert rows(store, "SELECT athlete, device FROM sessions") == [
            ("Rocky", socket.gethostname())
        ]


def test_a_log_is_copied_once_keeping_every_row(tmp_path: Path, postgres_log: DatabaseURL) -> None:
    source = tmp_path / "montage.db"
    week_log(source)
    with closing(sqlite3.connect(source)) as db:  # a step grown by its rules, to 0.1 kg
        db.execute(
            "INSERT INTO targets (workout_key, place, exercise, session_id, reps, load,"
            " written_reps, written_load, misses) VALUES"
            " ('barn taster', '3', 'wagon press', 2, 13, 16.1, 12, 16.0, 0)"
        )
        db.commit()
    out, err = io.StringIO(), io.StringIO()
    assert print_copy(source, postgres_log, out, err) == 0, err.getvalue()
    assert out.getvalue() == f"Copied 8 sessions and 41 steps from {source} to {postgres_log}.\n"
    tables = {
        "sessions": "SELECT * FROM sessions ORDER BY id",
        "steps": "SELECT * FROM steps ORDER BY id",
        "moves": "SELECT * FROM moves ORDER BY session_id, position, number",
        "targets": "SELECT * FROM targets ORDER BY session_id, place",
    }
    with open_store(source) as sqlite, open_store(postgres_log) as postgres:
        for sql in tables.values():
            assert rows(postgres, sql) == rows(sqlite, sql)
        assert rows(postgres, "SELECT load FROM targets") == [(16.1,)]  # 8 bytes, as in SQLite
        # a session written after the copy takes the next id
        assert postgres.start_session(TIMELINE, None, MORNING + timedelta(days=30)) == 9
    again = io.StringIO()
    assert print_copy(source, postgres_log, io.StringIO(), again) == 1
    assert again.getvalue() == (
        f"montage: {postgres_log}: this PostgreSQL log already holds 9 sessions;"
        " a log is copied only into an empty one\n"
    )


@pytest.mark.parametrize("how", ["table", "json", "csv"])
def test_a_postgres_log_prints_as_its_sqlite_copy_does(
    tmp_path: Path, postgres_log: DatabaseURL, how: str
) -> None:
    source = tmp_path / "montage.db"
    week_log(source)
    assert print_copy(source, postgres_log, io.StringIO(), io.StringIO()) == 0
    for where in (Filter(), Filter("barn taster", limit=2)):
        shown = []
        for log in (source, postgres_log):
            out = io.StringIO()
            assert print_log(log, how, where, out, io.StringIO()) == 0  # type: ignore[arg-type]
            shown.append(out.getvalue())
        assert shown[0] == shown[1]
        assert "Barn Taster" in shown[0]


def test_a_log_of_a_newer_montage_and_another_programs_tables_are_refused(
    postgres_log: DatabaseURL, postgres_server: str
) -> None:
    import psycopg

    with open_store(postgres_log) as store:
        store.connection.execute("UPDATE montage_version SET version = 99")
    with pytest.raises(LogError, match="written by a newer montage"):
        open_store(postgres_log)
    with psycopg.connect(postgres_log.secret, autocommit=True) as conn:
        conn.execute("DROP TABLE montage_version, targets, moves, steps, sessions")
        conn.execute("CREATE TABLE sessions (booked date)")
    with pytest.raises(LogError, match="tables named sessions, steps, moves or targets that are"):
        open_store(postgres_log)
    with psycopg.connect(postgres_log.secret, autocommit=True) as conn:
        conn.execute("DROP TABLE sessions")
        conn.execute("CREATE TABLE targets (quarter text, revenue numeric)")
    with pytest.raises(LogError, match="that are not a montage progress log"):
        open_store(postgres_log)


SECRET = "s3cr%40t-Pa55"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://coach:{SECRET}@127.0.0.1:9/montage?connect_timeout=2",
        f"postgresql://coach@127.0.0.1:9/montage?password={SECRET}&connect_timeout=2",
    ],
)
def test_a_password_is_never_shown(url: str, tmp_path: Path) -> None:
    with pytest.raises(LogError) as caught:
        open_store(DatabaseURL(url))
    message = str(caught.value)
    assert SECRET not in message and "s3cr@t" not in message
    assert message.startswith("postgresql://coach@127.0.0.1:9/montage?")
    assert "cannot reach the PostgreSQL progress log" in message
    assert SECRET not in repr(DatabaseURL(url)) and SECRET not in str(DatabaseURL(url))
    env = {**os.environ, "MONTAGE_DB": url, "MONTAGE_HOME": str(tmp_path)}
    for command in (["log"], ["stats"], ["log", "--json"]):
        shown = subprocess.run(
            [sys.executable, "-m", "montage", *command],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert shown.returncode == 1
        assert SECRET not in shown.stdout + shown.stderr and "s3cr@t" not in shown.stderr
        assert shown.stderr.startswith("montage: postgresql://coach@127.0.0.1:9/montage")
        assert len(shown.stderr.splitlines()) == 1


def test_without_password_leaves_the_rest_of_the_url() -> None:
    assert without_password("postgresql://a:b@h:5/d?sslmode=require&PASSWORD=x") == (
        "postgresql://a@h:5/d?sslmode=require"
    )
    assert without_password("postgresql:///montage?host=/run/pg") == (
        "postgresql:///montage?host=/run/pg"
    )


def test_a_sqlite_log_never_loads_the_postgresql_driver(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; import montage.cli;"
        " from montage.log.opening import open_log;"
        f" open_log(Path({str(tmp_path / 'montage.db')!r})).close();"
        " assert not [m for m in sys.modules if m.startswith('psycopg')], 'loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
