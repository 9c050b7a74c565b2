"""Sounds in memory: the cues and each step's own WAV, read once per session, safely.

A WAV is read only when it is a regular file no bigger than ``MAX_WAV_BYTES``
whose header claims no more sound than the file holds: a FIFO, a device or a
file of gigabytes is refused with one line before a byte of it is read.
"""

from __future__ import annotations

import os
import stat
import struct
import wave
from dataclasses import dataclass, field
from pathlib import Path

from montage.session.timeline import Timeline
from montage.sound.cues import CUE_NAMES

MAX_WAV_BYTES = 64 * 1024 * 1024
"""The largest WAV montage reads (64 MB: over six minutes of CD-quality stereo)."""

RATE = 44_100
"""The rate of the shipped sounds."""

LOW_FOLDER = "low"
"""The folder, inside the shipped sounds, of the low-pitch cue set."""


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


def read_wav(path: Path, limit: int = MAX_WAV_BYTES) -> Sound:
    """Read a PCM WAV file, refusing anything that is not a reasonable one before reading it.

    Args:
        path: The file.
        limit: The most bytes it may have.

    Returns:
        Its audio.

    Raises:
        SoundError: The file is missing, not a regular file, too big, unreadable, or not
            8- or 16-bit PCM WAV.
    """
    try:
        found = os.stat(path)
    except FileNotFoundError:
        raise SoundError(path, "no such file") from None
    except OSError as error:
        raise SoundError(path, f"cannot be read ({error.strerror or error})") from None
    _check_file(path, found, limit)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise SoundError(path, f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(handle, "rb") as file:
        _check_file(path, os.fstat(file.fileno()), limit)  # the same file as was looked at
        try:
            with wave.open(file, "rb") as source:
                width = source.getsampwidth()
                claimed = source.getnframes() * width * source.getnchannels()
                if claimed > found.st_size:
                    raise SoundError(path, "its header claims more sound than the file holds")
                sound = Sound(
                    source.readframes(source.getnframes()),
                    source.getframerate(),
                    source.getnchannels(),
                    width,
                )
        except (OSError, EOFError, wave.Error, RuntimeError, ValueError, struct.error) as error:
            if isinstance(error, SoundError):
                raise
            # a damaged header makes the wave module raise any of these
            detail = f" ({error})" if str(error) else ""
            raise SoundError(path, f"not a readable WAV file{detail}") from None
    if width not in (1, 2) or not sound.pcm or sound.rate <= 0 or sound.channels not in (1, 2):
        raise SoundError(path, "only 8- or 16-bit PCM WAV files with sound in them play")
    return sound


def _check_file(path: Path, found: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(found.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(found.st_mode) else "a device or folder"
        raise SoundError(path, f"is {kind}, not a sound file")
    if found.st_size > limit:
        size = found.st_size / (1024 * 1024)
        raise SoundError(
            path, f"is too big ({size:,.0f} MB; sounds up to {limit // 2**20} MB play)"
        )


@dataclass
class SoundBank:
    """Every sound a session can play, with the problems met while reading them."""

    cues: dict[str, Sound] = field(default_factory=dict)
    """Each cue by name (``go``, ``tick``...)."""
    mine: set[str] = field(default_factory=set)
    """The cues that come from the user's own sounds folder."""
    steps: dict[Path, Sound] = field(default_factory=dict)
    """The WAV each step asks for, by its path."""
    problems: list[str] = field(default_factory=list)
    """What could not be read; those sounds stay silent."""


def load_bank(
    timeline: Timeline,
    shipped: Path,
    user: Path | None = None,
    low: bool = False,
) -> SoundBank:
    """Read every sound a session of ``timeline`` needs.

    A WAV in ``user`` replaces the built-in one of the same file name. A missing
    built-in cue is rendered afresh; a broken user WAV is reported and the
    built-in one plays instead.

    Args:
        timeline: The session's workout.
        shipped: The built-in sounds folder.
        user: The user's sounds folder, if any.
        low: Use the low-pitch cue set.

    Returns:
        The sounds, and what went wrong reading them.
    """
    bank = SoundBank()
    built_in = shipped / LOW_FOLDER if low else shipped
    for name in CUE_NAMES:
        mine = _pick(f"{name}.wav", user, bank.problems)
        if mine is not None:
            bank.cues[name] = mine
            bank.mine.add(name)
            continue
        bank.cues[name] = _pick(f"{name}.wav", built_in, bank.problems) or _synth(name, low)
    if user is not None and os.path.lexists(user / "beat.wav"):
        bank.problems.append(f"{user / 'beat.wav'}: the score has taken the beat loop's place")
    wanted = {step.sound for step in timeline.steps if step.sound}
    wanted |= {move.sound for step in timeline.steps for move in step.moves if move.sound}
    for path in sorted(wanted):
        try:
            bank.steps[path] = read_wav(path)
        except SoundError as error:
            bank.problems.append(str(error))
    return bank


def _pick(name: str, folder: Path | None, problems: list[str]) -> Sound | None:
    if folder is None:
        return None
    path = folder / name
    if not os.path.lexists(path):
        return None
    try:
        return read_wav(path)
    except SoundError as error:
        problems.append(str(error))
    return None


def _synth(name: str, low: bool) -> Sound:
    from montage.sound.synth import pcm_bytes, render_cue  # numpy, only when a cue is missing

    return Sound(pcm_bytes(render_cue(name, low)), RATE)
