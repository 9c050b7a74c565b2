"""The progress log's questions answered exactly, on a simulated week of sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from engines import Location
from log_data import TODAY, barn, log_connection, new_log, record, snow, week, week_log
from montage.log.errors import LogError
from montage.log.queries import Filter, SessionRow, count_sessions, session_detail, sessions_page
from montage.log.reading import LogService
from montage.log.records import (
    Best,
    ExerciseTotal,
    Point,
    Record,
    exercise_totals,
    fastest,
    records_broken,
    series,
    workouts,
)
from montage.log.schema import SCHEMA_V1, VERSION
from montage.log.sql import Connection
from montage.log.streaks import (
    Day,
    Streaks,
    calendar,
    calendar_of,
    days_within,
    streaks,
    streaks_of,
    training_days,
)


@pytest.fixture
def conn(log_at: Location) -> Iterator[Connection]:
    """The simulated week, in SQLite and in PostgreSQL."""
    with log_connection(log_at) as db:
        assert week(db) == WEEK
        yield db


@pytest.fixture
def sqlite_conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    db = new_log(tmp_path / "montage.db")
    assert week(db) == WEEK
    yield db
    db.close()


def names(rows: Iterable[SessionRow]) -> list[str]:
    by_id = {i: n for n, i in WEEK.items()}
    return [by_id[row.id] for row in rows]


WEEK = {
    "feb28": 1,
    "mon": 2,
    "tue": 3,
    "wed": 4,
    "thu": 5,
    "fri": 6,
    "fri-pm": 7,
    "sat": 8,
}


def test_sessions_come_newest_first_a_page_at_a_time(conn: Connection) -> None:
    first = sessions_page(conn, limit=3)
    assert names(first.rows) == ["sat", "fri-pm", "fri"]
    assert first.next is not None
    second = sessions_page(conn, after=first.next, limit=3)
    assert names(second.rows) == ["thu", "wed", "tue"]
    assert second.next is not None
    third = sessions_page(conn, after=second.next, limit=3)
    assert names(third.rows) == ["mon", "feb28"]
    assert third.next is None
    assert sessions_page(conn, limit=8).next is None
    assert count_sessions(conn) == 8


def test_a_session_row_says_when_what_and_how_far(conn: Connection) -> None:
    row = sessions_page(conn, limit=1).rows[0]
    assert (row.workout, row.workout_key, row.status) == ("Barn Taster", "barn taster", "completed")
    assert row.day == date(2024, 3, 9)
    assert row.active_seconds == 275
    assert row.completion == 1.0
    thursday = sessions_page(conn, Filter(since=date(2024, 3, 7), until=date(2024, 3, 7))).rows
    assert [r.id for r in thursday] == [WEEK["thu"]]
    assert thursday[0].completion == pytest.approx(1 / 7)


def test_filters_by_workout_and_dates_combine_with_pages(conn: Connection) -> None:
    barn = Filter(workout_key="barn taster")
    assert names(sessions_page(conn, barn).rows) == ["sat", "fri-pm", "thu", "wed", "mon"]
    assert count_sessions(conn, barn) == 5
    middle = Filter(since=date(2024, 3, 5), until=date(2024, 3, 6))
    assert names(sessions_page(conn, middle).rows) == ["wed", "tue"]
    both = Filter("barn taster", since=date(2024, 3, 6), until=date(2024, 3, 8))
    page = sessions_page(conn, both, limit=2)
    assert names(page.rows) == ["fri-pm", "thu"]
    assert page.next is not None
    assert names(sessions_page(conn, both, after=page.next, limit=2).rows) == ["wed"]
    assert sessions_page(conn, Filter("no such workout")).rows == ()


def test_pages_never_lose_or_repeat_sessions_that_started_at_the_same_moment(
    log_at: Location,
) -> None:
    with log_connection(log_at) as conn:
        pages_of_one_moment(conn)


def pages_of_one_moment(conn: Connection) -> None:
    moment = "2024-03-04T07:00:00+01:00"
    made = [record(conn, "Snow Run", moment, snow(), "completed") for _ in range(7)]
    seen: list[int] = []
    page = sessions_page(conn, limit=3)
    seen += [row.id for row in page.rows]
    while page.next is not None:
        page = sessions_page(conn, after=page.next, limit=3)
        seen += [row.id for row in page.rows]
    assert seen == sorted(made, reverse=True)


def test_paging_uses_the_start_index_and_does_not_sort(sqlite_conn: sqlite3.Connection) -> None:
    conn = sqlite_conn
    for where in (Filter(), Filter("barn taster")):
        conditions, parameters = where.where()
        sql = "SELECT s.id FROM sessions s" + (
            " WHERE " + " AND ".join(conditions) if conditions else ""
        )
        plan = " ".join(
            str(row[3])
            for row in conn.execute(
                f"EXPLAIN QUERY PLAN {sql} ORDER BY s.started_at DESC, s.id DESC", parameters
            )
        )
        assert "USING" in plan and "INDEX" in plan
        assert "TEMP B-TREE" not in plan


def test_a_sessions_detail_has_every_step_in_order(conn: Connection) -> None:
    detail = session_detail(conn, WEEK["wed"])
    assert detail is not None
    assert detail.session.id == WEEK["wed"]
    assert [(s.position, s.name, s.outcome) for s in detail.steps] == [
        (0, "Get ready", "completed"),
        (1, "Log carry", "completed"),
        (2, "Rest", "completed"),
        (3, "Wagon press", "done"),
        (4, "Rest", "completed"),
        (5, "AMRAP", "completed"),
        (6, "Cool down", "completed"),
    ]
    press = detail.steps[3]
    assert (press.mode, press.planned_seconds, press.actual_seconds, press.reps) == (
        "reps",
        60,
        40,
        12,
    )
    assert press.load == "16 kg kettlebell"
    assert detail.steps[5].rounds == 4
    assert session_detail(conn, 999) is None


def test_each_workout_has_its_history_and_bests(conn: Connection) -> None:
    barn, snow_run = workouts(conn)
    assert (barn.name, barn.key, barn.sessions, barn.completed) == (
        "Barn Taster",
        "barn taster",
        5,
        3,
    )
    assert barn.last_started_at == "2024-03-09T08:00:00+01:00"
    assert barn.fastest == Best(270, WEEK["wed"], "2024-03-06T07:10:00+01:00")
    assert barn.most_rounds == Best(4, WEEK["wed"], "2024-03-06T07:10:00+01:00")  # tie: earliest
    assert barn.measure == "rounds"
    assert (snow_run.name, snow_run.sessions, snow_run.completed) == ("Snow Run", 3, 3)
    assert snow_run.fastest is None  # all timed: how fast means nothing
    assert snow_run.most_rounds is None  # an EMOM is not an AMRAP
    assert snow_run.measure == "time"


def test_series_chart_a_workouts_rounds_or_time_oldest_first(conn: Connection) -> None:
    assert series(conn, "barn taster", "rounds") == [
        Point(WEEK["mon"], "2024-03-04T07:00:00+01:00", 3),
        Point(WEEK["wed"], "2024-03-06T07:10:00+01:00", 4),
        Point(WEEK["sat"], "2024-03-09T08:00:00+01:00", 4),
    ]
    assert [p.value for p in series(conn, "barn taster", "time")] == [280, 270, 275]
    assert [p.value for p in series(conn, "snow run", "time")] == [305, 305, 305]
    assert [p.session_id for p in series(conn, "snow run", "time", limit=2)] == [
        WEEK["tue"],
        WEEK["fri"],
    ]
    assert series(conn, "snow run", "rounds") == []


def test_exercise_totals_add_up_reps_time_distance_and_load(conn: Connection) -> None:
    # the AMRAPs (3 + 4 + 4 rounds) and the EMOMs (2 of 3 intervals made, three times) are
    # no exercises; the moves inside them count once per round
    assert exercise_totals(conn) == [
        ExerciseTotal("Hill run", 3, 0, 360, 1200, 0, None),
        ExerciseTotal("Sandbag carry", 11, 0, 220, 440, 0, None),  # 20 m and back
        ExerciseTotal("Log carry", 4, 0, 170, 120, 0, None),  # the stopped one: time only
        ExerciseTotal("Wagon press", 3, 32, 135, 0, 512, 12),
        ExerciseTotal("Box jump", 6, 48, 0, 0, 0, 8),
        ExerciseTotal("Burpee", 11, 55, 0, 0, 0, 5),
    ]
    wednesday = Filter(since=date(2024, 3, 6), until=date(2024, 3, 6))
    assert exercise_totals(conn, wednesday) == [
        ExerciseTotal("Sandbag carry", 4, 0, 80, 160, 0, None),
        ExerciseTotal("Log carry", 1, 0, 40, 30, 0, None),
        ExerciseTotal("Wagon press", 1, 12, 40, 0, 192, 12),
        ExerciseTotal("Burpee", 4, 20, 0, 0, 0, 5),
    ]
    assert [t.name for t in exercise_totals(conn, Filter("snow run"))] == ["Hill run", "Box jump"]


def test_training_days_leave_out_a_session_that_finished_no_work(conn: Connection) -> None:
    assert training_days(conn) == {
        date(2024, 2, 28): Day(1, 305),
        date(2024, 3, 4): Day(1, 280),
        date(2024, 3, 5): Day(1, 305),
        date(2024, 3, 6): Day(1, 270),
        date(2024, 3, 8): Day(2, 365),  # Thursday was stopped in the first step
        date(2024, 3, 9): Day(1, 275),
    }
    assert Day(2, 365).active_minutes == pytest.approx(6.0833, abs=1e-4)
    assert list(training_days(conn, since=date(2024, 3, 6), until=date(2024, 3, 8))) == [
        date(2024, 3, 6),
        date(2024, 3, 8),
    ]


def test_streaks_count_today_or_up_to_yesterday(conn: Connection) -> None:
    assert streaks(conn, TODAY) == Streaks(2, 3, date(2024, 3, 6))  # Fri, Sat; Mon-Wed
    assert streaks(conn, date(2024, 3, 9)).current == 2  # today counts
    assert streaks(conn, date(2024, 3, 7)).current == 3  # nothing yet today: up to yesterday
    assert streaks(conn, date(2024, 3, 11)).current == 0  # yesterday missed
    assert streaks(conn, date(2024, 3, 5)).current == 2


def test_streaks_of_edge_cases() -> None:
    day = date(2024, 1, 1)
    assert streaks_of([], day) == Streaks(0, 0, None)
    assert streaks_of([day], day) == Streaks(1, 1, day)
    run = [date(2023, 12, 30), date(2023, 12, 31), day, date(2024, 1, 3), date(2024, 1, 4)]
    assert streaks_of(run, date(2024, 1, 5)) == Streaks(2, 3, day)
    assert streaks_of(run + run, date(2024, 1, 4)).current == 2  # duplicates count once


def test_the_calendar_covers_whole_weeks_up_to_today(conn: Connection) -> None:
    grid = calendar(conn, TODAY, weeks=2)
    assert grid.start == date(2024, 2, 26)  # a Monday
    assert (grid.today, grid.weeks) == (TODAY, 2)
    assert list(grid.days) == [
        date(2024, 2, 28),
        date(2024, 3, 4),
        date(2024, 3, 5),
        date(2024, 3, 6),
        date(2024, 3, 8),
        date(2024, 3, 9),
    ]
    assert list(calendar(conn, TODAY, weeks=1).days) == [
        date(2024, 3, 4),
        date(2024, 3, 5),
        date(2024, 3, 6),
        date(2024, 3, 8),
        date(2024, 3, 9),
    ]
    assert calendar(conn, date(2024, 3, 4), weeks=1).start == date(2024, 3, 4)


def test_records_broken_beat_an_earlier_best_and_ties_do_not(conn: Connection) -> None:
    assert records_broken(conn, WEEK["mon"]) == []  # a first time beats nothing
    assert records_broken(conn, WEEK["wed"]) == [
        Record("fastest", "Barn Taster", 270, 280),
        Record("rounds", "Barn Taster", 4, 3),
        Record("reps", "Wagon press", 12, 10),
    ]
    assert records_broken(conn, WEEK["sat"]) == []  # slower, rounds tied, fewer reps
    assert records_broken(conn, WEEK["tue"]) == []
    assert records_broken(conn, WEEK["thu"]) == []
    assert records_broken(conn, 999) == []


def test_a_session_that_skipped_work_is_never_the_fastest(log_at: Location) -> None:
    with log_connection(log_at) as conn:
        never_the_fastest(conn)


def never_the_fastest(conn: Connection) -> None:
    record(conn, "Barn Taster", "2024-03-04T07:00:00+01:00", barn(40, 3), "completed")
    skipping = [
        replace(step, outcome="skipped", actual=1) if step.name == "Log carry" else step
        for step in barn(30, 3)
    ]
    short = record(conn, "Barn Taster", "2024-03-05T07:00:00+01:00", skipping, "completed")
    assert records_broken(conn, short) == []
    best = fastest(conn, "barn taster")
    assert best is not None and best.value == sum(step.actual for step in barn(40, 3))
    assert [point.value for point in series(conn, "barn taster", "time", 10)] == [best.value]


def test_the_service_reads_a_missing_an_empty_and_a_broken_log(tmp_path: Path) -> None:
    assert LogService(tmp_path / "none.db").connect() is None
    sqlite3.connect(tmp_path / "blank.db").close()
    assert LogService(tmp_path / "blank.db").connect() is None
    empty = new_log(tmp_path / "empty.db")
    empty.close()
    with LogService(tmp_path / "empty.db").reading() as conn:
        assert conn is not None
        assert sessions_page(conn).rows == ()
        assert streaks(conn, TODAY) == Streaks(0, 0, None)
        assert workouts(conn) == []
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(LogError, match=r"junk\.db: not a montage progress log, or damaged"):
        LogService(tmp_path / "junk.db").connect()
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE notes (text)")
    other.close()
    with pytest.raises(LogError, match=r"other\.db: an SQLite database, but not a montage"):
        LogService(tmp_path / "other.db").connect()
    future = new_log(tmp_path / "future.db")
    future.execute("PRAGMA user_version = 99")
    future.close()
    with pytest.raises(LogError, match="written by a newer montage"):
        LogService(tmp_path / "future.db").connect()


def test_a_failed_query_becomes_one_log_error(tmp_path: Path) -> None:
    week_log(tmp_path / "montage.db")
    service = LogService(tmp_path / "montage.db")
    failing = pytest.raises(LogError, match=r"montage\.db: the progress log cannot be used")
    with failing, service.reading() as conn:
        assert conn is not None
        conn.execute("SELECT no_such_column FROM sessions")


def test_an_older_log_is_brought_up_to_date_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    old = sqlite3.connect(path)
    old.executescript(SCHEMA_V1)
    old.execute(
        "INSERT INTO sessions (workout, started_at, ended_at, status, steps_total,"
        " steps_completed, active_seconds) VALUES ('Snow Run', '2024-03-05T18:30:00+01:00',"
        " '2024-03-05T18:35:05+01:00', 'completed', 5, 5, 305)"
    )
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    with LogService(path).reading() as conn:
        assert conn is not None
        assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
        (row,) = sessions_page(conn).rows
        assert (row.workout_key, row.active_seconds) == ("snow run", 305)


def test_the_service_only_reads(tmp_path: Path) -> None:
    week_log(tmp_path / "montage.db")
    service = LogService(tmp_path / "montage.db", today=lambda: TODAY)
    assert service.today() == TODAY
    conn = service.connect()
    assert conn is not None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM sessions")
    conn.close()


def test_a_calendar_of_days_already_read_matches_one_read_from_the_log(
    conn: Connection,
) -> None:
    for weeks in (1, 2, 26):
        assert calendar_of(training_days(conn), TODAY, weeks) == calendar(conn, TODAY, weeks)
    days = training_days(conn)
    assert days_within(days, TODAY) == 6
    assert days_within(days, TODAY, span=7) == 5  # Mon 4 to Sun 10
    assert days_within(days, date(2024, 3, 5), span=2) == 2
