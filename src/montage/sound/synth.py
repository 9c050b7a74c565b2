"""An 80s drum machine and synth in plain Python: montage's cues and its beat.

Everything is drawn from square, saw and triangle waves, seeded noise and
envelopes, at 44.1 kHz, 16-bit mono. The same call gives the same bytes on
every run and every machine: the noise comes from a fixed linear congruential
generator, and nothing reads the clock or a random source.
"""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

RATE = 44_100
"""Samples per second."""

PEAK = 0.89
"""The highest sample, as a share of full scale (about -1 dBFS)."""

CUE_RMS = 0.22
"""The loudness every cue is matched to: the root mean square of its samples."""

FADE = 0.004
"""Seconds of fade at each end of a sound, so it never starts or stops with a click."""

Wave = Callable[[float], float]
"""A waveform: phase in cycles to a sample from -1 to 1."""


def square(phase: float) -> float:
    """A square wave."""
    return 1.0 if phase % 1.0 < 0.5 else -1.0


def saw(phase: float) -> float:
    """A rising saw wave."""
    return 2.0 * (phase % 1.0) - 1.0


def triangle(phase: float) -> float:
    """A triangle wave."""
    return 4.0 * abs((phase % 1.0) - 0.5) - 1.0


def pulse(width: float) -> Wave:
    """A pulse wave of the given duty cycle, the sound of an 80s lead."""
    return lambda phase: 1.0 if phase % 1.0 < width else -1.0


class Noise:
    """White noise from a fixed linear congruential generator: the same every run."""

    def __init__(self, seed: int = 0x1985) -> None:
        self._state = seed

    def __call__(self) -> float:
        """The next sample, from -1 to 1."""
        self._state = (self._state * 1103515245 + 12345) & 0x7FFFFFFF
        return self._state / 0x3FFFFFFF - 1.0


@dataclass(frozen=True, slots=True)
class Envelope:
    """Attack, decay, sustain and release, in seconds (sustain is a level)."""

    attack: float = 0.002
    decay: float = 0.1
    sustain: float = 0.0
    release: float = 0.05

    def level(self, t: float, length: float) -> float:
        """The envelope's level ``t`` seconds into a note held for ``length`` seconds."""
        if t < self.attack:
            level = t / self.attack
        elif t < self.attack + self.decay:
            level = 1.0 - (1.0 - self.sustain) * (t - self.attack) / self.decay
        else:
            level = self.sustain
        if t > length:
            level *= max(0.0, 1.0 - (t - length) / self.release) if self.release else 0.0
        return level


class Track:
    """A buffer of float samples that notes and hits are mixed into."""

    def __init__(self, seconds: float) -> None:
        self.samples = [0.0] * round(seconds * RATE)

    def note(
        self,
        start: float,
        length: float,
        frequency: float | Callable[[float], float],
        shape: Wave = square,
        gain: float = 0.5,
        envelope: Envelope = Envelope(),
    ) -> None:
        """Mix in a note; ``frequency`` may be a function of time for slides."""
        first = round(start * RATE)
        count = round((length + envelope.release) * RATE)
        phase = 0.0
        for index in range(count):
            position = first + index
            if position >= len(self.samples):
                break
            t = index / RATE
            hertz = frequency(t) if callable(frequency) else frequency
            phase += hertz / RATE
            self.samples[position] += gain * envelope.level(t, length) * shape(phase)

    def noise(
        self,
        start: float,
        length: float,
        gain: float,
        envelope: Envelope,
        brightness: float = 1.0,
        seed: int = 0x1985,
    ) -> None:
        """Mix in a burst of noise; lower ``brightness`` filters off the top."""
        source = Noise(seed)
        first = round(start * RATE)
        count = round((length + envelope.release) * RATE)
        smooth = 0.0
        for index in range(count):
            position = first + index
            if position >= len(self.samples):
                break
            smooth += brightness * (source() - smooth)
            level = envelope.level(index / RATE, length)
            self.samples[position] += gain * level * smooth

    def finished(self, rms: float | None = CUE_RMS) -> list[float]:
        """The mix, faded at both ends, matched to ``rms`` and kept under ``PEAK``."""
        samples = list(self.samples)
        fade = max(1, round(FADE * RATE))
        for index in range(min(fade, len(samples))):
            samples[index] *= index / fade
            samples[-1 - index] *= index / fade
        if rms is not None:
            current = math.sqrt(sum(s * s for s in samples) / len(samples)) or 1.0
            samples = [s * rms / current for s in samples]
        return [_limit(s) for s in samples]


