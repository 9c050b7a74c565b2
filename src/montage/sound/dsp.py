"""Signal building blocks in numpy: band-limited oscillators, noise, envelopes and filters.

Everything works on float32 arrays at ``RATE``, mono. The oscillators are
band-limited with PolyBLEP, so a high saw does not fold back into noise; the
static filters are applied in the frequency domain with the exact response of
their biquad; the resonant low-pass that sweeps runs sample by sample, but over
many notes at once. Nothing reads the clock or an unseeded random source: the
same call gives the same samples on every run.

This module loads numpy, so it is imported only where sound is made (never on
the way to the app's first frame).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

RATE = 44_100
"""Samples per second."""

Samples = NDArray[np.float32]
"""Mono audio, full scale at +-1."""

Curve = NDArray[Any]
"""A control signal: one value per sample (a frequency, a level, a cutoff)."""


def seconds_to_samples(seconds: float) -> int:
    """The whole number of samples nearest ``seconds``."""
    return round(seconds * RATE)


def times(count: int) -> Curve:
    """Seconds of each of ``count`` samples from 0."""
    return np.arange(count, dtype=np.float64) / RATE


def midi(note: float) -> float:
    """The frequency of a MIDI note number."""
    return 440.0 * 2 ** ((note - 69) / 12)


def db(gain_db: float) -> float:
    """A gain in decibels as a factor."""
    return float(10 ** (gain_db / 20))


# ------------------------------------------------------------------ oscillators


def _phase(frequency: float | Curve, count: int, start: float = 0.0) -> tuple[Curve, Curve]:
    step = np.broadcast_to(np.asarray(frequency, dtype=np.float64) / RATE, (count,))
    phase = (start + np.cumsum(step) - step) % 1.0
    return phase, np.asarray(step)


def _blep(phase: Curve, step: Curve) -> Curve:
    """The PolyBLEP residual that rounds off a saw's jump at phase 0."""
    out = np.zeros_like(phase)
    safe = np.maximum(step, 1e-9)
    rising = phase < safe
    x = phase[rising] / safe[rising]
    out[rising] = x + x - x * x - 1.0
    falling = phase > 1.0 - safe
    x = (phase[falling] - 1.0) / safe[falling]
    out[falling] = x * x + x + x + 1.0
    return out


def saw(frequency: float | Curve, count: int, start: float = 0.0) -> Curve:
    """A band-limited rising saw from -1 to 1."""
    phase, step = _phase(frequency, count, start)
    return 2.0 * phase - 1.0 - _blep(phase, step)


def pulse(frequency: float | Curve, count: int, width: float = 0.5) -> Curve:
    """A band-limited pulse wave of duty cycle ``width`` (0.5 is a square), without its DC."""
    return saw(frequency, count, start=1.0 - width) - saw(frequency, count)


def sine(frequency: float | Curve, count: int) -> Curve:
    """A sine wave, its frequency a number or a curve."""
    phase, _ = _phase(frequency, count)
    return np.sin(2.0 * math.pi * phase)


def noise(count: int, seed: int) -> Curve:
    """White noise from -1 to 1, the same for the same seed on every run."""
    return np.random.default_rng(seed).uniform(-1.0, 1.0, count)


# ------------------------------------------------------------------ envelopes


def adsr(
    count: int,
    held: float,
    attack: float = 0.002,
    decay: float = 0.1,
    sustain: float = 0.0,
    release: float = 0.05,
) -> Curve:
    """An attack-decay-sustain-release level for a note held ``held`` seconds."""
    t = times(count)
    corners = [0.0, max(attack, 1e-6), max(attack, 1e-6) + max(decay, 1e-6)]
    level = np.interp(t, corners, [0.0, 1.0, sustain])
    at_release = float(np.interp(held, corners, [0.0, 1.0, sustain]))
    fall = np.clip(1.0 - (t - held) / max(release, 1e-6), 0.0, 1.0)
    return np.where(t > held, at_release * fall, level)


def decay_curve(count: int, seconds: float, start: float = 1.0, end: float = 0.0) -> Curve:
    """An exponential glide from ``start`` towards ``end`` with time constant ``seconds``."""
    return end + (start - end) * np.exp(-times(count) / seconds)


