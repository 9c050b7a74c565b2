"""Workout files and their sounds as found on the disk: only regular files, and sounds that
stay beside their workout."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from montage.paths import user_sounds_dir
from montage.validation import file_problems
from montage.workout.loader import load_workout
from montage.workout.problems import Problem, WorkoutError
from montage.workout.reading import MAX_BYTES

WORKOUT = "name: a\nsteps:\n  - exercise: Chop\n    time: 5\n    sound: {}\n"


def refused(path: Path) -> list[Problem]:
    started = time.perf_counter()
    with pytest.raises(WorkoutError) as caught:
        load_workout(path)
    assert time.perf_counter() - started < 2
    return caught.value.problems


# ------------------------------------------------------------- the workout file itself


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_without_being_read(device: str) -> None:
    assert refused(Path(device)) == [Problem(device, 0, 0, "is a device, not a workout file")]


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert refused(fifo) == [Problem(str(fifo), 0, 0, "is a named pipe, not a workout file")]


def test_a_link_to_a_device_is_refused_as_the_device(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    assert refused(link) == [Problem(str(link), 0, 0, "is a device, not a workout file")]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert refused(tmp_path) == [Problem(str(tmp_path), 0, 0, "is a folder, not a workout file")]


def test_a_file_over_the_limit_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * MAX_BYTES)  # sparse: reading it would take a while
    assert refused(big) == [
        Problem(
            str(big),
            0,
            0,
            f"the file is {50 * MAX_BYTES:,} bytes; a workout file may be at most "
            f"{MAX_BYTES:,} bytes",
        )
    ]


# ------------------------------------------------------------- sounds


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    mine = tmp_path / "workouts"
    mine.mkdir()
    return mine


def sound_problem(folder: Path, sound: str) -> str:
    path = folder / "w.yaml"
    path.write_text(WORKOUT.format(sound))
    found = refused(path)
    assert len(found) == 1, found
    assert (found[0].line, found[0].column) == (5, 12)
    return found[0].message


@pytest.mark.parametrize("sound", ["/etc/shadow", "/dev/zero", "/tmp/x.wav"])
def test_an_absolute_sound_is_refused_at_its_value(folder: Path, sound: str) -> None:
    assert sound_problem(folder, sound) == (
        f"sound: {sound!r} is an absolute path; write where the WAV is from this workout's folder"
    )


@pytest.mark.parametrize("sound", ["../x.wav", "cues/../../x.wav", "../../../../etc/shadow"])
def test_a_sound_leading_out_of_the_folder_is_refused(folder: Path, sound: str) -> None:
    assert sound_problem(folder, sound) == (
        f"sound: {sound!r} leads out of this workout's folder; keep the WAV beside the workout "
        "or in your sounds folder"
    )


def test_a_sound_linked_out_of_the_folder_is_refused(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.wav").write_bytes(b"RIFF")
    (folder / "gong.wav").symlink_to(tmp_path / "elsewhere.wav")
    (folder / "zero.wav").symlink_to("/dev/zero")
    for sound in ("gong.wav", "zero.wav"):
        assert sound_problem(folder, sound).startswith(
            f"sound: {sound!r} is a link out of this workout's folder"
        )


def test_a_sound_that_is_a_pipe_or_a_folder_is_refused(folder: Path) -> None:
    os.mkfifo(folder / "pipe.wav")
    (folder / "cues").mkdir()
    assert (
        sound_problem(folder, "pipe.wav")
        == "sound: 'pipe.wav' is a device or a pipe, not a WAV file"
    )
    assert sound_problem(folder, "cues") == "sound: 'cues' is a folder, not a WAV file"


def test_a_sound_beside_the_workout_or_in_your_sounds_folder_is_allowed(folder: Path) -> None:
    mine = user_sounds_dir()
    mine.mkdir(parents=True)
    (mine / "gong.wav").write_bytes(b"RIFF")
    (folder / "cues").mkdir()
    (folder / "cues" / "bell.wav").write_bytes(b"RIFF")
    (folder / "linked.wav").symlink_to(mine / "gong.wav")
    for sound in ("cues/bell.wav", "cues/../cues/bell.wav", "linked.wav", "missing.wav"):
        path = folder / "w.yaml"
        path.write_text(WORKOUT.format(sound))
        assert load_workout(path).sounds[0].path == (folder / sound).resolve()


def test_your_sounds_folder_is_reached_from_your_workouts_folder(own_home: Path) -> None:
    workouts = own_home / "workouts"
    workouts.mkdir()
    user_sounds_dir().mkdir()
    (user_sounds_dir() / "gong.wav").write_bytes(b"RIFF")
    path = workouts / "w.yaml"
    path.write_text(WORKOUT.format("../sounds/gong.wav"))
    assert load_workout(path).sounds[0].path == (user_sounds_dir() / "gong.wav").resolve()


def test_every_problem_of_a_file_is_told_sounds_too(folder: Path) -> None:
    path = folder / "w.yaml"
    path.write_text(WORKOUT.format("/etc/shadow") + "  - rest: 0\n")
    assert [(problem.line, problem.column) for problem in refused(path)] == [(5, 12), (6, 11)]


def test_validate_never_opens_a_refused_sound(folder: Path) -> None:
    # Opening a pipe without a writer would wait for ever: the check must not open it.
    fifo = folder.parent / "pipe.wav"
    os.mkfifo(fifo)
    path = folder / "w.yaml"
    path.write_text(WORKOUT.format("../pipe.wav"))
    started = time.perf_counter()
    found = file_problems(path)
    assert time.perf_counter() - started < 2
    assert [str(problem) for problem in found] == [
        f"{path}:5:12: sound: '../pipe.wav' leads out of this workout's folder; keep the WAV "
        "beside the workout or in your sounds folder"
    ]
