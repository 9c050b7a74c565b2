"""What a coach and its followers say to each other: JSON messages over a WebSocket.

The coach's engine is the only source of time. Whenever its session changes (a
step, a move, a pause) the coach publishes a snapshot of it stamped with the
coach's monotonic clock. A follower keeps an estimate of the offset between
that clock and its own (from ping exchanges, the one with the shortest round
trip winning, as NTP does) and counts the published snapshot on locally, so
its digits show no network delay: a message that arrives late still shows the
time the coach's clock says.

A follower may say only three things: join (with the class's code and a name),
ping, and its own count for a finished step. Anything else closes it.
"""

from __future__ import annotations

import json
import math
from collections import deque
from dataclasses import dataclass, replace
from typing import Any

from montage.session.engine import Snapshot, State
from montage.session.timeline import Move, Step, Timeline

SERVICE_TYPE = "_montage-class._tcp.local."
"""How a class is announced on the LAN (mDNS / DNS-SD)."""

DEFAULT_PORT = 8765
"""The coach's port for followers unless ``--port`` says otherwise."""

MAX_MESSAGE = 4096
"""The most bytes a follower's message may have."""

WRONG_CODE = 4001
"""Close code: the join code was wrong."""
BAD_NAME = 4002
"""Close code: the name cannot be shown."""
CLASS_FULL = 4003
"""Close code: the class has as many athletes as it takes."""
NOT_ALLOWED = 1008
"""Close code (policy violation): a follower sent something other than its own counts."""

NAME_LENGTH = 24
"""The longest athlete's name."""

STATES: tuple[State, ...] = ("ready", "running", "paused", "finished")


class ProtocolError(ValueError):
    """A message that is not one of the protocol's, or not allowed from its sender."""


def encode(message: dict[str, Any]) -> str:
    """A message as the text sent."""
    return json.dumps(message, separators=(",", ":"), allow_nan=False)


def decode(text: str | bytes) -> dict[str, Any]:
    """The message in a text received.

    Raises:
        ProtocolError: It is not a JSON object with a ``type``.
    """
    try:
        message = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise ProtocolError("not JSON") from error
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("not a message")
    return message


# ---------------------------------------------------------------- the workout


def workout_data(timeline: Timeline) -> dict[str, Any]:
    """The workout as the followers get it: no file of the coach's machine named."""
    data = timeline.to_data()
    for step in data["steps"]:
        step["sound"] = None
        for move in step["moves"]:
            move["sound"] = None
    return data


def workout_from(data: Any) -> Timeline:
    """The workout a coach sent.

    Raises:
        ProtocolError: The data is not a workout.
    """
    try:
        timeline = Timeline.from_data(data)
    except (KeyError, TypeError, ValueError) as error:
        raise ProtocolError("not a workout") from error
    if not timeline.steps or not all(isinstance(s.name, str) for s in timeline.steps):
        raise ProtocolError("not a workout")
    return timeline


# ------------------------------------------------------------------ the state


@dataclass(frozen=True, slots=True)
class Published:
    """The coach's session as published at one moment of the coach's clock."""

    seq: int
    """Counts up with every publication."""
    at: float
    """The coach's monotonic time of the snapshot."""
    snapshot: Snapshot
    """The session then."""
    count_step: Step | None
    """The finished step an athlete's count belongs to now, if any."""


def state_message(seq: int, at: float, snapshot: Snapshot, count_step: Step | None) -> str:
    """The message publishing the coach's session at ``at``."""
    return encode(
        {
            "type": "state",
            "seq": seq,
            "at": at,
            "state": snapshot.state,
            "step": snapshot.step.index,
            "step_elapsed": snapshot.step_elapsed,
            "move": snapshot.move is not None,
            "move_number": snapshot.move_number,
            "move_elapsed": snapshot.move_elapsed,
            "rounds": snapshot.rounds,
            "session_elapsed": snapshot.session_elapsed,
            "session_remaining": snapshot.session_remaining,
            "count_step": None if count_step is None else count_step.index,
        }
    )


