"""Ways to make sound: the sound card through simpleaudio, or silence.

ALSA writes its own complaints (no card, unknown device) straight to the C
library's stderr, which would tear through a full-screen app; montage installs
an ALSA error handler that drops them, and reports problems itself, once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any, Protocol

from montage.sound.bank import Sound


class Playing(Protocol):
    """A sound being played."""

    def stop(self) -> None:
        """Stop it now."""

    def is_playing(self) -> bool:
        """Whether it is still sounding."""


class Backend(Protocol):
    """Plays sounds without waiting for them to finish."""

    name: str
    """What it is, for notices."""

    def play(self, sound: Sound) -> Playing:
        """Start playing ``sound`` and return at once.

        Raises:
            AudioError: The device cannot play.
        """


class AudioError(RuntimeError):
    """The sound device cannot play; the text says why."""


class _Stopped:
    def stop(self) -> None:
        """Nothing is playing."""

    def is_playing(self) -> bool:
        """Never."""
        return False


class SilentBackend:
    """Plays nothing: for ``--mute``, and when there is no sound device."""

    name = "silent"

    def play(self, sound: Sound) -> Playing:
        """Play nothing."""
        return _Stopped()


_ALSA_HANDLER = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)


class SimpleaudioBackend:
    """Plays through simpleaudio (ALSA on Linux), each sound on its own stream, so they overlap."""

    name = "simpleaudio"

    def __init__(self) -> None:
        import simpleaudio  # loaded only when sound is wanted

        self._simpleaudio: Any = simpleaudio
        self._handler = _quiet_alsa()

    def play(self, sound: Sound) -> Playing:
        """Start ``sound`` on the default device."""
        try:
            playing: Playing = self._simpleaudio.play_buffer(
                sound.pcm, sound.channels, sound.width, sound.rate
            )
        except Exception as error:  # noqa: BLE001 - simpleaudio raises its own error types
            raise AudioError(str(error) or type(error).__name__) from None
        return playing


def _quiet_alsa() -> object | None:
    """Send ALSA's library messages nowhere; returns the handler, which must be kept alive."""
    name = ctypes.util.find_library("asound")
    if name is None:
        return None
    try:
        library = ctypes.CDLL(name)
    except OSError:
        return None

    def drop(*_: object) -> None:
        return None

    handler = _ALSA_HANDLER(drop)
    library.snd_lib_error_set_handler(handler)
    return handler


def open_backend(mute: bool) -> tuple[Backend, str | None]:
    """The backend to use, with a notice when sound is off for a reason the user should know.

    Args:
        mute: The user asked for no sound.

    Returns:
        The backend, and a notice (None when all is well or the user muted).
    """
    if mute:
        return SilentBackend(), None
    try:
        return SimpleaudioBackend(), None
    except ImportError as error:
        return SilentBackend(), f"No sound: the sound library is missing ({error.name})."
