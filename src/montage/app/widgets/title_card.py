"""An 80s title card ("ROUND 2"): block letters in a sunset gradient over scanlines."""

from __future__ import annotations

from typing import ClassVar

from rich.color import Color
from rich.segment import Segment
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from montage.app.widgets.block_text import BlockText
from montage.app.widgets.letters import arrange, rows_for
from montage.app.widgets.paint import (
    Palette,
    component_ink,
    gradient,
    gradient_line,
    ink,
    paint,
)
from montage.app.widgets.pixels import Line

STOPS = ("title-card--1", "title-card--2", "title-card--3", "title-card--4")
"""The component classes of the gradient's colours, top to bottom."""


class TitleCard(BlockText):
    """Block letters coloured down the rows through the sunset's colours, on alternating
    dark rows; one bold line, coloured along, when the screen is too small. Hidden
    until shown."""

    DEFAULT_CSS = """
    TitleCard {
        width: 100%;
        height: auto;
        text-style: bold;
        background: #120a1e;
        visibility: hidden;
    }
    TitleCard.-shown { visibility: visible; }
    TitleCard > .title-card--1 { color: #ffe14d; }
    TitleCard > .title-card--2 { color: #ff8c2e; }
    TitleCard > .title-card--3 { color: #ff2a8a; }
    TitleCard > .title-card--4 { color: #9b3dff; }
    TitleCard > .title-card--scan { color: #07040d; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {*STOPS, "title-card--scan"}

    text: reactive[str] = reactive("", layout=False)
    """What the card says; a card keeps its height whatever it says (see ``rows``)."""

    def __init__(
        self,
        *,
        share: float = 0.25,
        scales: tuple[int, ...] = (1, 2, 3, 4),
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(share=share, scales=scales, most_lines=2, id=id, classes=classes)

    def rows(self, viewport: Size) -> int:
        """The card's height on a screen this size, whatever it says: the tallest letters
        that fit its share of the screen, with a scanline above and below; one line on a
        small screen. A card that keeps its height comes and goes without moving anything
        but what it covers."""
        pad = self.padding_rows(viewport)
        room = self.budget(viewport) - 2 * pad
        heights = [rows_for(1, scale) for scale in self.scales]
        tallest = max((rows for rows in heights if rows <= room), default=0)
        return tallest + 2 * pad if tallest else 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The card's height on this screen (``rows``)."""
        return self.rows(viewport)

    def padding_rows(self, viewport: Size) -> int:
        """A scanline above and below the letters, on a screen with room for them."""
        return 1 if self.budget(viewport) >= 6 else 0

    def fits(self, text: str) -> bool:
        """Whether ``text`` can be drawn in block letters on this screen."""
        screen = self.screen.size
        rows = self.budget(screen) - 2 * self.padding_rows(screen)
        return arrange(text, screen.width, rows, self.scales, self.most_lines) is not None

    def show_card(self, text: str) -> None:
        """Show ``text`` until ``hide_card`` is called.

        Args:
            text: What to show, e.g. ``Round 2``.
        """
        if text != self.text:
            self.text = text
            self._strips = None
            self.refresh()
        self.add_class("-shown")

    def hide_card(self) -> None:
        """Hide the card."""
        self.remove_class("-shown")

    @property
    def shown(self) -> bool:
        """Whether the card is up."""
        return self.has_class("-shown")

    def _stops(self) -> tuple[Color, ...]:
        found = [component_ink(self, name) for name in STOPS]
        colours = tuple(colour for colour in found if colour is not None)
        return colours or (ink(self)[1],)

    def paint_letters(
        self, drawing: tuple[Line, ...], width: int, height: int
    ) -> tuple[Strip, ...]:
        """The letters in the sunset's colours, on scanlines."""
        background, _ = ink(self)
        palette = Palette(
            background,
            gradient(self._stops(), len(drawing)),
            scan=component_ink(self, "title-card--scan"),
        )
        return paint(drawing, width, height, palette)

    def line_segments(self, text: str) -> list[Segment]:
        """The one-line card: spaced capitals, coloured along through the sunset."""
        return gradient_line(text, self._stops(), self.rich_style.bgcolor)
