"""The session screen: big digits, what is now and next, and the keys to steer."""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from montage.app.commands import SESSION_COMMANDS, bindings
from montage.app.plain_text import plain
from montage.app.scheduler import Cancellable, Scheduler
from montage.app.screens.confirm import ConfirmScreen
from montage.app.widgets.big_clock import BigClock
from montage.app.widgets.progress_line import ProgressLine
from montage.app.widgets.title_card import TitleCard
from montage.durations import format_clock, format_duration
from montage.session.engine import Clock, Engine, Snapshot
from montage.session.events import Event, Listener, RoundFinished, SessionFinished, StepStarted
from montage.session.timeline import Step, Timeline

PHASE_TITLES = {"prepare": "GET READY", "work": "WORK", "rest": "REST", "cooldown": "COOL DOWN"}
"""The banner over the digits for each phase."""

TITLE_CARD_SECONDS = 1.5
"""How long a round's title card shows."""


class SessionScreen(Screen[SessionFinished]):
    """Runs one session; dismissed with the session's last event when it ends."""

    BINDINGS = bindings(SESSION_COMMANDS)
    COMMAND_LIST = SESSION_COMMANDS

    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        scheduler: Scheduler,
        listeners: Sequence[Listener] = (),
    ) -> None:
        """Prepare a session of ``timeline``; it starts when the screen mounts.

        Args:
            timeline: The workout to run.
            clock: The monotonic clock the engine runs on.
            scheduler: Calls back at the engine's deadlines.
            listeners: Told of every event, in order, as it happens.
        """
        super().__init__(id="session")
        self.engine = Engine(timeline, clock)
        self._clock = clock
        self._scheduler = scheduler
        self._listeners = listeners
        self._due: Cancellable | None = None
        self._redraw: Cancellable | None = None
        self._card: Cancellable | None = None
        self._look: tuple[str, bool] | None = None
        self._finished: SessionFinished | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-top"):
            yield Static(plain(self.engine.timeline.name), id="workout-name", markup=False)
            yield Static(id="position", markup=False)
        yield Static(id="phase", markup=False)
        yield TitleCard(id="title-card", markup=False)
        yield BigClock(id="clock")
        yield Static(id="step-name", markup=False)
        yield Static(id="step-detail", markup=False)
        yield Static(id="next-up", markup=False)
        yield ProgressLine(id="progress")
        yield Static(id="totals", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._apply(self.engine.start())

    def on_unmount(self) -> None:
        for handle in (self._due, self._redraw, self._card):
            if handle is not None:
                handle.cancel()

    def on_resize(self) -> None:
        self.redraw()

    # ----------------------------------------------------------------- actions

    def action_toggle_pause(self) -> None:
        """Pause or resume."""
        self._apply(self.engine.toggle_pause())

    def action_skip(self) -> None:
        """Skip to the next step."""
        self._apply(self.engine.skip())

    def action_back(self) -> None:
        """Start the previous step again."""
        self._apply(self.engine.back())

    def action_done(self) -> None:
        """Finish the current rep step or AMRAP move; say why not on a step that runs its time."""
        events = self.engine.done()
        if not events and self.engine.state in ("running", "paused"):
            waits = "ends with the next interval" if self.engine.step.moves else "runs its time"
            self.notify(f"This step {waits}; d ends a rep step or a move. n skips it.", timeout=2)
        self._apply(events)

    def action_stop(self) -> None:
        """Ask, then stop the session; the clock stands still while the question is open."""
        paused_here = self.engine.state == "running"
        if paused_here:
            self._apply(self.engine.pause())

        def answered(stop: bool | None) -> None:
            if stop:
                self.stop_now()
            elif paused_here:
                self._apply(self.engine.resume())

        question = ConfirmScreen(
            "Stop this session?", "The steps you finished are kept.", yes="stop", no="keep going"
        )
        self.app.push_screen(question, answered)

    def stop_now(self) -> None:
        """Stop the session at once, without asking (the app is being ended)."""
        self._apply(self.engine.stop())

    # ---------------------------------------------------------------- timing

    def _apply(self, events: list[Event]) -> None:
        """Act on the engine's events, then wait for its next deadline."""
        for event in events:
            for listener in self._listeners:
                listener(event)
            if isinstance(event, StepStarted):
                self._announce_round(event.step)
            elif isinstance(event, RoundFinished):
                self._title(f"Round {event.rounds + 1}")
            elif isinstance(event, SessionFinished):
                self._finished = event
        self._arm()
        if self._finished is not None:
            while self.app.screen is not self and self in self.app.screen_stack:
                self.app.pop_screen()  # a question left open is moot now
            self.dismiss(self._finished)
            return
        self.redraw()

    def _arm(self) -> None:
        if self._due is not None:
            self._due.cancel()
            self._due = None
        deadline = self.engine.next_deadline()
        if deadline is not None:
            self._due = self._scheduler.call_at(deadline, self._on_due)

    def _on_due(self) -> None:
        self._due = None
        self._apply(self.engine.poll())

    def _announce_round(self, step: Step) -> None:
        position = self.engine.timeline.new_round(step)
        if position is not None:
            last = position.number == position.of
            self._title("Final round" if last else f"Round {position.number}")

    def _title(self, text: str) -> None:
        if not self.is_mounted:
            return
        card = self.query_one(TitleCard)
        card.show_card(text)
        if self._card is not None:
            self._card.cancel()
        self._card = self._scheduler.call_at(self._clock() + TITLE_CARD_SECONDS, card.hide_card)

    # --------------------------------------------------------------- drawing

    def redraw(self) -> None:
        """Show the engine's state now, and plan the next redraw for when it next changes."""
        if self._redraw is not None:
            self._redraw.cancel()
            self._redraw = None
        if not self.is_mounted or self._finished is not None:
            return
        now = self._clock()
        snapshot = self.engine.snapshot(now)
        self._show(snapshot)
        if snapshot.state == "running":
            delay = _next_change(snapshot)
            self._redraw = self._scheduler.call_at(now + delay, self.redraw)

    def _show(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        paused = snapshot.state == "paused"
        look = (step.kind, paused)
        if look != self._look:  # a change of class restyles the screen: only when needed
            self._look = look
            for kind in PHASE_TITLES:
                self.set_class(step.kind == kind, f"-{kind}")
            self.set_class(paused, "-paused")
        self._set("#phase", "PAUSED - space to resume" if paused else _banner(step))
        self._set("#position", _position(step, len(self.engine.timeline)))
        self.query_one(BigClock).text = _clock_text(snapshot)
        self._set("#step-name", _now_text(snapshot))
        self._set("#step-detail", _detail_text(snapshot), layout=True)  # it wraps: lines vary
        self._set("#next-up", _next_text(snapshot.next_step))
        self.query_one(ProgressLine).progress = snapshot.progress
        self._set(
            "#totals",
            f"elapsed {format_clock(snapshot.session_elapsed)}    "
            f"remaining {format_clock(math.ceil(snapshot.session_remaining))}",
        )

    def _set(self, selector: str, text: str, layout: bool = False) -> None:
        widget = self.query_one(selector, Static)
        content = plain(text)
        if widget.content != content:
            widget.update(content, layout=layout)


def _banner(step: Step) -> str:
    if step.mode == "amrap":
        return f"AMRAP {format_duration(step.seconds or 0)}"
    if step.mode == "emom":
        return "EMOM"
    return PHASE_TITLES[step.kind]


def _position(step: Step, total: int) -> str:
    parts = [str(round_) for round_ in step.rounds[-1:]]
    parts.append(f"step {step.index + 1}/{total}")
    return "  ".join(parts)


def _clock_text(snapshot: Snapshot) -> str:
    if snapshot.step.mode == "reps":
        return format_clock(snapshot.step_elapsed)
    return format_clock(math.ceil(snapshot.step_remaining or 0))


def _now_text(snapshot: Snapshot) -> str:
    step = snapshot.step
    if step.moves:
        move = snapshot.move
        if move is None:
            return "Rest till the next interval"
        reps = f" x{move.reps}" if move.reps else ""
        return f"{move.name}{reps}"
    reps = f" x{step.reps}" if step.reps else ""
    return f"{step.name}{reps}"


def _detail_text(snapshot: Snapshot) -> str:
    """The coaching line, then what is lifted and how far, then how the step ends: each on a
    line of its own, so that a long cue wraps instead of hiding the load."""
    step = snapshot.step
    lines: list[str] = []
    if step.mode == "amrap":
        lines.append(f"{_count(snapshot.rounds, 'round')} done")
    if step.moves and snapshot.move is not None:
        move = snapshot.move
        lines += _texts(move.cue, " · ".join(t for t in (move.load, move.distance) if t))
        if move.seconds is None:
            lines.append("press d when done")
        return "\n".join(lines)
    lines += _texts(step.cue, " · ".join(t for t in (step.load, step.distance) if t))
    if step.mode == "reps":
        cap = f" (cap {format_clock(step.seconds)})" if step.seconds else ""
        lines.append(f"press d when done{cap}")
    return "\n".join(lines)


def _texts(*texts: str | None) -> list[str]:
    return [text for text in texts if text]


def _count(number: int, unit: str) -> str:
    """``1 round``, ``3 rounds``."""
    return f"{number} {unit}" + ("" if number == 1 else "s")


def _next_text(step: Step | None) -> str:
    if step is None:
        return "NEXT  the finish"
    length = "reps" if step.seconds is None else format_clock(step.seconds)
    if step.mode == "reps" and step.seconds is not None:
        length = f"reps, cap {format_clock(step.seconds)}"
    return f"NEXT  {step.name}  {length}"


def _next_change(snapshot: Snapshot) -> float:
    """Seconds until a digit or a total on screen changes.

    The progress bar is redrawn with them, once a second: smooth enough to see it
    move, and no extra frames in between.
    """
    candidates = [_to_next_whole(snapshot.session_elapsed)]
    if snapshot.step_remaining is not None and snapshot.step.mode != "reps":
        candidates.append(_to_next_whole(-snapshot.step_remaining))
    else:
        candidates.append(_to_next_whole(snapshot.step_elapsed))
    return min(1.0, max(0.01, min(candidates) + 0.001))


def _to_next_whole(value: float) -> float:
    """Seconds until ``value``, growing at one per second, next reaches a whole number."""
    return math.floor(value) + 1 - value
