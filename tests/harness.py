"""An app on a fake clock, with the test workouts, for Pilot and snapshot tests."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from fakes import FakeClock, ManualScheduler
from montage.app.app import MontageApp
from montage.app.widgets.big_clock import BigClock
from montage.app.widgets.block_text import BlockText
from montage.log.reading import LogService
from montage.log.recording import RecordingService
from montage.paths import user_workouts_dir
from montage.session.events import Event
from montage.session.timeline import Scene
from montage.settings import Settings
from montage.sound.backends import Backend
from montage.sound.service import AudioService
from montage.workout.catalogue import Entry, load_entry, scan
from montage.workout.loader import parse_workout
from montage.workout.problems import WorkoutError

DATA = Path(__file__).parent / "data"


def broken_entry() -> Entry:
    try:
        parse_workout("name: Broken\nsteps:\n  - exercise: Chop\n    rep: 10\n", "broken.yaml")
    except WorkoutError as error:
        return Entry(Path("broken.yaml"), "user", None, error)
    raise AssertionError("the broken workout loaded")


def entries(scene: Scene | None = None) -> list[Entry]:
    """The test workouts, in ``scene`` when one is given (else as their tags pick)."""
    found = [
        load_entry(DATA / "barn-taster.yaml", "shipped"),
        load_entry(DATA / "snow-run.yaml", "shipped"),
        broken_entry(),
    ]
    if scene is None:
        return found
    return [
        replace(entry, timeline=replace(entry.timeline, scene=scene)) if entry.timeline else entry
        for entry in found
    ]


class RecordingBackend:
    """A sound device that keeps every sample of its one stream: the audio seam of the tests."""

    name = "recording"

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def open(self, rate: int) -> _Recorder:
        return _Recorder(self.chunks)

    def samples(self) -> array[int]:
        """Every sample written so far."""
        out = array("h")
        out.frombytes(b"".join(self.chunks))
        return out


class _Recorder:
    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks

    def write(self, pcm: bytes) -> None:
        self._chunks.append(pcm)

    def delay(self) -> int | None:
        return None

    def close(self) -> None:
        pass


def devices(backend: Backend) -> Callable[[bool, str], tuple[Backend, str | None]]:
    return lambda muted, kind: (backend, None)


class Harness:
    def __init__(
        self,
        start: str | None = None,
        log_service: LogService | None = None,
        recording: RecordingService | None = None,
        extra: list[Entry] | None = None,
        scene: Scene | None = None,
        workouts: list[Entry] | None = None,
        backend: Backend | None = None,
    ) -> None:
        self.clock = FakeClock(start=0.0)
        self.scheduler = ManualScheduler(self.clock)
        self.events: list[Event] = []
        self.settings = Settings(voice=False)
        self.backend = RecordingBackend()
        self.audio = AudioService(self.settings, self.clock, devices(backend or self.backend))
        found = (entries(scene) if workouts is None else workouts) + (extra or [])
        first = next((e for e in found if e.name == start), None) if start else None

        def known() -> list[Entry]:
            return found + scan(user_workouts_dir(), "user")

        self.app = MontageApp(
            self.settings,
            clock=self.clock,
            scheduler=self.scheduler,
            entries=known,
            start=first,
            listeners=[self.events.append],
            save=False,
            audio=self.audio,
            log_service=log_service,
            recording=recording,
        )
        self.notes: list[str] = []
        """Every notice the app showed, in order: kept however long a loaded machine takes,
        where the app's own go once their time on screen has passed."""
        notify = self.app.notify

        def kept(message: str, *args: Any, **kwargs: Any) -> None:
            self.notes.append(str(message))
            notify(message, *args, **kwargs)

        self.app.notify = kept  # type: ignore[method-assign]

    def text(self, selector: str) -> str:
        """What a widget says: a Static's content, or the text block letters draw."""
        widget = self.app.screen.query_one(selector)
        if isinstance(widget, BlockText):
            return widget.text
        return str(widget.content)  # type: ignore[attr-defined]

    def drawn(self, selector: str) -> str:
        """The characters a widget drawing its own lines puts on the screen."""
        widget = self.app.screen.query_one(selector)
        return "\n".join(widget.render_line(y).text for y in range(widget.size.height))

    def walk_to(self, moment: float) -> None:
        """Move the clock in quarter seconds, letting the sound thread keep up as in real time."""
        if self.audio.player is not None:
            self.audio.player.wait_ready()
        while self.clock.now < moment:
            self.scheduler.advance_to(min(moment, self.clock.now + 0.25))
            if self.audio.player is not None:
                self.audio.player.wait_idle()

    def cues(self) -> list[str]:
        player = self.audio.player
        assert player is not None and player.wait_idle()
        return [name for name, _, _ in player.played]

    def clock_text(self) -> str:
        return self.app.screen.query_one(BigClock).text
