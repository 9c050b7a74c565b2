"""A follower's app: joins a coach's class and shows its session, step for step.

The app knows nothing of networks: a ``ClassLink`` joins the class and gives
the coach's session as a snapshot at any moment of this machine's clock. No
engine runs here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from textual import events, on
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from montage.app.commands import FOLLOW_COMMANDS, bindings
from montage.app.plain_text import plain
from montage.app.scenes import Scenes
from montage.app.scheduler import LoopScheduler, Scheduler
from montage.app.screens.session_view import SessionView
from montage.app.theme import PHASE_DEFAULTS
from montage.app.widgets.whiteboard import WHITEBOARD_WIDTH, Standing, Whiteboard
from montage.safe_text import visible
from montage.session.engine import Clock, Snapshot
from montage.session.timeline import Step, Timeline
from montage.settings import Settings


class JoinRefused(Exception):
    """The coach could not be reached, or would not take this follower; the text says why."""


class ClassLink(Protocol):
    """A follower's connection to its coach."""

    timeline: Timeline | None
    """The class's workout, once joined."""
    standings: list[Standing]
    """The whiteboard, the athlete ahead first."""
    closed: str | None
    """Why the class ended for this follower; None while it goes on."""
    on_change: Callable[[], None] | None
    """Called when the session, the whiteboard or the connection changes."""

    async def join(self, code: str, name: str) -> None:
        """Join the class.

        Raises:
            JoinRefused: The class would not take this follower.
        """

    def snapshot(self, now: float) -> Snapshot | None:
        """The coach's session at this clock's ``now``."""

    def count_step(self) -> Step | None:
        """The finished step a count belongs to now."""

    def send_count(self, step: Step, count: int, load: str | None) -> None:
        """Send this athlete's count for a finished step."""


class FollowScreen(SessionView):
    """The coach's session, drawn from the class link; the whiteboard at the right."""

    BINDINGS = bindings(FOLLOW_COMMANDS)
    COMMAND_LIST = FOLLOW_COMMANDS
    DEFAULT_CSS = """
    FollowScreen Whiteboard { dock: right; }
    FollowScreen.-narrow Whiteboard { display: none; }
    """
    paused_note = "the coach has paused the class"

    def __init__(self, link: ClassLink, clock: Clock, scheduler: Scheduler) -> None:
        assert link.timeline is not None
        super().__init__(link.timeline, clock, scheduler)
        self.link = link
        self._step: int | None = None
        self._asked: Step | None = None

    def snapshot(self, now: float) -> Snapshot | None:
        """The coach's session now."""
        return self.link.snapshot(now)

    def card_width(self, width: int) -> int | None:
        """A title card leaves the whiteboard free."""
        return max(1, width - WHITEBOARD_WIDTH)

    def compose(self) -> ComposeResult:
        yield Whiteboard(id="whiteboard")
        yield from super().compose()

    def on_mount(self) -> None:
        self._show_change()

    def changed(self) -> None:
        """The coach published something: show it, and ask for a count when one is due."""
        if self.is_mounted:
            self._show_change()

    def _show_change(self) -> None:
        self.query_one(Whiteboard).show(self.link.standings)
        if self.link.closed is not None:
            self.query_one("#phase", Static).update(plain(f"CLASS OVER - {self.link.closed}"))
            self.title_card("Complete")
            return
        snapshot = self.link.snapshot(self._clock())
        if snapshot is None:
            self.query_one("#phase", Static).update("WAITING FOR THE COACH TO START")
            return
        if snapshot.step.index != self._step:
            self._step = snapshot.step.index
            self.announce(snapshot.step)
        if snapshot.state == "finished":
            self.title_card("Complete")
        wanted = self.link.count_step()
        if wanted is not None and wanted is not self._asked:
            self._asked = wanted
            self.action_count()
        self.redraw()

    def action_count(self) -> None:
        """Ask for this athlete's count of the last rep step or AMRAP, and send it."""
        from montage.app.screens.count_entry import Count, CountScreen

        step = self.link.count_step()
        if step is None:
            self.notify("Nothing to count yet: after a rep step or an AMRAP.", timeout=3)
            return
        if isinstance(self.app.screen, CountScreen):
            return

        def send(count: Count | None) -> None:
            if count is not None:
                self.link.send_count(step, *count)
                self.notify(f"Sent: {count[0]}", timeout=2)

        self.app.push_screen(CountScreen(step), send)

    def action_leave(self) -> None:
        """Leave the class."""
        self.app.exit()


class FollowApp(App[None]):
    """montage following a coach's class.

    Args:
        settings: The user's settings (the theme).
        link: The connection to the coach.
        name: The athlete's name; asked for when None.
        code: The join code; asked for when None.
        clock: This machine's monotonic clock.
        scheduler: Calls back at its moments.
    """

    CSS_PATH = str(Path(__file__).with_name("montage.tcss"))
    TITLE = "montage class"

    def __init__(
        self,
        settings: Settings,
        link: ClassLink,
        name: str | None = None,
        code: str | None = None,
        clock: Clock = time.monotonic,
        scheduler: Scheduler | None = None,
    ) -> None:
        super().__init__()
        self.link = link
        self._name = name
        self._code = code
        self.clock = clock
        self.scheduler = scheduler or LoopScheduler()
        self.scenes = Scenes(self, settings.theme)
        self.theme = settings.theme if settings.theme in self.available_themes else "montage"

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Phase colours for the themes that do not set them."""
        return dict(PHASE_DEFAULTS)

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Static("JOIN THE CLASS", id="summary-title", markup=False)
            yield Input(self._name or "", placeholder="your name", id="join-name", max_length=24)
            yield Input(self._code or "", placeholder="join code", id="join-code", max_length=12)
            yield Static("enter  join      esc  leave", id="join-note", markup=False)
        yield Footer()

    async def on_mount(self) -> None:
        self.link.on_change = self._link_changed
        if self.link.timeline is not None:  # joined already, from the command line
            await self._follow()
        elif self._name and self._code:
            await self._join(self._name, self._code)
        else:
            self.query_one("#join-code" if self._name else "#join-name", Input).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and len(self.screen_stack) == 1:
            self.exit()  # from the join form; a count's question takes its own Esc

    @on(Input.Submitted)
    async def _submitted(self) -> None:
        name = self.query_one("#join-name", Input).value
        code = self.query_one("#join-code", Input).value
        if not name.strip():
            self.query_one("#join-name", Input).focus()
        elif not code.strip():
            self.query_one("#join-code", Input).focus()
        else:
            await self._join(name, code)

    async def _join(self, name: str, code: str) -> None:
        note = self.query_one("#join-note", Static)
        note.update("joining...")
        try:
            await self.link.join(code.strip(), name)
        except JoinRefused as error:
            note.update(plain(f"Not joined: {visible(str(error))}"))
            return
        await self._follow()

    async def _follow(self) -> None:
        """Show the class's session, in its workout's scene."""
        self.scenes.show(self.link.timeline)
        await self.push_screen(FollowScreen(self.link, self.clock, self.scheduler))

    def _link_changed(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, FollowScreen):
                screen.changed()
