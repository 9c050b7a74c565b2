"""One session from the log, with every step: planned, actual, reps or rounds, outcome."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from montage.app.commands import DETAIL_COMMANDS, bindings
from montage.app.plain_text import plain, plain_cells
from montage.log.queries import SessionDetail
from montage.log.text import session_meta, step_cells, when

COLUMNS = ("#", "Step", "Planned", "Actual", "Done", "Outcome", "Load / distance")
"""The columns of the steps."""


class SessionDetailScreen(ModalScreen[None]):
    """Every step of a session, over the log; Escape goes back."""

    BINDINGS = bindings(DETAIL_COMMANDS)
    COMMAND_LIST = DETAIL_COMMANDS
    HELP_TITLE = "session detail"

    def __init__(self, detail: SessionDetail) -> None:
        """Show ``detail``.

        Args:
            detail: The session and its steps.
        """
        super().__init__(id="session-detail")
        self.detail = detail

    def compose(self) -> ComposeResult:
        session = self.detail.session
        with Vertical(id="detail-box"):
            title = plain(f"{session.workout}   {when(session.started_at)}")
            yield Static(title, id="detail-title", markup=False)
            yield Static(plain(session_meta(self.detail)), id="detail-meta", markup=False)
            yield DataTable(id="detail-steps", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows(plain_cells(step_cells(step)) for step in self.detail.steps)
        table.focus()

    @on(DataTable.RowSelected)
    def action_close(self) -> None:
        """Back to the log."""
        self.dismiss(None)
