"""A one-line progress bar drawn in eighths of a cell, cheap to redraw."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_EIGHTHS = " ▏▎▍▌▋▊▉"


class ProgressLine(Widget):
    """Shows how far through something is, from 0 to 1, to an eighth of a cell."""

    DEFAULT_CSS = """
    ProgressLine {
        width: 1fr;
        height: 1;
        background: $panel;
        color: $primary;
    }
    """

    progress: reactive[float] = reactive(0.0, layout=False)
    """How far, 0 to 1."""

    def render(self) -> Text:
        """Draw the filled part, then the partly filled cell."""
        width = self.content_size.width
        eighths = round(max(0.0, min(1.0, self.progress)) * width * 8)
        full, part = divmod(eighths, 8)
        bar = "█" * full + (_EIGHTHS[part] if part and full < width else "")
        return Text(bar.ljust(width))
