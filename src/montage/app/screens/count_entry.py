"""Asks what was actually done in a finished rep step or AMRAP: reps or rounds, and a load."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from montage.app.plain_text import plain
from montage.session.counts import parse_count
from montage.session.timeline import Step

Count = tuple[int, str | None]
"""A typed count and the load typed with it."""


class CountScreen(ModalScreen[Count | None]):
    """Takes ``12`` or ``12 @ 20kg`` for a step; dismissed with None when skipped (Esc).

    The session runs on underneath: the timer does not wait for the answer.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "skip", "Skip")]

    def __init__(self, step: Step) -> None:
        """Ask for ``step``'s count.

        Args:
            step: The finished rep step or AMRAP.
        """
        super().__init__(classes="count-entry")
        self.step = step

    def compose(self) -> ComposeResult:
        what = "rounds" if self.step.mode == "amrap" else "reps"
        with Vertical(id="count-box"):
            yield Static(
                plain(f"{self.step.name}: {what} done?"), id="count-question", markup=False
            )
            planned = str(self.step.reps) if self.step.reps else ""
            yield Input(planned, placeholder="12  or  12 @ 20kg", id="count-input", max_length=40)
            yield Static("enter  keep      esc  skip", id="count-keys", markup=False)

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        typed = parse_count(message.value)
        if typed is None:
            self.query_one("#count-keys", Static).update("a number, like 12 or 12 @ 20kg")
            return
        self.dismiss(typed)

    def action_skip(self) -> None:
        """Close without keeping anything."""
        self.dismiss(None)
