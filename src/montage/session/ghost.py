"""Racing a ghost: an earlier session of the same workout, matched step by step.

The ghost (Drago, on screen) is what the log kept of one earlier session: each
step's kind, name and active seconds. It is matched to this session's timeline
by step kind, name and place (the n-th step of that kind and name), so a workout
that has changed since still races on the steps both share, and says how many
it could not match. At the end of every matched step the split is this
session's active time at the step's end minus the ghost's at the same step's
end: positive is behind, negative ahead. Everything here is plain logic on the
engine's results; reading the ghost from the log is the log wing's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from montage.session.events import StepResult
from montage.session.timeline import Step, Timeline

GHOST_NAME = "Drago"
"""What the ghost is called on screen."""

GhostChoice = Literal["best", "last", "none"]
"""Which earlier session to race: the best finished one, the last finished one, or none."""

GHOST_CHOICES: tuple[GhostChoice, ...] = ("best", "last", "none")
"""Every choice, in the order ``g`` steps through them."""


def next_choice(choice: GhostChoice) -> GhostChoice:
    """The choice after ``choice``, round again after the last."""
    return GHOST_CHOICES[(GHOST_CHOICES.index(choice) + 1) % len(GHOST_CHOICES)]


@dataclass(frozen=True, slots=True)
class GhostStep:
    """One step of the ghost's session, as the log kept it."""

    position: int
    """Its place in the ghost's timeline, from 0."""
    kind: str
    """prepare, work, rest or cooldown."""
    name: str
    """What it was called."""
    mode: str
    """timed, reps, amrap or emom."""
    outcome: str
    """How it ended."""
    seconds: float
    """Active seconds spent in it."""
    ended: float
    """Active seconds from the ghost's start to this step's end."""
    rounds: int | None = None
    """AMRAP rounds finished in it."""

    def rounds_at(self, elapsed: float) -> int | None:
        """The ghost's AMRAP rounds ``elapsed`` seconds into the step, at its even pace.

        The log keeps an AMRAP's rounds, not when each was finished, so the ghost is taken
        to have kept an even pace through the block.
        """
        if self.rounds is None or self.seconds <= 0:
            return None
        return min(self.rounds, int(self.rounds * max(0.0, elapsed) / self.seconds))


@dataclass(frozen=True, slots=True)
class Ghost:
    """An earlier session to race."""

    choice: GhostChoice
    """Why it was chosen: the best or the last."""
    session_id: int
    """Its row in the log."""
    started_at: str
    """When it started, ISO 8601."""
    steps: tuple[GhostStep, ...]
    """Its steps, in order."""

    @classmethod
    def of(
        cls,
        choice: GhostChoice,
        session_id: int,
        started_at: str,
        rows: Iterable[tuple[int, str, str, str, str, float, int | None]],
    ) -> Ghost:
        """A ghost from the log's rows of its steps, in order.

        Args:
            choice: best or last.
            session_id: The session.
            started_at: When it started.
            rows: (position, kind, name, mode, outcome, active seconds, rounds) per step.
        """
        steps: list[GhostStep] = []
        ended = 0.0
        for position, kind, name, mode, outcome, seconds, rounds in rows:
            ended += seconds
            steps.append(GhostStep(position, kind, name, mode, outcome, seconds, ended, rounds))
        return cls(choice, session_id, started_at, tuple(steps))

    @property
    def active_seconds(self) -> float:
        """Its time in all its steps."""
        return self.steps[-1].ended if self.steps else 0.0


