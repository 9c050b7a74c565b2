"""Compile a validated workout into its timeline."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, assert_never

from montage.durations import format_duration
from montage.measures import load_number
from montage.session.rules import (
    ROUNDS_KEY,
    Deload,
    Growth,
    Quantity,
    Rule,
    Targets,
    exercise_key,
)
from montage.session.timeline import DEFAULT_BPM, Move, Round, Step, Timeline, default_scene
from montage.workout.fields import MAX_REPEAT
from montage.workout.models import (
    AmrapBlock,
    AnyStep,
    EmomBlock,
    RepeatBlock,
    RestStep,
    Workout,
    WorkStep,
)
from montage.workout.progress import Amount


@dataclass(slots=True)
class _Context:
    """What compiling needs besides the steps: where sounds are, the rounds the log has
    grown repeats to, and the rules found so far."""

    base: Path
    log_reps: bool
    rounds: Mapping[str, int]
    rules: list[Rule] = field(default_factory=list)

    def keep(self, rule: Rule) -> str:
        """Keep a rule found (a step in a repeat is met once a round), and give its key."""
        if all(kept.key != rule.key for kept in self.rules):
            self.rules.append(rule)
        return rule.key


def compile_workout(
    workout: Workout, base_dir: Path | None = None, rounds: Mapping[str, int] | None = None
) -> Timeline:
    """Compile a workout into its timeline.

    Args:
        workout: A valid workout.
        base_dir: The folder that relative sound paths are resolved against.
        rounds: Rounds for the repeats the progress log has grown or shrunk, by their
            place (``Rule.place``); the file's rounds for the rest.

    Returns:
        The timeline: a prepare step, every step in order, and the cool-down, with the
        progression rules of its steps.
    """
    context = _Context(base_dir or Path.cwd(), workout.log_reps, rounds or {})
    raw: list[dict[str, Any]] = [
        {"kind": "prepare", "name": "Get ready", "seconds": workout.prepare}
    ]
    raw.extend(_compile(workout.steps, (), context, (), ()))
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
        rules=tuple(context.rules),
    )


def _compile(
    steps: Sequence[AnyStep],
    rounds: tuple[Round, ...],
    context: _Context,
    place: tuple[int, ...],
    blocks: tuple[str, ...],
) -> Iterator[dict[str, Any]]:
    """Compile steps into raw step fields; ``place`` is where their list is written, and
    ``blocks`` the rule keys of the repeats they are in."""
    base, log_reps = context.base, context.log_reps
    for number, step in enumerate(steps, start=1):
        here = (*place, number)
        match step:
            case WorkStep():
                asks = log_reps if step.log_reps is None else step.log_reps
                fields = _work_fields(step, base)
                target = None
                if step.progress is not None:
                    target = context.keep(_work_rule(step, _place(here)))
                yield {
                    **fields,
                    "kind": "work",
                    "rounds": rounds,
                    "log_reps": asks,
                    "target": target,
                    "blocks": blocks,
                }
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
                inside = blocks
                count = step.repeat
                if step.progress is not None:
                    key = context.keep(_repeat_rule(step, _place(here)))
                    inside = (*blocks, key)
                    count = min(MAX_REPEAT, context.rounds.get(_place(here), step.repeat))
                for round_number in range(1, count + 1):
                    inner = (*rounds, Round(label, round_number, count))
                    yield from _compile(step.steps, inner, context, (*here,), inside)
                    if step.rest_between and round_number < count:
                        yield {
                            "kind": "rest",
                            "name": "Rest",
                            "seconds": step.rest_between,
                            "cue": f"{label} {round_number + 1} of {count} next",
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
        "exercise": exercise_key(step.exercise, step.exercise_id),
    }


def _place(here: tuple[int, ...]) -> str:
    return ".".join(str(number) for number in here)


def _growth(amount: Amount) -> Growth:
    return Growth(amount.by, amount.most)


def _work_rule(step: WorkStep, place: str) -> Rule:
    """The rule of a work step's ``progress:`` (checked: what it grows is there)."""
    progress = step.progress
    assert progress is not None
    growth: list[tuple[Quantity, Growth]] = []
    if progress.reps is not None:
        growth.append(("reps", _growth(progress.reps)))
    if progress.time is not None:
        growth.append(("seconds", _growth(progress.time)))
    found = load_number(step.load)
    load_text = None
    if progress.load is not None and found is not None:
        growth.append(("load", _growth(progress.load)))
        text = step.load or ""
        load_text = (text[: found[2]], text[found[3] :])
    return Rule(
        place=place,
        exercise=exercise_key(step.exercise, step.exercise_id),
        name=step.exercise,
        written=Targets(step.reps, step.time, found[0] if found else None),
        growth=tuple(growth),
        deload=None if progress.deload is None else Deload(*progress.deload),
        unit=progress.load.unit if progress.load is not None else None,
        load_text=load_text,
    )


def _repeat_rule(step: RepeatBlock, place: str) -> Rule:
    progress = step.progress
    assert progress is not None
    return Rule(
        place=place,
        exercise=ROUNDS_KEY,
        name=step.name or "Round",
        written=Targets(rounds=step.repeat),
        growth=(("rounds", _growth(progress.rounds)),),
        deload=None if progress.deload is None else Deload(*progress.deload),
    )


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
