"""Ways to make sound: simpleaudio (the default), a streaming ALSA device, or silence.

simpleaudio plays whole buffers, each on a new device stream it opens for the
buffer, with a latency fixed at 100 ms in its C code; a stop lets the device
drain its buffer and then cuts. So through it the mixer hands over long
segments that end where the mix is silent, and a command starts a new segment.
The streaming backend opens one ALSA stream for the whole session (through
libasound with ctypes, on Linux) and is fed a few milliseconds at a time: no
seams at all, every stop a fade, every command heard within 30 ms.

ALSA writes its own complaints (no card, unknown device) straight to the C
library's stderr, which would tear through a full-screen app; montage installs
an ALSA error handler that drops them, and reports problems itself, once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any, Protocol

from montage.sound.bank import Sound

BACKENDS = ("simpleaudio", "alsa")
"""The backends the settings may name."""


class Playing(Protocol):
    """A buffer being played."""

    def stop(self) -> None:
        """Stop it now."""

    def is_playing(self) -> bool:
        """Whether it is still sounding."""


class Stream(Protocol):
    """One open device stream, fed samples as the session goes."""

    def write(self, pcm: bytes) -> None:
        """Queue 16-bit mono frames after those written before.

        Raises:
            AudioError: The device failed.
        """

    def delay(self) -> int | None:
        """Frames written and not yet played (the device's own clock); None when unknown."""

    def close(self) -> None:
        """Let what is queued play out and close the device."""


class Backend(Protocol):
    """Where sound goes: a device that plays whole buffers, a stream, or nothing."""

    name: str
    """What it is, for notices."""


class BufferBackend(Backend, Protocol):
    """Plays whole buffers, each as it is handed over, without waiting for it to end."""

    def play(self, sound: Sound) -> Playing:
        """Start playing ``sound`` and return at once.

        Raises:
            AudioError: The device cannot play.
        """


class StreamBackend(Backend, Protocol):
    """Opens one stream for a session and takes its samples as they come."""

    def open(self, rate: int) -> Stream:
        """Open the device for 16-bit mono at ``rate``.

        Raises:
            AudioError: The device cannot be opened.
        """


class AudioError(RuntimeError):
    """The sound device cannot play; the text says why."""


class SilentBackend:
    """Plays nothing: for ``--mute``, and when there is no sound device."""

    name = "silent"


_ALSA_HANDLER = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)


class SimpleaudioBackend:
    """Plays through simpleaudio (ALSA on Linux), each buffer on its own device stream."""

    name = "simpleaudio"

    def __init__(self) -> None:
        import simpleaudio  # loaded only when sound is wanted

        self._simpleaudio: Any = simpleaudio
        self._handler = _quiet_alsa()

    def check(self) -> None:
        """Open the default device and close it again, playing nothing, so a session with no
        card says so as it starts rather than at its first cue (where ALSA is what
        simpleaudio plays through; elsewhere the first buffer tells).

        Raises:
            AudioError: The device cannot be opened.
        """
        lib = _libasound()
        if lib is None:
            return
        handle = ctypes.c_void_p()
        result = lib.snd_pcm_open(ctypes.byref(handle), b"default", _PLAYBACK, 0)
        if result < 0:
            raise AudioError(f"Error opening PCM device ({_alsa_error(lib, result)})")
        lib.snd_pcm_close(handle)

    def play(self, sound: Sound) -> Playing:
        """Start ``sound`` on the default device."""
        try:
            playing: Playing = self._simpleaudio.play_buffer(
                sound.pcm, sound.channels, sound.width, sound.rate
            )
        except Exception as error:  # noqa: BLE001 - simpleaudio raises its own error types
            raise AudioError(str(error) or type(error).__name__) from None
        return playing


_PLAYBACK, _S16_LE, _INTERLEAVED, _PREPARED = 0, 2, 3, 2
STREAM_LATENCY_US = 60_000
"""The ALSA buffer the streaming backend asks for; montage keeps it about a third full."""


