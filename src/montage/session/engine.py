"""The session engine: runs a timeline against an injected monotonic clock.

Time inside a step is *active* time: it runs while the session runs and stands
still while it is paused. Everything due in a step (halfway, the 3-2-1
countdown, the end of a move, the end of the step) sits on an agenda keyed by
active seconds from the step's start, and its wall moment is computed from the
moment the step started (or last resumed). A step that ends on time hands its
exact deadline to the next step as that step's start, so nothing drifts,
however long the session.

The engine never sleeps and never reads a clock of its own: a driver asks for
``next_deadline()``, waits until then, and calls ``poll()``. Commands (start,
pause, resume, skip, back, done, stop) return the events they cause.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from montage.session.events import (
    Countdown,
    Event,
    Halfway,
    MoveStarted,
    Paused,
    Resumed,
    RoundFinished,
    SessionFinished,
    SessionStarted,
    StepFinished,
    StepResult,
    StepStarted,
)
from montage.session.outcomes import Outcome, SessionStatus
from montage.session.timeline import Move, Step, Timeline

Clock = Callable[[], float]
"""A monotonic clock in seconds, such as ``time.monotonic``."""

State = Literal["ready", "running", "paused", "finished"]
"""Where the session is."""

HALFWAY_FROM = 20
"""Steps at least this long (seconds) get a halfway event."""

COUNTDOWN = (3, 2, 1)
"""Seconds before a timed step ends at which a countdown event fires."""

_Item = tuple[float, int, str, int]
"""An agenda entry: active offset, insertion order, what, and a number it carries."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The engine's state at one moment, for drawing a screen."""

    state: State
    """Where the session is."""
    step: Step
    """The current step (the last one once finished)."""
    next_step: Step | None
    """The step after it, if any."""
    step_elapsed: float
    """Active seconds into the current step."""
    step_remaining: float | None
    """Seconds left in the step (to its cap for a rep step); None when uncapped."""
    move: Move | None
    """The current move of an AMRAP or EMOM step; None outside them and in an EMOM's rest."""
    move_number: int
    """The current move's place in the round, from 0."""
    move_elapsed: float
    """Active seconds into the current move."""
    rounds: int
    """AMRAP rounds finished in the current step."""
    session_elapsed: float
    """Active seconds since the session started, pauses excluded."""
    session_remaining: float
    """Planned seconds left: the rest of this step and every later timed step."""

    @property
    def progress(self) -> float:
        """How far through the session, 0 to 1."""
        total = self.session_elapsed + self.session_remaining
        return 1.0 if total <= 0 else min(1.0, self.session_elapsed / total)


