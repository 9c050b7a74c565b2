"""The progress log as short lines of text, shared by ``montage stats``, the summary and the log.

Times are shown in the local zone, whatever zone they were recorded in; a value
the log holds in a form montage cannot read shows as ``?``.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from montage.durations import format_clock
from montage.log.charts import Progress, Unit
from montage.log.exercises import ExerciseTotal
from montage.log.queries import SessionDetail, SessionRow, StepRow
from montage.log.records import Best, Record, WorkoutSummary
from montage.log.streaks import Streaks
from montage.log.values import FIELD_WORDS
from montage.safe_text import visible

UNREADABLE = "?"
"""What a value shows as when the log holds it in a form montage cannot read."""


class LocalTimes:
    """Shows the log's stamps (ISO 8601 with their offset) in the local zone.

    It remembers, for each day and offset met, how far the local zone is from that offset
    when it stays the same all day: a long log then lists fast, and a stamp recorded in
    the local zone is shown as it is written.
    """

    def __init__(self) -> None:
        self._shifts: dict[tuple[str, str], timedelta | None] = {}

    def minute(self, stamp: str) -> str | None:
        """A stamp as ``2024-03-09 08:00``, local time; None when it is no time."""
        local = self._local(stamp)
        if local is None:
            return None
        if isinstance(local, str):
            return f"{local[:10]} {local[11:16]}"
        return f"{local.date().isoformat()} {local.hour:02d}:{local.minute:02d}"

    def day(self, stamp: str) -> str | None:
        """The local date of a stamp, ``2024-03-09``; None when it is no time."""
        local = self._local(stamp)
        if local is None:
            return None
        return local[:10] if isinstance(local, str) else local.date().isoformat()

    def _local(self, stamp: str) -> str | datetime | None:
        """The stamp itself when it is local already, else the moment in the local zone."""
        key = (stamp[:10], stamp[19:])
        if key in self._shifts:
            shift = self._shifts[key]
        else:
            shift = self._shifts[key] = _shift(stamp)
        if shift is not None and not shift:
            return stamp
        try:
            moment = datetime.fromisoformat(stamp)
        except ValueError:
            return None
        if moment.tzinfo is None:
            return moment
        if shift is None:
            return moment.astimezone()
        return moment.replace(tzinfo=None) + shift


def _shift(stamp: str) -> timedelta | None:
    """How far the local zone is from a stamp's offset, when that holds all of the stamp's
    day (the local zone keeps one offset from its start to its end); None when it does not,
    or the stamp is no time (each is then converted, or found not to be one, on its own)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if len(stamp) < 16 or stamp[10] not in "T ":
        return None  # a date alone, or a form shown more plainly once converted
    offset = moment.utcoffset()
    if offset is None:
        return timedelta(0)  # no offset: written in local time
    start = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    local = {at.astimezone().utcoffset() for at in (start, start + timedelta(hours=23, minutes=59))}
    if len(local) != 1:
        return None
    (here,) = local
    return None if here is None else here - offset


def when(started_at: str) -> str:
    """A session's start as ``2024-03-09 08:00`` in the local zone (as it is, when it is no
    time)."""
    return LocalTimes().minute(started_at) or started_at[:16]


def local_day(stamp: str) -> str:
    """The local date of a stamp: ``2024-03-09`` (as it is, when it is no time)."""
    return LocalTimes().day(stamp) or stamp[:10]


def clock(seconds: float) -> str:
    """A duration as a clock (``12:00``); ``?`` for one that is no number."""
    return format_clock(seconds) if math.isfinite(seconds) else UNREADABLE


def days(count: int) -> str:
    """``1 day``, ``3 days``."""
    return f"{count} day" if count == 1 else f"{count} days"


def best_on(best: Best) -> str:
    """The day a best was set: `` (2024-03-06)``."""
    return f" ({local_day(best.started_at)})"


def record_line(record: Record) -> str:
    """A record just beaten, with the best it beat."""
    if record.kind == "fastest":
        return f"Fastest {record.what}  {clock(record.value)}  (was {clock(record.previous)})"
    if record.kind == "rounds":
        return f"Most rounds of {record.what}  {record.value:g}  (was {record.previous:g})"
    return f"Most reps of {record.what} in a set  {record.value:g}  (was {record.previous:g})"


def percent(share: float) -> str:
    """A share as a whole percentage: ``86%``."""
    return f"{round(share * 100)}%" if math.isfinite(share) else UNREADABLE


def metres(distance: float) -> str:
    """A distance: ``400 m``, ``12.5 km``; ``-`` for none."""
    if not math.isfinite(distance):
        return UNREADABLE
    if distance <= 0:
        return "-"
    return f"{distance / 1000:,.1f} km" if distance >= 1000 else f"{distance:,.0f} m"


def kilos(load: float) -> str:
    """A load moved: ``512 kg``, ``1,250 kg``; ``-`` for none."""
    if not math.isfinite(load):
        return UNREADABLE
    return f"{load:,.0f} kg" if load > 0 else "-"


def session_cells(row: SessionRow) -> tuple[str, str, str, str, str]:
    """A session's cells in the log's table: when, workout, time, status, share done.

    A value the log could not read shows as ``?``; a session not fully kept has its
    status marked ``*`` (``completed*``).
    """
    bad = set(row.unreadable)
    time = UNREADABLE if "active_seconds" in bad else clock(row.active_seconds)
    counted = {"steps_completed", "steps_total"} & bad
    return (
        when(row.started_at),
        row.workout,
        time,
        row.status + ("" if row.fully_kept else NOT_KEPT_MARK),
        UNREADABLE if counted else percent(row.completion),
    )


