"""When the voice speaks in a step: "go" or "rest" after the cue, then the next exercise.

A line is never placed over a countdown tick: "Next: ..." is said as late as
it can be before the score's last seconds, and where it does not fit the
shorter line with just the exercise's name is tried; where neither fits, the
voice keeps quiet.
"""

from __future__ import annotations

from collections.abc import Callable

from montage.session.timeline import Step, Timeline
from montage.sound.dsp import RATE
from montage.sound.mixer import Part

DROP_OUT = 3.0
"""Seconds before a step's end at which the score stops, leaving the countdown alone."""

SAY_AFTER_CUE = 0.35
"""Seconds after the go or rest cue that the voice says "go" or "rest"."""

TICK_CLEARANCE = 0.25
"""Seconds the voice keeps clear of a tick on either side."""

GAP = 0.2
"""Seconds between two lines."""


def voice_lines(
    timeline: Timeline,
    step: Step,
    start: int,
    ticks: list[tuple[int, int]],
    line: Callable[[str, int], Part | None],
) -> list[Part]:
    """The voice's lines for a step, clear of its ticks.

    Args:
        timeline: The workout.
        step: The step.
        start: The mixer sample it starts at.
        ticks: Where each of its ticks sounds, first and after last sample.
        line: The part for a line's key at a sample; None when the voice cannot say it.

    Returns:
        The lines to place.
    """
    clear = round(TICK_CLEARANCE * RATE)
    lines: list[Part] = []
    said = None
    if step.kind == "work" and step.sound is None:
        said = "go"
    elif step.kind in ("rest", "cooldown"):
        said = "rest"
    moment = start + round(SAY_AFTER_CUE * RATE)
    if said is not None:
        spoken = line(said, moment)
        if spoken is not None and _clear(spoken, ticks, clear):
            lines.append(spoken)
            moment = _end(spoken) + round(GAP * RATE)
    later = timeline.steps[step.index + 1 :]
    if not later or later[0].kind != "work" or step.kind not in ("prepare", "rest"):
        return lines
    if step.seconds is None:
        return lines
    end = start + step.seconds * RATE
    for key in (f"next:{later[0].index}", f"name:{later[0].index}"):
        spoken = line(key, moment)
        if spoken is None:
            continue
        latest = end - round((DROP_OUT + 0.4) * RATE) - (_end(spoken) - spoken.start)
        spoken.start = spoken.due = max(moment, latest)
        if _clear(spoken, ticks, clear) and _end(spoken) < end:
            lines.append(spoken)
            break
    return lines


def _end(part: Part) -> int:
    return part.start + (part.source.length or 0)


def _clear(line: Part, ticks: list[tuple[int, int]], clear: int) -> bool:
    end = _end(line)
    return all(end + clear <= start or line.start >= stop + clear for start, stop in ticks)
