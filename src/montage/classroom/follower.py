"""A follower's side of a class: joins the coach, keeps its clock's offset, and shows the
coach's session counted on locally.

The follower runs no engine: every step, pause and digit comes from what the
coach publishes, counted on from the coach's clock by the measured offset.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from montage.app.follow import JoinRefused
from montage.app.widgets.whiteboard import Standing
from montage.classroom.protocol import (
    DEFAULT_PORT,
    ClockOffset,
    ProtocolError,
    Published,
    advance,
    count_message,
    decode,
    encode,
    join_message,
    published_from,
    workout_from,
)
from montage.session.engine import Clock, Snapshot
from montage.session.timeline import Step, Timeline

PING_SECONDS = 2.0
"""How often the clock offset is measured again after the first few."""

FIRST_PINGS = 5
"""Quick pings right after joining, for a good offset before the first step."""


def coach_address(text: str) -> str:
    """The WebSocket address of a coach written as ``HOST``, ``HOST:PORT`` or ``ws://...``."""
    text = text.strip()
    if text.startswith(("ws://", "wss://")):
        return text
    if text.count(":") == 1 or (text.startswith("[") and "]:" in text):
        return f"ws://{text}"
    host = f"[{text}]" if ":" in text else text
    return f"ws://{host}:{DEFAULT_PORT}"


class ClassFollower:
    """One follower's connection to a coach.

    Args:
        address: The coach, as ``coach_address`` reads it.
        clock: This machine's monotonic clock.
        on_change: Called when the session, the whiteboard or the connection changes.
    """

    def __init__(
        self,
        address: str,
        clock: Clock = time.monotonic,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.address = coach_address(address)
        self._clock = clock
        self.on_change = on_change
        self.timeline: Timeline | None = None
        """The class's workout, once joined."""
        self.published: Published | None = None
        """The coach's last publication."""
        self.standings: list[Standing] = []
        """The whiteboard as the coach last sent it."""
        self.offset = ClockOffset()
        """This clock's offset from the coach's."""
        self.closed: str | None = None
        """Why the connection ended; None while it is open."""
        self.step_starts: list[tuple[int, int, float]] = []
        """(seq, step index, local time) of each new step as it arrived."""
        self._connection: ClientConnection | None = None
        self._pings: dict[int, float] = {}
        self._ids = itertools.count()
        self._tasks: list[asyncio.Task[None]] = []

    async def join(self, code: str, name: str, timeout: float = 10.0) -> None:
        """Connect, say the code and the name, and wait for the workout.

        Raises:
            JoinRefused: The coach cannot be reached or refused; its text says why.
        """
        try:
            self._connection = await asyncio.wait_for(
                connect(self.address, max_size=2**20, open_timeout=timeout), timeout
            )
            await self._connection.send(join_message(code, name))
            self.timeline = workout_from(
                decode(await asyncio.wait_for(self._connection.recv(), timeout))["workout"]
            )
        except ConnectionClosed as error:
            reason = error.rcvd.reason if error.rcvd is not None else ""
            raise JoinRefused(reason or "the coach closed the connection") from None
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as error:
            raise JoinRefused(f"cannot reach a class at {self.address} ({error})") from None
        except (ProtocolError, KeyError) as error:
            raise JoinRefused(f"the coach sent what this montage cannot read ({error})") from None
        self._tasks = [
            asyncio.create_task(self._receive()),
            asyncio.create_task(self._keep_time()),
        ]

    async def close(self) -> None:
        """Leave the class."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._connection is not None:
            await self._connection.close()

    def snapshot(self, now: float) -> Snapshot | None:
        """The coach's session at this clock's ``now``, counted on from its last publication."""
        if self.published is None:
            return None
        coach_now = now + self.offset.offset
        return advance(self.published.snapshot, coach_now - self.published.at)

    def count_step(self) -> Step | None:
        """The finished step a count belongs to now."""
        return None if self.published is None else self.published.count_step

    def send_count(self, step: Step, count: int, load: str | None) -> None:
        """Send this athlete's count for a finished step."""
        if self._connection is not None and self.closed is None:
            asyncio.get_running_loop().create_task(self._send(count_message(step, count, load)))

    # ------------------------------------------------------------------ loops

    async def _send(self, text: str) -> None:
        assert self._connection is not None
        with contextlib.suppress(ConnectionClosed):
            await self._connection.send(text)

    async def _keep_time(self) -> None:
        for number in itertools.count():
            await self._send(self._ping())
            await asyncio.sleep(0.05 if number < FIRST_PINGS else PING_SECONDS)

    def _ping(self) -> str:
        ping = next(self._ids)
        self._pings = {k: v for k, v in self._pings.items() if k > ping - 16}
        self._pings[ping] = self._clock()
        return encode({"type": "ping", "id": ping})

    async def _receive(self) -> None:
        assert self._connection is not None and self.timeline is not None
        try:
            async for text in self._connection:
                received = self._clock()
                self._take(decode(text), received)
        except ConnectionClosed as error:
            reason = error.rcvd.reason if error.rcvd is not None else ""
            self.closed = reason or "the coach has ended the class"
        except ProtocolError as error:
            self.closed = f"the coach sent something this montage cannot read ({error})"
            await self._connection.close()
        else:
            self.closed = "the coach has ended the class"
        self._changed()

    def _take(self, message: dict[str, Any], received: float) -> None:
        assert self.timeline is not None
        kind = message["type"]
        if kind == "pong":
            sent = self._pings.pop(message.get("id"), None)  # type: ignore[arg-type]
            if sent is not None:
                self.offset.add(sent, float(message["at"]), received)
            return
        if kind == "state":
            published = published_from(message, self.timeline)
            before = self.published
            if before is not None and published.seq <= before.seq:
                return  # an old publication, overtaken
            if before is None or before.snapshot.step.index != published.snapshot.step.index:
                self.step_starts.append((published.seq, published.snapshot.step.index, received))
            self.published = published
        elif kind == "board":
            self.standings = [_standing(row) for row in message.get("standings", [])][:100]
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


def _standing(row: Any) -> Standing:
    try:
        last = row.get("last")
        return Standing(
            str(row["name"]),
            int(row["rounds"]),
            int(row["reps"]),
            None if last is None else str(last),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise ProtocolError("not a whiteboard") from error
