"""Counts typed in after a step: the reps (or AMRAP rounds) actually done, and a load."""

from __future__ import annotations

import re

from montage.session.events import Event, SessionFinished, StepFinished, StepResult
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


class CountFollower:
    """Follows a session's events: which finished step a typed count belongs to, and when to
    ask for one (after a step with ``log_reps``, but not over the session's last moments:
    a question left then waits until the session's end has been shown)."""

    def __init__(self) -> None:
        self.step: Step | None = None
        """The step a count typed now belongs to, if any."""
        self._ask = False
        self._ending = False

    def follow(self, event: Event) -> bool:
        """Take an event of the session.

        Returns:
            Whether a question for the count is due now.
        """
        if isinstance(event, StepFinished) and event.result.step.kind == "work":
            self.step = count_target(event, self.step)
            self._ask = self.step is not None and self.step.log_reps
            return self._ask
        if isinstance(event, SessionFinished):
            self._ending = True
        return False

    def end_shown(self) -> bool:
        """The session's end is on the screen now.

        Returns:
            Whether a question is still to be asked.
        """
        self._ending = False
        return self._ask

    def take_question(self) -> bool:
        """Whether to ask for a count now; a question is asked once."""
        if self._ask and not self._ending:
            self._ask = False
            return True
        return False
