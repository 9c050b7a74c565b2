"""Workouts and steps as short lines of text, shared by the command line and the app."""

from __future__ import annotations

from montage.durations import format_clock
from montage.session.timeline import Step


def show_row(step: Step) -> str:
    """One line of ``montage show``: number, phase, time, what, where."""
    length, what, where = step_parts(step)
    return f"{step.index + 1:>4}  {step.kind:<8} {length:>8}  {what:<48} {where}".rstrip()


def preview_row(step: Step) -> str:
    """One line of the picker's preview: time, what, and round."""
    length, what, _ = step_parts(step)
    return f"{length:>6}  {what}" + (
        f"  ({step.round.number}/{step.round.of})" if step.round else ""
    )


def step_parts(step: Step) -> tuple[str, str, str]:
    """A step's length (``<`` marks a cap), what it is, and its round, as text."""
    if step.seconds is None:
        length = "open"
    elif step.mode == "reps":
        length = "<" + format_clock(step.seconds)
    else:
        length = format_clock(step.seconds)
    what = step.name
    if step.reps:
        what += f" x{step.reps}"
    if step.moves:
        what += ": " + ", ".join(
            move.name + (f" x{move.reps}" if move.reps else "") for move in step.moves
        )
    what += "".join(f" - {text}" for text in (step.load, step.distance) if text)
    where = str(step.round) if step.round else ""
    return length, what, where