def published_from(message: dict[str, Any], timeline: Timeline) -> Published:
    """Read a state message against the class's workout.

    Raises:
        ProtocolError: The message does not describe a moment of this workout.
    """
    try:
        steps = timeline.steps
        step = steps[_index(message["step"], len(steps))]
        state = message["state"]
        if state not in STATES:
            raise ProtocolError("not a state")
        number = int(message["move_number"])
        move: Move | None = None
        if message["move"] and 0 <= number < len(step.moves):
            move = step.moves[number]
        elapsed = _seconds(message["step_elapsed"])
        count = message["count_step"]
        snapshot = Snapshot(
            state=state,
            step=step,
            next_step=steps[step.index + 1] if step.index + 1 < len(steps) else None,
            step_elapsed=elapsed,
            step_remaining=None if step.seconds is None else max(0.0, step.seconds - elapsed),
            move=move,
            move_number=number,
            move_elapsed=_seconds(message["move_elapsed"]),
            rounds=int(message["rounds"]),
            session_elapsed=_seconds(message["session_elapsed"]),
            session_remaining=_seconds(message["session_remaining"]),
        )
        return Published(
            seq=int(message["seq"]),
            at=float(message["at"]),
            snapshot=snapshot,
            count_step=None if count is None else steps[_index(count, len(steps))],
        )
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise ProtocolError("not a state of this workout") from error


def _index(value: Any, length: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < length:
        raise ProtocolError("not a step of this workout")
    return value


def _seconds(value: Any) -> float:
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0:
        raise ProtocolError("not a number of seconds")
    return seconds


def advance(snapshot: Snapshot, seconds: float) -> Snapshot:
    """The snapshot of a running session ``seconds`` later, within its step.

    Every elapsed time grows, the step's remaining time shrinks to no less than 0 and
    the session's with it. A paused or finished session stands still.
    """
    if snapshot.state != "running" or seconds <= 0:
        return snapshot
    remaining = snapshot.step_remaining
    left = None if remaining is None else max(0.0, remaining - seconds)
    spent = 0.0 if remaining is None or left is None else remaining - left
    return replace(
        snapshot,
        step_elapsed=snapshot.step_elapsed + seconds,
        step_remaining=left,
        move_elapsed=snapshot.move_elapsed + seconds,
        session_elapsed=snapshot.session_elapsed + seconds,
        session_remaining=max(0.0, snapshot.session_remaining - spent),
    )


# ----------------------------------------------------------------- the clocks


class ClockOffset:
    """The offset between the coach's clock and this one, from ping round trips.

    For a ping sent at local ``sent``, answered with the coach's time ``at`` and
    received at local ``received``, the coach's clock read ``at`` about half-way
    through: offset = at - (sent + received) / 2, within half the round trip. The
    sample with the shortest round trip of the last few is the best estimate.

    Args:
        keep: How many recent samples to choose from.
    """

    def __init__(self, keep: int = 8) -> None:
        self._samples: deque[tuple[float, float]] = deque(maxlen=keep)

    def add(self, sent: float, at: float, received: float) -> None:
        """Take one ping's round trip."""
        if received >= sent:
            self._samples.append((received - sent, at - (sent + received) / 2))

    @property
    def known(self) -> bool:
        """Whether a round trip has been measured."""
        return bool(self._samples)

    @property
    def offset(self) -> float:
        """Seconds to add to this clock to read the coach's (0 before any sample)."""
        if not self._samples:
            return 0.0
        return min(self._samples)[1]

    @property
    def round_trip(self) -> float | None:
        """The shortest round trip kept, in seconds."""
        return min(self._samples)[0] if self._samples else None


# ---------------------------------------------------------- the athletes' side


def join_message(code: str, name: str) -> str:
    """A follower's first message."""
    return encode({"type": "join", "code": code, "name": name})


def count_message(step: Step, count: int, load: str | None) -> str:
    """A follower's count for a finished step."""
    return encode({"type": "count", "step": step.index, "count": count, "load": load})


def clean_name(name: Any) -> str:
    """An athlete's name as the class shows it.

    Raises:
        ProtocolError: It is empty, too long or holds characters that cannot be shown.
    """
    if not isinstance(name, str):
        raise ProtocolError("a name is text")
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > NAME_LENGTH or not cleaned.isprintable():
        raise ProtocolError(f"a name is 1 to {NAME_LENGTH} letters, digits or signs")
    return cleaned


def read_count(message: dict[str, Any], timeline: Timeline) -> tuple[Step, int, str | None]:
    """The step, number and load of a follower's count.

    Raises:
        ProtocolError: It is not a count of a step of this workout.
    """
    steps = timeline.steps
    step = steps[_index(message.get("step"), len(steps))]
    count = message.get("count")
    load = message.get("load")
    if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 9999:
        raise ProtocolError("a count is a number from 0 to 9999")
    if load is not None and (not isinstance(load, str) or len(load) > 40 or not load.isprintable()):
        raise ProtocolError("a load is a short line of text")
    return step, count, load or None
