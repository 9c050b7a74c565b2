"""Big seven-segment digits that fill the room they are given."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from montage.app.widgets.segments import fit, render


class BigClock(Widget):
    """Shows a time such as ``12:34`` as large as its size allows, shrinking to plain text."""

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-style: bold;
    }
    """

    text: reactive[str] = reactive("0:00", layout=False)
    """The time to show: digits, ``:``, ``-`` and spaces."""

    def render(self) -> Text:
        """Draw the digits at the largest size that fits."""
        size = fit(self.text, self.content_size.width, self.content_size.height)
        if size is None:
            return Text(self.text)
        return Text("\n".join(render(self.text, size)))
