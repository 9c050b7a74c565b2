"""Rules about a whole workout that no single field can check on its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import assert_never

from montage.durations import format_duration
from montage.workout.models import (
    AmrapBlock,
    AnyStep,
    EmomBlock,
    RepeatBlock,
    RestStep,
    Workout,
    WorkStep,
    step_key,
)
from montage.workout.source import Loc

MAX_NESTING = 8
"""The deepest blocks may nest inside each other."""

MAX_STEPS = 10_000
"""The most steps a workout may compile to, each move of an AMRAP or EMOM step counted."""

MAX_MOVES = 1_000
"""The most moves one AMRAP round or EMOM interval may hold once its repeats are unrolled."""


def check_workout(workout: Workout) -> Iterator[tuple[Loc, str]]:
    """Find what is wrong with a workout whose every field is valid.

    Args:
        workout: A workout that passed the models' validation.

    Yields:
        Where each problem is, and what it is.
    """
    yield from _check_steps(workout.steps, ("steps",), depth=1, in_timed_block=False)
    sizes = [timeline_size([step]) for step in workout.steps]
    total = sum(sizes) + 1 + (1 if workout.cooldown else 0)
    if total > MAX_STEPS and max(sizes) <= MAX_STEPS:  # else the block is told already
        biggest = sizes.index(max(sizes))
        if max(sizes) > 1:
            yield (
                ("steps", biggest),
                f"the workout compiles to {total:,} steps, {sizes[biggest]:,} of them from this "
                f"block; the most is {MAX_STEPS:,}",
            )
        else:
            yield ("steps",), f"the workout compiles to {total:,} steps; the most is {MAX_STEPS:,}"


def check_top_step(step: AnyStep, index: int) -> Iterator[tuple[Loc, str]]:
    """The rules of ``check_workout`` for one top-level step that is valid on its own.

    Used when other parts of the file are wrong, so that every problem is still told.

    Args:
        step: The step.
        index: Its place in the workout's ``steps``.

    Yields:
        Where each problem is, and what it is.
    """
    for loc, message in _check_steps([step], ("steps",), depth=1, in_timed_block=False):
        yield ("steps", index, *loc[2:]), message


Unrolled = WorkStep | RestStep | AmrapBlock | EmomBlock
"""A step that is not a repeat: what is left once repeats are unrolled."""


def _unrolled(steps: Sequence[AnyStep], each: Callable[[Unrolled], int]) -> int:
    """Add up ``each`` over the steps with their repeats unrolled, a rest between rounds
    counted as one more step."""
    total = 0
    for step in steps:
        match step:
            case RepeatBlock():
                between = 1 if step.rest_between else 0
                total += step.repeat * _unrolled(step.steps, each) + (step.repeat - 1) * between
            case WorkStep() | RestStep() | AmrapBlock() | EmomBlock():
                total += each(step)
            case _:
                assert_never(step)
    return total


def count_steps(steps: Sequence[AnyStep]) -> int:
    """Count the timeline steps a list of steps compiles to.

    Args:
        steps: Steps as written.

    Returns:
        How many timeline steps they make: an EMOM makes one per interval.
    """
    return _unrolled(steps, lambda step: step.emom if isinstance(step, EmomBlock) else 1)


def move_count(steps: Sequence[AnyStep]) -> int:
    """Count the moves of an AMRAP round or EMOM interval: its steps with repeats unrolled.

    Args:
        steps: The block's steps as written.

    Returns:
        How many moves they make.
    """
    return _unrolled(steps, lambda step: 1)


def timeline_size(steps: Sequence[AnyStep]) -> int:
    """Count what a list of steps puts in the timeline: its steps, and the moves each holds.

    Args:
        steps: Steps as written.

    Returns:
        Timeline steps plus the moves of their AMRAP and EMOM steps.
    """
    return _unrolled(steps, _size)


def _size(step: Unrolled) -> int:
    match step:
        case AmrapBlock():
            return 1 + move_count(step.steps)
        case EmomBlock():
            return step.emom * (1 + move_count(step.steps))
        case WorkStep() | RestStep():
            return 1
        case _:
            assert_never(step)


def timed_seconds(steps: Sequence[AnyStep]) -> int:
    """Add up the time a list of steps surely takes: their times and caps, repeats included.

    Args:
        steps: Steps as written.

    Returns:
        Seconds; uncapped rep steps count as nothing.
    """
    total = 0
    for step in steps:
        match step:
            case WorkStep():
                total += step.time or 0
            case RestStep():
                total += step.rest
            case RepeatBlock():
                between = (step.repeat - 1) * (step.rest_between or 0)
                total += step.repeat * timed_seconds(step.steps) + between
            case AmrapBlock():
                total += step.amrap
            case EmomBlock():
                total += step.emom * step.every
            case _:
                assert_never(step)
    return total


def _check_steps(
    steps: Sequence[AnyStep], loc: Loc, *, depth: int, in_timed_block: bool
) -> Iterator[tuple[Loc, str]]:
    for index, step in enumerate(steps):
        here = (*loc, index)
        match step:
            case WorkStep() | RestStep():
                continue
            case RepeatBlock() | AmrapBlock() | EmomBlock():
                pass
            case _:
                assert_never(step)
        if depth > MAX_NESTING:
            yield here, f"blocks nest more than {MAX_NESTING} deep; flatten this one"
            continue
        if isinstance(step, AmrapBlock | EmomBlock) and in_timed_block:
            yield here, "an amrap or emom block cannot sit inside another amrap or emom block"
            continue
        too_big = _too_big(step, in_timed_block=in_timed_block)
        if too_big:
            yield here, too_big
            continue
        if isinstance(step, EmomBlock):
            needed = timed_seconds(step.steps)
            if needed > step.every:
                yield (
                    (*here, "every"),
                    f"the steps of each interval take {format_duration(needed)}, longer than "
                    f"the interval of {format_duration(step.every)}; shorten them or "
                    "lengthen every:",
                )
        yield from _check_steps(
            step.steps,
            (*here, "steps"),
            depth=depth + 1,
            in_timed_block=in_timed_block or isinstance(step, AmrapBlock | EmomBlock),
        )


def _too_big(step: RepeatBlock | AmrapBlock | EmomBlock, *, in_timed_block: bool) -> str | None:
    """Why a block expands past a limit of its own, if it does: an AMRAP or EMOM round of too
    many moves, or a block of too many steps when none of the blocks inside it is."""
    kind = step_key(step)
    if isinstance(step, AmrapBlock | EmomBlock):
        moves = move_count(step.steps)
        if moves > MAX_MOVES:
            return (
                f"one round of this {kind} block is {moves:,} moves once its repeats are "
                f"unrolled; the most is {MAX_MOVES:,}"
            )
    if in_timed_block:
        return None  # a repeat inside an AMRAP or EMOM makes moves, counted above
    size = timeline_size([step])
    inner = (child for child in step.steps if not isinstance(child, WorkStep | RestStep))
    if size <= MAX_STEPS or any(timeline_size([child]) > MAX_STEPS for child in inner):
        return None
    return f"this {kind} block compiles to {size:,} steps; a workout may have at most {MAX_STEPS:,}"
