"""The ``montage`` command line's arguments: one sub-command per job, and the types its
options read."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TypeAlias

from montage import __version__
from montage.paths import (
    DATABASE_SCHEMES,
    DatabaseURL,
)

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""Where the sub-commands are added."""

Handler = Callable[[argparse.Namespace], int]
"""Runs a sub-command with its arguments; returns the exit status."""


def _command(module: str, name: str) -> Handler:
    """The handler ``name`` of ``montage.cli.<module>``, loaded when its command runs: each
    command loads its own modules only (``montage run`` none of the log's or the class's)."""

    def handler(args: argparse.Namespace) -> int:
        found: Handler = getattr(import_module(f"montage.cli.{module}"), name)
        return found(args)

    handler.__name__ = handler.__qualname__ = name
    return handler


def build_parser(arguments: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job.

    Args:
        arguments: The arguments it is made for: when they start with a sub-command, only
            that one is added (so ``montage run`` spends no time on the others'); with no
            sub-command first (``montage``, ``montage --help``, a mistyped one), all of them.
    """
    parser = argparse.ArgumentParser(
        prog="montage",
        description="A retro 80s training-montage workout timer and training log.",
    )
    parser.add_argument("--version", action="version", version=f"montage {__version__}")
    parser.set_defaults(handler=_command("session", "cmd_home"))
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    named = _COMMANDS.get(arguments[0]) if arguments else None
    for add in [named] if named is not None else _COMMANDS.values():
        add(commands)
    return parser


def _add_run(commands: Commands) -> None:
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
    run.set_defaults(handler=_command("session", "cmd_run"))


def _add_listing(commands: Commands) -> None:
    listing = commands.add_parser("list", help="the workouts found, with their total time")
    listing.set_defaults(handler=_command("workouts", "cmd_list"))


def _add_show(commands: Commands) -> None:
    show = commands.add_parser("show", help="a workout's compiled timeline")
    show.add_argument("workout", help="a workout's name, or the path of a workout file")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_command("workouts", "cmd_show"))


def _add_progress(commands: Commands) -> None:
    progress = commands.add_parser(
        "progress", help="a workout's current targets, grown by its rules"
    )
    progress.add_argument("workout", help="a workout's name, or the path of a workout file")
    progress.add_argument(
        "--reset", action="store_true", help="forget the grown targets: start over from the file"
    )
    progress.set_defaults(handler=_command("workouts", "cmd_progress"))


def _add_validate(commands: Commands) -> None:
    validate = commands.add_parser("validate", help="check workout files")
    validate.add_argument(
        "paths", nargs="+", metavar="WORKOUT", help="files, folders, or names of workouts"
    )
    validate.set_defaults(handler=_command("workouts", "cmd_validate"))


def _add_schema(commands: Commands) -> None:
    schema = commands.add_parser("schema", help="print the JSON Schema of a workout file")
    schema.set_defaults(handler=_command("workouts", "cmd_schema"))


def _add_new(commands: Commands) -> None:
    new = commands.add_parser("new", help="write a starter workout into your workouts folder")
    new.add_argument("name", help="the new workout's name")
    new.set_defaults(handler=_command("workouts", "cmd_new"))


def _add_stats(commands: Commands) -> None:
    stats = commands.add_parser(
        "stats", help="records, streaks and recent training days; NAME: its progress over time"
    )
    stats.add_argument("name", nargs="?", metavar="NAME", help="a workout or an exercise")
    stats.add_argument("--json", action="store_true", help="print NAME's progress as JSON")
    stats.set_defaults(handler=_command("log", "cmd_stats"))


def _add_render(commands: Commands) -> None:
    render = commands.add_parser("render", help="a session's soundtrack, as a WAV or FLAC file")
    render.add_argument("workout", help="a workout's name, or the path of a workout file")
    render.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    render.add_argument("--reps-seconds", metavar="TIME", help="how long each rep step takes")
    render.set_defaults(handler=_command("session", "cmd_render"))


def _add_log(commands: Commands) -> None:
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
    log.set_defaults(handler=_command("log", "cmd_log"))


def _add_serve(commands: Commands) -> None:
    serve = commands.add_parser("serve", help="the app in a browser, for any screen nearby")
    _bind_options(serve, 8000)
    serve.set_defaults(handler=_command("gym", "cmd_serve"))


def _add_lead(commands: Commands) -> None:
    lead = commands.add_parser("class", help="coach a class: every follower's screen in step")
    lead.add_argument("workout", help="a workout's name, or the path of a workout file")
    _bind_options(lead, 8765)
    lead.add_argument("--code", help="the join code (default: six fresh digits)")
    lead.add_argument("--web-port", type=_port, help="also serve the class page to browsers here")
    lead.set_defaults(handler=_command("gym", "cmd_class"))


def _add_follow(commands: Commands) -> None:
    follow = commands.add_parser("follow", help="follow a coach's class on this screen")
    follow.add_argument("coach", nargs="?", help="HOST or HOST:PORT (default: look on the LAN)")
    follow.add_argument("--name", help="your name on the whiteboard")
    follow.add_argument("--code", help="the class's join code")
    follow.set_defaults(handler=_command("gym", "cmd_follow"))


_COMMANDS: dict[str, Callable[[Commands], None]] = {
    "run": _add_run,
    "list": _add_listing,
    "show": _add_show,
    "progress": _add_progress,
    "validate": _add_validate,
    "schema": _add_schema,
    "new": _add_new,
    "stats": _add_stats,
    "render": _add_render,
    "log": _add_log,
    "serve": _add_serve,
    "class": _add_lead,
    "follow": _add_follow,
}
"""Each sub-command by its name, in the order the help lists them."""


def _bind_options(command: argparse.ArgumentParser, port: int) -> None:
    command.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: this machine only)"
    )
    command.add_argument("--port", type=_port, default=port, help=f"the port (default {port})")


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1 to 65535)")
    return int(text)


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
