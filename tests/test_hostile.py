"""The hostile corpus: every file loads as text or is refused at its place, fast, never a crash."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile_corpus import FOLDER, REFUSED, VALID, all_files, refused_files, valid_files
from montage.cli import main
from montage.safe_text import CONTROL
from montage.workout.compiler import compile_workout
from montage.workout.loader import load_workout
from montage.workout.problems import WorkoutError


def _raw_controls(text: str) -> list[str]:
    """The control characters of printed text, line breaks apart."""
    return [char for char in CONTROL.findall(text) if char != "\n"]


def test_every_file_is_listed_once_in_the_index_and_in_its_readme() -> None:
    names = [path.name for path in all_files()]
    assert sorted(names) == sorted([*VALID, *REFUSED])
    assert not set(VALID) & set(REFUSED)
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in names)


@pytest.mark.parametrize("path", valid_files(), ids=lambda path: path.stem)
def test_each_valid_file_loads_as_text(path: Path) -> None:
    started = time.perf_counter()
    loaded = load_workout(path)
    timeline = compile_workout(loaded.workout, loaded.base_dir)
    assert time.perf_counter() - started < 2
    assert timeline.name == VALID[path.name]


@pytest.mark.parametrize("path", refused_files(), ids=lambda path: path.stem)
def test_each_refused_file_is_one_problem_at_its_place_quickly(path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(WorkoutError) as caught:
        load_workout(path)
    assert time.perf_counter() - started < 2
    assert len(caught.value.problems) == 1, caught.value.problems
    line, column = REFUSED[path.name]
    assert str(caught.value).startswith(f"{path}:{line}:{column}: ")
    assert not _raw_controls(str(caught.value))
    assert len(str(caught.value)) < len(str(path)) + 200


def test_validate_over_the_folder_prints_one_line_per_refused_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "montage", "validate", str(FOLDER)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{path}:{REFUSED[path.name][0]}:{REFUSED[path.name][1]}" for path in refused_files()
    ]
    assert not _raw_controls(result.stdout + result.stderr)
    assert result.stderr == (
        f"{len(REFUSED)} of {len(REFUSED) + len(VALID)} files have problems "
        f"({len(REFUSED)} in all)\n"
    )


def test_list_and_show_print_every_file_of_yours_safely(
    own_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = own_home / "workouts"
    shutil.copytree(FOLDER, mine, ignore=shutil.ignore_patterns("*.md"))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert not _raw_controls(out)
    assert out.count("broken") == len(REFUSED)
    for name in VALID:
        assert main(["show", str(mine / name)]) == 0
        shown = capsys.readouterr().out
        assert not _raw_controls(shown)
        assert shown.startswith(VALID[name].translate({0x202E: "\\u202e", 0x202C: "\\u202c"})[:40])


def test_a_sound_with_a_control_character_anywhere_is_refused_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_text('name: a\nsteps:\n  - rest: 5\ntags: {sound: "\\0"}\n', encoding="utf-8")
    with pytest.raises(WorkoutError) as refused:
        load_workout(path)
    assert any("control character" in problem.message for problem in refused.value.problems)
