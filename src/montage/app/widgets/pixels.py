"""The half-block engine: a grid of pixels packed two rows to a line of text.

The big digits and the block letters are drawn as pixels, each off, unlit (a
segment of an LED display that is dark but visible) or lit. Two pixel rows make
one line of text: a cell shows its top pixel as ``▀`` and its bottom one as
``▄``, so a pixel is about as wide as it is tall. Each line comes out as runs of
cells that share a foreground and a background, ready to be given colours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

OFF = 0
"""A pixel not drawn."""
UNLIT = 1
"""A pixel of a dark segment, drawn dim."""
LIT = 2
"""A pixel drawn bright."""

Grid = list[list[int]]
"""Rows of pixels, each ``OFF``, ``UNLIT`` or ``LIT``."""

Run = tuple[str, int, int]
"""Cells side by side: their characters, the state drawn in front and the one behind."""

Line = tuple[Run, ...]
"""One line of text: its runs, left to right."""


def _cell(top: int, bottom: int) -> tuple[str, int, int]:
    """The character, front state and back state of a cell showing two pixels."""
    if top == bottom:
        return (" ", OFF, OFF) if top == OFF else ("█", top, OFF)
    if top > bottom:
        return "▀", top, bottom
    return "▄", bottom, top


_CELLS = {(top, bottom): _cell(top, bottom) for top in (0, 1, 2) for bottom in (0, 1, 2)}


def blank(width: int, height: int) -> Grid:
    """A grid of pixels all off."""
    return [[OFF] * width for _ in range(height)]


def join(glyphs: Sequence[Grid], gap: int, height: int) -> Grid:
    """Glyphs side by side, ``gap`` pixels apart, on a grid ``height`` pixels tall.

    Args:
        glyphs: Each glyph's pixels; a glyph shorter than ``height`` is padded below.
        gap: Pixels between neighbours.
        height: Pixel rows of the result.
    """
    rows: Grid = [[] for _ in range(height)]
    for number, glyph in enumerate(glyphs):
        width = len(glyph[0]) if glyph else 0
        for row, line in enumerate(rows):
            if number:
                line.extend([OFF] * gap)
            line.extend(glyph[row] if row < len(glyph) else [OFF] * width)
    return rows


def stack(grids: Iterable[Grid], gap: int) -> Grid:
    """Grids one under another, ``gap`` pixel rows apart, centred across the widest."""
    made = [grid for grid in grids if grid]
    width = max((len(grid[0]) for grid in made), default=0)
    rows: Grid = []
    for number, grid in enumerate(made):
        if number:
            rows.extend(blank(width, gap))
        left = (width - len(grid[0])) // 2
        for line in grid:
            rows.append([OFF] * left + line + [OFF] * (width - left - len(line)))
    return rows


def pack(grid: Grid) -> tuple[Line, ...]:
    """Pack pixel rows in pairs into lines of half-block cells.

    Args:
        grid: The pixels; an odd last row is paired with an empty one.

    Returns:
        Each line as runs of cells sharing their front and back states.
    """
    width = len(grid[0]) if grid else 0
    rows = grid if len(grid) % 2 == 0 else [*grid, [OFF] * width]
    lines: list[Line] = []
    cells = _CELLS
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        runs: list[Run] = []
        text: list[str] = []
        state: tuple[int, int] | None = None
        for pair in zip(top, bottom, strict=True):
            char, front, back = cells[pair]
            if (front, back) != state:
                if text and state is not None:
                    runs.append(("".join(text), *state))
                text = []
                state = (front, back)
            text.append(char)
        if text and state is not None:
            runs.append(("".join(text), *state))
        lines.append(tuple(runs))
    return tuple(lines)


def line_width(line: Line) -> int:
    """Cells across a packed line."""
    return sum(len(text) for text, _, _ in line)
