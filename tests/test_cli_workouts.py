"""The workout commands (list, show, validate, new) with broken, shadowing and hostile files."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from montage.cli import main
from montage.paths import shipped_workouts_dir

TINY = "name: Tiny Test\nprepare: 1s\nsteps:\n  - exercise: Log carry\n    time: 2s\n"
SELF_MERGE = "name: Loop\nsteps:\n  - &m {<<: *m, rest: 5}\n"


@pytest.fixture
def mine(own_home: Path) -> Path:
    folder = own_home / "workouts"
    folder.mkdir(parents=True)
    return folder


def shipped_text(stem: str) -> str:
    return (shipped_workouts_dir() / f"{stem}.yaml").read_text(encoding="utf-8")


# ------------------------------------------------------------- a broken file of yours


def test_one_broken_file_of_yours_is_listed_as_broken_and_the_rest_goes_on(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mine / "loop.yaml").write_text(SELF_MERGE)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert f"{mine / 'loop.yaml'}:3:9: this merge key (<<) brings in the mapping" in out
    assert "Barn Taster" in out
    assert main(["show", "taster"]) == 0
    assert capsys.readouterr().out.startswith("Barn Taster - ")
    assert main(["show", "loop"]) == 1
    assert "3:9: this merge key" in capsys.readouterr().err


def test_a_file_that_trips_montage_itself_is_one_broken_entry(
    mine: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import montage.workout.compiler

    def trip(*args: object) -> None:
        raise RecursionError("deep")

    (mine / "tiny.yaml").write_text(TINY)
    monkeypatch.setattr(montage.workout.compiler, "compile_workout", trip)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert f"{mine / 'tiny.yaml'}: montage cannot read this file (RecursionError)" in out


def test_a_pipe_named_like_a_workout_in_your_folder_is_listed_as_broken(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(mine / "pipe.yaml")
    assert main(["list"]) == 0
    assert "is a named pipe, not a workout file" in capsys.readouterr().out


# ------------------------------------------------------------- yours wins, once


def test_your_workout_of_a_shipped_name_is_listed_once_as_yours(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mine / "my-snow.yaml").write_text(shipped_text("snow-run").replace("10s", "5s", 1))
    assert main(["list"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if "Snow Run" in line]
    assert len(rows) == 1
    assert rows[0].startswith("Snow Run ")
    assert rows[0].endswith("(yours, replaces the shipped one)")
    assert main(["show", "snow run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["path"] == str(mine / "my-snow.yaml")


def test_two_workouts_of_yours_with_one_name_are_one_entry_and_one_broken(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mine / "a.yaml").write_text(TINY)
    (mine / "b.yaml").write_text(TINY)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert out.count("Tiny Test") == 2  # a's row, and b's problem naming it
    assert f"{mine / 'b.yaml'}: a.yaml has the name 'Tiny Test' too" in out


def test_a_workout_name_in_any_script_is_found(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mine / "w.yaml").write_text(TINY.replace("Tiny Test", "Café Ñandú"))
    (mine / "x.yaml").write_text(TINY.replace("Tiny Test", "训练"))
    assert main(["show", "café ñandú", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "Café Ñandú"
    assert main(["show", "训练", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "训练"
    assert main(["show", "!!!"]) == 1


# ------------------------------------------------------------- validate


def test_validate_takes_workout_names_as_run_and_show_do(
    mine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mine / "tiny.yaml").write_text(TINY)
    elsewhere = tmp_path / "bad.yaml"
    elsewhere.write_text("name: Bad\nsteps:\n  - rest: 0\n")
    assert main(["validate", "tiny test", "taster"]) == 0
    assert capsys.readouterr().err == "2 valid workout files\n"
    assert main(["validate", "Tiny Test", str(elsewhere), "no such thing"]) == 1
    out, err = capsys.readouterr()
    assert out == f"{elsewhere}:3:11: rest: a duration must be longer than zero\n"
    assert err.splitlines() == [
        "montage: no workout named 'no such thing'; 'montage list' shows them all",
        "1 of 2 files have problems (1 in all); 1 of 3 workouts not found",
    ]


def test_validate_shows_a_file_name_with_control_characters_as_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "evil\x1b]0;owned\x07.yaml"
    path.write_text("name: a\nsteps:\n  - rest: 0\n")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "evil\\x1b]0;owned\\x07.yaml:3:11: rest:" in out


def test_validate_refuses_a_device_and_a_sound_outside_at_once(tmp_path: Path) -> None:
    workout = tmp_path / "shadow.yaml"
    workout.write_text("name: a\nsteps:\n  - exercise: a\n    time: 5\n    sound: /etc/shadow\n")
    result = subprocess.run(
        [sys.executable, "-m", "montage", "validate", "/dev/zero", str(workout)],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "/dev/zero: is a device, not a workout file",
        f"{workout}:5:12: sound: '/etc/shadow' is an absolute path; write where the WAV is "
        "from this workout's folder",
    ]


# ------------------------------------------------------------- show and list print text safely


def test_show_and_list_print_direction_marks_as_escapes(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mine / "w.yaml").write_text(
        'name: "Barn \\u202eenrub"\ndescription: "Two\\nlines \\u2066"\n'
        'steps:\n  - exercise: "Chop \\u202e"\n    time: 5\n'
    )
    assert main(["show", "w"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [
        "Barn \\u202eenrub - 15s - 2 steps - beat 150 bpm",
        "Two",
        "lines \\u2066",
    ]
    assert "Chop \\u202e" in out
    assert main(["list"]) == 0
    assert "Barn \\u202eenrub" in capsys.readouterr().out


def test_show_of_a_broken_file_prints_its_name_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "evil\x1b[2J.yaml"
    path.write_text("name: a\nsteps:\n  - rest: 0\n")
    assert main(["show", str(path)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert err == f"{tmp_path}/evil\\x1b[2J.yaml:3:11: rest: a duration must be longer than zero\n"


# ------------------------------------------------------------- new


def test_new_of_a_shipped_name_says_yours_replaces_it(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "snow run"]) == 0
    out, err = capsys.readouterr()
    assert Path(out.strip()) == mine / "snow-run.yaml"
    assert err == (
        "montage: the shipped workout 'Snow Run' has this name too; yours replaces it in the "
        "picker and in 'montage list'\n"
    )
    assert main(["list"]) == 0
    assert "(yours, replaces the shipped one)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "a workout's name needs a letter or a digit, like 'Barn Burner'"),
        ("!!!", "a workout's name needs a letter or a digit, like 'Barn Burner'"),
        ("two\nlines", "a workout's name is one line of text; this one holds \\x0a"),
        ("Barn\u2028Burner", "a workout's name is one line of text; this one holds \\u2028"),
        ("\x1b[2JBarn", "a workout's name is one line of text; this one holds \\x1b"),
        ("nul\x00", "a workout's name is one line of text; this one holds \\x00"),
    ],
    ids=["empty", "punctuation", "newline", "line-separator", "escape", "nul"],
)
def test_new_refuses_a_name_that_cannot_be_one_in_one_line(
    mine: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    assert main(["new", name]) == 1
    assert capsys.readouterr().err == f"montage: {message}\n"
    assert list(mine.iterdir()) == []


def test_new_keeps_a_readable_file_name_and_cuts_a_long_one(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "Café Ñandú"]) == 0
    assert Path(capsys.readouterr().out.strip()).name == "café-ñandú.yaml"
    assert main(["new", "Barn " * 2000]) == 0
    long = Path(capsys.readouterr().out.strip())
    assert len(long.stem) <= 60 and long.stem.startswith("barn-barn") and long.stem.endswith("n")
    assert main(["validate", str(long)]) == 0


def test_new_advises_validating_by_the_full_path(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "Garage Burner"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert f"# Check it with:  montage validate {path}\n" in path.read_text(encoding="utf-8")


def _no_room() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_new_on_a_full_disk_leaves_no_file_behind(mine: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "montage", "new", "Barn Burner"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        preexec_fn=_no_room,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"montage: cannot write {mine / 'barn-burner.yaml'}: File too large\n"
    assert list(mine.iterdir()) == []
