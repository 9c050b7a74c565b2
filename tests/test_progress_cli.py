"""``montage show`` and ``montage progress`` with targets grown in the log (SQLite and
PostgreSQL); a session run line by line asks them, and moves them on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engines import Location
from montage.cli import main
from montage.log.opening import open_store
from montage.paths import log_database_file

PRESS = """\
name: Press Test
prepare: 1s
steps:
  - exercise: Overhead wagon press
    reps: 12
    load: 20 kg
    progress: {reps: +1, load: +2.5 kg}
  - repeat: 2
    name: Circuit
    progress: {rounds: {by: 1, max: 3}}
    steps:
      - exercise: Log carry
        time: 1s
        progress: {time: +1s}
"""


@pytest.fixture
def workout(tmp_path: Path) -> Path:
    path = tmp_path / "press.yaml"
    path.write_text(PRESS, encoding="utf-8")
    return path


@pytest.fixture
def logged(log_at: Location, monkeypatch: pytest.MonkeyPatch) -> Location:
    """The log the commands (and the sessions they start) use: a new one, in each engine."""
    monkeypatch.setenv("MONTAGE_DB", str(log_at) if isinstance(log_at, Path) else log_at.secret)
    return log_at


def run_session(path: Path) -> str:
    """A whole session line by line: Enter says the press is done once it asks; the input
    stays open until the session is over."""
    with subprocess.Popen(
        [sys.executable, "-m", "montage", "run", str(path), "--plain", "--mute"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    ) as running:
        assert running.stdin is not None and running.stdout is not None
        lines = []
        for line in running.stdout:
            lines.append(line)
            if "press Enter when done" in line:
                running.stdin.write("\n")
                running.stdin.flush()
        assert running.wait(timeout=60) == 0
    return "".join(lines)


def test_a_session_at_12_asks_for_13_and_show_tells_how_it_grew(
    workout: Path, logged: Location, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "Overhead wagon press - 12 reps - 20 kg" in run_session(workout)
    assert main(["show", str(workout)]) == 0
    out = capsys.readouterr().out
    assert "Circuit: 2 → 3 rounds" in out
    assert "Overhead wagon press x13 - 22.5 kg  [12 → 13 reps, 20 → 22.5 kg]" in out
    assert out.count("[0:01 → 0:02]") == 3
    assert main(["show", str(workout), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    press, carry = data["steps"][1], data["steps"][2]
    assert (press["reps"], press["load"], press["written"]) == (
        13,
        "22.5 kg",
        {"reps": 12, "load": 20.0},
    )
    assert (carry["seconds"], carry["written"]) == (2, {"seconds": 1})
    assert data["total_seconds"] == 1 + 3 * 2
    assert "Overhead wagon press - 13 reps - 22.5 kg" in run_session(workout)


def test_progress_lists_the_targets_and_reset_starts_over(
    workout: Path, logged: Location, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["progress", str(workout)]) == 0
    assert "Overhead wagon press: 12 reps, 20 kg" in capsys.readouterr().out
    run_session(workout)
    assert targets_in(logged) == 3  # in the log MONTAGE_DB names, one row a step
    assert main(["progress", str(workout)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Press Test: current targets",
        "      1  Overhead wagon press: 13 reps (from 12 reps), 22.5 kg (from 20 kg)",
        "      2  Circuit: 3 rounds (from 2 rounds) (max)",
        "    2.1  Log carry: 0:02 (from 0:01)",
    ]
    assert main(["progress", str(workout), "--reset"]) == 0
    assert capsys.readouterr().out == (
        "Press Test: reset the targets of 3 steps; the next session asks what the file writes\n"
    )
    assert targets_in(logged) == 0
    assert main(["progress", str(workout), "--reset"]) == 0
    assert "nothing to reset" in capsys.readouterr().out
    assert main(["show", str(workout)]) == 0
    assert "→" not in capsys.readouterr().out


def targets_in(log: Location) -> int:
    with open_store(log) as store:
        (rows,) = store.connection.execute("SELECT count(*) FROM targets").fetchone()
    return int(rows)


def test_a_workout_without_rules_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("name: Plain\nsteps:\n  - {exercise: Chop, time: 5s}\n", encoding="utf-8")
    assert main(["progress", str(path)]) == 0
    assert capsys.readouterr().out == (
        "Plain has no progress: rules; give a step one, like progress: {reps: +1}\n"
    )


def test_a_broken_log_is_one_line_and_the_files_targets(
    workout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_database_file()
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b"this is not a progress log" * 200)
    assert main(["show", str(workout)]) == 0
    out, err = capsys.readouterr()
    assert "Overhead wagon press x12 - 20 kg" in out
    assert len(err.splitlines()) == 1 and "the targets are the workout files' own" in err
    assert main(["progress", str(workout), "--reset"]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_montage_run_reads_the_targets_once_in_the_app(
    workout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line hands the app the workout as its file writes it: the app reads its
    targets from the log as it starts the session, not the command line as well."""
    import montage.cli.session as cli_session
    import montage.wiring as wiring
    from montage.workout.catalogue import Entry

    reads: list[list[Entry]] = []
    started: list[Entry] = []
    plan = wiring.planned

    def planned(entries: list[Entry], log: Any = None, tell: Any = None) -> list[Entry]:
        reads.append(list(entries))
        return plan(entries, log, tell)

    def run_app(entry: Entry, **options: object) -> int:
        started.append(entry)
        return 0

    monkeypatch.setattr(wiring, "planned", planned)
    monkeypatch.setattr(cli_session, "no_full_screen", lambda: None)
    monkeypatch.setattr(cli_session, "_run_app", run_app)
    assert main(["run", str(workout)]) == 0
    assert reads == []
    assert [entry.path for entry in started] == [workout]
