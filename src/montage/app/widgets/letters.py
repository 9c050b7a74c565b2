"""Block letters: a 5x7 pixel font, scaled up and packed by the half-block engine.

Title cards, the exercise's name and the picker's wordmark are drawn with it.
Letters are capitals; an accented letter is drawn as its plain one. Text with a
character the font does not have is not drawn (the caller shows plain text).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from montage.app.widgets.pixels import LIT, OFF, Grid, Line, join, pack, stack

HEIGHT = 7
"""Pixel rows of a letter at scale 1."""

_FONT_ROWS = {
    "A": ".###. #...# #...# ##### #...# #...# #...#",
    "B": "####. #...# #...# ####. #...# #...# ####.",
    "C": ".###. #...# #.... #.... #.... #...# .###.",
    "D": "####. #...# #...# #...# #...# #...# ####.",
    "E": "##### #.... #.... ####. #.... #.... #####",
    "F": "##### #.... #.... ####. #.... #.... #....",
    "G": ".###. #...# #.... #.### #...# #...# .####",
    "H": "#...# #...# #...# ##### #...# #...# #...#",
    "I": "### .#. .#. .#. .#. .#. ###",
    "J": "..### ...#. ...#. ...#. #..#. #..#. .##..",
    "K": "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
    "L": "#.... #.... #.... #.... #.... #.... #####",
    "M": "#...# ##.## #.#.# #.#.# #...# #...# #...#",
    "N": "#...# #...# ##..# #.#.# #..## #...# #...#",
    "O": ".###. #...# #...# #...# #...# #...# .###.",
    "P": "####. #...# #...# ####. #.... #.... #....",
    "Q": ".###. #...# #...# #...# #.#.# #..#. .##.#",
    "R": "####. #...# #...# ####. #.#.. #..#. #...#",
    "S": ".#### #.... #.... .###. ....# ....# ####.",
    "T": "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
    "U": "#...# #...# #...# #...# #...# #...# .###.",
    "V": "#...# #...# #...# #...# #...# .#.#. ..#..",
    "W": "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
    "X": "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
    "Y": "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
    "Z": "##### ....# ...#. ..#.. .#... #.... #####",
    "0": ".###. #...# #..## #.#.# ##..# #...# .###.",
    "1": ".#. ##. .#. .#. .#. .#. ###",
    "2": ".###. #...# ....# ...#. ..#.. .#... #####",
    "3": "##### ...#. ..#.. ...#. ....# #...# .###.",
    "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
    "5": "##### #.... ####. ....# ....# #...# .###.",
    "6": "..##. .#... #.... ####. #...# #...# .###.",
    "7": "##### ....# ...#. ..#.. .#... .#... .#...",
    "8": ".###. #...# #...# .###. #...# #...# .###.",
    "9": ".###. #...# #...# .#### ....# ...#. .##..",
    " ": "... ... ... ... ... ... ...",
    "-": ".... .... .... #### .... .... ....",
    ".": ". . . . . . #",
    ",": ".. .. .. .. .. .# #.",
    "!": "# # # # # . #",
    "?": ".###. #...# ....# ...#. ..#.. ..... ..#..",
    "'": "# # . . . . .",
    '"': "#.# #.# ... ... ... ... ...",
    ":": ". # . . . # .",
    "&": ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
    "/": "....# ...#. ...#. ..#.. .#... .#... #....",
    "+": "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
    "\N{MULTIPLICATION SIGN}": "..... #...# .#.#. ..#.. .#.#. #...# .....",
    "#": ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
    "%": "##..# ##.#. ...#. ..#.. .#... .#.## #..##",
    "❚": "## ## ## ## ## ## ##",
    "(": "..# .#. #.. #.. #.. .#. ..#",
    ")": "#.. .#. ..# ..# ..# .#. #..",
}
"""Each character's seven pixel rows, top first: ``#`` on, ``.`` off."""

