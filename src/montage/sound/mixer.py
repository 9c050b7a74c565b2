"""One mixer per session: every sound of a session summed in software, with headroom.

Parts are placed on the mixer's timeline of samples: cues and the voice on
the fore bus, the score on the beat bus. Rendering a block sums the parts that
sound in it, ducks the beat under every cue and voice line (6-8 dB, with the
dip starting just before the line, since the mixer knows what comes), applies
the master volume, and passes the sum through the true-peak limiter, so no
sample ever goes over -1 dBFS whatever the volume. A part stopped early fades
over a few milliseconds, so no stop clicks. The limiter's look-ahead is made
up by placing every part that many samples early: a part placed at sample s
is heard at output sample s.

Where sound already sent to the device cannot be taken back (a buffer backend),
a cue placed over it is played apart, in a buffer of its own: the mix ducks
under it and the limiter keeps both together under the ceiling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np

from montage.sound.dsp import Curve, db, seconds_to_samples
from montage.sound.limiter import ALIGN, LATENCY, Limiter, headroom, limit_whole, room_over
from montage.sound.loudness import oversampled_peaks

FADE = seconds_to_samples(0.008)
"""Samples of fade on every stop (and on a start that is not at a note's onset)."""

DUCK = db(-7.0)
"""The beat's level under a cue or a voice line."""

DUCK_ATTACK = seconds_to_samples(0.012)
"""Samples over which the beat dips before a cue or line starts."""

DUCK_RELEASE = seconds_to_samples(0.25)
"""Samples over which the beat comes back after it ends."""

RAMP = seconds_to_samples(0.008)
"""Samples over which a volume, mute or beat switch moves."""

Bus = Literal["fore", "beat"]
"""Where a part sounds: the fore bus (cues, voice, a step's own sound) or the beat bus."""


class Source(Protocol):
    """Something that can add itself into a block: a one-shot sound or a span of the score."""

    length: int | None
    """Samples it lasts; None when it goes on until stopped."""

    def add_into(self, out: Curve, offset: int) -> None:
        """Add the samples from ``offset`` (samples since its start) into ``out``."""


@dataclass(slots=True)
class OneShot:
    """A sound played once from its start."""

    samples: Curve
    """Its samples, float, full scale at 1."""
    length: int | None = field(init=False)
    _peaks: Curve | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.length = len(self.samples)

    @property
    def peaks(self) -> Curve:
        """Its true peak at each sample (worked out once)."""
        if self._peaks is None:
            self._peaks = oversampled_peaks(self.samples)
        return self._peaks

    def add_into(self, out: Curve, offset: int) -> None:
        """Add its samples from ``offset`` on."""
        begin = max(0, offset)
        end = min(len(self.samples), offset + len(out))
        if end > begin:
            out[begin - offset : end - offset] += self.samples[begin:end]


@dataclass(slots=True, eq=False)
class Part:
    """A sound placed on the timeline."""

    name: str
    """What it is, for the record of what played (``go``, ``beat``, ``voice:go``...)."""
    source: Source
    """Its samples."""
    start: int
    """The sample it starts at."""
    bus: Bus = "fore"
    """Where it sounds."""
    gain: float = 1.0
    """Its level."""
    due: int = 0
    """The sample it was due at, for the record (it starts later when its event came late)."""
    stop: int | None = None
    """The sample its fade-out starts at, when it is stopped early."""
    fade_at: int | None = None
    """A sample before which it is silent and from which it fades in over ``FADE`` (a part
    that joins mid-sound); None: it plays from its start."""
    owner: str = "step"
    """Who may stop it: ``step`` parts end with their step, ``cue`` parts ring out."""
    heard: bool = False
    """Whether its first sample has gone to the device (it can no longer be taken back)."""
    apart: bool = False
    """It goes to the device in a buffer of its own, not in the mix (a cue placed over sound
    already sent); the mix still ducks under it and leaves it room."""
    known: int = 0
    """The first sample the mixer could still change when it was placed: the beat's dip
    under it begins no earlier (sound already written cannot dip)."""

    @property
    def end(self) -> int | None:
        """The sample after its last, or None while it goes on."""
        natural = None if self.source.length is None else self.start + self.source.length
        stopped = None if self.stop is None else self.stop + FADE
        ends = [end for end in (natural, stopped) if end is not None]
        return min(ends) if ends else None

    @property
    def onset(self) -> int:
        """The first sample it is heard at."""
        return self.start if self.fade_at is None else max(self.start, self.fade_at)

    def sounds_at(self, sample: int) -> bool:
        """Whether it sounds at ``sample``."""
        end = self.end
        return self.start <= sample and (end is None or sample < end)


class Ramp:
    """A gain that moves to a new value over ``RAMP`` samples, from a given sample."""

    def __init__(self, value: float) -> None:
        self.value = value
        """Its level before the move."""
        self.target = value
        """Its level once moved."""
        self.at = 0
        """The sample the move starts at."""

    def set(self, target: float, at: int = 0) -> None:
        """Head for ``target`` from sample ``at``."""
        self.value = float(self.level(at))
        self.target, self.at = target, at

    def level(self, sample: int) -> float:
        """Its level at ``sample``."""
        share = min(1.0, max(0.0, (sample - self.at + 1) / RAMP))
        return self.value + (self.target - self.value) * share

    def jump(self) -> None:
        """Be at the target now."""
        self.value = self.target

    def curve(self, first: int, count: int) -> Curve | float:
        """The gain over ``count`` samples from ``first`` (a number while it stands still)."""
        if self.value == self.target or first >= self.at + RAMP:
            self.value = self.target
            return self.value
        share = np.clip((first + np.arange(count) - self.at + 1) / RAMP, 0.0, 1.0)
        out: Curve = self.value + (self.target - self.value) * share
        return out


Side = Callable[[int, int], "Curve | None"]
"""The true peaks of sound already sent to the device over ``count`` samples from ``first``;
None when none was."""


class Mixer:
    """Sums a session's parts into one stream, limited at -1 dBFS.

    Args:
        volume: The master volume, 0 to 1.5.
        apart: Sum only the parts played apart (a mixer for one overlay buffer).
    """

    def __init__(self, volume: float = 1.0, apart: bool = False) -> None:
        self.parts: list[Part] = []
        self.position = 0
        """The next output sample to render."""
        self.volume = Ramp(volume)
        self.muted = Ramp(1.0)
        self.beat = Ramp(1.0)
        self._apart = apart
        self._limiter = Limiter()
        self._primed = False
        self.rendered: list[Part] = []
        """Parts not yet heard whose first sample was rendered since the caller last emptied
        this list (the caller marks them heard once that render reaches the device)."""

    # ----------------------------------------------------------------- the plan

    def add(self, part: Part) -> Part:
        """Place a part (it is heard at ``part.start``)."""
        part.known = self.position
        self.parts.append(part)
        return part

    def stop(self, part: Part, at: int) -> None:
        """Fade ``part`` out from sample ``at`` (or drop it, if it has not started by then)."""
        if part.start >= at and not part.heard:
            if part in self.parts:
                self.parts.remove(part)
            return
        if part.stop is None or part.stop > at:
            part.stop = at

    def prune(self, before: int) -> None:
        """Forget the parts that end before ``before`` (nothing will render them again)."""
        self.parts = [p for p in self.parts if p.end is None or p.end > before - DUCK_RELEASE]

    def sounding(self, at: int | None = None) -> list[Part]:
        """The parts that sound at ``at`` (the next sample to render by default) or later."""
        moment = self.position if at is None else at
        return [p for p in self.parts if p.end is None or p.end > moment]

    def seek(self, position: int) -> None:
        """Render from ``position`` next (after a change of plan, from a silent moment)."""
        self.position = position
        self._limiter.reset()
        self._primed = False
        for ramp in (self.volume, self.muted, self.beat):
            ramp.jump()

    def silent_from(self, position: int, within: int, gap: int) -> int | None:
        """The first sample from ``position`` on from which the mix is silent for ``gap``
        samples, looking ``within`` samples ahead; None when it is never that quiet there."""
        last = position + within + gap
        spans = []
        for part in self.parts:
            end = part.end
            if part.apart != self._apart or (end is not None and end <= position):
                continue
            spans.extend(_spans_of(part, position, last))
        spans.sort()
        moment = position
        for start, stop in spans:
            if start - moment >= gap:
                break
            moment = max(moment, stop)
            if moment > position + within:
                return None
        return moment if moment <= position + within else None

    def next_sound(self, position: int, within: int) -> int | None:
        """The first sample from ``position`` on at which the mix makes a sound, looking
        ``within`` samples ahead; None when it is silent all that while."""
        starts = [
            spans[0][0]
            for part in self.parts
            if part.apart == self._apart
            for spans in [_spans_of(part, position, position + within)]
            if spans
        ]
        return min(starts) if starts else None

    # --------------------------------------------------------------- rendering

    def render(self, count: int, side: Side | None = None) -> Curve:
        """The next ``count`` samples of the session's sound, limited, from ``position``.

        Args:
            count: Samples to render.
            side: Sound already sent to the device over the same moments; the mix is kept
                under the ceiling together with it.
        """
        if not self._primed:
            self._limit(self.position, LATENCY, side)
            self._primed = True
        out = self._limit(self.position + LATENCY, count, side)
        self.position += count
        return out

    def render_apart(self, start: int, count: int, side: Side | None = None) -> tuple[Curve, Curve]:
        """The parts played apart (one-shots), alone, over ``count`` samples from ``start``,
        limited as a whole so that with ``side`` they stay under the ceiling. Quick: the
        parts' true peaks are worked out once, not for every buffer.

        Returns:
            The samples, and a bound on their true peak at each.
        """
        out = np.zeros(count)
        peaks = np.zeros(count)
        for part in self.parts:
            end = part.end
            if not part.apart or part.start >= start + count or (end is not None and end <= start):
                continue
            level = _envelope(part, start, count) * part.gain
            block = np.zeros(count)
            part.source.add_into(block, start - part.start)
            out += block * level
            shape = getattr(part.source, "peaks", None)
            bound = np.zeros(count)
            OneShot(np.abs(block) if shape is None else shape).add_into(
                bound, 0 if shape is None else start - part.start
            )
            peaks += bound * np.abs(level)
            if not part.heard and part not in self.rendered:
                self.rendered.append(part)
        scale = self.volume.target * self.muted.target
        playing = None if side is None else side(start - ALIGN, count + 2 * ALIGN)
        samples, gain = limit_whole(out * scale, peaks * scale, room_over(playing, count))
        return samples, peaks * scale * gain

    def _limit(self, first: int, count: int, side: Side | None) -> Curve:
        allowed = None
        if side is not None:
            playing = side(first - ALIGN, count + 2 * ALIGN)
            if playing is not None:
                allowed = headroom(playing)
        return self._limiter.process(self._mix(first, count), allowed)

    def _mix(self, first: int, count: int) -> Curve:
        """The sum of every part over ``count`` samples from ``first``, before the limiter."""
        fore = np.zeros(count)
        beat = np.zeros(count)
        keys: list[tuple[int, int, int]] = []
        for part in self.parts:
            end = part.end
            if end is not None and end <= first:
                continue
            if part.bus == "fore" and part.start < first + count + DUCK_ATTACK:
                keys.append((part.start, end if end is not None else 1 << 62, part.known))
            if part.apart != self._apart or part.start >= first + count:
                continue
            block = np.zeros(count)
            part.source.add_into(block, first - part.start)
            block *= _envelope(part, first, count)
            (fore if part.bus == "fore" else beat)[:] += block * part.gain
            if not part.heard and part.onset < first + count and part not in self.rendered:
                self.rendered.append(part)
        beat *= self.beat.curve(first, count)
        if keys:
            beat *= _ducking(keys, first, count)
        volume = self.volume.curve(first, count)
        return (fore + beat) * volume * self.muted.curve(first, count)


def _envelope(part: Part, first: int, count: int) -> Curve | float:
    """The part's gain over a block: 1, with its fade-in and its stop's fade-out."""
    fading_in = part.fade_at is not None and first < part.fade_at + FADE
    stopping = part.stop is not None and part.stop < first + count
    if not fading_in and not stopping:
        return 1.0
    index = first + np.arange(count)
    level = np.ones(count)
    if part.fade_at is not None:
        level *= np.clip((index - part.fade_at + 1) / FADE, 0.0, 1.0)
    if part.stop is not None:
        level *= np.clip(1.0 - (index - part.stop) / FADE, 0.0, 1.0)
    level[index < part.start] = 0.0
    return level


def _ducking(keys: list[tuple[int, int, int]], first: int, count: int) -> Curve:
    """The beat's gain over a block: down by ``DUCK`` under each key span, eased at the ends
    (the dip begins ``DUCK_ATTACK`` before a key, or when it was placed, if later)."""
    index = first + np.arange(count, dtype=np.float64)
    gain = np.ones(count)
    for start, end, known in keys:
        begin = max(start - DUCK_ATTACK, known)
        down = max(start, begin + FADE)
        if end + DUCK_RELEASE < first or begin > first + count:
            continue
        into = np.clip((index - begin) / (down - begin), 0.0, 1.0)
        out = np.clip(1.0 - (index - end) / DUCK_RELEASE, 0.0, 1.0)
        depth = np.minimum(into, out)
        gain = np.minimum(gain, 1.0 - (1.0 - DUCK) * depth)
    return gain


def _spans_of(part: Part, first: int, last: int) -> list[tuple[int, int]]:
    """Where a part makes sound between ``first`` and ``last``: its whole length, or the
    score's notes between its breaths."""
    end = part.end
    begin = max(part.onset, first)
    stop = min(last, end if end is not None else last)
    if stop <= begin:
        return []
    quiet = getattr(part.source, "breaks", None)
    if quiet is None:
        return [(begin, stop)]
    spans = []
    moment = begin
    for silent, finish in quiet(part.start, begin, stop):
        if silent > moment:
            spans.append((moment, min(silent, stop)))
        moment = max(moment, finish)
    if moment < stop:
        spans.append((moment, stop))
    return spans
