"""Run a session in real time as plain lines of text: ``montage run WORKOUT --plain``.

One line per event. Enter says a rep step (or an AMRAP move) is done; a letter
and Enter pauses (p), skips (n), goes back (b) or stops (q); Ctrl-C stops.
After a rep step or an AMRAP, a number and Enter keeps what was actually done
for the log: its reps or rounds, with a load written ``12 @ 20kg``. A step with
``log_reps`` (a timed one too) asks for it.
"""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from montage.durations import format_clock, format_duration
from montage.safe_text import visible
from montage.session.counts import CountFollower, count_text, countable, parse_count
from montage.session.engine import Clock, Engine
from montage.session.events import (
    Countdown,
    Event,
    Halfway,
    Listener,
    MoveStarted,
    Paused,
    Resumed,
    RoundFinished,
    SessionFinished,
    StepFinished,
    StepStarted,
)
from montage.session.ghost import GHOST_NAME, GhostMatch, race, split_at
from montage.session.timeline import Move, Step

Waiter = Callable[[float | None], str | None]
"""Waits up to a timeout (None: for ever) for a line of input; None when the time ran out.
Raises EOFError once input is closed."""

KeepCount = Callable[[Step, int, str | None], object]
"""Keeps a number typed for a finished step (its reps, or rounds for an AMRAP) and the load
typed with it; says whether it was kept."""

KEYS_HELP = (
    "Enter: done   12: reps done   p: pause/resume   n: next   b: back   q: stop   Ctrl-C: stop"
)
"""The line commands, printed at the start."""

COUNT_HELP = "type the reps (rounds for an AMRAP) as a number, with a load if you like: 12 @ 20kg"
"""Shown when a typed number cannot be read."""


class StdinWaiter:
    """Waits for lines on a file descriptor with ``select``, so the timer is never held up."""

    def __init__(self, stream: TextIO) -> None:
        """Watch ``stream`` for lines.

        Args:
            stream: Standard input, or any text stream with a file descriptor.
        """
        self._stream = stream

    def __call__(self, timeout: float | None) -> str | None:
        """Wait for a line.

        Args:
            timeout: Seconds to wait at most; None waits for ever.

        Returns:
            The line without its newline, or None when the time ran out.

        Raises:
            EOFError: Input is closed.
        """
        ready, _, _ = select.select([self._stream], [], [], timeout)
        if not ready:
            return None
        line = self._stream.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")


