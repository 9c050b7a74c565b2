"""Which sounds each event of a session calls for: the one home of "what plays when"."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from montage.session.events import (
    Countdown,
    Event,
    Halfway,
    MoveStarted,
    Paused,
    Resumed,
    RoundFinished,
    SessionFinished,
    StepStarted,
)
from montage.session.timeline import Timeline

CUE_NAMES = (
    "tick",
    "go",
    "rest",
    "halfway",
    "round",
    "last-round",
    "finish",
    "pause",
    "resume",
)
"""Every cue, by the name of its file in ``sounds/`` (without ``.wav``)."""


@dataclass(frozen=True, slots=True)
class Cue:
    """A sound to play for an event: a named cue, or a step's own WAV."""

    name: str
    """The cue's name, or ``step`` for a step's own sound."""
    path: Path | None = None
    """The step's WAV, for ``step``."""


def cues_for(event: Event, timeline: Timeline) -> list[Cue]:
    """The sounds an event calls for.

    Args:
        event: An event from the engine.
        timeline: The session's timeline, to tell a new round.

    Returns:
        The cues to play, in order (most events have one or none).
    """
    if isinstance(event, StepStarted):
        step = event.step
        if step.kind == "work":
            if step.sound is not None:
                return [Cue("step", step.sound)]
            opened = timeline.new_round(step)
            if opened is not None:
                return [Cue("last-round" if opened.number == opened.of else "round")]
            return [Cue("go")]
        return [Cue("rest")] if step.kind in ("rest", "cooldown") else []
    if isinstance(event, MoveStarted):
        if event.move is None:
            return [Cue("rest")]
        if event.number > 0 and event.move.sound is not None:
            return [Cue("step", event.move.sound)]
        return []
    named = {
        Countdown: "tick",
        Halfway: "halfway",
        RoundFinished: "round",
        Paused: "pause",
        Resumed: "resume",
    }.get(type(event))
    if named:
        return [Cue(named)]
    if isinstance(event, SessionFinished) and event.status == "completed":
        return [Cue("finish")]
    return []
