"""Sounds read from files (a user's cue, a step's WAV, the voice) made ready for the mixer.

Each is turned into mono samples at the mixer's rate, and, unless it is one
of the shipped cues (already matched when rendered), matched in loudness as
heard to the cues, so a WAV of yours or the voice sits level with the rest.
"""

from __future__ import annotations

from montage.sound.bank import Sound
from montage.sound.dsp import edges, from_pcm, remove_dc
from montage.sound.loudness import matched
from montage.sound.mixer import OneShot
from montage.sound.synth import CUE_LUFS


def as_samples(sound: Sound, target: float | None = CUE_LUFS) -> OneShot:
    """``sound`` as a one-shot for the mixer.

    Args:
        sound: PCM from a file or from the synthesizer.
        target: The loudness (LUFS) to match it to; None keeps its level.

    Returns:
        Its samples, without DC, faded at both ends so it never clicks.
    """
    samples = remove_dc(from_pcm(sound.pcm, sound.rate, sound.channels, sound.width))
    if target is not None:
        samples = matched(samples, target)
    return OneShot(edges(samples, 0.002))
