"""Seven-segment digits drawn with block characters, at any size.

Each digit is drawn into a grid of pixels from the segments it lights, then two
pixel rows are packed into one line of text with half blocks, so a pixel is
about as wide as it is tall. The drawing scales to whatever room there is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

_SEGMENTS = {
    "0": "abcdef",
    "1": "bc",
    "2": "abdeg",
    "3": "abcdg",
    "4": "bcfg",
    "5": "acdfg",
    "6": "acdefg",
    "7": "abc",
    "8": "abcdefg",
    "9": "abcdfg",
    "-": "g",
    " ": "",
}
"""The segments each character lights: a top, b top right, c bottom right, d bottom,
e bottom left, f top left, g middle."""

_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


@dataclass(frozen=True, slots=True)
class Size:
    """The pixel size of one digit."""

    width: int
    """Pixels across a digit."""
    height: int
    """Pixels down a digit (odd, so the middle bar sits in the middle)."""
    thickness: int
    """Pixels across a segment."""

    @property
    def rows(self) -> int:
        """Lines of text a digit takes."""
        return (self.height + 1) // 2

    def columns(self, text: str) -> int:
        """Columns of text ``text`` takes, with a one-pixel gap between characters."""
        widths = [self.thickness if char in ":." else self.width for char in text]
        return sum(widths) + max(0, len(text) - 1) * self.gap

    @property
    def gap(self) -> int:
        """Pixels between characters."""
        return max(1, self.thickness)


SIZES = (
    Size(3, 5, 1),
    Size(5, 7, 1),
    Size(6, 9, 1),
    Size(8, 13, 2),
    Size(10, 17, 2),
    Size(12, 21, 3),
    Size(16, 27, 3),
)
"""The sizes digits are drawn at, smallest first: 3 lines tall up to 14."""


def fit(text: str, columns: int, rows: int) -> Size | None:
    """Pick the largest size at which ``text`` fits in the given room.

    Args:
        text: What will be drawn.
        columns: Columns available.
        rows: Lines available.

    Returns:
        The size, or None when even the smallest does not fit.
    """
    best = None
    for size in SIZES:
        if size.columns(text) <= columns and size.rows <= rows:
            best = size
    return best


@lru_cache(maxsize=64)
def render(text: str, size: Size) -> tuple[str, ...]:
    """Draw text made of digits, ``-``, ``:`` and spaces.

    Args:
        text: The characters to draw.
        size: The size to draw them at.

    Returns:
        The lines of block characters, all of the same length.
    """
    grid: list[list[bool]] = [[] for _ in range(size.height + size.height % 2)]
    for number, char in enumerate(text):
        if number:
            _paste(grid, _blank(size.gap, size.height))
        _paste(grid, _glyph(char, size))
    lines = []
    for top, bottom in zip(grid[0::2], grid[1::2], strict=True):
        lines.append("".join(_HALF[pair] for pair in zip(top, bottom, strict=True)))
    return tuple(lines)


def _blank(width: int, height: int) -> list[list[bool]]:
    return [[False] * width for _ in range(height)]


def _paste(grid: list[list[bool]], glyph: list[list[bool]]) -> None:
    width = len(glyph[0]) if glyph else 0
    for row, line in enumerate(grid):
        line.extend(glyph[row] if row < len(glyph) else [False] * width)


def _glyph(char: str, size: Size) -> list[list[bool]]:
    width, height, thick = size.width, size.height, size.thickness
    if char in ":.":
        pixels = _blank(thick, height)
        marks = (height // 3, height - height // 3 - thick) if char == ":" else (height - thick,)
        for top in marks:
            for row in range(top, top + thick):
                pixels[row] = [True] * thick
        return pixels
    pixels = _blank(width, height)
    middle = (height - thick) // 2

    def fill(rows: range, columns: range) -> None:
        for row in rows:
            for column in columns:
                pixels[row][column] = True

    across = range(0, width)
    upper = range(0, middle + thick)
    lower = range(middle, height)
    for segment in _SEGMENTS.get(char, ""):
        if segment == "a":
            fill(range(0, thick), across)
        elif segment == "d":
            fill(range(height - thick, height), across)
        elif segment == "g":
            fill(range(middle, middle + thick), across)
        elif segment == "b":
            fill(upper, range(width - thick, width))
        elif segment == "c":
            fill(lower, range(width - thick, width))
        elif segment == "e":
            fill(lower, range(0, thick))
        elif segment == "f":
            fill(upper, range(0, thick))
    return pixels