class PlainSession:
    """Drives an engine in real time and prints what happens.

    Args:
        engine: The session to run, not yet started.
        out: Where lines go.
        clock: The engine's clock.
        wait: Waits for a line of input until a timeout.
        sleep: Waits without input, once input is closed.
        listeners: Told of every event as it happens (the sound player, the log).
        keep_count: Keeps a number the user types for a step; None when nothing is logged.
        ghost: The earlier session raced, matched to the timeline; None races no one.
        ghost_intro: Who is raced, printed as the session starts.
    """

    def __init__(
        self,
        engine: Engine,
        out: TextIO,
        clock: Clock,
        wait: Waiter,
        sleep: Callable[[float], None],
        listeners: Sequence[Listener] = (),
        keep_count: KeepCount | None = None,
        ghost: GhostMatch | None = None,
        ghost_intro: str | None = None,
    ) -> None:
        self.engine = engine
        self._out = out
        self._clock = clock
        self._wait: Waiter | None = wait
        self._sleep = sleep
        self._finished: SessionFinished | None = None
        self._listeners = listeners
        self._keep_count = keep_count
        self._counts = CountFollower()
        self._ghost = ghost
        self._ghost_intro = ghost_intro

    def run(self) -> SessionFinished:
        """Run the session to its end; Ctrl-C (KeyboardInterrupt) stops it and is re-raised.

        Returns:
            The session's last event.
        """
        timeline = self.engine.timeline
        self._print(
            f"MONTAGE > {timeline.name} - {format_duration(timeline.total_seconds)} - "
            f"{len(timeline)} steps"
        )
        self._print(KEYS_HELP)
        if self._ghost_intro:
            self._print(self._ghost_intro)
        if self._ghost is not None and (note := self._ghost.note()) is not None:
            self.say(note)
        try:
            self._show(self.engine.start())
            while self.engine.state != "finished":
                self._show(self._step())
        except KeyboardInterrupt:
            self._show(self.engine.stop())
            raise
        assert self._finished is not None
        return self._finished

    def _step(self) -> list[Event]:
        deadline = self.engine.next_deadline()
        timeout = None if deadline is None else max(0.0, deadline - self._clock())
        if self._wait is None:
            if timeout is None:
                self._print("input is closed, so nothing can say done: stopping")
                return self.engine.stop()
            self._sleep(timeout)
            return self.engine.poll()
        try:
            line = self._wait(timeout)
        except EOFError:
            self._wait = None
            return []
        events = [] if line is None else self._command(line.strip())
        return events + self.engine.poll()

    def _command(self, line: str) -> list[Event]:
        if line[:1].isdigit():
            self._count(line)
            return []
        commands: dict[str, Callable[[], list[Event]]] = {
            "": self.engine.done,
            "d": self.engine.done,
            "p": self.engine.toggle_pause,
            " ": self.engine.toggle_pause,
            "n": self.engine.skip,
            "b": self.engine.back,
            "q": self.engine.stop,
        }
        action = commands.get(line[:1].lower())
        if action is None:
            self._print(KEYS_HELP)
            return []
        return action()

    def _count(self, line: str) -> None:
        """Keep a typed number for the rep step or AMRAP that finished last (until the next
        work step finishes)."""
        typed = parse_count(line)
        if typed is None:
            self.say(COUNT_HELP)
            return
        count, load = typed
        step = self._counts.step
        if step is None:
            self.say("no step to log a number for: type it after a rep step or an AMRAP ends")
        elif self._keep_count is None:
            self.say("the progress log is off for this session; the number is not kept")
        elif self._keep_count(step, count, load):
            self._print(f"{self._stamp(self._clock())} logged: {count_text(step, count, load)}")

    def say(self, text: str) -> None:
        """Print a notice between the event lines (safe from another thread: one write)."""
        self._print(f"note: {text}")

    def _print(self, text: str) -> None:
        # Names, cues and notices come from outside: no control character reaches the terminal.
        self._out.write(visible(text) + "\n")
        self._out.flush()

    def _show(self, events: list[Event]) -> None:
        for event in events:
            for listener in self._listeners:
                listener(event)
            if isinstance(event, SessionFinished):
                self._finished = event
            self._counts.follow(event)
            for text in self._lines(event):
                self._print(text)

    def _stamp(self, at: float) -> str:
        return f"[{format_clock(self.engine.snapshot(at).session_elapsed):>5}]"

    def _lines(self, event: Event) -> list[str]:
        stamp = self._stamp(event.at)
        pad = " " * len(stamp)
        if isinstance(event, StepStarted):
            head, *rest = step_lines(event.step, self.engine.timeline.steps)
            return [f"{stamp} {head}", *(f"{pad}   {line}" for line in rest)]
        if isinstance(event, MoveStarted):
            return [f"{stamp}   - {move_text(event.move)}"]
        if isinstance(event, Countdown):
            return [f"{stamp} {event.seconds_left}"]
        if isinstance(event, Halfway):
            return [f"{stamp} halfway"]
        if isinstance(event, RoundFinished):
            return [f"{stamp}   round {event.rounds} done"]
        if isinstance(event, Paused):
            return [f"{stamp} PAUSED - p and Enter to resume"]
        if isinstance(event, Resumed):
            return [f"{stamp} resumed"]
        if isinstance(event, StepFinished):
            texts = (*finish_lines(event), *self._split_lines(event), *ask_lines(event))
            return [f"{stamp} {text}" for text in texts]
        if isinstance(event, SessionFinished):
            return [f"{stamp} {text}" for text in (session_summary(event), *self._race_lines())]
        return []

    def _split_lines(self, event: StepFinished) -> list[str]:
        """The split against the ghost at the end of a step it has too."""
        if self._ghost is None:
            return []
        from montage.racing import split_words

        split = split_at(self._ghost, self.engine.results, event.result.step)
        if split is None:
            return []
        return [f"ghost {split_words(split)} {GHOST_NAME} - {event.result.step.name}"]

    def _race_lines(self) -> list[str]:
        if self._ghost is None:
            return []
        from montage.racing import race_lines

        ended = race(self._ghost, self.engine.results)
        return [] if ended is None else [f"ghost: {line}" for line in race_lines(ended)]