def _key(kind: str, name: str) -> tuple[str, str]:
    return kind, " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class GhostMatch:
    """A ghost matched to a timeline, step by step."""

    ghost: Ghost
    """The ghost."""
    pairs: dict[int, GhostStep]
    """The ghost's step for each timeline step that has one, by the step's index."""
    steps: int
    """How many steps the timeline has."""

    @property
    def unmatched(self) -> int:
        """The timeline's steps with no ghost step."""
        return self.steps - len(self.pairs)

    @property
    def left_over(self) -> int:
        """The ghost's steps that match none of the timeline's."""
        return len(self.ghost.steps) - len(self.pairs)

    @property
    def changed(self) -> bool:
        """Whether the workout is not step for step the one the ghost did."""
        return self.unmatched > 0 or self.left_over > 0

    def note(self) -> str | None:
        """What a changed workout means for the race, in a line; None when it has not."""
        if not self.changed:
            return None
        if not self.pairs:
            return f"The workout has changed: no step matches {GHOST_NAME}'s, so no race."
        return (
            f"The workout has changed: {len(self.pairs)} of {self.steps} steps race"
            f" {GHOST_NAME} ({self.unmatched} new, {self.left_over} of his gone)."
        )

    def step(self, step: Step) -> GhostStep | None:
        """The ghost's step matched to ``step``, if any."""
        return self.pairs.get(step.index)


def match_ghost(timeline: Timeline, ghost: Ghost) -> GhostMatch:
    """Match a ghost to a timeline: each step to the ghost's step of the same kind and name
    in the same place (the first sled pull to the first, the second to the second).

    Args:
        timeline: This session's workout.
        ghost: The earlier session.

    Returns:
        The match.
    """
    theirs: dict[tuple[tuple[str, str], int], GhostStep] = {}
    seen: dict[tuple[str, str], int] = {}
    for ghost_step in ghost.steps:
        key = _key(ghost_step.kind, ghost_step.name)
        seen[key] = seen.get(key, 0) + 1
        theirs[(key, seen[key])] = ghost_step
    pairs: dict[int, GhostStep] = {}
    seen = {}
    for step in timeline.steps:
        key = _key(step.kind, step.name)
        seen[key] = seen.get(key, 0) + 1
        found = theirs.get((key, seen[key]))
        if found is not None:
            pairs[step.index] = found
    return GhostMatch(ghost, pairs, len(timeline.steps))


@dataclass(frozen=True, slots=True)
class Split:
    """Where a session stands against its ghost at the end of one step."""

    step: Step
    """The step just ended."""
    mine: float
    """This session's active seconds at the step's end."""
    theirs: float
    """The ghost's active seconds at the same step's end."""
    change: float
    """How much the split moved in this step (negative: time gained on the ghost)."""

    @property
    def seconds(self) -> float:
        """The split: positive behind the ghost, negative ahead."""
        return self.mine - self.theirs

    @property
    def ahead(self) -> bool:
        """Whether this session is ahead of the ghost (a tie is not)."""
        return self.seconds < 0


def splits(match: GhostMatch, results: Sequence[StepResult]) -> list[Split]:
    """The split at the end of every matched step finished so far, in timeline order.

    Args:
        match: The ghost, matched to the timeline.
        results: The engine's results so far (``Engine.results``).
    """
    found: list[Split] = []
    before = 0.0
    mine = 0.0
    for result in sorted(results, key=lambda r: r.step.index):
        mine += result.seconds
        ghost_step = match.pairs.get(result.step.index)
        if ghost_step is None:
            continue
        split = mine - ghost_step.ended
        found.append(Split(result.step, mine, ghost_step.ended, split - before))
        before = split
    return found


def split_at(match: GhostMatch, results: Sequence[StepResult], step: Step) -> Split | None:
    """The split at the end of ``step``, just finished; None when the ghost has no such step.

    Args:
        match: The ghost, matched to the timeline.
        results: The engine's results so far, ``step``'s among them.
        step: The step that ended.
    """
    return next((split for split in splits(match, results) if split.step.index == step.index), None)


@dataclass(frozen=True, slots=True)
class Race:
    """A session's race against its ghost, as it ended."""

    final: Split
    """The split at the last matched step."""
    gained: Split | None
    """The step where most time was won back, if any was."""
    lost: Split | None
    """The step where most time was given away, if any was."""


def race(match: GhostMatch, results: Sequence[StepResult]) -> Race | None:
    """How the race went; None when no matched step was finished.

    Args:
        match: The ghost, matched to the timeline.
        results: Every step's result.
    """
    found = splits(match, results)
    if not found:
        return None
    gained = min(found, key=lambda split: split.change)
    lost = max(found, key=lambda split: split.change)
    return Race(
        found[-1],
        gained if gained.change < 0 else None,
        lost if lost.change > 0 else None,
    )
