"""Loading workout files: unknown keys, how every problem is reported, and files."""

from __future__ import annotations

from pathlib import Path

import pytest

from loading import KIND_HINT, load, problems
from montage.durations import HOW_TO_WRITE
from montage.workout.loader import load_workout, parse_workout
from montage.workout.models import (
    Workout,
    WorkStep,
)
from montage.workout.problems import Problem, WorkoutError

# ------------------------------------------------------------- unknown keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: a\nsteps:\n  - exercise: Chop\n    rep: 10\n",
            "w.yaml:4:5: 'rep' is not a key of a work step; did you mean 'reps'?",
        ),
        (
            "name: a\nsteps:\n  - exercise: Chop\n    tme: 10\n",
            "w.yaml:4:5: 'tme' is not a key of a work step; did you mean 'time'?",
        ),
        (
            "name: a\nsteps:\n  - emom: 2\n    evry: 30\n    steps: [{rest: 1}]\n",
            "w.yaml:4:5: 'evry' is not a key of an emom block; did you mean 'every'?",
        ),
        (
            "name: a\nsteps:\n  - repeat: 2\n    rest_betwen: 5\n    steps: [{rest: 1}]\n",
            "w.yaml:4:5: 'rest_betwen' is not a key of a repeat block; "
            "did you mean 'rest_between'?",
        ),
        (
            "name: a\nprepar: 5\nsteps: [{rest: 1}]\n",
            "w.yaml:2:1: 'prepar' is not a key of the workout; did you mean 'prepare'?",
        ),
        (
            "name: a\ncolddown: 5\nsteps: [{rest: 1}]\n",
            "w.yaml:2:1: 'colddown' is not a key of the workout; did you mean 'cooldown'?",
        ),
    ],
)
def test_a_misspelt_key_gets_a_suggestion_at_the_key(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_an_unknown_key_with_nothing_close_lists_the_keys() -> None:
    assert problems("name: a\nwarmup: 5\nsteps: [{rest: 1}]\n") == [
        "w.yaml:2:1: 'warmup' is not a key of the workout; the keys here are "
        + ", ".join(Workout.model_fields)
    ]


def test_a_misspelt_steps_key_also_says_steps_are_missing() -> None:
    assert problems("name: a\nsteps:\n  - repeat: 2\n    step:\n      - rest: 1\n") == [
        "w.yaml:3:5: a repeat block needs steps:; add it",
        "w.yaml:4:5: 'step' is not a key of a repeat block; did you mean 'steps'?",
    ]


# ------------------------------------------------------------- reporting

MANY = """\
name: Broken
bpm: 300
steps:
  - exercise: Chop
    rep: 10
  - rest: 0
  - repeat: 2
    steps:
      - exercize: Saw
        time: 5
  - emom: 2
    steps: [{exercise: Run, time: 5s, load: [a]}]
cooldown: later
"""


def test_every_problem_in_a_file_is_reported_in_file_order() -> None:
    assert problems(MANY) == [
        "w.yaml:2:6: bpm: the beat's tempo is a whole number from 60 to 220, or off for no beat",
        "w.yaml:5:5: 'rep' is not a key of a work step; did you mean 'reps'?",
        "w.yaml:6:11: rest: a duration must be longer than zero",
        "w.yaml:9:9: 'exercize' is not a kind of step; did you mean 'exercise'?",
        "w.yaml:12:45: load: should be some text, not a list",
        f"w.yaml:13:11: cooldown: 'later' is not a duration; {HOW_TO_WRITE}",
    ]


def test_rules_on_valid_steps_are_reported_beside_field_errors_elsewhere() -> None:
    assert problems(
        "name: a\nsteps:\n  - exercise: Chop\n    tme: 30\n"
        "  - emom: 3\n    every: 30s\n    steps:\n      - exercise: Sprint\n        time: 40s\n"
        "  - repeat: 2\n    steps:\n      - amrap: 1m\n        steps:\n"
        "          - amrap: 30s\n            steps:\n              - exercise: Row\n"
        "                reps: 5\n"
    ) == [
        "w.yaml:4:5: 'tme' is not a key of a work step; did you mean 'time'?",
        "w.yaml:6:12: the steps of each interval take 40s, longer than the interval of 30s; "
        "shorten them or lengthen every:",
        "w.yaml:14:13: an amrap or emom block cannot hold an amrap: block; only work, rest or "
        "repeat steps",
    ]


def test_errors_read_path_line_col_message_with_the_path_as_given(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(MANY)
    with pytest.raises(WorkoutError) as caught:
        load_workout(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 6
    assert lines[0] == (
        f"{path}:2:6: bpm: the beat's tempo is a whole number from 60 to 220, or off for no beat"
    )
    assert all(line.startswith(f"{path}:") for line in lines)
    assert caught.value.problems[1] == Problem(
        str(path), 5, 5, "'rep' is not a key of a work step; did you mean 'reps'?"
    )


def test_repeated_keys_and_rules_on_the_whole_workout_are_reported_together() -> None:
    assert problems(
        "name: a\nsteps:\n  - emom: 2\n    every: 10s\n    steps:\n"
        "      - exercise: Run\n        time: 20s\n        time: 5s\nname: b\n"
    ) == [
        "w.yaml:4:12: the steps of each interval take 20s, longer than the interval of 10s; "
        "shorten them or lengthen every:",
        "w.yaml:8:9: 'time' appears twice in this mapping; keep one",
        "w.yaml:9:1: 'name' appears twice in this mapping; keep one",
    ]


def test_a_merged_step_reports_a_key_written_over_a_merged_one_where_it_is_written() -> None:
    assert problems(
        "name: a\nsteps:\n"
        "  - &circuit {repeat: 2, name: Set, steps: [{rest: 1}]}\n"
        "  - <<: *circuit\n"
        "    repeat: 3\n"
        "    exercise: Chop\n"
        "    name: Other\n"
        "    time: 5\n"
    ) == [
        "w.yaml:3:37: 'steps' is not a key of a work step; did you mean 'reps'?",
        f"w.yaml:5:5: a work step cannot also have repeat:; {KIND_HINT}",
        "w.yaml:7:5: 'name' is not a key of a work step; the keys here are "
        + ", ".join(WorkStep.model_fields),
    ]


def test_merge_keys_let_steps_share_their_settings() -> None:
    workout = load(
        "name: a\nsteps:\n"
        "  - &chop {exercise: Chop, time: 30s, cue: Swing.}\n"
        "  - <<: *chop\n    time: 45s\n"
    )
    assert workout.steps[1] == WorkStep(exercise="Chop", time=45, cue="Swing.")


# ------------------------------------------------------------- files


def test_load_workout_reads_a_file_and_remembers_it(tmp_path: Path) -> None:
    path = tmp_path / "barn.yaml"
    path.write_text("name: Barn\nsteps:\n  - rest: 5\n", encoding="utf-8")
    loaded = load_workout(path)
    assert loaded.workout.name == "Barn"
    assert loaded.path == path


def test_parse_workout_takes_text_or_bytes_and_names_text_in_messages() -> None:
    assert parse_workout(b"name: a\nsteps: [{rest: 1}]\n").name == "a"
    with pytest.raises(WorkoutError) as caught:
        parse_workout("name: a\n")
    assert str(caught.value) == "<text>:1:1: the workout needs steps:; add it"


def test_a_missing_file_is_one_problem_with_no_line(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(WorkoutError) as caught:
        load_workout(path)
    assert caught.value.problems == [
        Problem(str(path), 0, 0, "cannot be read: No such file or directory")
    ]
    assert str(caught.value) == f"{path}: cannot be read: No such file or directory"


def test_a_folder_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(WorkoutError) as caught:
        load_workout(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a folder, not a workout file"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\x01\x02garbage", "1:1: a NUL byte (0x00) is not text; a workout file is plain"),
        (b"name: caf\xe9\n", "1:10: byte 0xe9 is not UTF-8; save the file as UTF-8"),
        (b"name: a\x07\n", "1:8: character U+0007 is not allowed in YAML; remove it"),
        (b"", "1:1: the file is empty; a workout needs at least name: and steps:"),
        (
            b"- rest: 5\n",
            "1:1: a workout file is a mapping of keys like name: and steps:, "
            "but this document is a list",
        ),
        (b"name: !!python/object/apply:os.system ['true']\n", "1:7: the tag "),
    ],
    ids=["binary", "latin-1", "control", "empty", "list", "python-tag"],
)
def test_a_file_that_is_not_a_workout_is_one_problem(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(WorkoutError) as caught:
        load_workout(path)
    assert len(caught.value.problems) == 1
    assert str(caught.value).startswith(f"{path}:{expected}")
