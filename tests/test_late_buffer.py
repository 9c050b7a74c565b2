"""A buffer handed over late (a busy machine woke the sound's thread after its moment) moves
to where it will sound, and is turned down only as far as the sound already there makes it
need, worked out only where that sound is."""

from __future__ import annotations

import numpy as np

from montage.sound.backends import Playing
from montage.sound.bank import Sound
from montage.sound.dsp import RATE
from montage.sound.feeds import SegmentFeed, _Buffer
from montage.sound.limiter import ALIGN, CEILING, room_over
from montage.sound.loudness import oversampled_peaks
from montage.sound.mixer import Mixer


class _NoDevice:
    """A buffer backend that is never asked to play here."""

    name = "none"

    def play(self, sound: Sound) -> Playing:
        raise AssertionError("nothing is played in these tests")


def _feed() -> SegmentFeed:
    return SegmentFeed(_NoDevice(), Mixer(), lambda: 0)


def _bar(start: int, level: float, seconds: float = 1.6) -> _Buffer:
    """A bar of noise whose true peak is ``level``."""
    noise = np.random.default_rng(start).standard_normal(round(seconds * RATE))
    return _Buffer(start, noise * (level / np.max(oversampled_peaks(noise))), None)


def test_a_late_buffer_over_silence_moves_and_is_left_as_it_is() -> None:
    feed = _feed()
    bar = _bar(10_000, CEILING)
    before = bar.samples.copy()
    assert feed._refit(bar, 120) is False
    assert bar.start == 10_120
    assert np.array_equal(bar.samples, before)
    assert bar.known is None  # its peaks were never needed


def test_a_late_buffer_over_sound_still_playing_fits_under_the_ceiling_with_it() -> None:
    feed = _feed()
    playing = _bar(0, 0.8)
    feed._sent.append(playing)
    end = playing.end
    late = _bar(end - 3_000, 0.7)  # planned to start as the playing one ends, then late
    moved = late.start + 2_000
    count = len(late.samples)
    # what checking every sample of the bar allows
    room = room_over(feed._playing_over(moved - ALIGN, count + 2 * ALIGN), count)
    expected = min(1.0, float(np.min(room / oversampled_peaks(late.samples))))
    assert expected < 1.0  # the two overlap past the ceiling: it must be turned down
    original = late.samples.copy()
    assert feed._refit(late, 2_000) is True
    assert late.start == moved
    assert np.allclose(late.samples, original * expected, rtol=0, atol=1e-12)
    # where the two sound together, their true peaks add up to no more than the ceiling
    assert np.all(
        oversampled_peaks(playing.samples)[moved:end]
        + oversampled_peaks(late.samples)[: end - moved]
        <= CEILING + 1e-9
    )
