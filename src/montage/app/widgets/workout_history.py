"""Each workout in a table, and the highlighted one's bests and chart."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from montage.app.plain_text import plain, plain_cells
from montage.app.widgets.progress_chart import ChartPanel
from montage.durations import format_clock
from montage.log.charts import Progress
from montage.log.records import WorkoutSummary
from montage.log.text import best_on, when

COLUMNS = (("Workout", 18), ("Sessions", 8), ("Completed", 9), ("Last", 16))
"""Each column's title and width."""


class WorkoutTable(DataTable[Text]):
    """The workouts; Enter shows the sessions of the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Its sessions")]


class WorkoutHistory(Vertical):
    """Lists the workouts and posts which is highlighted or chosen; shows the bests and chart
    it is given."""

    class Highlighted(Message):
        """The cursor is on a workout: its chart is wanted."""

        def __init__(self, workout: WorkoutSummary) -> None:
            super().__init__()
            self.workout = workout
            """The workout."""

    class Chosen(Message):
        """Enter on a workout: show its sessions."""

        def __init__(self, workout: WorkoutSummary) -> None:
            super().__init__()
            self.workout = workout
            """The workout."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._workouts: list[WorkoutSummary] = []

    def compose(self) -> ComposeResult:
        yield WorkoutTable(id="workout-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="workout-bests", markup=False)
        yield ChartPanel(id="workout-chart")

    def on_mount(self) -> None:
        table = self.query_one(WorkoutTable)
        for title, width in COLUMNS:
            table.add_column(title, width=width)

    def set_workouts(self, workouts: list[WorkoutSummary]) -> None:
        """List the workouts, most recently done first."""
        self._workouts = workouts
        table = self.query_one(WorkoutTable)
        table.clear()
        for workout in workouts:
            cells = (workout.name, str(workout.sessions), str(workout.completed))
            table.add_row(*plain_cells((*cells, when(workout.last_started_at))), key=workout.key)
        if not workouts:
            self.query_one("#workout-bests", Static).update("No workouts done yet.")

    def select(self, key: str) -> None:
        """Move the cursor to a workout."""
        for index, workout in enumerate(self._workouts):
            if workout.key == key:
                self.query_one(WorkoutTable).move_cursor(row=index)

    def show_series(self, workout: WorkoutSummary, progress: Progress | None) -> None:
        """Show a workout's bests and its charts.

        Args:
            workout: The workout.
            progress: Its finish times and rounds over time.
        """
        self.query_one("#workout-bests", Static).update(plain(bests_text(workout)))
        self.query_one(ChartPanel).show(progress, "No finished session with a time or rounds.")

    @on(DataTable.RowHighlighted, "#workout-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.cursor_row < len(self._workouts):
            self.post_message(self.Highlighted(self._workouts[event.cursor_row]))

    @on(DataTable.RowSelected, "#workout-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.cursor_row < len(self._workouts):
            self.post_message(self.Chosen(self._workouts[event.cursor_row]))


def bests_text(workout: WorkoutSummary) -> str:
    """A workout's bests, one a line."""
    lines = []
    if workout.fastest is not None:
        lines.append(
            f"Fastest finish  {format_clock(workout.fastest.value)}{best_on(workout.fastest)}"
        )
    if workout.most_rounds is not None:
        rounds = f"{workout.most_rounds.value:g}"
        lines.append(f"Most rounds     {rounds}{best_on(workout.most_rounds)}")
    if not lines:
        lines.append("Timed all through: no fastest to beat, just keep showing up.")
    return "\n".join(lines)