class Engine:
    """Runs one session of a timeline.

    Args:
        timeline: The compiled workout.
        clock: A monotonic clock in seconds.
    """

    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        if not timeline.steps:
            raise ValueError("a timeline needs at least one step")
        self.timeline = timeline
        self._clock = clock
        self.state: State = "ready"
        self.index = 0
        self._results: dict[int, StepResult] = {}
        self._agenda: list[_Item] = []
        self._order = 0
        self._run_start = 0.0
        self._active_base = 0.0
        self._step_started = 0.0
        self._session_started = 0.0
        self._paused_at = 0.0
        self._paused_total = 0.0
        self._finished_at = 0.0
        self._move = 0
        self._move_offset = 0.0
        self._rounds = 0
        self._interval_rest = False
        self._status: SessionStatus | None = None

    # ----------------------------------------------------------------- queries

    @property
    def step(self) -> Step:
        """The current step."""
        return self.timeline.steps[self.index]

    @property
    def status(self) -> SessionStatus | None:
        """How the session ended, or None while it has not."""
        return self._status

    @property
    def results(self) -> tuple[StepResult, ...]:
        """The result of every step finished so far, in timeline order."""
        return tuple(self._results[index] for index in sorted(self._results))

    def next_deadline(self) -> float | None:
        """The monotonic moment of the next thing due, or None when nothing is (paused,
        waiting for done, not started, finished)."""
        if self.state != "running" or not self._agenda:
            return None
        return self._moment(self._agenda[0][0])

    def snapshot(self, now: float | None = None) -> Snapshot:
        """Describe the session at ``now`` (the clock's time by default)."""
        now = self._clock() if now is None else now
        step = self.step
        elapsed = self._step_elapsed(now)
        remaining = None if step.seconds is None else max(0.0, step.seconds - elapsed)
        later = sum(s.seconds or 0 for s in self.timeline.steps[self.index + 1 :])
        if self.state == "finished":
            remaining, later = 0.0 if remaining is not None else None, 0
        in_moves = step.moves and not self._interval_rest
        return Snapshot(
            state=self.state,
            step=step,
            next_step=self._step_at(self.index + 1),
            step_elapsed=elapsed,
            step_remaining=remaining,
            move=step.moves[self._move] if in_moves else None,
            move_number=self._move,
            move_elapsed=max(0.0, elapsed - self._move_offset),
            rounds=self._rounds,
            session_elapsed=self._session_elapsed(now),
            session_remaining=(remaining or 0.0) + later,
        )

    # ---------------------------------------------------------------- commands

    def start(self) -> list[Event]:
        """Start the session with its first step.

        Returns:
            The session-start event and the first step's start.
        """
        if self.state != "ready":
            return []
        now = self._clock()
        self.state = "running"
        self._session_started = now
        return [SessionStarted(now), *self._begin(0, now)]

    def pause(self) -> list[Event]:
        """Freeze the session, keeping the remaining time exactly."""
        if self.state != "running":
            return []
        now = self._clock()
        self._active_base = self._step_elapsed(now)
        self._paused_at = now
        self.state = "paused"
        return [Paused(now)]

    def resume(self) -> list[Event]:
        """Continue a paused session from where it stood."""
        if self.state != "paused":
            return []
        now = self._clock()
        self._paused_total += now - self._paused_at
        self._run_start = now
        self.state = "running"
        return [Resumed(now)]

    def toggle_pause(self) -> list[Event]:
        """Pause a running session, or resume a paused one."""
        return self.pause() if self.state == "running" else self.resume()

    def skip(self) -> list[Event]:
        """End the current step as skipped and start the next."""
        if self.state not in ("running", "paused"):
            return []
        now = self._command_time()
        return self._advance("skipped", now)

    def back(self) -> list[Event]:
        """Leave the current step without a result and start the previous one again.

        At the first step, start it again. The step that is redone gets a new
        result in place of its old one.
        """
        if self.state not in ("running", "paused"):
            return []
        now = self._command_time()
        return self._begin(max(0, self.index - 1), now)

    def done(self) -> list[Event]:
        """Say the current rep step, or the current move of an AMRAP or EMOM, is done.

        Returns:
            The events caused; none when the current step does not wait for done.
        """
        if self.state not in ("running", "paused"):
            return []
        now = self._command_time()
        step = self.step
        if step.mode == "reps":
            return self._advance("done", now)
        if step.moves and not self._interval_rest:
            return self._next_move(now, self._step_elapsed(now))
        return []

    def stop(self) -> list[Event]:
        """End the session now, keeping the results so far."""
        if self.state not in ("running", "paused"):
            return []
        now = self._command_time()
        events: list[Event] = [self._finish("stopped", now)]
        return events + self._end_session("stopped", now)

    def poll(self, now: float | None = None) -> list[Event]:
        """Fire everything due by ``now`` (the clock's time by default), in order.

        Args:
            now: The moment to catch up to.

        Returns:
            The events, each stamped with the moment it was due.
        """
        now = self._clock() if now is None else now
        events: list[Event] = []
        while self.state == "running" and self._agenda:
            offset, _, what, value = self._agenda[0]
            at = self._moment(offset)
            if at > now:
                break
            heapq.heappop(self._agenda)
            events.extend(self._fire(what, value, offset, at))
        return events

    # ---------------------------------------------------------------- internals

    def _command_time(self) -> float:
        return self._paused_at if self.state == "paused" else self._clock()

    def _moment(self, offset: float) -> float:
        return self._run_start + (offset - self._active_base)

    def _step_elapsed(self, now: float) -> float:
        if self.state == "running":
            return self._active_base + (now - self._run_start)
        return 0.0 if self.state == "ready" else self._active_base

    def _session_elapsed(self, now: float) -> float:
        if self.state == "ready":
            return 0.0
        end = {"paused": self._paused_at, "finished": self._finished_at}.get(self.state, now)
        return end - self._session_started - self._paused_total

    def _step_at(self, index: int) -> Step | None:
        return self.timeline.steps[index] if index < len(self.timeline.steps) else None

    def _schedule(self, offset: float, what: str, value: int = 0) -> None:
        self._order += 1
        heapq.heappush(self._agenda, (offset, self._order, what, value))

    def _begin(self, index: int, at: float) -> list[Event]:
        """Make ``index`` the current step, started at ``at``."""
        self.index = index
        step = self.step
        self._agenda = []
        self._run_start = at
        self._active_base = 0.0
        self._step_started = at
        self._move = 0
        self._move_offset = 0.0
        self._rounds = 0
        self._interval_rest = False
        seconds = step.seconds
        if seconds is not None:
            if seconds >= HALFWAY_FROM and step.mode != "emom":
                self._schedule(seconds / 2, "halfway")
            for left in COUNTDOWN:
                if seconds - left > 0:
                    self._schedule(seconds - left, "countdown", left)
            self._schedule(seconds, "end")
        events: list[Event] = [StepStarted(at, step)]
        if step.moves:
            events.extend(self._start_move(0, 0.0, at))
        return events

    def _start_move(self, number: int, offset: float, at: float) -> list[Event]:
        step = self.step
        self._move = number
        self._move_offset = offset
        move = step.moves[number]
        if move.seconds is not None:
            end = offset + move.seconds
            if step.seconds is None or end < step.seconds:
                self._schedule(end, "move_end", number)
        return [MoveStarted(at, step, move, number)]

    def _next_move(self, at: float, offset: float) -> list[Event]:
        """The current move is over: start the next, close the round, or rest out the interval."""
        step = self.step
        self._agenda = [item for item in self._agenda if item[2] != "move_end"]
        heapq.heapify(self._agenda)
        following = self._move + 1
        if following < len(step.moves):
            return self._start_move(following, offset, at)
        if step.mode == "amrap":
            self._rounds += 1
            return [RoundFinished(at, step, self._rounds), *self._start_move(0, offset, at)]
        self._rounds = 1
        self._interval_rest = True
        self._move_offset = offset
        return [MoveStarted(at, step, None, following)]

    def _fire(self, what: str, value: int, offset: float, at: float) -> list[Event]:
        step = self.step
        if what == "halfway":
            return [Halfway(at, step)]
        if what == "countdown":
            return [Countdown(at, step, value)]
        if what == "move_end":
            return self._next_move(at, offset)
        outcome: Outcome = "capped" if step.mode == "reps" else "completed"
        return self._advance(outcome, at, exact=offset)

    def _finish(self, outcome: Outcome, at: float, exact: float | None = None) -> StepFinished:
        step = self.step
        seconds = exact if exact is not None else self._step_elapsed(at)
        rounds = self._rounds if step.mode in ("amrap", "emom") else None
        result = StepResult(step, outcome, seconds, self._step_started, at, rounds)
        self._results[step.index] = result
        return StepFinished(at, result)

    def _advance(self, outcome: Outcome, at: float, exact: float | None = None) -> list[Event]:
        events: list[Event] = [self._finish(outcome, at, exact)]
        if self.index + 1 < len(self.timeline.steps):
            return events + self._begin(self.index + 1, at)
        return events + self._end_session("completed", at)

    def _end_session(self, status: SessionStatus, at: float) -> list[Event]:
        if self.state == "paused":
            self._paused_total += at - self._paused_at
        self._agenda = []
        self._active_base = self._results[self.index].seconds if self.index in self._results else 0
        self.state = "finished"
        self._status = status
        self._finished_at = at
        return [SessionFinished(at, status, self.results)]