FONT: dict[str, tuple[tuple[bool, ...], ...]] = {
    char: tuple(tuple(pixel == "#" for pixel in row) for row in rows.split())
    for char, rows in _FONT_ROWS.items()
}
"""The font as pixels."""

_SPELLED = {
    "ß": "SS",
    "Æ": "AE",
    "Œ": "OE",
    "Ø": "O",
    "Ł": "L",
    "\N{EN DASH}": "-",
    "\N{EM DASH}": "-",
    "\N{RIGHT SINGLE QUOTATION MARK}": "'",
}
"""Letters with no plain form of their own, and dashes and quotes, as the font has them."""


def spell(text: str) -> str | None:
    """``text`` in the font's characters (capitals, accents dropped), or None if it cannot be.

    Args:
        text: A name or a title, as written.
    """
    made: list[str] = []
    for char in text.upper():
        if char in FONT:
            made.append(char)
            continue
        char = _SPELLED.get(char, char)
        plain = "".join(
            part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)
        ).upper()
        if not plain or any(part not in FONT for part in plain):
            return None
        made.append(plain)
    return " ".join("".join(made).split())


def word_width(word: str, scale: int) -> int:
    """Pixels across a word of the font's characters at ``scale``."""
    if not word:
        return 0
    return (sum(len(FONT[char][0]) for char in word) + len(word) - 1) * scale


def wrap(text: str, width: int, scale: int, most: int) -> list[str] | None:
    """Break ``text`` (the font's characters) into at most ``most`` lines ``width`` pixels
    wide, at spaces; None when it does not fit."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and word_width(f"{lines[-1]} {word}", scale) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        elif word_width(word, scale) <= width:
            lines.append(word)
        else:
            return None
    return lines if len(lines) <= most else None


def rows_for(lines: int, scale: int) -> int:
    """Lines of text that ``lines`` lines of letters take at ``scale``, a pixel row apart."""
    pixels = lines * HEIGHT * scale + (lines - 1) * scale
    return (pixels + 1) // 2


@lru_cache(maxsize=16)
def draw(lines: tuple[str, ...], scale: int) -> tuple[Line, ...]:
    """Draw lines of the font's characters, centred under one another.

    Args:
        lines: The text, one entry per line; every character must be in ``FONT``.
        scale: Pixels per font pixel, across and down.

    Returns:
        The packed lines of half-block cells.
    """
    return pack(stack((_line(text, scale) for text in lines), scale))


def _line(text: str, scale: int) -> Grid:
    glyphs = [_scaled(char, scale) for char in text]
    return join(glyphs, scale, HEIGHT * scale)


def _scaled(char: str, scale: int) -> Grid:
    rows: Grid = []
    for row in FONT[char]:
        line = [LIT if pixel else OFF for pixel in row for _ in range(scale)]
        rows.extend(list(line) for _ in range(scale))
    return rows


@lru_cache(maxsize=64)
def arrange(
    text: str, columns: int, rows: int, scales: tuple[int, ...], most_lines: int
) -> tuple[tuple[str, ...], int] | None:
    """The biggest way to draw ``text`` in block letters in the room: its lines and scale.

    Bigger letters on fewer lines come first: each scale (largest first) is tried on one
    line, then on more, up to ``most_lines``.

    Args:
        text: What to draw, as written (see ``spell``).
        columns: Columns across the room.
        rows: Lines of text down the room.
        scales: The scales allowed.
        most_lines: The most lines of letters.

    Returns:
        The lines and the scale, or None when the font cannot spell ``text`` or it does not fit.
    """
    spelled = spell(text)
    if not spelled:
        return None
    for scale in sorted(scales, reverse=True):
        for count in range(1, most_lines + 1):
            if rows_for(count, scale) > rows:
                break
            lines = wrap(spelled, columns, scale, count)
            if lines is not None:
                return tuple(lines), scale
    return None
