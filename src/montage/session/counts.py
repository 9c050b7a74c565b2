"""Counts typed in after a step: the reps (or AMRAP rounds) actually done, and a load."""

from __future__ import annotations

import re

from montage.session.events import Event, StepFinished, StepResult
from montage.session.timeline import Step

_COUNT = re.compile(r"^(\d{1,4})(?:\s*@\s*(\S.*?))?$")


def countable(result: StepResult) -> bool:
    """Whether a number may be typed for a finished step: a rep step, an AMRAP, or a step
    with ``log_reps``, that was not skipped or stopped."""
    step = result.step
    wanted = step.mode in ("reps", "amrap") or step.log_reps
    return step.kind == "work" and wanted and result.outcome not in ("skipped", "stopped")


def count_target(event: Event, current: Step | None) -> Step | None:
    """The step a typed count belongs to after ``event``: the rep step or AMRAP that finished
    last, until the next work step finishes.

    Args:
        event: An event of the session.
        current: The step a count belonged to before it.
    """
    if isinstance(event, StepFinished) and event.result.step.kind == "work":
        return event.result.step if countable(event.result) else None
    return current


def parse_count(text: str) -> tuple[int, str | None] | None:
    """Read a typed count: ``12``, or ``12 @ 20kg`` with a load.

    Returns:
        The number and the load (None without one), or None when the text is not a count.
    """
    match = _COUNT.match(text.strip())
    if match is None:
        return None
    return int(match[1]), match[2]


def count_text(step: Step, count: int, load: str | None) -> str:
    """Say what was logged for a step: ``Wagon press - 12 reps @ 20kg``."""
    unit = "round" if step.mode == "amrap" else "rep"
    amount = f"{count} {unit}" + ("" if count == 1 else "s")
    return f"{step.name} - {amount}" + (f" @ {load}" if load else "")
