"""The progress log: every session, each workout's bests and charts, exercise totals and
charts, streaks.

Everything is read in worker threads (``review_reading``), a page of sessions at a
time, so that a log of any size opens at once and never holds up the screen.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from montage.app.commands import REVIEW_COMMANDS, bindings
from montage.app.plain_text import plain
from montage.app.screens.review_reading import ReviewReading
from montage.app.screens.session_detail import SessionDetailScreen
from montage.app.widgets.exercise_table import ExerciseTable
from montage.app.widgets.progress_chart import ChartPanel
from montage.app.widgets.session_table import SessionTable
from montage.app.widgets.streak_panel import StreakPanel
from montage.app.widgets.workout_history import WorkoutHistory
from montage.log.queries import EVERYTHING, Cursor, Filter
from montage.log.reading import LogService
from montage.log.records import WorkoutSummary

PERIODS: tuple[tuple[str, int | None], ...] = (
    ("all time", None),
    ("last 7 days", 7),
    ("last 4 weeks", 28),
    ("last 12 weeks", 84),
    ("last year", 365),
)
"""The date ranges ``d`` steps through: a name, and how many days up to today."""

EMPTY_TEXT = (
    "No sessions yet.\n\n"
    "Pick a workout and start it: every session and every step is kept here,\n"
    "with your records, streaks and a calendar of training days."
)
"""What an empty log says."""

_TAB_FOCUS = {"sessions": "#sessions", "workouts": "#workout-table", "exercises": "#exercise-table"}
"""What takes the keys in each tab."""


class ReviewScreen(ReviewReading):
    """Sessions, workouts and exercises in tabs, streaks and the calendar beside them."""

    BINDINGS = bindings(REVIEW_COMMANDS)
    COMMAND_LIST = REVIEW_COMMANDS
    HELP_TITLE = "progress log"

    def __init__(self, log_service: LogService) -> None:
        """Review the progress log.

        Args:
            log_service: Opens the log and says what day it is.
        """
        super().__init__(log_service, id="review")
        self.where: Filter = EVERYTHING
        """Which sessions are shown."""
        self.period = 0
        """The index of the date range in ``PERIODS``."""
        self.workouts: list[WorkoutSummary] = []
        """Every workout done, once read."""
        self._generation = 0
        self._next: Cursor | None = None
        self._reading = False
        self._total: int | None = None
        self._stats_read = False
        self._back_to_workouts = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-top"):
            yield Static("PROGRESS LOG", id="review-title", markup=False)
            yield Static(id="review-filter", markup=False)
        with Horizontal(id="review-body"):
            with TabbedContent(id="review-tabs"):
                with TabPane("1 Sessions", id="sessions-tab"):
                    yield SessionTable(id="sessions")
                with TabPane("2 Workouts", id="workouts-tab"):
                    yield WorkoutHistory(id="workout-history")
                with TabPane("3 Exercises", id="exercises-tab"):
                    yield ExerciseTable(id="exercise-table")
                    yield ChartPanel(id="exercise-chart")
            yield StreakPanel(id="review-side")
        yield Static(id="review-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one(SessionTable))  # now, not later: an empty log blurs it
        self._show_filter()
        self._reload()

    # ------------------------------------------------------------ reading

    def _reload(self) -> None:
        """Read the shown sessions and totals again, for the current filter."""
        self._generation += 1
        self._next = None
        self._total = None
        self._reading = True
        self.query_one(SessionTable).clear()
        self._read_page(self._generation, self.where, None)

    # ------------------------------------------------------------ showing

    @on(ReviewReading.PageRead)
    def _page_read(self, message: ReviewReading.PageRead) -> None:
        if message.generation != self._generation:
            return
        self._reading = False
        page = message.page
        if page is None or (not page.rows and self._total is None and self.where == EVERYTHING):
            self._show_message(EMPTY_TEXT)
            return
        self._next = page.next
        self.query_one(SessionTable).add_sessions(page.rows)
        if message.total is not None:  # the first page: now the rest, which takes longer
            self._total = message.total
            self._show_filter()
            self._read_totals(self._generation, self.where)
            if not self._stats_read:
                self._stats_read = True
                self._read_stats()

    @on(SessionTable.NearEnd)
    def _near_end(self) -> None:
        if self._next is not None and not self._reading:
            self._reading = True
            self._read_page(self._generation, self.where, self._next)

    @on(ReviewReading.StreaksRead)
    def _streaks_read(self, message: ReviewReading.StreaksRead) -> None:
        self.query_one(StreakPanel).show(message.streaks, message.calendar)

    @on(ReviewReading.WorkoutsRead)
    def _workouts_read(self, message: ReviewReading.WorkoutsRead) -> None:
        self.workouts = message.workouts
        history = self.query_one(WorkoutHistory)
        history.set_workouts(message.workouts)
        if self.where.workout_key is not None:
            history.select(self.where.workout_key)

    @on(ReviewReading.TotalsRead)
    def _totals_read(self, message: ReviewReading.TotalsRead) -> None:
        if message.generation != self._generation:
            return
        self.query_one(ExerciseTable).show(message.totals)

    @on(WorkoutHistory.Highlighted)
    def _workout_highlighted(self, message: WorkoutHistory.Highlighted) -> None:
        self._read_series(message.workout)

    @on(ReviewReading.SeriesRead)
    def _series_read(self, message: ReviewReading.SeriesRead) -> None:
        self.query_one(WorkoutHistory).show_series(message.workout, message.progress)

    @on(DataTable.RowHighlighted, "#exercise-table")
    def _exercise_highlighted(self, event: DataTable.RowHighlighted) -> None:
        name = self.query_one(ExerciseTable).name_at(event.cursor_row)
        if name is not None:
            self._read_exercise(name)

    @on(ReviewReading.ExerciseRead)
    def _exercise_read(self, message: ReviewReading.ExerciseRead) -> None:
        self.query_one("#exercise-chart", ChartPanel).show(message.progress)

    def action_cycle_chart(self) -> None:
        """The next chart of the workout or the exercise shown."""
        tab = self.query_one(TabbedContent).active
        panel = "#exercise-chart" if tab == "exercises-tab" else "#workout-chart"
        self.query_one(panel, ChartPanel).next_series()

    @on(ReviewReading.DetailRead)
    def _detail_read(self, message: ReviewReading.DetailRead) -> None:
        if message.detail is not None and self.is_current:
            self.app.push_screen(SessionDetailScreen(message.detail))

    @on(ReviewReading.Failed)
    def _failed(self, message: ReviewReading.Failed) -> None:
        self._show_message(f"The progress log cannot be read.\n\n{message.text}", error=True)

    def _show_message(self, text: str, error: bool = False) -> None:
        self.query_one("#review-message", Static).update(plain(text))
        self.set_class(True, "-message")
        self.set_class(error, "-error")
        self.set_focus(None)  # the hidden tables take no keys: the footer shows no Detail

    def _show_filter(self) -> None:
        name = "all workouts"
        if self.where.workout_key is not None:
            known = {workout.key: workout.name for workout in self.workouts}
            name = known.get(self.where.workout_key, self.where.workout_key)
        parts = [name, PERIODS[self.period][0]]
        if self._total is not None:
            parts.append(f"{self._total:,} session{'' if self._total == 1 else 's'}")
        self.query_one("#review-filter", Static).update(plain("  ·  ".join(parts)))

    def _filter(self, where: Filter) -> None:
        self.where = where
        self._total = None
        self._show_filter()
        self._reload()
        if where.workout_key is not None:
            self.query_one(WorkoutHistory).select(where.workout_key)

    # ------------------------------------------------------------ actions

    @on(DataTable.RowSelected, "#sessions")
    def action_detail(self) -> None:
        """Open every step of the highlighted session."""
        session_id = self.query_one(SessionTable).session_id()
        if session_id is not None:
            self._read_detail(session_id)

    def action_cycle_workout(self) -> None:
        """Show the next workout's sessions; after the last, every workout's."""
        if not self.workouts:
            self.notify("No workouts to choose from yet.", timeout=2)
            return
        keys: list[str | None] = [None, *(workout.key for workout in self.workouts)]
        index = keys.index(self.where.workout_key) if self.where.workout_key in keys else 0
        self._filter(replace(self.where, workout_key=keys[(index + 1) % len(keys)]))

    def action_cycle_period(self) -> None:
        """Show the next date range: last 7 days, 4 weeks, 12 weeks, a year, all time."""
        self.period = (self.period + 1) % len(PERIODS)
        span = PERIODS[self.period][1]
        since = None if span is None else self.today - timedelta(days=span - 1)
        until = None if span is None else self.today
        self._filter(replace(self.where, since=since, until=until))

    @on(WorkoutHistory.Chosen)
    def _workout_chosen(self, message: WorkoutHistory.Chosen) -> None:
        self._filter(replace(self.where, workout_key=message.workout.key))
        self.action_tab("sessions")
        self._back_to_workouts = True

    def action_tab(self, name: str) -> None:
        """Show the sessions, each workout's history, or the exercise totals.

        Args:
            name: ``sessions``, ``workouts`` or ``exercises``.
        """
        self.query_one(TabbedContent).active = f"{name}-tab"
        self.query_one(_TAB_FOCUS[name]).focus()

    def action_close(self) -> None:
        """Back: from a workout's sessions to the workouts, else to where the log was opened."""
        if self._back_to_workouts:
            self._back_to_workouts = False
            self._filter(replace(self.where, workout_key=None))
            self.action_tab("workouts")
            return
        self.dismiss(None)
