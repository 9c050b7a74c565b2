"""Loading workout files: the workout, its durations, work and rest steps, each rule placed."""

from __future__ import annotations

from pathlib import Path

import pytest

from loading import load, one_step, problems
from montage.durations import HOW_TO_WRITE
from montage.workout.compiler import compile_workout
from montage.workout.loader import load_workout
from montage.workout.models import (
    RestStep,
    Workout,
    WorkStep,
)

# ------------------------------------------------------------- the workout


def test_a_minimal_workout_has_the_documented_defaults() -> None:
    workout = load("name: Barn\nsteps:\n  - rest: 5\n")
    assert workout == Workout(name="Barn", steps=[RestStep(rest=5)])
    assert workout.prepare == 10
    assert (workout.description, workout.tags, workout.bpm, workout.cooldown) == (
        None,
        [],
        None,
        None,
    )


def test_the_header_fields_are_read() -> None:
    workout = load(
        "name: Siberian Barn\n"
        "description: Duke rides the sled.\n"
        "tags: [strength, rocky]\n"
        "bpm: 150\n"
        "prepare: 5s\n"
        "cooldown: 2m\n"
        "steps:\n  - rest: 5\n"
    )
    assert workout.name == "Siberian Barn"
    assert workout.description == "Duke rides the sled."
    assert workout.tags == ["strength", "rocky"]
    assert workout.bpm == 150
    assert workout.prepare == 5
    assert workout.cooldown == 120


def test_a_workout_needs_a_name_and_steps() -> None:
    assert problems("description: nothing\n") == [
        "w.yaml:1:1: the workout needs name:; add it",
        "w.yaml:1:1: the workout needs steps:; add it",
    ]


def test_name_must_be_text_that_is_not_empty() -> None:
    assert problems("name: ''\nsteps: [{rest: 1}]\n") == [
        "w.yaml:1:7: name: should be some text, not the text ''"
    ]
    assert problems("name:\nsteps: [{rest: 1}]\n") == [
        "w.yaml:1:6: name: should be some text, not empty"
    ]


def test_steps_must_be_a_list_that_is_not_empty() -> None:
    assert problems("name: a\nsteps: []\n") == ["w.yaml:2:8: steps: is empty; add at least one"]
    assert problems("name: a\nsteps:\n  rest: 5\n") == [
        "w.yaml:3:3: steps: should be a list of items starting with '- '"
    ]


def test_description_is_text() -> None:
    assert problems("name: a\ndescription: 5\nsteps: [{rest: 1}]\n") == [
        "w.yaml:2:14: description: should be some text, not the number 5"
    ]


def test_tags_are_a_list_of_words() -> None:
    assert load("name: a\ntags:\n  - strength\n  - yes\nsteps: [{rest: 1}]\n").tags == [
        "strength",
        "yes",
    ]
    assert problems("name: a\ntags: strength\nsteps: [{rest: 1}]\n") == [
        "w.yaml:2:7: tags: should be a list of items starting with '- '"
    ]
    assert problems("name: a\ntags: [ok, '', 5]\nsteps: [{rest: 1}]\n") == [
        "w.yaml:2:12: tags: should be some text, not the text ''",
        "w.yaml:2:16: tags: should be some text, not the number 5",
    ]


@pytest.mark.parametrize(("written", "bpm"), [("60", 60), ("150", 150), ("220", 220)])
def test_bpm_is_a_tempo_from_60_to_220(written: str, bpm: int) -> None:
    assert load(f"name: a\nbpm: {written}\nsteps: [{{rest: 1}}]\n").bpm == bpm


@pytest.mark.parametrize("written", ["off", "false"])
def test_bpm_off_turns_the_beat_off(written: str) -> None:
    assert load(f"name: a\nbpm: {written}\nsteps: [{{rest: 1}}]\n").bpm == "off"


