"""What the session screen says: the band, the digits, the step and what comes next."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from montage.durations import format_clock, format_duration, format_split
from montage.session.engine import Snapshot
from montage.session.timeline import Step

if TYPE_CHECKING:
    from montage.session.ghost import GhostChoice, GhostMatch, Split

PHASE_TITLES = {"prepare": "GET READY", "work": "WORK", "rest": "REST", "cooldown": "COOL DOWN"}
"""The band over the digits for each phase."""

PAUSE_MARK = "❚❚ PAUSE"
"""The on-screen display of a paused tape."""

TIMES = "\N{MULTIPLICATION SIGN}"
"""Written before a number of reps."""


def banner(step: Step) -> str:
    """The band's words for a step: its phase, or how a block or rep step runs."""
    if step.mode == "amrap":
        return f"AMRAP {format_duration(step.seconds or 0)}"
    if step.mode == "emom":
        return "EMOM"
    if step.mode == "reps":
        return f"WORK  ·  {step.reps} REPS" if step.reps else "WORK  ·  REPS"
    return PHASE_TITLES[step.kind]


def spaced(text: str) -> str:
    """``WORK`` as ``W O R K``: the band's lettering."""
    return "   ".join(" ".join(word) for word in text.split())


def paused_band(elapsed: float, width: int, note: str = "") -> str:
    """The pause display: the mark at the left, the tape's time code at the right, and
    ``note`` between them where it fits."""
    code = f"SP {timecode(elapsed)}"
    gap = max(2, width - len(PAUSE_MARK) - len(code) - 4)
    middle = note.center(gap) if note and len(note) + 4 <= gap else " " * gap
    return f"  {PAUSE_MARK}{middle}{code}  "


def timecode(seconds: float) -> str:
    """A tape counter: ``0:17:32``."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def position(step: Step, total: int) -> str:
    """The round and the step's place, for the top bar."""
    parts = [str(round_) for round_ in step.rounds[-1:]]
    parts.append(f"step {step.index + 1}/{total}")
    return "  ".join(parts)


def clock_text(snapshot: Snapshot) -> str:
    """The digits: what is left of a timed step, or ``+`` the time a rep step has taken."""
    if snapshot.step.mode == "reps":
        return "+" + format_clock(snapshot.step_elapsed)
    return format_clock(math.ceil(snapshot.step_remaining or 0))


def clock_template(step: Step) -> str:
    """The widest the digits get in a step: its length, or a rep step's time so far."""
    if step.mode == "reps":
        return "+" + format_clock(step.seconds or 0)
    return format_clock(step.seconds or 0)


def now_text(snapshot: Snapshot) -> str:
    """The exercise (or the AMRAP or EMOM move, with its reps); a rep step's target is
    shown big on its own (``big_count``)."""
    step = snapshot.step
    if step.moves:
        move = snapshot.move
        if move is None:
            return "Rest till the next interval"
        return f"{move.name}{target(move.reps)}"
    return step.name


def target(reps: int | None) -> str:
    """A space, the times sign and 12, for twelve reps; nothing without a number."""
    return f" {TIMES}{reps}" if reps else ""


def big_count(snapshot: Snapshot) -> str:
    """The big count: a rep step's target reps, an AMRAP's rounds done; else nothing."""
    step = snapshot.step
    if step.mode == "reps":
        return target(step.reps).strip()
    if step.mode == "amrap":
        return count(snapshot.rounds, "round").upper()
    return ""


def detail_text(snapshot: Snapshot) -> str:
    """The coaching line, then what is lifted and how far, then how the step ends: each on a
    line of its own, so that a long cue wraps instead of hiding the load."""
    step = snapshot.step
    lines: list[str] = []
    if step.mode == "amrap":
        lines.append(f"{count(snapshot.rounds, 'round')} done")
    if step.moves and snapshot.move is not None:
        move = snapshot.move
        lines += _texts(move.cue, " · ".join(t for t in (move.load, move.distance) if t))
        if move.seconds is None:
            lines.append("press d when done")
        return "\n".join(lines)
    lines += _texts(step.cue, " · ".join(t for t in (step.load, step.distance) if t))
    if step.mode == "reps":
        cap = f" (cap {format_clock(step.seconds)})" if step.seconds else ""
        lines.append(f"counting up: press d when done{cap}")
    return "\n".join(lines)


def _texts(*texts: str | None) -> list[str]:
    return [text for text in texts if text]


def count(number: int, unit: str) -> str:
    """``1 round``, ``3 rounds``."""
    return f"{number} {unit}" + ("" if number == 1 else "s")


def next_text(step: Step | None) -> str:
    """What comes after this step."""
    if step is None:
        return "NEXT  the finish"
    length = "reps" if step.seconds is None else format_clock(step.seconds)
    if step.mode == "reps" and step.seconds is not None:
        length = f"reps, cap {format_clock(step.seconds)}"
    return f"NEXT  {step.name}{target(step.reps)}  {length}"


def card_for(step: Step, opens_round: tuple[int, int] | None) -> tuple[str, bool] | None:
    """The title card a step opens with, if any, and whether it must fit in block letters
    (a card naming the exercise shows only where it does).

    Args:
        step: The step starting.
        opens_round: The round it opens and how many there are, for round 2 and later.
    """
    if opens_round is not None:
        number, of = opens_round
        return ("Final round" if number == of else f"Round {number}"), False
    if step.kind in ("prepare", "cooldown"):
        return PHASE_TITLES[step.kind], False
    if step.kind == "work":
        return step.name, True
    return None


def next_change(snapshot: Snapshot) -> float:
    """Seconds until the big digits next change: the screen is drawn once a second.

    The totals and the progress bar are drawn with the digits, so that a second costs one
    frame even when the step's seconds and the session's are out of step (after a pause or
    a rep step); they are then at most a second behind.
    """
    if snapshot.step_remaining is not None and snapshot.step.mode != "reps":
        until = _to_next_whole(-snapshot.step_remaining)
    else:
        until = _to_next_whole(snapshot.step_elapsed)
    return min(1.0, max(0.01, until + 0.001))


def _to_next_whole(value: float) -> float:
    """Seconds until ``value``, growing at one per second, next reaches a whole number."""
    return math.floor(value) + 1 - value


def split_big(split: Split) -> str:
    """The split in the digits' face: ``+0:04`` behind, ``-0:02`` ahead, ``0:00`` level."""
    return format_split(split.seconds).lstrip("±")


def ghost_now(
    snapshot: Snapshot, choice: GhostChoice, match: GhostMatch | None, split: Split | None
) -> str:
    """The ghost's line: when he finished this rep step, his AMRAP rounds by now, else how
    the race stands; nothing when no one is raced."""
    if choice == "none" or match is None:
        return ""
    from montage.session.ghost import GHOST_NAME  # loaded with the ghost

    name = GHOST_NAME.upper()
    theirs = match.step(snapshot.step)
    if theirs is not None and snapshot.state != "finished":
        if snapshot.step.mode == "reps" and theirs.outcome in ("done", "capped"):
            return f"{name}  finished this at +{format_clock(theirs.seconds)}"
        rounds = theirs.rounds_at(snapshot.step_elapsed) if snapshot.step.mode == "amrap" else None
        if rounds is not None:
            return f"{name}  {count(rounds, 'round')} by now"
    if split is None:
        from montage.log.text import local_day  # the log's modules stay off the first frame

        return f"{name}  your {choice}, {local_day(match.ghost.started_at)}"
    text = format_split(split.seconds)
    where = "level" if text.startswith("±") else ("ahead" if split.ahead else "behind")
    return f"{name}  {where} after {split.step.name}"
