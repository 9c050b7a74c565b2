"""The command line, called as a user would: exit codes, output, and files written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from montage.cli import main
from montage.paths import shipped_workouts_dir
from montage.workout.schema import MODELINE, schema_text

REPO = Path(__file__).resolve().parents[1]

TINY = """\
name: Tiny Test
prepare: 1s
steps:
  - exercise: Log carry
    time: 2s
    cue: Shoulder the sandbag.
  - exercise: Wagon press
    reps: 5
cooldown: 1s
"""


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("MONTAGE_HOME", str(folder))
    return folder


def run_cli(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "montage", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ.copy(),
        check=False,
    )


def test_schema_file_is_the_output_of_montage_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == schema_text()
    stored = (REPO / "workouts" / "workout.schema.json").read_text(encoding="utf-8")
    assert printed == stored, "run: montage schema > workouts/workout.schema.json"
    assert json.loads(printed)["title"] == "montage workout"


def test_validate_reports_every_problem_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nsteps:\n  - exercise: Chop\n    rep: 10\n  - rest: 0\n")
    good = tmp_path / "good.yaml"
    good.write_text(TINY)
    assert main(["validate", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{bad}:4:5: 'rep' is not a key of a work step; did you mean 'reps'?",
        f"{bad}:5:11: rest: a duration must be longer than zero",
    ]
    assert "1 of 2 files have problems" in err
    assert main(["validate", str(good)]) == 0


def test_validate_a_missing_file_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    out = capsys.readouterr().out
    assert out.strip() == f"{tmp_path / 'nope.yaml'}: cannot be read: No such file or directory"


def test_show_json_has_the_timeline_and_its_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY)
    assert main(["show", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "Tiny Test"
    assert data["total_seconds"] == 4
    assert [(s["kind"], s["name"], s["seconds"]) for s in data["steps"]] == [
        ("prepare", "Get ready", 1),
        ("work", "Log carry", 2),
        ("work", "Wagon press", None),
        ("cooldown", "Cool down", 1),
    ]


def test_show_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY)
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Tiny Test - 4s - 4 steps - beat 150 bpm"
    assert "Wagon press x5" in out


def test_a_workout_is_found_by_name_or_stem_in_any_case_and_yours_win(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = home / "workouts"
    mine.mkdir(parents=True)
    (mine / "my-tiny.yaml").write_text(TINY)
    for query in ("tiny test", "TINY TEST", "my-tiny", "My Tiny", "tiny-test"):
        assert main(["show", query, "--json"]) == 0, query
        assert json.loads(capsys.readouterr().out)["name"] == "Tiny Test"
    shipped = sorted(shipped_workouts_dir().glob("*.yaml"))[0]
    (mine / shipped.name).write_text(TINY)
    assert main(["show", shipped.stem, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["path"] == str(mine / shipped.name)


def test_an_unknown_workout_gets_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "no such workout"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "no workout named 'no such workout'" in err


def test_list_shows_shipped_workouts_and_a_broken_one_of_yours(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = home / "workouts"
    mine.mkdir(parents=True)
    (mine / "broken.yaml").write_text("name: Broken\nsteps:\n  - exercize: Chop\n")
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "broken" in out
    assert "broken.yaml:3:5: 'exercize' is not a kind of step; did you mean 'exercise'?" in out
    for path in shipped_workouts_dir().glob("*.yaml"):
        name = path.read_text(encoding="utf-8").split("name:", 1)[1].splitlines()[0].strip()
        assert name in out


def test_new_writes_a_valid_starter_with_the_modeline_and_never_overwrites(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "Barn Burner"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == home / "workouts" / "barn-burner.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert (home / "workouts" / "workout.schema.json").read_text() == schema_text()
    assert main(["validate", str(path)]) == 0
    assert main(["show", "barn burner", "--json"]) == 0
    path.write_text(TINY)
    capsys.readouterr()
    assert main(["new", "Barn Burner"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == TINY


def test_new_quotes_names_yaml_would_misread(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("null", "Sprint: 100m", "#1 Finisher"):
        assert main(["new", name]) == 0
        path = Path(capsys.readouterr().out.strip())
        assert main(["show", str(path), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["name"] == name


def test_plain_run_counts_down_in_real_time_and_enter_ends_a_rep_step(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY)
    with subprocess.Popen(
        [sys.executable, "-m", "montage", "run", str(path), "--plain", "--mute"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if "press Enter when done" in line:
                process.stdin.write("\n")
                process.stdin.flush()
            if line.startswith("[") and "FINISHED" in line:
                break
        process.stdin.close()
        assert process.wait(timeout=30) == 0
        assert process.stderr is not None
        assert process.stderr.read() == ""
    text = "\n".join(lines)
    assert "PREPARE  Get ready - 1s - next: Log carry" in text
    assert "WORK  Log carry - 2s" in text
    assert "Shoulder the sandbag." in text
    assert "] 1" in text
    assert "done: Wagon press in 0:00" in text
    assert "FINISHED" in lines[-1]


def test_plain_run_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text("name: Long\nsteps:\n  - exercise: Plank\n    time: 10m\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "montage", "run", str(path), "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if "PREPARE" in line:
            break
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "STOPPED" in out
    assert out.rstrip().endswith("Stopped.")
    assert "Traceback" not in err + out


def test_a_rep_step_with_no_input_left_stops_instead_of_hanging(tmp_path: Path) -> None:
    path = tmp_path / "reps.yaml"
    path.write_text("name: Reps\nprepare: 1\nsteps:\n  - exercise: Chop\n    reps: 10\n")
    result = run_cli("run", str(path), "--plain", stdin="")
    assert result.returncode == 0
    assert "input is closed" in result.stdout
    assert "STOPPED" in result.stdout


def test_bad_input_never_shows_a_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01\x02garbage")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    for args in (
        ("run", str(binary), "--plain"),
        ("show", str(folder)),
        ("run", "no such workout"),
        ("validate", str(tmp_path / "missing.yaml")),
    ):
        result = run_cli(*args)
        assert result.returncode == 1, args
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) >= 1


def test_version_and_module_entry_point() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("montage ")
