"""What every command of the command line uses: safe streams, one-line errors, a crash's
report, whether a full screen can draw, a workout's timeline or its problems."""

from __future__ import annotations

import io
import os
import sys
import traceback
from datetime import datetime

from montage import __version__
from montage.paths import montage_home
from montage.safe_text import visible
from montage.session.timeline import Timeline
from montage.workout.catalogue import Entry


def usable_streams() -> None:
    """Make standard output and error safe to write to, whatever they are.

    A closed one (``montage list >&-``) becomes the null device, so the command ends
    quietly; one whose encoding cannot show every character (``PYTHONIOENCODING=ascii``,
    ``LC_ALL=C``) shows ``?`` for what it cannot encode instead of failing.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
        elif isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def err(text: str) -> None:
    """One line (or a few) for the user on standard error; outside text in it (a file's name,
    a workout's) shows its control characters as escapes."""
    print(visible(text, newlines=True), file=sys.stderr)


def crash_report() -> str:
    """Keep the traceback of an unexpected error in a file, and say where."""
    try:
        home = montage_home()
        home.mkdir(parents=True, exist_ok=True)
        path = home / "crash.log"
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().astimezone().isoformat()} montage {__version__}\n")
            log.write(traceback.format_exc())
    except OSError:
        return ""
    return f" (details in {path})"


def timeline_of(entry: Entry) -> Timeline:
    if entry.timeline is None:
        assert entry.error is not None
        raise entry.error
    return entry.timeline


def no_full_screen() -> str | None:
    """Why the full-screen app cannot draw here, or None when it can."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return None  # a driver of Textual's own (a browser) draws it
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return "the output or the input is not a terminal"
    if os.name != "nt" and os.environ.get("TERM", "dumb") in ("dumb", ""):
        return "the terminal cannot draw a full screen (TERM=dumb)"
    return None


def planned_entry(entry: Entry) -> Entry:
    """The workout with the targets the progress log holds; a log that cannot be read is
    told in one line, and the file's own targets are used."""
    from montage.wiring import planned

    return planned([entry], tell=lambda text: err(f"montage: {text}"))[0]
