"""A line of text drawn in block letters as big as its share of the screen allows."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from montage.app.plain_text import plain_line
from montage.app.widgets.letters import arrange, draw, rows_for
from montage.app.widgets.paint import Palette, ink, paint
from montage.app.widgets.pixels import Line


class BlockText(Widget):
    """Shows ``text`` in block letters, in the widget's colour, centred.

    Its height follows the letters: the biggest scale and fewest lines that fit the
    width and a share of the screen's height. Text the font cannot draw, or that does
    not fit, shows as one bold line instead (or not at all, for ``fallback=False``).
    """

    DEFAULT_CSS = """
    BlockText {
        width: 1fr;
        height: auto;
        text-style: bold;
    }
    """

    text: reactive[str] = reactive("", layout=True)
    """What to show, as written: outside text is fine, it is drawn as plain cells."""

    def __init__(
        self,
        *,
        share: float = 0.15,
        scales: tuple[int, ...] = (1, 2),
        most_lines: int = 2,
        fallback: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Make the widget.

        Args:
            share: The most of the screen's height the letters may take.
            scales: The pixel scales the letters may be drawn at.
            most_lines: The most lines of letters.
            fallback: Whether text that cannot be drawn in letters shows as a plain line.
            id: The widget's id.
            classes: Its classes.
        """
        super().__init__(id=id, classes=classes)
        self.share = share
        self.scales = scales
        self.most_lines = most_lines
        self.fallback = fallback
        self._strips: tuple[Strip, ...] | None = None

    def watch_text(self) -> None:
        self._strips = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None

    def on_resize(self) -> None:
        self._strips = None

    def budget(self, viewport: Size) -> int:
        """The most lines of text the letters may take on a screen this size."""
        return max(1, int(viewport.height * self.share))

    def arranged(self, width: int, rows: int) -> tuple[tuple[str, ...], int] | None:
        """The lines and scale of the letters in this room, if they fit."""
        if not self.text:
            return None
        return arrange(self.text, width, rows, self.scales, self.most_lines)

    def padding_rows(self, viewport: Size) -> int:
        """Lines above and below the letters on a screen of this size."""
        return 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As tall as the letters, or one line of plain text."""
        if not self.text:
            return 0
        pad = self.padding_rows(viewport)
        found = self.arranged(width, self.budget(viewport) - 2 * pad)
        if found is None:
            return 1 if self.fallback else 0
        lines, scale = found
        return rows_for(len(lines), scale) + 2 * pad

    def render_line(self, y: int) -> Strip:
        """One line of the letters."""
        strips = self._strips if self._strips is not None else self._paint()
        return strips[y] if y < len(strips) else Strip.blank(self.size.width, self.rich_style)

    def _paint(self) -> tuple[Strip, ...]:
        width, height = self.size
        found = self.arranged(width, height - 2 * self.padding_rows(self.screen.size))
        if found is None:
            self._strips = self.plain_strips(width, height)
        else:
            lines, scale = found
            self._strips = self.paint_letters(draw(lines, scale), width, height)
        return self._strips

    def paint_letters(
        self, drawing: tuple[Line, ...], width: int, height: int
    ) -> tuple[Strip, ...]:
        """Colour the drawn letters."""
        background, colour = ink(self)
        return paint(drawing, width, height, Palette(background, (colour,)))

    def plain_strips(self, width: int, height: int) -> tuple[Strip, ...]:
        """The text as one bold line, in the middle."""
        base = self.rich_style
        strips = [Strip.blank(width, base)] * height
        if height and self.text:
            strips[height // 2] = centred(self.line_segments(plain_line(self.text)), width, base)
        return tuple(strips)

    def line_segments(self, text: str) -> list[Segment]:
        """The plain line's text, styled."""
        return [Segment(text, self.rich_style)]


def centred(segments: list[Segment], width: int, base: Style) -> Strip:
    """A line of segments centred in ``width`` cells, cut at the right if too long."""
    length = sum(cell_len(segment.text) for segment in segments)
    left = max(0, (width - length) // 2)
    return Strip([Segment(" " * left, base), *segments]).adjust_cell_length(width, base)
