"""Loading workout files: ``progress:`` rules and ``exercise_id:``, and what they compile to."""

from __future__ import annotations

import pytest

from loading import load, one_step, problems
from montage.session.rules import ROUNDS_KEY, Deload, Growth, Targets, exercise_key
from montage.session.timeline import Timeline
from montage.workout.compiler import compile_workout
from montage.workout.models import RepeatBlock, WorkStep
from montage.workout.progress import Amount

PRESS = "  - exercise: Overhead wagon press\n    reps: 12\n    load: 20 kg\n"


def test_a_short_rule_and_one_with_a_ceiling() -> None:
    step = one_step(
        PRESS + "    progress:\n      reps: +1\n      load: {by: +2.5 kg, max: 40 kg}\n"
        "      deload: {after: 3, by: 10%}\n"
    )
    assert isinstance(step, WorkStep) and step.progress is not None
    assert step.progress.reps == Amount(1)
    assert step.progress.load == Amount(2.5, 40.0, "kg")
    assert step.progress.deload == (3, 0.1)


@pytest.mark.parametrize(
    ("written", "amount"),
    [("+5s", Amount(5)), ("'+0:15'", Amount(15)), ("{by: 10s, max: 2m}", Amount(10, 120))],
)
def test_time_grows_by_a_duration(written: str, amount: Amount) -> None:
    step = one_step(f"  - exercise: Plank\n    time: 40s\n    progress: {{time: {written}}}\n")
    assert isinstance(step, WorkStep) and step.progress is not None
    assert step.progress.time == amount


def test_a_repeat_grows_its_rounds() -> None:
    step = one_step(
        "  - repeat: 3\n    progress: {rounds: {by: 1, max: 5}}\n    steps: [{rest: 5}]\n"
    )
    assert isinstance(step, RepeatBlock) and step.progress is not None
    assert step.progress.rounds == Amount(1, 5)


@pytest.mark.parametrize(
    ("progress", "message"),
    [
        (
            "{reps: -1}",
            "w.yaml:6:22: reps: the amount should be at least 1; targets fall back only by deload:",
        ),
        ("{reps: {by: 1, most: 3}}", "w.yaml:6:22: reps: 'most' is not a key here"),
        ("{load: +2.5}", "w.yaml:6:22: load: the amount should be a weight to add with its unit"),
        ("{load: {by: 2 kg, max: 90 lb}}", "w.yaml:6:22: load: max: is in lb but the amount"),
        ("{reps: 1, deload: {after: 0, by: 10%}}", "w.yaml:6:33: deload: after: is how many"),
        ("{reps: 1, deload: 3}", "w.yaml:6:33: deload: should be {after: MISSES, by: PERCENT}"),
        ("{rounds: 1}", "w.yaml:6:16: 'rounds' is not a key of a work step's progress:"),
        ("{rep: 1}", "w.yaml:6:16: 'rep' is not a key of a work step's progress:; did you mean"),
        ("{deload: {after: 3, by: 10%}}", "w.yaml:6:5: progress: needs reps:, time: or load:"),
    ],
)
def test_a_wrong_rule_is_told_where_it_is(progress: str, message: str) -> None:
    found = problems(f"name: a\nsteps:\n{PRESS}    progress: {progress}\n")
    assert len(found) == 1 and found[0].startswith(message), found


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (
            PRESS + "    progress: {load: +5 lb}\n",
            "w.yaml:6:22: the step's load is written in kg, so it grows in kg too",
        ),
        (
            "  - exercise: Press\n    reps: 5\n    load: 40 lb\n    progress: {load: +2 kg}\n",
            "w.yaml:6:22: the step's load is written in lb, so it grows in lb too: "
            "write the amount like +5 lb",
        ),
        (
            "  - exercise: Carry\n    time: 45s\n    load: heavy log\n"
            "    progress: {load: +2 kg}\n",
            "w.yaml:6:22: the step's load 'heavy log' names no weight in kg or lb",
        ),
        (
            "  - exercise: Carry\n    time: 45s\n    progress: {reps: +1}\n",
            "w.yaml:5:22: reps: grows a rep step's reps; this step has no reps:",
        ),
        (
            PRESS + "    progress: {time: +5s}\n",
            "w.yaml:6:22: time: grows the step's time; this step has no time:",
        ),
        (
            PRESS + "    progress: {reps: {by: 1, max: 10}}\n",
            "w.yaml:6:22: max: 10 is below the step's 12 reps",
        ),
        (
            "  - repeat: 3\n    progress: {rounds: {by: 1, max: 2}}\n    steps: [{rest: 5}]\n",
            "w.yaml:4:24: max: 2 is below the repeat's 3 rounds",
        ),
        (
            "  - amrap: 5m\n    steps:\n      - exercise: Chop\n        reps: 5\n"
            "        progress: {reps: +1}\n",
            "w.yaml:7:19: progress: cannot sit inside an amrap or emom block",
        ),
    ],
)
def test_a_rule_its_step_cannot_follow_is_told_where_it_is(step: str, message: str) -> None:
    found = problems(f"name: a\nsteps:\n{step}")
    assert found == [found[0]] and found[0].startswith(message), found


