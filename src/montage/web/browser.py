"""montage's app as a browser runs it: the cues play in the browser, this machine stays silent.

``python -m montage.web.browser`` is what ``montage serve`` starts for each browser;
Textual's web driver (named by textual-serve in ``TEXTUAL_DRIVER``) draws it there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from montage.app import app as app_module
from montage.app.app import MontageApp
from montage.log.recording import RecordingService
from montage.session.events import Event
from montage.session.timeline import Timeline
from montage.settings import Settings, load_settings
from montage.sound.cues import cues_for
from montage.sound.service import AudioService
from montage.web import SOUNDS_PATH
from montage.workout.catalogue import Entry

SOUND_NOTE = "Sound plays in this browser: the cues, without the beat or the voice."
"""What a browser is told as montage opens in it."""

OpenUrl = Callable[[str], None]
"""Asks the browser to open an address."""


class BrowserCues:
    """Asks the browser to play each cue of a session, at its moment, with the user's volume.

    Args:
        settings: The user's settings: mute and volume are read at every cue.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.timeline: Timeline | None = None
        """The running session's workout."""
        self.open_url: OpenUrl | None = None
        """How to reach the browser; None until the app runs."""

    def __call__(self, event: Event) -> None:
        if self.timeline is None or self.open_url is None or self.settings.mute:
            return
        for cue in cues_for(event, self.timeline):
            # a step's own WAV stays on this machine: the browser hears the usual cue
            name = "go" if cue.name == "step" else cue.name
            self.open_url(f"{SOUNDS_PATH}{name}.wav?volume={self.settings.volume:.2f}")


class BrowserApp(MontageApp):
    """The app in a browser: every screen as usual, the sound in the browser, no editing of
    this machine's files.

    Args:
        settings: The user's settings.
        kwargs: Passed on to ``MontageApp``.
    """

    CSS_PATH = str(Path(app_module.__file__).with_name("montage.tcss"))

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        self.cues = BrowserCues(settings)
        kwargs.setdefault("audio", AudioService(settings, time.monotonic, muted=True))
        super().__init__(settings, listeners=[self.cues], **kwargs)

    def on_mount(self) -> None:
        self.cues.open_url = lambda address: self.open_url(address, new_tab=False)
        super().on_mount()
        self.notify(SOUND_NOTE, timeout=6)

    def start_session(self, entry: Entry) -> None:
        """Start a session, its cues bound for the browser."""
        self.cues.timeline = entry.timeline
        super().start_session(entry)

    def edit_file(self, path: Path) -> None:
        """Workouts are edited on the machine that serves montage, never from a browser."""
        self.notify(
            "Workouts are edited on the machine that serves montage, not from a browser.",
            severity="warning",
        )


def main() -> int:
    """Run the app for one browser."""
    settings, notice = load_settings()
    app = BrowserApp(settings, recording=RecordingService())
    if notice:
        app.call_later(app.notify, notice, severity="warning")
    app.run()
    return 0 if app.return_code is None else app.return_code


if __name__ == "__main__":
    raise SystemExit(main())
