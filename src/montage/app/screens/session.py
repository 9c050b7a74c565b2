"""The session screen: big digits, what is now and next, title cards, and the keys to steer."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from montage.app.commands import SESSION_COMMANDS, bindings
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
from montage.session.engine import Clock, Engine, Snapshot
from montage.session.events import (
    Event,
    Listener,
    RoundFinished,
    SessionFinished,
    StepFinished,
    StepStarted,
)
from montage.session.ghost import (
    GhostChoice,
    GhostMatch,
    Race,
    Split,
    next_choice,
    race,
    split_at,
    splits,
)
from montage.session.timeline import Timeline

W = TypeVar("W", bound=Widget)

TITLE_CARD_SECONDS = 2.0
"""How long a title card shows."""

DIGITS_SHARE = 0.67
"""The most of the screen's height the digits take: 40 lines of a 60-line terminal."""

REP_DIGITS_SHARE = 0.45
"""The same in a rep step, whose count-up gives way to the target reps."""

GhostReader = Callable[[GhostChoice], tuple[GhostMatch | None, str | None]]
"""Reads a session's ghost from the log (on a worker thread): the ghost matched to the
timeline, or None; and why the log could not be read, if it could not."""


class SessionScreen(Screen[SessionFinished]):
    """Runs one session; dismissed with the session's last event when it ends."""

    BINDINGS = bindings(SESSION_COMMANDS)
    COMMAND_LIST = SESSION_COMMANDS
    HELP_TITLE = "session"
    HELP_NOTE = "The session runs on underneath: Esc, then space, pauses it."

    class GhostRead(Message):
        """The ghost to race was read from the log."""

        def __init__(
            self,
            choice: GhostChoice,
            match: GhostMatch | None,
            problem: str | None,
            tell: bool = False,
        ) -> None:
            super().__init__()
            self.choice = choice
            """The choice it was read for; a read for an older choice is dropped."""
            self.match = match
            """The ghost matched to the timeline, or None."""
            self.problem = problem
            """Why the log could not be read, if it could not."""
            self.tell = tell
            """Whether to say who is raced now (the user changed it)."""

    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        scheduler: Scheduler,
        listeners: Sequence[Listener] | Callable[[], Sequence[Listener]] = (),
        ghosts: GhostReader | None = None,
        ghost: GhostChoice = "best",
    ) -> None:
        """Prepare a session of ``timeline``; it starts once the screen has drawn its first
        frame (its get-ready step, as it will start).

        Args:
            timeline: The workout to run.
            clock: The monotonic clock the engine runs on.
            scheduler: Calls back at the engine's deadlines.
            listeners: Told of every event, in order, as it happens; or a function making
                them (the session's sound and log), called just before the session starts.
            ghosts: Reads the ghost to race from the log; None races no one.
            ghost: Which ghost to race first: best, last or none (``g`` changes it).
        """
        super().__init__(id="session")
        self.engine = Engine(timeline, clock)
        self._clock = clock
        self._scheduler = scheduler
        self._wire = listeners if callable(listeners) else None
        self._listeners: Sequence[Listener] = () if callable(listeners) else listeners
        self._due: Cancellable | None = None
        self._redraw: Cancellable | None = None
        self._card: Cancellable | None = None
        self._look: tuple[str, str, bool] | None = None
        self._finished: SessionFinished | None = None
        self._found: dict[str, Widget] = {}
        self._ghosts = ghosts
        self.ghost_choice: GhostChoice = ghost if ghosts is not None else "none"
        """Which ghost the session races."""
        self.ghost: GhostMatch | None = None
        """The ghost raced, matched to the timeline, once read."""
        self.split: Split | None = None
        """The split at the end of the last step the ghost has too."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-top"):
            yield Static(plain(self.engine.timeline.name), id="workout-name", markup=False)
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

    def on_mount(self) -> None:
        self.redraw()  # the first frame: the session as it will start
        step = self.engine.step
        if (card := card_for(step, None)) is not None:
            self._title(*card)
        self.call_after_refresh(self._begin)
        if self.ghost_choice != "none":
            self._read_ghost(self.ghost_choice)

    def _begin(self) -> None:
        """Make the session's sound and log, and start it."""
        if self._wire is not None:
            self._listeners, self._wire = tuple(self._wire()), None
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

        from montage.app.screens.confirm import ConfirmScreen  # loaded when first wanted

        question = ConfirmScreen(
            "Stop this session?", "The steps you finished are kept.", yes="stop", no="keep going"
        )
        self.app.push_screen(question, answered)

    def action_cycle_ghost(self) -> None:
        """Race the best finished session, the last one, or no one: the next each time."""
        if self._ghosts is None:
            self.notify("No progress log: no ghost to race.", timeout=2)
            return
        self.ghost_choice = next_choice(self.ghost_choice)
        self._read_ghost(self.ghost_choice, tell=True)

    @work(thread=True, exclusive=True, group="ghost")
    def _read_ghost(self, choice: GhostChoice, tell: bool = False) -> None:
        assert self._ghosts is not None
        match, problem = self._ghosts(choice)
        self.post_message(self.GhostRead(choice, match, problem, tell))

    @on(GhostRead)
    def _ghost_read(self, message: GhostRead) -> None:
        if message.choice != self.ghost_choice:
            return
        if message.problem is not None:
            self.notify(message.problem, severity="warning")
        self.ghost = message.match
        found = splits(self.ghost, self.engine.results) if self.ghost is not None else []
        self.split = found[-1] if found else None
        if message.tell:
            from montage.wiring import ghost_intro

            self.notify(ghost_intro(message.choice, message.match), timeout=3)
        if self.ghost is not None and (note := self.ghost.note()) is not None:
            self.notify(note, severity="warning", timeout=4)
        self._show_split()
        self.redraw()

    def race(self) -> Race | None:
        """How the race against the ghost went (so far); None without a ghost."""
        return None if self.ghost is None else race(self.ghost, self.engine.results)

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
                self._announce(event)
            elif isinstance(event, RoundFinished):
                self._title(f"Round {event.rounds + 1}")
            elif isinstance(event, StepFinished) and self.ghost is not None:
                split = split_at(self.ghost, self.engine.results, event.result.step)
                if split is not None:
                    self.split = split
                    self._show_split()
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

    def _announce(self, event: StepStarted) -> None:
        step = event.step
        opens = self.engine.timeline.new_round(step)
        card = card_for(step, (opens.number, opens.of) if opens is not None else None)
        if card is not None:
            self._title(*card)
        elif self._card is not None:
            self._hide_card()

    def _title(self, text: str, in_letters: bool = False) -> None:
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
            delay = next_change(snapshot)
            self._redraw = self._scheduler.call_at(now + delay, self.redraw)

    def _show(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        paused = snapshot.state == "paused"
        look = (step.kind, step.mode, paused)
        if look != self._look:  # a change of class restyles the screen: once, only when needed
            self._look = look
            classes = {f"-{kind}": step.kind == kind for kind in PHASE_TITLES}
            classes |= {f"-{mode}": step.mode == mode for mode in ("reps", "amrap")}
            self.update_classes({**classes, "-paused": paused})
            clock = self._widget("#clock", BigClock)
            clock.share = REP_DIGITS_SHARE if step.mode == "reps" else DIGITS_SHARE
            clock.refresh()
            self._widget("#count", BlockText).share = 0.2 if step.mode == "reps" else 0.15
            self._osd(paused)
        band = self._widget("#phase", Static)
        width = band.content_size.width
        text = paused_band(snapshot.session_elapsed, width) if paused else banner(step)
        self._set("#phase", text)
        self._set("#position", position(step, len(self.engine.timeline)))
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

    def _show_split(self) -> None:
        """The last split, big, coloured for ahead or behind; nothing without a ghost."""
        if not self.is_mounted:
            return
        widget = self._widget("#split", BlockText)
        split = self.split if self.ghost is not None else None
        widget.text = "" if split is None else split_big(split)
        widget.set_class(split is not None and split.seconds <= -0.5, "-ahead")
        widget.set_class(split is not None and split.seconds >= 0.5, "-behind")

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
