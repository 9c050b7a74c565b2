"""Workouts and steps as short lines of text, shared by the command line and the app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from montage.durations import format_clock, format_duration
from montage.safe_text import visible
from montage.session.progression import Change, changes
from montage.session.rules import Quantity, Rule
from montage.session.timeline import Step, Timeline
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


def show_row(step: Step, timeline: Timeline | None = None) -> str:
    """One line of ``montage show``: number, phase, time, what, where, and how its targets
    have grown from the file's (``12 → 13 reps``) when ``timeline`` is progressed."""
    length, what, where = step_parts(step)
    row = f"{step.index + 1:>4}  {step.kind:<8} {length:>8}  {what:<48} {where}".rstrip()
    return row + grown(timeline, step.target)


def grown(timeline: Timeline | None, key: str | None) -> str:
    """How the targets of a rule (a step's ``target``, or a repeat's) have grown from the
    file's (``  [12 → 13 reps]``) in a progressed timeline; empty when they have not."""
    if timeline is None or key is None:
        return ""
    found = changes(timeline, key)
    return f"  [{', '.join(change_text(change) for change in found)}]" if found else ""


def amount_text(rule: Rule, quantity: Quantity, value: float) -> str:
    """A target as a person reads it: ``13 reps``, ``0:45``, ``22.5 kg``, ``4 rounds``."""
    match quantity:
        case "reps":
            return f"{value:g} reps"
        case "seconds":
            return format_clock(value)
        case "load":
            return f"{value:g} {rule.unit or ''}".rstrip()
        case "rounds":
            return f"{value:g} rounds"
        case _:
            assert_never(quantity)


def change_text(change: Change) -> str:
    """How a target has grown from the file's: ``12 → 13 reps``, ``20 → 22.5 kg``,
    ``0:40 → 0:45``."""
    now = amount_text(change.rule, change.quantity, change.now)
    if change.quantity == "seconds":
        return f"{format_clock(change.written)} → {now}"
    return f"{change.written:g} → {now}"


def plan_lines(timeline: Timeline) -> list[str]:
    """The lines of ``montage progress NAME``: each step with rules and what it asks now.

    Args:
        timeline: A progressed timeline (``montage.wiring.planned``).

    Returns:
        A line per step or repeat with rules, made safe to print.
    """
    now = dict(timeline.standings)
    lines = []
    for rule in timeline.rules:
        standing = now.get(rule.key)
        asks = []
        for quantity, growth in rule.growth:
            value = standing.targets.of(quantity) if standing else rule.written.of(quantity)
            written = rule.written.of(quantity)
            if value is None or written is None:
                continue
            text = amount_text(rule, quantity, value)
            if value != written:
                text += f" (from {amount_text(rule, quantity, written)})"
            if growth.most is not None and value >= growth.most:
                text += " (max)"
            asks.append(text)
        misses = standing.misses if standing else 0
        if misses and rule.deload is not None:
            asks.append(f"missed {misses} in a row, falls back after {rule.deload.after}")
        elif misses:
            asks.append(f"missed {misses} in a row")
        lines.append(visible(f"  {rule.place:>5}  {rule.name}: {', '.join(asks)}"))
    return lines


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
