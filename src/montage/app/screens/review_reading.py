"""Reading the progress log for its review: each question asked in a worker thread, each
answer posted back as a message as soon as it is read, so that a log of any size never
holds up the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from textual import work
from textual.message import Message
from textual.screen import Screen

from montage.log.charts import Progress, exercise_progress, workout_progress
from montage.log.errors import LogError
from montage.log.exercises import ExerciseTotal, exercise_totals
from montage.log.queries import (
    Cursor,
    Filter,
    Page,
    SessionDetail,
    count_sessions,
    session_detail,
    sessions_page,
)
from montage.log.reading import LogService
from montage.log.records import WorkoutSummary, workouts
from montage.log.sql import Connection
from montage.log.streaks import Calendar, Streaks, calendar_of, streaks_of, training_days

PAGE_SIZE = 100
"""Sessions read at a time."""

CALENDAR_WEEKS = 26
"""Weeks of training days read for the calendar; it shows as many as fit."""


class ReviewReading(Screen[None]):
    """A screen that reads the progress log off the event loop; what it reads arrives as
    the messages below.

    Args:
        log_service: Opens the log and says what day it is.
        kwargs: Passed on to ``Screen``.
    """

    class PageRead(Message):
        """A page of sessions was read."""

        def __init__(self, generation: int, page: Page | None, total: int | None) -> None:
            super().__init__()
            self.generation = generation
            """The filter it was read for; pages of an older filter are dropped."""
            self.page = page
            """The sessions; None when there is no log."""
            self.total = total
            """How many sessions the filter lets through, with the first page."""

    class StreaksRead(Message):
        """The streaks and the calendar were read."""

        def __init__(self, streaks: Streaks, calendar: Calendar) -> None:
            super().__init__()
            self.streaks = streaks
            """Current and longest."""
            self.calendar = calendar
            """The last weeks' training days."""

    class WorkoutsRead(Message):
        """Every workout's history and bests were read."""

        def __init__(self, workouts: list[WorkoutSummary]) -> None:
            super().__init__()
            self.workouts = workouts
            """The workouts, most recently done first."""

    class TotalsRead(Message):
        """The exercise totals were read."""

        def __init__(self, generation: int, totals: list[ExerciseTotal]) -> None:
            super().__init__()
            self.generation = generation
            """The filter they were read for."""
            self.totals = totals
            """One per exercise."""

    class SeriesRead(Message):
        """A workout's charts were read."""

        def __init__(self, workout: WorkoutSummary, progress: Progress | None) -> None:
            super().__init__()
            self.workout = workout
            """The workout."""
            self.progress = progress
            """Its series over time."""

    class ExerciseRead(Message):
        """An exercise's charts were read."""

        def __init__(self, progress: Progress | None) -> None:
            super().__init__()
            self.progress = progress
            """Its series over time."""

    class DetailRead(Message):
        """A session's steps were read."""

        def __init__(self, detail: SessionDetail | None) -> None:
            super().__init__()
            self.detail = detail
            """The session and its steps; None when it is gone."""

    class Failed(Message):
        """The log could not be read."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text
            """Why, in one line."""

    def __init__(self, log_service: LogService, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.log_service = log_service
        self.today = log_service.today()
        """The day streaks and date ranges count from."""

    def _read(
        self,
        read: Callable[[Connection], Iterator[Message]],
        missing: Message | None = None,
    ) -> None:
        """Read the log on the calling worker's thread, posting each message ``read`` makes
        as soon as it is made; ``missing`` when there is no log; ``Failed`` on an error."""
        try:
            with self.log_service.reading() as conn:
                if conn is None:
                    if missing is not None:
                        self.post_message(missing)
                    return
                for message in read(conn):
                    self.post_message(message)
        except LogError as error:
            self.post_message(self.Failed(str(error)))

    @work(thread=True, exclusive=True, group="log-page")
    def _read_page(self, generation: int, where: Filter, after: Cursor | None) -> None:
        def read(conn: Connection) -> Iterator[Message]:
            page = sessions_page(conn, where, after, PAGE_SIZE)
            total = count_sessions(conn, where) if after is None else None
            yield self.PageRead(generation, page, total)

        self._read(read, missing=self.PageRead(generation, None, None))

    @work(thread=True, exclusive=True, group="log-stats")
    def _read_stats(self) -> None:
        def read(conn: Connection) -> Iterator[Message]:
            days = training_days(conn)
            yield self.StreaksRead(
                streaks_of(days, self.today),
                calendar_of(days, self.today, CALENDAR_WEEKS),
            )
            yield self.WorkoutsRead(workouts(conn))  # the slowest: last

        self._read(read)

    @work(thread=True, exclusive=True, group="log-totals")
    def _read_totals(self, generation: int, where: Filter) -> None:
        self._read(lambda conn: iter([self.TotalsRead(generation, exercise_totals(conn, where))]))

    @work(thread=True, exclusive=True, group="log-series")
    def _read_series(self, workout: WorkoutSummary) -> None:
        def read(conn: Connection) -> Iterator[Message]:
            yield self.SeriesRead(workout, workout_progress(conn, workout.name))

        self._read(read)

    @work(thread=True, exclusive=True, group="log-exercise")
    def _read_exercise(self, name: str) -> None:
        self._read(lambda conn: iter([self.ExerciseRead(exercise_progress(conn, name))]))

    @work(thread=True, exclusive=True, group="log-detail")
    def _read_detail(self, session_id: int) -> None:
        self._read(lambda conn: iter([self.DetailRead(session_detail(conn, session_id))]))
