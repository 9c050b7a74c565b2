"""The current targets in the log: judged as a session ends, read back, reset; one exercise
across workouts; the log taken from version 3 to 4."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from fakes import FakeClock, run_to_end
from log_data import PREPARE, S, new_log, record
from montage.log.exercises import exercise_totals
from montage.log.reading import LogService
from montage.log.recorder import Recorder
from montage.log.records import records_broken
from montage.log.schema import MIGRATIONS, SCHEMA, TARGETS, VERSION
from montage.log.store import Store, open_store
from montage.log.targets import stored_targets
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
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "montage.db") as opened:
        yield opened


def barn(tmp_path: Path, text: str = BARN) -> Path:
    path = tmp_path / "barn.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def plan(store: Store, path: Path) -> Timeline:
    """The workout as a front end starts it: its targets as the log has them."""
    entry = planned([load_entry(path, "path")], LogService(store.path))[0]
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
    assert "ALTER TABLE steps ADD COLUMN exercise TEXT" in MIGRATIONS[3]


def test_a_v3_log_keys_its_exercises_and_gains_targets(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    # the layout of version 3: today's, without what version 4 adds
    before = SCHEMA.replace("    exercise TEXT,\n", "").split("CREATE INDEX steps_by_exercise")[0]
    assert "exercise" not in before and "targets" not in before
    with closing(sqlite3.connect(path)) as db:
        db.executescript(before)
        db.execute(
            "INSERT INTO sessions (id, workout, workout_key, started_at, status, steps_total)"
            " VALUES (1, 'Barn', 'barn', '2024-03-04T07:00', 'completed', 2)"
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
        db.execute("PRAGMA user_version = 3")
        db.commit()
    with open_store(path) as opened:
        conn = opened.connection
        assert conn.execute("PRAGMA user_version").fetchone() == (VERSION,)
        assert conn.execute("SELECT exercise FROM steps ORDER BY position").fetchall() == [
            ("log carry",),
            (None,),
        ]
        assert conn.execute("SELECT exercise FROM moves").fetchall() == [("wood chop",)]
        assert conn.execute("SELECT count(*) FROM targets").fetchone() == (0,)


def work(name: str, reps: int, outcome: str = "done") -> S:
    return S("work", name, "reps", outcome, None, 30, reps)


def test_one_exercise_across_workouts_and_wordings(tmp_path: Path) -> None:
    conn = new_log(tmp_path / "montage.db")
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
    store: Store, tmp_path: Path
) -> None:
    from textual.widgets import OptionList

    from harness import Harness
    from montage.app.screens.picker import PickerScreen
    from montage.app.screens.session import SessionScreen

    path = barn(tmp_path)
    session(store, plan(store, path))
    harness = Harness(log_service=LogService(store.path), extra=[load_entry(path, "path")])
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
        assert preview.count("Log carry") == 3  # a round more
        await pilot.press("enter")
        running = harness.app.screen
        assert isinstance(running, SessionScreen)
        press_step = running.engine.timeline.steps[1]
        assert (press_step.reps, press_step.load) == (13, "22.5 kg")
