"""What a session looks like: big digits, what is now and next, title cards, the totals,
the race against the ghost.

A view draws a ``Snapshot`` of a session from wherever it comes: the session screen
takes it from its own engine, a class's follower from the coach's published state.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from montage.app.plain_text import plain
from montage.app.scheduler import Cancellable, Scheduler
from montage.app.screens.session_text import (
    PAUSE_MARK,
    PHASE_TITLES,
    banner,
    big_count,
    card_for,
    clock_template,
    clock_text,
    detail_text,
    ghost_now,
    next_change,
    next_text,
    now_text,
    paused_band,
    position,
    split_big,
)
from montage.app.widgets.big_clock import BigClock
from montage.app.widgets.block_text import BlockText
from montage.app.widgets.progress_line import ProgressLine
from montage.app.widgets.title_card import TitleCard
from montage.durations import format_clock
from montage.session.engine import Clock, Snapshot
from montage.session.events import SessionFinished
from montage.session.timeline import Step, Timeline

if TYPE_CHECKING:
    from montage.session.ghost import GhostChoice, GhostMatch, Split

W = TypeVar("W", bound=Widget)

TITLE_CARD_SECONDS = 2.0
"""How long a title card shows."""

DIGITS_SHARE = 0.67
"""The most of the screen's height the digits take: 40 lines of a 60-line terminal."""

REP_DIGITS_SHARE = 0.45
"""The same in a rep step, whose count-up gives way to the target reps."""


