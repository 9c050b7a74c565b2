"""Big seven-segment digits that fill the room they are given."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from montage.app.widgets.paint import Palette, component_ink, ink, paint
from montage.app.widgets.segments import Size, fit, render


class BigClock(Widget):
    """Shows a time such as ``12:34`` as large as its size allows, shrinking to plain text.

    The digits take the widget's colour. Where the theme gives ``big-clock--unlit`` a
    colour, the dark segments of every digit show in it, as on an LED display; where it
    gives ``big-clock--grid`` one, a grid is drawn behind, and for ``big-clock--planks``
    a wall of planks. Only the digits that change are drawn again.
    """

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
        text-style: bold;
    }
    BigClock > .big-clock--unlit { color: transparent; }
    BigClock > .big-clock--grid { color: transparent; }
    BigClock > .big-clock--planks { color: transparent; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "big-clock--unlit",
        "big-clock--grid",
        "big-clock--planks",
    }

    text: reactive[str] = reactive("0:00", layout=False, repaint=False)
    """The time to show: digits, ``:``, ``-``, ``+`` and spaces."""

    template: reactive[str] = reactive("0:00", layout=False, repaint=False)
    """The widest time the digits will show (``10:00`` for a ten-minute step): they are sized
    for it, so they keep their size as the time runs down."""

    def __init__(
        self, *, share: float = 1.0, id: str | None = None, classes: str | None = None
    ) -> None:
        """Make the clock.

        Args:
            share: The most of the screen's height the digits may take.
            id: The widget's id.
            classes: Its classes.
        """
        super().__init__(id=id, classes=classes)
        self.share = share
        self._strips: tuple[Strip, ...] | None = None
        self._drawn: tuple[str, Size | None, int] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None

    def on_resize(self) -> None:
        self._strips = None

    def watch_text(self, old: str, new: str) -> None:
        before = self._drawn
        self._strips = None
        if before is None or not self.is_mounted:
            self.refresh()
            return
        width, height = self.size
        size = self._fit(new)
        self.refresh(*_changed(old, new, before[1], size, width, height, self.unlit))

    @property
    def unlit(self) -> bool:
        """Whether the dark segments show."""
        return self.get_component_styles("big-clock--unlit").color.a > 0

    def watch_template(self) -> None:
        self._strips = None
        self.refresh()

    def _fit(self, text: str) -> Size | None:
        rows = min(self.size.height, max(1, int(self.screen.size.height * self.share)))
        template = self.template if len(self.template) >= len(text) else text
        return fit(template, self.size.width, rows, self.unlit)

    def render_line(self, y: int) -> Strip:
        """One line of the digits."""
        strips = self._strips if self._strips is not None else self._paint()
        return strips[y] if y < len(strips) else Strip.blank(self.size.width, self.rich_style)

    def _paint(self) -> tuple[Strip, ...]:
        width, height = self.size
        size = self._fit(self.text)
        self._drawn = (self.text, size, width)
        base = self.rich_style
        if size is None:  # too small for digits: the time as bold text
            text = self.text.strip()[:width]
            left = max(0, (width - len(text)) // 2)
            line = [Segment(" " * left, base), Segment(text, base), Segment("", base)]
            strips = [Strip.blank(width, base)] * height
            if height:
                strips[height // 2] = Strip(line).adjust_cell_length(width, base)
            self._strips = tuple(strips)
            return self._strips
        background, colour = ink(self)
        unlit = component_ink(self, "big-clock--unlit")
        grid = component_ink(self, "big-clock--grid")
        planks = component_ink(self, "big-clock--planks")
        palette = Palette(
            background,
            (colour,),
            unlit=unlit,
            grid=grid or planks,
            texture="grid" if grid is not None else "planks",
        )
        self._strips = paint(render(self.text, size, unlit is not None), width, height, palette)
        return self._strips


def _changed(
    old: str, new: str, before: Size | None, size: Size | None, width: int, height: int, unlit: bool
) -> list[Region]:
    """The regions to draw again when the time changes from ``old`` to ``new``: the columns
    of the digits that changed, when nothing else moved; else everything."""
    whole = [Region(0, 0, width, height)]
    if size is None or before != size or len(old) != len(new):
        return whole
    widths = [size.char_width(char, unlit) for char in new]
    if widths != [size.char_width(char, unlit) for char in old]:
        return whole
    left = (width - size.columns(new, unlit)) // 2
    top = max(0, (height - size.rows) // 2)
    regions = []
    x = left
    for char, was, across in zip(new, old, widths, strict=True):
        if char != was:
            regions.append(Region(x, top, across, size.rows))
        x += across + size.gap
    return regions or whole[:0]
