"""The session screen: runs a session's engine, steers it with the keys, races the ghost."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from textual import on, work
from textual.message import Message

from montage.app.commands import SESSION_COMMANDS, bindings
from montage.app.scheduler import Cancellable, Scheduler
from montage.app.screens.session_view import SessionView
from montage.session.engine import Clock, Engine, Snapshot
from montage.session.events import (
    Event,
    Listener,
    RoundFinished,
    SessionFinished,
    StepFinished,
    StepStarted,
)
from montage.session.timeline import Timeline

if TYPE_CHECKING:
    # the log's and the ghost's modules load with the first ghost read, off the first frame
    from montage.log.reading import LogService
    from montage.session.ghost import GhostChoice, GhostMatch, Race

Listeners = Sequence[Listener] | Callable[[], Sequence[Listener]]
"""A session's listeners, or a function making them once its first frame is drawn."""

GhostReader: TypeAlias = "Callable[[GhostChoice], tuple[GhostMatch | None, str | None]]"
"""Reads a session's ghost from the log (on a worker thread): the ghost matched to the
timeline, or None; and why the log could not be read, if it could not."""


def ghosts_in(log: Callable[[], LogService], timeline: Timeline) -> GhostReader:
    """Reads the ghost of a session of ``timeline`` from the log that ``log`` gives (asked
    for on the worker thread, so that the log's modules load there)."""

    def read(choice: GhostChoice) -> tuple[GhostMatch | None, str | None]:
        from montage.racing import find_ghost  # loaded as the session starts

        return find_ghost(log(), timeline, choice)

    return read


class SessionScreen(SessionView):
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
        listeners: Listeners = (),
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
        super().__init__(timeline, clock, scheduler)
        self.engine = Engine(timeline, clock)
        self.dress(self.engine.step)
        self._wire = listeners if callable(listeners) else None
        self._listeners: Sequence[Listener] = () if callable(listeners) else listeners
        self._due: Cancellable | None = None
        self._finished: SessionFinished | None = None
        self._ghosts = ghosts
        self.ghost_choice = ghost if ghosts is not None else "none"

    def snapshot(self, now: float) -> Snapshot:
        """The engine's state at ``now``."""
        return self.engine.snapshot(now)

    @property
    def ended(self) -> bool:
        """Whether the session has finished."""
        return self._finished is not None

    def on_mount(self) -> None:
        self.redraw()  # the first frame: the session as it will start
        self.announce(self.engine.step, first=True)
        self.call_after_refresh(self._begin)

    def _begin(self) -> None:
        """Read the ghost, make the session's sound and log, and start the session: once the
        first frame is drawn, so that none of it holds that frame back."""
        if self.ghost_choice != "none":
            self._read_ghost(self.ghost_choice)
        if self._wire is not None:
            self._listeners, self._wire = tuple(self._wire()), None
        self._apply(self.engine.start())

    def on_unmount(self) -> None:
        super().on_unmount()
        if self._due is not None:
            self._due.cancel()

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

    def stop_now(self) -> None:
        """Stop the session at once, without asking (the app is being ended)."""
        self._apply(self.engine.stop())

    # ----------------------------------------------------------------- ghost

    def action_cycle_ghost(self) -> None:
        """Race the best finished session, the last one, or no one: the next each time."""
        if self._ghosts is None:
            self.notify("No progress log: no ghost to race.", timeout=2)
            return
        from montage.session.ghost import next_choice

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
        from montage.session.ghost import splits  # loaded by the read

        self.ghost = message.match
        found = splits(self.ghost, self.engine.results) if self.ghost is not None else []
        self.split = found[-1] if found else None
        if message.tell:
            from montage.racing import ghost_intro

            self.notify(ghost_intro(message.choice, message.match), timeout=3)
        if self.ghost is not None and (note := self.ghost.note()) is not None:
            self.notify(note, severity="warning", timeout=4)
        self.show_split()
        self.redraw()

    def race(self) -> Race | None:
        """How the race against the ghost went (so far); None without a ghost."""
        if self.ghost is None:
            return None
        from montage.session.ghost import race as race_so_far

        return race_so_far(self.ghost, self.engine.results)

    # ---------------------------------------------------------------- timing

    def _apply(self, events: list[Event]) -> None:
        """Act on the engine's events, then wait for its next deadline."""
        for event in events:
            for listener in self._listeners:
                listener(event)
            if isinstance(event, StepStarted):
                self.announce(event.step)
            elif isinstance(event, RoundFinished):
                self.title_card(f"Round {event.rounds + 1}")
            elif isinstance(event, StepFinished) and self.ghost is not None:
                from montage.session.ghost import split_at

                split = split_at(self.ghost, self.engine.results, event.result.step)
                if split is not None:
                    self.split = split
                    self.show_split()
            elif isinstance(event, SessionFinished):
                self._finished = event
        self._arm()
        if events:
            self.changed(self.engine.snapshot())
        if self._finished is not None:
            while self.app.screen is not self and self in self.app.screen_stack:
                self.app.pop_screen()  # a question left open is moot now
            self.dismiss(self._finished)
            return
        self.redraw()

    def changed(self, snapshot: Snapshot) -> None:
        """The session has just changed (a step, a move, a pause): ``snapshot`` is its state.

        Nothing happens here; a class's coach screen publishes it to the followers.
        """

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
