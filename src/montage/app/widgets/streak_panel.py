"""Streaks and the training calendar, side by side with the log."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from montage.app.widgets.calendar_heatmap import CalendarHeatmap
from montage.log.streaks import Calendar, Streaks
from montage.log.text import days


class StreakPanel(Vertical):
    """The current and longest streak, and the calendar of training days."""

    def compose(self) -> ComposeResult:
        yield Static("STREAK", id="streak-title", markup=False)
        yield Static("reading the log...", id="streak", markup=False)
        yield CalendarHeatmap(id="calendar")

    def show(self, streaks: Streaks, calendar: Calendar) -> None:
        """Show the streaks and the calendar.

        Args:
            streaks: The current and the longest streak.
            calendar: The training days of the last weeks.
        """
        self.query_one("#streak", Static).update(
            f"{days(streaks.current)} now   longest {days(streaks.longest)}"
        )
        self.query_one(CalendarHeatmap).calendar = calendar
