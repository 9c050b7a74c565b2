"""Every key of the screen underneath, with what it does: opened with ``?``."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from montage.app.commands import EVERYWHERE, HELP_COMMANDS, Command, bindings, key_names
from montage.app.plain_text import plain


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
            yield Static(plain(keys_text([*self.commands, *EVERYWHERE])), id="help-keys")
            if self.note:
                yield Static(plain(self.note), id="help-note")
        yield Footer()

    def action_close(self) -> None:
        """Back to the screen underneath."""
        self.dismiss(None)


def keys_text(commands: Sequence[Command]) -> str:
    """Each command on a line: its keys, its name and what it does, in columns."""
    rows = [(key_names(command), command.label, command.help) for command in commands]
    keys = max((len(key) for key, _, _ in rows), default=0)
    labels = max((len(label) for _, label, _ in rows), default=0)
    return "\n".join(f"{key:<{keys}}   {label:<{labels}}   {about}" for key, label, about in rows)
