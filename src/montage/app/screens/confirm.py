"""A yes-or-no question over the current screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Asks a question; dismissed with True for yes (enter, y) and False for no (escape).

    No other key answers: a key that means something else outside the question (``n``
    is "next" in a session) must not answer it by surprise.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "answer(True)", "Yes"),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "yes", no: str = "no") -> None:
        """Ask ``question``.

        Args:
            question: The question, answered yes or no.
            detail: A line under it.
            yes: What saying yes does, in a word or two.
            no: What saying no does.
        """
        super().__init__(classes="confirm")
        self._question = question
        self._detail = detail
        self._keys = f"enter  {yes}      esc  {no}"

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self._question, id="confirm-question", markup=False)
            yield Static(self._detail, id="confirm-detail", markup=False)
            yield Static(self._keys, id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
