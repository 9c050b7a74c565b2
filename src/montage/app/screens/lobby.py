"""The class's lobby: the join code in big digits, where to join, and who has joined."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from montage.app.commands import LOBBY_COMMANDS, bindings
from montage.app.plain_text import plain
from montage.app.widgets.big_clock import BigClock
from montage.workout.catalogue import Entry


class LobbyScreen(Screen[None]):
    """Waits for the athletes; Enter starts the class's session.

    Args:
        entry: The class's workout.
        code: The join code.
        where: How followers reach the class, a line each.
    """

    BINDINGS = bindings(LOBBY_COMMANDS)
    COMMAND_LIST = LOBBY_COMMANDS

    DEFAULT_CSS = """
    LobbyScreen #lobby-code { height: 1fr; max-height: 9; }
    LobbyScreen #lobby-athletes { height: auto; margin-top: 1; }
    """

    class Start(Message):
        """The coach starts the class."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry
            """The class's workout."""

    def __init__(self, entry: Entry, code: str, where: Sequence[str]) -> None:
        super().__init__(id="summary")
        self.entry = entry
        self.code = code
        self.where = tuple(where)

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Static("CLASS - JOIN CODE", id="summary-title", markup=False)
            yield BigClock(id="lobby-code")
            yield Static(plain(self.entry.name), id="summary-workout", markup=False)
            yield Static(plain("\n".join(self.where)), markup=False)
            yield Static(id="lobby-athletes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(BigClock).text = f"{self.code[:3]} {self.code[3:]}"
        self.show_athletes([])

    def show_athletes(self, names: Sequence[str]) -> None:
        """Show who has joined."""
        if not self.is_mounted:
            return
        joined = f"{len(names)} joined: " + ", ".join(names) if names else "Nobody has joined yet."
        self.query_one("#lobby-athletes", Static).update(plain(joined))

    def action_start(self) -> None:
        """Start the class's session."""
        self.post_message(self.Start(self.entry))

    def action_quit(self) -> None:
        """End the class."""
        self.app.exit()
