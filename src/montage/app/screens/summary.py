"""The summary after a session: time, steps, rounds and rep times."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from montage.app.commands import SUMMARY_COMMANDS, bindings
from montage.app.plain_text import plain
from montage.durations import format_clock
from montage.session.events import SessionFinished

if TYPE_CHECKING:
    from montage.log.reading import LogService
    from montage.log.records import Record


class SummaryScreen(Screen[None]):
    """What a finished (or stopped) session added up to."""

    BINDINGS = bindings(SUMMARY_COMMANDS)
    COMMAND_LIST = SUMMARY_COMMANDS

    class RecordsRead(Message):
        """The records the session broke were read from the log."""

        def __init__(self, records: list[Record], problem: str | None = None) -> None:
            super().__init__()
            self.records = records
            """The records, maybe none."""
            self.problem = problem
            """Why the log could not be read, if it could not."""

    def __init__(
        self,
        finished: SessionFinished,
        workout: str,
        log_service: LogService | None = None,
    ) -> None:
        """Sum up ``finished``.

        Args:
            finished: The session's last event, with every step's result.
            workout: The workout's name.
            log_service: Reads the log, to show the records the session broke.
        """
        super().__init__(id="summary")
        self.finished = finished
        self.workout = workout
        self.log_service = log_service

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Static(summary_title(self.finished), id="summary-title", markup=False)
            yield Static(plain(self.workout), id="summary-workout", markup=False)
            with VerticalScroll(id="summary-body"):
                yield Static(plain("\n".join(summary_lines(self.finished))), markup=False)
                yield Static(id="summary-records", markup=False)
        yield Footer()

    def read_records(self, session_id: int) -> None:
        """Read and show the records a session broke, once its last step is in the log.

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
                records = [] if conn is None else records_broken(conn, session_id)
        except LogError as error:
            self.post_message(self.RecordsRead([], str(error)))
            return
        self.post_message(self.RecordsRead(records))

    @on(RecordsRead)
    def _records_read(self, message: RecordsRead) -> None:
        if message.problem is not None:
            self.notify(message.problem, title="Records not read", severity="warning")
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


def summary_title(finished: SessionFinished) -> str:
    """The headline: complete, stopped, or every step skipped."""
    if finished.all_skipped:
        return "NOTHING DONE - EVERY STEP SKIPPED"
    return "SESSION COMPLETE" if finished.status == "completed" else "SESSION STOPPED"


def summary_lines(finished: SessionFinished) -> list[str]:
    """The summary as lines: totals, rounds, and the time of every rep step."""
    results = finished.results
    work = [r for r in results if r.step.kind == "work"]
    totals = finished.totals
    skipped = totals.work_skipped
    paused = finished.duration - totals.active_seconds
    pauses = f"  ({format_clock(paused)} paused)" if paused >= 1 else ""
    lines = [
        f"Total time      {format_clock(finished.duration)}{pauses}",
        f"Time at work    {format_clock(totals.work_seconds)}",
        f"Work steps      {totals.work_done} done" + (f", {skipped} skipped" if skipped else ""),
    ]
    amraps = [r for r in work if r.step.mode == "amrap" and r.rounds is not None]
    for result in amraps:
        named = "" if result.step.name == "AMRAP" else f"  ({result.step.name})"
        lines.append(f"AMRAP rounds    {result.rounds}{named}")
    emoms = [r for r in work if r.step.mode == "emom"]
    if emoms:
        made = sum(r.rounds or 0 for r in emoms)
        lines.append(f"EMOM intervals  {made} of {len(emoms)} finished in time")
    reps = [r for r in work if r.step.mode == "reps" and r.outcome in ("done", "capped")]
    if reps:
        lines += ["", "Rep steps"]
        for result in reps:
            mark = " (time cap)" if result.outcome == "capped" else ""
            where = f"  {result.step.round}" if result.step.round else ""
            lines.append(f"  {result.step.name:<28} {format_clock(result.seconds):>6}{mark}{where}")
    return lines
