"""A timeline folded back into its blocks, for the picker's preview: three rounds shown as
one block with the rest between rounds beside it, not every round's steps one by one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from montage.durations import format_clock
from montage.session.timeline import Round, Step, Timeline
from montage.workout.text import grown, step_parts

TIMES = "\N{MULTIPLICATION SIGN}"
"""Between a count and what is repeated."""


@dataclass(frozen=True, slots=True)
class Block:
    """A block repeated round after round."""

    label: str
    """Its name, or ``Round``."""
    rounds: int
    """How many rounds."""
    items: tuple[Step | Block, ...]
    """One round: its steps and inner blocks (the last round's, which has no rest after it)."""
    rest_between: int | None
    """Seconds of rest between rounds, if there is a rest after every round but the last."""
    seconds: int
    """The planned length of every round together."""


Item = Step | Block
"""A line of the outline, or a block of lines."""


def fold(steps: Sequence[Step], depth: int = 0) -> list[Item]:
    """Fold the steps of a timeline back into blocks.

    Args:
        steps: Steps in timeline order.
        depth: How many enclosing blocks the steps are already inside.

    Returns:
        The steps outside any further block, and a ``Block`` for each block.
    """
    items: list[Item] = []
    index = 0
    while index < len(steps):
        step = steps[index]
        if len(step.rounds) <= depth:
            items.append(step)
            index += 1
            continue
        end = index + 1
        while end < len(steps) and _continues(steps[end - 1], steps[end], depth):
            end += 1
        items.append(_block(steps[index:end], depth))
        index = end
    return items


def _continues(before: Step, step: Step, depth: int) -> bool:
    """Whether ``step`` is in the same block as the step ``before`` it."""
    if len(step.rounds) <= depth:
        return False
    was, now = before.rounds[depth], step.rounds[depth]
    same = (was.label, was.of) == (now.label, now.of)
    return same and now.number in (was.number, was.number + 1)


def _block(steps: Sequence[Step], depth: int) -> Block:
    first: Round = steps[0].rounds[depth]
    numbers = sorted({step.rounds[depth].number for step in steps})
    by_round = {n: [s for s in steps if s.rounds[depth].number == n] for n in numbers}
    last, opening = by_round[numbers[-1]], by_round[numbers[0]]
    rest_between = None
    if len(numbers) > 1 and len(opening) == len(last) + 1 and opening[-1].kind == "rest":
        rest_between = opening[-1].seconds
    if all(step.mode == "emom" for step in steps):
        items: tuple[Item, ...] = (steps[0],)  # every interval is the same
    else:
        items = tuple(fold(last, depth + 1))
    total = sum(step.seconds or 0 for step in steps)
    return Block(first.label, first.of, items, rest_between, total)


def outline(steps: Sequence[Step], progressed: Timeline | None = None) -> list[str]:
    """The preview's lines: each step's length and what it is, each block once, indented.

    Args:
        steps: A timeline's steps.
        progressed: The timeline, when its targets are progressed from the log: each step
            and repeat whose targets have grown says from what (``[12 → 13 reps]``).
    """
    return _lines(fold(steps), 0, progressed)


def _lines(items: Sequence[Item], indent: int, progressed: Timeline | None) -> list[str]:
    lines: list[str] = []
    pad = "    " * indent
    for item in items:
        if isinstance(item, Block):
            between = (
                f"   rest {format_clock(item.rest_between)} between" if item.rest_between else ""
            )
            header = f"{item.rounds} {TIMES} [ {item.label} ]{between}"
            length = format_clock(item.seconds) if item.seconds else "open"
            lines.append(f"{length:>6}  {pad}{header}{_rounds_grown(item, indent, progressed)}")
            lines += _lines(item.items, indent + 1, progressed)
            continue
        length, what, _ = step_parts(item)
        if item.mode == "emom":
            what = f"every {format_clock(item.seconds or 0)}: {what.split(': ', 1)[-1]}"
        lines.append(f"{length:>6}  {pad}{what}{grown(progressed, item.target)}")
    return lines


def _rounds_grown(block: Block, depth: int, progressed: Timeline | None) -> str:
    """How a repeat's rounds have grown (``  [3 → 4 rounds]``): its rule is the one of the
    repeats its steps are in that is written at its depth (``3.2`` is inside ``3``)."""
    if progressed is None:
        return ""
    keys: set[str] | None = None
    for step in _steps(block):
        if step.kind == "work" and step.mode in ("timed", "reps"):
            keys = set(step.blocks) if keys is None else keys & set(step.blocks)
    for key in sorted(keys or ()):
        rule = progressed.rule(key)
        if rule is not None and rule.place.count(".") == depth:
            return grown(progressed, key)
    return ""


def _steps(block: Block) -> list[Step]:
    """The steps of one round of a block, those of its inner blocks too."""
    found: list[Step] = []
    for item in block.items:
        found += _steps(item) if isinstance(item, Block) else [item]
    return found
