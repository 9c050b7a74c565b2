"""Sound for sessions: a player per session, with the user's volume and mute."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from montage.paths import shipped_sounds_dir, user_sounds_dir
from montage.session.engine import Clock
from montage.session.timeline import Timeline
from montage.settings import Settings, clamp_volume
from montage.sound.backends import Backend, open_backend
from montage.sound.bank import load_bank
from montage.sound.player import Player
from montage.sound.voice import phrases, render_phrases, voice_program

BackendFactory = Callable[[bool, str], tuple[Backend, str | None]]
"""Opens a backend (muted or not, of the kind the settings name), with a notice when sound is
unavailable."""


class AudioService:
    """Makes the player of each session and carries volume and mute changes to it.

    Args:
        settings: The user's settings; volume and mute are read from and written to it.
        clock: The sessions' monotonic clock.
        backends: Opens the sound backend; simpleaudio or silence by default.
        muted: No sound at all, whatever the settings say (``--mute``).
        shipped: The built-in sounds folder.
        user: The user's sounds folder, whose WAVs replace built-in cues.
    """

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        backends: BackendFactory = open_backend,
        muted: bool = False,
        shipped: Path | None = None,
        user: Path | None = None,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._backends = backends
        self.forced_mute = muted
        self._shipped = shipped or shipped_sounds_dir()
        self._user = user or user_sounds_dir()
        self.player: Player | None = None

    def session(self, timeline: Timeline, notify: Callable[[str], None]) -> Player:
        """Start the player for a new session (the last one is closed).

        Args:
            timeline: The session's workout.
            notify: Tells the user of a problem; may be called from another thread.

        Returns:
            The player, already listening.
        """
        self.close()
        backend, notice = self._backends(self.forced_mute, self.settings.backend)
        if notice:
            notify(notice)
        voice = voice_program() if self.settings.voice and not self.forced_mute else None
        self.player = Player(
            backend,
            lambda: load_bank(timeline, self._shipped, self._user, self.settings.low_cues),
            timeline,
            self._clock,
            volume=self.settings.volume,
            muted=self.settings.mute,
            notify=notify,
            beat=self.settings.beat,
            speech=None if voice is None else partial(render_phrases, phrases(timeline), voice),
        )
        self.player.start()
        return self.player

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute, now and for later sessions."""
        self.settings.mute = muted
        if self.player is not None:
            self.player.set_muted(muted)

    def set_volume(self, volume: float) -> None:
        """Set the volume (0 to 1.5), now and for later sessions."""
        self.settings.volume = clamp_volume(volume)
        if self.player is not None:
            self.player.set_volume(self.settings.volume)

    def set_beat(self, on: bool) -> None:
        """Turn the beat during work on or off, now and for later sessions."""
        self.settings.beat = on
        if self.player is not None:
            self.player.set_beat(on)

    def close(self) -> None:
        """Stop the current player, if any."""
        if self.player is not None:
            self.player.close()
            self.player = None
