"""Big seven-segment digits that fill the room they are given."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from montage.app.widgets.clock_face import ClockFace
from montage.app.widgets.paint import Palette, component_ink, ink
from montage.app.widgets.segments import Size, fit


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

    reserve: reactive[int] = reactive(0, layout=False)
    """Lines at the top given up to something over them (a title card); the digits take
    the rest."""

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
        self._faces: dict[tuple[Size, int, int], ClockFace] = {}
        self._lines: dict[int, Strip] = {}
        self._drawn: tuple[str, Size | None, int] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._faces.clear()
        self._drawn = None
        self._lines.clear()

    def on_resize(self) -> None:
        self._drawn = None
        self._lines.clear()

    def watch_text(self, old: str, new: str) -> None:
        before = self._drawn
        self._lines.clear()
        if before is None or not self.is_mounted:
            self.refresh()
            return
        width, height = self.size
        size = self._fit(new)
        room = max(0, height - self.reserve)
        regions = _changed(old, new, before[1], size, width, room, self.unlit)
        self.refresh(*(region.translate((0, self.reserve)) for region in regions))

    @property
    def unlit(self) -> bool:
        """Whether the dark segments show."""
        return self.get_component_styles("big-clock--unlit").color.a > 0

    def watch_reserve(self) -> None:
        self._drawn = None
        self._lines.clear()

    def watch_template(self) -> None:
        self._drawn = None
        self._lines.clear()
        self.refresh()

    def _fit(self, text: str) -> Size | None:
        room = max(0, self.size.height - self.reserve)
        rows = min(room, max(1, int(self.screen.size.height * self.share)))
        template = self.template if len(self.template) >= len(text) else text
        return fit(template, self.size.width, rows, self.unlit)

    def render_line(self, y: int) -> Strip:
        """One line of the digits, drawn when first asked for (only the lines that changed
        are asked for again)."""
        line = self._lines.get(y)
        if line is None:
            line = self._lines[y] = self._line(y)
        return line

    def _line(self, y: int) -> Strip:
        width, height = self.size
        if y < self.reserve:
            return Strip.blank(width, self.rich_style)  # under the card
        y -= self.reserve
        height -= self.reserve
        if self._drawn is not None and self._drawn[0] == self.text and self._drawn[2] == width:
            size = self._drawn[1]
        else:
            size = self._fit(self.text)
            self._drawn = (self.text, size, width)
        if size is None:  # too small for digits: the time as bold text
            base = self.rich_style
            if y != height // 2:
                return Strip.blank(width, base)
            text = self.text.strip()[:width]
            left = max(0, (width - len(text)) // 2)
            return Strip([Segment(" " * left, base), Segment(text, base)]).adjust_cell_length(
                width, base
            )
        # a title card comes and goes, and the digits with it: the faces of both sizes are kept
        face = self._faces.get((size, width, height))
        if face is None:
            if len(self._faces) > 2:
                self._faces.clear()
            face = self._faces[size, width, height] = self._make_face(size, width, height)
        return face.line(self.text, y)

    def _make_face(self, size: Size, width: int, height: int) -> ClockFace:
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
        return ClockFace(size, unlit is not None, palette, width, height)


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
