"""Compile a validated workout into its timeline."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, assert_never

from montage.durations import format_duration
from montage.session.timeline import DEFAULT_BPM, Move, Round, Step, Timeline, default_scene
from montage.workout.models import (
    AmrapBlock,
    AnyStep,
    EmomBlock,
    RepeatBlock,
    RestStep,
    Workout,
    WorkStep,
)


def compile_workout(workout: Workout, base_dir: Path | None = None) -> Timeline:
    """Compile a workout into its timeline.

    Args:
        workout: A valid workout.
        base_dir: The folder that relative sound paths are resolved against.

    Returns:
        The timeline: a prepare step, every step in order, and the cool-down.
    """
    base = base_dir or Path.cwd()
    raw: list[dict[str, Any]] = [
        {"kind": "prepare", "name": "Get ready", "seconds": workout.prepare}
    ]
    raw.extend(_compile(workout.steps, (), base, workout.log_reps))
    if workout.cooldown:
        raw.append({"kind": "cooldown", "name": "Cool down", "seconds": workout.cooldown})
    steps = tuple(Step(index=index, **fields) for index, fields in enumerate(raw))
    bpm = None if workout.bpm == "off" else (workout.bpm or DEFAULT_BPM)
    return Timeline(
        name=workout.name,
        steps=steps,
        bpm=bpm,
        description=workout.description,
        tags=tuple(workout.tags),
        scene=workout.scene or default_scene(workout.tags),
    )


def _compile(
    steps: Sequence[AnyStep], rounds: tuple[Round, ...], base: Path, log_reps: bool
) -> Iterator[dict[str, Any]]:
    """Compile steps into raw step fields; ``log_reps`` is the workout's, for steps not saying."""
    for step in steps:
        match step:
            case WorkStep():
                asks = log_reps if step.log_reps is None else step.log_reps
                fields = _work_fields(step, base)
                yield {**fields, "kind": "work", "rounds": rounds, "log_reps": asks}
            case RestStep():
                yield {
                    "kind": "rest",
                    "name": "Rest",
                    "seconds": step.rest,
                    "cue": step.cue,
                    "rounds": rounds,
                }
            case RepeatBlock():
                label = step.name or "Round"
                for number in range(1, step.repeat + 1):
                    inner = (*rounds, Round(label, number, step.repeat))
                    yield from _compile(step.steps, inner, base, log_reps)
                    if step.rest_between and number < step.repeat:
                        yield {
                            "kind": "rest",
                            "name": "Rest",
                            "seconds": step.rest_between,
                            "cue": f"{label} {number + 1} of {step.repeat} next",
                            "rounds": inner,
                        }
            case AmrapBlock():
                yield {
                    "kind": "work",
                    "name": step.name or "AMRAP",
                    "seconds": step.amrap,
                    "mode": "amrap",
                    "moves": tuple(_moves(step.steps, base)),
                    "rounds": rounds,
                    "cue": f"As many rounds as possible in {format_duration(step.amrap)}",
                    "log_reps": log_reps if step.log_reps is None else step.log_reps,
                }
            case EmomBlock():
                moves = tuple(_moves(step.steps, base))
                label = step.name or "EMOM"
                for number in range(1, step.emom + 1):
                    yield {
                        "kind": "work",
                        "name": label,
                        "seconds": step.every,
                        "mode": "emom",
                        "moves": moves,
                        "rounds": (*rounds, Round(label, number, step.emom)),
                        "cue": f"Every {format_duration(step.every)}: work, then rest",
                    }
            case _:
                assert_never(step)


def _work_fields(step: WorkStep, base: Path) -> dict[str, Any]:
    return {
        "name": step.exercise,
        "seconds": step.time,
        "mode": "reps" if step.reps is not None else "timed",
        "reps": step.reps,
        "cue": step.cue,
        "load": step.load,
        "distance": step.distance,
        "sound": base / step.sound if step.sound else None,
    }


def _moves(steps: Sequence[AnyStep], base: Path) -> Iterator[Move]:
    """Flatten the steps of an AMRAP round or EMOM interval into moves; repeats unroll.

    The models let no AMRAP or EMOM sit inside another, so there are none here.
    """
    for step in steps:
        match step:
            case WorkStep():
                fields = _work_fields(step, base)
                del fields["mode"]
                yield Move(kind="work", **fields)
            case RestStep():
                yield Move(kind="rest", name="Rest", seconds=step.rest, cue=step.cue)
            case RepeatBlock():
                for number in range(step.repeat):
                    yield from _moves(step.steps, base)
                    if step.rest_between and number < step.repeat - 1:
                        yield Move(kind="rest", name="Rest", seconds=step.rest_between)
            case AmrapBlock() | EmomBlock():
                raise ValueError("an amrap or emom block cannot sit inside another")
            case _:
                assert_never(step)
