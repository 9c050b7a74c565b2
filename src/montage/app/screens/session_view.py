"""What a session looks like: big digits, what is now and next, the round, the totals.

A view draws a ``Snapshot`` of a session from wherever it comes: the session screen
takes it from its own engine, a class's follower from the coach's published state.
"""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from montage.app.plain_text import plain
from montage.app.scheduler import Cancellable, Scheduler
from montage.app.widgets.big_clock import BigClock
from montage.app.widgets.progress_line import ProgressLine
from montage.app.widgets.title_card import TitleCard
from montage.durations import format_clock, format_duration
from montage.session.engine import Clock, Snapshot
from montage.session.events import SessionFinished
from montage.session.timeline import Step, Timeline

PHASE_TITLES = {"prepare": "GET READY", "work": "WORK", "rest": "REST", "cooldown": "COOL DOWN"}
"""The banner over the digits for each phase."""

TITLE_CARD_SECONDS = 1.5
"""How long a round's title card shows."""


class SessionView(Screen[SessionFinished]):
    """Draws a session's snapshots, redrawn each time a digit or a total changes.

    Args:
        timeline: The workout the session runs.
        clock: The monotonic clock the snapshots are taken on.
        scheduler: Calls back at moments of that clock.
    """

    paused_hint = "space to resume"
    """What the banner of a paused session says to do."""

    def __init__(self, timeline: Timeline, clock: Clock, scheduler: Scheduler) -> None:
        super().__init__(id="session")
        self.timeline = timeline
        self._clock = clock
        self._scheduler = scheduler
        self._redraw: Cancellable | None = None
        self._card: Cancellable | None = None
        self._look: tuple[str, bool] | None = None

    def snapshot(self, now: float) -> Snapshot | None:
        """The session at ``now``; None while there is nothing to show."""
        raise NotImplementedError

    @property
    def ended(self) -> bool:
        """Whether the session is over, so nothing is drawn any more."""
        return False

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-top"):
            yield Static(plain(self.timeline.name), id="workout-name", markup=False)
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

    def on_unmount(self) -> None:
        for handle in (self._redraw, self._card):
            if handle is not None:
                handle.cancel()

    def on_resize(self) -> None:
        self.redraw()

    def announce_round(self, step: Step) -> None:
        """Show the title card of the round ``step`` opens, if it opens one."""
        position = self.timeline.new_round(step)
        if position is not None:
            last = position.number == position.of
            self.title_card("Final round" if last else f"Round {position.number}")

    def title_card(self, text: str) -> None:
        """Show a title card over the digits for a moment."""
        if not self.is_mounted:
            return
        card = self.query_one(TitleCard)
        card.show_card(text)
        if self._card is not None:
            self._card.cancel()
        self._card = self._scheduler.call_at(self._clock() + TITLE_CARD_SECONDS, card.hide_card)

    # --------------------------------------------------------------- drawing

    def redraw(self) -> None:
        """Show the session now, and plan the next redraw for when it next changes."""
        if self._redraw is not None:
            self._redraw.cancel()
            self._redraw = None
        if not self.is_mounted or self.ended:
            return
        now = self._clock()
        snapshot = self.snapshot(now)
        if snapshot is None:
            return
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
        self._set("#phase", f"PAUSED - {self.paused_hint}" if paused else _banner(step))
        self._set("#position", _position(step, len(self.timeline)))
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
