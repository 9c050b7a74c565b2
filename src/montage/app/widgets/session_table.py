"""The table of sessions, newest first, that asks for more rows as its end comes near."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from montage.app.plain_text import plain_cells
from montage.log.queries import SessionRow
from montage.log.text import session_cells

NEAR_END = 30
"""Rows left below the view (or below the cursor) at which more are asked for; a row is
one line high."""

COLUMNS = (("When", 16), ("Workout", 16), ("Time", 6), ("Status", 11), ("Done", 4))
"""Each column's title and width."""


class SessionTable(DataTable[Text]):
    """Sessions as rows keyed by their id; posts ``NearEnd`` as the last rows come into reach."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Detail")]

    class NearEnd(Message):
        """The user is close to the last row: time to load the next page."""

        def __init__(self, table: SessionTable) -> None:
            super().__init__()
            self.table = table
            """The table."""

        @property
        def control(self) -> SessionTable:
            """The table."""
            return self.table

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SessionTable.NearEnd)

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for title, width in COLUMNS:
            self.add_column(title, width=width, key=title.lower())

    def add_sessions(self, rows: Iterable[SessionRow]) -> None:
        """Add sessions below the ones shown.

        Args:
            rows: The sessions, newest first.
        """
        for row in rows:
            self.add_row(*plain_cells(session_cells(row)), key=str(row.id))
        self.check_near_end()

    def session_id(self, row: int | None = None) -> int | None:
        """The id of the session in a row (the cursor's by default), if there is one."""
        index = self.cursor_row if row is None else row
        if not 0 <= index < self.row_count:
            return None
        key = self.ordered_rows[index].key.value
        return int(key) if key is not None else None

    def check_near_end(self) -> None:
        """Post ``NearEnd`` when the view or the cursor is within reach of the last row."""
        if not self.row_count:
            return
        below_view = self.row_count - (self.scroll_y + self.scrollable_content_region.height)
        if below_view <= NEAR_END or self.cursor_row >= self.row_count - NEAR_END:
            self.post_message(self.NearEnd(self))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.check_near_end()

    @on(DataTable.RowHighlighted)
    def _cursor_moved(self) -> None:
        self.check_near_end()