@pytest.mark.parametrize(
    "written", ["59", "221", "0", "-150", "150.5", "fast", "yes", "on", "[150]"]
)
def test_any_other_bpm_is_a_problem_at_its_value(written: str) -> None:
    assert problems(f"name: a\nbpm: {written}\nsteps: [{{rest: 1}}]\n") == [
        "w.yaml:2:6: bpm: the beat's tempo is a whole number from 60 to 220, or off for no beat"
    ]


def test_prepare_defaults_to_ten_seconds_and_can_be_changed_or_refused() -> None:
    assert load("name: a\nsteps: [{rest: 1}]\n").prepare == 10
    assert load("name: a\nprepare: 3\nsteps: [{rest: 1}]\n").prepare == 3
    assert load("name: a\nprepare: 1m\nsteps: [{rest: 1}]\n").prepare == 60
    assert problems("name: a\nprepare: 0\nsteps: [{rest: 1}]\n") == [
        "w.yaml:2:10: prepare: a duration must be longer than zero"
    ]


def test_cooldown_is_an_optional_duration() -> None:
    assert load("name: a\nsteps: [{rest: 1}]\n").cooldown is None
    assert load("name: a\ncooldown: 2m\nsteps: [{rest: 1}]\n").cooldown == 120
    assert problems("name: a\ncooldown: soon\nsteps: [{rest: 1}]\n") == [
        f"w.yaml:2:11: cooldown: 'soon' is not a duration; {HOW_TO_WRITE}"
    ]


# ------------------------------------------------------------- durations in the file

DURATION_FIELDS = {
    "time": "  - exercise: Run\n    time: {}\n",
    "rest": "  - rest: {}\n",
    "rest_between": "  - repeat: 2\n    rest_between: {}\n    steps: [{{rest: 1}}]\n",
    "amrap": "  - amrap: {}\n    steps: [{{exercise: Chop, reps: 5}}]\n",
    "every": "  - emom: 2\n    every: {}\n    steps: [{{exercise: Chop, reps: 5}}]\n",
}


@pytest.mark.parametrize("field", DURATION_FIELDS)
@pytest.mark.parametrize("written", ["90", "90s", "1m30s", "1:30", "0:01:30", "'1m 30s'"])
def test_every_duration_field_reads_every_form(field: str, written: str) -> None:
    if field == "amrap" and written == "90":
        return  # a bare number is a count; an AMRAP's time says its unit (test_loader_blocks)
    step = one_step(DURATION_FIELDS[field].format(written))
    assert getattr(step, field) == 90


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0", "a duration must be longer than zero"),
        ("-5", "a duration must be longer than zero"),
        ("24h1s", "24h1s is longer than the limit of 24 hours"),
        ("1.5", f"1.5 is not a whole number of seconds; {HOW_TO_WRITE}"),
        ("1:75", f"'1:75' has a field of 60 or more; {HOW_TO_WRITE}"),
        ("ten", f"'ten' is not a duration; {HOW_TO_WRITE}"),
        ("yes", f"'yes' is not a duration; {HOW_TO_WRITE}"),
        ("true", f"a duration is needed here; {HOW_TO_WRITE}"),
    ],
)
def test_a_bad_duration_is_a_problem_at_its_value(written: str, message: str) -> None:
    assert problems(f"name: a\nsteps:\n  - exercise: Run\n    time: {written}\n") == [
        f"w.yaml:4:11: time: {message}"
    ]


def test_a_duration_of_a_day_is_allowed() -> None:
    step = one_step("  - exercise: Walk\n    time: 24h\n")
    assert isinstance(step, WorkStep) and step.time == 86400


def test_a_number_with_thousands_of_digits_is_a_problem_not_a_crash() -> None:
    found = problems("name: a\nsteps:\n  - rest: " + "9" * 5000 + "\n")
    assert found == [f"w.yaml:3:11: rest: '999999999999'... is not a duration; {HOW_TO_WRITE}"]


# ------------------------------------------------------------- work steps


