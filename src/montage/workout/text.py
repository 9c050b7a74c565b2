"""Workouts and steps as short lines of text, shared by the command line and the app."""

from __future__ import annotations

from collections.abc import Sequence

from montage.durations import format_clock, format_duration
from montage.safe_text import visible
from montage.session.timeline import Step
from montage.workout.catalogue import Entry

_WIDEST_NAME = 40
"""The widest the name column of ``montage list`` grows; a longer name runs past it."""


def list_lines(entries: Sequence[Entry]) -> list[str]:
    """The lines of ``montage list``, made safe to print: a header, then each workout's name,
    total time, tags and whose it is; a broken one with its first problem.

    Args:
        entries: The workouts, in the order to list them.

    Returns:
        The lines; none when there are no workouts.
    """
    rows: list[tuple[str, str, str, str]] = []
    for entry in entries:
        mine = ""
        if entry.origin == "user":
            mine = "  (yours, replaces the shipped one)" if entry.shadows else "  (yours)"
        if entry.timeline is None:
            problem = str(entry.error.problems[0]) if entry.error else ""
            rows.append((entry.name, "broken", problem, mine))
        else:
            total = format_duration(entry.timeline.total_seconds)
            rows.append((entry.name, total, ", ".join(entry.timeline.tags), mine))
    if not rows:
        return []
    width = min(max(len(row[0]) for row in rows), _WIDEST_NAME)
    return [f"{'WORKOUT':<{width}}  {'TIME':>7}  TAGS"] + [
        visible(f"{name:<{width}}  {total:>7}  {tags}{mine}") for name, total, tags, mine in rows
    ]


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
