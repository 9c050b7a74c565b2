"""Loudness as heard (ITU-R BS.1770 momentary loudness) and true peak, in numpy.

The K-weighting is the standard's two stages, a high shelf (+4 dB above about
1.5 kHz, for the head) and a high-pass (about 38 Hz), applied with their exact
frequency response. Momentary loudness is the mean square of the weighted
signal over 400 ms, in LUFS; a cue's loudness is the loudest 400 ms of it as
played into silence. True peak is the highest sample after 4x oversampling, as
a meter reads the waveform between samples.
"""

from __future__ import annotations

import math

import numpy as np

from montage.sound.dsp import RATE, Curve, biquad, filtered, seconds_to_samples

WINDOW = 0.4
"""Seconds of the momentary loudness window."""

HOP = 0.01
"""Seconds between the windows measured."""

SILENT = -70.0
"""The loudness given to silence (the standard's absolute gate)."""

OVERSAMPLE = 4
"""True-peak oversampling factor."""

_TAPS_PER_PHASE = 12

PEAK_REACH = 8
"""Samples on each side of a sample that its oversampled peak depends on (the interpolator
reaches 6), so a stretch's peaks can be worked out from the stretch and this much around it."""


def k_weighted(samples: Curve) -> Curve:
    """``samples`` through the K-weighting filter."""
    return filtered(
        samples,
        biquad("highshelf", 1500.0, 1 / math.sqrt(2), 4.0),
        biquad("highpass", 38.0, 0.5),
        tail=0.05,
    )


def momentary(samples: Curve) -> Curve:
    """The momentary loudness (LUFS) every ``HOP`` seconds, each over the 400 ms that end there.

    The sound is taken as played into silence: windows that reach before its
    start or past its end hear silence there.
    """
    window = seconds_to_samples(WINDOW)
    hop = seconds_to_samples(HOP)
    weighted = k_weighted(np.asarray(samples, dtype=np.float64))  # a new array, or empty
    np.square(weighted, out=weighted)
    count = len(weighted)
    # the running sum of the power with a window of silence before and after it, made in one
    # array: summing silence adds exact zeros, so this is the sum over the padded sound
    running = np.zeros(count + 2 * window + 1)
    np.cumsum(weighted, out=running[window + 1 : window + 1 + count])
    del weighted
    running[window + 1 + count :] = running[window + count]
    ends = np.arange(window, count + 2 * window + 1, hop)
    power = (running[ends] - running[ends - window]) / window
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(np.maximum(power, 1e-12))
    out: Curve = np.maximum(loud, SILENT)
    return out


def loudness(samples: Curve) -> float:
    """The loudest momentary loudness of ``samples``, in LUFS: how loud it sounds."""
    if len(samples) == 0:
        return SILENT
    return float(np.max(momentary(samples)))


def matched(samples: Curve, target: float) -> Curve:
    """``samples`` scaled so their loudness is ``target`` LUFS."""
    now = loudness(samples)
    if now <= SILENT:
        return samples
    return samples * 10 ** ((target - now) / 20)


def _interpolator() -> Curve:
    taps = OVERSAMPLE * _TAPS_PER_PHASE
    n = np.arange(taps) - (taps - 1) / 2
    kernel = np.sinc(n / OVERSAMPLE) * np.kaiser(taps, 8.0)
    return kernel.reshape(_TAPS_PER_PHASE, OVERSAMPLE).T.copy()


PHASES = _interpolator()
"""The interpolator's taps, one row per phase of the oversampling."""


def oversampled_peaks(samples: Curve) -> Curve:
    """The highest absolute value of the 4x oversampled waveform around each sample."""
    x = np.asarray(samples, dtype=np.float64)
    peaks = np.abs(x)
    for phase in PHASES:
        peaks = np.maximum(peaks, np.abs(np.convolve(x, phase, mode="same")))
    return peaks


def true_peak(samples: Curve) -> float:
    """The true peak of ``samples`` as a share of full scale."""
    return float(np.max(oversampled_peaks(samples))) if len(samples) else 0.0


def dbfs(level: float) -> float:
    """A level (share of full scale) in dBFS."""
    return 20 * math.log10(max(level, 1e-9))


def window_samples() -> int:
    """Samples in one momentary window."""
    return round(WINDOW * RATE)