def test_a_timed_work_step() -> None:
    assert one_step("  - exercise: Log carry\n    time: 45s\n") == WorkStep(
        exercise="Log carry", time=45
    )


def test_a_rep_work_step_has_no_time() -> None:
    step = one_step("  - exercise: Wood chop\n    reps: 10\n")
    assert step == WorkStep(exercise="Wood chop", reps=10)
    assert isinstance(step, WorkStep) and step.time is None


def test_a_rep_work_step_with_a_time_cap() -> None:
    assert one_step("  - exercise: Wagon press\n    reps: 12\n    time: 90s\n") == WorkStep(
        exercise="Wagon press", reps=12, time=90
    )


def test_a_work_step_needs_time_or_reps() -> None:
    assert problems("name: a\nsteps:\n  - exercise: Chop\n    cue: Swing.\n") == [
        "w.yaml:3:5: a work step needs time: (a timed step) or reps: (it ends when you say done)"
    ]


def test_an_exercise_needs_a_name() -> None:
    assert problems("name: a\nsteps:\n  - exercise:\n    time: 5\n") == [
        "w.yaml:3:14: exercise: should be some text, not empty"
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0", "reps: must be at least 1"),
        ("1001", "reps: can be at most 1000"),
        ("2.5", "reps: should be a whole number, not the number 2.5"),
        ("'12'", "reps: should be a whole number, not the text '12'"),
        ("true", "reps: should be a whole number, not true"),
    ],
)
def test_reps_are_a_whole_number_from_1_to_1000(written: str, message: str) -> None:
    assert problems(f"name: a\nsteps:\n  - exercise: Chop\n    reps: {written}\n") == [
        f"w.yaml:4:11: {message}"
    ]


def test_work_step_extras_are_read() -> None:
    step = one_step(
        "  - exercise: Log carry\n"
        "    time: 45s\n"
        "    cue: Shoulder the log. Short steps, chest up.\n"
        "    load: heavy log\n"
        "    distance: 40 m\n"
        "    sound: cues/gong.wav\n"
    )
    assert step == WorkStep(
        exercise="Log carry",
        time=45,
        cue="Shoulder the log. Short steps, chest up.",
        load="heavy log",
        distance="40 m",
        sound="cues/gong.wav",
    )


def test_a_numeric_load_or_distance_is_kept_as_text() -> None:
    step = one_step("  - exercise: Carry\n    time: 1m\n    load: 20\n    distance: 1.5\n")
    assert isinstance(step, WorkStep)
    assert (step.load, step.distance) == ("20", "1.5")


def test_extras_must_be_text() -> None:
    assert problems(
        "name: a\nsteps:\n  - exercise: Carry\n    time: 1m\n    load: true\n    cue: [a]\n"
    ) == [
        "w.yaml:5:11: load: should be some text, not true",
        "w.yaml:6:10: cue: should be some text, not a list",
    ]


def test_a_sound_is_resolved_next_to_the_workout_file(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "barn.yaml"
    path.write_text("name: a\nsteps:\n  - exercise: Chop\n    time: 5\n    sound: cues/gong.wav\n")
    loaded = load_workout(path)
    assert loaded.base_dir == folder
    timeline = compile_workout(loaded.workout, loaded.base_dir)
    assert timeline.steps[1].sound == folder / "cues" / "gong.wav"


# ------------------------------------------------------------- rest steps


def test_a_rest_step_with_a_cue() -> None:
    assert one_step("  - rest: 15s\n") == RestStep(rest=15)
    assert one_step("  - rest: 20s\n    cue: Breathe.\n") == RestStep(rest=20, cue="Breathe.")


def test_a_rest_step_has_no_work_extras() -> None:
    assert problems("name: a\nsteps:\n  - rest: 5\n    load: 3\n") == [
        "w.yaml:4:5: 'load' is not a key of a rest step; the keys here are "
        + ", ".join(RestStep.model_fields)
    ]
