"""What the engine reports as a session runs, each event stamped with the moment it was due."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from montage.session.outcomes import Outcome, SessionStatus, counts_as_done
from montage.session.timeline import Move, Step


@dataclass(frozen=True, slots=True)
class StepResult:
    """What happened in one step."""

    step: Step
    """The step."""
    outcome: Outcome
    """How it ended."""
    seconds: float
    """Active seconds spent in it, pauses excluded."""
    started_at: float
    """Monotonic time it started."""
    ended_at: float
    """Monotonic time it ended."""
    rounds: int | None = None
    """Rounds finished, for an AMRAP; 1 or 0 for an EMOM interval whose work was finished."""

    @property
    def done(self) -> bool:
        """Whether the step counts as done (see ``montage.session.outcomes``)."""
        return counts_as_done(self.outcome)


@dataclass(frozen=True, slots=True)
class Totals:
    """A session's results added up."""

    active_seconds: float
    """Time spent in its steps, pauses left out."""
    work_seconds: float
    """Time spent in work steps that were not skipped."""
    steps_done: int
    """Steps of any kind done."""
    steps_skipped: int
    """Steps of any kind skipped."""
    work_done: int
    """Work steps done."""
    work_skipped: int
    """Work steps skipped."""

    @classmethod
    def of(cls, results: Iterable[StepResult]) -> Totals:
        """Add up the results of a session's steps.

        Args:
            results: The result of each step finished.

        Returns:
            The totals.
        """
        active = work = 0.0
        done = skipped = work_done = work_skipped = 0
        for result in results:
            finished = counts_as_done(result.outcome)
            passed = result.outcome == "skipped"
            active += result.seconds
            done += finished
            skipped += passed
            if result.step.kind == "work":
                work_done += finished
                work_skipped += passed
                if not passed:
                    work += result.seconds
        return cls(active, work, done, skipped, work_done, work_skipped)


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened at a moment of the monotonic clock."""

    at: float
    """The moment it was due, on the engine's clock."""


@dataclass(frozen=True, slots=True)
class SessionStarted(Event):
    """The session began."""


@dataclass(frozen=True, slots=True)
class StepStarted(Event):
    """A step began."""

    step: Step
    """The step."""


@dataclass(frozen=True, slots=True)
class MoveStarted(Event):
    """A move began inside an AMRAP or EMOM step; ``move`` None is the rest ending an interval."""

    step: Step
    """The AMRAP or EMOM step."""
    move: Move | None
    """The move, or None for the rest that fills the rest of an EMOM interval."""
    number: int
    """The move's place in the round, from 0."""


@dataclass(frozen=True, slots=True)
class Countdown(Event):
    """A timed step (or a capped one) has this many seconds left: 3, 2, then 1."""

    step: Step
    """The step."""
    seconds_left: int
    """Seconds until it ends."""


@dataclass(frozen=True, slots=True)
class Halfway(Event):
    """Half of a step of 20 s or more has passed."""

    step: Step
    """The step."""


@dataclass(frozen=True, slots=True)
class RoundFinished(Event):
    """An AMRAP round was finished."""

    step: Step
    """The AMRAP step."""
    rounds: int
    """Rounds finished so far."""


@dataclass(frozen=True, slots=True)
class StepFinished(Event):
    """A step ended."""

    result: StepResult
    """What happened in it."""


@dataclass(frozen=True, slots=True)
class Paused(Event):
    """The session was paused."""


@dataclass(frozen=True, slots=True)
class Resumed(Event):
    """The session was resumed."""


@dataclass(frozen=True, slots=True)
class SessionFinished(Event):
    """The session ended."""

    status: SessionStatus
    """Completed, or stopped by the user."""
    results: tuple[StepResult, ...]
    """The result of every step, in timeline order (a step redone after back counts once)."""

    @property
    def totals(self) -> Totals:
        """The session's results added up."""
        return Totals.of(self.results)

    @property
    def all_skipped(self) -> bool:
        """Whether every work step the session reached was skipped: nothing was done."""
        totals = self.totals
        return totals.work_done == 0 and totals.work_skipped > 0

    @property
    def kept_as(self) -> SessionStatus:
        """How the session counts in the log: one that ran to its end with all its work
        skipped did not complete; it is kept as stopped."""
        return "stopped" if self.all_skipped else self.status

    @property
    def duration(self) -> float:
        """Seconds from the session's start to its end, pauses included."""
        return self.at - self.results[0].started_at if self.results else 0.0


Listener = Callable[[Event], None]
"""Told of every event of a session as it happens: the sound player, the log, a screen."""
