"""A session's voice and score, rendered on threads of their own beside it.

Both are made as the session starts, never on the way to the first frame or of a
cue; once both are made, the memory their renders used goes back to the system.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from montage.sound.bank import Sound

if TYPE_CHECKING:
    from montage.sound.score import Score

Speech = Callable[[], tuple[dict[str, Sound], list[str]]]
"""Renders the voice's phrases, with a line for each that could not be."""


class Renders:
    """Makes a session's voice and score beside it, and says when both are made.

    Args:
        spoken: Takes the voice's rendered lines (on the voice's thread).
        made: Called on a render's thread after each is made, to wake the player.
        notify: Tells the user of a phrase that could not be rendered.
    """

    def __init__(
        self,
        spoken: Callable[[dict[str, Sound]], None],
        made: Callable[[], None],
        notify: Callable[[str], None],
    ) -> None:
        self._spoken = spoken
        self._made = made
        self._notify = notify
        self.score: Score | None = None
        """The rendered score, once made; None before, or when there is none."""
        self._composing = threading.Event()
        self._speaking = threading.Event()
        self._lock = threading.Lock()
        self._given_back = False

    def start(self, speech: Speech | None, bpm: int | None) -> None:
        """Render the voice (unless ``speech`` is None) and the score at ``bpm`` (unless None)."""
        _beside("voice", self._speaking, None if speech is None else partial(self._speak, speech))
        _beside("score", self._composing, None if bpm is None else partial(self._compose, bpm))

    def wait(self, timeout: float) -> bool:
        """Wait until both are made (or known to be absent); whether they were in time."""
        deadline = time.monotonic() + timeout
        return all(
            made.wait(max(0.0, deadline - time.monotonic()))
            for made in (self._speaking, self._composing)
        )

    def _speak(self, speech: Speech) -> None:
        lines, problems = speech()
        self._spoken(lines)
        if problems:
            self._notify(f"Voice: {problems[0]}")
        self._speaking.set()
        self._done()

    def _compose(self, bpm: int) -> None:
        from montage.sound.score_cache import kept_score

        self.score = kept_score(bpm)
        self._composing.set()
        self._done()

    def _done(self) -> None:
        from montage.memory import give_back

        with self._lock:
            both = self._composing.is_set() and self._speaking.is_set()
            if both and not self._given_back:
                self._given_back = True
                give_back()
        self._made()


def _beside(name: str, made: threading.Event, work: Callable[[], None] | None) -> None:
    """Run ``work`` on a thread of its own; with no work, ``made`` is set at once."""
    if work is None:
        made.set()
    else:
        threading.Thread(target=work, name=f"montage-{name}", daemon=True).start()
