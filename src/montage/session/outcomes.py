"""What a step's outcome means: the one home of "a step counts as done".

The summary, the line mode, the log's writes and its queries all read it from
here; a session's results add up in ``montage.session.events.Totals``.
"""

from __future__ import annotations

from typing import Literal

Outcome = Literal["completed", "done", "capped", "skipped", "stopped"]
"""How a step ended: ran its time, the user said done, hit its cap, was skipped, or stopped."""

DONE_OUTCOMES: tuple[Outcome, ...] = ("completed", "done", "capped")
"""The outcomes that count as a step done: it ran out, the user said done, or it hit its cap."""

SessionStatus = Literal["completed", "stopped"]
"""How a session ended, as the engine tells it."""


def counts_as_done(outcome: str) -> bool:
    """Whether a step that ended with ``outcome`` was done.

    Args:
        outcome: An outcome, from the engine or read back from the log.
    """
    return outcome in DONE_OUTCOMES
