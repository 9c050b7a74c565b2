"""Sessions from the command line: ``montage`` (the picker), ``montage run`` in the app or
line by line, and ``montage render``."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from types import FrameType
from typing import TYPE_CHECKING

from montage.cli.shared import (
    err,
    no_full_screen,
    planned_entry,
    timeline_of,
)
from montage.durations import DurationError, format_duration, parse_duration
from montage.safe_text import visible
from montage.settings import load_settings
from montage.workout.catalogue import Entry, find

if TYPE_CHECKING:
    from montage.session.ghost import GhostChoice


def cmd_home(args: argparse.Namespace) -> int:
    """Without a command: open the app on the workout picker."""
    why = no_full_screen()
    if why is not None:
        err(
            f"montage: the workout picker needs a terminal ({why}); 'montage list' shows the"
            " workouts and 'montage run NAME --plain' runs one line by line"
        )
        return 1
    return _run_app(None)


def _run_app(start: Entry | None, mute: bool = False, ghost: GhostChoice = "best") -> int:
    from montage.app import garbage

    garbage.hold_off()  # until the first frame: what is made until then lives as long as it
    from montage.app.app import MontageApp  # the full-screen app loads only when used
    from montage.log.recording import RecordingService

    settings, notice = load_settings()
    app = MontageApp(
        settings,
        start=start,
        extra=[start] if start else [],
        recording=RecordingService(),
        mute=mute,
        ghost=ghost,
    )
    if notice:
        app.call_later(app.notify, notice, severity="warning")
    app.run()
    return 0 if app.return_code is None else app.return_code


def cmd_run(args: argparse.Namespace) -> int:
    """Run a session: in the app, or line by line with ``--plain``."""
    entry = find(args.workout)
    timeline_of(entry)  # a workout with problems is told before anything starts
    if not args.plain:
        why = no_full_screen()
        if why is None:
            # the app reads the targets from the log as it starts the session: once
            return _run_app(entry, mute=args.mute, ghost=args.ghost)
        err(f"montage: {why}: the session runs line by line, as with --plain")
    entry = planned_entry(entry)
    timeline = timeline_of(entry)
    # the line mode's modules load only for it, off the way of the app's first frame
    from montage.log.reading import LogService
    from montage.plain import PlainSession, stdin_waiter
    from montage.racing import find_ghost, ghost_intro
    from montage.session.engine import Engine
    from montage.sound.service import AudioService
    from montage.wiring import Notify, assemble

    settings, notice = load_settings()
    ghost, problem = find_ghost(LogService(), timeline, args.ghost)
    engine = Engine(timeline, time.monotonic)
    waiter = stdin_waiter()
    audio = AudioService(settings, time.monotonic, muted=args.mute)
    notes: list[str] = [text for text in (notice, problem) if text]
    tell: list[Notify] = [notes.append]  # until the session prints, notices wait in the list
    from montage.log.recorder import open_recorder  # the log's modules load only for a session

    parts = assemble(timeline, str(entry.path), audio, open_recorder, lambda text: tell[0](text))
    session = PlainSession(
        engine,
        sys.stdout,
        time.monotonic,
        waiter or _no_input,
        time.sleep,
        parts.listeners,
        keep_count=parts.log.enter_count if parts.log is not None else None,
        ghost=ghost,
        ghost_intro=ghost_intro(args.ghost, ghost),
    )
    for note in notes:
        session.say(note)
    tell[0] = session.say
    previous = signal.signal(signal.SIGTERM, _stop_on_term)
    try:
        finished = session.run()
    except KeyboardInterrupt:
        audio.close()
        print("Stopped.")
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        if parts.log is not None:
            parts.log.close()
    parts.player.close(ring_out=3.0 if finished.status == "completed" else 0.0)
    return 0


def _no_input(timeout: float | None) -> str | None:
    raise EOFError


def _stop_on_term(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def cmd_render(args: argparse.Namespace) -> int:
    """Write a whole session's soundtrack to a WAV or FLAC file, with a progress bar."""
    from montage.sound.soundtrack import ProgressBar, RenderError, render_soundtrack

    timeline = timeline_of(find(args.workout))
    settings, notice = load_settings()
    if notice:
        err(f"note: {notice}")
    try:
        reps = None if args.reps_seconds is None else parse_duration(args.reps_seconds)
        seconds = render_soundtrack(
            timeline, args.output, settings, reps, ProgressBar(sys.stderr),
            lambda text: err(f"note: {visible(text)}"),
        )  # fmt: skip
    except (RenderError, DurationError) as error:
        err(f"montage: {visible(str(error))}")
        return 1
    print(f"{visible(str(args.output))}: {format_duration(seconds)} ({seconds:.2f} s)")
    return 0
