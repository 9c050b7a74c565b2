"""Loading workout files: repeat, AMRAP and EMOM blocks, and what a step is."""

from __future__ import annotations

import time

import pytest

from loading import KIND_HINT, load, one_step, problems
from montage.workout.checks import MAX_MOVES, MAX_NESTING, MAX_STEPS
from montage.workout.compiler import compile_workout
from montage.workout.models import (
    AmrapBlock,
    EmomBlock,
    RepeatBlock,
    RestStep,
    WorkStep,
)

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
        f"w.yaml:3:5: the workout compiles to {MAX_STEPS + 1:,} steps, {MAX_STEPS - 10:,} of "
        f"them from this block; the most is {MAX_STEPS:,}"
    ]


def nested_repeats(block: str, depth: int, rounds: int = 1000) -> str:
    """A block holding repeats of ``rounds`` nested ``depth`` deep around one move."""
    text = f"name: a\nsteps:\n  - {block}\n    steps:\n"
    for level in range(depth):
        indent = "  " * (2 * level + 3)
        text += f"{indent}- repeat: {rounds}\n{indent}  steps:\n"
    return (
        text + "  " * (2 * depth + 3) + "- exercise: Chop\n" + "  " * (2 * depth + 4) + "reps: 1\n"
    )


@pytest.mark.parametrize(("block", "kind"), [("amrap: 1m", "amrap"), ("emom: 2", "emom")])
@pytest.mark.parametrize(("depth", "moves"), [(2, 10**6), (3, 10**9), (8, 1000**8)])
def test_an_amrap_or_emom_of_too_many_moves_is_refused_quickly_at_the_block(
    block: str, kind: str, depth: int, moves: int
) -> None:
    started = time.perf_counter()
    found = problems(nested_repeats(block, depth))
    assert time.perf_counter() - started < 2
    assert found == [
        f"w.yaml:3:5: one round of this {kind} block is {moves:,} moves once its repeats are "
        f"unrolled; the most is {MAX_MOVES:,}"
    ]


def test_an_amrap_may_hold_up_to_the_move_limit() -> None:
    timeline = compile_workout(load(nested_repeats("amrap: 1m", 1, MAX_MOVES)))
    assert len(timeline.steps[1].moves) == MAX_MOVES
    assert problems(nested_repeats("amrap: 1m", 2, 32))[0].startswith(
        "w.yaml:3:5: one round of this amrap block is 1,024 moves"
    )


def test_an_emom_whose_intervals_and_moves_pass_the_step_limit_is_refused() -> None:
    moves = ", ".join(["{exercise: Chop, reps: 1}"] * 10)
    assert problems(f"name: a\nsteps:\n  - emom: 1000\n    steps: [{moves}]\n") == [
        f"w.yaml:3:5: this emom block compiles to 11,000 steps; a workout may have at most "
        f"{MAX_STEPS:,}"
    ]


@pytest.mark.parametrize("depth", [2, 3, 8])
def test_repeats_of_too_many_steps_are_refused_at_the_innermost_block_too_big(depth: int) -> None:
    # Doubling repeats around two of a thousand rounds: the first of those is too big itself.
    text = "name: a\nsteps:\n"
    for level in range(depth):
        indent = "  " * (2 * level + 1)
        text += f"{indent}- repeat: {1000 if level >= depth - 2 else 2}\n{indent}  steps:\n"
    text += "  " * (2 * depth + 1) + "- rest: 1\n"
    started = time.perf_counter()
    found = problems(text)
    assert time.perf_counter() - started < 2
    line, column = 3 + 2 * (depth - 2), 5 + 4 * (depth - 2)
    assert found == [
        f"w.yaml:{line}:{column}: this repeat block compiles to 1,000,000 steps; a workout may "
        f"have at most {MAX_STEPS:,}"
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