def step_lines(step: Step, steps: tuple[Step, ...]) -> list[str]:
    """Describe a step as it starts: a headline, then its cue.

    Args:
        step: The step starting.
        steps: The whole timeline, to say what comes next.

    Returns:
        The lines to print.
    """
    parts = [f"{step.kind.upper()}  {step.name}", _length(step)]
    parts += [text for text in (step.load, step.distance) if text]
    if step.round:
        parts.append(str(step.round))
    later = steps[step.index + 1] if step.index + 1 < len(steps) else None
    if step.kind in ("prepare", "rest") and later is not None:
        parts.append(f"next: {later.name}")
    if step.mode == "reps":
        parts.append("press Enter when done")
    elif step.mode in ("amrap", "emom") and any(move.seconds is None for move in step.moves):
        parts.append("Enter after each move")
    lines = [" - ".join(part for part in parts if part)]
    if step.cue:
        lines.append(step.cue)
    return lines


def move_text(move: Move | None) -> str:
    """Describe a move of an AMRAP or EMOM; None is the rest ending an EMOM interval."""
    if move is None:
        return "rest till the next interval"
    amount = f" x{move.reps}" if move.reps else ""
    time = f" {format_duration(move.seconds)}" if move.seconds else ""
    cue = f" - {move.cue}" if move.cue else ""
    return f"{move.name}{amount}{time}{cue}"


def finish_lines(event: StepFinished) -> list[str]:
    """Describe how a step ended, for the steps where that is news."""
    result = event.result
    name = result.step.name
    if result.outcome == "done":
        return [f"done: {name} in {format_clock(result.seconds)}"]
    if result.outcome == "capped":
        return [f"time cap: {name} at {format_clock(result.seconds)}"]
    if result.outcome == "skipped":
        return [f"skipped: {name}"]
    if result.step.mode == "amrap":
        rounds = result.rounds or 0
        return [f"{name}: {rounds} round" + ("" if rounds == 1 else "s")]
    return []


def ask_lines(event: StepFinished) -> list[str]:
    """Ask for the reps or rounds done, after a step with ``log_reps``."""
    result = event.result
    if not result.step.log_reps or not countable(result):
        return []
    if result.step.mode == "amrap":
        return ["how many rounds? type the number and Enter (5, or 5 @ 20kg), or carry on"]
    return ["how many reps? type the number and Enter (12, or 12 @ 20kg), or carry on"]


def session_summary(event: SessionFinished) -> str:
    """Sum up a finished session in a line."""
    totals = event.totals
    done, skipped = totals.steps_done, totals.steps_skipped
    head = "FINISHED" if event.status == "completed" else "STOPPED"
    if event.all_skipped:
        head = "NOTHING DONE - every work step was skipped"
    steps = "1 step" if done == 1 else f"{done} steps"
    tail = f", {skipped} skipped" if skipped else ""
    return f"{head} - {format_clock(totals.active_seconds)} of work and rest - {steps} done{tail}"


def _length(step: Step) -> str:
    if step.mode == "reps":
        cap = f", cap {format_clock(step.seconds)}" if step.seconds else ""
        return f"{step.reps} reps{cap}"
    return format_duration(step.seconds or 0)


def stdin_waiter() -> Waiter | None:
    """A waiter on standard input, or None when there is no input to read."""
    if sys.stdin is None or sys.stdin.closed:
        return None
    try:
        os.fstat(sys.stdin.fileno())
    except (OSError, ValueError):
        return None
    return StdinWaiter(sys.stdin)
