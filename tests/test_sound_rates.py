"""Sounds at other rates (a spoken line at 22,050 Hz, a WAV at 48 kHz) converted to the
mixer's, as the sound itself would be heard at it."""

from __future__ import annotations

import numpy as np
import pytest

from montage.sound.dsp import RATE, from_pcm


def _tone(rate: int, frames: int, at: np.ndarray) -> np.ndarray:
    """Half-scale 1 kHz swelling and fading over ``frames`` samples at ``rate``, at ``at``."""
    length = frames / rate
    swell = np.where(at < length, np.sin(np.pi * np.clip(at / length, 0.0, 1.0)) ** 2, 0.0)
    return 0.5 * np.sin(2 * np.pi * 1000 * at) * swell


# frame counts with a large prime factor, as espeak-ng's lines often have (36,083 is prime)
@pytest.mark.parametrize(
    ("rate", "frames"), [(22_050, 36_083), (22_050, 17_647), (48_000, 38_407), (8_000, 6_407)]
)
def test_a_sound_at_another_rate_is_the_same_sound_at_the_mixers(rate: int, frames: int) -> None:
    pcm = np.round(_tone(rate, frames, np.arange(frames) / rate) * 32767).astype("<i2")
    converted = from_pcm(pcm.tobytes(), rate)
    assert len(converted) == round(frames * RATE / rate)
    heard = _tone(rate, frames, np.arange(len(converted)) / RATE)
    # within a few steps of 16-bit PCM everywhere, its ends too: it does not wrap around
    assert np.max(np.abs(converted - heard)) < 2e-4


def test_a_sound_at_the_mixers_rate_is_its_samples() -> None:
    pcm = np.array([0, 16384, -16384, 32767], dtype="<i2")
    assert from_pcm(pcm.tobytes(), RATE).tolist() == [0.0, 0.5, -0.5, 32767 / 32768]
