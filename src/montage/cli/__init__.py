"""The ``montage`` command line: ``main`` runs it; each sub-command lives beside its kind
(``session``, ``workouts``, ``log``, ``gym``), its arguments in ``parser``."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from montage.cli.parser import build_parser
from montage.cli.shared import crash_report, err, usable_streams
from montage.workout.catalogue import NotFound
from montage.workout.problems import WorkoutError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments, without the program name; ``sys.argv`` by default.

    Returns:
        The exit status: 0 on success, 1 when something was wrong, 130 when interrupted.
    """
    usable_streams()
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(arguments).parse_args(arguments)
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


__all__ = ["build_parser", "main"]
