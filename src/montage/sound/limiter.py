"""The last stage of the mix: a true-peak limiter that never lets a sample past its ceiling.

For each sample it works out the gain that keeps the 4x-oversampled waveform
under the ceiling, takes the lowest of those over a short look-ahead window on
either side, averages over the same window (so the gain never dips faster than
the window, and never stays above what any sample needs), and lets the gain
recover at a limited slope. The output is late by two windows; a last hard
clip at the ceiling catches rounding. Everything is vectorised: a block costs a
few passes over its samples.

A block may come with its own ceiling per sample, lower than the usual one:
the room left under sound that is already on its way to the device (see
``headroom``), so the two together never pass -1 dBFS.
"""

from __future__ import annotations

import numpy as np

from montage.sound.dsp import RATE, Curve, db
from montage.sound.loudness import PEAK_REACH, PHASES, oversampled_peaks

CEILING = db(-1.01)
"""The highest level the output reaches, true peak: -1 dBFS (a hundredth of a dB under, so
that rounding to 16 bits, and two streams' rounding summed, never lands above it)."""

LOOKAHEAD = round(0.003 * RATE)
"""Samples of the window on each side of a sample."""

LATENCY = 2 * LOOKAHEAD + PEAK_REACH
"""Samples by which the output lags the input."""

RECOVERY = 0.5 / (0.12 * RATE)
"""How fast the gain may rise, per sample: from -6 dB back to unity in 120 ms."""


