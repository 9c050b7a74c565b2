"""Sounds in memory: the cues, the beat and each step's own WAV, read once per session."""

from __future__ import annotations

import struct
import wave
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from montage.session.timeline import DEFAULT_BPM, Timeline
from montage.sound.render import BEAT_FILE
from montage.sound.synth import CUES, RATE, beat, pcm_bytes


@dataclass(frozen=True, slots=True)
class Sound:
    """PCM audio ready for the device."""

    pcm: bytes
    """The frames."""
    rate: int
    """Frames per second."""
    channels: int = 1
    """Interleaved channels."""
    width: int = 2
    """Bytes per sample."""

    @property
    def frame_bytes(self) -> int:
        """Bytes per frame."""
        return self.channels * self.width

    @property
    def seconds(self) -> float:
        """How long it plays."""
        return len(self.pcm) / self.frame_bytes / self.rate

    def scaled(self, volume: float) -> Sound:
        """The same sound at ``volume`` (0 to 1) of its level."""
        if volume >= 0.999 or self.width != 2:
            return self
        samples = array("h")
        samples.frombytes(self.pcm)
        quieter = array("h", (round(sample * volume) for sample in samples))
        return Sound(quieter.tobytes(), self.rate, self.channels, self.width)

    def from_offset(self, seconds: float) -> Sound:
        """The rest of the sound from ``seconds`` in."""
        frame = min(len(self.pcm) // self.frame_bytes, max(0, round(seconds * self.rate)))
        return Sound(self.pcm[frame * self.frame_bytes :], self.rate, self.channels, self.width)

    def repeated(self, times: int) -> Sound:
        """The sound played ``times`` times back to back."""
        return Sound(self.pcm * times, self.rate, self.channels, self.width)


class SoundError(ValueError):
    """A WAV that cannot be read; the text names the file and says why.

    Args:
        path: The file.
        reason: Why it cannot be played, without the file's name.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason
        """Why it cannot be played."""


def read_wav(path: Path) -> Sound:
    """Read a PCM WAV file.

    Args:
        path: The file.

    Returns:
        Its audio.

    Raises:
        SoundError: The file is missing, unreadable, or not 8- or 16-bit PCM WAV.
    """
    try:
        with wave.open(str(path), "rb") as source:
            width = source.getsampwidth()
            sound = Sound(
                source.readframes(source.getnframes()),
                source.getframerate(),
                source.getnchannels(),
                width,
            )
    except FileNotFoundError:
        raise SoundError(path, "no such file") from None
    except (OSError, EOFError, wave.Error, RuntimeError, ValueError, struct.error) as error:
        # a damaged header makes the wave module raise any of these
        detail = f" ({error})" if str(error) else ""
        raise SoundError(path, f"not a readable WAV file{detail}") from None
    if width not in (1, 2) or not sound.pcm or sound.rate <= 0:
        raise SoundError(path, "only 8- or 16-bit PCM WAV files with sound in them play")
    return sound


@dataclass
class SoundBank:
    """Every sound a session can play, with the problems met while reading them."""

    cues: dict[str, Sound] = field(default_factory=dict)
    """Each cue by name (``go``, ``tick``...)."""
    beat: Sound | None = None
    """One bar of the beat at the workout's tempo; None when the beat is off."""
    beat_bar: float = 0.0
    """Seconds in one bar of the beat."""
    steps: dict[Path, Sound] = field(default_factory=dict)
    """The WAV each step asks for, by its path."""
    voice: dict[str, Sound] = field(default_factory=dict)
    """Spoken phrases by key (``go``, ``rest``, ``next:<step index>``), filled in by the player
    once rendered; empty without a voice."""
    problems: list[str] = field(default_factory=list)
    """What could not be read; those sounds stay silent."""


def load_bank(
    timeline: Timeline,
    shipped: Path,
    user: Path | None = None,
) -> SoundBank:
    """Read every sound a session of ``timeline`` needs.

    A WAV in ``user`` replaces the built-in one of the same file name. A missing
    built-in cue is rendered afresh; a broken user WAV is reported and the
    built-in one plays instead.

    Args:
        timeline: The session's workout.
        shipped: The built-in sounds folder.
        user: The user's sounds folder, if any.

    Returns:
        The sounds, and what went wrong reading them.
    """
    bank = SoundBank()
    for name, render in CUES.items():
        bank.cues[name] = _pick(f"{name}.wav", shipped, user, bank.problems) or _synth(render())
    if timeline.bpm is not None:
        custom = _pick(BEAT_FILE, None, user, bank.problems)
        if custom is None and timeline.bpm == DEFAULT_BPM:
            custom = _pick(BEAT_FILE, shipped, None, bank.problems)
        if custom is not None:
            bank.beat, bank.beat_bar = custom, custom.seconds
        else:
            bank.beat = _synth(beat(timeline.bpm))
            bank.beat_bar = 4 * 60.0 / timeline.bpm
    wanted = {step.sound for step in timeline.steps if step.sound}
    wanted |= {move.sound for step in timeline.steps for move in step.moves if move.sound}
    for path in sorted(wanted):
        try:
            bank.steps[path] = read_wav(path)
        except SoundError as error:
            bank.problems.append(str(error))
    return bank


def _pick(name: str, shipped: Path | None, user: Path | None, problems: list[str]) -> Sound | None:
    for folder in (user, shipped):
        if folder is None or not (folder / name).exists():
            continue
        try:
            return read_wav(folder / name)
        except SoundError as error:
            problems.append(str(error))
    return None


def _synth(samples: list[float]) -> Sound:
    return Sound(pcm_bytes(samples), RATE)
