"""The totals of every exercise: sets, reps, the best set, time, distance and load moved."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import DataTable

from montage.app.plain_text import plain_cells
from montage.log.exercises import ExerciseTotal
from montage.log.text import exercise_cells

COLUMNS = ("Exercise", "Sets", "Reps", "Best set", "Time", "Distance", "Load moved")
"""The columns of the totals."""


class ExerciseTable(DataTable[Text]):
    """One row per exercise, the one with the most time under work first."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._names: list[str] = []

    def on_mount(self) -> None:
        self.add_columns(*COLUMNS)

    def show(self, totals: Iterable[ExerciseTotal]) -> None:
        """Show these totals in place of the ones shown.

        Args:
            totals: One per exercise.
        """
        self.clear()
        shown = list(totals)
        self._names = [total.name for total in shown]
        self.add_rows(plain_cells(exercise_cells(total)) for total in shown)

    def name_at(self, row: int) -> str | None:
        """The exercise on a row, if there is one."""
        return self._names[row] if 0 <= row < len(self._names) else None
