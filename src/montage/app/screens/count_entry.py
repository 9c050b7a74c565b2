"""Asks what was actually done in a finished rep step or AMRAP: reps or rounds, and a load."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from montage.app.plain_text import plain
from montage.session.counts import count_text, parse_count
from montage.session.timeline import Step

if TYPE_CHECKING:
    from montage.log.recorder import RecorderThread

Count = tuple[int, str | None]
"""A typed count and the load typed with it."""

NOTHING_COUNTED = "Nothing to log: no rep step or AMRAP was done in this session."
"""What ``r`` says after a session with nothing to count."""


def ask_for_count(
    app: App[None], step: Step | None, writer: RecorderThread | None, in_session: bool
) -> None:
    """Ask for the reps or rounds done in a rep step or AMRAP, and keep them in the log.

    Args:
        app: Shows the question, and says why there is none.
        step: The last rep step or AMRAP finished, if any.
        writer: The session's log writer; None when the log is off.
        in_session: Whether a session is still running (more steps may come).
    """
    if step is None:
        if in_session:
            app.notify("Nothing to log yet: press r after a rep step or an AMRAP.", timeout=3)
        else:
            app.notify(NOTHING_COUNTED, timeout=3)
    elif writer is None:
        app.notify("The progress log is off; nothing can be kept.", severity="warning")
    elif not isinstance(app.screen, CountScreen):
        counted = step

        def keep(count: Count | None) -> None:
            if count is not None:
                writer.enter_count(counted, *count)
                app.notify(f"Logged: {count_text(counted, *count)}", timeout=2)

        app.push_screen(CountScreen(step), keep)


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