class AlsaBackend:
    """One ALSA stream per session through libasound, fed a few milliseconds at a time."""

    name = "alsa"

    def __init__(self) -> None:
        lib = _libasound()
        if lib is None:
            raise ImportError("libasound", name="libasound")
        self._lib = lib
        self._handler = _quiet_alsa()
        lib.snd_pcm_set_params.argtypes = [ctypes.c_void_p] + [ctypes.c_int] * 3
        lib.snd_pcm_set_params.argtypes += [ctypes.c_uint, ctypes.c_int, ctypes.c_uint]
        lib.snd_pcm_writei.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_ulong]
        lib.snd_pcm_writei.restype = ctypes.c_long
        for function in ("snd_pcm_drain", "snd_pcm_start", "snd_pcm_state"):
            getattr(lib, function).argtypes = [ctypes.c_void_p]
        lib.snd_pcm_recover.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        lib.snd_pcm_delay.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_long)]

    def open(self, rate: int) -> Stream:
        """Open the default device for 16-bit mono at ``rate``."""
        handle = ctypes.c_void_p()
        result = self._lib.snd_pcm_open(ctypes.byref(handle), b"default", _PLAYBACK, 0)
        if result < 0:
            raise AudioError(f"Error opening PCM device ({_alsa_error(self._lib, result)})")
        result = self._lib.snd_pcm_set_params(
            handle, _S16_LE, _INTERLEAVED, 1, rate, 1, STREAM_LATENCY_US
        )
        if result < 0:
            self._lib.snd_pcm_close(handle)
            raise AudioError(f"Error setting parameters ({_alsa_error(self._lib, result)})")
        return _AlsaStream(self._lib, handle)


class _AlsaStream:
    def __init__(self, lib: Any, handle: ctypes.c_void_p) -> None:
        self._lib = lib
        self._handle: ctypes.c_void_p | None = handle

    def write(self, pcm: bytes) -> None:
        if self._handle is None:
            return
        frames = len(pcm) // 2
        offset = 0
        for _ in range(8):  # an underrun is recovered from; a device that keeps failing is not
            if offset >= frames:
                break
            result = self._lib.snd_pcm_writei(self._handle, pcm[offset * 2 :], frames - offset)
            if result < 0:
                if self._lib.snd_pcm_recover(self._handle, int(result), 1) < 0:
                    raise AudioError(f"the sound device failed ({result})")
                continue
            offset += result
        if self._lib.snd_pcm_state(self._handle) == _PREPARED:
            self._lib.snd_pcm_start(self._handle)  # play from the first frames, not a full buffer

    def delay(self) -> int | None:
        if self._handle is None:
            return None
        frames = ctypes.c_long()
        if self._lib.snd_pcm_delay(self._handle, ctypes.byref(frames)) < 0:
            return None
        return int(frames.value)

    def close(self) -> None:
        if self._handle is not None:
            self._lib.snd_pcm_drain(self._handle)
            self._lib.snd_pcm_close(self._handle)
            self._handle = None


@cache
def _libasound() -> Any | None:
    """libasound, ready to open and close a device and name an error; None without it.
    Looked for once (finding a library runs a program)."""
    name = ctypes.util.find_library("asound")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.snd_pcm_open.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p]
    lib.snd_pcm_open.argtypes += [ctypes.c_int, ctypes.c_int]
    lib.snd_pcm_close.argtypes = [ctypes.c_void_p]
    lib.snd_strerror.restype = ctypes.c_char_p
    return lib


def _alsa_error(lib: Any, code: int) -> str:
    text: bytes | None = lib.snd_strerror(code)
    return text.decode(errors="replace") if text else str(code)


def _quiet_alsa() -> object | None:
    """Send ALSA's library messages nowhere; returns the handler, which must be kept alive."""
    library = _libasound()
    if library is None:
        return None

    def drop(*_: object) -> None:
        return None

    handler = _ALSA_HANDLER(drop)
    library.snd_lib_error_set_handler(handler)
    return handler


def open_backend(mute: bool, kind: str = "simpleaudio") -> tuple[Backend, str | None]:
    """The backend to use, with a notice when sound is off for a reason the user should know.

    Args:
        mute: The user asked for no sound.
        kind: ``simpleaudio`` (the default) or ``alsa`` (one stream per session).

    Returns:
        The backend, and a notice (None when all is well or the user muted).
    """
    if mute:
        return SilentBackend(), None
    try:
        if kind == "alsa":
            return AlsaBackend(), None
        return SimpleaudioBackend(), None
    except (ImportError, OSError) as error:
        missing = getattr(error, "name", None) or str(error)
        return SilentBackend(), f"No sound: the sound library is missing ({missing})."
