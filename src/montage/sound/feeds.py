"""How the mixer's output reaches a device: a few milliseconds at a time, or in segments.

A stream (the ALSA backend, a test's recorder) takes the mix 10 ms at a time,
kept 20 ms ahead of the clock: a command changes the sound from the next
unwritten sample, so it is heard within 30 ms, and there are no seams at all.

simpleaudio takes whole buffers, each on a device stream of its own. The mix
goes to it in segments of up to 20 s, each ending where nothing sounds for
20 ms (between a step's last ticks, or in the score's stop at the end of its
phrase), so a new buffer starts unheard. A command stops the segment playing
and starts a new one from a few milliseconds ahead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from montage.sound.backends import BufferBackend, Playing, Stream
from montage.sound.bank import Sound
from montage.sound.dsp import RATE, Curve
from montage.sound.mixer import Mixer
from montage.sound.synth import pcm_bytes

LEAD = round(0.020 * RATE)
"""Samples a stream is kept ahead of the clock."""

BLOCK = round(0.010 * RATE)
"""Samples written to a stream at a time."""

CATCH_UP = RATE
"""The most samples rendered in one go when the clock has jumped (a test's clock)."""


class StreamFeed:
    """Feeds one open stream from the mixer, a block at a time."""

    def __init__(self, stream: Stream, mixer: Mixer) -> None:
        self.stream = stream
        self.mixer = mixer

    def earliest(self, now: int) -> int:
        """The first sample a change can still reach: the next one to be written."""
        return self.mixer.position

    def due(self, now: int) -> int:
        """The sample time at which the next block must be written."""
        return self.mixer.position - LEAD + BLOCK

    def feed(self, now: int) -> None:
        """Write the mix up to ``LEAD`` samples past ``now``.

        Raises:
            AudioError: The device failed.
        """
        while self.mixer.position < now + LEAD:
            count = min(CATCH_UP, max(BLOCK, now + LEAD - self.mixer.position))
            self.stream.write(pcm_bytes(self.mixer.render(count)))

    def changed(self, sample: int, now: int) -> None:
        """The plan changed from ``sample`` on: nothing to do, nothing past it was written."""

    def playing(self) -> bool:
        """Whether anything is still sounding."""
        return bool(self.mixer.sounding())

    def close(self) -> None:
        """Let the stream play out and close it."""
        self.stream.close()


SEGMENT_MIN = 2 * RATE
"""The shortest segment, in samples (a command may cut one shorter)."""

SEGMENT_MAX = 20 * RATE
"""The longest segment, in samples; past that one ends where it must."""

QUIET = round(0.020 * RATE)
"""Samples of silence a segment's end sits in."""

PREPARE = round(0.5 * RATE)
"""Samples before a segment's end at which the next is rendered."""

OPENING = round(0.002 * RATE)
"""Samples a buffer is handed over early, for the device to open."""

MARGIN = round(0.012 * RATE)
"""Samples after now at which a segment started by a command begins."""


@dataclass
class _Segment:
    start: int
    samples: Curve

    @property
    def end(self) -> int:
        return self.start + len(self.samples)


class SegmentFeed:
    """Feeds a buffer backend from the mixer in segments that end in silence."""

    def __init__(self, backend: BufferBackend, mixer: Mixer) -> None:
        self.backend = backend
        self.mixer = mixer
        self._playing: Playing | None = None
        self._end = 0
        self._next: _Segment | None = None

    def earliest(self, now: int) -> int:
        """The first sample a change can reach: a new segment can start just after now."""
        return now + MARGIN

    def due(self, now: int) -> int:
        """The sample time of the next thing to do: hand over a segment, or render one."""
        if self._next is not None:
            return self._next.start - OPENING
        return self._end - PREPARE

    def feed(self, now: int) -> None:
        """Render the next segment when its time comes near, and hand it over when due.

        Raises:
            AudioError: The device failed.
        """
        if self._next is None and now >= self._end - PREPARE:
            self._next = self._render(max(self._end, now + MARGIN))
        if self._next is not None and now >= self._next.start - OPENING:
            self._start(self._next)
            self._next = None

    def changed(self, sample: int, now: int) -> None:
        """The plan changed from ``sample`` on: replace what was handed over past it."""
        if sample >= self._end and (self._next is None or sample >= self._next.start):
            if self._next is not None and sample < self._next.end:
                self._next = None
            return
        if self._playing is not None:
            self._playing.stop()
            self._playing = None
        self._end = max(now + MARGIN, min(sample, self._end))
        self._next = self._render(self._end)
        self.feed(now)

    def playing(self) -> bool:
        """Whether the last segment is still sounding."""
        return self._playing is not None and self._playing.is_playing()

    def close(self) -> None:
        """Stop the segment playing."""
        if self._playing is not None:
            self._playing.stop()
            self._playing = None

    def _render(self, start: int) -> _Segment:
        if self.mixer.position != start:
            self.mixer.seek(start)
        quiet = self.mixer.silent_from(start + SEGMENT_MIN, SEGMENT_MAX - SEGMENT_MIN, QUIET)
        end = start + SEGMENT_MAX if quiet is None else quiet + QUIET // 2
        return _Segment(start, self.mixer.render(end - start))

    def _start(self, segment: _Segment) -> None:
        self._end = segment.end
        if not np.any(segment.samples):
            return  # silence needs no device
        # the segment before ends in silence: it is left to finish on its own
        self._playing = self.backend.play(Sound(pcm_bytes(segment.samples), RATE))
