"""The coach's side of a class: a WebSocket server that publishes the session and takes counts.

Followers join with the class's code and a name. They hear every change of the
coach's session and the whiteboard, and may send only pings and their own
counts: any other message, a wrong code or a flood closes them.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from montage.app.widgets.whiteboard import Standing
from montage.classroom.protocol import (
    BAD_NAME,
    CLASS_FULL,
    MAX_MESSAGE,
    NOT_ALLOWED,
    WRONG_CODE,
    ProtocolError,
    clean_name,
    decode,
    encode,
    read_count,
    state_message,
    workout_data,
)
from montage.session.counts import count_text
from montage.session.engine import Clock, Snapshot
from montage.session.timeline import Step, Timeline

MAX_ATHLETES = 60
"""How many followers a class takes."""

JOIN_SECONDS = 10.0
"""How long a new connection has to say its code and name."""

WRONG_CODE_DELAY = 1.0
"""How long a wrong code waits before it is told, so codes cannot be tried quickly."""

WRONG_CODES_ALLOWED = 10
"""Wrong codes from one address before it is refused for the rest of the class."""

MESSAGES_PER_SECOND = 20
"""The most messages a follower may send in a second."""


def new_code() -> str:
    """A fresh six-digit join code."""
    return f"{secrets.randbelow(1_000_000):06d}"


@dataclass
class Athlete:
    """One follower of the class."""

    name: str
    """As they joined."""
    counts: dict[int, tuple[Step, int, str | None]] = field(default_factory=dict)
    """Their count for each finished step, by the step's index."""
    last: str | None = None
    """Their last count, as text."""

    def standing(self) -> Standing:
        """Their line on the whiteboard."""
        rounds = sum(n for step, n, _ in self.counts.values() if step.mode == "amrap")
        reps = sum(n for step, n, _ in self.counts.values() if step.mode != "amrap")
        return Standing(self.name, rounds, reps, self.last)


class ClassServer:
    """Publishes a coach's session to its followers and keeps their counts.

    Args:
        timeline: The class's workout.
        code: The join code; a fresh one by default.
        host: The address to listen on.
        port: The port to listen on (0 picks a free one).
        clock: The coach's monotonic clock, the one its engine runs on.
        on_change: Called (on the server's event loop) when the athletes or their
            counts change.
    """

    def __init__(
        self,
        timeline: Timeline,
        code: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Clock = time.monotonic,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.timeline = timeline
        self.code = code or new_code()
        self.host = host
        self.port = port
        self._clock = clock
        self.on_change = on_change
        self.athletes: dict[ServerConnection, Athlete] = {}
        """Who has joined, by connection."""
        self._server: Server | None = None
        self._seq = 0
        self._state: str | None = None
        self._countable: set[int] = set()
        self._wrong: Counter[str] = Counter()
        self._workout = encode({"type": "workout", "workout": workout_data(timeline)})

    async def open(self) -> None:
        """Start listening; ``port`` is then the port listened on."""
        self._server = await serve(
            self._follower, self.host, self.port, max_size=MAX_MESSAGE, ping_interval=10
        )
        self.port = next(iter(self._server.sockets)).getsockname()[1]

    async def close(self) -> None:
        """Say goodbye to every follower and stop listening."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    def publish(self, snapshot: Snapshot, count_step: Step | None) -> None:
        """Tell every follower the session's state now.

        Args:
            snapshot: The coach's session, as its engine has it now.
            count_step: The finished step an athlete's count belongs to now, if any.
        """
        self._seq += 1
        if count_step is not None:
            self._countable.add(count_step.index)
        self._state = state_message(self._seq, self._clock(), snapshot, count_step)
        broadcast(self.athletes, self._state)

    def standings(self) -> list[Standing]:
        """The whiteboard: most AMRAP rounds first, then most reps, then by name."""
        lines = [athlete.standing() for athlete in self.athletes.values()]
        return sorted(lines, key=lambda s: (-s.rounds, -s.reps, s.name.casefold()))

    # ------------------------------------------------------------- followers

    async def _follower(self, connection: ServerConnection) -> None:
        athlete = await self._join(connection)
        if athlete is None:
            return
        self.athletes[connection] = athlete
        self._changed()
        try:
            await connection.send(self._workout)
            if self._state is not None:
                await connection.send(self._state)
            await connection.send(self._board())
            await self._listen(connection, athlete)
        except ConnectionClosed:
            pass
        finally:
            del self.athletes[connection]
            self._changed()
            broadcast(self.athletes, self._board())

    async def _join(self, connection: ServerConnection) -> Athlete | None:
        """Read the first message: the right code and a name, or the connection is closed."""
        address = str(connection.remote_address[0]) if connection.remote_address else "?"
        try:
            if self._wrong[address] >= WRONG_CODES_ALLOWED:
                await connection.close(WRONG_CODE, "too many wrong join codes")
                return None
            text = await asyncio.wait_for(connection.recv(), JOIN_SECONDS)
            message = decode(text)
            if message["type"] != "join":
                raise ProtocolError("say the join code first")
            code = message.get("code")
            if not isinstance(code, str) or not hmac.compare_digest(
                code.strip().encode(), self.code.encode()
            ):
                self._wrong[address] += 1
                await asyncio.sleep(WRONG_CODE_DELAY)
                await connection.close(WRONG_CODE, "wrong join code")
                return None
            try:
                name = clean_name(message.get("name"))
            except ProtocolError as error:
                await connection.close(BAD_NAME, str(error))
                return None
            if len(self.athletes) >= MAX_ATHLETES:
                await connection.close(CLASS_FULL, f"the class is full ({MAX_ATHLETES})")
                return None
            return Athlete(self._unique(name))
        except ProtocolError as error:
            await connection.close(NOT_ALLOWED, str(error))
        except (TimeoutError, ConnectionClosed):
            await connection.close()
        return None

    def _unique(self, name: str) -> str:
        taken = {athlete.name.casefold() for athlete in self.athletes.values()}
        candidate, number = name, 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{name} {number}"
        return candidate

    async def _listen(self, connection: ServerConnection, athlete: Athlete) -> None:
        window, heard = 0, 0
        async for text in connection:
            second = int(self._clock())
            heard = heard + 1 if second == window else 1
            window = second
            try:
                if heard > MESSAGES_PER_SECOND:
                    raise ProtocolError("too many messages")
                reply = self._answer(decode(text), athlete)
            except ProtocolError as error:
                await connection.close(NOT_ALLOWED, str(error))
                return
            if reply is not None:
                await connection.send(reply)

    def _answer(self, message: dict[str, Any], athlete: Athlete) -> str | None:
        """Answer a follower: a ping gets the coach's time, a count goes on the board.

        Raises:
            ProtocolError: Anything else; followers never steer the class.
        """
        kind = message["type"]
        if kind == "ping":
            return encode({"type": "pong", "id": message.get("id"), "at": self._clock()})
        if kind != "count":
            raise ProtocolError("followers may send only their own counts")
        step, count, load = read_count(message, self.timeline)
        if step.index not in self._countable:
            raise ProtocolError("that step takes no count")
        athlete.counts[step.index] = (step, count, load)
        athlete.last = count_text(step, count, load)
        self._changed()
        broadcast(self.athletes, self._board())
        return None

    def _board(self) -> str:
        rows = [
            {"name": s.name, "rounds": s.rounds, "reps": s.reps, "last": s.last}
            for s in self.standings()
        ]
        return encode({"type": "board", "standings": rows})

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()
