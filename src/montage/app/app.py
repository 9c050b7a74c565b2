"""The montage app: composes the picker, the session and the summary from injected services."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from montage.app import garbage
from montage.app.scenes import Scenes
from montage.app.scheduler import LoopScheduler, Scheduler
from montage.app.screens.session import Listeners, SessionScreen, ghosts_in
from montage.app.signals import end_on_signals
from montage.app.theme import PHASE_DEFAULTS, WIDE
from montage.safe_text import visible
from montage.session.counts import CountFollower
from montage.session.engine import Clock
from montage.session.events import Event, Listener, SessionFinished
from montage.session.timeline import Timeline
from montage.settings import Settings, save_settings
from montage.wiring import planned  # light: the sound and the log load only when wanted
from montage.workout.catalogue import Entry, catalogue

if TYPE_CHECKING:
    from textual.command import Provider

    from montage.app.screens.picker import PickerScreen
    from montage.app.screens.summary import SummaryScreen
    from montage.log.reading import LogService
    from montage.log.recording import RecordingService
    from montage.session.ghost import GhostChoice
    from montage.sound.service import AudioService
    from montage.wiring import Notify

# What a session needs before its first frame is loaded with the app; the picker, the
# summary, the palette's workouts, the sound and the log load once they are wanted, so
# that ``montage run`` draws its first frame sooner.


def _workout_commands() -> type[Provider]:
    from montage.app.palette import WorkoutCommands

    return WorkoutCommands


def _is_picker(screen: object) -> bool:
    return getattr(screen, "id", None) == "picker"


class MontageApp(App[None]):
    """The full-screen app.

    Args:
        settings: The user's settings; changed settings are saved.
        clock: The monotonic clock sessions run on.
        scheduler: Calls back at the clock's moments; the event loop's by default.
        entries: Finds the workouts to offer; the catalogue by default.
        start: A workout to start at once, instead of waiting in the picker.
        extra: Workouts named on the command line, offered with the rest.
        listeners: Told of every session event (the log).
        save: Whether changed settings are written to the settings file.
        audio: Makes each session's sound; simpleaudio with the settings' volume by default,
            made when the first session wants it.
        mute: Whether that default sound starts muted (``--mute``).
        log_service: Reads the progress log for its review; the log in montage's data
            folder by default.
        recording: Keeps each session in the progress log; None runs without the log.
        ghost: Which earlier session each session races first (``g`` changes it).
    """

    CSS_PATH = "montage.tcss"
    COMMANDS = App.COMMANDS | {_workout_commands}
    TITLE = "montage"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012

    def __init__(
        self,
        settings: Settings,
        clock: Clock = time.monotonic,
        scheduler: Scheduler | None = None,
        entries: Callable[[], list[Entry]] = catalogue,
        start: Entry | None = None,
        extra: Iterable[Entry] = (),
        listeners: Iterable[Listener] = (),
        save: bool = True,
        audio: AudioService | None = None,
        log_service: LogService | None = None,
        recording: RecordingService | None = None,
        mute: bool = False,
        ghost: GhostChoice = "best",
    ) -> None:
        super().__init__()
        self.ghost: GhostChoice = ghost
        """Which earlier session a session races as it starts."""
        self._audio = audio
        self._mute = mute
        self._loop: asyncio.AbstractEventLoop | None = None
        self.settings = settings
        self.clock = clock
        self.scheduler: Scheduler = scheduler or LoopScheduler()
        self._find_entries = entries
        self._start = start
        self._extra = [entry for entry in extra if entry.origin == "path"]
        self._listeners = tuple(listeners)
        self._save = save
        self._log_service = log_service
        self.recording = recording
        self._counts = CountFollower()
        self.last_session_id: int | None = None
        """The log's row of the session just finished, set by whoever records it; the
        summary shows the records that session broke."""
        self.scenes = Scenes(self, settings.theme)
        """Which theme the app wears."""
        self.scenes.open(start.timeline if start is not None else None)

    @property
    def log_service(self) -> LogService:
        """Reads the progress log; made when first wanted."""
        if self._log_service is None:
            from montage.log.reading import LogService

            self._log_service = LogService()
        return self._log_service

    @property
    def audio(self) -> AudioService:
        """Makes each session's sound; made when first wanted."""
        if self._audio is None:
            from montage.sound.service import AudioService

            self._audio = AudioService(self.settings, self.clock, muted=self._mute)
        return self._audio

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Phase colours for the themes that do not set them."""
        return dict(PHASE_DEFAULTS)

    def entries(self) -> list[Entry]:
        """Every workout to offer: the catalogue, then those named on the command line."""
        found = self._find_entries()
        known = {entry.path.resolve() for entry in found}
        offered = found + [entry for entry in self._extra if entry.path.resolve() not in known]
        return planned(offered, self.log_service)  # each with its targets as the log has them

    def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        end_on_signals(self.end_for_signal)  # a kill or a closed terminal: stopped, logged
        if self._start is not None:
            # pushed once the app's start-up is done, so that the session's first frame is
            # drawn at once rather than after it; the picker is made when the session is over
            self.call_later(self.start_session, self._start)
        else:
            self.show_picker()
        self.call_after_refresh(garbage.take_up)  # held off by the command line's start
        if self.recording is not None:
            # opened (on a thread of its own) once the first frame is drawn
            self.call_after_refresh(self.recording.start)

    def on_app_focus(self) -> None:
        """The terminal has the focus again: files may have changed meanwhile."""
        if _is_picker(self.screen):
            cast("PickerScreen", self.screen).rescan()

    def end_for_signal(self, signum: int) -> None:
        """Stop a running session (it is logged ``stopped``) and leave the app.

        Args:
            signum: The signal that asked for the end; the exit status is 128 + it.
        """
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.stop_now()
        self.exit(return_code=128 + signum)

    def show_picker(self) -> None:
        """Show the workout picker, making it if it is not on the screen stack yet."""
        self.scenes.show(None)
        if not any(_is_picker(screen) for screen in self.screen_stack):
            from montage.app.screens.picker import PickerScreen

            self.push_screen(PickerScreen(self.entries(), scan=self.entries))

    def on_unmount(self) -> None:
        if self._audio is not None:
            self._audio.close()
        if self.recording is not None:
            self.recording.close()

    def tell(self, text: str) -> None:
        """Show a notice; safe to call from any thread (the sound player's, say)."""
        if self._loop is not None and threading.get_ident() != self._thread_id:
            self._loop.call_soon_threadsafe(partial(self.notify, text, severity="warning"))
        else:
            self.notify(text, severity="warning")

    def action_toggle_mute(self) -> None:
        """Sound off, or back on; remembered for next time."""
        self.audio.set_muted(not self.settings.mute)
        self.notify("Sound off" if self.settings.mute else "Sound on", timeout=1.5)
        self.save_settings()

    def action_toggle_beat(self) -> None:
        """The beat during work off, or back on; remembered for next time."""
        self.audio.set_beat(not self.settings.beat)
        self.notify("Beat on" if self.settings.beat else "Beat off", timeout=1.5)
        self.save_settings()

    def action_change_volume(self, change: float) -> None:
        """Louder or quieter by ``change`` (of 1); remembered for next time."""
        self.audio.set_volume(self.settings.volume + change)
        boost = " (boost, limited: never clips)" if self.settings.volume > 1 else ""
        self.notify(f"Volume {round(self.settings.volume * 100)}%{boost}", timeout=1.5)
        self.save_settings()

    def watch_theme(self, theme: str) -> None:
        if self.scenes.changed(theme) and self.settings.theme != theme:
            self.settings.theme = theme
            self.save_settings()

    def save_settings(self) -> None:
        """Keep the settings for next time, off the event loop."""
        if self._save:
            self._write_settings(replace(self.settings))

    @work(thread=True, exclusive=True, group="settings")
    def _write_settings(self, settings: Settings) -> None:
        try:
            save_settings(settings)
        except OSError as error:
            self.call_from_thread(
                self.notify, f"Settings not saved: {error.strerror}", severity="warning"
            )

    # --------------------------------------------------------------- sessions

    def start_session(self, entry: Entry) -> None:
        """Start a session of a workout on a new session screen.

        Args:
            entry: A valid workout.
        """
        if entry.timeline is None:
            self.notify(f"{entry.path.name} has problems; fix them first.", severity="error")
            return
        # the log is made only if it is read: not on the way to a session's first frame
        timeline = planned([entry], lambda: self.log_service, self.tell)[0].timeline
        timeline = timeline or entry.timeline
        self._counts = CountFollower()
        self.scenes.show(timeline)
        screen = self.session_screen(timeline, partial(self._wire, timeline, str(entry.path)))
        self.push_screen(screen, partial(self._session_over, timeline.name, screen))

    def _wire(self, timeline: Timeline, source: str) -> tuple[Listener, ...]:
        """A session's sound and log, made once its screen has drawn its first frame."""
        from montage.wiring import assemble

        recording = self.recording
        parts = assemble(
            timeline,
            source,
            self.audio,
            recording.session if recording is not None else _no_log,
            self.tell,
        )
        return (*parts.listeners, self._watch_counts, *self._listeners)

    def session_screen(self, timeline: Timeline, listeners: Listeners) -> SessionScreen:
        """The screen a session of ``timeline`` runs on, telling ``listeners`` its events."""
        ghosts = ghosts_in(lambda: self.log_service, timeline)
        return SessionScreen(timeline, self.clock, self.scheduler, listeners, ghosts, self.ghost)

    def _session_over(self, workout: str, run: SessionScreen, end: SessionFinished | None) -> None:
        if end is None:
            self.show_picker()
            return
        from montage.app.screens.summary import SummaryScreen

        self.last_session_id = None
        summary = SummaryScreen(end, workout, self.log_service, race=run.race())
        self.push_screen(summary, lambda _: self.show_picker())
        if self._counts.end_shown():
            self.call_later(self._ask_if_pending)
        if self.recording is not None and self.recording.writer is not None:
            self._records_when_logged(self.recording, summary)

    @work(thread=True, group="log")
    def _records_when_logged(self, recording: RecordingService, summary: SummaryScreen) -> None:
        """Wait (off the event loop) for the session's last writes, then show its records."""
        session_id = recording.session_id(wait=5.0)
        if session_id is not None:
            self.call_from_thread(self._logged, session_id, summary)

    def _logged(self, session_id: int, summary: SummaryScreen) -> None:
        self.last_session_id = session_id
        if summary.is_attached:
            summary.read_records(session_id)

    # ------------------------------------------------------------ typed counts

    def _watch_counts(self, event: Event) -> None:
        """Follow which finished step a typed count belongs to; ask when the step wants it."""
        if self._counts.follow(event):
            self.call_later(self._ask_if_pending)

    def _ask_if_pending(self) -> None:
        if self._counts.take_question():
            self.ask_count()

    def action_ask_count(self) -> None:
        """The ``r`` key of the summary."""
        self.ask_count()

    def ask_count(self) -> None:
        """Ask for the reps or rounds done in the last rep step or AMRAP, for the log."""
        from montage.app.screens.count_entry import ask_for_count  # loaded when first wanted

        writer = self.recording.writer if self.recording is not None else None
        in_session = any(isinstance(screen, SessionScreen) for screen in self.screen_stack)
        ask_for_count(self, self._counts.step, writer, in_session)

    def action_show_log(self) -> None:
        """Open the progress log over the current screen."""
        from montage.app.screens.review import ReviewScreen  # loaded when first wanted

        if not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen(self.log_service))

    def on_picker_screen_start(self, message: PickerScreen.Start) -> None:
        """A workout was chosen in the picker."""
        self.start_session(message.entry)

    def on_picker_screen_edit(self, message: PickerScreen.Edit) -> None:
        """The picker asked to edit a workout's file."""
        from montage.app.editing import edit_entry

        edit_entry(self, message.entry, self.edit_file, self.entries)

    def edit_file(self, path: Path) -> None:
        """Open a file in the user's editor, with the app suspended until it closes."""
        from montage.app.editing import run_editor

        run_editor(self, path)

    def action_help(self) -> None:
        """Every key of the current screen, over it (or, over it already, closed)."""
        from montage.app.screens.help import toggle_help  # loaded when first wanted

        toggle_help(self)

    # ---------------------------------------------------------------- palette

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette: the current screen's commands, then Textual's (workouts to start come
        from ``WorkoutCommands``)."""
        from montage.app.palette import system_commands

        return system_commands(self, screen, super().get_system_commands(screen))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notice. Notices carry outside text (names, paths, problems), so they are
        never read as markup, whatever the caller asks, and their control characters are
        shown as escapes."""
        super().notify(
            visible(message, newlines=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )


def _no_log(timeline: Timeline, source: str | None, notify: Notify) -> None:
    """Sessions of an app with no progress log are not written anywhere."""
    return None
