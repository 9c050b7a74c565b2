"""How a front end puts a session together: its sound, its log, and who hears its events.

The line mode and the app wire a session the same way, here: notices about the
sound first, then the player, then the log's writer. Only how the log is
written differs: on the caller's thread for the line mode, on a thread of its
own for the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from montage.session.events import Event, Listener
from montage.session.timeline import Step, Timeline
from montage.sound.player import Player
from montage.sound.service import AudioService
from montage.sound.voice import voice_program

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
    for note in sound_notes(audio):
        notify(note)
    player = audio.session(timeline, notify)
    return SessionParts(player, open_log(timeline, source, notify))
