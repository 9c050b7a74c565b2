"""Rules about a ``progress:`` that need its step: what it grows must be there to grow."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import assert_never

from montage.durations import format_clock
from montage.measures import load_number
from montage.workout.models import AmrapBlock, AnyStep, EmomBlock, RepeatBlock, RestStep, WorkStep
from montage.workout.problems import quoted
from montage.workout.source import Loc

_IN_TIMED_BLOCK = (
    "progress: cannot sit inside an amrap or emom block, whose steps are not judged one by "
    "one; give the rule to a step outside it"
)


def check_progress(
    steps: Sequence[AnyStep], loc: Loc, in_timed_block: bool = False
) -> Iterator[tuple[Loc, str]]:
    """Find the ``progress:`` rules that ask for something their step does not have.

    Args:
        steps: Steps as written.
        loc: Where their list is in the file.
        in_timed_block: Whether they are inside an AMRAP or EMOM block.

    Yields:
        Where each problem is, and what it is.
    """
    for index, step in enumerate(steps):
        here = (*loc, index)
        match step:
            case WorkStep():
                if step.progress is not None:
                    if in_timed_block:
                        yield (*here, "progress"), _IN_TIMED_BLOCK
                    else:
                        yield from _work(step, (*here, "progress"))
            case RepeatBlock():
                rule = step.progress
                if rule is not None and in_timed_block:
                    yield (*here, "progress"), _IN_TIMED_BLOCK
                elif rule is not None and (rule.rounds.most or step.repeat) < step.repeat:
                    yield (
                        (*here, "progress", "rounds"),
                        f"max: {rule.rounds.most:g} is below the repeat's {step.repeat} "
                        "rounds; raise max: or lower repeat:",
                    )
                yield from check_progress(step.steps, (*here, "steps"), in_timed_block)
            case AmrapBlock() | EmomBlock():
                yield from check_progress(step.steps, (*here, "steps"), True)
            case RestStep():
                pass
            case _:
                assert_never(step)


def _work(step: WorkStep, loc: Loc) -> Iterator[tuple[Loc, str]]:
    rule = step.progress
    assert rule is not None
    if rule.reps is not None:
        if step.reps is None:
            yield (*loc, "reps"), "reps: grows a rep step's reps; this step has no reps:"
        elif rule.reps.most is not None and rule.reps.most < step.reps:
            yield (
                (*loc, "reps"),
                f"max: {rule.reps.most:g} is below the step's {step.reps} reps; raise max: "
                "or lower reps:",
            )
    if rule.time is not None:
        if step.time is None:
            yield (*loc, "time"), "time: grows the step's time; this step has no time:"
        elif rule.time.most is not None and rule.time.most < step.time:
            yield (
                (*loc, "time"),
                f"max: {format_clock(rule.time.most)} is below the step's time of "
                f"{format_clock(step.time)}; raise max: or shorten time:",
            )
    if rule.load is not None:
        yield from _load(step, loc)


def _load(step: WorkStep, loc: Loc) -> Iterator[tuple[Loc, str]]:
    rule = step.progress.load if step.progress is not None else None
    assert rule is not None
    if step.load is None:
        yield (*loc, "load"), "load: grows the step's load; give the step one, like load: 20 kg"
        return
    found = load_number(step.load)
    if found is None:
        yield (
            (*loc, "load"),
            f"the step's load {quoted(step.load)} names no weight in kg or lb to grow; "
            "write it like load: 20 kg",
        )
        return
    number, unit, _, _ = found
    if rule.unit != unit:
        yield (
            (*loc, "load"),
            f"the step's load is written in {unit}, so it grows in {unit} too: write the "
            f"amount like +{2.5 if unit == 'kg' else 5:g} {unit}",
        )
    elif rule.most is not None and rule.most < number:
        yield (
            (*loc, "load"),
            f"max: {rule.most:g} {unit} is below the step's load of {number:g} {unit}; raise "
            "max: or lighten the load",
        )
