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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np

from montage.sound.dsp import Curve, db, seconds_to_samples
from montage.sound.limiter import LATENCY, Limiter

FADE = seconds_to_samples(0.008)
"""Samples of fade on every stop (and on a start that is not at a note's onset)."""

DUCK = db(-7.0)
"""The beat's level under a cue or a voice line."""

DUCK_ATTACK = seconds_to_samples(0.012)
"""Samples over which the beat dips before a cue or line starts."""

DUCK_RELEASE = seconds_to_samples(0.25)
"""Samples over which the beat comes back after it ends."""

RAMP = seconds_to_samples(0.01)
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

    def __post_init__(self) -> None:
        self.length = len(self.samples)

    def add_into(self, out: Curve, offset: int) -> None:
        """Add its samples from ``offset`` on."""
        begin = max(0, offset)
        end = min(len(self.samples), offset + len(out))
        if end > begin:
            out[begin - offset : end - offset] += self.samples[begin:end]


@dataclass(slots=True)
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
    fade_in: bool = False
    """Fade in over ``FADE`` (for a part that starts mid-sound)."""
    owner: str = "step"
    """Who may stop it: ``step`` parts end with their step, ``cue`` parts ring out."""
    heard: bool = False
    """Whether its first sample has been rendered."""

    @property
    def end(self) -> int | None:
        """The sample after its last, or None while it goes on."""
        natural = None if self.source.length is None else self.start + self.source.length
        stopped = None if self.stop is None else self.stop + FADE
        ends = [end for end in (natural, stopped) if end is not None]
        return min(ends) if ends else None

    def sounds_at(self, sample: int) -> bool:
        """Whether it sounds at ``sample``."""
        end = self.end
        return self.start <= sample and (end is None or sample < end)


class Ramp:
    """A gain that moves to a new value over ``RAMP`` samples instead of jumping."""

    def __init__(self, value: float) -> None:
        self.value = value
        self.target = value

    def set(self, target: float) -> None:
        """Head for ``target``."""
        self.target = target

    def jump(self) -> None:
        """Be at the target now."""
        self.value = self.target

    def curve(self, count: int) -> Curve | float:
        """The gain over the next ``count`` samples (a number while it stands still)."""
        if self.value == self.target:
            return self.value
        step = (self.target - self.value) / RAMP
        moved = self.value + step * np.arange(1, count + 1)
        done = (moved - self.target) * np.sign(step) >= 0
        moved[done] = self.target
        self.value = float(moved[-1])
        out: Curve = moved
        return out