def edges(samples: Curve, fade: float = 0.004) -> Curve:
    """``samples`` faded in and out over ``fade`` seconds, so they never click."""
    length = min(len(samples) // 2, seconds_to_samples(fade))
    if length == 0:
        return samples
    ramp = np.linspace(0.0, 1.0, length, endpoint=False)
    out = samples.copy()
    out[:length] *= ramp
    out[-length:] *= ramp[::-1]
    return out


# ------------------------------------------------------------------ filters

Response = Callable[[NDArray[np.complex128]], NDArray[np.complex128]]
"""A filter's frequency response, given e^(-j omega) at each frequency."""


def biquad(kind: str, frequency: float, q: float = 0.7071, gain_db: float = 0.0) -> Response:
    """The response of a biquad from the audio-EQ cookbook: lowpass, highpass, bandpass or
    highshelf, at ``frequency`` Hz."""
    w0 = 2 * math.pi * frequency / RATE
    alpha = math.sin(w0) / (2 * q)
    cos = math.cos(w0)
    if kind == "lowpass":
        b = ((1 - cos) / 2, 1 - cos, (1 - cos) / 2)
        a = (1 + alpha, -2 * cos, 1 - alpha)
    elif kind == "highpass":
        b = ((1 + cos) / 2, -(1 + cos), (1 + cos) / 2)
        a = (1 + alpha, -2 * cos, 1 - alpha)
    elif kind == "bandpass":
        b = (alpha, 0.0, -alpha)
        a = (1 + alpha, -2 * cos, 1 - alpha)
    elif kind == "highshelf":
        big = 10 ** (gain_db / 40)
        root = 2 * math.sqrt(big) * alpha
        b = (
            big * ((big + 1) + (big - 1) * cos + root),
            -2 * big * ((big - 1) + (big + 1) * cos),
            big * ((big + 1) + (big - 1) * cos - root),
        )
        a = (
            (big + 1) - (big - 1) * cos + root,
            2 * ((big - 1) - (big + 1) * cos),
            (big + 1) - (big - 1) * cos - root,
        )
    else:
        raise ValueError(f"no biquad called {kind!r}")
    return lambda z: (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)


_BINS_AT_ONCE = 1 << 14
"""Frequency bins whose response is worked out at once: a long sound's filters then need a
few small temporary arrays, not several the size of its whole spectrum."""


def filtered(samples: Curve, *responses: Response, tail: float = 0.1) -> Curve:
    """``samples`` through static filters, applied in the frequency domain.

    The signal is padded by ``tail`` seconds, so the filters' ring is kept and
    nothing wraps around; the result has the input's length.
    """
    if len(samples) == 0:
        return samples
    size = -(-(len(samples) + seconds_to_samples(tail)) // 4096) * 4096
    spectrum = np.fft.rfft(samples, size)
    bins = spectrum.shape[-1]
    step = 1.0 / size  # as ``np.fft.rfftfreq`` spaces them, so every bin's value is the same
    for first in range(0, bins, _BINS_AT_ONCE):
        last = min(bins, first + _BINS_AT_ONCE)
        z = np.exp(-2j * math.pi * (np.arange(first, last) * step))
        for response in responses:
            spectrum[..., first:last] *= response(z)
    return np.fft.irfft(spectrum, size)[: len(samples)]


def swept_lowpass(notes: Curve, cutoff: Curve, resonance: float) -> Curve:
    """Notes through a resonant low-pass whose cutoff moves, all notes at once.

    A state-variable filter (trapezoidal, so it stays stable as the cutoff
    sweeps), run sample by sample but across every row together.

    Args:
        notes: One note per row, each the same number of samples.
        cutoff: The cutoff in Hz at each sample, one row per note (or one row for all).
        resonance: 0 (none) to 0.95 (a near-whistling peak).

    Returns:
        The filtered notes, the same shape.
    """
    rows, count = notes.shape
    g = np.tan(np.pi * np.clip(cutoff, 20.0, RATE * 0.45) / RATE)
    g = np.broadcast_to(g, (rows, count))
    k = 2.0 - 2.0 * resonance
    a1 = 1.0 / (1.0 + g * (g + k))
    a2 = g * a1
    a3 = g * a2
    out = np.empty_like(notes)
    ic1 = np.zeros(rows)
    ic2 = np.zeros(rows)
    for index in range(count):
        v3 = notes[:, index] - ic2
        v1 = a1[:, index] * ic1 + a2[:, index] * v3
        v2 = ic2 + a2[:, index] * ic1 + a3[:, index] * v3
        ic1 = 2.0 * v1 - ic1
        ic2 = 2.0 * v2 - ic2
        out[:, index] = v2
    return out


def reverb_tail(seconds: float, seed: int, brightness: float = 6000.0) -> Curve:
    """An impulse response of a bright room: decaying noise, for a gated reverb."""
    count = seconds_to_samples(seconds)
    tail = noise(count, seed) * decay_curve(count, seconds / 4)
    tail = filtered(tail, biquad("lowpass", brightness))
    return tail / float(np.sqrt(np.sum(tail**2)) or 1.0)


def convolve(samples: Curve, impulse: Curve) -> Curve:
    """``samples`` convolved with ``impulse``, by FFT; the result is as long as both."""
    size = len(samples) + len(impulse) - 1
    fft_size = 1 << math.ceil(math.log2(size))
    spectrum = np.fft.rfft(samples, fft_size) * np.fft.rfft(impulse, fft_size)
    return np.fft.irfft(spectrum, fft_size)[:size]


def place(track: Curve, sound: Curve, at: float, gain: float = 1.0) -> None:
    """Mix ``sound`` into ``track`` starting ``at`` seconds in (cut at the track's end)."""
    first = seconds_to_samples(at)
    if first >= len(track):
        return
    end = min(len(track), first + len(sound))
    track[first:end] += gain * sound[: end - first]


def remove_dc(samples: Curve) -> Curve:
    """``samples`` with their mean taken out, so a cue carries no offset."""
    return samples - float(np.mean(samples)) if len(samples) else samples


def from_pcm(pcm: bytes, rate: int, channels: int = 1, width: int = 2) -> Curve:
    """8- or 16-bit PCM frames as mono samples at ``RATE`` (channels averaged, rate converted).

    Args:
        pcm: The frames.
        rate: Their frames per second.
        channels: Interleaved channels.
        width: Bytes per sample: 1 (unsigned) or 2 (signed little-endian).

    Returns:
        The samples, full scale at 1; another rate is converted through the spectrum, the
        sound taken as followed by silence.
    """
    if width == 1:
        raw = (np.frombuffer(pcm, dtype=np.uint8).astype(np.float64) - 128.0) / 128.0
    else:
        raw = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2").astype(np.float64) / 32768.0
    frames = len(raw) // max(1, channels)
    mono: Curve = raw[: frames * channels].reshape(frames, channels).mean(axis=1)
    if rate == RATE or frames == 0:
        return mono
    count = round(frames * RATE / rate)
    # padded with silence to a length whose transform, and the converted one's, have only
    # small factors: a length with a large prime one (as a spoken line's often has) costs
    # the transform tens of times the time and megabytes of temporary arrays
    step = rate // math.gcd(rate, RATE)  # frames in which a whole number of samples fall
    periods = _smooth_at_least(-(-frames // step))
    padded, size = periods * step, periods * step * RATE // rate
    spectrum = np.fft.rfft(mono, padded)
    wanted = size // 2 + 1
    if wanted > len(spectrum):
        spectrum = np.concatenate([spectrum, np.zeros(wanted - len(spectrum))])
    resampled: Curve = np.fft.irfft(spectrum[:wanted], size)[:count] * (size / padded)
    return resampled


def _smooth_at_least(n: int) -> int:
    """The least number from ``n`` on with no prime factor above 7 (fast to transform)."""
    candidate = max(1, n)
    while True:
        rest = candidate
        for prime in (2, 3, 5, 7):
            while rest % prime == 0:
                rest //= prime
        if rest == 1:
            return candidate
        candidate += 1
