"""``montage log``: the table, JSON and CSV exports, their filters, and a real session."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from montage.cli import main
from montage.log.opening import open_store
from montage.log.table import EMPTY_LOG
from montage.log.text import LocalTimes, when
from montage.session.events import StepResult
from montage.session.outcomes import counts_as_done
from montage.session.timeline import Step, Timeline

ZONE = timezone(timedelta(hours=1))

BARN = Timeline(
    name="Barn Taster",
    steps=(
        Step(index=0, kind="prepare", name="Get ready", seconds=5),
        Step(index=1, kind="work", name='Log carry, "heavy"', seconds=40, load="20 kg sandbag"),
        Step(index=2, kind="work", name="Wagon press", seconds=None, mode="reps", reps=10),
    ),
)
SNOW = Timeline(name="Snow Run", steps=(Step(index=0, kind="work", name="Hill run", seconds=60),))


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("MONTAGE_HOME", str(folder))
    return folder


def record(home: Path, timeline: Timeline, day: int, outcomes: list[str]) -> None:
    """A finished session of ``timeline`` on March ``day`` 2024, its steps ending as told."""
    start = datetime(2024, 3, day, 7, 0, tzinfo=ZONE)
    with open_store(home / "montage.db") as store:
        session = store.start_session(timeline, f"{timeline.name}.yaml", start)
        for step, outcome in zip(timeline.steps, outcomes, strict=False):
            seconds = float(step.seconds or 30)
            result = StepResult(step, outcome, seconds, 0.0, seconds)  # type: ignore[arg-type]
            store.record_step(session, result, start + timedelta(seconds=seconds))
        done = sum(counts_as_done(outcome) for outcome in outcomes)
        store.finish_session(session, "completed", start + timedelta(minutes=2), 75.5, done)


def log(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["log", *args]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_an_empty_log_says_so_without_making_a_file(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert log(capsys) == EMPTY_LOG + "\n"
    assert log(capsys, "--json") == "[]\n"
    assert log(capsys, "--csv").startswith("session_id,workout,")
    assert not home.exists()
    open_store(home / "montage.db").close()
    assert log(capsys) == EMPTY_LOG + "\n"
    assert log(capsys, "--workout", "nothing") == "No sessions match.\n"


def test_the_table_has_a_row_per_session(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record(home, BARN, 4, ["completed", "completed", "done"])
    record(home, SNOW, 5, ["completed"])
    assert log(capsys).splitlines() == [
        "DATE              WORKOUT         TIME  STATUS       STEPS",
        "2024-03-05 07:00  Snow Run        1:15  completed    1/1",
        "2024-03-04 07:00  Barn Taster     1:15  completed    3/3",
        "",
        "2 sessions",
    ]


def test_json_has_every_session_with_its_steps(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record(home, BARN, 4, ["completed", "skipped", "done"])
    record(home, SNOW, 5, [])
    sessions = json.loads(log(capsys, "--json"))
    assert [s["workout"] for s in sessions] == ["Snow Run", "Barn Taster"]  # newest first
    first = sessions[1]
    assert {key: first[key] for key in first if key != "steps"} == {
        "id": 1,
        "workout": "Barn Taster",
        "source": "Barn Taster.yaml",
        "started_at": "2024-03-04T07:00:00+01:00",
        "ended_at": "2024-03-04T07:02:00+01:00",
        "status": "completed",
        "steps_completed": 2,
        "steps_total": 3,
        "active_seconds": 75.5,
        "planned_seconds": 45.0,
        "not_kept": None,
    }
    assert [step["position"] for step in first["steps"]] == [0, 1, 2]
    assert first["steps"][1] == {
        "position": 1,
        "kind": "work",
        "name": 'Log carry, "heavy"',
        "mode": "timed",
        "outcome": "skipped",
        "planned_seconds": 40.0,
        "actual_seconds": 40.0,
        "reps": None,
        "rounds": None,
        "load": "20 kg sandbag",
        "load_kg": 20.0,
        "distance": None,
        "distance_m": None,
        "entered": False,
        "ended_at": "2024-03-04T07:00:40+01:00",
    }
    assert first["steps"][2]["reps"] == 10
    assert sessions[0]["steps"] == []


def test_steps_come_in_position_order_whatever_order_they_were_written(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = datetime(2024, 3, 4, 7, 0, tzinfo=ZONE)
    with open_store(home / "montage.db") as store:
        session = store.start_session(BARN, None, start)
        for step in reversed(BARN.steps):
            store.record_step(session, StepResult(step, "completed", 1.0, 0.0, 1.0), start)
    (exported,) = json.loads(log(capsys, "--json"))
    assert [step["position"] for step in exported["steps"]] == [0, 1, 2]
    rows = list(csv.DictReader(io.StringIO(log(capsys, "--csv"))))
    assert [row["step_position"] for row in rows] == ["0", "1", "2"]


def test_csv_has_a_row_per_step_with_its_session(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record(home, BARN, 4, ["completed", "completed", "done"])
    record(home, SNOW, 5, [])
    rows = list(csv.DictReader(io.StringIO(log(capsys, "--csv"))))
    assert [(row["session_id"], row["step_position"]) for row in rows] == [
        ("2", ""),  # newest first; a session without steps still has its row
        ("1", "0"),
        ("1", "1"),
        ("1", "2"),
    ]
    assert rows[2]["workout"] == "Barn Taster"
    assert rows[2]["step_name"] == 'Log carry, "heavy"'
    assert rows[2]["step_load_kg"] == "20.0"
    assert rows[2]["step_reps"] == "" and rows[3]["step_reps"] == "10"
    assert rows[2]["started_at"] == "2024-03-04T07:00:00+01:00"


def test_the_filters_pick_sessions(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for day in (4, 5, 6, 7):
        record(home, BARN if day % 2 == 0 else SNOW, day, ["completed"])

    def days(*args: str) -> list[str]:
        return [s["started_at"][:10] for s in json.loads(log(capsys, "--json", *args))]

    assert days("--workout", "barn TASTER") == ["2024-03-06", "2024-03-04"]
    assert days("--since", "2024-03-05") == ["2024-03-07", "2024-03-06", "2024-03-05"]
    assert days("--limit", "2") == ["2024-03-07", "2024-03-06"]
    assert days("--workout", "snow run", "--limit", "1") == ["2024-03-07"]
    assert days("--since", "2024-03-06", "--limit", "5") == ["2024-03-07", "2024-03-06"]
    assert days("--limit", "99999999999999999999") == days()  # more than SQLite can count


def test_every_format_lists_newest_first_and_the_limit_keeps_the_newest(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record(home, SNOW, 6, ["completed"])  # written first, started last
    record(home, BARN, 4, ["completed"])
    record(home, SNOW, 5, ["completed"])
    table = log(capsys, "--limit", "2").splitlines()
    assert [line[:10] for line in table[1:3]] == ["2024-03-06", "2024-03-05"]
    exported = json.loads(log(capsys, "--json", "--limit", "2"))
    assert [s["started_at"][:10] for s in exported] == ["2024-03-06", "2024-03-05"]
    rows = csv.DictReader(io.StringIO(log(capsys, "--csv", "--limit", "2")))
    assert [row["started_at"][:10] for row in rows] == ["2024-03-06", "2024-03-05"]


@pytest.mark.parametrize(
    "args",
    [["--since", "yesterday"], ["--limit", "0"], ["--limit", "\u00b2"], ["--json", "--csv"]],
)
def test_bad_options_are_refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["log", *args])
    assert raised.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


WORKOUT = """\
name: Tiny Log
prepare: 1s
steps:
  - exercise: Wagon press
    reps: 5
    load: 40 lb
  - amrap: 1s
    steps:
      - exercise: Chop
        reps: 3
