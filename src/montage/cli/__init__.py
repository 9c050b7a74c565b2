"""The ``montage`` command line."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

from montage import __version__
from montage.cli.gym import cmd_class, cmd_follow, cmd_serve
from montage.cli.shared import crash_report, err, no_full_screen, timeline_of, usable_streams
from montage.durations import DurationError, format_duration, parse_duration
from montage.paths import (
    DATABASE_SCHEMES,
    DatabaseURL,
    log_database_file,
    user_workouts_dir,
)
from montage.safe_text import visible
from montage.session.ghost import GhostChoice
from montage.session.progression import changes
from montage.settings import load_settings, log_location
from montage.workout.catalogue import Entry, NotFound, catalogue, find
from montage.workout.problems import WorkoutError
from montage.workout.text import change_text, list_lines, plan_lines, show_row


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="montage",
        description="A retro 80s training-montage workout timer and training log.",
    )
    parser.add_argument("--version", action="version", version=f"montage {__version__}")
    parser.set_defaults(handler=cmd_home)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    run = commands.add_parser("run", help="start a session")
    run.add_argument("workout", help="a workout's name, or the path of a workout file")
    run.add_argument("--mute", action="store_true", help="no sound")
    run.add_argument("--plain", action="store_true", help="line-by-line output, no full screen")
    run.add_argument(
        "--ghost",
        choices=("best", "last", "none"),
        default="best",
        help="race Drago, your best or last finished session of the workout (default best)",
    )
    run.set_defaults(handler=cmd_run)

    listing = commands.add_parser("list", help="the workouts found, with their total time")
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser("show", help="a workout's compiled timeline")
    show.add_argument("workout", help="a workout's name, or the path of a workout file")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=cmd_show)

    progress = commands.add_parser(
        "progress", help="a workout's current targets, grown by its rules"
    )
    progress.add_argument("workout", help="a workout's name, or the path of a workout file")
    progress.add_argument(
        "--reset", action="store_true", help="forget the grown targets: start over from the file"
    )
    progress.set_defaults(handler=cmd_progress)

    validate = commands.add_parser("validate", help="check workout files")
    validate.add_argument(
        "paths", nargs="+", metavar="WORKOUT", help="files, folders, or names of workouts"
    )
    validate.set_defaults(handler=cmd_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of a workout file")
    schema.set_defaults(handler=cmd_schema)

    new = commands.add_parser("new", help="write a starter workout into your workouts folder")
    new.add_argument("name", help="the new workout's name")
    new.set_defaults(handler=cmd_new)

    stats = commands.add_parser(
        "stats", help="records, streaks and recent training days; NAME: its progress over time"
    )
    stats.add_argument("name", nargs="?", metavar="NAME", help="a workout or an exercise")
    stats.add_argument("--json", action="store_true", help="print NAME's progress as JSON")
    stats.set_defaults(handler=cmd_stats)

    render = commands.add_parser("render", help="a session's soundtrack, as a WAV or FLAC file")
    render.add_argument("workout", help="a workout's name, or the path of a workout file")
    render.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    render.add_argument("--reps-seconds", metavar="TIME", help="how long each rep step takes")
    render.set_defaults(handler=cmd_render)

    log = commands.add_parser("log", help="the progress log: your sessions")
    shape = log.add_mutually_exclusive_group()
    shape.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        default="table",
        help="print JSON: each session with its steps",
    )
    shape.add_argument(
        "--csv", dest="format", action="store_const", const="csv", help="print CSV: a row per step"
    )
    shape.add_argument(
        "--backup",
        metavar="FILE",
        type=Path,
        help="copy the whole log to FILE, safely while montage runs",
    )
    shape.add_argument(
        "--to-postgres",
        metavar="URL",
        type=_postgres_url,
        help="copy the whole SQLite log into an empty PostgreSQL log, once",
    )
    log.add_argument("--workout", metavar="NAME", help="only this workout's sessions")
    log.add_argument(
        "--since", metavar="DATE", type=_since_date, help="only sessions from this date on"
    )
    log.add_argument("--limit", metavar="N", type=_session_count, help="only the newest N sessions")
    log.set_defaults(handler=cmd_log)

    serve = commands.add_parser("serve", help="the app in a browser, for any screen nearby")
    _bind_options(serve, 8000)
    serve.set_defaults(handler=cmd_serve)

    lead = commands.add_parser("class", help="coach a class: every follower's screen in step")
    lead.add_argument("workout", help="a workout's name, or the path of a workout file")
    _bind_options(lead, 8765)
    lead.add_argument("--code", help="the join code (default: six fresh digits)")
    lead.add_argument("--web-port", type=_port, help="also serve the class page to browsers here")
    lead.set_defaults(handler=cmd_class)

    follow = commands.add_parser("follow", help="follow a coach's class on this screen")
    follow.add_argument("coach", nargs="?", help="HOST or HOST:PORT (default: look on the LAN)")
    follow.add_argument("--name", help="your name on the whiteboard")
    follow.add_argument("--code", help="the class's join code")
    follow.set_defaults(handler=cmd_follow)
    return parser


def _bind_options(command: argparse.ArgumentParser, port: int) -> None:
    command.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: this machine only)"
    )
    command.add_argument("--port", type=_port, default=port, help=f"the port (default {port})")


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1 to 65535)")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments, without the program name; ``sys.argv`` by default.

    Returns:
        The exit status: 0 on success, 1 when something was wrong, 130 when interrupted.
    """
    usable_streams()
    args = build_parser().parse_args(argv)
    try:
        status: int = args.handler(args)
    except NotFound as error:
        err(f"montage: {error}")
        return 1
    except WorkoutError as error:
        for problem in error.problems:
            err(str(problem))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``montage list | head``): leave quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        err(f"montage: {error.strerror or error}{where}")
        return 1
    except Exception as error:  # noqa: BLE001 - the last guard: one line, never a traceback
        err(f"montage: unexpected error: {error!r}{crash_report()}")
        return 70
    return status


