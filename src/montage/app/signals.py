"""The signals a running app answers: a kill or a closed terminal ends it cleanly.

SIGTERM (a kill) and SIGHUP (the terminal closed) end a running session as stopped,
and Textual puts the terminal back as it was. When a terminal window closes, the
system also sends SIGCONT, which Textual answers by setting the terminal up again,
as after Ctrl+Z; on a terminal that is gone that never finishes, and the app, asked
to end, would wait for it for ever. So SIGCONT reaches Textual only while the
terminal is there.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import termios
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from types import FrameType
from typing import Any


def end_on_signals(end: Callable[[int], None]) -> None:
    """Call ``end`` with the signal's number on SIGTERM or SIGHUP (from the running loop),
    and pass SIGCONT on to Textual only while the terminal is there."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        with suppress(NotImplementedError, RuntimeError, ValueError, AttributeError):
            loop.add_signal_handler(signum, partial(end, signum))
    with suppress(ValueError, AttributeError):  # not the main thread, or no SIGCONT here
        textual = signal.getsignal(signal.SIGCONT)
        if callable(textual):
            signal.signal(signal.SIGCONT, partial(_continue, textual))


def _continue(textual: Callable[[int, FrameType | None], Any], signum: int, frame: Any) -> None:
    if terminal_there():
        textual(signum, frame)


def terminal_there() -> bool:
    """Whether the terminal the app draws on is still there (not hung up)."""
    stream = sys.__stdout__
    try:
        termios.tcgetattr(stream.fileno() if stream is not None else 1)
    except (termios.error, OSError, ValueError):
        return False
    return True
