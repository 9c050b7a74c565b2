"""A small bar chart of values over time, drawn with block characters to an eighth of a cell."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_EIGHTHS = " ▁▂▃▄▅▆▇█"


def bar_heights(values: list[float], rows: int) -> list[int]:
    """Each value's bar height in eighths of a cell, for a chart ``rows`` high.

    The scale starts a little below the smallest value, so that small differences
    between similar values (a few seconds in ten minutes) still show; every bar is
    at least one eighth high.

    Args:
        values: The values, in order.
        rows: The chart's height in cells.

    Returns:
        A height from 1 to ``rows * 8`` for each value.
    """
    if not values:
        return []
    top, bottom = max(values), min(values)
    floor = max(0.0, bottom - (top - bottom) * 0.5)
    full = rows * 8
    if top <= floor:
        return [full // 2 or 1 for _ in values]
    return [max(1, round((value - floor) / (top - floor) * full)) for value in values]


class BarChart(Widget):
    """Bars for the most recent values that fit, oldest on the left; one bar can be marked."""

    DEFAULT_CSS = """
    BarChart {
        width: 1fr;
        height: 6;
        color: $secondary;
    }
    BarChart > .bar-chart--marked { color: $accent; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"bar-chart--marked"}

    values: reactive[tuple[float, ...]] = reactive(())
    """The values, oldest first."""
    marked: reactive[int | None] = reactive(None)
    """The index of a value to colour apart (the best), if any."""

    def bars(self) -> tuple[int, int, int]:
        """How many of the most recent values fit, how wide each bar is, and the gap after it.

        Bars are up to three cells wide with a gap between them; when many values
        crowd the width they narrow to one cell, and then lose their gaps.
        """
        width = self.content_size.width
        count = min(len(self.values), width)
        if count == 0:
            return 0, 0, 0
        if count * 2 - 1 > width:
            return count, 1, 0
        return count, max(1, min(3, (width + 1) // count - 1)), 1

    def render(self) -> Text:
        """Draw the bars from the bottom up."""
        rows = self.content_size.height
        count, bar, gap = self.bars()
        if count == 0 or rows == 0:
            return Text()
        start = len(self.values) - count
        heights = bar_heights(list(self.values[start:]), rows)
        marked = self.get_component_rich_style("bar-chart--marked", partial=True)
        lines = []
        for row in range(rows):
            base = (rows - 1 - row) * 8
            line = Text()
            for index, height in enumerate(heights):
                cell = _EIGHTHS[max(0, min(8, height - base))] * bar
                after = " " * gap if index < count - 1 else ""
                line.append(cell + after, marked if start + index == self.marked else "")
            lines.append(line)
        return Text("\n").join(lines)
