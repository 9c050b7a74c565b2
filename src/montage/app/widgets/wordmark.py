"""The MONTAGE wordmark: chrome and sunset block letters over an outrun horizon."""

from __future__ import annotations

from typing import ClassVar

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from montage.app.widgets.block_text import centred
from montage.app.widgets.letters import draw, rows_for, word_width
from montage.app.widgets.paint import (
    Palette,
    component_ink,
    gradient,
    gradient_line,
    ink,
    paint,
)

WORD = "MONTAGE"
"""What the wordmark says."""

RISING = "\N{BOX DRAWINGS LIGHT DIAGONAL UPPER RIGHT TO LOWER LEFT}"
FALLING = "\N{BOX DRAWINGS LIGHT DIAGONAL UPPER LEFT TO LOWER RIGHT}"
"""The lines of the floor left and right of the middle, running towards the viewer."""

STOPS = tuple(f"wordmark--{number}" for number in range(1, 6))
"""The component classes of the letters' colours, top to bottom."""


def horizon(width: int, rows: int) -> list[str]:
    """An outrun grid floor as lines of text: the horizon, then lines running from a
    vanishing point in its middle towards the viewer, crossed by lines coming nearer.

    Args:
        width: Columns across.
        rows: Lines down, the horizon's included.
    """
    lines = ["━" * width]
    centre = width // 2
    for row in range(1, rows):
        cells = ["─" if row % 2 == 0 else " "] * width
        spread = 3 * row * row + 3
        for number in range(-(centre // spread) - 1, centre // spread + 2):
            x = centre + number * spread
            if 0 <= x < width:
                cells[x] = "│" if number == 0 else RISING if number < 0 else FALLING
        lines.append("".join(cells))
    return lines


class Wordmark(Widget):
    """MONTAGE in block letters as big as the screen allows (5 to 7 lines), coloured down
    the rows from chrome to sunset, with an outrun horizon under it on a tall screen; one
    spaced line on a small one."""

    DEFAULT_CSS = """
    Wordmark {
        width: 100%;
        height: auto;
        text-style: bold;
    }
    Wordmark > .wordmark--1 { color: #e9f6ff; }
    Wordmark > .wordmark--2 { color: #7fb2ff; }
    Wordmark > .wordmark--3 { color: #ff8c2e; }
    Wordmark > .wordmark--4 { color: #ff2a8a; }
    Wordmark > .wordmark--5 { color: #9b3dff; }
    Wordmark > .wordmark--horizon { color: #ff2a8a; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {*STOPS, "wordmark--horizon"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strips: tuple[Strip, ...] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None

    def on_resize(self) -> None:
        self._strips = None

    def layout_for(self, width: int, screen: Size) -> tuple[int, int]:
        """The letters' scale (0 for one line of text) and the horizon's lines."""
        floor = 5 if screen.height >= 50 else 3 if screen.height >= 30 else 0
        for scale, tallest in ((2, 28), (1, 18)):
            if screen.height >= tallest and word_width(WORD, scale) <= width:
                return scale, floor
        return 0, 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The letters' lines and the horizon's."""
        scale, rows = self.layout_for(width, viewport)
        return (rows_for(1, scale) if scale else 1) + rows

    def render_line(self, y: int) -> Strip:
        """One line of the wordmark."""
        strips = self._strips if self._strips is not None else self._paint()
        return strips[y] if y < len(strips) else Strip.blank(self.size.width, self.rich_style)

    def _stops(self) -> tuple[Color, ...]:
        found = (component_ink(self, name) for name in STOPS)
        return tuple(colour for colour in found if colour is not None) or (ink(self)[1],)

    def _paint(self) -> tuple[Strip, ...]:
        width, height = self.size
        scale, rows = self.layout_for(width, self.screen.size)
        background, _ = ink(self)
        if not scale:
            self._strips = self._one_line(width, height)
            return self._strips
        letters = draw((WORD,), scale)
        word = paint(
            letters,
            width,
            len(letters),
            Palette(background, gradient(self._stops(), len(letters))),
        )
        floor: list[Strip] = []
        if rows:
            colour = component_ink(self, "wordmark--horizon") or ink(self)[1]
            style = Style(color=colour, bgcolor=background, bold=True)
            floor = [Strip([Segment(line, style)], width) for line in horizon(width, rows)]
        self._strips = (*word, *floor)
        return self._strips

    def _one_line(self, width: int, height: int) -> tuple[Strip, ...]:
        segments = gradient_line(WORD, self._stops(), self.rich_style.bgcolor)
        strips = [Strip.blank(width, self.rich_style)] * height
        if height:
            strips[0] = centred(segments, width, self.rich_style)
        return tuple(strips)
