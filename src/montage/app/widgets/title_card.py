"""An 80s title card ("ROUND 2") shown over the session for a moment."""

from __future__ import annotations

from textual.widgets import Static


class TitleCard(Static):
    """A big line of text on a band of colour; hidden until shown."""

    DEFAULT_CSS = """
    TitleCard {
        display: none;
        width: 100%;
        height: 5;
        content-align: center middle;
        text-style: bold;
    }
    TitleCard.-shown {
        display: block;
    }
    """

    def show_card(self, text: str) -> None:
        """Show ``text`` until ``hide_card`` is called.

        Args:
            text: What to show, e.g. ``ROUND 2``.
        """
        self.update(" ".join(text.upper()))
        self.add_class("-shown")

    def hide_card(self) -> None:
        """Hide the card."""
        self.remove_class("-shown")
