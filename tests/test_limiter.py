"""The limiter: never past its ceiling, and a block that cannot reach it passes untouched
without the true peaks being worked out, exactly as the full path would have had it."""

from __future__ import annotations

import numpy as np
import pytest

from montage.sound import limiter
from montage.sound.limiter import LATENCY, Limiter
from montage.sound.loudness import dbfs, oversampled_peaks, true_peak

BLOCK = 441


def _signal() -> np.ndarray:
    """Quiet noise, a loud burst, quiet again, a burst just under the ceiling, then silence."""
    rng = np.random.default_rng(7)
    parts = [
        0.1 * rng.standard_normal(20 * BLOCK),
        2.0 * rng.standard_normal(5 * BLOCK),
        0.2 * rng.standard_normal(30 * BLOCK),
        0.5 * np.sin(np.arange(10 * BLOCK) * 0.05),
        np.zeros(10 * BLOCK),
    ]
    return np.concatenate(parts)


def _limited(signal: np.ndarray) -> np.ndarray:
    meter = Limiter()
    blocks = [meter.process(signal[i : i + BLOCK]) for i in range(0, len(signal), BLOCK)]
    return np.concatenate(blocks)


def test_quiet_blocks_pass_untouched_and_match_the_full_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    signal = _signal()
    passed: list[int] = []
    real = Limiter._pass

    def counted(self: Limiter, signal: np.ndarray, ceilings: np.ndarray, n: int) -> np.ndarray:
        passed.append(n)
        return real(self, signal, ceilings, n)

    monkeypatch.setattr(Limiter, "_pass", counted)
    quick = _limited(signal)
    blocks = len(signal) // BLOCK
    assert 30 < len(passed) < blocks - 10  # the quiet ones passed; the loud ones were limited
    monkeypatch.setattr(limiter, "_bound", lambda samples: np.inf)  # never: the full path
    passed.clear()
    full = _limited(signal)
    assert passed == []
    assert np.max(np.abs(quick - full)) < 1e-12
    assert dbfs(true_peak(quick)) <= -1.0  # the mix's promise: never past -1 dBFS
    # the quiet start comes out as it went in, late by the limiter's latency
    start = signal[: 15 * BLOCK]
    assert np.array_equal(quick[LATENCY : len(start)], start[: len(start) - LATENCY])


@pytest.mark.parametrize(("first", "last"), [(0, 30), (500, 1382), (4000, 4410), (4405, 4410)])
def test_a_buffers_peaks_over_a_stretch_are_those_of_the_whole_buffer(
    first: int, last: int
) -> None:
    from montage.sound.feeds import _Buffer

    samples = np.random.default_rng(3).standard_normal(4410)
    whole = oversampled_peaks(samples)
    asked = _Buffer(1000, samples, None)
    assert np.array_equal(asked.peaks_over(1000 + first, 1000 + last), whole[first:last])
    assert asked.known is None  # worked out for the stretch only
    assert np.array_equal(asked.peaks, whole) and asked.known is not None
