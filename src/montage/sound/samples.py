"""Sounds read from files (a user's cue, a step's WAV, the voice) made ready for the mixer.

Each is turned into mono samples at the mixer's rate, and, unless it is one
of the shipped cues (already matched when rendered), matched in loudness as
heard to the cues, so a WAV of yours or the voice sits level with the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from montage.sound.bank import Sound, SoundBank
from montage.sound.cues import Cue
from montage.sound.dsp import edges, from_pcm, remove_dc
from montage.sound.loudness import matched
from montage.sound.mixer import OneShot
from montage.sound.synth import CUE_LUFS, target_of


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
    shot = OneShot(edges(samples, 0.002))
    shot.peaks  # worked out now, off the way of a cue a command calls for  # noqa: B018
    return shot


@dataclass
class Sounds:
    """Every sound a session can play, ready for the mixer."""

    cues: dict[str, OneShot] = field(default_factory=dict)
    """Each cue by name."""
    steps: dict[Path, OneShot] = field(default_factory=dict)
    """Each step's own WAV by its path."""
    voice: dict[str, OneShot] = field(default_factory=dict)
    """Each spoken line by its key (``go``, ``next:3``...)."""

    @classmethod
    def of(cls, bank: SoundBank) -> Sounds:
        """The bank's sounds, a user's own cues matched in loudness to the shipped ones."""
        cues = {
            name: as_samples(sound, target_of(name) if name in bank.mine else None)
            for name, sound in bank.cues.items()
        }
        return cls(cues, {path: as_samples(sound) for path, sound in bank.steps.items()})

    def speak(self, lines: dict[str, Sound]) -> None:
        """Take the voice's rendered lines."""
        self.voice = {key: as_samples(sound) for key, sound in lines.items()}

    def find(self, cue: Cue) -> OneShot | None:
        """The samples a cue plays: a named cue, ``voice:<key>`` or a step's own sound."""
        if cue.name.startswith("voice:"):
            return self.voice.get(cue.name.removeprefix("voice:"))
        if cue.name == "step":
            return self.steps.get(cue.path) if cue.path else None
        return self.cues.get(cue.name)
