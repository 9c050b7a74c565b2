"""The digits' face: a time painted a line at a time, each character's part of a line made
once for a size and a set of colours and kept, so that a new second costs a few joins."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from montage.app.widgets.paint import Palette, texture_row
from montage.app.widgets.pixels import LIT, OFF, UNLIT
from montage.app.widgets.segments import Size, packed

MOST_PARTS = 1024
"""Character parts kept before the store starts again (a face shows a handful)."""


class ClockFace:
    """Times drawn at one size, in one room and one set of colours.

    Args:
        size: The digits' size.
        unlit: Whether the dark segments show (every digit then takes a full cell).
        palette: The colours, and the texture behind the digits.
        width: Cells across the room.
        height: Lines down the room.
    """

    def __init__(self, size: Size, unlit: bool, palette: Palette, width: int, height: int) -> None:
        self.size = size
        self.unlit = unlit
        self.palette = palette
        self.width = width
        self.height = height
        self.top = (height - size.rows) // 2
        """The line the digits start on."""
        self._parts: dict[tuple[str, int, int], tuple[Segment, ...]] = {}
        self._blank: dict[int, Strip] = {}
        self._styles: dict[tuple[Color | None, Color | None], Style] = {}
        self._textured = palette.grid is not None

    def left(self, text: str) -> int:
        """The column ``text`` starts at, centred."""
        return max(0, (self.width - self.size.columns(text, self.unlit)) // 2)

    def line(self, text: str, y: int) -> Strip:
        """Line ``y`` of the room with ``text`` on it."""
        row = y - self.top
        if not 0 <= row < self.size.rows:
            return self.blank(y)
        size, unlit = self.size, self.unlit
        segments: list[Segment] = []
        x = self.left(text)
        self._fill(segments, 0, x, y)
        for number, char in enumerate(text):
            if number:
                self._fill(segments, x, x + size.gap, y)
                x += size.gap
            segments.extend(self._part(char, row, x, y))
            x += size.char_width(char, unlit)
        self._fill(segments, x, self.width, y)
        return Strip(segments, self.width)

    def blank(self, y: int) -> Strip:
        """Line ``y`` with no digits on it: the background, or its texture."""
        strip = self._blank.get(y)
        if strip is None:
            segments: list[Segment] = []
            self._fill(segments, 0, self.width, y)
            strip = self._blank[y] = Strip(segments, self.width)
        return strip

    def _style(self, front: Color | None, behind: Color | None) -> Style:
        style = self._styles.get((front, behind))
        if style is None:
            style = self._styles[front, behind] = Style(color=front, bgcolor=behind)
        return style

    def _fill(self, segments: list[Segment], start: int, end: int, y: int) -> None:
        end = min(end, self.width)
        if end <= start:
            return
        palette = self.palette
        if self._textured:
            text = texture_row(palette.texture, self.width, y)[start:end]
        else:
            text = " " * (end - start)
        segments.append(Segment(text, self._style(palette.grid, palette.background)))

    def _part(self, char: str, row: int, x: int, y: int) -> tuple[Segment, ...]:
        """One character's cells on one line, made once: where a texture shows through, for
        the place it stands at too."""
        key = (char, row, x if self._textured else 0)
        part = self._parts.get(key)
        if part is not None:
            return part
        if len(self._parts) >= MOST_PARTS:
            self._parts.clear()
        palette = self.palette
        colours = {OFF: palette.background, UNLIT: palette.unlit, LIT: palette.lit[0]}
        made: list[Segment] = []
        at = x
        for text, front, behind in packed(char, self.size, self.unlit)[row]:
            if front == OFF and behind == OFF:
                self._fill(made, at, at + len(text), y)
            elif at < self.width:
                style = self._style(colours[front], colours[behind] or palette.background)
                made.append(Segment(text[: self.width - at], style))
            at += len(text)
        part = self._parts[key] = tuple(made)
        return part
