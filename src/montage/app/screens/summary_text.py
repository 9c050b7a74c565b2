"""What the summary says: the headline, the totals, and the session against the last one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from montage.durations import format_clock
from montage.session.events import SessionFinished
from montage.session.outcomes import counts_as_done

if TYPE_CHECKING:
    from montage.log.queries import SessionDetail


def summary_title(finished: SessionFinished) -> str:
    """The headline: complete, stopped, or nothing done."""
    if finished.all_skipped:
        return "NOTHING DONE"
    return "COMPLETE" if finished.status == "completed" else "STOPPED"


def summary_subtitle(finished: SessionFinished, workout: str) -> str:
    """The workout, and why a session counts as stopped."""
    if finished.all_skipped:
        return f"{workout}  ·  every step skipped"
    if finished.status != "completed":
        return f"{workout}  ·  the steps done are kept"
    return workout


def amrap_rounds(finished: SessionFinished) -> int | None:
    """Every AMRAP round the session finished, or None without an AMRAP."""
    rounds = [
        r.rounds
        for r in finished.results
        if r.step.mode == "amrap" and r.step.kind == "work" and r.rounds is not None
    ]
    return sum(rounds) if rounds else None


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


@dataclass(frozen=True, slots=True)
class Logged:
    """A session's figures as the log kept them, to set against another's."""

    started_at: str
    """When it started, ISO 8601."""
    active_seconds: float
    """Time in its steps, pauses left out."""
    work_done: int
    """Work steps done."""
    rounds: int | None
    """AMRAP rounds, or None without an AMRAP."""

    @classmethod
    def of(cls, detail: SessionDetail) -> Logged:
        """The figures of a session read from the log."""
        work = [step for step in detail.steps if step.kind == "work"]
        rounds = [step.rounds for step in work if step.mode == "amrap" and step.rounds is not None]
        return cls(
            detail.session.started_at,
            detail.session.active_seconds,
            sum(counts_as_done(step.outcome) for step in work),
            sum(rounds) if rounds else None,
        )


def versus_text(now: Logged, last: Logged | None) -> str:
    """This session against the last one of the same workout, in a line.

    Args:
        now: This session.
        last: The one before it, or None for a first time.
    """
    if last is None:
        return "First time on record: this is the one to beat."
    parts = [f"vs {last.started_at[:10]}"]
    seconds = round(now.active_seconds) - round(last.active_seconds)
    sign = "-" if seconds < 0 else "+"
    change = "same" if seconds == 0 else f"{sign}{format_clock(abs(seconds))}"
    parts.append(
        f"time {format_clock(last.active_seconds)} -> {format_clock(now.active_seconds)} ({change})"
    )
    parts.append(f"work steps {last.work_done} -> {now.work_done}")
    if now.rounds is not None and last.rounds is not None:
        parts.append(f"rounds {last.rounds} -> {now.rounds} ({now.rounds - last.rounds:+d})")
    return "   ".join(parts)
