"""The montage app: composes the picker, the session and the summary from injected services."""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from montage.app.commands import palette_entries
from montage.app.palette import WorkoutCommands
from montage.app.scheduler import LoopScheduler, Scheduler
from montage.app.screens.picker import PickerScreen
from montage.app.screens.session import SessionScreen
from montage.app.screens.summary import SummaryScreen
from montage.app.theme import MONTAGE_THEME, PHASE_DEFAULTS
from montage.log.reading import LogService
from montage.paths import montage_home, user_workouts_dir
from montage.safe_text import visible
from montage.session.counts import CountFollower, count_text
from montage.session.engine import Clock
from montage.session.events import Event, Listener, SessionFinished
from montage.session.timeline import Timeline
from montage.settings import Settings, save_settings
from montage.sound.service import AudioService
from montage.wiring import Notify, assemble, planned
from montage.workout.catalogue import Entry, catalogue, editable_copy, load_entry

if TYPE_CHECKING:
    from montage.app.screens.count_entry import Count
    from montage.log.recording import RecordingService


NOTHING_COUNTED = "Nothing to log: no rep step or AMRAP was done in this session."
"""What ``r`` says after a session with nothing to count."""


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
        audio: Makes each session's sound; simpleaudio with the settings' volume by default.
        log_service: Reads the progress log for its review; the log in montage's data
            folder by default.
        recording: Keeps each session in the progress log; None runs without the log.
    """

    CSS_PATH = "montage.tcss"
    COMMANDS = App.COMMANDS | {WorkoutCommands}
    TITLE = "montage"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (64, "-wide")]  # noqa: RUF012
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
    ) -> None:
        super().__init__()
        self.audio = audio or AudioService(settings, clock)
        self._loop: asyncio.AbstractEventLoop | None = None
        self.settings = settings
        self.clock = clock
        self.scheduler: Scheduler = scheduler or LoopScheduler()
        self._find_entries = entries
        self._start = start
        self._extra = [entry for entry in extra if entry.origin == "path"]
        self._listeners = tuple(listeners)
        self._save = save
        self.log_service = log_service or LogService()
        self.recording = recording
        self._counts = CountFollower()
        self.last_session_id: int | None = None
        """The log's row of the session just finished, set by whoever records it; the
        summary shows the records that session broke."""
        self.register_theme(MONTAGE_THEME)
        self.theme = settings.theme if settings.theme in self.available_themes else "montage"

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
        for signum in (signal.SIGTERM, signal.SIGHUP):
            # a kill or a closed terminal ends the session as stopped, and Textual puts the
            # terminal back as it was (no alternate screen, no mouse tracking left on)
            with suppress(NotImplementedError, RuntimeError, ValueError):
                self._loop.add_signal_handler(signum, partial(self.end_for_signal, signum))
        if self.recording is not None:
            self.recording.start()
        if self._start is not None:
            self.start_session(self._start)  # the picker is made when the session is over
        else:
            self.show_picker()

    def on_app_focus(self) -> None:
        """The terminal has the focus again: files may have changed meanwhile."""
        if isinstance(self.screen, PickerScreen):
            self.screen.rescan()

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
        if not any(isinstance(screen, PickerScreen) for screen in self.screen_stack):
            self.push_screen(PickerScreen(self.entries(), scan=self.entries))

    def on_unmount(self) -> None:
        self.audio.close()
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
        self.notify(f"Volume {round(self.settings.volume * 100)}%", timeout=1.5)
        self.save_settings()

    def watch_theme(self, theme: str) -> None:
        if self.settings.theme != theme:
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
        timeline = planned([entry], self.log_service, self.tell)[0].timeline or entry.timeline
        self._counts = CountFollower()
        recording = self.recording
        parts = assemble(
            timeline,
            str(entry.path),
            self.audio,
            recording.session if recording is not None else _no_log,
            self.tell,
        )
        listeners = (*parts.listeners, self._watch_counts, *self._listeners)
        screen = self.session_screen(timeline, listeners)
        self.push_screen(screen, partial(self._session_over, timeline.name))

    def session_screen(self, timeline: Timeline, listeners: Iterable[Listener]) -> SessionScreen:
        """The screen a session of ``timeline`` runs on, telling ``listeners`` its events."""
        return SessionScreen(timeline, self.clock, self.scheduler, tuple(listeners))

    def _session_over(self, workout: str, finished: SessionFinished | None) -> None:
        if finished is None:
            self.show_picker()
            return
        self.last_session_id = None
        summary = SummaryScreen(finished, workout, self.log_service)
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
        from montage.app.screens.count_entry import CountScreen  # loaded when first wanted

        step = self._counts.step
        writer = self.recording.writer if self.recording is not None else None
        if step is None:
            if any(isinstance(screen, SessionScreen) for screen in self.screen_stack):
                self.notify("Nothing to log yet: press r after a rep step or an AMRAP.", timeout=3)
            else:
                self.notify(NOTHING_COUNTED, timeout=3)
        elif writer is None:
            self.notify("The progress log is off; nothing can be kept.", severity="warning")
        elif not isinstance(self.screen, CountScreen):

            def keep(count: Count | None) -> None:
                if count is not None:
                    writer.enter_count(step, *count)
                    self.notify(f"Logged: {count_text(step, *count)}", timeout=2)

            self.push_screen(CountScreen(step), keep)

    def action_show_log(self) -> None:
        """Open the progress log over the current screen."""
        from montage.app.screens.review import ReviewScreen  # loaded when first wanted

        if not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen(self.log_service))

    @on(PickerScreen.Start)
    def _picked(self, message: PickerScreen.Start) -> None:
        self.start_session(message.entry)

    # ---------------------------------------------------------------- editing

    @on(PickerScreen.Edit)
    def _edit(self, message: PickerScreen.Edit) -> None:
        path = self._editable(message.entry)
        if path is None:
            return
        self.edit_file(path)
        picker = self.screen
        if isinstance(picker, PickerScreen):
            picker.set_entries(self.entries(), select=load_entry(path, "user"))

    def _editable(self, entry: Entry) -> Path | None:
        """The file to edit: a shipped workout is first copied into the user's folder."""
        try:
            path, copied = editable_copy(entry, user_workouts_dir())
        except OSError as error:
            self.notify(f"Cannot copy {entry.path.name}: {error.strerror}", severity="error")
            return None
        if copied:
            self.notify(f"Editing your copy: {path}", timeout=4)
        return path

    def edit_file(self, path: Path) -> None:
        """Open a file in the user's editor, with the app suspended until it closes.

        Args:
            path: The file to edit.
        """
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or _fallback_editor()
        if editor is None:
            self.notify("Set $EDITOR to edit workouts here.", severity="warning")
            return
        try:
            with self.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
        except (OSError, RuntimeError) as error:
            self.notify(f"Cannot run {editor}: {error}", severity="error")

    # ---------------------------------------------------------------- palette

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette: the current screen's commands, then Textual's (workouts to start come
        from ``WorkoutCommands``)."""
        own = list(palette_entries(getattr(screen, "COMMAND_LIST", ())))
        for title, help_text, action in own:
            yield SystemCommand(title, help_text, partial(screen.run_action, action))
        quits = any(action == "quit" for _, _, action in own)
        for command in super().get_system_commands(screen):
            if command.title == "Quit" and quits:
                continue  # the screen's own "Quit (q)" is the same command
            if command.title == "Screenshot":
                command = command._replace(callback=self._screenshot_soon)
            yield command

    def _screenshot_soon(self) -> None:
        self.set_timer(0.1, self.save_screenshot_here)

    def save_screenshot_here(self) -> None:
        """Save an SVG of the screen into montage's screenshots folder, and say where."""
        folder = montage_home() / "screenshots"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(path=str(folder))
        except OSError as error:
            self.notify(f"Screenshot not saved: {error.strerror}", severity="error")
            return
        self.notify(f"Screenshot saved: {saved}", timeout=4)

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


def _fallback_editor() -> str | None:
    for name in ("nano", "vi"):
        if shutil.which(name):
            return name
    return None