def _limit(sample: float) -> float:
    """A soft limiter: untouched below the knee, bending smoothly to ``PEAK``."""
    knee = 0.6
    size = abs(sample)
    if size <= knee:
        return sample
    room = PEAK - knee
    bent = knee + room * math.tanh((size - knee) / room)
    return math.copysign(bent, sample)


def midi(note: int) -> float:
    """The frequency of a MIDI note number."""
    return 440.0 * 2 ** ((note - 69) / 12)


def pcm_bytes(samples: Iterable[float]) -> bytes:
    """Encode samples from -1 to 1 as 16-bit signed little-endian PCM."""
    pcm = array("h", (round(max(-1.0, min(1.0, s)) * 32767) for s in samples))
    if sys.byteorder == "big":  # pragma: no cover - WAV is little-endian
        pcm.byteswap()
    return pcm.tobytes()


def wav_bytes(samples: Iterable[float], rate: int = RATE) -> bytes:
    """Encode samples from -1 to 1 as a 16-bit mono WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm_bytes(samples))
    return buffer.getvalue()


# ------------------------------------------------------------------ the cues


def tick() -> list[float]:
    """The countdown tick: a short, bright square blip."""
    track = Track(0.12)
    track.note(0, 0.05, midi(93), square, 0.5, Envelope(0.001, 0.04, 0.3, 0.03))
    return track.finished()


def go() -> list[float]:
    """Work starts: a rising saw sweep over a noise hit and a low punch."""
    track = Track(0.55)
    track.note(
        0, 0.32, lambda t: midi(72) * 2 ** (t * 3), saw, 0.45, Envelope(0.003, 0.2, 0.5, 0.1)
    )
    track.note(
        0, 0.32, lambda t: midi(79) * 2 ** (t * 3), pulse(0.25), 0.3, Envelope(0.003, 0.2, 0.5, 0.1)
    )
    track.noise(0, 0.12, 0.5, Envelope(0.001, 0.1, 0.0, 0.02), 0.6)
    track.note(
        0,
        0.12,
        lambda t: 120 * math.exp(-t * 18) + 45,
        triangle,
        0.9,
        Envelope(0.001, 0.12, 0, 0.02),
    )
    return track.finished()


def rest() -> list[float]:
    """Rest starts: a soft falling pair of triangle notes."""
    track = Track(0.75)
    soft = Envelope(0.01, 0.3, 0.4, 0.15)
    track.note(0.0, 0.22, midi(76), triangle, 0.6, soft)
    track.note(0.25, 0.3, midi(69), triangle, 0.6, soft)
    track.note(0.25, 0.3, midi(57), square, 0.12, soft)
    return track.finished()


def halfway() -> list[float]:
    """Halfway: two quick pulse blips, the second higher."""
    track = Track(0.3)
    blip = Envelope(0.002, 0.06, 0.2, 0.03)
    track.note(0.0, 0.07, midi(84), pulse(0.125), 0.5, blip)
    track.note(0.12, 0.08, midi(88), pulse(0.125), 0.5, blip)
    return track.finished()


def _bell(track: Track, start: float, root: int) -> None:
    ring = Envelope(0.002, 0.6, 0.0, 0.2)
    for interval, gain in ((0, 0.4), (12, 0.2), (19, 0.12), (24, 0.08)):
        track.note(start, 0.6, midi(root + interval), square if interval else triangle, gain, ring)


def round_bell() -> list[float]:
    """A new round: the boxing bell, twice."""
    track = Track(1.1)
    _bell(track, 0.0, 84)
    _bell(track, 0.3, 84)
    return track.finished()


def last_round() -> list[float]:
    """The last round: three bells, climbing."""
    track = Track(1.4)
    for number, root in enumerate((84, 86, 88)):
        _bell(track, number * 0.25, root)
    return track.finished()


def finish() -> list[float]:
    """The end of the session: a brass-like saw fanfare with a gated-snare crash."""
    track = Track(2.4)
    brass = Envelope(0.02, 0.2, 0.7, 0.25)
    phrase = ((0.0, 0.14, 60), (0.16, 0.14, 64), (0.32, 0.14, 67), (0.48, 1.2, 72))
    for start, length, root in phrase:
        for detune, gain in ((1.0, 0.28), (1.006, 0.22), (0.5, 0.18)):
            track.note(start, length, midi(root) * detune, saw, gain, brass)
    track.note(0.48, 1.2, midi(76), pulse(0.3), 0.15, brass)
    track.note(0.48, 1.2, midi(79), pulse(0.3), 0.12, brass)
    track.noise(0.48, 0.35, 0.6, Envelope(0.001, 0.35, 0.0, 0.01), 0.8)
    return track.finished()


def pause() -> list[float]:
    """Paused: a short falling blip."""
    track = Track(0.16)
    track.note(
        0,
        0.1,
        lambda t: midi(81) * 2 ** (-t * 8),
        pulse(0.25),
        0.5,
        Envelope(0.002, 0.08, 0.3, 0.03),
    )
    return track.finished()


def resume() -> list[float]:
    """Resumed: a short rising blip."""
    track = Track(0.16)
    track.note(
        0,
        0.1,
        lambda t: midi(76) * 2 ** (t * 8),
        pulse(0.25),
        0.5,
        Envelope(0.002, 0.08, 0.3, 0.03),
    )
    return track.finished()


CUES: dict[str, Callable[[], list[float]]] = {
    "tick": tick,
    "go": go,
    "rest": rest,
    "halfway": halfway,
    "round": round_bell,
    "last-round": last_round,
    "finish": finish,
    "pause": pause,
    "resume": resume,
}
"""Every cue by the name of its file in ``sounds/`` (without ``.wav``)."""


# ------------------------------------------------------------------ the beat

BASS_LINE = (45, 57, 45, 57, 43, 55, 43, 55, 41, 53, 41, 53, 43, 55, 47, 55)
"""Sixteen sixteenth notes of an A-minor pumping bass, as MIDI notes."""


def beat(bpm: int) -> list[float]:
    """One bar of the workout beat at ``bpm``: kick, snare, hats and a bass arpeggio.

    Args:
        bpm: Beats per minute, 60 to 220.

    Returns:
        Exactly one bar of four beats, so it loops seamlessly.
    """
    step = 60.0 / bpm / 4  # a sixteenth note
    track = Track(step * 16)
    for sixteenth in range(16):
        at = sixteenth * step
        if sixteenth % 4 == 0:
            track.note(
                at,
                0.09,
                lambda t: 150 * math.exp(-t * 30) + 42,
                triangle,
                1.0,
                Envelope(0.001, 0.16, 0.0, 0.02),
            )
        if sixteenth in (4, 12):
            track.noise(at, 0.14, 0.55, Envelope(0.001, 0.14, 0.0, 0.02), 0.75, seed=7)
            track.note(at, 0.05, 190, triangle, 0.35, Envelope(0.001, 0.05, 0.0, 0.01))
        if sixteenth % 2 == 0:
            gain = 0.16 if sixteenth % 4 == 2 else 0.09
            track.noise(at, 0.025, gain, Envelope(0.0005, 0.025, 0.0, 0.005), 1.0, seed=3)
        bass = Envelope(0.003, step * 0.8, 0.3, 0.01)
        track.note(at, step * 0.7, midi(BASS_LINE[sixteenth]), saw, 0.22, bass)
    return track.finished(rms=0.18)