# ------------------------------------------------------------------ commands


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
    entry = _planned(find(args.workout))
    timeline = timeline_of(entry)
    if not args.plain:
        why = no_full_screen()
        if why is None:
            return _run_app(entry, mute=args.mute, ghost=args.ghost)
        err(f"montage: {why}: the session runs line by line, as with --plain")
    # the line mode's modules load only for it, off the way of the app's first frame
    from montage.log.reading import LogService
    from montage.plain import PlainSession, stdin_waiter
    from montage.session.engine import Engine
    from montage.sound.service import AudioService
    from montage.wiring import Notify, assemble, find_ghost, ghost_intro

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


def cmd_list(args: argparse.Namespace) -> int:
    """Print every known workout with its total time and tags."""
    lines = list_lines(catalogue())
    if not lines:
        print("No workouts found. Write one with:  montage new NAME")
        return 0
    print("\n".join(lines))
    print(f"\nYour workouts folder: {visible(str(user_workouts_dir()))}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print a workout's timeline, as a table or as JSON."""
    entry = find(args.workout)
    if entry.error is not None:  # its file name may hold anything: print it safely
        for problem in entry.error.problems:
            err(visible(str(problem)))
        return 1
    timeline = timeline_of(_planned(entry))
    if args.json:
        data: dict[str, Any] = {**timeline.to_json(), "path": str(entry.path)}
        for step, shown in zip(timeline.steps, data["steps"], strict=True):
            grown = changes(timeline, step.target) if step.target is not None else []
            written = {change.quantity: change.written for change in grown}
            if written:
                shown["written"] = written  # what the file asks, before the log's progress
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    beat = f"beat {timeline.bpm} bpm" if timeline.bpm else "no beat"
    total = format_duration(timeline.total_seconds)
    print(visible(f"{timeline.name} - {total} - {len(timeline)} steps - {beat}"))
    if timeline.description:
        print(visible(timeline.description, newlines=True))
    for change in changes(timeline):
        if change.quantity == "rounds":  # a step's own changes are on its row
            print(visible(f"{change.rule.name}: {change_text(change)}"))
    print()
    for step in timeline.steps:
        print(visible(show_row(step, timeline)))
    return 0


def _planned(entry: Entry) -> Entry:
    """The workout with the targets the progress log holds; a log that cannot be read is
    told in one line, and the file's own targets are used."""
    from montage.wiring import planned

    return planned([entry], tell=lambda text: err(f"montage: {text}"))[0]


def cmd_progress(args: argparse.Namespace) -> int:
    """Print a workout's current targets, or forget them with ``--reset``."""
    entry = find(args.workout)
    timeline = timeline_of(entry)
    name = visible(timeline.name)
    if not timeline.rules:
        print(f"{name} has no progress: rules; give a step one, like progress: {{reps: +1}}")
        return 0
    if args.reset:
        from montage.log.errors import LogError
        from montage.log.store import open_log

        try:
            with open_log() as store:  # where the settings put the log
                steps = store.reset_targets(timeline.name)
        except LogError as error:
            err(f"montage: {error}")
            return 1
        if steps:
            print(
                f"{name}: reset the targets of {steps} step{'s' if steps != 1 else ''};"
                " the next session asks what the file writes"
            )
        else:
            print(f"{name}: nothing to reset; its targets are the file's own")
        return 0
    timeline = timeline_of(_planned(entry))
    print(f"{name}: current targets")
    print("\n".join(plan_lines(timeline)))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check workouts, by file, folder or name, and their sounds; exit 1 when any has a problem."""
    from montage.validation import validate

    return validate(args.paths)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a workout file."""
    from montage.workout.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write a starter workout into the user's workouts folder and print its path."""
    from montage.workout.catalogue import shipped_named
    from montage.workout.starter import StarterError, write_starter

    try:
        path = write_starter(args.name, user_workouts_dir())
    except StarterError as error:
        err(f"montage: {error}")
        return 1
    print(visible(str(path)))
    shipped = shipped_named(args.name)
    if shipped is not None:
        err(
            f"montage: the shipped workout '{shipped.name}' has this name too; yours replaces "
            "it in the picker and in 'montage list'"
        )
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    """Print the progress log: a table of sessions, or every step as JSON or CSV; or copy it."""
    from montage.log.listing import print_log
    from montage.log.migrations import workout_key
    from montage.log.queries import Filter

    copying = "--backup" if args.backup is not None else "--to-postgres"
    if args.backup is not None or args.to_postgres is not None:
        if (args.workout, args.since, args.limit) != (None, None, None):
            err(
                f"montage log: {copying} copies the whole log; --workout, --since and --limit"
                " do not apply"
            )
            return 2
        try:
            location = log_location()
        except ValueError as error:
            err(f"montage: {error}")
            return 1
    if args.to_postgres is not None:
        from montage.log.copying import print_copy

        # the SQLite log: MONTAGE_DB's file, or montage's own when MONTAGE_DB is PostgreSQL
        source = location if isinstance(location, Path) else log_database_file()
        return print_copy(source, args.to_postgres)
    if args.backup is not None:
        if not isinstance(location, Path):
            err(f"montage: {location}: a PostgreSQL log is backed up with pg_dump")
            return 1
        from montage.log.backup import print_backup

        return print_backup(location, args.backup)
    key = None if args.workout is None else workout_key(args.workout)
    return print_log(None, args.format, Filter(key, since=args.since, limit=args.limit))


def _postgres_url(text: str) -> DatabaseURL:
    if not text.lower().startswith(DATABASE_SCHEMES):
        raise argparse.ArgumentTypeError("give a postgresql:// URL")
    return DatabaseURL(text)


def _since_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-05-01") from None


def _session_count(text: str) -> int:
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of sessions (1 or more)")
    return int(text)  # any size: more sessions than the log holds shows them all


def cmd_stats(args: argparse.Namespace) -> int:
    """Print each workout's bests, the streaks and the training days of the last 4 weeks."""
    from montage.log.listing import print_progress, print_stats
    from montage.log.reading import LogService

    service = LogService()
    if args.name is not None:
        return print_progress(service, args.name, args.json)
    return print_stats(service)


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
