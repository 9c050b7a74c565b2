"""A log edited by hand or by another program: every reader shows what it can, names what it
cannot, never crashes, and never prints a control character or a formula as it is."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from log_data import TODAY, week_log
from montage.cli import main
from montage.log.errors import DISK_FULL as DISK
from montage.log.queries import EVERYTHING, count_sessions, session_detail, sessions_page
from montage.log.reading import LogService
from montage.log.records import exercise_totals, most_reps, records_broken, series, workouts
from montage.log.streaks import calendar, streaks, training_days
from montage.log.text import (
    exercise_cells,
    record_line,
    session_cells,
    session_meta,
    stats_lines,
    step_cells,
)

NOT_UTF8 = "CAST(x'426172ff6e' AS TEXT)"
"""SQL: text holding a byte that is not UTF-8."""

EDITS: dict[str, tuple[list[str], dict[int, set[str]]]] = {
    # name: (SQL run on the simulated week, {session: what ``log --json`` says it could
    # not read}); the review names the same sessions, but for what only the export shows
    # (the moves)
    "a status this montage does not know": (
        ["UPDATE sessions SET status = 'paused' WHERE id = 2"],
        {},
    ),
    "text in number columns": (
        [
            "UPDATE sessions SET active_seconds = 'lots', steps_total = 'many' WHERE id = 2",
            "UPDATE steps SET actual_seconds = 'long', reps = 'x', rounds = 'y'"
            " WHERE session_id = 4",
            "UPDATE moves SET reps = 'r' WHERE session_id = 8",
        ],
        {
            2: {"active time", "step count"},
            4: {"a step's time", "a step's reps"},
            8: {"a move's reps"},
        },
    ),
    "infinities": (
        [
            "UPDATE sessions SET active_seconds = 9e999 WHERE id = 2",
            "UPDATE steps SET actual_seconds = -9e999 WHERE session_id = 4",
        ],
        {2: {"active time"}, 4: {"a step's time"}},
    ),
    "text that is not UTF-8": (
        [
            f"UPDATE sessions SET workout = {NOT_UTF8}, workout_key = {NOT_UTF8} WHERE id = 2",
            f"UPDATE steps SET name = {NOT_UTF8}, load = {NOT_UTF8} WHERE session_id = 4",
        ],
        {2: set(), 4: set()},
    ),
    "bytes in text columns": (
        [
            "UPDATE sessions SET workout = x'426172', source = x'c3a9' WHERE id = 2",
            "UPDATE steps SET name = x'41ff', ended_at = x'41' WHERE session_id = 4",
        ],
        {4: set()},
    ),
    "starts that are no time": (
        [
            "UPDATE sessions SET started_at = 'yesterday' WHERE id = 2",
            "UPDATE sessions SET started_at = '2024-13-45T99:99:99+01:00' WHERE id = 3",
        ],
        {},
    ),
    "numbers at the edge": (
        [
            "UPDATE sessions SET steps_total = 9223372036854775807, steps_completed ="
            " -9223372036854775808, active_seconds = 1e308 WHERE id = 2",
            "UPDATE steps SET reps = -9223372036854775808 WHERE session_id = 4 AND position = 3",
        ],
        {},
    ),
}


@pytest.fixture(params=list(EDITS))
def edited(request: pytest.FixtureRequest, own_home: Path) -> tuple[Path, dict[int, set[str]]]:
    """The simulated week, edited; and the sessions whose values cannot be read."""
    path = own_home / "montage.db"
    week_log(path)
    statements, unreadable = EDITS[request.param]
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        for statement in statements:
            db.execute(statement)
    db.close()
    return path, unreadable


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    assert main(list(args)) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_every_command_shows_the_log_and_names_what_it_cannot_read(
    edited: tuple[Path, dict[int, set[str]]], capsys: pytest.CaptureFixture[str]
) -> None:
    _, unreadable = edited
    table, told = run(capsys, "log")
    assert len(table.splitlines()) == 1 + 8 + 2  # a heading, every session, the count
    exported, told_json = run(capsys, "log", "--json")
    sessions = json.loads(exported)
    assert len(sessions) == 8
    for session in sessions:
        for name in ("steps_completed", "steps_total", "active_seconds"):
            assert session[name] is None or isinstance(session[name], int | float)
        for step in session["steps"]:
            assert step["actual_seconds"] is None or isinstance(step["actual_seconds"], float)
    rows = list(csv.reader(io.StringIO(run(capsys, "log", "--csv")[0])))
    assert {len(row) for row in rows} == {len(rows[0])}
    _, told_stats = run(capsys, "stats")
    for session_id, fields in unreadable.items():
        assert f"session {session_id} (" in told_json
        for field in fields:
            assert field in told_json
    if not unreadable:
        assert told_json == ""
    for line in (told, told_json, told_stats):
        assert "Traceback" not in line and len(line.splitlines()) <= 1


def test_the_reviews_questions_answer_whatever_the_log_holds(
    edited: tuple[Path, dict[int, set[str]]],
) -> None:
    path, unreadable = edited
    named = {
        session
        for session, words in unreadable.items()
        if not words or any(not word.startswith("a move") for word in words)
    }
    with LogService(path, today=lambda: TODAY).reading() as conn:
        assert conn is not None
        page = sessions_page(conn, EVERYTHING, None, 100)
        assert count_sessions(conn) == len(page.rows) == 8
        for row in page.rows:
            session_cells(row)
            detail = session_detail(conn, row.id)
            assert detail is not None
            for step in detail.steps:
                step_cells(step)
            assert bool(detail.unreadable) == (row.id in named), row
            for found in records_broken(conn, row.id):
                record_line(found)
        for workout in workouts(conn):
            series(conn, workout.key, workout.measure)
        for total in exercise_totals(conn):
            exercise_cells(total)
            most_reps(conn, total.name)
        days = training_days(conn)
        stats_lines(workouts(conn), streaks(conn, TODAY), len(days))
        calendar(conn, TODAY)


ESCAPE = "\x1b]0;owned\x07\x1b[2J"
"""Escape sequences: retitle the window, clear the screen."""


def test_control_characters_from_the_log_are_never_printed(
    own_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = own_home / "montage.db"
    week_log(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE sessions SET workout = ? WHERE id = 2", [f"Evil{ESCAPE}"])
        db.execute("UPDATE sessions SET workout_key = ? WHERE id = 2", [f"evil{ESCAPE}"])
        db.execute("UPDATE steps SET name = ?, load = ? WHERE session_id = 2", [ESCAPE, ESCAPE])
        db.execute("UPDATE steps SET name = ? WHERE session_id = 3", ["Hill\u202erun"])
    db.close()
    for command in (["log"], ["log", "--csv"], ["stats"], ["log", "--json"]):
        out, err = run(capsys, *command)
        assert "\x1b" not in out + err and "\x07" not in out + err, command
        if command != ["log", "--json"]:  # JSON may hold any letter; it escapes the controls
            assert "\u202e" not in out, command
    out, _ = run(capsys, "log")
    assert "Evil\\x1b]0;owned\\x07\\x1b[2J" in out


FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
]


def test_csv_fields_a_spreadsheet_would_run_get_a_leading_quote_and_numbers_stay_numbers(
    own_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = own_home / "montage.db"
    week_log(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE sessions SET workout = ?, source = ? WHERE id = 2", FORMULAS[:2])
        for position, text in enumerate([*FORMULAS[2:], "\tx", "\rx"]):
            db.execute(
                "UPDATE steps SET name = ?, load = ? WHERE session_id = 4 AND position = ?",
                [text, text, position],
            )
        db.execute("UPDATE steps SET planned_seconds = -5 WHERE session_id = 4 AND position = 0")
        db.execute("UPDATE sessions SET started_at = '=1+1' WHERE id = 3")
    db.close()
    rows = list(csv.DictReader(io.StringIO(run(capsys, "log", "--csv")[0])))
    barn = next(row for row in rows if row["session_id"] == "2")
    assert (barn["workout"], barn["source"]) == tuple(f"'{text}" for text in FORMULAS[:2])
    wednesday = [row for row in rows if row["session_id"] == "4"]
    assert [row["step_name"] for row in wednesday[:5]] == [
        "'+1+1",
        "'-2+3",
        "'@SUM(1)",
        "'\\x09x",
        "'\\x0dx",
    ]
    assert wednesday[0]["step_load"] == "'+1+1"
    assert wednesday[0]["step_planned_seconds"] == "-5.0"  # a number, left as it is
    assert wednesday[0]["active_seconds"] == "270.0"
    assert next(row for row in rows if row["session_id"] == "3")["started_at"] == "'=1+1"
    for row in rows:
        for field in row.values():
            assert field[:1] not in ("=", "+", "@", "\t", "\r") and not field.startswith("-2")


def test_a_sessions_detail_line_says_what_it_cannot_read_and_what_was_not_kept(
    own_home: Path,
) -> None:
    path = own_home / "montage.db"
    week_log(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE sessions SET active_seconds = 'lots', not_kept = ? WHERE id = 2", [DISK])
        db.execute(f"UPDATE steps SET name = {NOT_UTF8} WHERE session_id = 2 AND position = 1")
    db.close()
    with LogService(path).reading() as conn:
        assert conn is not None
        detail = session_detail(conn, 2)
        fine = session_detail(conn, 3)
    assert detail is not None and fine is not None
    assert session_meta(detail) == (
        "completed   ? active   7 of 7 steps (100%)   not fully kept: the disk is full"
        "   cannot be read: active time, a step's name"
    )
    assert session_meta(fine) == "completed   5:05 active   5 of 7 steps (71%)"
    assert step_cells(detail.steps[1])[1] == "Bar\ufffdn"
