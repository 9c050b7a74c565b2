"""Racing the ghost from a front end: finding him in the log, and the race in words.

The line mode, the app's session screen and its summary share these. The ghost's
own logic (matching, splits, the race) is the session wing's; reading him from
the log is the log wing's. Both load only once a ghost is wanted, off the way of
a session's first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from montage.durations import format_clock, format_split
from montage.session.ghost import GHOST_NAME, GhostChoice, GhostMatch, Race, Split, match_ghost
from montage.session.timeline import Timeline

if TYPE_CHECKING:
    from montage.log.reading import LogService


def find_ghost(
    service: LogService, timeline: Timeline, choice: GhostChoice
) -> tuple[GhostMatch | None, str | None]:
    """Read a session's ghost from the log and match it to the timeline (off the event loop:
    this reads the database).

    Args:
        service: Reads the log.
        timeline: The workout about to be raced.
        choice: best, last or none.

    Returns:
        The ghost matched step by step, or None (``none``, or never finished before); and
        why the log could not be read, if it could not.
    """
    if choice == "none":
        return None, None
    from montage.log.errors import LogError
    from montage.log.ghost import read_ghost

    try:
        with service.reading() as conn:
            ghost = None if conn is None else read_ghost(conn, timeline.name, choice)
    except LogError as error:
        return None, f"{error}; no ghost to race"
    return (None if ghost is None else match_ghost(timeline, ghost)), None


def ghost_intro(choice: GhostChoice, match: GhostMatch | None) -> str:
    """Who the session races, in a line: ``Racing Drago: your best, 2024-03-05 (12:34)``."""
    if choice == "none":
        return f"No ghost: {GHOST_NAME} sits this one out."
    which = "best" if choice == "best" else "last"
    if match is None:
        return f"No {which} finished session of this workout yet: no {GHOST_NAME} to race."
    ghost = match.ghost
    from montage.log.text import local_day

    when = local_day(ghost.started_at)
    return f"Racing {GHOST_NAME}: your {which}, {when} ({format_clock(ghost.active_seconds)})"


def split_words(split: Split) -> str:
    """A split in words: ``+0:04 behind``, ``-0:02 ahead``, ``±0:00 level``."""
    text = format_split(split.seconds)
    if text.startswith("±"):
        return f"{text} level"
    return f"{text} {'ahead' if split.ahead else 'behind'}"


def race_lines(race: Race) -> list[str]:
    """How the race against the ghost went: ahead or behind, by how much, where time was
    gained and lost most."""
    final = race.final
    level = format_split(final.seconds).startswith("±")
    if level:
        head = f"Dead level with {GHOST_NAME}"
    else:
        margin = format_clock(round(abs(final.seconds)))
        head = f"{'Beat' if final.ahead else 'Behind'} {GHOST_NAME} by {margin}"
    lines = [f"{head} ({format_split(final.seconds)})"]
    for words, split in (("gained most", race.gained), ("lost most", race.lost)):
        if split is not None and not format_split(split.change).startswith("±"):
            lines.append(f"{words}: {_where(split)} {format_split(split.change)}")
    return lines


def _where(split: Split) -> str:
    step = split.step
    return f"{step.name} ({step.round})" if step.round is not None else step.name
