"""Colour packed pixel lines into strips: lit, unlit and background, a grid, scanlines.

The colours come from the widget's styles (and so from the theme); the strips
are made once for a drawing, a size and a set of colours, and kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from montage.app.widgets.pixels import LIT, OFF, UNLIT, Line, line_width

GRID_COLUMNS = 8
"""Columns between the lines of a grid."""
GRID_ROWS = 4
"""Rows between the lines of a grid, and the height of a plank."""
PLANK_LENGTH = 28
"""Columns between the joints of a plank."""


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours a drawing is painted in."""

    background: Color
    """Behind everything."""
    lit: tuple[Color, ...]
    """Lit pixels: one colour, or one for each line of the drawing (a gradient)."""
    unlit: Color | None = None
    """Dark segments; None draws them as the background."""
    grid: Color | None = None
    """The colour of the texture drawn in the empty cells; None for none."""
    texture: str = "grid"
    """``grid`` (a lab's graph paper) or ``planks`` (a barn's wall)."""
    scan: Color | None = None
    """The background of every other row (scanlines); None for none."""
    bold: bool = False
    """Whether text drawn in place of pixels is bold."""


@lru_cache(maxsize=64)
def texture_row(texture: str, width: int, y: int) -> str:
    """A texture's characters across row ``y``: graph paper, or planks with staggered joints."""
    if texture == "planks":
        if y % GRID_ROWS == GRID_ROWS - 1:
            return "▁" * width
        if y % GRID_ROWS != 1:
            return " " * width
        offset = (y // GRID_ROWS) * 11 % PLANK_LENGTH
        return "".join("│" if (x + offset) % PLANK_LENGTH == 0 else " " for x in range(width))
    across = y % GRID_ROWS == GRID_ROWS // 2
    cells = []
    for x in range(width):
        down = x % GRID_COLUMNS == GRID_COLUMNS // 2
        cells.append("┼" if across and down else "─" if across else "│" if down else " ")
    return "".join(cells)


@lru_cache(maxsize=3)
def paint(lines: tuple[Line, ...], width: int, height: int, palette: Palette) -> tuple[Strip, ...]:
    """Paint a drawing centred in ``width`` by ``height`` cells.

    Args:
        lines: The packed drawing; cut at the edges if it is bigger than the room.
        width: Cells across.
        height: Lines down.
        palette: The colours.

    Returns:
        One strip per line, each ``width`` cells long.
    """
    drawn = max((line_width(line) for line in lines), default=0)
    top = (height - len(lines)) // 2
    left = max(0, (width - drawn) // 2)
    strips = []
    styles: dict[tuple[Color | None, Color | None], Style] = {}
    for y in range(height):
        row = y - top
        line = lines[row] if 0 <= row < len(lines) else ()
        lit = palette.lit[min(max(row, 0), len(palette.lit) - 1)] if palette.lit else None
        strips.append(_paint_row(line, left, width, y, lit, palette, styles))
    return tuple(strips)


def _paint_row(
    line: Line,
    left: int,
    width: int,
    y: int,
    lit: Color | None,
    palette: Palette,
    styles: dict[tuple[Color | None, Color | None], Style],
) -> Strip:
    """One line of a drawing, ``left`` cells in, on the row ``y`` of the room; ``styles``
    keeps the styles made, for the other rows."""
    back = palette.scan if palette.scan is not None and y % 2 else palette.background
    colours = {OFF: back, UNLIT: palette.unlit or back, LIT: lit or back}
    texture = texture_row(palette.texture, width, y) if palette.grid is not None else None

    def style(front: Color | None, behind: Color | None) -> Style:
        made = styles.get((front, behind))
        if made is None:
            made = styles[front, behind] = Style(color=front, bgcolor=behind)
        return made

    empty = style(palette.grid, back)
    segments: list[Segment] = []
    x = 0
    for text, front, behind in ((" " * left, OFF, OFF), *line, (" " * width, OFF, OFF)):
        end = min(width, x + len(text))
        if end <= x:
            continue
        if front == OFF and behind == OFF:
            filler = texture[x:end] if texture is not None else " " * (end - x)
            segments.append(Segment(filler, empty))
        else:
            segments.append(Segment(text[: end - x], style(colours[front], colours[behind])))
        x = end
    return Strip(segments, width).simplify()


def gradient(stops: Sequence[Color], count: int) -> tuple[Color, ...]:
    """``count`` colours running evenly through ``stops``, top to bottom.

    Args:
        stops: The colours to pass through, in order (at least one).
        count: How many colours to make.
    """
    if count <= 1 or len(stops) == 1:
        return (stops[0],) * max(1, count)
    made = []
    for index in range(count):
        where = index / (count - 1) * (len(stops) - 1)
        low = min(int(where), len(stops) - 2)
        part = where - low
        made.append(_mix(stops[low], stops[low + 1], part))
    return tuple(made)


def _mix(first: Color, second: Color, part: float) -> Color:
    a, b = first.get_truecolor(), second.get_truecolor()
    return Color.from_rgb(*(round(x + (y - x) * part) for x, y in zip(a, b, strict=True)))


def ink(widget: Widget) -> tuple[Color, Color]:
    """A widget's background and its text colour over it, as solid colours."""
    _, _, background, colour = widget.colors
    return background.rich_color, (background + colour).rich_color


def component_ink(widget: Widget, name: str) -> Color | None:
    """The colour a component class of ``widget`` gives, over its background; None when the
    theme leaves it transparent (the part is not drawn)."""
    colour = widget.get_component_styles(name).color
    if colour.a == 0:
        return None
    return (widget.colors[2] + colour).rich_color


def gradient_line(text: str, stops: Sequence[Color], background: Color | None) -> list[Segment]:
    """``text`` in bold spaced capitals, coloured along through ``stops``: a title card on
    a screen too small for block letters."""
    spaced = " ".join(text.upper())
    colours = gradient(stops, len(spaced))
    return [
        Segment(char, Style(color=colour, bgcolor=background, bold=True))
        for char, colour in zip(spaced, colours, strict=True)
    ]
