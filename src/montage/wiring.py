"""How a front end puts a session together: its sound, its log, and who hears its events.

The line mode and the app wire a session the same way, here: notices about the
sound first, then the player, then the log's writer. Only how the log is
written differs: on the caller's thread for the line mode, on a thread of its
own for the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from montage.session.events import Event, Listener
from montage.session.timeline import Step, Timeline
from montage.workout.catalogue import Entry
from montage.workout.problems import WorkoutError

if TYPE_CHECKING:
    # the sound loads only once a session is put together, off the way of the first frame
    from montage.log.reading import LogService
    from montage.log.sql import Connection
    from montage.sound.player import Player
    from montage.sound.service import AudioService

Notify = Callable[[str], None]
"""Tells the user something; may be called from another thread."""


class SessionLog(Protocol):
    """Writes a session to the progress log as its events come."""

    def __call__(self, event: Event) -> None:
        """Take an event of the session."""

    def enter_count(self, step: Step, count: int, load: str | None = None) -> object:
        """Keep a number typed for a finished step (reps, or rounds for an AMRAP)."""

    def close(self) -> object:
        """Finish the session's writes."""


OpenLog = Callable[[Timeline, str | None, Notify], SessionLog | None]
"""Starts logging a session of a workout from a file; None when the log is off."""


@dataclass(frozen=True, slots=True)
class SessionParts:
    """A session's sound and log, ready for its events."""

    player: Player
    """The session's sound."""
    log: SessionLog | None
    """The session's writer to the log; None when it is not logged."""

    @property
    def listeners(self) -> tuple[Listener, ...]:
        """Who hears every event, in order: the sound first, so a cue never waits for a write."""
        return (self.player,) if self.log is None else (self.player, self.log)


def sound_notes(audio: AudioService) -> list[str]:
    """What the user should know about the sound before a session starts."""
    from montage.sound.voice import voice_program

    if audio.settings.voice and not audio.forced_mute and voice_program() is None:
        return ["Voice off: install espeak-ng for a spoken coach."]
    return []


def assemble(
    timeline: Timeline,
    source: str | None,
    audio: AudioService,
    open_log: OpenLog,
    notify: Notify,
) -> SessionParts:
    """Start a session's sound and log.

    Args:
        timeline: The workout.
        source: The workout's file, kept with the session in the log.
        audio: Makes the session's player.
        open_log: Starts the session's writer to the log.
        notify: Tells the user of a problem, now or later (from another thread too).

    Returns:
        The player, already listening, and the log's writer.
    """
    from montage.memory import one_heap  # ctypes loads here, off the way of the first frame

    one_heap()  # before the session's threads start: none of them keeps a heap of its own
    for note in sound_notes(audio):
        notify(note)
    player = audio.session(timeline, notify)
    return SessionParts(player, open_log(timeline, source, notify))


def planned(
    entries: Iterable[Entry],
    log: LogService | Callable[[], LogService] | None = None,
    tell: Notify | None = None,
) -> list[Entry]:
    """The workouts with their steps asking the targets the progress log holds for them.

    Args:
        entries: Workouts as their files write them.
        log: The progress log, or what makes it when a workout has rules; the user's by
            default. A log of an older version holds no targets and is not brought up to
            date here.
        tell: Told in one line when the log cannot be read; the files' targets are used.

    Returns:
        The entries, each with its timeline progressed (``montage.session.progression``).
    """
    entries = list(entries)
    if not any(entry.timeline is not None and entry.timeline.rules for entry in entries):
        return entries
    # the log's modules load only for a workout with rules
    import sqlite3

    from montage.log.errors import LogError, log_error
    from montage.log.reading import LogService

    service = log() if callable(log) else log or LogService()
    try:
        conn = service.connect_current()
        if conn is None:
            return [_planned(entry, None) for entry in entries]
        with closing(conn):
            try:
                return [_planned(entry, conn) for entry in entries]
            except sqlite3.Error as error:
                path = service.path
                assert isinstance(path, Path)  # only an SQLite log raises SQLite's errors
                raise log_error(path, error) from None
    except LogError as error:
        if tell is not None:
            tell(f"{error}; the targets are the workout files' own")
        return [_planned(entry, None) for entry in entries]


def _planned(entry: Entry, conn: Connection | None) -> Entry:
    from montage.log.migrations import workout_key
    from montage.log.targets import current_standings
    from montage.session.progression import progressed, rounds_wanted

    timeline = entry.timeline
    if timeline is None or not timeline.rules:
        return entry
    now = current_standings(conn, workout_key(timeline.name), timeline)
    wanted = rounds_wanted(timeline, now)
    if wanted:
        timeline = _regrown(entry, wanted) or timeline
    return replace(entry, timeline=progressed(timeline, now))


def _regrown(entry: Entry, rounds: dict[str, int]) -> Timeline | None:
    """The workout compiled again with the rounds its repeats have grown to (only its file
    knows what a round holds); None when the file cannot be read now."""
    from montage.workout.compiler import compile_workout
    from montage.workout.loader import load_workout

    try:
        loaded = load_workout(entry.path)
    except (WorkoutError, OSError):
        return None
    return compile_workout(loaded.workout, loaded.base_dir, rounds)
