"""Every key of the screen underneath, with what it does: opened with ``?``."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from montage.app.commands import EVERYWHERE, HELP_COMMANDS, Command, bindings, key_names
from montage.app.plain_text import plain

PAD = "    "
"""What a key's description is indented by, on a line of its own."""


class HelpScreen(ModalScreen[None]):
    """The keys of a screen, over it; Esc or ``?`` closes. A session runs on underneath."""

    BINDINGS = bindings(HELP_COMMANDS)
    COMMAND_LIST = HELP_COMMANDS

    def __init__(self, title: str, commands: Sequence[Command], note: str = "") -> None:
        """List ``commands``.

        Args:
            title: What the screen underneath is.
            commands: Its commands, in the order its footer shows them.
            note: A line under the keys.
        """
        super().__init__(id="help")
        self.title_text = title
        self.commands = commands
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(plain(f"KEYS  ·  {self.title_text.upper()}"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(id="help-keys")
                if self.note:
                    yield Static(plain(self.note), id="help-note")
        yield Footer()

    def on_resize(self) -> None:
        # the box's border and padding take 6 columns
        text = keys_text([*self.commands, *EVERYWHERE], self.size.width - 6)
        self.query_one("#help-keys", Static).update(plain(text))

    def action_close(self) -> None:
        """Back to the screen underneath."""
        self.dismiss(None)


def keys_text(commands: Sequence[Command], width: int = 200) -> str:
    """Each command on a line: its keys, its name and what it does, in columns; on a
    narrow screen what it does goes on a line of its own under them.

    Args:
        commands: The commands, in order.
        width: Columns for the text.
    """
    rows = [(key_names(command), command.label, command.help) for command in commands]
    keys = max((len(key) for key, _, _ in rows), default=0)
    labels = max((len(label) for _, label, _ in rows), default=0)
    if keys + labels + 6 + max((len(about) for _, _, about in rows), default=0) <= width:
        return "\n".join(f"{k:<{keys}}   {n:<{labels}}   {about}" for k, n, about in rows)
    lines = []
    for key, name, about in rows:
        lines.append(f"{key:<{keys}}   {name}")
        lines += textwrap.wrap(about, max(10, width), initial_indent=PAD, subsequent_indent=PAD)
    return "\n".join(lines)


def toggle_help(app: App[None]) -> None:
    """Open the keys of ``app``'s current screen over it; close them when they are open."""
    screen = app.screen
    if isinstance(screen, HelpScreen):
        screen.dismiss(None)
        return
    title = getattr(screen, "HELP_TITLE", "montage")
    note = getattr(screen, "HELP_NOTE", "")
    app.push_screen(HelpScreen(title, getattr(screen, "COMMAND_LIST", ()), note))