def _sliding_min(values: Curve, width: int) -> Curve:
    """The minimum of each run of ``width`` values (van Herk's method); len - width + 1 out."""
    count = len(values)
    blocks = -(-count // width)
    padded = np.full(blocks * width, np.inf)
    padded[:count] = values
    shaped = padded.reshape(blocks, width)
    forward = np.minimum.accumulate(shaped, axis=1).ravel()
    backward = np.minimum.accumulate(shaped[:, ::-1], axis=1)[:, ::-1].ravel()
    out: Curve = np.minimum(backward[: count - width + 1], forward[width - 1 : count])
    return out


class Limiter:
    """A look-ahead true-peak limiter, fed block by block.

    Args:
        ceiling: The highest output level, as a share of full scale.
    """

    def __init__(self, ceiling: float = CEILING) -> None:
        self.ceiling = ceiling
        self.reset()

    def reset(self) -> None:
        """Forget the past: as if the input so far had been silence."""
        self._input = np.zeros(LATENCY)
        self._allowed = np.full(LATENCY, self.ceiling)
        self._needed = np.ones(4 * LOOKAHEAD)
        self._floor = 1.0
        self._count = 0

    def process(self, block: Curve, allowed: Curve | None = None) -> Curve:
        """Limit the next ``len(block)`` samples; returns as many, ``LATENCY`` samples late.

        Args:
            block: The next input samples.
            allowed: For each of them, the highest level it may reach (the ceiling when
                None); never above the ceiling.
        """
        n = len(block)
        if n == 0:
            return np.zeros(0)
        signal = np.concatenate([self._input, block])
        ceilings = np.concatenate(
            [self._allowed, np.full(n, self.ceiling) if allowed is None else allowed]
        )
        room = ceilings[LATENCY - PEAK_REACH : LATENCY - PEAK_REACH + n]
        if self._resting() and _bound(signal[LATENCY - 2 * PEAK_REACH :]) <= np.min(room):
            return self._pass(signal, ceilings, n)
        # the gain each sample needs, for the newest samples whose neighbours are all known
        peaks = oversampled_peaks(signal[LATENCY - 2 * PEAK_REACH :])[PEAK_REACH : PEAK_REACH + n]
        needed = np.concatenate([self._needed, np.minimum(1.0, room / np.maximum(peaks, 1e-12))])
        window = 2 * LOOKAHEAD + 1
        held = _sliding_min(needed, window)
        running = np.concatenate([[0.0], np.cumsum(held)])
        smooth = (running[window:] - running[:-window]) / window
        steps = self._count + 1 + np.arange(n)
        rising = np.minimum.accumulate(
            np.concatenate([[self._floor - self._count * RECOVERY], smooth - steps * RECOVERY])
        )[1:]
        gain = np.minimum(rising + steps * RECOVERY, 1.0)
        return self._finish(signal, ceilings, gain, needed[-4 * LOOKAHEAD :])

    def _resting(self) -> bool:
        """Whether the gain is at unity and no sample within the window needs less."""
        return self._floor >= 1.0 - 1e-9 and float(np.min(self._needed)) >= 1.0

    def _pass(self, signal: Curve, ceilings: Curve, n: int) -> Curve:
        """The block when no sample of it can reach its room: the gain stays at unity, and
        the true peaks (most of a block's cost) need not be worked out."""
        return self._finish(signal, ceilings, np.ones(n), np.ones(4 * LOOKAHEAD))

    def _finish(self, signal: Curve, ceilings: Curve, gain: Curve, needed: Curve) -> Curve:
        """The delayed samples at ``gain``, clipped at their ceilings; what the next block
        needs is kept (``needed``: the gain the newest samples need)."""
        n = len(gain)
        self._floor = float(gain[-1])
        self._count = 0
        limit = ceilings[:n]
        out: Curve = np.clip(signal[:n] * gain, -limit, limit)
        self._input = signal[-LATENCY:]
        self._allowed = ceilings[-LATENCY:]
        self._needed = needed
        return out


def _bound(samples: Curve) -> float:
    """A level the 4x-oversampled waveform of ``samples`` cannot pass: the highest sample
    times the most any phase of the interpolator can add up to."""
    return float(np.max(np.abs(samples))) * _OVERSHOOT


_OVERSHOOT = max(1.0, float(np.max(np.sum(np.abs(PHASES), axis=1))))
"""The most the interpolator can make of a full-scale sample, whatever its neighbours."""


ALIGN = round(0.020 * RATE)
"""Samples two device streams may slip against each other: each opens on its own, a few
milliseconds after it is handed over, more on a busy machine."""


def headroom(playing: Curve, ceiling: float = CEILING) -> Curve:
    """The level left for new sound over sound already sent to the device.

    Args:
        playing: The true peaks of the sound sent, ``ALIGN`` samples more on each side than
            the result: the room at each sample is the ceiling less the highest of them within
            ``ALIGN`` of it, since two device streams may not line up exactly.
        ceiling: The highest level the two may reach together.

    Returns:
        The room, ``len(playing) - 2 * ALIGN`` samples, never below 0.
    """
    highest = -_sliding_min(-np.asarray(playing, dtype=np.float64), 2 * ALIGN + 1)
    out: Curve = np.maximum(0.0, ceiling - highest)
    return out


def limit_whole(samples: Curve, peaks: Curve, allowed: Curve | float) -> tuple[Curve, Curve]:
    """Limit a whole buffer at once, its future known: no latency, the same gain rules.

    Only the stretches that need it are worked on: a cue over silence costs one pass.

    Args:
        samples: The buffer.
        peaks: Its true peak at each sample (or a bound over it).
        allowed: The highest level each sample may reach.

    Returns:
        The limited samples, and the gain applied to each.
    """
    count = len(samples)
    gain = np.ones(count)
    needed = np.minimum(1.0, allowed / np.maximum(peaks, 1e-12))
    hot = np.flatnonzero(needed < 1.0)
    if len(hot):
        window = 2 * LOOKAHEAD + 1
        lo = max(0, int(hot[0]) - 2 * window)
        hi = min(count, int(hot[-1]) + 2 * window + int(1 / RECOVERY) + 1)
        edge = np.ones(2 * LOOKAHEAD)
        held = _sliding_min(np.concatenate([edge, needed[lo:hi], edge]), window)
        running = np.concatenate([[0.0], np.cumsum(held)])
        smooth = (running[window:] - running[:-window]) / window
        steps = np.arange(hi - lo) * RECOVERY
        gain[lo:hi] = np.minimum(np.minimum.accumulate(smooth - steps) + steps, 1.0)
    out: Curve = np.clip(samples * gain, -np.asarray(allowed), allowed)
    return out, gain


def room_over(playing: Curve | None, count: int, ceiling: float = CEILING) -> Curve | float:
    """The level left for ``count`` samples of new sound over ``playing`` (the true peaks of
    sound already sent, ``ALIGN`` samples more on each side, or None): ``headroom``, worked
    out only where something was sent."""
    if playing is None:
        return ceiling
    sent = np.flatnonzero(playing)
    if not len(sent):
        return ceiling
    lo, hi = int(sent[0]), int(sent[-1]) + 1
    out = np.full(count, ceiling)
    first, last = max(0, lo - 2 * ALIGN), min(count, hi)
    if last > first:
        out[first:last] = headroom(playing[first : last + 2 * ALIGN], ceiling)
    return out
