"""Loading workout files: every rule of the format, and every problem placed in the file."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from montage.durations import HOW_TO_WRITE
from montage.workout.checks import MAX_NESTING, MAX_STEPS
from montage.workout.compiler import compile_workout
from montage.workout.loader import load_workout, parse_workout, sound_problems
from montage.workout.models import (
    AmrapBlock,
    EmomBlock,
    RepeatBlock,
    RestStep,
    Workout,
    WorkStep,
)
from montage.workout.problems import Problem, WorkoutError

KIND_HINT = "a step is exactly one of exercise:, rest:, repeat:, amrap: or emom:"


def load(text: str) -> Workout:
    return parse_workout(text, "w.yaml")


def problems(text: str) -> list[str]:
    """Every problem in a workout, as the user reads them."""
    with pytest.raises(WorkoutError) as caught:
        load(text)
    return [str(problem) for problem in caught.value.problems]


def one_step(text: str) -> object:
    """The only step of a workout whose steps are given as indented YAML."""
    steps = load("name: a\nsteps:\n" + text).steps
    assert len(steps) == 1
    return steps[0]


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


def _write_wav(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x10" * 80)


def test_a_missing_sound_is_a_problem_at_its_value(tmp_path: Path) -> None:
    path = tmp_path / "barn.yaml"
    path.write_text(
        "name: a\nsteps:\n"
        "  - exercise: Chop\n    time: 5\n    sound: cues/gong.wav\n"
        "  - exercise: Saw\n    time: 5\n    sound: cues/missing.wav\n"
    )
    _write_wav(tmp_path / "cues" / "gong.wav")
    found = sound_problems(path)
    assert [(p.line, p.column) for p in found] == [(8, 12)]
    assert found[0].message.startswith("sound: 'cues/missing.wav': ")
    assert found[0].message.endswith("no such file")
    (tmp_path / "cues" / "missing.wav").write_bytes(b"not a wav")
    assert "not a readable WAV file" in sound_problems(path)[0].message
    _write_wav(tmp_path / "cues" / "missing.wav")
    assert sound_problems(path) == []


# ------------------------------------------------------------- rest steps


def test_a_rest_step_with_a_cue() -> None:
    assert one_step("  - rest: 15s\n") == RestStep(rest=15)
    assert one_step("  - rest: 20s\n    cue: Breathe.\n") == RestStep(rest=20, cue="Breathe.")


def test_a_rest_step_has_no_work_extras() -> None:
    assert problems("name: a\nsteps:\n  - rest: 5\n    load: 3\n") == [
        "w.yaml:4:5: 'load' is not a key of a rest step; the keys here are "
        + ", ".join(RestStep.model_fields)
    ]


# ------------------------------------------------------------- blocks


def test_a_repeat_block_with_rest_between() -> None:
    step = one_step(
        "  - repeat: 3\n"
        "    name: Barn circuit\n"
        "    rest_between: 60s\n"
        "    steps:\n"
        "      - exercise: Sled pull\n        time: 1m\n"
        "      - rest: 20s\n"
    )
    assert step == RepeatBlock(
        repeat=3,
        name="Barn circuit",
        rest_between=60,
        steps=[WorkStep(exercise="Sled pull", time=60), RestStep(rest=20)],
    )


def test_a_repeat_block_has_no_rest_between_unless_asked() -> None:
    step = one_step("  - repeat: 2\n    steps: [{rest: 5}]\n")
    assert isinstance(step, RepeatBlock) and step.rest_between is None


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0", "repeat: must be at least 1"),
        ("1001", "repeat: can be at most 1000"),
        ("'3'", "repeat: should be a whole number, not the text '3'"),
        ("3x", "repeat: should be a whole number, not the text '3x'"),
    ],
)
def test_repeat_is_a_whole_number_of_rounds(written: str, message: str) -> None:
    assert problems(f"name: a\nsteps:\n  - repeat: {written}\n    steps: [{{rest: 1}}]\n") == [
        f"w.yaml:3:13: {message}"
    ]


@pytest.mark.parametrize("kind", ["repeat: 2", "amrap: 5m", "emom: 3"])
def test_a_block_needs_steps(kind: str) -> None:
    noun = {"repeat": "a repeat block", "amrap": "an amrap block", "emom": "an emom block"}
    assert problems(f"name: a\nsteps:\n  - {kind}\n") == [
        f"w.yaml:3:5: {noun[kind.split(':')[0]]} needs steps:; add it"
    ]
    assert problems(f"name: a\nsteps:\n  - {kind}\n    steps: []\n") == [
        "w.yaml:4:12: steps: is empty; add at least one"
    ]


def test_an_amrap_block() -> None:
    step = one_step(
        "  - amrap: 8m\n"
        "    name: Woodpile\n"
        "    steps:\n"
        "      - exercise: Wood chop\n        reps: 10\n"
        "      - exercise: Hanging sit-up\n        reps: 8\n"
    )
    assert step == AmrapBlock(
        amrap=480,
        name="Woodpile",
        steps=[
            WorkStep(exercise="Wood chop", reps=10),
            WorkStep(exercise="Hanging sit-up", reps=8),
        ],
    )


def test_an_emom_block_is_every_minute_unless_every_says_otherwise() -> None:
    plain = one_step("  - emom: 6\n    steps:\n      - exercise: Chin-up\n        reps: 5\n")
    assert plain == EmomBlock(emom=6, every=60, steps=[WorkStep(exercise="Chin-up", reps=5)])
    faster = one_step("  - emom: 6\n    every: 30s\n    steps: [{exercise: Chin-up, reps: 5}]\n")
    assert isinstance(faster, EmomBlock) and faster.every == 30


def test_blocks_nest() -> None:
    step = one_step(
        "  - amrap: 10m\n"
        "    steps:\n"
        "      - repeat: 2\n"
        "        steps:\n"
        "          - repeat: 3\n"
        "            steps:\n"
        "              - exercise: Chop\n                reps: 5\n"
    )
    assert isinstance(step, AmrapBlock)
    outer = step.steps[0]
    assert isinstance(outer, RepeatBlock) and outer.repeat == 2
    inner = outer.steps[0]
    assert isinstance(inner, RepeatBlock) and inner.repeat == 3
    assert inner.steps == [WorkStep(exercise="Chop", reps=5)]


def test_blocks_nest_up_to_the_limit_and_no_further() -> None:
    def nested(blocks: int) -> str:
        text = "name: a\nsteps:\n"
        for depth in range(blocks):
            indent = "  " * (2 * depth + 1)
            text += f"{indent}- repeat: 1\n{indent}  steps:\n"
        return text + "  " * (2 * blocks + 1) + "- rest: 1\n"

    assert load(nested(MAX_NESTING)).steps
    column = 4 * MAX_NESTING + 5
    assert problems(nested(MAX_NESTING + 1)) == [
        f"w.yaml:{2 * MAX_NESTING + 3}:{column}: blocks nest more than {MAX_NESTING} deep; "
        "flatten this one"
    ]


@pytest.mark.parametrize(("inner", "kind"), [("amrap: 1m", "amrap"), ("emom: 2", "emom")])
@pytest.mark.parametrize(("outer", "line"), [("amrap: 5m", 5), ("emom: 2\n    every: 10m", 6)])
def test_an_amrap_or_emom_cannot_hold_another(outer: str, line: int, inner: str, kind: str) -> None:
    assert problems(
        f"name: a\nsteps:\n  - {outer}\n    steps:\n      - {inner}\n"
        "        steps: [{exercise: Chop, reps: 5}]\n"
    ) == [
        f"w.yaml:{line}:9: an amrap or emom block cannot hold an {kind}: block; "
        "only work, rest or repeat steps"
    ]


def test_an_amrap_or_emom_cannot_hide_inside_a_repeat_inside_another() -> None:
    assert problems(
        "name: a\nsteps:\n"
        "  - amrap: 5m\n"
        "    steps:\n"
        "      - repeat: 2\n"
        "        steps:\n"
        "          - emom: 2\n"
        "            steps: [{exercise: Chop, reps: 5}]\n"
    ) == ["w.yaml:7:13: an amrap or emom block cannot sit inside another amrap or emom block"]


def test_an_emom_interval_must_fit_its_steps() -> None:
    fits = "  - emom: 3\n    every: 30s\n    steps:\n      - exercise: Sprint\n        time: 30s\n"
    assert isinstance(one_step(fits), EmomBlock)
    assert problems(
        "name: a\nsteps:\n" + fits.replace("time: 30s", "time: 20s\n      - rest: 15s")
    ) == [
        "w.yaml:4:12: the steps of each interval take 35s, longer than the interval of 30s; "
        "shorten them or lengthen every:"
    ]


def test_an_emom_overflowing_the_default_minute_points_at_the_block() -> None:
    assert problems("name: a\nsteps:\n  - emom: 2\n    steps: [{exercise: Run, time: 61}]\n") == [
        "w.yaml:3:5: the steps of each interval take 1m1s, longer than the interval of 1m; "
        "shorten them or lengthen every:"
    ]


def test_an_emom_counts_caps_but_not_open_rep_steps() -> None:
    assert one_step("  - emom: 2\n    steps: [{exercise: Chin-up, reps: 50}]\n")
    assert problems(
        "name: a\nsteps:\n  - emom: 2\n    steps: [{exercise: Chin-up, reps: 5, time: 2m}]\n"
    ) == [
        "w.yaml:3:5: the steps of each interval take 2m, longer than the interval of 1m; "
        "shorten them or lengthen every:"
    ]


def test_a_workout_may_compile_to_the_step_limit_and_no_more() -> None:
    # 999 rounds of 10 rests, 9 more rests and the prepare step make exactly the limit.
    rests = "[" + ", ".join(["{rest: 1}"] * 10) + "]"
    text = (
        "name: a\nsteps:\n"
        f"  - repeat: {(MAX_STEPS - 10) // 10}\n    steps: {rests}\n" + "  - rest: 1\n" * 9
    )
    assert len(compile_workout(load(text)).steps) == MAX_STEPS
    assert problems(text + "cooldown: 1\n") == [
        f"w.yaml:1:1: the workout compiles to {MAX_STEPS + 1:,} steps; the most is {MAX_STEPS:,}"
    ]


# ------------------------------------------------------------- what a step is


def test_a_step_is_exactly_one_kind() -> None:
    assert problems("name: a\nsteps:\n  - exercise: Chop\n    time: 5\n    rest: 10\n") == [
        f"w.yaml:5:5: a work step cannot also have rest:; {KIND_HINT}"
    ]
    assert problems("name: a\nsteps:\n  - repeat: 2\n    amrap: 5m\n    steps: [{rest: 1}]\n") == [
        f"w.yaml:4:5: a repeat block cannot also have amrap:; {KIND_HINT}"
    ]


def test_a_step_without_a_kind_says_what_the_kinds_are() -> None:
    assert problems("name: a\nsteps:\n  - time: 5\n") == [f"w.yaml:3:5: {KIND_HINT}"]
    assert problems("name: a\nsteps:\n  - {}\n") == [f"w.yaml:3:5: {KIND_HINT}"]


def test_a_misspelt_kind_gets_a_suggestion() -> None:
    assert problems("name: a\nsteps:\n  - exercize: Chop\n    time: 5\n") == [
        "w.yaml:3:5: 'exercize' is not a kind of step; did you mean 'exercise'?"
    ]
    assert problems("name: a\nsteps:\n  - rset: 5\n") == [
        "w.yaml:3:5: 'rset' is not a kind of step; did you mean 'rest'?"
    ]


def test_a_step_that_is_not_a_mapping() -> None:
    assert problems("name: a\nsteps:\n  - Chop\n  - 5\n  - [a]\n") == [
        "w.yaml:3:5: a step is a mapping like 'exercise: ...', not the text 'Chop'",
        "w.yaml:4:5: a step is a mapping like 'exercise: ...', not the number 5",
        "w.yaml:5:5: a step is a mapping like 'exercise: ...', not a list",
    ]


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
        (b"\x00\x01\x02garbage", "1:1: this is a binary file, not a YAML workout"),
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
