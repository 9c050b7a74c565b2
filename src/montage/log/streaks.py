"""Training days from the progress log: streaks, and a calendar of recent weeks.

A *training day* is a local date (the first ten characters of ``started_at``)
with at least one session that finished a work step (its time ran out, or the
user said done, or it hit its cap); a get-ready countdown alone does not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from montage.log.queries import TRAINED, Filter
from montage.log.sql import Connection
from montage.log.values import Reading, finite


@dataclass(frozen=True, slots=True)
class Day:
    """What one training day held."""

    sessions: int
    """Sessions that finished a work step."""
    active_seconds: float
    """Their active time added up."""

    @property
    def active_minutes(self) -> float:
        """Their active time in minutes."""
        return self.active_seconds / 60


def training_days(
    conn: Connection, since: date | None = None, until: date | None = None
) -> dict[date, Day]:
    """Every training day, with its sessions and active time.

    Args:
        conn: The log.
        since: Only from this local date on.
        until: Only up to this local date.

    Returns:
        Each training day's sessions and time, in date order.
    """
    conditions, parameters = Filter(since=since, until=until).where()
    where = " AND ".join([*conditions, TRAINED])
    rows = conn.execute(
        "SELECT substr(s.started_at, 1, 10) AS day, count(*), sum(s.active_seconds)"
        f" FROM sessions s WHERE {where} GROUP BY day ORDER BY day",
        parameters,
    )
    days: dict[date, Day] = {}
    for day, count, seconds in rows:
        read = Reading()
        try:
            when = date.fromisoformat(read.text(day, "started_at"))
        except ValueError:
            continue  # a start that is no date is on no day
        # sum() reads text as 0; an infinity in the log would make the day's time one
        days[when] = Day(count, read.number(seconds, "active_seconds") or 0.0)
    return days


def undated(conn: Connection) -> dict[int, list[str]]:
    """The sessions that count on no day, or for no time: their start is no date, or their
    active time no number (the fields, by session).

    Args:
        conn: The log.
    """
    rows = conn.execute(
        f"SELECT s.id, {finite('s.active_seconds')}, s.started_at FROM sessions s"
        f" WHERE NOT {finite('s.active_seconds')}"
        " OR NOT (s.started_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*')"
    )
    found: dict[int, list[str]] = {}
    for session_id, timed, started in rows:
        fields = [] if timed else ["active_seconds"]
        try:
            date.fromisoformat(Reading().text(started, "started_at")[:10])
        except ValueError:
            fields.append("started_at")
        if fields:
            found[session_id] = fields
    return found


@dataclass(frozen=True, slots=True)
class Streaks:
    """Runs of training days, one after another."""

    current: int
    """Days in the run ending today, or yesterday when nothing is done today yet."""
    longest: int
    """Days in the longest run ever."""
    longest_ended: date | None
    """The last day of the longest run (the latest, on a tie)."""


def streaks(conn: Connection, today: date) -> Streaks:
    """The current and the longest streak of training days.

    Args:
        conn: The log.
        today: The local date today.

    Returns:
        The streaks.
    """
    return streaks_of(training_days(conn), today)


def streaks_of(days: Iterable[date], today: date) -> Streaks:
    """The streaks in a set of training days (see ``streaks``)."""
    ordered = sorted(set(days))
    longest, longest_ended, run = 0, None, 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        if run >= longest:
            longest, longest_ended = run, day
        previous = day
    trained = set(ordered)
    current = 0
    day = today if today in trained else today - timedelta(days=1)
    while day in trained:
        current += 1
        day -= timedelta(days=1)
    return Streaks(current, longest, longest_ended)


@dataclass(frozen=True, slots=True)
class Calendar:
    """Training days over whole weeks, Monday to Sunday, ending with this week."""

    start: date
    """The first Monday shown."""
    today: date
    """The last day that can hold anything."""
    weeks: int
    """Weeks shown."""
    days: dict[date, Day]
    """The training days among them."""


def calendar(conn: Connection, today: date, weeks: int = 16) -> Calendar:
    """The training days of the last ``weeks`` weeks, this week included.

    Args:
        conn: The log.
        today: The local date today.
        weeks: How many weeks.

    Returns:
        The calendar.
    """
    start = first_monday(today, weeks)
    return Calendar(start, today, weeks, training_days(conn, since=start, until=today))


def calendar_of(days: dict[date, Day], today: date, weeks: int = 16) -> Calendar:
    """The calendar (see ``calendar``) of training days already read."""
    start = first_monday(today, weeks)
    shown = {day: held for day, held in days.items() if start <= day <= today}
    return Calendar(start, today, weeks, shown)


def first_monday(today: date, weeks: int) -> date:
    """The Monday ``weeks - 1`` weeks before this week's."""
    return today - timedelta(days=today.weekday(), weeks=weeks - 1)


def days_within(days: Iterable[date], today: date, span: int = 28) -> int:
    """How many of ``days`` fall in the ``span`` days up to and including today."""
    since = today - timedelta(days=span - 1)
    return sum(since <= day <= today for day in set(days))
