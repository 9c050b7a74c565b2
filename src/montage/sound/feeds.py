"""How the mixer's output reaches a device: a few milliseconds at a time, or in buffers.

A stream (the ALSA backend, a test's recorder) takes the mix 6 ms at a time,
kept 16 ms ahead of the clock: a command changes the sound from the next
unwritten sample, so it is heard within 22 ms, and there are no seams at all.

simpleaudio takes whole buffers, each on a device stream of its own, and once a
buffer is handed over it cannot be taken back: its stop lets the device drain
what it holds and then cuts, and a device that takes samples faster than it
plays (as ALSA's file plugin does) has them all at once. So the mix goes to it
in short buffers that each end where the mix is silent for ``QUIET``: at a
cue's end, or in the breath at the end of a bar of the score. Nothing handed
over is ever stopped, so the sound card sums exactly what the mixer planned.
A command changes the plan from the end of the buffer playing (at most a bar
away while the score plays, at once in silence); a cue it calls for sounds at
once, in a buffer of its own, kept under the ceiling together with the buffer
playing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from montage.sound.backends import BufferBackend, Playing, Stream
from montage.sound.bank import Sound
from montage.sound.dsp import RATE, Curve
from montage.sound.limiter import ALIGN, CEILING, LATENCY, room_over
from montage.sound.loudness import PEAK_REACH, oversampled_peaks
from montage.sound.mixer import Mixer, Part
from montage.sound.synth import pcm_bytes

LEAD = round(0.016 * RATE)
"""Samples a stream is kept ahead of the clock."""

BLOCK = round(0.006 * RATE)
"""Samples written to a stream at a time."""

CATCH_UP = RATE
"""The most samples rendered in one go when the clock has jumped (a test's clock)."""

GIVE_UP = 5 * RATE
"""Samples behind the clock past which the mix skips ahead instead of catching up: sound
that late would never be heard in time anyway."""


class StreamFeed:
    """Feeds one open stream from the mixer, a block at a time."""

    def __init__(self, stream: Stream, mixer: Mixer) -> None:
        self.stream = stream
        self.mixer = mixer
        self.heard: list[Part] = []
        """Parts whose first sample went to the device, since the caller last emptied this."""
        self.sent: list[Sent] = [Sent(0, 0, [])]
        """The one device stream: it starts at sample 0, opened then, and carries every part."""

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
        if now - self.mixer.position > GIVE_UP:
            self.mixer.seek(now)
        while self.mixer.position < now + LEAD:
            count = min(CATCH_UP, max(BLOCK, now + LEAD - self.mixer.position))
            if self.mixer.next_sound(self.mixer.position, count + LATENCY) is None:
                self.mixer.seek(self.mixer.position + count)  # silence: no mixing, no limiter
                self.stream.write(bytes(2 * count))
                continue
            pcm = pcm_bytes(self.mixer.render(count))
            self.sent[0].parts.extend(self.mixer.rendered)
            _commit(self.mixer, self.heard)
            self.stream.write(pcm)
        self.mixer.prune(self.mixer.position)

    def changed(self, sample: int, now: int) -> None:
        """The plan changed from ``sample`` on: nothing to do, nothing past it was written."""

    def drift(self, now: int) -> int | None:
        """How far the device's clock has run from the session's: the sample it plays less
        the sample ``now`` stands for (a steady offset, plus the drift); None when unknown."""
        delay = getattr(self.stream, "delay", None)
        frames = None if delay is None else delay()
        return None if frames is None else self.mixer.position - frames - now

    def playing(self) -> bool:
        """Whether anything is still sounding."""
        return bool(self.mixer.sounding())

    def close(self) -> None:
        """Let the stream play out and close it."""
        self.stream.close()


SEGMENT_MIN = round(0.1 * RATE)
"""The shortest buffer, in samples, before one may end in silence."""

SEGMENT_MAX = 20 * RATE
"""The longest buffer, in samples; past that one ends where it must."""

QUIET = round(0.014 * RATE)
"""Samples of silence a buffer's end sits in (the score's breaths are a little longer):
two buffers may slip by this much against each other and still never overlap in sound."""

PREPARE = round(0.5 * RATE)
"""Samples before a buffer's start at which it is rendered."""

PIECE = round(0.2 * RATE)
"""Samples of a buffer rendered at a time."""

OPENING = round(0.002 * RATE)
"""Samples a buffer is handed over early, for the device to open."""

GUARD = round(0.025 * RATE)
"""Samples a render of the mix may take: one is put off while a cue is due sooner."""

WAKE_EARLY = round(0.008 * RATE)
"""Samples the feed wakes before a buffer is due, then sleeps to the moment to hand it
over on the dot (a busy machine may wake a thread late by a few milliseconds). It sleeps
rather than spins: Linux wakes a sleeping thread well within a millisecond, and spinning
the last 1.5 ms cost a tenth of a percent of a core for no change the cue latency
benchmark could find."""

MARGIN = round(0.016 * RATE)
"""Samples after now at which a cue a command calls for can begin (in a buffer of its own)."""

RESTART = round(0.06 * RATE)
"""Samples after now at which the mix can follow a new plan, at the soonest: time enough to
render a bar of it first."""


@dataclass(frozen=True, slots=True)
class Sent:
    """A buffer (or stream) that went to the device."""

    start: int
    """The mixer sample its first sample is."""
    at: int
    """The sample time it was handed over."""
    parts: list[Part]
    """The parts first heard in it."""


@dataclass(eq=False)
class _Buffer:
    start: int
    samples: Curve
    known: Curve | None
    """A bound on the true peak at each sample, when worked out (see ``peaks_over``)."""
    parts: list[Part] = field(default_factory=list)
    playing: Playing | None = None
    done: int = 0
    """Samples rendered so far (a buffer is rendered a piece at a time)."""

    @property
    def end(self) -> int:
        return self.start + len(self.samples)

    @property
    def peaks(self) -> Curve:
        """The bound on the true peak at each sample, worked out once when first needed."""
        if self.known is None:
            self.known = oversampled_peaks(self.samples)
        return self.known

    def peaks_over(self, first: int, last: int) -> Curve:
        """The bound at mixer samples ``first`` to ``last``: most buffers are only ever asked
        for the few milliseconds where the next one starts, worked out from just the samples
        around them (the same values as over the whole buffer)."""
        lo, hi = first - self.start, last - self.start
        if self.known is not None:
            return self.known[lo:hi]
        around = max(0, lo - PEAK_REACH)
        found = oversampled_peaks(self.samples[around : min(len(self.samples), hi + PEAK_REACH)])
        return found[lo - around : hi - around]


class SegmentFeed:
    """Feeds a buffer backend from the mixer in buffers that end in silence and are never
    taken back."""

    def __init__(self, backend: BufferBackend, mixer: Mixer, clock: Callable[[], int]) -> None:
        self.backend = backend
        self.mixer = mixer
        self.heard: list[Part] = []
        """Parts whose first sample went to the device, since the caller last emptied this."""
        self.sent: list[Sent] = []
        """Each buffer handed over, in order."""
        self._clock = clock
        self._sent: list[_Buffer] = []
        self._waiting: list[_Buffer] = []
        self._next: _Buffer | None = None
        self._making: _Buffer | None = None
        self._sent_end = 0
        self._end = 0

    def earliest(self, now: int) -> int:
        """The first sample a change can reach: a cue can start just after now."""
        return now + MARGIN

    def due(self, now: int) -> int:
        """The sample time of the next thing to do: hand over a buffer (waking a little
        early, to hand it over on the dot), or render one."""
        moments = [buffer.start - OPENING - WAKE_EARLY for buffer in self._waiting]
        if self._making is not None:
            moments.append(now)  # rendering, a piece at a time
        elif self._next is not None:
            moments.append(self._next.start - OPENING - WAKE_EARLY)
        else:
            moments.append(self._end - PREPARE)
        return min(moments)

    def feed(self, now: int) -> None:
        """Render the next buffer when its time comes near, and hand buffers over when due.

        Raises:
            AudioError: The device failed.
        """
        for buffer in [b for b in self._waiting if now >= b.start - OPENING - WAKE_EARLY]:
            self._waiting.remove(buffer)
            self._hand_over(buffer)
        cue_soon = any(b.start - OPENING - WAKE_EARLY - now < GUARD for b in self._waiting)
        if cue_soon and self._end - OPENING - now > 2 * GUARD:
            return  # a cue goes first; the mix can be rendered once it has
        while self._next is None and self._making is None and now >= self._end - PREPARE:
            start = max(self._end, now + MARGIN)
            sound = self.mixer.next_sound(start, SEGMENT_MAX)
            if sound is None or sound - start >= QUIET:  # silence needs no device, nor mixing
                self._end = start + SEGMENT_MAX if sound is None else sound - QUIET // 2
                continue
            self._making = self._begin(start)
        if self._making is not None and self._render_piece(self._making):
            buffer, self._making = self._making, None
            self._end = buffer.end
            if np.any(buffer.samples):
                self._next = buffer
        if self._next is not None and now >= self._next.start - OPENING - WAKE_EARLY:
            buffer, self._next = self._next, None
            self._hand_over(buffer)
            self._sent_end = buffer.end
        self._sent = [b for b in self._sent if b.end > now]
        self.mixer.prune(min([now, *(b.start for b in self._waiting)]))

    def changed(self, sample: int, now: int) -> None:
        """The plan changed from ``sample`` on: what was handed over plays on; cues that
        should sound before it ends go in buffers of their own, and the mix follows the
        new plan from its end."""
        self._next = self._making = None
        for buffer in self._waiting:
            for part in buffer.parts:
                part.apart = False
        self._waiting = []
        restart = max(self._sent_end, now + RESTART)
        self._overlay(now + MARGIN, restart)
        for part in self.mixer.parts:
            if (
                not part.heard
                and not part.apart
                and part.start < restart < (part.end or restart + 1)
            ):
                part.fade_at = max(part.fade_at or restart, restart)  # joins mid-sound: fades in
        self._end = restart
        self.mixer.seek(restart)
        self.feed(now)

    def playing(self) -> bool:
        """Whether a buffer handed over is still sounding."""
        return any(b.playing is not None and b.playing.is_playing() for b in self._sent)

    def close(self) -> None:
        """Stop every buffer still playing (the session is over)."""
        for buffer in self._sent:
            if buffer.playing is not None:
                buffer.playing.stop()
        self._sent = []

    def _overlay(self, begin: int, restart: int) -> None:
        """Play the cues due before the mix can follow the new plan apart, at once."""
        fresh = [
            part
            for part in self.mixer.parts
            if part.bus == "fore"
            and not part.heard
            and not part.apart
            and part.start < restart
            and part.end is not None
            and part.end > begin
        ]
        if not fresh:
            return
        for part in fresh:
            part.apart = True
        start = max(begin, min(part.start for part in fresh))
        end = max(part.end or start for part in fresh)
        self.mixer.rendered.clear()
        samples, peaks = self.mixer.render_apart(start, end - start, self._playing_over)
        buffer = _Buffer(start, samples, peaks, list(self.mixer.rendered))
        self.mixer.rendered.clear()
        self._waiting.append(buffer)

    def _begin(self, start: int) -> _Buffer:
        """A buffer from ``start`` to where the mix is next silent, to be rendered in pieces."""
        if self.mixer.position != start:
            self.mixer.seek(start)
        quiet = self.mixer.silent_from(start + SEGMENT_MIN, SEGMENT_MAX - SEGMENT_MIN, QUIET)
        end = start + SEGMENT_MAX if quiet is None else quiet + QUIET // 2
        return _Buffer(start, np.zeros(end - start), None, done=0)

    def _render_piece(self, buffer: _Buffer) -> bool:
        """Render the next piece of ``buffer``; returns whether it is whole. A piece at a
        time, so that an event never waits behind a long render."""
        count = min(PIECE, len(buffer.samples) - buffer.done)
        self.mixer.rendered.clear()
        piece = self.mixer.render(count, self._playing_over)
        buffer.samples[buffer.done : buffer.done + count] = piece
        buffer.parts.extend(p for p in self.mixer.rendered if p not in buffer.parts)
        self.mixer.rendered.clear()
        buffer.done += count
        return buffer.done >= len(buffer.samples)

    def _playing_over(self, first: int, count: int) -> Curve | None:
        """The true peaks of the sound handed over (or waiting to be) from ``first`` over
        ``count`` samples."""
        over = [
            b for b in (*self._sent, *self._waiting) if b.start < first + count and b.end > first
        ]
        if not over:
            return None
        out = np.zeros(count)
        for buffer in over:
            lo, hi = max(first, buffer.start), min(first + count, buffer.end)
            out[lo - first : hi - first] += buffer.peaks_over(lo, hi)
        return out

    def _hand_over(self, buffer: _Buffer) -> None:
        _commit_parts(buffer.parts, self.heard)
        if not np.any(buffer.samples):
            self._sent.append(buffer)
            return
        sound = Sound(pcm_bytes(buffer.samples), RATE)  # ready before the moment comes
        first, moment = buffer.start, buffer.start - OPENING
        now = self._clock()
        if moment - WAKE_EARLY <= now < moment:  # the thread wakes a little early: be on the dot
            time.sleep((moment - now) / RATE)
        elif now > moment and self._refit(buffer, now - moment):
            sound = Sound(pcm_bytes(buffer.samples), RATE)
        self._sent.append(buffer)
        self.sent.append(Sent(first, self._clock(), list(buffer.parts)))
        buffer.playing = self.backend.play(sound)

    def _refit(self, buffer: _Buffer, late: int) -> bool:
        """Move a late buffer to where it will sound, and turn it down as far as it must be to
        stay under the ceiling with what is already playing there; returns whether it did."""
        buffer.start += late
        count = len(buffer.samples)
        room = room_over(self._playing_over(buffer.start - ALIGN, count + 2 * ALIGN), count)
        if isinstance(room, float):
            return False  # nothing else sounds there, and the buffer alone is under the ceiling
        # only where something else sounds can the two together pass the ceiling: the peaks
        # of a bar are worked out there alone, not over all of it (a late hand-over on a busy
        # machine must not make the next one later still)
        tight = np.flatnonzero(room < CEILING)
        if not len(tight):
            return False
        lo, hi = int(tight[0]), int(tight[-1]) + 1
        peaks = buffer.peaks_over(buffer.start + lo, buffer.start + hi)
        gain = float(np.min(np.minimum(1.0, room[lo:hi] / np.maximum(peaks, 1e-12))))
        if gain < 1.0:
            buffer.samples = buffer.samples * gain
            if buffer.known is not None:
                buffer.known = buffer.known * gain
        return gain < 1.0


def _commit(mixer: Mixer, heard: list[Part]) -> None:
    _commit_parts(mixer.rendered, heard)
    mixer.rendered.clear()


def _commit_parts(parts: list[Part], heard: list[Part]) -> None:
    for part in parts:
        if not part.heard:
            part.heard = True
            heard.append(part)
