"""The progress log as short lines of text, shared by ``montage stats``, the summary and the log."""

from __future__ import annotations

from montage.durations import format_clock
from montage.log.charts import Progress, Unit
from montage.log.queries import SessionRow, StepRow
from montage.log.records import Best, ExerciseTotal, Record, WorkoutSummary
from montage.log.streaks import Streaks


def when(started_at: str) -> str:
    """A session's start as ``2024-03-09 08:00``."""
    return f"{started_at[:10]} {started_at[11:16]}"


def days(count: int) -> str:
    """``1 day``, ``3 days``."""
    return f"{count} day" if count == 1 else f"{count} days"


def best_on(best: Best) -> str:
    """The day a best was set: `` (2024-03-06)``."""
    return f" ({best.started_at[:10]})"


def record_line(record: Record) -> str:
    """A record just beaten, with the best it beat."""
    if record.kind == "fastest":
        return (
            f"Fastest {record.what}  {format_clock(record.value)}"
            f"  (was {format_clock(record.previous)})"
        )
    if record.kind == "rounds":
        return f"Most rounds of {record.what}  {record.value:g}  (was {record.previous:g})"
    return f"Most reps of {record.what} in a set  {record.value:g}  (was {record.previous:g})"


def percent(share: float) -> str:
    """A share as a whole percentage: ``86%``."""
    return f"{round(share * 100)}%"


def metres(distance: float) -> str:
    """A distance: ``400 m``, ``12.5 km``; ``-`` for none."""
    if distance <= 0:
        return "-"
    return f"{distance / 1000:,.1f} km" if distance >= 1000 else f"{distance:,.0f} m"


def kilos(load: float) -> str:
    """A load moved: ``512 kg``, ``1,250 kg``; ``-`` for none."""
    return f"{load:,.0f} kg" if load > 0 else "-"


def session_cells(row: SessionRow) -> tuple[str, str, str, str, str]:
    """A session's cells in the log's table: when, workout, time, status, share done."""
    return (
        when(row.started_at),
        row.workout,
        format_clock(row.active_seconds),
        row.status,
        percent(row.completion),
    )


def step_cells(step: StepRow) -> tuple[str, str, str, str, str, str, str]:
    """A step's cells in a session's detail: number, name, planned, actual, reps or
    rounds, outcome, load and distance."""
    if step.planned_seconds is None:
        planned = "open"
    else:
        cap = "<" if step.mode == "reps" else ""
        planned = cap + format_clock(step.planned_seconds)
    if step.mode == "amrap" and step.rounds is not None:
        done = f"{step.rounds} rounds"
    elif step.mode == "emom" and step.rounds is not None:
        done = "in time" if step.rounds else "late"
    else:
        done = f"x{step.reps}" if step.reps else ""
    extras = " - ".join(text for text in (step.load, step.distance) if text)
    return (
        str(step.position + 1),
        step.name,
        planned,
        format_clock(step.actual_seconds),
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
        format_clock(total.seconds),
        metres(total.distance_m),
        kilos(total.load_moved_kg),
    )


def stats_lines(workouts: list[WorkoutSummary], streaks: Streaks, recent: int) -> list[str]:
    """``montage stats``: the streaks, recent training days, and each workout's bests.

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
    width = max((len(workout.name) for workout in workouts), default=0)
    for workout in workouts:
        bests = []
        if workout.fastest is not None:
            clock = format_clock(workout.fastest.value)
            bests.append(f"fastest {clock} on {workout.fastest.started_at[:10]}")
        if workout.most_rounds is not None:
            rounds = f"{workout.most_rounds.value:g}"
            bests.append(f"most rounds {rounds} on {workout.most_rounds.started_at[:10]}")
        count = f"{workout.sessions} session{'' if workout.sessions == 1 else 's'}"
        detail = ", ".join(bests) + f"  ({count})" if bests else f"{count}, timed all through"
        lines.append(f"  {workout.name:<{width}}  {detail}")
    return lines


def amount(value: float, unit: Unit) -> str:
    """A value of a series: ``4:30``, ``4 rounds``, ``11.5 reps``, ``20 kg``."""
    if unit == "seconds":
        return format_clock(value)
    number = f"{value:,.1f}".removesuffix(".0")
    return f"{number} {unit}"


def progress_lines(progress: Progress) -> list[str]:
    """Every series of a workout or exercise as lines: each session's value, the best so far,
    and the records marked."""
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
            lines.append(f"  {when(point.started_at)}  {value:>12}  best {best:>12}{mark}")
    return lines
