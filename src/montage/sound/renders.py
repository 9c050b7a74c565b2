"""A session's voice and score, rendered on threads of their own beside it.

Both are made as the session starts, never on the way to the first frame or of a
cue; once both are made, the memory their renders used goes back to the system.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
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
        if speech is not None:
            threading.Thread(
                target=self._speak, args=(speech,), name="montage-voice", daemon=True
            ).start()
        else:
            self._speaking.set()
        if bpm is not None:
            threading.Thread(
                target=self._compose, args=(bpm,), name="montage-score", daemon=True
            ).start()
        else:
            self._composing.set()

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
        from montage.sound.memory import give_back

        with self._lock:
            both = self._composing.is_set() and self._speaking.is_set()
            if both and not self._given_back:
                self._given_back = True
                give_back()
        self._made()