class SessionView(Screen[SessionFinished]):
    """Draws a session's snapshots, redrawn each time a digit changes.

    Args:
        timeline: The workout the session runs.
        clock: The monotonic clock the snapshots are taken on.
        scheduler: Calls back at moments of that clock.
    """

    paused_note = ""
    """Said in the pause display's band beside the time code (who paused, what to do)."""

    def __init__(self, timeline: Timeline, clock: Clock, scheduler: Scheduler) -> None:
        super().__init__(id="session")
        self.timeline = timeline
        self._clock = clock
        self._scheduler = scheduler
        self._redraw: Cancellable | None = None
        self._card: Cancellable | None = None
        self._look: tuple[str, str, bool] | None = None
        self._found: dict[str, Widget] = {}
        self.ghost_choice: GhostChoice = "none"
        """Which ghost the session races."""
        self.ghost: GhostMatch | None = None
        """The ghost raced, matched to the timeline, once read."""
        self.split: Split | None = None
        """The split at the end of the last step the ghost has too."""

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
        yield TitleCard(id="title-card")
        yield BigClock(id="clock", share=DIGITS_SHARE)
        yield BlockText(id="count", share=0.2, scales=(1, 2, 3), most_lines=1, fallback=False)
        yield BlockText(id="step-name", share=1 / 7, scales=(1, 2), most_lines=2)
        yield Static(id="step-detail", markup=False)
        yield Static(id="next-up", markup=False)
        yield Static(id="ghost", markup=False)
        yield BlockText(id="split", share=0.15, scales=(1, 2), most_lines=1)
        yield ProgressLine(id="progress")
        yield Static(id="totals", markup=False)
        yield Footer()

    def on_unmount(self) -> None:
        for handle in (self._redraw, self._card):
            if handle is not None:
                handle.cancel()

    def on_resize(self) -> None:
        width = self.card_width(self.size.width)
        self.query_one(TitleCard).styles.width = "100%" if width is None else width
        self.redraw()

    def card_width(self, width: int) -> int | None:
        """The columns a title card spans on a screen ``width`` wide; None for all of them."""
        return None

    # ----------------------------------------------------------- title cards

    def announce(self, step: Step, first: bool = False) -> None:
        """Show the title card ``step`` opens with, if it has one; else take down the last.

        Args:
            step: The step starting.
            first: Whether it is the session's first, which opens no round.
        """
        opens = None if first else self.timeline.new_round(step)
        card = card_for(step, (opens.number, opens.of) if opens is not None else None)
        if card is not None:
            self.title_card(*card)
        elif self._card is not None:
            self._hide_card()

    def title_card(self, text: str, in_letters: bool = False) -> None:
        """Show a title card for a while, over the top of the digits' room (they make way).

        Args:
            text: What it says.
            in_letters: Show it only where it fits in block letters.
        """
        found = self.query(TitleCard)
        if not found:
            return  # not composed yet, or gone
        card = found.first()
        if in_letters and not card.fits(text):
            self._hide_card()
            return
        self._show_card(card, text)
        if self._card is not None:
            self._card.cancel()
        self._card = self._scheduler.call_at(self._clock() + TITLE_CARD_SECONDS, self._hide_card)

    def _osd(self, paused: bool) -> None:
        """While paused, the card is the tape's pause display (no timer: until resumed)."""
        card = self.query_one(TitleCard)
        if paused:
            if self._card is not None:
                self._card.cancel()
                self._card = None
            self._show_card(card, PAUSE_MARK)
        elif card.text == PAUSE_MARK:
            self._hide_card()
        card.set_class(paused, "-osd")

    def _hide_card(self) -> None:
        if self._card is not None:
            self._card.cancel()
            self._card = None
        for card in self.query(TitleCard):
            card.hide_card()
        for clock in self.query(BigClock):
            clock.reserve = 0

    def _show_card(self, card: TitleCard, text: str) -> None:
        card.show_card(text)
        self._widget("#clock", BigClock).reserve = card.rows(self.size)

    # --------------------------------------------------------------- drawing

    def redraw(self) -> None:
        """Show the session now, and plan the next redraw for when it next changes."""
        if self._redraw is not None:
            self._redraw.cancel()
            self._redraw = None
        if self.ended or not self.is_attached or not self.children:
            return  # not composed yet (its own ``on_mount`` draws the first frame), or gone
        now = self._clock()
        snapshot = self.snapshot(now)
        if snapshot is None:
            return
        self._show(snapshot)
        if snapshot.state == "running":
            delay = next_change(snapshot)
            self._redraw = self._scheduler.call_at(now + delay, self.redraw)

    def _show(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        paused = snapshot.state == "paused"
        look = (step.kind, step.mode, paused)
        if look != self._look:  # a change of class restyles the screen: once, only when needed
            self._look = look
            self.update_classes(look_classes(step, paused))
            clock = self._widget("#clock", BigClock)
            clock.share = REP_DIGITS_SHARE if step.mode == "reps" else DIGITS_SHARE
            clock.refresh()
            self._widget("#count", BlockText).share = 0.2 if step.mode == "reps" else 0.15
            self._osd(paused)
        band = self._widget("#phase", Static)
        width = band.content_size.width
        if paused:
            text = paused_band(snapshot.session_elapsed, width, self.paused_note)
        else:
            text = banner(step)
        self._set("#phase", text)
        self._set("#position", position(step, len(self.timeline)))
        clock = self._widget("#clock", BigClock)
        clock.template = clock_template(step)
        clock.text = clock_text(snapshot)
        self._block("#count", big_count(snapshot))
        self._block("#step-name", now_text(snapshot))
        self._set("#step-detail", detail_text(snapshot), layout=True)  # it wraps: lines vary
        self._set("#next-up", next_text(snapshot.next_step))
        ghost = ghost_now(snapshot, self.ghost_choice, self.ghost, self.split)
        self._set("#ghost", ghost)
        self._widget("#ghost", Static).set_class(bool(ghost), "-shown")
        self._widget("#progress", ProgressLine).progress = snapshot.progress
        self._set(
            "#totals",
            f"elapsed {format_clock(snapshot.session_elapsed)}    "
            f"remaining {format_clock(math.ceil(snapshot.session_remaining))}",
        )

    def show_split(self) -> None:
        """The last split, big, coloured for ahead or behind; nothing without a ghost."""
        if not self.is_mounted:
            return
        widget = self._widget("#split", BlockText)
        split = self.split if self.ghost is not None else None
        widget.text = "" if split is None else split_big(split)
        widget.set_class(split is not None and split.seconds <= -0.5, "-ahead")
        widget.set_class(split is not None and split.seconds >= 0.5, "-behind")

    def dress(self, step: Step) -> None:
        """Wear the classes of ``step`` before the screen is first styled, so that its first
        frame is styled once, not styled and then restyled for the step."""
        self.update_classes(look_classes(step, paused=False), update=False)

    def _widget(self, selector: str, kind: type[W]) -> W:
        """A widget of the screen, looked up once: the screen is drawn every second."""
        found = self._found.get(selector)
        if found is None:
            found = self._found[selector] = self.query_one(selector, kind)
        assert isinstance(found, kind)
        return found

    def _set(self, selector: str, text: str, layout: bool = False) -> None:
        widget = self._widget(selector, Static)
        content = plain(text)
        if widget.content != content:
            widget.update(content, layout=layout)

    def _block(self, selector: str, text: str) -> None:
        widget = self._widget(selector, BlockText)
        if widget.text != text:
            widget.text = text


def look_classes(step: Step, paused: bool) -> dict[str, bool]:
    """The screen's classes for ``step``: its phase, how it runs, and whether it is paused."""
    classes = {f"-{kind}": step.kind == kind for kind in PHASE_TITLES}
    classes |= {f"-{mode}": step.mode == mode for mode in ("reps", "amrap")}
    return {**classes, "-paused": paused}
