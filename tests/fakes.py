"""Test seams: a clock the test moves by hand, input typed on it, and a driver that runs an
engine on it."""

from __future__ import annotations

from collections.abc import Callable

from montage.session.engine import Engine
from montage.session.events import Event


class FakeClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class ScriptedInput:
    """Types each line at its moment on the fake clock; then input closes."""

    def __init__(self, clock: FakeClock, script: list[tuple[float, str]]) -> None:
        self.clock = clock
        self.script = list(script)

    def __call__(self, timeout: float | None) -> str | None:
        if self.script:
            moment, line = self.script[0]
            if timeout is None or moment <= self.clock.now + timeout:
                self.script.pop(0)
                self.clock.now = max(self.clock.now, moment)
                return line
        if timeout is None:
            raise EOFError
        self.clock.advance(timeout)
        return None


def run_until(engine: Engine, clock: FakeClock, moment: float) -> list[Event]:
    """Jump the clock from deadline to deadline up to ``moment``, polling at each."""
    events: list[Event] = []
    while True:
        deadline = engine.next_deadline()
        if deadline is None or deadline > moment:
            break
        clock.now = deadline
        events.extend(engine.poll())
    clock.now = max(clock.now, moment)
    events.extend(engine.poll())
    return events


def run_to_end(
    engine: Engine,
    clock: FakeClock,
    when_waiting: Callable[[Engine, FakeClock], list[Event]] | None = None,
    limit: int = 1_000_000,
) -> list[Event]:
    """Run a started engine to its end, calling ``when_waiting`` whenever nothing is due."""
    events: list[Event] = []
    for _ in range(limit):
        if engine.state == "finished":
            return events
        deadline = engine.next_deadline()
        if deadline is None:
            if when_waiting is None:
                raise AssertionError("the engine waits for a command and none was given")
            events.extend(when_waiting(engine, clock))
            continue
        clock.now = deadline
        events.extend(engine.poll())
    raise AssertionError("the session did not end")


class ManualScheduler:
    """Keeps callbacks until the test moves the fake clock past their moments."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self._pending: list[_Call] = []

    def call_at(self, when: float, callback: Callable[[], None]) -> _Call:
        call = _Call(when, callback)
        self._pending.append(call)
        return call

    def advance_to(self, moment: float) -> None:
        """Move the clock to ``moment``, running each callback due on the way at its moment."""
        while True:
            due = [c for c in self._pending if not c.cancelled and c.when <= moment]
            if not due:
                break
            call = min(due, key=lambda c: c.when)
            call.cancelled = True
            self.clock.now = max(self.clock.now, call.when)
            call.callback()
        self._pending = [c for c in self._pending if not c.cancelled]
        self.clock.now = max(self.clock.now, moment)

    def advance(self, seconds: float) -> None:
        self.advance_to(self.clock.now + seconds)


class _Call:
    def __init__(self, when: float, callback: Callable[[], None]) -> None:
        self.when = when
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
