"""Garbage collection held off while the app starts, and taken up again at its first frame.

What montage loads and makes on its way to the first frame (Textual, its own modules,
the session's screen) lives as long as the app, so collecting among it would find
nothing and only hold the frame back. Once the frame is drawn, all of it is frozen out
of every later collection, and collection goes on as usual.
"""

from __future__ import annotations

import gc


def hold_off() -> None:
    """Collect nothing until ``take_up`` (an app's start calls it, before Textual loads)."""
    gc.disable()


def take_up() -> None:
    """Collect again, what was made so far kept out of it; nothing if nothing was held."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
