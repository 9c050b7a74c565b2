"""Seven-segment digits drawn as pixels, at any size.

Each digit lights some of seven segments; on an LED display the others stay
dimly visible (``unlit``). A size is chosen from the room there is, measured on
full-width digits so that it holds still while the time changes; a ``1`` is
drawn narrow unless the dark segments show, so ``11:59`` never reads ``1 1:59``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from montage.app.widgets.pixels import LIT, OFF, UNLIT, Grid, Line, Run, blank, pack

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

NARROW = {":", ".", "+"}
"""Characters narrower than a digit (a ``1`` too, when the dark segments do not show)."""


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

    @property
    def gap(self) -> int:
        """Pixels between characters."""
        return max(1, (self.thickness * 2 + 2) // 3)

    def char_width(self, char: str, unlit: bool = False) -> int:
        """Pixels across one character."""
        if char in ":.":
            return self.thickness
        if char == "+":
            return self.width * 3 // 4
        if char == "1" and not unlit:
            return self.thickness
        return self.width

    def columns(self, text: str, unlit: bool = False) -> int:
        """Columns of text ``text`` takes."""
        widths = [self.char_width(char, unlit) for char in text]
        return sum(widths) + max(0, len(text) - 1) * self.gap


def size_for(rows: int) -> Size:
    """The digit size that is ``rows`` lines tall: about half as wide as tall, with
    segments about a ninth of its height."""
    height = max(5, rows * 2 - 1)
    width = max(3, round(height * 0.52))
    thickness = max(1, round(height / 9))
    return Size(width, height, thickness)


def _template(text: str) -> str:
    """``text`` with every digit made full width, so a size found for it holds for any time."""
    return "".join("0" if char.isdigit() else char for char in text)


@lru_cache(maxsize=64)
def fit(text: str, columns: int, rows: int, unlit: bool = False) -> Size | None:
    """The largest size at which ``text`` fits in the room, or None when none does.

    The size depends only on where the digits and separators are, never on which
    digits they are, so that a countdown does not change size from second to second.

    Args:
        text: What will be drawn.
        columns: Columns available.
        rows: Lines available.
        unlit: Whether the dark segments show (every digit is then full width).
    """
    template = _template(text)
    for tall in range(rows, 2, -1):
        size = size_for(tall)
        if size.columns(template, unlit) <= columns:
            return size
    return None


@lru_cache(maxsize=4)
def render(text: str, size: Size, unlit: bool = False) -> tuple[Line, ...]:
    """Draw text made of digits, ``-``, ``+``, ``:``, ``.`` and spaces.

    Each character is packed once per size and kept; a time is its characters' lines
    side by side, so a new second costs no pixel work.

    Args:
        text: The characters to draw.
        size: The size to draw them at.
        unlit: Whether to draw the dark segments of each digit, dimly.

    Returns:
        The packed lines, all of the same width.
    """
    glyphs = [packed(char, size, unlit) for char in text]
    gap: Run = (" " * size.gap, OFF, OFF)
    lines: list[Line] = []
    for row in range(size.rows):
        runs: list[Run] = []
        for number, glyph in enumerate(glyphs):
            if number:
                runs.append(gap)
            runs.extend(glyph[row])
        lines.append(tuple(runs))
    return tuple(lines)


@lru_cache(maxsize=32)
def packed(char: str, size: Size, unlit: bool) -> tuple[Line, ...]:
    """One character's packed lines at a size."""
    return pack(_draw(char, size, unlit))


def _draw(char: str, size: Size, unlit: bool) -> Grid:
    width, height, thick = size.width, size.height, size.thickness
    middle = (height - thick) // 2
    if char in ":.":
        pixels = blank(thick, height)
        marks = (height // 3 - thick // 2, height - height // 3 - thick + thick // 2)
        for top in marks if char == ":" else (height - thick,):
            for row in range(max(0, top), min(height, top + thick)):
                pixels[row] = [LIT] * thick
        return pixels
    if char == "+":
        across = size.char_width("+")
        pixels = blank(across, height)
        centre = (across - thick) // 2
        for row in range(middle, middle + thick):
            pixels[row] = [LIT] * across
        for row in range(middle + thick // 2 - across // 2, middle + thick // 2 + across // 2):
            for column in range(centre, centre + thick):
                pixels[row][column] = LIT
        return pixels
    narrow = char == "1" and not unlit
    pixels = blank(thick if narrow else width, height)
    lit = _SEGMENTS.get(char, "")
    shown = "abcdefg" if unlit and char != " " else lit
    right = (0, thick) if narrow else (width - thick, width)
    upper = range(0, middle + thick)
    lower = range(middle, height)
    spans = {
        "a": (range(0, thick), range(0, width)),
        "d": (range(height - thick, height), range(0, width)),
        "g": (range(middle, middle + thick), range(0, width)),
        "b": (upper, range(*right)),
        "c": (lower, range(*right)),
        "e": (lower, range(0, thick)),
        "f": (upper, range(0, thick)),
    }
    # the dark segments first, then the lit ones over them where they meet
    for segment in sorted(shown, key=lambda name: name in lit):
        state = LIT if segment in lit else UNLIT
        rows, columns = spans[segment]
        for row in rows:
            line = pixels[row]
            for column in columns:
                if line[column] != LIT:
                    line[column] = state
    return pixels
