"""The PostgreSQL log for a gym: many athletes writing at once, and a big log's first rows.

Twenty athletes, each a process of its own with its own store (a pool, an advisory
lock), run sessions at once against one PostgreSQL log, a step ending every
``STEP_EVERY`` seconds each, for ``seconds``: every write is timed, and the steps in
the log are counted against the steps written. Then the review screen's first read
(connect, the first page of sessions, their count) is timed on a log of a million
sessions in PostgreSQL and on the same sessions in SQLite: a ratio.

The server is ``$MONTAGE_TEST_POSTGRES`` or a throwaway one from
``scripts/postgres-test-server.sh start --durable`` (every commit reaches the disk).
``python -m benchmarks.postgres_log --seconds 300`` for the five-minute figure.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import secrets
import sqlite3
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from montage.app.screens.review_reading import PAGE_SIZE
from montage.log.opening import open_store
from montage.log.queries import count_sessions, sessions_page
from montage.log.reading import LogService
from montage.log.schema import SCHEMA, VERSION
from montage.paths import DatabaseURL
from montage.session.events import StepResult
from montage.session.timeline import Step, Timeline

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "postgres-test-server.sh"
ATHLETES = 20
STEP_EVERY = 0.25
"""Seconds between one athlete's steps: far busier than a real class."""
STEPS = tuple(Step(index=i, kind="work", name=f"Move {i}", seconds=30) for i in range(12))
TIMELINE = Timeline(name="Gym Circuit", steps=STEPS)


@dataclass(frozen=True, slots=True)
class Figures:
    """What one run measured."""

    seconds: float
    written: int
    kept: int
    latencies: list[float]
    first_rows_postgres: float
    first_rows_sqlite: float
    sessions: int

    def p(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


Written = tuple[int, list[float]]
"""What one athlete wrote: steps, and each write's seconds."""


def _athlete(url: str, seconds: float, seed: int, out: multiprocessing.Queue[Written]) -> None:
    rng = random.Random(seed)
    latencies: list[float] = []
    written = 0
    with open_store(DatabaseURL(url)) as store:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            session = store.start_session(TIMELINE)
            for step in STEPS:
                time.sleep(rng.uniform(0.5, 1.5) * STEP_EVERY)
                began = time.perf_counter()
                store.record_step(session, StepResult(step, "completed", 30.0, 0.0, 30.0))
                latencies.append(time.perf_counter() - began)
                written += 1
                if time.monotonic() >= end:
                    break
            store.finish_session(session, "completed", datetime.now().astimezone(), 30.0, 12)
    out.put((written, latencies))


def _schema(server: str) -> DatabaseURL:
    import psycopg

    schema = f"bench_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in server else "?"
    return DatabaseURL(f"{server}{joiner}options=-csearch_path%3D{schema}")


def _sessions(count: int) -> list[tuple[object, ...]]:
    start = datetime(2020, 1, 1, 6, 0, tzinfo=timezone(timedelta(hours=1)))
    rows: list[tuple[object, ...]] = []
    for number in range(1, count + 1):
        began = start + timedelta(minutes=7 * number)
        stamp = began.isoformat(timespec="seconds")
        ended = (began + timedelta(minutes=30)).isoformat(timespec="seconds")
        rows.append(
            (number, "Gym Circuit", "gym circuit", stamp, ended, "completed", 12, 12, 1800.0,
             1800.0, f"athlete {number % 40}", "gym")
        )  # fmt: skip
    return rows


COLUMNS = (
    "id, workout, workout_key, started_at, ended_at, status, steps_total, steps_completed,"
    " active_seconds, planned_seconds, athlete, device"
)


def _first_rows(location: Path | DatabaseURL, tries: int = 7) -> float:
    times = []
    for _ in range(tries + 1):
        began = time.perf_counter()
        with LogService(location).reading() as conn:
            assert conn is not None
            assert len(sessions_page(conn, limit=PAGE_SIZE).rows) == PAGE_SIZE
            count_sessions(conn)
        times.append(time.perf_counter() - began)
    return statistics.median(times[1:])  # the first warms the caches


def _big_logs(server: str, folder: Path, count: int) -> tuple[float, float]:
    import psycopg

    rows = _sessions(count)
    url = _schema(server)
    open_store(url).close()  # the tables
    with psycopg.connect(url.secret, autocommit=True) as conn, conn.cursor() as cursor:
        with cursor.copy(f"COPY sessions ({COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        conn.execute("ANALYZE sessions")
    path = folder / "montage.db"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        db.execute(f"PRAGMA user_version = {VERSION}")
        db.executemany(f"INSERT INTO sessions ({COLUMNS}) VALUES ({', '.join('?' * 12)})", rows)
    open_store(path).close()
    return _first_rows(url), _first_rows(path)


def run(seconds: float = 20.0, sessions: int = 1_000_000) -> Figures:
    """Run the writers for ``seconds``, then time the first rows of ``sessions`` sessions."""
    given = os.environ.get("MONTAGE_TEST_POSTGRES")
    server = (
        given
        or subprocess.run(
            ["sh", str(SCRIPT), "start", "--durable"], capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    try:
        url = _schema(server)
        open_store(url).close()
        results: multiprocessing.Queue[Written] = multiprocessing.Queue()
        athletes = [
            multiprocessing.Process(target=_athlete, args=(url.secret, seconds, n, results))
            for n in range(ATHLETES)
        ]
        for athlete in athletes:
            athlete.start()
        written, latencies = 0, list[float]()
        for _ in athletes:
            count, times = results.get(timeout=seconds + 120)
            written += count
            latencies += times
        for athlete in athletes:
            athlete.join(timeout=30)
        with open_store(url) as store:
            (kept,) = store.connection.execute("SELECT count(*) FROM steps").fetchone()
        with tempfile.TemporaryDirectory() as folder:
            postgres, sqlite = _big_logs(server, Path(folder), sessions)
    finally:
        if not given:
            subprocess.run(["sh", str(SCRIPT), "stop", server], capture_output=True)
    return Figures(seconds, written, int(kept), latencies, postgres, sqlite, sessions)


def report(figures: Figures) -> None:
    """Print the figures."""
    print(
        f"\nPostgreSQL log, {ATHLETES} athletes writing at once for {figures.seconds:g} s"
        f" (a step each every {STEP_EVERY:g} s or so):"
    )
    print(
        f"  steps written {figures.written}, kept {figures.kept}   write latency median"
        f" {statistics.median(figures.latencies) * 1000:.2f} ms   p99"
        f" {figures.p(0.99) * 1000:.2f} ms   max {max(figures.latencies) * 1000:.2f} ms"
    )
    ratio = figures.first_rows_postgres / figures.first_rows_sqlite
    print(
        f"  review's first rows of {figures.sessions:,} sessions: PostgreSQL"
        f" {figures.first_rows_postgres * 1000:.1f} ms, SQLite"
        f" {figures.first_rows_sqlite * 1000:.1f} ms (PostgreSQL / SQLite {ratio:.2f}x)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="benchmarks.postgres_log")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the athletes write")
    parser.add_argument("--sessions", type=int, default=1_000_000, help="sessions in the big log")
    arguments = parser.parse_args()
    report(run(arguments.seconds, arguments.sessions))
