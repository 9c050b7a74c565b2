"""The command line for a gym: ``montage serve``, ``montage class`` and ``montage follow``."""

from __future__ import annotations

import argparse
import sys

from montage.cli.shared import err, no_full_screen, timeline_of
from montage.workout.catalogue import find


def _gym_missing(error: ImportError) -> int:
    err(f"montage: this needs montage's gym extra (no {error.name}): pip install 'montage[gym]'")
    return 1


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app to browsers, each with a montage of its own on this machine."""
    try:
        from montage.web.server import app_command, serve
    except ImportError as error:
        return _gym_missing(error)
    err("montage serve: the app for every browser that opens it; Ctrl-C stops")
    return serve(app_command(), args.host, args.port)


def cmd_class(args: argparse.Namespace) -> int:
    """Coach a class: this montage's session on every follower's screen."""
    entry = find(args.workout)
    timeline_of(entry)
    why = no_full_screen()
    if why is not None:
        err(f"montage: the coach's screen needs a terminal ({why})")
        return 1
    try:
        from montage.classroom.run import run_class
    except ImportError as error:
        return _gym_missing(error)
    return run_class(entry, args.host, args.port, args.code, args.web_port)


def cmd_follow(args: argparse.Namespace) -> int:
    """Follow a coach's class: its session, step for step, and the whiteboard."""
    why = no_full_screen()
    if why is not None:
        err(f"montage: following a class needs a terminal ({why})")
        return 1
    try:
        from montage.classroom.run import run_follow
    except ImportError as error:
        return _gym_missing(error)
    return run_follow(args.coach, args.name, args.code, sys.stderr)