class Mixer:
    """Sums a session's parts into one stream, limited at -1 dBFS.

    Args:
        volume: The master volume, 0 to 1.5.
    """

    def __init__(self, volume: float = 1.0) -> None:
        self.parts: list[Part] = []
        self.position = 0
        """The next output sample to render; nothing before it can change any more."""
        self.volume = Ramp(volume)
        self.muted = Ramp(1.0)
        self.beat = Ramp(1.0)
        self._limiter = Limiter()
        self._primed = False
        self.started: list[Part] = []
        """Parts whose first sample was rendered since the caller last emptied this list."""

    # ----------------------------------------------------------------- the plan

    def add(self, part: Part) -> Part:
        """Place a part (it is heard at ``part.start``)."""
        self.parts.append(part)
        return part

    def stop(self, part: Part, at: int) -> None:
        """Fade ``part`` out from sample ``at`` (or drop it, if it has not started by then)."""
        at = max(at, self.position)
        if part.start >= at and not part.heard:
            if part in self.parts:
                self.parts.remove(part)
            return
        if part.stop is None or part.stop > at:
            part.stop = at

    def sounding(self, at: int | None = None) -> list[Part]:
        """The parts that sound at ``at`` (the next sample to render by default) or later."""
        moment = self.position if at is None else at
        return [p for p in self.parts if p.end is None or p.end > moment]

    def seek(self, position: int) -> None:
        """Render from ``position`` next (an output that replays from an earlier moment)."""
        self.position = position
        self._limiter.reset()
        self._primed = False
        for ramp in (self.volume, self.muted, self.beat):
            ramp.jump()
        for part in self.parts:
            part.heard = part.start < position

    def silent_from(self, position: int, within: int, gap: int) -> int | None:
        """The first sample after ``position`` from which nothing sounds for ``gap`` samples,
        looking ``within`` samples ahead; None when the mix is never that quiet there."""
        spans = []
        for part in self.parts:
            end = part.end
            if end is not None and end <= position:
                continue
            for start, stop in _spans_of(part):
                spans.append((start, stop))
        spans.sort()
        moment = position
        for start, stop in spans:
            if start - moment >= gap:
                break
            moment = max(moment, stop)
            if moment > position + within:
                return None
        return moment if moment <= position + within else None

    # --------------------------------------------------------------- rendering

    def render(self, count: int) -> Curve:
        """The next ``count`` samples of the session's sound, limited, from ``position``."""
        if not self._primed:
            self._limiter.process(self._mix(self.position, LATENCY))
            self._primed = True
        out = self._limiter.process(self._mix(self.position + LATENCY, count))
        self.position += count
        return out

    def _mix(self, first: int, count: int) -> Curve:
        """The sum of every part over ``count`` samples from ``first``, before the limiter."""
        fore = np.zeros(count)
        beat = np.zeros(count)
        keys: list[tuple[int, int]] = []
        alive = []
        for part in self.parts:
            end = part.end
            if end is not None and end <= first:
                continue
            alive.append(part)
            if part.bus == "fore" and part.start < first + count + DUCK_ATTACK:
                keys.append((part.start, end if end is not None else 1 << 62))
            if part.start >= first + count:
                continue
            block = np.zeros(count)
            part.source.add_into(block, first - part.start)
            block *= _envelope(part, first, count)
            (fore if part.bus == "fore" else beat)[:] += block * part.gain
            if not part.heard:
                part.heard = True
                self.started.append(part)
        self.parts = alive
        beat *= self.beat.curve(count)
        if keys:
            beat *= _ducking(keys, first, count)
        return (fore + beat) * self.volume.curve(count) * self.muted.curve(count)


def _envelope(part: Part, first: int, count: int) -> Curve | float:
    """The part's gain over a block: 1, with its fade-in and its stop's fade-out."""
    fading_in = part.fade_in and first < part.start + FADE
    stopping = part.stop is not None and part.stop < first + count
    if not fading_in and not stopping:
        return 1.0
    index = first + np.arange(count)
    level = np.ones(count)
    before = index < part.start
    if fading_in:
        level *= np.clip((index - part.start + 1) / FADE, 0.0, 1.0)
    if part.stop is not None:
        level *= np.clip(1.0 - (index - part.stop) / FADE, 0.0, 1.0)
    level[before] = 0.0
    return level


def _ducking(keys: list[tuple[int, int]], first: int, count: int) -> Curve:
    """The beat's gain over a block: down by ``DUCK`` under each key span, eased at the ends."""
    index = first + np.arange(count, dtype=np.float64)
    gain = np.ones(count)
    for start, end in keys:
        if end + DUCK_RELEASE < first or start - DUCK_ATTACK > first + count:
            continue
        into = np.clip((index - (start - DUCK_ATTACK)) / DUCK_ATTACK, 0.0, 1.0)
        out = np.clip(1.0 - (index - end) / DUCK_RELEASE, 0.0, 1.0)
        depth = np.minimum(into, out)
        gain = np.minimum(gain, 1.0 - (1.0 - DUCK) * depth)
    return gain


def _spans_of(part: Part) -> list[tuple[int, int]]:
    """Where a part makes sound: its whole length, or the score's notes between its breaks."""
    end = part.end
    stop = end if end is not None else 1 << 62
    quiet = getattr(part.source, "breaks", None)
    if quiet is None:
        return [(part.start, stop)]
    spans = []
    moment = part.start
    for begin, finish in quiet(part.start, stop):
        spans.append((moment, begin))
        moment = finish
    spans.append((moment, stop))
    return spans
