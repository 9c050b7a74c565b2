"""The summary after a session: time, steps, rounds and rep times."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from montage.app.commands import SUMMARY_COMMANDS, bindings
from montage.durations import format_clock
from montage.events import SessionFinished


class SummaryScreen(Screen[None]):
    """What a finished (or stopped) session added up to."""

    BINDINGS = bindings(SUMMARY_COMMANDS)
    COMMAND_LIST = SUMMARY_COMMANDS

    def __init__(self, finished: SessionFinished, workout: str) -> None:
        """Sum up ``finished``.

        Args:
            finished: The session's last event, with every step's result.
            workout: The workout's name.
        """
        super().__init__(id="summary")
        self.finished = finished
        self.workout = workout

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Static(summary_title(self.finished), id="summary-title", markup=False)
            yield Static(self.workout, id="summary-workout", markup=False)
            with VerticalScroll(id="summary-body"):
                yield Static("\n".join(summary_lines(self.finished)), markup=False)
        yield Footer()

    def action_close(self) -> None:
        """Back to the workouts."""
        self.dismiss(None)

    def action_quit(self) -> None:
        """Leave montage."""
        self.app.exit()


def summary_title(finished: SessionFinished) -> str:
    """The headline: complete, or stopped."""
    return "SESSION COMPLETE" if finished.status == "completed" else "SESSION STOPPED"


def summary_lines(finished: SessionFinished) -> list[str]:
    """The summary as lines: totals, rounds, and the time of every rep step."""
    results = finished.results
    work = [r for r in results if r.step.kind == "work"]
    active = sum(r.seconds for r in results)
    under_work = sum(r.seconds for r in work if r.outcome != "skipped")
    done = sum(r.outcome in ("completed", "done", "capped") for r in work)
    skipped = sum(r.outcome == "skipped" for r in work)
    lines = [
        f"Total time      {format_clock(active)}",
        f"Time at work    {format_clock(under_work)}",
        f"Work steps      {done} done" + (f", {skipped} skipped" if skipped else ""),
    ]
    amraps = [r for r in work if r.step.mode == "amrap" and r.rounds is not None]
    for result in amraps:
        lines.append(f"AMRAP rounds    {result.rounds}  ({result.step.name})")
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
