"""The charts' series read from the log, in SQLite and in PostgreSQL: a month of the Barn
Taster, each session's value with the best so far and the records marked."""

from __future__ import annotations

import json
from pathlib import Path

from engines import Location
from log_data import log_connection, new_log
from montage.log.charts import exercise_progress, progress_of, workout_progress
from month_data import month


def test_a_workouts_finish_times_and_rounds_with_the_best_so_far(log_at: Location) -> None:
    with log_connection(log_at) as conn:
        ids = month(conn)
        progress = workout_progress(conn, "BARN TASTER")
    assert progress is not None
    assert (progress.name, progress.kind) == ("Barn Taster", "workout")
    finish, rounds = progress.series
    assert (finish.title, finish.unit, finish.higher_is_better) == ("finish time", "seconds", False)
    assert [point.session_id for point in finish.points] == [i for i in ids if i != ids[6]]
    first, bad = finish.points[0], finish.points[8]  # the stopped session is no finish
    assert (first.value, first.best, first.record) == (323.0, 323.0, False)
    assert bad.value > bad.best and not bad.record
    assert (len(finish.records), finish.points[-1].best) == (12, 285.0)
    assert rounds.unit == "rounds" and rounds.higher_is_better
    assert [point.value for point in rounds.records] == [4, 5, 6]
    assert json.loads(json.dumps(progress.to_json()))["series"][1]["points"][0]["value"] == 3


def test_an_exercises_reps_load_and_time_under_work(log_at: Location) -> None:
    with log_connection(log_at) as conn:
        month(conn)
        progress = exercise_progress(conn, "wagon press")
        neither = progress_of(conn, "Sled pull")
        by_name = progress_of(conn, "Log carry")
        amrap = progress_of(conn, "AMRAP")  # no exercise: its moves are
    assert progress is not None and neither is None and amrap is None
    assert (progress.name, progress.kind) == ("Wagon press", "exercise")
    reps, load, time = progress.series
    assert [point.value for point in reps.records] == [11, 12, 13]
    assert [point.value for point in load.records] == [18, 20]
    assert load.unit == "kg" and time.unit == "seconds"
    assert time.points[0].value == 52 * 2 + 4  # both presses of the first session
    assert by_name is not None and by_name.kind == "exercise"
    assert json.loads(json.dumps(progress.to_json()))["series"][0]["points"][-1]["best"] == 13


def test_values_the_log_cannot_read_as_numbers_are_left_out(tmp_path: Path) -> None:
    conn = new_log(tmp_path / "log.db")
    ids = month(conn)
    conn.execute("UPDATE sessions SET active_seconds = 'fast' WHERE id = ?", [ids[0]])
    conn.execute("UPDATE steps SET rounds = 'lots' WHERE session_id = ?", [ids[1]])
    conn.execute("UPDATE steps SET reps = 'ten', load_kg = 'heavy' WHERE session_id = ?", [ids[2]])
    conn.execute("UPDATE steps SET actual_seconds = '9e999' WHERE session_id = ?", [ids[3]])
    workout = workout_progress(conn, "Barn Taster")
    exercise = exercise_progress(conn, "Wagon press")
    conn.close()
    assert workout is not None and exercise is not None
    finish, rounds = workout.series
    assert ids[0] not in [point.session_id for point in finish.points]
    assert ids[1] not in [point.session_id for point in rounds.points]
    reps, load, time = exercise.series
    assert ids[2] not in [point.session_id for point in (*reps.points, *load.points)]
    assert ids[3] not in [point.session_id for point in time.points]
