"""The coach's app in class mode: a lobby, then the session with the whiteboard beside it.

The app knows nothing of networks: it is given a ``ClassHost`` that publishes
the session to the followers and keeps their counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from textual import on
from textual.app import ComposeResult

from montage.app.app import MontageApp
from montage.app.screens.lobby import LobbyScreen
from montage.app.screens.session import Listeners, SessionScreen, ghosts_in
from montage.app.theme import WIDE
from montage.app.widgets.whiteboard import WHITEBOARD_WIDTH, Standing, Whiteboard
from montage.session.engine import Snapshot
from montage.session.timeline import Step, Timeline
from montage.settings import Settings
from montage.workout.catalogue import Entry


class ClassHost(Protocol):
    """Carries the coach's session to the followers."""

    code: str
    """The join code."""
    on_change: Callable[[], None] | None
    """Called when the athletes or their counts change."""

    def publish(self, snapshot: Snapshot, count_step: Step | None) -> None:
        """Tell the followers the session's state now."""

    def standings(self) -> list[Standing]:
        """The whiteboard, the athlete ahead first."""


class CoachSessionScreen(SessionScreen):
    """The session screen, publishing each change, with the whiteboard at the right."""

    DEFAULT_CSS = """
    CoachSessionScreen Whiteboard { dock: right; }
    CoachSessionScreen.-narrow Whiteboard { display: none; }
    """

    def __init__(
        self,
        timeline: Timeline,
        app: CoachApp,
        listeners: Listeners,
    ) -> None:
        ghosts = ghosts_in(lambda: app.log_service, timeline)
        super().__init__(timeline, app.clock, app.scheduler, listeners, ghosts, app.ghost)
        self._coach = app

    def compose(self) -> ComposeResult:
        yield Whiteboard(id="whiteboard")
        yield from super().compose()

    def card_width(self, width: int) -> int | None:
        """A title card leaves the whiteboard free, where the screen is wide enough for it."""
        return None if width < WIDE else max(1, width - WHITEBOARD_WIDTH)

    def on_mount(self) -> None:
        super().on_mount()
        self._draw_board()

    def changed(self, snapshot: Snapshot) -> None:
        """Publish the session's new state to the class."""
        self._coach.host.publish(snapshot, self._coach.count_step())

    def show_board(self) -> None:
        """Draw the whiteboard as the class stands now."""
        if self.is_mounted:
            self._draw_board()

    def _draw_board(self) -> None:
        waiting = f"Join code {self._coach.host.code}\nNo counts yet."
        self.query_one(Whiteboard).show(self._coach.host.standings(), waiting)


class CoachApp(MontageApp):
    """montage as a class's coach: one workout, the followers' screens kept in step with it.

    Args:
        settings: The user's settings.
        entry: The class's workout.
        host: Carries the session to the followers.
        where: What the class exposes, to show in the lobby.
        kwargs: Passed on to ``MontageApp``.
    """

    def __init__(
        self,
        settings: Settings,
        entry: Entry,
        host: ClassHost,
        where: Iterable[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(settings, extra=[entry], **kwargs)
        self.entry = entry
        self.host = host
        self.where = tuple(where)

    def on_mount(self) -> None:
        self.host.on_change = self._class_changed
        super().on_mount()

    def show_picker(self) -> None:
        """A class has one workout: the lobby stands where the picker would."""
        if not any(isinstance(screen, LobbyScreen) for screen in self.screen_stack):
            self.push_screen(LobbyScreen(self.entry, self.host.code, self.where))
        self._class_changed()

    def session_screen(self, timeline: Timeline, listeners: Listeners) -> SessionScreen:
        """The session screen of a class: it publishes every change."""
        return CoachSessionScreen(timeline, self, listeners)

    @on(LobbyScreen.Start)
    def _class_starts(self, message: LobbyScreen.Start) -> None:
        self.start_session(message.entry)

    def count_step(self) -> Step | None:
        """The finished step an athlete's count belongs to now."""
        return self._counts.step

    def _class_changed(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, CoachSessionScreen):
                screen.show_board()
            elif isinstance(screen, LobbyScreen):
                screen.show_athletes([s.name for s in self.host.standings()])
