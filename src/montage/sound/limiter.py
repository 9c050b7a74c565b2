"""The last stage of the mix: a true-peak limiter that never lets a sample past its ceiling.

For each sample it works out the gain that keeps the 4x-oversampled waveform
under the ceiling, takes the lowest of those over a short look-ahead window on
either side, averages over the same window (so the gain never dips faster than
the window, and never stays above what any sample needs), and lets the gain
recover at a limited slope. The output is late by two windows; a last hard
clip at the ceiling catches rounding. Everything is vectorised: a block costs a
few passes over its samples.
"""

from __future__ import annotations

import numpy as np

from montage.sound.dsp import RATE, Curve, db
from montage.sound.loudness import oversampled_peaks

CEILING = db(-1.0)
"""The highest level the output reaches, true peak: -1 dBFS."""

LOOKAHEAD = round(0.003 * RATE)
"""Samples of the window on each side of a sample."""

_CONTEXT = 8
"""Samples of context the oversampling needs on each side."""

LATENCY = 2 * LOOKAHEAD + _CONTEXT
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
        self._needed = np.ones(4 * LOOKAHEAD)
        self._floor = 1.0
        self._count = 0

    def process(self, block: Curve) -> Curve:
        """Limit the next ``len(block)`` samples; returns as many, ``LATENCY`` samples late."""
        n = len(block)
        if n == 0:
            return np.zeros(0)
        signal = np.concatenate([self._input, block])
        # the gain each sample needs, for the newest samples whose neighbours are all known
        peaks = oversampled_peaks(signal[LATENCY - 2 * _CONTEXT :])[_CONTEXT : _CONTEXT + n]
        needed = np.concatenate(
            [self._needed, np.minimum(1.0, self.ceiling / np.maximum(peaks, 1e-12))]
        )
        window = 2 * LOOKAHEAD + 1
        held = _sliding_min(needed, window)
        running = np.concatenate([[0.0], np.cumsum(held)])
        smooth = (running[window:] - running[:-window]) / window
        steps = self._count + 1 + np.arange(n)
        rising = np.minimum.accumulate(
            np.concatenate([[self._floor - self._count * RECOVERY], smooth - steps * RECOVERY])
        )[1:]
        gain = np.minimum(rising + steps * RECOVERY, 1.0)
        self._floor = float(gain[-1])
        self._count = 0
        out: Curve = np.clip(signal[:n] * gain, -self.ceiling, self.ceiling)
        self._input = signal[-LATENCY:]
        self._needed = needed[-4 * LOOKAHEAD :]
        return out
