"""The summary after a session, the mountain top: the headline, the time and rounds big, the
session against the last one, the records it broke, and every figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from montage.app.commands import SUMMARY_COMMANDS, bindings
from montage.app.plain_text import plain
from montage.app.screens.summary_text import (
    Logged,
    amrap_rounds,
    summary_lines,
    summary_subtitle,
    summary_title,
    versus_text,
)
from montage.app.widgets.big_clock import BigClock
from montage.app.widgets.title_card import TitleCard
from montage.durations import format_clock
from montage.log.sql import Connection
from montage.session.events import SessionFinished

if TYPE_CHECKING:
    from montage.log.reading import LogService
    from montage.log.records import Record
    from montage.session.ghost import Race

PREVIOUS_LOOKED_AT = 20
"""The newest sessions of the workout looked through for the last one to compare with."""


class SummaryScreen(Screen[None]):
    """What a finished (or stopped) session added up to."""

    BINDINGS = bindings(SUMMARY_COMMANDS)
    COMMAND_LIST = SUMMARY_COMMANDS
    HELP_TITLE = "summary"

    class RecordsRead(Message):
        """The records the session broke, and the last session to compare with, were read."""

        def __init__(
            self, records: list[Record], versus: str | None = None, problem: str | None = None
        ) -> None:
            super().__init__()
            self.records = records
            """The records, maybe none."""
            self.versus = versus
            """The session against the last one of its workout, in a line."""
            self.problem = problem
            """Why the log could not be read, if it could not."""

    def __init__(
        self,
        finished: SessionFinished,
        workout: str,
        log_service: LogService | None = None,
        race: Race | None = None,
    ) -> None:
        """Sum up ``finished``.

        Args:
            finished: The session's last event, with every step's result.
            workout: The workout's name.
            log_service: Reads the log, to show the records the session broke.
            race: How the race against the ghost went, if one was raced.
        """
        super().__init__(id="summary")
        self.finished = finished
        self.workout = workout
        self.log_service = log_service
        self.race = race

    def compose(self) -> ComposeResult:
        title = summary_title(self.finished)
        card = TitleCard(id="summary-title", classes="-shown")
        card.set_class(title != "COMPLETE", "-stopped")
        card.text = title
        yield card
        subtitle = summary_subtitle(self.finished, self.workout)
        yield Static(plain(subtitle), id="summary-workout", markup=False)
        with Horizontal(id="summary-figures"):
            with Vertical(classes="figure"):
                clock = BigClock(id="summary-time")
                clock.text = clock.template = format_clock(self.finished.duration)
                yield clock
                yield Static("total time", classes="caption", markup=False)
            rounds = amrap_rounds(self.finished)
            if rounds is not None:
                with Vertical(classes="figure"):
                    count = BigClock(id="summary-rounds")
                    count.text = count.template = str(rounds)
                    yield count
                    what = "AMRAP round" if rounds == 1 else "AMRAP rounds"
                    yield Static(what, classes="caption", markup=False)
        yield Static(id="summary-versus", markup=False)
        split = Static(id="summary-split", markup=False)
        if self.race is not None:
            from montage.racing import race_lines

            split.update(plain("   ·   ".join(race_lines(self.race))))
            split.add_class("-shown", "-ahead" if self.race.final.ahead else "-behind")
        yield split
        yield Static(id="summary-records", markup=False)
        with VerticalScroll(id="summary-body"):
            yield Static(plain("\n".join(summary_lines(self.finished))), markup=False)
        yield Footer()

    def read_records(self, session_id: int) -> None:
        """Read and show the records a session broke and the last session of its workout,
        once its last step is in the log.

        Args:
            session_id: The session's row in the log.
        """
        if self.log_service is not None:
            self._read_records(self.log_service, session_id)

    @work(thread=True, exclusive=True, group="records")
    def _read_records(self, log_service: LogService, session_id: int) -> None:
        from montage.log.errors import LogError
        from montage.log.records import records_broken

        try:
            with log_service.reading() as conn:
                if conn is None:
                    self.post_message(self.RecordsRead([]))
                    return
                records = records_broken(conn, session_id)
                versus = _versus(conn, session_id)
        except LogError as error:
            self.post_message(self.RecordsRead([], problem=str(error)))
            return
        self.post_message(self.RecordsRead(records, versus))

    @on(RecordsRead)
    def _records_read(self, message: RecordsRead) -> None:
        if message.problem is not None:
            self.notify(message.problem, title="Records not read", severity="warning")
        if message.versus:
            versus = self.query_one("#summary-versus", Static)
            versus.update(plain(message.versus))
            versus.add_class("-shown")
        if message.records:
            from montage.log.text import record_line

            lines = ["NEW RECORDS", *(f"  {record_line(record)}" for record in message.records)]
            self.query_one("#summary-records", Static).update(plain("\n".join(lines)))
            self.query_one("#summary-records").add_class("-shown")

    def action_close(self) -> None:
        """Back to the workouts."""
        self.dismiss(None)

    def action_quit(self) -> None:
        """Leave montage."""
        self.app.exit()


def _versus(conn: Connection, session_id: int) -> str | None:
    """This session against the last completed one of its workout (else the last one)."""
    from montage.log.queries import Filter, session_detail, sessions_page

    now = session_detail(conn, session_id)
    if now is None:
        return None
    same = Filter(workout_key=now.session.workout_key)
    page = sessions_page(conn, same, None, PREVIOUS_LOOKED_AT)
    earlier = [row for row in page.rows if row.id < session_id and row.status != "running"]
    chosen = next((row for row in earlier if row.status == "completed"), None)
    if chosen is None and earlier:
        chosen = earlier[0]
    last = session_detail(conn, chosen.id) if chosen is not None else None
    return versus_text(Logged.of(now), Logged.of(last) if last is not None else None)
