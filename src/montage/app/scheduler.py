"""Calling back at a moment of the monotonic clock, through the app's event loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Protocol


class Cancellable(Protocol):
    """Something scheduled that can be called off."""

    def cancel(self) -> None:
        """Call it off."""


class Scheduler(Protocol):
    """Calls a function at a moment of the session's clock."""

    def call_at(self, when: float, callback: Callable[[], None]) -> Cancellable:
        """Call ``callback`` at ``when``, a moment of the clock."""


class LoopScheduler:
    """Schedules on the running asyncio loop, at moments of ``time.monotonic``.

    The loop's own timer wakes at the deadline itself, so a slow render or a
    resize can delay a callback but never move the moment it is due for.
    """

    def call_at(self, when: float, callback: Callable[[], None]) -> Cancellable:
        """Call ``callback`` at the monotonic moment ``when``."""
        loop = asyncio.get_running_loop()
        return loop.call_at(when + (loop.time() - time.monotonic()), callback)