NOT_KEPT_MARK = "*"
"""After a session's status: some of it could not be written to the log."""


def session_meta(detail: SessionDetail) -> str:
    """A session's status, active time and steps done, in a line for its detail, with why
    it is not fully kept and what of it could not be read, when so.

    Args:
        detail: The session and its steps.

    Returns:
        ``completed   4:35 active   7 of 7 steps (100%)``, and after it, when so,
        ``   not fully kept: the disk is full`` and ``   cannot be read: active time``.
    """
    session = detail.session
    bad = set(session.unreadable)
    time = UNREADABLE if "active_seconds" in bad else clock(session.active_seconds)
    done = UNREADABLE if "steps_completed" in bad else str(session.steps_completed)
    total = UNREADABLE if "steps_total" in bad else str(session.steps_total)
    share = UNREADABLE if {"steps_completed", "steps_total"} & bad else percent(session.completion)
    line = f"{session.status}   {time} active   {done} of {total} steps ({share})"
    if not session.fully_kept:
        line += f"   not fully kept: {session.not_kept}"
    if detail.unreadable:
        words = dict.fromkeys(FIELD_WORDS.get(field, field) for field in detail.unreadable)
        line += f"   cannot be read: {', '.join(words)}"
    return line


def step_cells(step: StepRow) -> tuple[str, str, str, str, str, str, str]:
    """A step's cells in a session's detail: number, name, planned, actual, reps or
    rounds, outcome, load and distance."""
    bad = set(step.unreadable)
    if "step_planned_seconds" in bad:
        planned = UNREADABLE
    elif step.planned_seconds is None:
        planned = "open"
    else:
        cap = "<" if step.mode == "reps" else ""
        planned = cap + clock(step.planned_seconds)
    if {"reps", "rounds"} & bad:
        done = UNREADABLE
    elif step.mode == "amrap" and step.rounds is not None:
        done = f"{step.rounds} rounds"
    elif step.mode == "emom" and step.rounds is not None:
        done = "in time" if step.rounds else "late"
    else:
        done = f"x{step.reps}" if step.reps else ""
    extras = " - ".join(text for text in (step.load, step.distance) if text)
    return (
        UNREADABLE if "position" in bad else str(step.position + 1),
        step.name,
        planned,
        UNREADABLE if "actual_seconds" in bad else clock(step.actual_seconds),
        done,
        step.outcome,
        extras,
    )


def exercise_cells(total: ExerciseTotal) -> tuple[str, str, str, str, str, str, str]:
    """An exercise's cells in the totals: name, sets, reps, best set, time, distance, load."""
    return (
        total.name,
        str(total.sets),
        f"{total.reps:,}" if total.reps else "-",
        str(total.best_reps) if total.best_reps else "-",
        clock(total.seconds) if total.seconds else "-",
        metres(total.distance_m),
        kilos(total.load_moved_kg),
    )


def stats_lines(workouts: list[WorkoutSummary], streaks: Streaks, recent: int) -> list[str]:
    """``montage stats``: the streaks, recent training days, and each workout's bests.

    Every line is safe to print: names from the log show their control characters as
    escapes.

    Args:
        workouts: Every workout in the log, with its bests.
        streaks: The current and the longest streak.
        recent: Training days in the last 4 weeks.

    Returns:
        The lines to print.
    """
    longest = days(streaks.longest)
    if streaks.longest_ended is not None:
        longest += f", to {streaks.longest_ended.isoformat()}"
    lines = [
        f"Streak          {days(streaks.current)} (longest {longest})",
        f"Last 4 weeks    {recent} training day{'' if recent == 1 else 's'}",
        "",
        "Records",
    ]
    names = [visible(workout.name) for workout in workouts]
    width = max((len(name) for name in names), default=0)
    for name, workout in zip(names, workouts, strict=True):
        bests = []
        if workout.fastest is not None:
            on = visible(local_day(workout.fastest.started_at))
            bests.append(f"fastest {clock(workout.fastest.value)} on {on}")
        if workout.most_rounds is not None:
            rounds = f"{workout.most_rounds.value:g}"
            on = visible(local_day(workout.most_rounds.started_at))
            bests.append(f"most rounds {rounds} on {on}")
        count = f"{workout.sessions} session{'' if workout.sessions == 1 else 's'}"
        detail = ", ".join(bests) + f"  ({count})" if bests else f"{count}, timed all through"
        lines.append(f"  {name:<{width}}  {detail}")
    return lines


def amount(value: float, unit: Unit) -> str:
    """A value of a series: ``4:30``, ``4 rounds``, ``11.5 reps``, ``20 kg``."""
    if unit == "seconds":
        return clock(value)
    if not math.isfinite(value):
        return UNREADABLE
    number = f"{value:,.1f}".removesuffix(".0")
    return f"{number} {unit}"


def progress_lines(progress: Progress) -> list[str]:
    """Every series of a workout or exercise as lines: each session's value, the best so far,
    and the records marked."""
    times = LocalTimes()
    lines = [f"{progress.name} ({progress.kind})"]
    if not progress.series:
        lines.append("Nothing to chart yet: no finished session of it.")
    for series in progress.series:
        last = series.points[-1]
        records = len(series.records)
        count = f"{records} record" + ("" if records == 1 else "s")
        lines += ["", f"{series.title}  (best {amount(last.best, series.unit)}, {count})"]
        for point in series.points:
            mark = "  * record" if point.record else ""
            value = amount(point.value, series.unit)
            best = amount(point.best, series.unit)
            at = times.minute(point.started_at) or point.started_at[:16]
            lines.append(f"  {at}  {value:>12}  best {best:>12}{mark}")
    return lines