def compiled(text: str) -> Timeline:
    return compile_workout(load("name: Barn\nsteps:\n" + text))


def test_rules_compile_once_with_keys_of_place_and_exercise() -> None:
    timeline = compiled(
        "  - rest: 10s\n"
        "  - repeat: 2\n    progress: {rounds: +1}\n    steps:\n"
        "      - exercise: Overhead wagon press\n        reps: 12\n        load: 20 kg sandbag\n"
        "        progress: {reps: +1, load: +2.5 kg, deload: {after: 2, by: 20%}}\n"
    )
    repeat, press = timeline.rules
    assert repeat.key == f"2:{ROUNDS_KEY}" and repeat.written == Targets(rounds=2)
    assert press.key == "2.1:overhead wagon press"
    assert press.written == Targets(reps=12, load=20.0)
    assert press.growth == (("reps", Growth(1)), ("load", Growth(2.5)))
    assert press.deload == Deload(2, 0.2) and press.unit == "kg"
    assert press.load_shown(22.5) == "22.5 kg sandbag"
    work = [step for step in timeline.steps if step.kind == "work"]
    assert [step.target for step in work] == [press.key, press.key]
    assert all(step.blocks == (repeat.key,) for step in work)
    assert Timeline.from_data(timeline.to_data()) == timeline


def test_a_repeat_compiles_to_the_rounds_the_log_asks() -> None:
    text = "  - repeat: 2\n    rest_between: 5s\n    progress: {rounds: +1}\n    steps:\n"
    timeline = compiled(text + "      - exercise: Chop\n        time: 30s\n")
    grown = compile_workout(
        load("name: Barn\nsteps:\n" + text + "      - {exercise: Chop, time: 30s}\n"),
        rounds={"1": 3},
    )
    assert len(timeline) == 4 and len(grown) == 6
    assert [str(step.round) for step in grown.steps[1:]] == ["Round 1/3"] * 2 + [
        "Round 2/3"
    ] * 2 + ["Round 3/3"]


def test_an_exercise_id_names_the_exercise_for_the_log() -> None:
    timeline = compiled(
        "  - exercise: Carry the log\n    exercise_id: Log carry\n    time: 45s\n"
        "  - exercise: LOG-CARRY\n    time: 45s\n"
    )
    assert [step.exercise for step in timeline.steps[1:]] == ["log carry", "log carry"]


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Log carry", "log carry"),
        ("  log   Carry ", "log carry"),
        ("Chin_up!", "chin up"),
        ("\uff21b", "ab"),
    ],
)
def test_an_exercise_key_folds_case_spacing_and_punctuation(written: str, key: str) -> None:
    assert exercise_key(written) == key