cooldown: 1s
"""


def test_a_real_plain_session_is_in_the_log(home: Path, tmp_path: Path) -> None:
    workout = tmp_path / "tiny.yaml"
    workout.write_text(WORKOUT, encoding="utf-8")
    env = {**os.environ, "MONTAGE_HOME": str(home)}
    run = subprocess.Popen(
        [sys.executable, "-m", "montage", "run", str(workout), "--plain", "--mute"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert run.stdin is not None and run.stdout is not None
    for line in run.stdout:
        if "press Enter when done" in line:
            run.stdin.write("\n")
            run.stdin.flush()
        elif line.startswith("[") and "done: Wagon press" in line:
            run.stdin.write("6 @ 20kg\n")
            run.stdin.flush()
        elif "logged:" in line:
            run.stdin.close()
    assert run.wait(timeout=30) == 0
    printed = subprocess.run(
        [sys.executable, "-m", "montage", "log", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    (session,) = json.loads(printed.stdout)
    assert session["workout"] == "Tiny Log"
    assert session["status"] == "completed"
    assert session["source"] == str(workout)
    assert datetime.fromisoformat(session["started_at"]).utcoffset() is not None
    assert [(s["name"], s["outcome"]) for s in session["steps"]] == [
        ("Get ready", "completed"),
        ("Wagon press", "done"),
        ("AMRAP", "completed"),
        ("Cool down", "completed"),
    ]
    press = session["steps"][1]
    assert (press["reps"], press["load"], press["load_kg"], press["entered"]) == (
        6,
        "20kg",
        20.0,
        True,
    )
    assert session["steps_completed"] == 4 and session["steps_total"] == 4
    assert session["steps"][2]["moves"] == [
        {
            "number": 0,
            "kind": "work",
            "name": "Chop",
            "seconds": None,
            "reps": 3,
            "load": None,
            "distance": None,
        }
    ]


@pytest.mark.parametrize("command", [["log"], ["log", "--csv"], ["stats"]])
def test_commands_that_read_the_log_mark_dead_sessions_first(
    home: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(home / "montage.db") as store:
        store.start_session(SNOW, None, datetime(2024, 3, 4, 7, 0, tzinfo=ZONE))
        store.connection.execute("UPDATE sessions SET pid = 999999999")  # long gone
    assert main(command) == 0
    capsys.readouterr()
    with open_store(home / "montage.db") as store:
        assert store.connection.execute("SELECT status FROM sessions").fetchall() == [
            ("interrupted",)
        ]


def test_a_running_session_shows_the_steps_it_has_kept(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nine = Timeline(
        "Nine", tuple(Step(index=i, kind="work", name=f"Move {i}", seconds=20) for i in range(9))
    )
    start = datetime(2024, 3, 4, 7, 0, tzinfo=ZONE)
    with open_store(home / "montage.db") as store:
        session = store.start_session(nine, None, start)
        for step in nine.steps[:3]:
            store.record_step(session, StepResult(step, "completed", 20.0, 0.0, 20.0), start)
        # still running, in this process: read it from another
        printed = subprocess.run(
            [sys.executable, "-m", "montage", "log"],
            capture_output=True,
            text=True,
            env={**os.environ, "MONTAGE_HOME": str(home)},
            check=True,
        )
    assert "2024-03-04 07:00  Nine        1:00  running      3/9\n" in printed.stdout


def test_times_recorded_in_another_zone_are_shown_in_the_local_one(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = datetime(2024, 3, 4, 7, 0, tzinfo=timezone(timedelta(hours=-5)))  # New York
    with open_store(home / "montage.db") as store:
        store.start_session(SNOW, None, start)
    line = log(capsys).splitlines()[1]
    assert line.startswith("2024-03-04 13:00  Snow Run")  # the tests run at UTC+01:00
    (exported,) = json.loads(log(capsys, "--json"))
    assert exported["started_at"] == "2024-03-04T07:00:00-05:00"  # kept as it was recorded


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("2024-03-31T01:30:00+01:00", "2024-03-31 01:30"),  # winter time, before the change
        ("2024-03-31T04:30:00+02:00", "2024-03-31 04:30"),  # summer time, after it
        ("2024-03-31T00:30:00+00:00", "2024-03-31 01:30"),
        ("2024-03-31T02:30:00+00:00", "2024-03-31 04:30"),
        ("2024-07-01T12:00:00-04:00", "2024-07-01 18:00"),
        ("2024-03-04T07:00", "2024-03-04 07:00"),  # no offset: local already
        ("yesterday", "yesterday"),
    ],
)
def test_local_times_follow_the_zone_across_a_change_of_offset(
    stamp: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")  # Central Europe, with its summer
    time.tzset()
    times = LocalTimes()
    for _ in range(2):  # the second time from what it remembers of the day
        assert (times.minute(stamp) or stamp) == shown
    assert when(stamp) == shown
